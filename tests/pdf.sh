#!/usr/bin/env bash
# tests/pdf.sh: the playbook PDF of the default site.
#
#   tests/pdf.sh            check
#   tests/pdf.sh --update   rewrite the golden page renderings in tests/golden/pdf/
#
# qpdf finds no error; every font is embedded with a Unicode map; poppler
# prints no warning; the text extracts with every chapter, pattern and
# question of the content and no replacement character or mojibake; the
# bookmarks are the chapters, in order, with their sections under them;
# every link of the contents lands on a page whose running header names
# the chapter; front matter is numbered in roman; URI links are 7-bit; the
# page links the PDF; and the cover, a pattern chapter and the decision
# matrix look as they did (rendered, within a tolerance).  A playbook on US
# Letter has its pages and text area (a copy of tests/fixtures/gfm-pdf).
. "$(dirname "$0")/lib.sh"

PNG="python3 $ROOT/tests/pngcheck.py"
CHECK="python3 $ROOT/tests/pdfcheck.py"
GOLDEN=$ROOT/tests/golden/pdf
R=crm-integration-architecture
site=$T_TMP/site
folio build --source "$ROOT" --out "$site" --quiet >"$T_TMP/out" 2>&1 || { not_ok "pdf: build" "$(cat "$T_TMP/out")"; finish; exit; }
pdf=$site/resources/$R/crm-integration-architecture-playbook.pdf
[ -f "$pdf" ] && ok "pdf: the build writes the playbook" || { not_ok "pdf: the build writes the playbook"; finish; exit; }
content=$ROOT/content/resources/$R

# Text of a content file's front matter field (one line values only).
field() { sed -n "s/^$1: *//p" "$2" | head -n 1 | sed 's/^"\(.*\)"$/\1/'; }

# The pages to render and keep: the cover, a pattern's first page, the matrix.
page_of_outline() { $CHECK outlines "$pdf" | awk -F'\t' -v t="$1" '$1 == 1 && $3 == t { print $2; exit }'; }
if [ "${1:-}" = --update ]; then
	mkdir -p "$GOLDEN"
	erp=$(page_of_outline "$(field title "$content/patterns/crm-erp.md")")
	matrix=$(page_of_outline "Integration decision matrix")
	for p in "1 cover" "$erp pattern" "$matrix matrix"; do
		set -- $p
		pdftoppm -r 40 -png -singlefile -f "$1" -l "$1" "$pdf" "$GOLDEN/$2"
	done
	echo "updated $GOLDEN"
	exit 0
fi

out=$(qpdf --check "$pdf" 2>&1) && ok "pdf: qpdf --check finds no error" || not_ok "pdf: qpdf --check finds no error" "$out"

fonts=$(pdffonts "$pdf" | tail -n +3)
if [ "$(echo "$fonts" | wc -l)" -ge 4 ] && ! echo "$fonts" | awk '{ print $(NF-4), $(NF-2) }' | grep -q no; then
	ok "pdf: every font is embedded, with a Unicode map"
else
	not_ok "pdf: every font is embedded, with a Unicode map" "$fonts"
fi

pdftotext -enc UTF-8 "$pdf" "$T_TMP/text.txt" 2>"$T_TMP/poppler.err"
[ ! -s "$T_TMP/poppler.err" ] && ok "pdf: poppler reads it without a warning" ||
	not_ok "pdf: poppler reads it without a warning" "$(head -n 5 "$T_TMP/poppler.err")"
# one line, white space squeezed, so titles wrapped over two lines match
tr '\n' ' ' <"$T_TMP/text.txt" | tr -s ' ' >"$T_TMP/flat.txt"
if grep -q $'\xEF\xBF\xBD' "$T_TMP/text.txt" || grep -q 'Ã[©¨¼¶]\|â€' "$T_TMP/text.txt"; then
	not_ok "pdf: no replacement character or mojibake in the text"
else
	ok "pdf: no replacement character or mojibake in the text"
fi

missing=""
for f in "$content"/patterns/*.md; do
	t=$(field title "$f")
	grep -qF "$t" "$T_TMP/flat.txt" || missing="$missing
pattern: $t"
done
for f in "$content"/faq/*.md; do
	q=$(field question "$f")
	grep -qF "$q" "$T_TMP/flat.txt" || missing="$missing
question: $q"
done
for h in "Introduction" "Contents" "Integration decision matrix" "Vendor connector compatibility matrix" \
	"Scope and cost estimator" "API mapping template" "Common pitfalls" "Architecture overview"; do
	grep -qF "$h" "$T_TMP/flat.txt" || missing="$missing
heading: $h"
done
[ -z "$missing" ] && ok "pdf: the text has every heading, pattern and question" ||
	not_ok "pdf: the text has every heading, pattern and question" "$missing"

# Bookmarks: Contents, then the chapters in the order of the book: the
# introduction, the architecture overview (the map of the book: right
# after the introduction, the one place the book's order leaves the
# page's), then the resource page's other sections in the page's order
# (read from the built page), each pattern a chapter by weight, the other
# sections under their titles in resource.yaml, and last how the
# publisher helps.
$CHECK outlines "$pdf" >"$T_TMP/outlines"
chapters=$(awk -F'\t' '$1 == 1 { print $3 }' "$T_TMP/outlines")
title_of() { sed -n "/^$1:/,/^[a-z]/s/^  title: *//p" "$content/resource.yaml" | head -n 1; }
want="Contents
Introduction"
grep -q '<section[^>]* id="overview"' "$site/resources/$R/index.html" && want="$want
$(title_of overview)"
for id in $(grep -o '<section[^>]* id="[a-z-]*"' "$site/resources/$R/index.html" | sed 's/.* id="\(.*\)"/\1/'); do
	case $id in
	patterns)
		while read -r f; do want="$want
$(field title "$f")"; done < <(for f in "$content"/patterns/*.md; do echo "$(field weight "$f") $f"; done | sort -n | cut -d' ' -f2) ;;
	decision-matrix) want="$want
$(title_of matrix)" ;;
	support | estimator | faq) want="$want
$(title_of "$id")" ;;
	esac
done
want="$want
$(title_of help)"
[ "$chapters" = "$want" ] && ok "pdf: the bookmarks are the chapters, in order" ||
	not_ok "pdf: the bookmarks are the chapters, in order" "$(diff <(echo "$want") <(echo "$chapters"))"
sections=$(awk -F'\t' '$1 == 2' "$T_TMP/outlines" | wc -l)
[ "$sections" -ge 20 ] && ok "pdf: sections are bookmarked under their chapters ($sections)" ||
	not_ok "pdf: sections are bookmarked under their chapters" "only $sections"

# Every contents link lands on a page whose header names its chapter.
bad=""
first_body=$($CHECK labels "$pdf" | awk -F'\t' '$2 == "/D" { print $1 + 1; exit }')
links=$(for p in $(seq 2 $((first_body - 1))); do $CHECK toclinks "$pdf" "$p"; done)
[ -n "$links" ] || bad="no links on the contents page"
current=""
i=0
while IFS=$'\t' read -r level page title; do
	[ "$title" = Contents ] && continue
	i=$((i + 1))
	target=$(echo "$links" | sed -n "${i}p")
	[ "$target" = "$page" ] || bad="$bad
link $i ('$title') goes to page $target, its bookmark to $page"
	[ "$level" = 1 ] && current=$title
	head=$(pdftotext -f "$target" -l "$target" -enc UTF-8 "$pdf" - 2>/dev/null | head -n 3 | tr '\n' ' ')
	case $head in *"$current"*) ;; *) bad="$bad
page $target does not name '$current' at its top: $head" ;; esac
done <"$T_TMP/outlines"
[ -z "$bad" ] && ok "pdf: every contents link lands on its chapter's page" || not_ok "pdf: every contents link lands on its chapter's page" "$bad"

labels=$($CHECK labels "$pdf" | tr '\t\n' ' ')
case $labels in "0 /r 1 "[0-9]*" /D 1 ") ok "pdf: roman page labels for the front matter, then 1, 2, 3" ;;
*) not_ok "pdf: roman page labels for the front matter, then 1, 2, 3" "$labels" ;; esac

uris=$($CHECK urilinks "$pdf")
if [ -n "$uris" ] && ! echo "$uris" | LC_ALL=C grep -q '[^ -~]'; then
	ok "pdf: URI links are 7-bit ($(echo "$uris" | wc -l) links)"
else
	not_ok "pdf: URI links are 7-bit"
fi

# Paper shows no link's target: every address a link goes to is printed
# too (white space taken out: a long address wraps).
tr -d ' \n' <"$T_TMP/text.txt" >"$T_TMP/joined.txt"
unprinted=$(echo "$uris" | sed 's/^u://' | sort -u | while read -r u; do grep -qF -- "$u" "$T_TMP/joined.txt" || echo "$u"; done)
[ -n "$uris" ] && [ -z "$unprinted" ] && ok "pdf: every link's address is printed" ||
	not_ok "pdf: every link's address is printed" "$(echo "$unprinted" | head -n 5)"

# A body's sources section follows the pitfalls it supports: in the body
# pages each pattern's "Common pitfalls" comes before its sources.
order=$(pdftotext -f "$first_body" -enc UTF-8 "$pdf" - | grep -o '^Common pitfalls$\|^Sources for the pitfalls$' | tr '\n' '|')
want_order=$(for f in "$content"/patterns/*.md; do echo "$(field weight "$f") $f"; done | sort -n | cut -d' ' -f2 |
	while read -r f; do
		printf 'Common pitfalls|'
		grep -q '^## Sources for the pitfalls' "$f" && printf 'Sources for the pitfalls|'
	done)
[ "$order" = "$want_order" ] && ok "pdf: sources come after the pitfalls they support" ||
	not_ok "pdf: sources come after the pitfalls they support" "order: $order"

# A facts label is not said again by its text ("Avoid when: Avoid it when").
repeated=$(grep -oE '(Best for|Avoid when|Decision note): (Best|Avoid|Decision)[^.]*' "$T_TMP/flat.txt" | head -n 3)
[ -z "$repeated" ] && ok "pdf: no fact repeats its label" || not_ok "pdf: no fact repeats its label" "$repeated"

grep -q 'href="[./]*resources/'"$R"'/crm-integration-architecture-playbook.pdf"' "$site/resources/$R/index.html" &&
	ok "pdf: the resource page links the playbook" || not_ok "pdf: the resource page links the playbook"

pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
grep -q "<span>$pages</span> pages" "$site/resources/$R/index.html" &&
	ok "pdf: the page gives the playbook's page count ($pages)" || not_ok "pdf: the page gives the playbook's page count"

info=$(pdfinfo "$pdf")
for k in "Title:" "Author:" "Subject:" "Keywords:" "Creator: *Folio"; do
	echo "$info" | grep -q "^$k" && ok "pdf: metadata $k" || not_ok "pdf: metadata $k" "$info"
done
echo "$info" | grep -q "CreationDate: .*2026" && ok "pdf: dates come from SOURCE_DATE_EPOCH" ||
	not_ok "pdf: dates come from SOURCE_DATE_EPOCH" "$(echo "$info" | grep Date)"

# US Letter (resource.yaml's playbook paper): a copy of the gfm-pdf fixture,
# whose table spans pages, laid out again on 612 x 792 pt pages.  Every
# word lies on the page and between the margins (56 pt), some reach past
# where A4's text ends (x 539.3), and none but the footer's lies below
# Letter's text area (y 730), where A4's would go on (to y 779.9).
letter=$T_TMP/letter
cp -r "$ROOT/tests/fixtures/gfm-pdf" "$letter"
sed -i 's|^  file: release-notes-playbook.pdf$|&\n  paper: letter|' "$letter/content/resources/notes/resource.yaml"
run_folio "$T_TMP/letter.out" "$T_TMP/letter.err" build --source "$letter" --out "$letter/out" --quiet
letter_pdf=$letter/out/resources/notes/release-notes-playbook.pdf
if [ "$RC" -eq 0 ] && [ -f "$letter_pdf" ]; then
	size=$(pdfinfo "$letter_pdf" | sed -n 's/^Page size: *//p')
	[ "$size" = "612 x 792 pts (letter)" ] && ok "pdf: a playbook on letter paper has letter pages" ||
		not_ok "pdf: a playbook on letter paper has letter pages" "page size: $size"
	pdftotext -enc UTF-8 -bbox "$letter_pdf" "$T_TMP/letter.html"
	where=$(python3 - "$T_TMP/letter.html" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
wide, bad = False, []
for n, page in enumerate(html.split('<page ')[1:], 1):
    w, h = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
    if (w, h) != (612, 792):
        bad.append(f'page {n} is {w} x {h}')
    for x0, y0, x1, y1, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        wide |= x1 > 540
        if x0 < 55.9 or x1 > 556.1 or y0 < 0 or y1 > 792:
            bad.append(f'page {n}: {t!r} at {x0} {y0} {x1} {y1} is outside the margins or the page')
        elif 730.5 < y1 and y0 < 745:
            bad.append(f'page {n}: {t!r} at y {y0} to {y1} is below the text area')
print('\n'.join(bad) if bad else 'ok' if wide else 'no line is wider than on A4')
EOF
)
	[ "$where" = ok ] && ok "pdf: on letter paper the text reflows within the page's margins and text area" ||
		not_ok "pdf: on letter paper the text reflows within the page's margins and text area" "$(echo "$where" | head -n 10)"
else
	not_ok "pdf: a playbook on letter paper builds" "$(cat "$T_TMP/letter.err")"
fi

erp=$(page_of_outline "$(field title "$content/patterns/crm-erp.md")")
matrix=$(page_of_outline "Integration decision matrix")
for p in "1 cover" "$erp pattern" "$matrix matrix"; do
	set -- $p
	pdftoppm -r 40 -png -singlefile -f "$1" -l "$1" "$pdf" "$T_TMP/$2"
	if frac=$($PNG compare "$T_TMP/$2.png" "$GOLDEN/$2.png" 0.01); then
		ok "pdf: the $2 page matches its golden rendering ($frac differ)"
	else
		not_ok "pdf: the $2 page matches its golden rendering" "$frac differ; if meant, run tests/pdf.sh --update"
	fi
done
finish
