#!/usr/bin/env bash
# tests/pdf-gfm.sh: GitHub-flavoured Markdown in the playbook PDF.
#
# Builds tests/fixtures/gfm-pdf, whose one pattern body holds every GFM
# construct, and reads its playbook back with poppler and qpdf: the table's
# rows in order with their header row on every page the table spans, its
# caption above it and no pipe or dash of its source; its columns aligned
# (measured on the words' boxes); footnote references linked to their notes
# and the notes back to their first reference; struck text with a line
# through it and task boxes drawn (measured on a rendering); code lines with
# their indentation; and what a list item nests (lists, code, quote).
. "$(dirname "$0")/lib.sh"

CHECK="python3 $ROOT/tests/pdfcheck.py"
site=$T_TMP/site
run_folio "$T_TMP/out" "$T_TMP/err" build --source "$ROOT/tests/fixtures/gfm-pdf" --out "$site" --quiet
[ "$RC" -eq 0 ] && [ ! -s "$T_TMP/err" ] && ok "pdf-gfm: the fixture builds without a word" ||
	{ not_ok "pdf-gfm: the fixture builds without a word" "$(cat "$T_TMP/err")"; finish; exit; }
pdf=$site/resources/notes/release-notes-playbook.pdf

pdftotext -enc UTF-8 -layout "$pdf" "$T_TMP/layout.txt"
pdftotext -enc UTF-8 -bbox "$pdf" "$T_TMP/bbox.html"
$CHECK pagelinks "$pdf" >"$T_TMP/links.txt"
$CHECK urilinks "$pdf" >"$T_TMP/uri.txt"

# ---- tables ------------------------------------------------------------

# Every row, in order, each with its cells: R01 .. R60, the size 7 * n last.
rows=$(grep -E '^ *R[0-9]{2} ' "$T_TMP/layout.txt" | awk '{ print $1, $NF }' | tr '\n' ' ')
want=$(for i in $(seq 1 60); do printf 'R%02d %d ' "$i" $((i * 7)); done)
[ "$rows" = "$want" ] && ok "pdf-gfm: the table's rows, in order, first and last cell" ||
	not_ok "pdf-gfm: the table's rows, in order, first and last cell" "got:  $rows" "want: $want"
grep -qE '^ *R13 +blocked +A longer note that has to wrap' "$T_TMP/layout.txt" &&
	grep -qE '^ +of the cell *$' "$T_TMP/layout.txt" &&
	ok "pdf-gfm: a long cell wraps inside its column" || not_ok "pdf-gfm: a long cell wraps inside its column"

# Its address, invisible on paper, is cited: its number after the words,
# the address under it at the chapter's end.
grep -qE '^ *R05 +blocked +Change 05 notes, see the tag \[1\] +35' "$T_TMP/layout.txt" &&
	grep -qx 'u:https://print.example.org/tags/r05/' "$T_TMP/uri.txt" &&
	grep -qE '^ *\[1\] <https://print.example.org/tags/r05/>' "$T_TMP/layout.txt" &&
	ok "pdf-gfm: a link in a cell is a link, its address cited" ||
	not_ok "pdf-gfm: a link in a cell is a link, its address cited" "$(grep -E 'R05|\[1\]' "$T_TMP/layout.txt")"

# The header row on each page with rows of the table, above the rows.
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
spanned=0 bad=""
for p in $(seq 1 "$pages"); do
	pdftotext -enc UTF-8 -layout -f "$p" -l "$p" "$pdf" "$T_TMP/page.txt"
	first_row=$(grep -nE '^ *R[0-9]{2} ' "$T_TMP/page.txt" | head -n 1 | cut -d: -f1)
	[ -n "$first_row" ] || continue
	spanned=$((spanned + 1))
	header=$(grep -nE '^ *Release +Status +Notes +Size *$' "$T_TMP/page.txt" | head -n 1 | cut -d: -f1)
	[ -n "$header" ] && [ "$header" -lt "$first_row" ] || bad="$bad page $p"
done
[ "$spanned" -ge 2 ] && [ -z "$bad" ] && ok "pdf-gfm: the header row heads each of the $spanned pages the table spans" ||
	not_ok "pdf-gfm: the header row heads each page the table spans" "pages with rows: $spanned; no header on:$bad"

grep -B 2 -E '^ *Release +Status +Notes +Size *$' "$T_TMP/layout.txt" | head -n 3 | grep -q 'Releases by number' &&
	! grep -q 'Table:' "$T_TMP/layout.txt" && ok "pdf-gfm: the caption line above the table, without 'Table:'" ||
	not_ok "pdf-gfm: the caption line above the table, without 'Table:'"

# The issue's bug: smart punctuation made the delimiter row '|—|'.  The
# table must be there, set from its cells.
if [ "$rows" != "$want" ] || grep -qE '\||—|---' "$T_TMP/layout.txt"; then
	not_ok "pdf-gfm: no pipe or dash of the table's source in the text" "rows: $rows" "$(grep -nE '\||—|---' "$T_TMP/layout.txt")"
else
	ok "pdf-gfm: no pipe or dash of the table's source in the text"
fi

# Alignments, on the words' boxes: the Size column's numbers end at one x,
# the Status column's words share a centre, the Release column starts at one x.
python3 - "$T_TMP/bbox.html" >"$T_TMP/align.txt" <<'EOF'
import re, sys
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                   open(sys.argv[1], encoding='utf-8').read())
ends, centres, starts = set(), set(), set()
size = None             # the last cell of the row under way: 7 times its number
for x0, y0, x1, y1, t in words:
    x0, x1 = float(x0), float(x1)
    if re.fullmatch(r'R\d\d', t):
        starts.add(round(x0))
        size = str(7 * int(t[1:]))
    elif t in ('shipped', 'blocked', 'queued', 'dropped'):
        centres.add(round((x0 + x1) / 2))
    elif t == size:
        ends.add(round(x1))
        size = None
print(len(starts), len(centres), len(ends))
EOF
[ "$(cat "$T_TMP/align.txt")" = "1 1 1" ] && ok "pdf-gfm: columns aligned left, centre and right as the delimiter row says" ||
	not_ok "pdf-gfm: columns aligned left, centre and right as the delimiter row says" \
		"distinct starts, centres, ends: $(cat "$T_TMP/align.txt")"

# ---- footnotes -----------------------------------------------------------

# Where a word is: "PAGE TOP X" of the first word matching a pattern that
# is followed by a word matching another (the bbox file has a <page> a page).
where() {
	python3 - "$T_TMP/bbox.html" "$1" "$2" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
for n, page in enumerate(html.split('<page ')[1:], 1):
    ws = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page)
    for (x0, y0, t), nxt in zip(ws, ws[1:]):
        if re.fullmatch(sys.argv[2], t) and re.fullmatch(sys.argv[3], nxt[2]):
            print(n, y0, x0)
            raise SystemExit
EOF
}
# links_to PAGE TOP: the internal links that land within 12 points above
# or at a line starting at TOP on PAGE; prints "PAGE TOP X" of each link.
links_to() {
	awk -F'\t' -v p="$1" -v y="$2" '$6 == p && $7 <= y + 1 && $7 >= y - 12 { print $1, $3, $2 }' "$T_TMP/links.txt"
}
# link_at PAGE TOP X: the target "PAGE TOP" of the link over that point.
link_at() {
	awk -F'\t' -v p="$1" -v y="$2" -v x="$3" \
		'$1 == p && $2 <= x + 1 && $4 >= x + 1 && $3 <= y + 2 && $5 >= y + 2 { print $6, $7; exit }' "$T_TMP/links.txt"
}

note1=$(where '1\.' A)     # "1. A row per release", the first note of the pattern
note2=$(where '2\.' So)
ref1=$(where 1 Old)        # the first reference to note 1, raised after "row."
problems=""
[ -n "$note1" ] && [ -n "$note2" ] && [ -n "$ref1" ] || problems="notes or reference not found: '$note1' '$note2' '$ref1'"
if [ -z "$problems" ]; then
	set -- $note1
	n1=$(links_to "$1" "$2" | wc -l)
	[ "$n1" -eq 2 ] || problems="$problems
note 1 has $n1 links to it, not 2 (it is referenced twice)"
	back=$(link_at "$1" "$2" "$3")
	set -- $ref1
	set -- $back "$1" "$2"
	[ $# -eq 4 ] && [ "$1" = "$3" ] && awk -v a="$2" -v b="$4" 'BEGIN { exit !(a <= b + 2 && a >= b - 12) }' ||
		problems="$problems
note 1's number does not link back to its first reference: link '$back', reference '$ref1'"
	set -- $note2
	n2=$(links_to "$1" "$2" | wc -l)
	[ "$n2" -eq 1 ] || problems="$problems
note 2 has $n2 links to it, not 1"
	[ -n "$(link_at "$1" "$2" "$3")" ] || problems="$problems
note 2's number is no link"
fi
[ -z "$problems" ] && ok "pdf-gfm: footnote references link to their notes, the notes back" ||
	not_ok "pdf-gfm: footnote references link to their notes, the notes back" "$problems" "$(cat "$T_TMP/links.txt")"

grep -qE '^ *1\. A row per release, in release order' "$T_TMP/layout.txt" &&
	grep -qE '^ *2\. So a reader on page two' "$T_TMP/layout.txt" &&
	grep -qE '^ *1\. Each Markdown text numbers its own notes' "$T_TMP/layout.txt" &&
	ok "pdf-gfm: notes numbered in order of first reference, from 1 in each text" ||
	not_ok "pdf-gfm: notes numbered in order of first reference, from 1 in each text"

# A pattern's notes end its chapter: after what follows its text.
awk '/Notes that drift/ { seen = NR } /1\. A row per release/ { note = NR } END { exit !(seen && note > seen) }' \
	"$T_TMP/layout.txt" && ok "pdf-gfm: a pattern's notes come at the end of its chapter, after its pitfalls" ||
	not_ok "pdf-gfm: a pattern's notes come at the end of its chapter, after its pitfalls"

# An answer's notes end that answer, before the next question: each note
# is set within a few lines after its answer.
awk '/At the end of the answer/ { a1 = NR } /Each Markdown text numbers its own notes/ { n1 = NR }
	/After that answer/ { a2 = NR } /Never under the question before/ { n2 = NR }
	END { exit !(a1 && a2 && n1 > a1 && n1 - a1 <= 3 && n2 > a2 && n2 - a2 <= 3) }' "$T_TMP/layout.txt" &&
	ok "pdf-gfm: each answer's notes come right after that answer" ||
	not_ok "pdf-gfm: each answer's notes come right after that answer" "$(grep -n 'answer\|Never\|Each Markdown' "$T_TMP/layout.txt")"

# ---- drawn things: strikethrough and task boxes ---------------------------

# ink PAGE X0 Y0 X1 Y1: the darkest grey (0 black .. 255 white) in that box
# of the page rendered at 2 pixels a point.
ink() {
	pdftoppm -r 144 -gray -f "$1" -l "$1" "$pdf" "$T_TMP/r"
	python3 - "$T_TMP"/r-*"$1".pgm "$2" "$3" "$4" "$5" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
pixels = parts[4]
x0, y0, x1, y1 = (int(float(v) * 2) for v in sys.argv[2:6])
print(min(pixels[y * w + x] for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)))
EOF
	rm -f "$T_TMP"/r-*.pgm
}
# The gap between two words on one line (x after the first, before the
# second), and the line's middle: "PAGE X0 X1 YMIDDLE".
gap_between() {
	python3 - "$T_TMP/bbox.html" "$1" "$2" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
for n, page in enumerate(html.split('<page ')[1:], 1):
    ws = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)
    for a, b in zip(ws, ws[1:]):
        if a[4] == sys.argv[2] and b[4] == sys.argv[3]:
            print(n, float(a[2]) + 0.5, float(b[0]) - 0.5, (float(a[1]) + float(a[3])) / 2 + 1)
            raise SystemExit
EOF
}
set -- $(gap_between struck out)
struck=$( [ $# -eq 4 ] && ink "$1" "$2" "$(awk -v y="$4" 'BEGIN { print y - 1.5 }')" "$3" "$(awk -v y="$4" 'BEGIN { print y + 1.5 }')")
set -- $(gap_between Old rows)
plain=$( [ $# -eq 4 ] && ink "$1" "$2" "$(awk -v y="$4" 'BEGIN { print y - 1.5 }')" "$3" "$(awk -v y="$4" 'BEGIN { print y + 1.5 }')")
[ -n "$struck" ] && [ -n "$plain" ] && [ "$struck" -lt 160 ] && [ "$plain" -gt 230 ] &&
	ok "pdf-gfm: a line runs through struck text (and not through plain text)" ||
	not_ok "pdf-gfm: a line runs through struck text (and not through plain text)" "darkest in the gap: struck '$struck', plain '$plain'"

# A box left of each task: its outline drawn, its middle empty unless ticked.
box_middle() {
	set -- $(where "$1" '.*')
	[ $# -eq 3 ] || return
	local x=$(awk -v x="$3" 'BEGIN { print x - 14 + 3.5 }') y=$(awk -v y="$2" 'BEGIN { print y + 4.5 }')
	ink "$1" "$x" "$y" "$(awk -v x="$x" 'BEGIN { print x + 0.5 }')" "$(awk -v y="$y" 'BEGIN { print y + 0.5 }')"
	# the left edge of the box
	ink "$1" "$(awk -v x="$3" 'BEGIN { print x - 14.5 }')" "$y" "$(awk -v x="$3" 'BEGIN { print x - 13.5 }')" "$y"
}
open_box=$(box_middle Draft | tr '\n' ' ')
ticked_box=$(box_middle Tag | tr '\n' ' ')
set -- $open_box $ticked_box
[ $# -eq 4 ] && [ "$1" -gt 230 ] && [ "$2" -lt 160 ] && [ "$3" -lt 160 ] && [ "$4" -lt 160 ] &&
	ok "pdf-gfm: task items have a drawn box, ticked when done" ||
	not_ok "pdf-gfm: task items have a drawn box, ticked when done" "open (middle, edge): $open_box; ticked: $ticked_box"

# ---- code and nesting ------------------------------------------------------

# leading spaces of the line holding a text; -100 when there is none
indent_of() {
	grep -F "$1" "$T_TMP/layout.txt" | head -n 1 | sed 's/[^ ].*//' | awk '{ print length } END { if (NR == 0) print -100 }'
}
d0=$(indent_of 'def release(tag):')
got="$(($(indent_of 'notes = collect(tag)') - d0)) $(($(indent_of 'if notes:') - d0)) $(($(indent_of 'publish(notes)') - d0)) $(($(indent_of 'tabbed(line)') - d0))"
[ "$got" = "4 4 8 4" ] && ok "pdf-gfm: code lines keep their indentation (a tab to 4 columns)" ||
	not_ok "pdf-gfm: code lines keep their indentation (a tab to 4 columns)" "indents after the first line: $got, want 4 4 8 4"

# runs of spaces inside a line keep their width: the "=" of both lines line up
col() { grep -F "$1" "$T_TMP/layout.txt" | head -n 1 | awk '{ print index($0, "=") }'; }
[ -n "$(col 'short ')" ] && [ "$(col 'short ')" = "$(col 'longer_a')" ] &&
	ok "pdf-gfm: runs of spaces inside a code line keep their width" ||
	not_ok "pdf-gfm: runs of spaces inside a code line keep their width" "$(grep -F -e 'short ' -e longer_a "$T_TMP/layout.txt")"

problems=""
for t in 'nested item one' 'nested item two' 'deeper numbered item' 'nested code line' 'indented nested line' \
	'quoted inside an item'; do
	grep -qF "$t" "$T_TMP/layout.txt" || problems="$problems
missing: $t"
done
outer=$(indent_of 'A plain item with nested blocks')
[ "$(indent_of 'nested item one')" -gt "$outer" ] && [ "$(indent_of 'deeper numbered item')" -gt "$(indent_of 'nested item two')" ] &&
	[ "$(($(indent_of 'indented nested line') - $(indent_of 'nested code line')))" -eq 4 ] ||
	problems="$problems
nested blocks not indented under their item"
[ -z "$problems" ] && ok "pdf-gfm: lists, code and quotes nested in a list item are set, indented" ||
	not_ok "pdf-gfm: lists, code and quotes nested in a list item are set, indented" "$problems"

out=$(qpdf --check "$pdf" 2>&1) && ok "pdf-gfm: qpdf --check finds no error" || not_ok "pdf-gfm: qpdf --check finds no error" "$out"
pdftotext "$pdf" /dev/null 2>"$T_TMP/poppler.err"
[ ! -s "$T_TMP/poppler.err" ] && ok "pdf-gfm: poppler reads it without a warning" ||
	not_ok "pdf-gfm: poppler reads it without a warning" "$(head -n 5 "$T_TMP/poppler.err")"

finish
