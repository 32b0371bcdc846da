#!/usr/bin/env bash
# tests/images.sh: images in Markdown, on the page, in the PDF and in the
# Markdown copies, with tests/fixtures/images: a PNG and an SVG beside a
# pattern's body (one in a folder below it), a JPEG and a decorative SVG
# from static/, a small PNG beside a FAQ answer and the JPEG again in a
# plain page.  Sizes are read from the files by tests/imagecheck.py, not
# from what Folio wrote.  The bad-input corpus (tests/bad/14x-image-*)
# has the errors: missing, remote, without alt text, of another type.
. "$(dirname "$0")/lib.sh"

SITE=$T_TMP/site
OUT=$T_TMP/out
copy_site "$ROOT/tests/fixtures/images" "$SITE"
IMG=$ROOT/tests/imagecheck.py
PATTERN=resources/studio/patterns/tank
PDF=$OUT/resources/studio/darkroom-playbook.pdf
COLUMN=483.276          # the PDF's text width: A4 less two margins of 56 pt

run_folio "$T_TMP/b.out" "$T_TMP/b.err" build --source "$SITE" --out "$OUT"
if [ "$RC" -ne 0 ]; then
	not_ok "images: the fixture builds" "exit status $RC" "$(cat "$T_TMP/b.err")"
	finish
	exit
fi
ok "images: the fixture builds"

# The one warning: the FAQ's 120 px PNG would print at 18 dpi across the
# column (120 px over 483.276 pt = 6.71 in); it is drawn at 150 dpi.
want_dpi=$(python3 -c "print(round(120 / ($COLUMN / 72)))")
if [ "$(grep -c 'warning' "$T_TMP/b.err")" -eq 1 ] &&
	grep -q "faq/how-long.md:7:1: warning: image 'timer.png' (.*/faq/timer.png) is 120 px wide: across the column it would print at $want_dpi dpi, so the PDF shows it at 150 dpi" "$T_TMP/b.err"; then
	ok "images: a PNG too small for the column is one warning naming the file and its dpi"
else
	not_ok "images: a PNG too small for the column is one warning naming the file and its dpi" "$(cat "$T_TMP/b.err")"
fi

# Every <img> of a Markdown text: its file is published where src points,
# its width and height are the file's own, its alt is the author's.
python3 - "$OUT" "$IMG" >"$T_TMP/imgs" <<'PY'
import html.parser, os, subprocess, sys
out, imagecheck = sys.argv[1], sys.argv[2]
class Imgs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'img' and a.get('loading') == 'lazy':
            self.found.append(a)
for page in ['resources/studio/patterns/tank/index.html', 'resources/studio/index.html', 'about/index.html']:
    p = Imgs()
    p.feed(open(os.path.join(out, page), encoding='utf-8').read())
    for a in p.found:
        file = os.path.normpath(os.path.join(out, os.path.dirname(page), a['src']))
        size = subprocess.run(['python3', imagecheck, 'size', file], capture_output=True, text=True).stdout.split() \
            if os.path.isfile(file) else ['missing', 'file']
        print('\t'.join([page, os.path.relpath(file, out), a['alt'], a.get('width', '-'), a.get('height', '-'),
                         *size, a.get('decoding', '-')]))
PY
expect_img() {
	local name=$1 line=$2
	if grep -qxF "$line" "$T_TMP/imgs"; then ok "images: $name"; else not_ok "images: $name" "want: $line" "$(cat "$T_TMP/imgs")"; fi
}
T=$'\t'
expect_img "a PNG beside a pattern body: published under the page, its size, its alt" \
	"$PATTERN/index.html${T}$PATTERN/tank.png${T}A round developing tank with its lid beside it${T}1600${T}1000${T}1600${T}1000${T}async"
expect_img "an SVG in a folder beside the body: its width and height attributes" \
	"$PATTERN/index.html${T}$PATTERN/img/reel.svg${T}The spiral reel, seen from the side${T}300${T}200${T}300${T}200${T}async"
expect_img "a JPEG of static/ in a pattern body: its frame header's size" \
	"$PATTERN/index.html${T}images/contact.jpg${T}A contact sheet of twelve frames${T}1200${T}800${T}1200${T}800${T}async"
expect_img "a decorative SVG: alt=\"\", its viewBox's size" \
	"$PATTERN/index.html${T}images/rule.svg${T}${T}600${T}8${T}600${T}8${T}async"
expect_img "a PNG beside a FAQ answer: published under the resource's page" \
	"resources/studio/index.html${T}resources/studio/timer.png${T}A timer showing eight minutes${T}120${T}90${T}120${T}90${T}async"
expect_img "a JPEG of static/ in a plain page" \
	"about/index.html${T}images/contact.jpg${T}The author’s enlarger in a small dark room${T}1200${T}800${T}1200${T}800${T}async"
if [ "$(wc -l <"$T_TMP/imgs")" -eq 6 ]; then ok "images: six images on the pages"; else not_ok "images: six images on the pages" "$(cat "$T_TMP/imgs")"; fi

# The files beside the Markdown are published as they are.
same=1
for pair in "content/resources/studio/patterns/tank.png $PATTERN/tank.png" \
	"content/resources/studio/patterns/img/reel.svg $PATTERN/img/reel.svg" \
	"content/resources/studio/faq/timer.png resources/studio/timer.png"; do
	set -- $pair
	cmp -s "$SITE/$1" "$OUT/$2" || same=0
done
check "images: files beside the Markdown are copied byte for byte" [ "$same" -eq 1 ]

run_folio "$T_TMP/c.out" "$T_TMP/c.err" check "$OUT"
if [ "$RC" -eq 0 ]; then ok "images: folio check passes"; else not_ok "images: folio check passes" "$(cat "$T_TMP/c.out" "$T_TMP/c.err")"; fi

# The PDF: an image XObject per image at its pixel size (an SVG drawn at
# 300 dpi at its CSS size, 0.75 pt a pixel, at most the column), each
# drawn no wider than the column, and a raster never past 150 dpi.
python3 - "$SITE" "$IMG" "$COLUMN" >"$T_TMP/pdf.want" <<'PY'
import subprocess, sys
site, imagecheck, column = sys.argv[1], sys.argv[2], float(sys.argv[3])
def size(rel):
    return [int(v) for v in subprocess.run(['python3', imagecheck, 'size', site + '/' + rel],
                                           capture_output=True, text=True).stdout.split()]
def svg_pixels(rel):
    w, h = size(rel)
    pt = min(column, w * 0.75)
    return [round(pt / 72 * 300), round(pt * h / w / 72 * 300)]
rows = [size('content/resources/studio/patterns/tank.png'),
        svg_pixels('content/resources/studio/patterns/img/reel.svg'),
        size('static/images/contact.jpg'),
        svg_pixels('static/images/rule.svg'),
        size('content/resources/studio/faq/timer.png')]
for w, h in sorted(rows):
    print(w, h)
PY
python3 "$IMG" pdfimages "$PDF" | awk '{ print $2, $3 }' | sort -n >"$T_TMP/pdf.got"
if diff -u "$T_TMP/pdf.want" "$T_TMP/pdf.got" >"$T_TMP/pdf.diff"; then
	ok "images: the PDF embeds each image at its pixel size (SVGs at 300 dpi)"
else
	not_ok "images: the PDF embeds each image at its pixel size (SVGs at 300 dpi)" "$(cat "$T_TMP/pdf.diff")"
fi
python3 "$IMG" pdfdrawn "$PDF" >"$T_TMP/drawn"
if [ "$(wc -l <"$T_TMP/drawn")" -eq 5 ] && awk -v col="$COLUMN" '$2 > col + 0.01 { bad = 1 } END { exit bad }' "$T_TMP/drawn" &&
	grep -q " 483.27[0-9]* 302.0[0-9]*$" "$T_TMP/drawn" && grep -q " 57.6 43.2$" "$T_TMP/drawn"; then
	ok "images: drawn no wider than the column; a large PNG across it, a small one at 150 dpi (57.6 pt for 120 px)"
else
	not_ok "images: drawn no wider than the column; a large PNG across it, a small one at 150 dpi" "$(cat "$T_TMP/drawn")"
fi
if pdftotext "$PDF" - | grep -q 'A round developing tank'; then
	not_ok "images: the alt text is not set as words of the PDF's text" "$(pdftotext "$PDF" - | grep -n 'round developing')"
else
	ok "images: the alt text is not set as words of the PDF's text"
fi

# The Markdown copies point at the published files by absolute URL.
twins_ok=1
for want in "$PATTERN/index.html.md:![A round developing tank with its lid beside it](https://darkroom.example.org/$PATTERN/tank.png)" \
	"$PATTERN/index.html.md:![The spiral reel, seen from the side](https://darkroom.example.org/$PATTERN/img/reel.svg)" \
	"$PATTERN/index.html.md:![](https://darkroom.example.org/images/rule.svg \"decorative\")" \
	"resources/studio/index.html.md:![A timer showing eight minutes](https://darkroom.example.org/resources/studio/timer.png)" \
	"about/index.html.md:![The author's enlarger in a small dark room](https://darkroom.example.org/images/contact.jpg)"; do
	grep -qF "${want#*:}" "$OUT/${want%%:*}" || { twins_ok=0; echo "missing in ${want%%:*}: ${want#*:}" >>"$T_TMP/twins"; }
done
for url in $(grep -oh 'https://darkroom.example.org/[^) ]*\.\(png\|jpg\|svg\)' "$OUT"/resources/studio/index.html.md "$OUT/$PATTERN/index.html.md" "$OUT/about/index.html.md"); do
	[ -f "$OUT/${url#https://darkroom.example.org/}" ] || { twins_ok=0; echo "no file for $url" >>"$T_TMP/twins"; }
done
if [ "$twins_ok" -eq 1 ]; then ok "images: the Markdown copies link each image's published file"; else not_ok "images: the Markdown copies link each image's published file" "$(cat "$T_TMP/twins")"; fi

# Each copy once, the same bytes on one thread or four.
run_folio "$T_TMP/b1.out" "$T_TMP/b1.err" build --source "$SITE" --out "$T_TMP/out1" -j 1
if [ "$RC" -eq 0 ] && diff -r "$OUT" "$T_TMP/out1" >/dev/null; then
	ok "images: the same output on one thread"
else
	not_ok "images: the same output on one thread" "$(diff -rq "$OUT" "$T_TMP/out1" | head)"
fi

# --html-only still publishes the images the pages show, and folio check
# finds nothing wrong with them (what else --html-only leaves out is not
# this group's concern).
run_folio "$T_TMP/h.out" "$T_TMP/h.err" build --source "$SITE" --out "$T_TMP/html" --html-only
run_folio "$T_TMP/hc.out" "$T_TMP/hc.err" check "$T_TMP/html"
if [ -f "$T_TMP/html/$PATTERN/tank.png" ] && [ -f "$T_TMP/html/resources/studio/timer.png" ] &&
	! grep -E 'tank\.png|reel\.svg|timer\.png|contact\.jpg|rule\.svg' "$T_TMP/hc.out" "$T_TMP/hc.err"; then
	ok "images: --html-only publishes them too, and folio check finds them"
else
	not_ok "images: --html-only publishes them too, and folio check finds them" "$(cat "$T_TMP/h.err" "$T_TMP/hc.out")"
fi

# An image where the playbook cannot set a picture of its own, a table
# cell, is its alternative text there rather than nothing.
CELL=$T_TMP/cell
copy_site "$ROOT/tests/fixtures/images" "$CELL"
printf '\n| Part | Picture |\n| --- | --- |\n| Reel | ![A reel lying in a cell](img/reel.svg) |\n' \
	>>"$CELL/content/resources/studio/patterns/tank.md"
run_folio "$T_TMP/c.out" "$T_TMP/c.err" build --source "$CELL" --out "$T_TMP/cell-out"
if [ "$RC" -eq 0 ] && pdftotext "$T_TMP/cell-out/resources/studio/darkroom-playbook.pdf" - | grep -q 'A reel lying in a cell'; then
	ok "images: an image in a table cell is its alternative text in the PDF"
else
	not_ok "images: an image in a table cell is its alternative text in the PDF" "exit status $RC" "$(cat "$T_TMP/c.err")"
fi
finish
