#!/usr/bin/env bash
# tests/fonts.sh: a site in a typeface of its own (site.yaml's fonts:).
#
# tests/fixtures/own-fonts names a serif (DejaVu Serif cut to Latin-1,
# tests/fixtures/own-fonts/fonts/README) as its regular face.  It builds;
# the PDF embeds that font and the page's CSS loads it as WOFF2; the subset
# holds exactly the characters the site uses, as fontTools reads its cmap
# and as this script works them out from the sources on its own; the
# layout and hinting tables are gone and the advances are the original's;
# the PNGs are drawn with it; the same sources give the same bytes; a new
# character or a new font file is a new subset.  Then each mistake is an
# error at its place: a character the font lacks, a file missing, outside
# fonts/, not a font, with CFF outlines, or with another face's name.
. "$(dirname "$0")/lib.sh"

# Debian's python3-fonttools lives in the system python, which a python3
# earlier on PATH (a pyenv, a venv) may not see.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if ! "$PY" -c 'import fontTools, brotli' 2>/dev/null; then
	not_ok "fonts: python3-fonttools and python3-brotli are installed" \
		"$PY cannot import fontTools and brotli: apt-get install python3-fonttools python3-brotli (make test installs them)"
	finish
	exit 1
fi

FIXTURE=$ROOT/tests/fixtures/own-fonts
ORIGINAL=$FIXTURE/fonts/DejaVuSerif-Latin1.ttf
SITE=$T_TMP/site
OUT=$T_TMP/out
copy_site "$FIXTURE" "$SITE"

run_folio "$T_TMP/build.out" "$T_TMP/build.err" build --source "$SITE" --out "$OUT"
if [ "$RC" -ne 0 ] || [ -s "$T_TMP/build.err" ]; then
	not_ok "fonts: the site with its own font builds without a word on stderr" "exit status $RC" \
		"$(cat "$T_TMP/build.err")"
	finish
	exit 1
fi
ok "fonts: the site with its own font builds without a word on stderr"

# ---- the PDF embeds the font ----------------------------------------------
PDF=$OUT/resources/cafe/cafe-playbook.pdf
if pdffonts "$PDF" >"$T_TMP/pdffonts" 2>&1 &&
	awk 'NR > 2 && $1 ~ /^[A-Z]+\+DejaVuSerif/ && $(NF-4) == "yes" { found = 1 } END { exit !found }' \
		"$T_TMP/pdffonts"; then
	ok "fonts: the playbook embeds the site's font (DejaVuSerif)"
else
	not_ok "fonts: the playbook embeds the site's font (DejaVuSerif)" "$(cat "$T_TMP/pdffonts")"
fi
if pdftotext "$PDF" - 2>/dev/null | grep -qF "Crème brûlée"; then
	ok "fonts: the playbook's text reads back with its Latin-1 letters"
else
	not_ok "fonts: the playbook's text reads back with its Latin-1 letters" "no 'Crème brûlée' in pdftotext"
fi

# ---- the page loads the WOFF2 -----------------------------------------------
# The stylesheet the home page links, and the regular face it loads.
css_href=$(grep -o '<link rel="stylesheet" href="[^"]*"' "$OUT/index.html" | head -n 1 | sed 's/.*href="//; s/"$//')
css=$OUT/${css_href#/}
woff2_url=$(grep -o '@font-face {[^}]*font-weight: 400; font-style: normal;[^}]*}' "$css" 2>/dev/null |
	grep -v 'Mono' | grep -o 'url("[^"]*")' | head -n 1 | sed 's/url("//; s/")$//')
WOFF2=$(cd "$(dirname "$css")" 2>/dev/null && realpath -m "$woff2_url")
if [ -n "$woff2_url" ] && [ -f "$WOFF2" ] && [ "$(head -c 4 "$WOFF2")" = "wOF2" ]; then
	ok "fonts: the page's CSS loads a WOFF2 file that exists (${WOFF2#"$OUT"/})"
else
	not_ok "fonts: the page's CSS loads a WOFF2 file that exists" "stylesheet: $css_href" "font url: $woff2_url"
fi
TTF=${WOFF2%.woff2}.ttf

# ---- the subset holds exactly the characters used ---------------------------
# Worked out here from the sources: every character of the content files
# (their comment lines left out) and of the values of the theme's strings,
# the marks of the theme's templates and stylesheets, the bullet the PDF
# draws before list items, and printable ASCII; of those, the ones the
# original font has.
if "$PY" - "$ORIGINAL" "$WOFF2" "$TTF" "$SITE/content" "$ROOT/theme" >"$T_TMP/cmap.log" 2>&1 <<'PY'; then
import os
import sys

from fontTools.ttLib import TTFont

original, woff2, ttf, content, theme = sys.argv[1:6]


def text_of(path, values_only=False):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("#"):
                continue
            if values_only:
                line = line.partition(":")[2]
            out.append(line)
    return "".join(out)


used = set(range(0x20, 0x7F)) | {0x2022}
for folder, _, names in os.walk(content):
    for name in names:
        used |= {ord(c) for c in text_of(os.path.join(folder, name))}
used |= {ord(c) for c in text_of(os.path.join(theme, "templates/strings/en.yaml"), values_only=True)}
for folder in ("templates", "static/css"):
    for base, _, names in os.walk(os.path.join(theme, folder)):
        for name in names:
            if name.endswith((".html", ".css")):
                used |= {ord(c) for c in open(os.path.join(base, name), encoding="utf-8").read() if ord(c) > 0x7E}
has = set(TTFont(original).getBestCmap())
want = {c for c in used if c in has}
bad = False
for label, path in (("WOFF2", woff2), ("TrueType", ttf)):
    font = TTFont(path)
    got = set(font.getBestCmap())
    for what, chars in (("missing from", want - got), ("not used but in", got - want)):
        if chars:
            bad = True
            print("%s %s: %s" % (what, label, " ".join("U+%04X %s" % (c, chr(c)) for c in sorted(chars))))
    if font.flavor != ("woff2" if label == "WOFF2" else None):
        bad = True
        print("%s: flavour %s" % (label, font.flavor))
print("%d characters, %d of them past ASCII" % (len(want), len([c for c in want if c > 0x7E])))
sys.exit(1 if bad else 0)
PY
	ok "fonts: the subset holds exactly the characters used ($(tail -n 1 "$T_TMP/cmap.log"))"
else
	not_ok "fonts: the subset holds exactly the characters used" "$(cat "$T_TMP/cmap.log")"
fi

# What the bundled fonts drop is dropped, and every advance is the
# original's, so FreeType, libharu and the browser measure alike.
if "$PY" - "$ORIGINAL" "$TTF" >"$T_TMP/tables.log" 2>&1 <<'PY'; then
import sys

from fontTools.ttLib import TTFont

original, cut = TTFont(sys.argv[1]), TTFont(sys.argv[2])
bad = [t for t in ("GSUB", "GPOS", "GDEF", "kern", "fpgm", "prep", "cvt ", "gasp", "MATH") if t in cut]
for t in ("GSUB", "GPOS", "fpgm"):
    if t not in original:
        bad.append("the original has no %s to drop" % t)
if "glyf" not in cut:
    bad.append("no glyf")
if cut["name"].getDebugName(6) != original["name"].getDebugName(6):
    bad.append("PostScript name %s" % cut["name"].getDebugName(6))
om, cm = original.getBestCmap(), cut.getBestCmap()
for c, g in cm.items():
    if cut["hmtx"][g][0] != original["hmtx"][om[c]][0]:
        bad.append("U+%04X advance %d, was %d" % (c, cut["hmtx"][g][0], original["hmtx"][om[c]][0]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
	ok "fonts: the subset has no layout or hinting tables, and the original's name and advances"
else
	not_ok "fonts: the subset has no layout or hinting tables, and the original's name and advances" \
		"$(cat "$T_TMP/tables.log")"
fi

# The faces left out stay the bundled files, byte for byte.
if cmp -s "$OUT/fonts/folio-sans-bold.woff2" "$ROOT/theme/static/fonts/folio-sans-bold.woff2" &&
	cmp -s "$OUT/fonts/folio-mono-regular.ttf" "$ROOT/theme/static/fonts/folio-mono-regular.ttf"; then
	ok "fonts: the faces site.yaml leaves out are the bundled ones"
else
	not_ok "fonts: the faces site.yaml leaves out are the bundled ones" "bold or mono differ from theme/static/fonts"
fi

# ---- the PNGs draw with it ------------------------------------------------
# The same site without fonts: draws its diagram with other letters.
PLAIN=$T_TMP/plain
copy_site "$FIXTURE" "$PLAIN"
sed -i '/^fonts:/,$d' "$PLAIN/content/site.yaml"
run_folio "$T_TMP/plain.out" "$T_TMP/plain.err" build --source "$PLAIN" --out "$T_TMP/plain-out"
PNG=resources/cafe/patterns/pass/diagram@2x.png
if [ "$RC" -eq 0 ] && [ -f "$OUT/$PNG" ] && ! cmp -s "$OUT/$PNG" "$T_TMP/plain-out/$PNG"; then
	ok "fonts: the diagram's PNG is drawn with the site's font"
else
	not_ok "fonts: the diagram's PNG is drawn with the site's font" "status $RC; $PNG the same without fonts:"
fi

# ---- the same sources, the same bytes -----------------------------------------
run_folio "$T_TMP/again.out" "$T_TMP/again.err" build --source "$SITE" --out "$T_TMP/again" --jobs 1
if [ "$RC" -eq 0 ] && diff -r "$OUT" "$T_TMP/again" >"$T_TMP/again.diff" 2>&1; then
	ok "fonts: a second build (one thread) gives the same bytes, subsets included"
else
	not_ok "fonts: a second build (one thread) gives the same bytes, subsets included" "$(head -n 5 "$T_TMP/again.diff")"
fi

# ---- a new character, a new font: new subsets ---------------------------------
has_char() {   # has_char FONT CODEPOINT: the font's cmap maps it
	"$PY" -c 'import sys; from fontTools.ttLib import TTFont; sys.exit(int(sys.argv[2], 16) not in TTFont(sys.argv[1]).getBestCmap())' "$1" "$2"
}
ps_name() {
	"$PY" -c 'import sys; from fontTools.ttLib import TTFont; print(TTFont(sys.argv[1])["name"].getDebugName(6))' "$1"
}
if has_char "$WOFF2" 00EA; then
	not_ok "fonts: a character new to the content is added to the subset" "U+00EA is there before it is used"
else
	sed -i 's/^The saucier tastes it/The saucier (a fête of its own) tastes it/' \
		"$SITE/content/resources/cafe/faq/who.md"
	run_folio "$T_TMP/new.out" "$T_TMP/new.err" build --source "$SITE" --out "$OUT"
	if [ "$RC" -eq 0 ] && has_char "$WOFF2" 00EA && has_char "$TTF" 00EA; then
		ok "fonts: a character new to the content is added to the subset"
	else
		not_ok "fonts: a character new to the content is added to the subset" "status $RC" "$(cat "$T_TMP/new.err")"
	fi
fi
# Another file under the same name: the build is not skipped.
cp "$ROOT/theme/static/fonts/folio-sans-regular.ttf" "$SITE/fonts/DejaVuSerif-Latin1.ttf"
run_folio "$T_TMP/swap.out" "$T_TMP/swap.err" build --source "$SITE" --out "$OUT"
if [ "$RC" -eq 0 ] && grep -q '^folio: built' "$T_TMP/swap.out" && [ "$(ps_name "$WOFF2")" = FolioSans-Regular ]; then
	ok "fonts: a font file changed in fonts/ rebuilds with the new font"
else
	not_ok "fonts: a font file changed in fonts/ rebuilds with the new font" "status $RC" "$(cat "$T_TMP/swap.out")" \
		"PostScript name of the WOFF2: $(ps_name "$WOFF2")"
fi

# ---- mistakes ----------------------------------------------------------------
# refused NAME SETUP EXPECTED-REGEX: a fresh copy changed by SETUP (run in
# it) fails with EXPECTED as its first line and leaves out/ untouched.
refused() {
	local name=$1 setup=$2 want=$3 dir=$T_TMP/case-$((++case_no))
	copy_site "$FIXTURE" "$dir"
	mkdir -p "$dir/out"
	echo "the last build" >"$dir/out/index.html"
	(cd "$dir" && eval "$setup")
	run_folio "$dir/run.out" "$dir/run.err" build --source "$dir" --out "$dir/out"
	local first
	first=$(sed "s|$dir/||g" "$dir/run.err" | head -n 1)
	if [ "$RC" -eq 1 ] && [[ $first =~ $want ]] && [ "$(cat "$dir/out/index.html")" = "the last build" ]; then
		ok "fonts: $name"
	else
		not_ok "fonts: $name" "status $RC" "got:      $first" "expected: $want"
	fi
}
case_no=0
# line_col FILE TEXT: "LINE:COL" of the first TEXT in FILE (a fixed string).
line_col() {
	awk -v t="$2" '{ i = index($0, t); if (i) { print NR ":" length(substr($0, 1, i - 1)) + 1; exit } }' "$1"
}
SY=content/site.yaml
at_value=$(line_col "$FIXTURE/$SY" fonts/DejaVuSerif-Latin1.ttf)

# A character the site's font lacks (U+03A9, Greek; the Latin-1 cut has
# none), in a pattern's body: reported where it is, naming the face.
body=content/resources/cafe/patterns/pass.md
at_omega=$(sed 's/^Every plate crosses the pass/Every plate (Ω) crosses the pass/' "$FIXTURE/$body" >"$T_TMP/omega.md" &&
	line_col "$T_TMP/omega.md" Ω)
refused "a character outside the font is an error at its place, naming the face and the file" \
	"cp '$T_TMP/omega.md' $body" \
	"^$body:$at_omega: error: the regular font \\(DejaVuSerif-Latin1\\.ttf\\) has no glyph for U\\+03A9 'Ω'; under fonts: in site\\.yaml choose a regular font that has it"
refused "a font file that does not exist" \
	"sed -i 's|fonts/DejaVuSerif-Latin1.ttf|fonts/Nowhere.ttf|' $SY" \
	"^$SY:$at_value: error: the regular font 'fonts/Nowhere\\.ttf' does not exist"
refused "a font file outside the site's fonts/ folder" \
	"cp fonts/DejaVuSerif-Latin1.ttf static/serif.ttf && sed -i 's|fonts/DejaVuSerif-Latin1.ttf|static/serif.ttf|' $SY" \
	"^$SY:$at_value: error: the regular font 'static/serif\\.ttf' is not in the site's fonts/ folder"
refused "a link that leads out of fonts/" \
	"ln -s '$ORIGINAL' fonts/Link.ttf && sed -i 's|fonts/DejaVuSerif-Latin1.ttf|fonts/Link.ttf|' $SY" \
	"^$SY:$at_value: error: the regular font 'fonts/Link\\.ttf' is a link that leads out of the site's fonts/ folder"
refused "a web font instead of the file it was made from" \
	"\"\$PY\" -c 'import sys; from fontTools.ttLib import TTFont; f = TTFont(sys.argv[1]); f.flavor = \"woff2\"; f.save(sys.argv[2])' fonts/DejaVuSerif-Latin1.ttf fonts/Serif.woff2 && sed -i 's|fonts/DejaVuSerif-Latin1.ttf|fonts/Serif.woff2|' $SY" \
	"^$SY:$at_value: error: the regular font 'fonts/Serif\\.woff2' is a web font \\(WOFF\\)"
refused "a file that is no font" \
	"echo 'not a font' >fonts/DejaVuSerif-Latin1.ttf" \
	"^$SY:$at_value: error: the regular font 'fonts/DejaVuSerif-Latin1\\.ttf' cannot be read as a font"
refused "the same font for two faces: one PostScript name" \
	"sed -i 's|^  regular: .*|&\n  italic: fonts/DejaVuSerif-Latin1.ttf|' $SY" \
	"^$SY:$(( ${at_value%%:*} + 1 )):11: error: the italic font 'fonts/DejaVuSerif-Latin1\\.ttf' has the PostScript name 'DejaVuSerif', as the regular font has"
# A font with PostScript (CFF) outlines, made here with fontTools.
make_cff='"$PY" - fonts/Outline.otf <<"EOF"
import sys
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
names = [".notdef", "space"] + ["c%d" % c for c in range(0x21, 0x7F)]
fb = FontBuilder(1000, isTTF=False)
fb.setupGlyphOrder(names)
fb.setupCharacterMap({c: "c%d" % c for c in range(0x21, 0x7F)} | {0x20: "space"})
glyphs = {}
for n in names:
    pen = T2CharStringPen(500, None)
    if n not in (".notdef", "space"):
        pen.moveTo((50, 0)); pen.lineTo((450, 0)); pen.lineTo((450, 700)); pen.closePath()
    glyphs[n] = pen.getCharString()
fb.setupCFF("OutlineTest-Regular", {"FullName": "Outline Test"}, glyphs, {})
fb.setupHorizontalMetrics({n: (500, 0) for n in names})
fb.setupHorizontalHeader(ascent=800, descent=-200)
fb.setupNameTable({"familyName": "Outline Test", "styleName": "Regular"})
fb.setupOS2()
fb.setupPost()
fb.save(sys.argv[1])
EOF
sed -i "s|fonts/DejaVuSerif-Latin1.ttf|fonts/Outline.otf|" '"$SY"
refused "a font with CFF outlines, which the PDF cannot embed" "$make_cff" \
	"^$SY:$at_value: error: the regular font 'fonts/Outline\\.otf' has PostScript \\(CFF\\) outlines, which the PDF cannot embed; choose the TrueType build"

finish
