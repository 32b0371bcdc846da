#!/bin/sh
# make-fonts.sh: build Folio's own font files into theme/static/fonts/.
#
# Usage: scripts/make-fonts.sh           (run from anywhere; rerunnable)
#        PYTHON=/path/to/python3 scripts/make-fonts.sh
#
# Every output reads these same files: FreeType measures with them,
# cairo paints the PNGs with them, libharu embeds them in the PDF, and the
# web page serves the .woff2 copies. A label measured once therefore fits
# everywhere.
#
# Why the files are built this way:
#  * libharu can embed only TrueType (glyf) outlines. fonts-inter ships
#    CFF .otf files only, so Inter comes from fonts-inter-variable (a glyf
#    variable font), and we cut static instances out of it (wght 400/700).
#  * libharu identifies fonts by PostScript name (name ID 6) and silently
#    reuses the first font loaded under a name. Every instance therefore
#    gets its own name (FolioSans-Regular/-Bold/-Italic, FolioMono-Regular),
#    or Bold would quietly come out as Regular.
#  * libharu embeds hmtx/loca/cmap/post/name whole, so we pre-subset to the
#    repertoire content may use. That cuts a 1-page PDF from ~50 KB to ~8 KB.
#  * Measurement uses plain advance widths with no kerning (libharu cannot
#    kern). GSUB/GPOS/kern are dropped, so browsers, pango and cairo cannot
#    shape differently from the PDF either.
#  * Hinting is not used (cairo runs with HINT_STYLE_NONE and
#    HINT_METRICS_OFF), so instructions and hinting tables are dropped.
#  * The output is deterministic: head.created/modified come from the source
#    font, with no timestamps and a fixed order. Two runs with the same
#    package versions give byte-identical files.
#
# Licences (see theme/static/fonts/LICENSE.txt, written by this script):
#  * Inter is SIL OFL 1.1 with no Reserved Font Name, so a Modified Version
#    may be renamed. We rename it "Folio Sans" so it is not mistaken for the
#    original Inter ("Inter" is also a trademark of rsms, name ID 7).
#  * DejaVu Sans Mono is under the Bitstream Vera licence. Modified
#    versions must not use "Bitstream" or "Vera" in their names; "Folio Mono"
#    complies. The copyright and licence notices stay in name IDs 0 and 13.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$root/theme/static/fonts"

# Debian's python3-fonttools lives in /usr/bin/python3. A pyenv or venv
# python3 earlier on PATH would not see it, so prefer the system one.
if [ -n "${PYTHON:-}" ]; then
    py=$PYTHON
elif [ -x /usr/bin/python3 ]; then
    py=/usr/bin/python3
else
    py=python3
fi

inter_dir=/usr/share/fonts/truetype/inter-vf
mono=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
pkgs="fonts-inter-variable fonts-dejavu-core python3-fonttools python3-brotli"

have_fonts() {
    { [ -f "$inter_dir/Inter-roman.var.ttf" ] || [ -f "$inter_dir/Inter.var.ttf" ]; } &&
    [ -f "$mono" ]
}
have_python() {
    "$py" -c 'import fontTools.subset, fontTools.varLib.instancer, brotli' 2>/dev/null
}
missing_pkgs() {
    for p in $pkgs; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
            printf '%s ' "$p"
    done
}

if ! have_fonts || ! have_python; then
    need=$(missing_pkgs)
    if [ -n "$need" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "make-fonts: installing $need" >&2
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $need ||
        { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $need; }
    fi
    if ! have_fonts || ! have_python; then
        need=$(missing_pkgs)
        if [ -n "$need" ]; then
            echo "make-fonts: missing packages. As root, run:" >&2
            echo "    apt-get install $need" >&2
        fi
        if ! have_python; then
            echo "make-fonts: $py cannot import fontTools and brotli" >&2
            echo "    (set PYTHON= to a python3 that has them, e.g. /usr/bin/python3)" >&2
        fi
        exit 1
    fi
fi

mkdir -p "$out"

"$py" - "$out" "$inter_dir" "$mono" <<'PYEOF'
import os
import re
import subprocess
import sys

from fontTools import subset
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from fontTools.varLib import instancer

out_dir, inter_dir, mono_path = sys.argv[1:4]


def pick(*names):
    for n in names:
        p = os.path.join(inter_dir, n)
        if os.path.exists(p):
            return p
    return None


roman = pick("Inter-roman.var.ttf", "Inter.var.ttf")
italic = pick("Inter-italic.var.ttf")
italic_axes = {}
if italic is None:
    # Older or newer packaging with a single VF: use its slant axis.
    italic = pick("Inter.var.ttf")
    italic_axes = {"slnt": -10.0}
if roman is None or italic is None:
    sys.exit("make-fonts: no Inter variable TTF in " + inter_dir)

# The repertoire content may use. Anything outside it must fail the build's
# coverage check (FT_Get_Char_Index), because libharu draws nothing without
# reporting an error.
WANT = set()
for lo, hi in [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (includes U+00D7)
    (0x0100, 0x017F),  # Latin Extended-A
    (0x2010, 0x2027),  # dashes, quotes, bullet U+2022, ellipsis U+2026
    (0x2030, 0x203A),  # per mille, primes, single guillemets
    (0x2190, 0x2199),  # arrows
]:
    WANT.update(range(lo, hi + 1))
WANT.update([0x20AC, 0x2122, 0x2212, 0x2264, 0x2265, 0x2713, 0x25CF])
# The rest of Windows-1252 (florin, circumflex, tilde), so libharu's smaller
# CP1252 simple-font path stays possible with the same files.
CP1252_EXTRA = [0x0192, 0x02C6, 0x02DC]
WANT.update(CP1252_EXTRA)
CP1252 = set(bytes(range(0x20, 0x7F)).decode("cp1252")) | set(
    bytes(b for b in range(0x80, 0x100)
          if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)).decode("cp1252"))
CP1252 = {ord(c) for c in CP1252}

# name IDs copied unchanged from the source: copyright, trademark,
# manufacturer, designer, vendor URL, designer URL, licence, licence URL.
KEEP_NAME_IDS = (0, 7, 8, 9, 11, 12, 13, 14)

# (output stem, source file, axis values, family, style, PS name,
#  weight class, bold, italic, provenance)
FONTS = [
    ("folio-sans-regular", roman, {"wght": 400}, "Folio Sans", "Regular",
     "FolioSans-Regular", 400, False, False, "Inter, wght=400"),
    ("folio-sans-bold", roman, {"wght": 700}, "Folio Sans", "Bold",
     "FolioSans-Bold", 700, True, False, "Inter, wght=700"),
    ("folio-sans-italic", italic, dict(italic_axes, wght=400), "Folio Sans",
     "Italic", "FolioSans-Italic", 400, False, True, "Inter Italic, wght=400"),
    ("folio-mono-regular", mono_path, {}, "Folio Mono", "Regular",
     "FolioMono-Regular", 400, False, False, "DejaVu Sans Mono Book"),
]

# Tables a static, unhinted, unshaped TrueType font needs. Everything else
# (GDEF/GPOS/GSUB/kern: shaping and kerning; fvar/gvar/HVAR/STAT: variations;
# cvt/fpgm/prep/gasp/hdmx: hinting; DSIG/FFTM: signatures and tool stamps)
# is dropped.
KEEP_TABLES = {"head", "hhea", "maxp", "OS/2", "hmtx", "cmap", "loca", "glyf",
               "name", "post"}


def cps(s):
    return " ".join("U+%04X" % c for c in sorted(s))


def build(stem, src, axes, family, style, psname, weight, bold, italic,
          prov):
    font = TTFont(src, recalcTimestamp=False)
    head = font["head"]
    created, modified = head.created, head.modified
    up_version = font["name"].getDebugName(5) or ""
    up_full = font["name"].getDebugName(4) or ""

    # 1. Static instance. Pin every axis: wght as asked, and any other axis
    #    (opsz, slnt, ...) at its default, which for opsz is the text size.
    #    instancer drops fvar/gvar/HVAR/MVAR/STAT/avar.
    if "fvar" in font:
        limits = {a.axisTag: a.defaultValue for a in font["fvar"].axes}
        for tag, val in axes.items():
            if tag not in limits:
                sys.exit("make-fonts: %s has no %s axis" % (src, tag))
            limits[tag] = float(val)
        font = instancer.instantiateVariableFont(font, limits, inplace=True,
                                                 updateFontNames=False)
    elif axes:
        # A static source (DejaVu) must only be asked for its own weight.
        if axes.get("wght", weight) != font["OS/2"].usWeightClass:
            sys.exit("make-fonts: %s is static, cannot set %r" % (src, axes))

    # 2. Coverage: report what the source lacks (the repertoire is a wish
    #    list; the generator's coverage check catches real use of it).
    have = set(font.getBestCmap())
    missing = WANT - have

    # 3. Subset: only the repertoire, no layout features (so no GSUB closure
    #    pulls in alternates), no hinting, no glyph names (post format 3).
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.legacy_kern = False
    opts.glyph_names = False
    opts.notdef_outline = True      # a visible box for missing glyphs
    opts.name_IDs = ["*"]           # the name table is rebuilt below anyway
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.recalc_bounds = True
    opts.recalc_timestamp = False
    opts.recalc_average_width = True
    opts.prune_unicode_ranges = True
    opts.drop_tables = sorted(set(opts.drop_tables) |
                              {"GDEF", "GPOS", "GSUB", "kern", "STAT", "DSIG",
                               "FFTM", "gasp", "hdmx", "VDMX", "LTSH"})
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(WANT & have))
    sub.subset(font)
    for tag in sorted(font.keys()):
        if tag != "GlyphOrder" and tag not in KEEP_TABLES:
            del font[tag]

    # 4. cmap: one format 4 subtable, referenced as Windows Unicode BMP
    #    (3,1), which libharu reads, and as Unicode BMP (0,3). Everything
    #    is in the BMP, so no format 12 is needed.
    mapping = dict(font.getBestCmap())
    assert max(mapping) < 0x10000
    tables = []
    for pid, eid in ((0, 3), (3, 1)):
        t = CmapSubtable.newSubtable(4)
        t.platformID, t.platEncID, t.language = pid, eid, 0
        t.cmap = dict(mapping)
        tables.append(t)
    font["cmap"].tableVersion = 0
    font["cmap"].tables = tables

    # 5. Style bits. Bold and italic must be set so that every consumer
    #    (fontconfig, browsers, libharu's /Flags) sees the real style.
    os2 = font["OS/2"]
    os2.usWeightClass = weight
    sel = os2.fsSelection & ~((1 << 0) | (1 << 5) | (1 << 6))  # ITALIC BOLD REGULAR
    mac = head.macStyle & ~0x3
    if bold:
        sel |= 1 << 5
        mac |= 1 << 0
    if italic:
        sel |= 1 << 0
        mac |= 1 << 1
    if not bold and not italic:
        sel |= 1 << 6
    os2.fsSelection = sel
    head.macStyle = mac
    if italic:
        assert font["post"].italicAngle != 0, "italic source is not slanted"
    # Code pages: claim Windows-1252 (Latin 1) only, and only if complete.
    os2.ulCodePageRange1 = 1 if CP1252 <= set(mapping) else 0
    os2.ulCodePageRange2 = 0

    # 6. Names: rebuilt from scratch, Windows English only (libharu reads the
    #    (3,1,0x409) record when there is no Mac one). Family/subfamily are the
    #    RIBBI pair, so "Folio Sans" + Bold/Italic link as one family.
    old = font["name"]
    keep = {}
    for nid in KEEP_NAME_IDS:
        rec = old.getName(nid, 3, 1, 0x409) or old.getName(nid, 1, 0, 0)
        if rec is not None:
            keep[nid] = rec.toUnicode()
    m = re.match(r"Version \d+\.\d+", up_version)
    version = m.group(0) if m else "Version %.3f" % head.fontRevision
    names = dict(keep)
    names.update({
        1: family,
        2: style,
        3: "%s;Folio;%s" % (version[8:], psname),
        4: "%s %s" % (family, style),
        5: "%s; Folio static subset of %s (%s)" % (version, up_full,
                                                   up_version),
        6: psname,
        10: ("%s %s is a Modified Version of %s, made for the Folio site "
             "generator by scripts/make-fonts.sh: static instance, subset, "
             "no hinting, no OpenType layout, renamed." %
             (family, style, prov)),
    })
    name = newTable("name")
    name.names = []
    for nid in sorted(names):
        name.setName(names[nid], nid, 3, 1, 0x409)
    font["name"] = name

    # 7. Fixed timestamps: the source font's own, never "now".
    head.created, head.modified = created, modified

    ttf = os.path.join(out_dir, stem + ".ttf")
    woff2 = os.path.join(out_dir, stem + ".woff2")
    font.save(ttf + ".tmp", reorderTables=True)
    os.replace(ttf + ".tmp", ttf)

    # 8. WOFF2 for the web: the same TTF, only compressed (same glyph order,
    #    outlines and advances).
    w = TTFont(ttf, recalcTimestamp=False, recalcBBoxes=False)
    w.flavor = "woff2"
    w.save(woff2 + ".tmp", reorderTables=True)
    os.replace(woff2 + ".tmp", woff2)

    # Self-check of what we promise.
    chk = TTFont(ttf)
    for bad in ("fvar", "gvar", "GPOS", "GSUB", "GDEF", "kern", "HVAR",
                "fpgm", "prep", "cvt "):
        assert bad not in chk, (ttf, bad)
    assert chk["name"].getDebugName(6) == psname
    assert "glyf" in chk
    wchk = TTFont(woff2)
    assert wchk.getGlyphOrder() == chk.getGlyphOrder()
    assert wchk.getBestCmap() == chk.getBestCmap()
    assert wchk["hmtx"].metrics == chk["hmtx"].metrics
    return psname, len(chk.getGlyphOrder()), ttf, woff2, missing, src


results = [build(*f) for f in FONTS]
psnames = [r[0] for r in results]
assert len(set(psnames)) == len(psnames), "PostScript names must be unique"

print("%-28s %-18s %6s %8s" % ("file", "PostScript name", "glyphs", "bytes"))
for psname, n, ttf, woff2, missing, src in results:
    for p in (ttf, woff2):
        print("%-28s %-18s %6d %8d" % (os.path.basename(p), psname, n,
                                       os.path.getsize(p)))
for psname, n, ttf, woff2, missing, src in results:
    if missing:
        print("%s: missing in %s: %s" % (psname, os.path.basename(src),
                                          cps(missing)))
    else:
        print("%s: repertoire complete" % psname)


# 9. LICENSE.txt: which file comes from which package, then the upstream
#    licence texts. Built only from installed files, so it is deterministic.
def pkg_of(path):
    try:
        pkg = subprocess.run(["dpkg-query", "-S", path], capture_output=True,
                             text=True, check=True).stdout.split(":")[0]
        ver = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True,
                             check=True).stdout
        return "%s %s" % (pkg, ver)
    except (OSError, subprocess.CalledProcessError):
        return "(not from a Debian package)"


def dep5_license(path, short):
    """Copyright lines of the 'Files: *' stanza and the text of the
    'License: <short>' field of a DEP-5 (machine-readable) copyright file."""
    text = open(path, encoding="utf-8").read()
    copyright_lines, body = [], None
    for para in text.split("\n\n"):
        lines = para.split("\n")
        files_star = lines[0] == "Files: *"
        field = None
        for ln in lines:
            if ln.startswith(" ") and field is not None:
                if field == "Copyright" and files_star:
                    copyright_lines.append(ln.strip())
                elif field == "License" and body is not None and grab:
                    body.append(ln)
                continue
            field, _, value = ln.partition(":")
            value = value.strip()
            grab = False
            if field == "Copyright" and files_star:
                copyright_lines.append(value)
            elif field == "License" and value == short and body is None:
                body, grab = [], True
    if not body:
        sys.exit("make-fonts: no %s text in %s" % (short, path))
    out = []
    for ln in body:
        ln = ln[1:]
        out.append("" if ln == "." else ln)
    return copyright_lines, "\n".join(out).rstrip() + "\n"


inter_copy = "/usr/share/doc/fonts-inter-variable/copyright"
dejavu_copy = "/usr/share/doc/fonts-dejavu-core/copyright"
inter_c, ofl = dep5_license(inter_copy, "OFL-1.1")
dejavu_c, vera = dep5_license(dejavu_copy, "bitstream-vera")
inter_font_c = TTFont(roman)["name"].getDebugName(0)
dejavu_13 = TTFont(mono_path)["name"].getDebugName(13).rstrip() + "\n"

rule = "=" * 72 + "\n"
L = []
L.append("Fonts in static/fonts/ and where they come from\n")
L.append(rule)
L.append("These files are Modified Versions (static instances, subset, hinting "
         "and\nOpenType layout removed, renamed) made by "
         "scripts/make-fonts.sh.\nThey stay under their upstream licences, "
         "reproduced below.\n\n")
for stem, src, axes, family, style, psname, *_rest, prov in FONTS:
    L.append("%s.ttf, %s.woff2\n" % (stem, stem))
    L.append("    %s (%s %s): %s\n" % (psname, family, style, prov))
    L.append("    from %s\n" % src)
    L.append("    package %s\n" % pkg_of(src))
    L.append("    licence: %s\n\n" % ("SIL Open Font License 1.1 (part 1)"
                                      if "Inter" in prov else
                                      "Bitstream Vera Fonts licence (part 2)"))
L.append("Renaming: Inter declares no Reserved Font Name, so the OFL lets a\n"
         "Modified Version be renamed; it is called \"Folio Sans\" so that it "
         "is not\nmistaken for the original Inter. The Bitstream Vera licence "
         "requires modified\nfonts to be renamed to names without "
         "\"Bitstream\" or \"Vera\"; \"Folio Mono\"\ncomplies. The "
         "copyright and licence notices are also kept inside each font\n"
         "(name IDs 0 and 13).\n\n")
L.append(rule)
L.append("Part 1: Inter (folio-sans-*)\n")
L.append(rule)
L.append("%s\n" % inter_font_c)
for c in inter_c:
    L.append("Copyright %s\n" % c)
L.append("https://github.com/rsms/inter\n\n")
L.append("Debian's copyright file for Inter (%s)\nlists \"OFL-1.1 and "
         "Apache-2.0\" for the upstream source tree; the font files\n"
         "themselves declare OFL-1.1 (name ID 13).\n\n" % inter_copy)
L.append("This Font Software is licensed under the SIL Open Font License, "
         "Version 1.1.\nThis license is copied below, and is also available "
         "with a FAQ at:\nhttp://scripts.sil.org/OFL\n\n")
L.append("-" * 59 + "\n")
L.append("SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n")
L.append("-" * 59 + "\n\n")
L.append(ofl)
L.append("\n" + rule)
L.append("Part 2: DejaVu Sans Mono (folio-mono-regular)\n")
L.append(rule)
for c in dejavu_c:
    L.append("%s\n" % c)
L.append("\nLicence text as embedded in DejaVuSansMono.ttf (name ID 13):\n\n")
L.append(dejavu_13)
L.append("\nLicence text from %s:\n\n" % dejavu_copy)
L.append(vera)
lic = os.path.join(out_dir, "LICENSE.txt")
with open(lic + ".tmp", "w", encoding="utf-8", newline="\n") as fh:
    fh.write("".join(L))
os.replace(lic + ".tmp", lic)
print("%-28s %-18s %6s %8d" % ("LICENSE.txt", "", "", os.path.getsize(lic)))
PYEOF
