#!/usr/bin/env bash
# tests/brand.sh: a site in its publisher's colours.
#
# A copy of tests/fixtures/cookbook with a brand block (a plum primary, a
# crimson accent, a dark accent of its own, the dark primary left to be
# derived) builds, passes folio check, and carries the colours everywhere:
# css/brand.css (every colour it sets measured here, with WCAG's formula,
# against the backgrounds read from theme/static/css/site.css), the
# theme-color meta and the stylesheet link on every page, the manifest, the
# diagrams' SVG (the primary inline, the dark primary in their dark CSS),
# their PNGs and the social cards (pixels), and the playbook PDF (its colour
# operators, and a pixel of its cover band).  The unbranded fixture
# writes no css/brand.css and links none.
. "$(dirname "$0")/lib.sh"

PRIMARY=5a1e6e
ACCENT=b5123b
DARK_ACCENT=f59ab0

SITE=$T_TMP/branded
copy_site "$ROOT/tests/fixtures/cookbook" "$SITE"
# The block goes before publisher:, a top-level key of the fixture; the
# publisher gets a square SVG mark of its own.
awk -v p="$PRIMARY" -v a="$ACCENT" -v d="$DARK_ACCENT" '
	/^publisher:/ { printf "brand:\n  primary: \"#%s\"\n  accent: \"#%s\"\n  dark_accent: \"#%s\"\n", p, a, d }
	{ print }
	/^  logo:/ { print "  icon: images/brand-mark.svg" }' "$ROOT/tests/fixtures/cookbook/content/site.yaml" >"$SITE/content/site.yaml"
# The kitchen resource shows its overview, so that its files are written.
printf 'overview:\n  title: The kitchen at a glance\n  text: The pass in the middle, with the stations around it.\n' \
	>>"$SITE/content/resources/kitchen-workflow-patterns/resource.yaml"
mkdir -p "$SITE/static/images"
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#%s"/></svg>\n' \
	"$PRIMARY" >"$SITE/static/images/brand-mark.svg"
OUT=$SITE/out

run_folio "$T_TMP/build.out" "$T_TMP/build.err" build --source "$SITE" --out "$OUT"
if [ "$RC" -ne 0 ] || [ -s "$T_TMP/build.err" ]; then
	not_ok "branded site: builds without a word on stderr" "exit status $RC" "$(cat "$T_TMP/build.err")"
	finish
	exit 1
fi
ok "branded site: builds without a word on stderr"
run_folio "$T_TMP/check.out" "$T_TMP/check.err" check "$OUT"
if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/check.out" ]; then
	ok "branded site: passes folio check"
else
	not_ok "branded site: passes folio check" "$(cat "$T_TMP/check.out" "$T_TMP/check.err")"
fi

# ---- the stylesheet -----------------------------------------------------

css_problems=$(python3 - "$ROOT/theme/static/css/site.css" "$OUT/css/brand.css" "$PRIMARY" "$ACCENT" "$DARK_ACCENT" <<'PY'
import re, sys

def lin(c):
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

def lum(h):
    h = h.lstrip('#')
    if len(h) == 3:
        h = ''.join(ch * 2 for ch in h)
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)

def ratio(a, b):
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)

def block(text, opener):
    at = text.index(opener)
    start = text.index('{', at)
    depth = 0
    for i in range(start, len(text)):
        depth += text[i] == '{'
        depth -= text[i] == '}'
        if depth == 0:
            return text[start + 1:i]

def props(text):
    return dict(re.findall(r'(--[a-z0-9-]+):\s*(#[0-9a-fA-F]{3,6})\b', text))

site = open(sys.argv[1]).read()
brand = open(sys.argv[2]).read()
primary, accent, dark_accent = ('#' + v for v in sys.argv[3:6])
light, dark = props(block(site, ':root {')), props(block(block(site, '@media (prefers-color-scheme: dark)'), ':root {'))
band = props(block(site, '.section--cta {'))
b_light = props(block(brand, ':root {'))
b_dark = props(block(block(brand, '@media (prefers-color-scheme: dark)'), ':root {'))
problems = []

def outside_media(text):
    while '@media' in text:
        at = text.index('@media')
        inner = block(text, '@media')
        text = text[:at] + text[text.index('{', at) + len(inner) + 2:]
    return text

def want(cond, what):
    if not cond:
        problems.append(what)

# After site.css, a bare :root would override its dark scheme too.
want(':root' not in outside_media(brand), 'brand.css sets :root outside a media query')
want('@media not all and (prefers-color-scheme: dark)' in brand, 'the light values are not kept from the dark scheme')

want(b_light.get('--heading') == primary, f'light --heading is {b_light.get("--heading")}, not {primary}')
want(b_light.get('--accent') == accent, f'light --accent is {b_light.get("--accent")}, not {accent}')
want(b_light.get('--btn-bg') == accent, f'light --btn-bg is {b_light.get("--btn-bg")}, not {accent}')
want(b_dark.get('--accent') == dark_accent, f'dark --accent is {b_dark.get("--accent")}, not {dark_accent}')
grounds = ('--bg', '--bg-alt', '--bg-hero', '--surface')
for name in ('--heading', '--link', '--link-hover', '--accent', '--btn2-fg'):
    for g in grounds:
        r = ratio(b_light[name], light[g])
        want(r >= 4.5, f'light {name} {b_light[name]} on {g} {light[g]}: {r:.2f}:1')
for name in ('--link', '--link-hover', '--accent'):
    for g in grounds:
        r = ratio(b_dark[name], dark[g])
        want(r >= 4.5, f'dark {name} {b_dark[name]} on {g} {dark[g]}: {r:.2f}:1')
for bg in ('--btn-bg', '--btn-bg-hover'):
    r = ratio(b_light[bg], light['--btn-fg'])
    want(r >= 4.5, f'light button text on {bg} {b_light[bg]}: {r:.2f}:1')
    r = ratio(b_dark[bg], dark['--btn-fg'])
    want(r >= 4.5, f'dark button text on {bg} {b_dark[bg]}: {r:.2f}:1')
for scheme, b in (('light', b_light), ('dark', b_dark)):
    for bg in ('--band', '--band-2'):
        for text in ('--text', '--muted'):
            r = ratio(b[bg], band[text])
            want(r >= 4.5, f'{scheme} band {bg} {b[bg]} under {text} {band[text]}: {r:.2f}:1')
print('\n'.join(problems))
PY
)
if [ -z "$css_problems" ]; then
	ok "css/brand.css: the brand's colours, each 4.5:1 or more against what it meets in site.css"
else
	not_ok "css/brand.css: the brand's colours, each 4.5:1 or more against what it meets in site.css" "$css_problems"
fi
DARK_PRIMARY=$(sed -n '/^@media (prefers-color-scheme: dark)/,$p' "$OUT/css/brand.css" | grep -o -- '--link: #[0-9a-f]*' | head -n 1 | sed 's/.*#//')

# ---- the pages ------------------------------------------------------------

missing=$(find "$OUT" -name '*.html' | while read -r page; do
	grep -q "<meta name=\"theme-color\" content=\"#$PRIMARY\">" "$page" || echo "${page#"$OUT"/}: no theme-color #$PRIMARY"
	grep -c 'name="theme-color"' "$page" | grep -qx 1 || echo "${page#"$OUT"/}: not one theme-color"
	grep -q 'rel="icon" href="[^"]*images/brand-mark.svg" type="image/svg+xml"' "$page" ||
		echo "${page#"$OUT"/}: no SVG icon link to the publisher's mark"
	! grep -q 'favicon.svg' "$page" || echo "${page#"$OUT"/}: still links the theme's favicon.svg"
	# brand.css comes after site.css, so its properties win.
	tr '\n' ' ' <"$page" | grep -q 'css/site.css">.*css/brand.css">' || echo "${page#"$OUT"/}: no brand.css after site.css"
done)
if [ -z "$missing" ]; then
	ok "pages: theme-color is the primary, brand.css after site.css, the publisher's SVG icon"
else
	not_ok "pages: theme-color is the primary, brand.css after site.css, the publisher's SVG icon" "$missing"
fi
check "manifest: theme_color is the primary" grep -q "\"theme_color\": \"#$PRIMARY\"" "$OUT/manifest.webmanifest"

# ---- the pictures -----------------------------------------------------------

OVERVIEW=$OUT/resources/kitchen-workflow-patterns/overview
check "SVG: the centre box is filled with the primary" grep -q "class=\"dg-hub\" fill=\"#$PRIMARY\"" "$OVERVIEW.svg"
check "SVG: its dark CSS draws the centre box in the dark primary" \
	grep -q "\.dg-hub { fill:#$DARK_PRIMARY;stroke:#$DARK_PRIMARY; }" "$OVERVIEW.svg"
check "diagram.css: the inline diagrams' dark primary" grep -q "\.dg-hub { fill:#$DARK_PRIMARY" "$OUT/css/diagram.css"
theme_navy=1f3a5f
for png in "$OVERVIEW@2x.png"; do
	n=$(python3 "$ROOT/tests/pngcheck.py" count "$png" "$PRIMARY")
	old=$(python3 "$ROOT/tests/pngcheck.py" count "$png" "$theme_navy")
	if [ "$n" -gt 500 ] && [ "$old" -eq 0 ]; then
		ok "PNG ${png##*/}: the centre box in the primary, no theme navy"
	else
		not_ok "PNG ${png##*/}: the centre box in the primary, no theme navy" "$n pixels #$PRIMARY, $old #$theme_navy"
	fi
done
band=$(python3 "$ROOT/tests/pngcheck.py" pixel "$OUT/og.png" 600 5)
check "social card: its top band is the accent" test "$band" = "$((16#${ACCENT:0:2})) $((16#${ACCENT:2:2})) $((16#${ACCENT:4:2}))"

# ---- the PDF ----------------------------------------------------------------

PDF=$OUT/resources/kitchen-workflow-patterns/kitchen-workflow-handbook.pdf
qpdf --qdf --object-streams=disable "$PDF" "$T_TMP/qdf.pdf"
# The fill colours the pages set, as 0-255 triples.
fills=$(grep -a -o '[0-9.]* [0-9.]* [0-9.]* rg' "$T_TMP/qdf.pdf" |
	awk '{ printf "%02x%02x%02x\n", $1 * 255 + 0.5, $2 * 255 + 0.5, $3 * 255 + 0.5 }' | sort -u)
check "PDF: text and the centre box in the primary" grep -qx "$PRIMARY" <<<"$fills"
check "PDF: subheadings and the cover band in the accent" grep -qx "$ACCENT" <<<"$fills"
pdftoppm -r 30 -f 1 -l 1 -png "$PDF" "$T_TMP/cover"
cover_band=$(python3 "$ROOT/tests/pngcheck.py" pixel "$T_TMP"/cover*.png 100 2)
check "PDF cover: its band is the accent" test "$cover_band" = "$((16#${ACCENT:0:2})) $((16#${ACCENT:2:2})) $((16#${ACCENT:4:2}))"

# ---- without a brand ----------------------------------------------------------

PLAIN=$T_TMP/plain
copy_site "$ROOT/tests/fixtures/cookbook" "$PLAIN"
run_folio "$T_TMP/plain.out" "$T_TMP/plain.err" build --source "$PLAIN" --out "$PLAIN/out" --quiet
check "unbranded site: builds" test "$RC" -eq 0
check "unbranded site: no css/brand.css" test ! -e "$PLAIN/out/css/brand.css"
check "unbranded site: no page links brand.css" test -z "$(grep -rl 'brand.css' "$PLAIN/out" --include='*.html')"
check "unbranded site without an icon: the theme's SVG favicon" grep -q 'rel="icon" href="favicon.svg\|rel="icon" href="images/favicon.svg"' "$PLAIN/out/index.html"

# A PNG icon: no SVG icon link, so browsers take the favicon drawn from it.
PNG_ICON=$T_TMP/png-icon
copy_site "$ROOT/tests/fixtures/cookbook" "$PNG_ICON"
mkdir -p "$PNG_ICON/static/images"
cp "$OUT/icon-192.png" "$PNG_ICON/static/images/mark.png"
sed -i 's|^  logo: images/logo.svg$|&\n  icon: images/mark.png|' "$PNG_ICON/content/site.yaml"
run_folio "$T_TMP/png.out" "$T_TMP/png.err" build --source "$PNG_ICON" --out "$PNG_ICON/out" --quiet
check "a PNG icon: builds" test "$RC" -eq 0
check "a PNG icon: no page links an SVG icon" test -z "$(grep -rl 'image/svg+xml' "$PNG_ICON/out" --include='*.html')"

finish
