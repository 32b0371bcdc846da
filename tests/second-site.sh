#!/usr/bin/env bash
# tests/second-site.sh: a second, non-CRM site in the same content format
# (tests/fixtures/cookbook: kitchen workflow patterns, content/ only) builds
# with the built-in theme, and its pages say what it says.
# It has three resources (one with its own order of sections and custom
# sections, one with nothing but its title, summary and description) and
# plain pages, so it also checks what each resource's pages link to, the
# order of sections in every output, and where plain pages appear.
. "$(dirname "$0")/lib.sh"

SITE=$T_TMP/cookbook
OUT=$SITE/out
copy_site "$ROOT/tests/fixtures/cookbook" "$SITE"
mkdir -p "$SITE/static/images"
# Its publisher's mark is a PNG (the default site's is an SVG): a 64x64
# green square with a white band, made here so that no binary is kept.
python3 - "$SITE/static/images/mark.png" <<'PY'
import struct, sys, zlib
rows = b''.join(b'\0' + b''.join(b'\xff\xff\xff' if 24 <= y < 40 else b'\x1b\x7a\x3c' for _ in range(64))
               for y in range(64))
def chunk(kind, body):
    return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 64, 64, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
PY
sed -i 's|^  logo: images/logo.svg$|&\n  icon: images/mark.png|' "$SITE/content/site.yaml"

run_folio "$T_TMP/out" "$T_TMP/err" build --source "$SITE" --out "$OUT"
if [ "$RC" -ne 0 ]; then
	not_ok "cookbook: builds" "exit status $RC" "$(cat "$T_TMP/err")"
	finish
	exit 1
fi
if [ -s "$T_TMP/err" ]; then
	not_ok "cookbook: builds without warnings" "$(cat "$T_TMP/err")"
else
	ok "cookbook: builds without warnings"
fi
summary=$(cat "$T_TMP/out")
if [[ $summary =~ ^folio:\ built\ 11\ pages,\ [0-9]+\ files\ in\ [0-9]+\ ms\ into\ $OUT$ ]]; then
	ok "cookbook: 11 pages (home, 3 resources, 3 patterns, 3 plain pages, 404)"
else
	not_ok "cookbook: 11 pages (home, 3 resources, 3 patterns, 3 plain pages, 404)" "summary: $summary"
fi

HOME_PAGE=$OUT/index.html
RES=$OUT/resources/kitchen-workflow-patterns/index.html
RAIL=$OUT/resources/kitchen-workflow-patterns/patterns/ticket-rail/index.html
PREP=$OUT/resources/kitchen-workflow-patterns/patterns/prep-list/index.html
NOTFOUND=$OUT/404.html

# has NAME FILE FIXED-STRING: the page holds the string.
has() {
	if [ -f "$2" ] && grep -qF -- "$3" "$2"; then ok "cookbook: $1"; else not_ok "cookbook: $1" "${2#"$OUT"/} lacks: $3"; fi
}
# lacks NAME FILE TEXT: TEXT is nowhere in FILE's markup; the JSON-LD data
# block is left out, since JSON escapes differently from HTML.
lacks() {
	if [ -f "$2" ] && ! sed '/<script type="application\/ld+json">/,/<\/script>/d' "$2" | grep -qF -- "$3"; then
		ok "cookbook: $1"
	else
		not_ok "cookbook: $1" "${2#"$OUT"/} holds: $3"
	fi
}

for f in "$HOME_PAGE" "$RES" "$RAIL" "$PREP" "$NOTFOUND"; do
	[ -f "$f" ] || not_ok "cookbook: page ${f#"$OUT"/} exists"
done

has "home page title" "$HOME_PAGE" "<title>Line Cook Library</title>"
has "language from site.yaml" "$HOME_PAGE" '<html lang="en-GB">'
has "home links the resource relatively" "$HOME_PAGE" 'href="resources/kitchen-workflow-patterns/"'
has "resource title" "$RES" "<title>Kitchen Workflow Patterns | Line Cook Library</title>"
has "canonical URL keeps the base path" "$RES" '<link rel="canonical" href="https://cooks.example.net/library/resources/kitchen-workflow-patterns/">'
has "meta description" "$RES" '<meta name="description" content="Two kitchen workflow patterns, from ticket rail to prep list, with the hand-offs between stations and who owns them.">'
has "ampersand escaped in text" "$RES" "How Brigade &amp; Co. helps"
lacks "no unescaped ampersand" "$RES" "Brigade & Co."
has "UTF-8 text kept" "$RAIL" "À la carte restaurants"
has "smart quotes in Markdown" "$RAIL" "answers “heard”"
has "call to action from site.yaml" "$RES" 'href="https://brigade.example.net/visit/"'
has "FAQ anchor" "$RES" 'id="faq-who-owns-the-pass"'
has "FAQ answer Markdown" "$RES" "move the <em>pass</em> first"
has "flow names resolved" "$RAIL" "Front-of-house till"
has "system of record resolved" "$PREP" "Store room"
has "Markdown heading with id" "$RAIL" 'id="guide-how-the-tickets-move"'
has "site path in Markdown made relative" "$PREP" 'href="../../../../resources/kitchen-workflow-patterns/patterns/ticket-rail/"'
has "404 links from the base path" "$NOTFOUND" 'href="/library/resources/kitchen-workflow-patterns/"'

# The resource's own words (vocabulary, support levels, captions, the
# estimator's), in the pages, the badges, the Markdown copies and the PDF.
has "flow kind label" "$RAIL" '>printed ticket</span>'
has "badge styled by the kind's place and line" "$RAIL" 'class="badge badge--1 badge--dotted">printed ticket<'
has "heavy badge" "$RAIL" 'class="badge badge--2 badge--heavy">called across the pass<'
has "dashed badge on the resource page" "$RES" 'class="badge badge--3 badge--dashed">batch cook<'
has "diagram arrow coloured by place" "$RAIL" 'class="dg-kind-2" stroke="#8a3b12" stroke-width="3.0"'
has "diagram tag" "$RAIL" '>called across the pass</text>'
has "effort unit" "$RAIL" '<dd>1 to 3 shifts</dd>'
has "complexity scale" "$RAIL" '<dd>2 of 3</dd>'
has "mapping title" "$RAIL" '>Hand-over sheet</a></h2>'
has "mapping columns" "$RAIL" '<th scope="col">From station</th><th scope="col">To station</th><th scope="col">Hand-over</th><th scope="col">What changes</th><th scope="col">Station in charge</th>'
has "mapping direction label" "$RAIL" '>handed over</td>'
has "support level styled by place" "$RES" 'class="level level--2">Shared cook<'
has "support caption" "$RES" 'Stations each kitchen runs, by station (checked'
has "support area heading" "$RES" '<th scope="col">Station</th>'
has "support section anchor" "$RES" 'id="support"'
has "matrix caption" "$RES" 'The kitchen workflows compared on <span>1</span> criteria'
has "estimator legend" "$RES" '<legend>Workflows to change</legend>'
has "estimator hint" "$RES" '>Tick a workflow to see the shifts it takes.</p>'
has "estimator column" "$RES" '<th scope="col">Workflow</th>'
has "estimator words for the script" "$RES" '"effort_unit":"shifts","complexity_max":3'
RAIL_MD=$OUT/resources/kitchen-workflow-patterns/patterns/ticket-rail/index.html.md
RES_MD=$OUT/resources/kitchen-workflow-patterns/index.html.md
has "twin: flow kind" "$RAIL_MD" '| printed ticket |'
has "twin: effort and scale" "$RAIL_MD" '- Complexity: 2 of 3'
has "twin: effort unit" "$RAIL_MD" '- Typical effort: 1 to 3 shifts'
has "twin: mapping title" "$RAIL_MD" '## Hand-over sheet'
has "twin: mapping columns" "$RAIL_MD" '| From station | To station | Hand-over | What changes | Station in charge |'
has "twin: direction" "$RAIL_MD" '| shared both ways |'
has "twin: support heading" "$RES_MD" '| Station | North kitchen | South kitchen |'
has "twin: support level" "$RES_MD" '**Not covered**'
PDF_TEXT=$T_TMP/handbook.txt
pdftotext "$OUT/resources/kitchen-workflow-patterns/kitchen-workflow-handbook.pdf" - | tr -s ' \n' '  ' >"$PDF_TEXT"
has "PDF: flow kinds" "$PDF_TEXT" 'printed ticket'
has "PDF: effort unit and scale, in its own phrase" "$PDF_TEXT" 'Complexity: 2 of 3; about 1 to 3 shifts'
has "PDF: mapping title" "$PDF_TEXT" 'Hand-over sheet'
has "PDF: mapping column" "$PDF_TEXT" 'Station in charge'
has "PDF: direction" "$PDF_TEXT" 'handed over'
has "PDF: support level" "$PDF_TEXT" 'Shared cook. The pastry cook covers the larder'
has "PDF: worksheet" "$PDF_TEXT" 'Your estimate: ______ to ______ shifts; complexity ____ of 3.'
# None of the default content's words, in any file made for readers.
CRM_WORDS='CRM|integration|vendor|connector|webhook|warehouse|API mapping|real-time|scheduled batch|Record owner|System to connect|Systems to connect|Tick at least one system'
if grep -rliE "$CRM_WORDS" "$OUT" "$PDF_TEXT" --include='*.html' --include='*.md' --include='*.txt' --include='*.svg' \
	--include='*.xml' --include='*.js' --include='*.css' >"$T_TMP/words"; then
	not_ok "cookbook: none of the default content's words" "$(cat "$T_TMP/words")"
else
	ok "cookbook: none of the default content's words"
fi

# The lead form shows when site.yaml names an endpoint (the default site
# names none, and its golden copy has no form), beside the direct download.
has "lead form posts to the configured endpoint" "$RES" 'action="https://brigade.example.net/forms/guide"'
has "lead form has a labelled email field" "$RES" '<label for="lead-email">'
has "the direct download stays" "$RES" 'download="">Download the PDF</a>'
lacks_form=$(grep -c 'class="lead-form"' "$ROOT/tests/golden/site/resources/crm-integration-architecture/index.html")
[ "$lacks_form" = 0 ] && ok "cookbook: the default site, with no endpoint, has no lead form" ||
	not_ok "cookbook: the default site, with no endpoint, has no lead form"

# No script block holds "</" (which could end it early).
bad_scripts=$(for f in "$HOME_PAGE" "$RES" "$RAIL" "$PREP" "$NOTFOUND"; do
	perl -0ne 'while (/<script\b[^>]*>(.*?)<\/script>/gs) { my $t = $1; print "$ARGV\n" if $t =~ /<\//; }' "$f"
done)
if [ -z "$bad_scripts" ]; then ok "cookbook: no script block holds '</'"; else not_ok "cookbook: no script block holds '</'" "$bad_scripts"; fi

# Patterns and questions in weight order.
order() {
	local file=$1 first=$2 second=$3 a b
	a=$(grep -nF -- "$first" "$file" | head -n 1 | cut -d: -f1)
	b=$(grep -nF -- "$second" "$file" | head -n 1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}
check "cookbook: patterns in weight order" order "$RES" "Ticket rail: the pass calls" "Prep list: stock counts"
check "cookbook: questions in weight order" order "$RES" "Who should own the pass?" "Paper tickets or kitchen screens?"

# Nothing of the default CRM content reaches this site.
if grep -rlE 'CRM|crm-integration|AavishkarIT' "$OUT" --include='*.html' >"$T_TMP/leak"; then
	not_ok "cookbook: no CRM content in its pages" "$(cat "$T_TMP/leak")"
else
	ok "cookbook: no CRM content in its pages"
fi
if [ -e "$OUT/resources/crm-integration-architecture" ]; then
	not_ok "cookbook: only its own resource is built"
else
	ok "cookbook: only its own resource is built"
fi

# The favicon set comes from the PNG mark: the white band across the
# middle, green above it.
if python3 "$ROOT/tests/iconcheck.py" "$OUT" >"$T_TMP/icons" 2>&1 &&
	[ "$(python3 "$ROOT/tests/pngcheck.py" pixel "$OUT/icon-192.png" 96 96)" = "255 255 255" ] &&
	[ "$(python3 "$ROOT/tests/pngcheck.py" pixel "$OUT/icon-192.png" 96 20)" = "27 122 60" ]; then
	ok "cookbook: the favicon set is drawn from its PNG mark"
else
	not_ok "cookbook: the favicon set is drawn from its PNG mark" "$(cat "$T_TMP/icons")" \
		"$(python3 "$ROOT/tests/pngcheck.py" pixel "$OUT/icon-192.png" 96 96)"
fi

# Its own words for some of the theme's strings (site.yaml's strings:)
# replace the theme's, on the pages and in the playbook.
has "its own words for a string of the theme" "$RAIL" '<p class="toc__title" id="toc-side-title">On this menu</p>'
lacks "the theme's words for that string are gone" "$RAIL" "On this page"
lacks "... on the resource page too" "$RES" "On this page"
PLAYBOOK=$OUT/resources/kitchen-workflow-patterns/kitchen-workflow-handbook.pdf
if pdftotext -enc UTF-8 "$PLAYBOOK" "$T_TMP/playbook.txt" 2>"$T_TMP/pdftotext.err" &&
	grep -qE '^Sheet 1 of [0-9]+$' "$T_TMP/playbook.txt" && ! grep -qE 'Page [0-9]+ of [0-9]+' "$T_TMP/playbook.txt"; then
	ok "cookbook: the playbook's page footers in its own words"
else
	not_ok "cookbook: the playbook's page footers in its own words" "$(grep -E 'of [0-9]+$' "$T_TMP/playbook.txt" | head -n 3)" \
		"$(cat "$T_TMP/pdftotext.err")"
fi

# The playbook's own phrases too: its first chapter in the site's words.
if grep -qx 'Before service' "$T_TMP/playbook.txt" && ! grep -qx 'Introduction' "$T_TMP/playbook.txt"; then
	ok "cookbook: the playbook's chapter in its own words"
else
	not_ok "cookbook: the playbook's chapter in its own words" "$(grep -nx -e 'Before service' -e Introduction "$T_TMP/playbook.txt")"
fi

# ---- several resources: each one's pages link to it ------------------
STOCK=$OUT/resources/stock-rotation/index.html
FIFO=$OUT/resources/stock-rotation/patterns/fifo-shelf/index.html
BARE=$OUT/resources/menu-costing/index.html

has "home links the second resource" "$HOME_PAGE" 'href="resources/stock-rotation/"'
has "home links the third resource" "$HOME_PAGE" 'href="resources/menu-costing/"'
has "home gives each resource's summary" "$HOME_PAGE" "One way to keep the walk-in and the dry store first in, first out"
has "home gives each resource's date" "$HOME_PAGE" '<time datetime="2026-04-02">2 April 2026</time>'
has "home gives the first resource's date" "$HOME_PAGE" '<time datetime="2026-03-14">14 March 2026</time>'
has "second resource's pattern: breadcrumb to its resource" "$FIFO" '<li><a href="../../../../resources/stock-rotation/">Stock Rotation Guide</a></li>'
has "second resource's pattern: all patterns of its resource" "$FIFO" 'href="../../../../resources/stock-rotation/#patterns">All patterns</a>'
# The one link to the first resource is site.yaml's navigation.
to_first=$(grep -o 'href="[./]*resources/kitchen-workflow-patterns/[^"]*"' "$FIFO" | wc -l)
in_nav=$(sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$FIFO" | grep -o 'href="[./]*resources/kitchen-workflow-patterns/"' | wc -l)
[ "$to_first" = 1 ] && [ "$in_nav" = 1 ] && ok "cookbook: second resource's pattern links the first only from the site's navigation" ||
	not_ok "cookbook: second resource's pattern links the first only from the site's navigation" "links: $to_first, in the navigation: $in_nav"
has "download action leads to the page's own playbook" "$STOCK" 'href="../../resources/stock-rotation/#playbook">Download the handbook</a>'
has "download action of the first resource leads to its own" "$RES" 'href="../../resources/kitchen-workflow-patterns/#playbook">Download the handbook</a>'
lacks "no download action leads to another resource's playbook" "$STOCK" 'kitchen-workflow-patterns/#playbook'

# ---- the order of sections and custom sections -----------------------
WANT="labels why patterns allergen-notes faq playbook help"
got=$(grep -o '<section class="section[^"]*" id="[^"]*"' "$STOCK" | sed 's/.*id="//; s/"$//' | grep -v next-steps | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "$WANT" ] && ok "cookbook: the page's sections in the resource's order" ||
	not_ok "cookbook: the page's sections in the resource's order" "got:      $got" "expected: $WANT"
got=$(sed -n '/toc--side/,/<\/nav>/p' "$STOCK" | grep -o 'href="#[^"]*"' | sed 's/href="#//; s/"$//' | grep -v -e next-steps -e '^top$' | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "$WANT" ] && ok "cookbook: the contents in the resource's order" ||
	not_ok "cookbook: the contents in the resource's order" "got:      $got" "expected: $WANT"
has "custom section: heading linked to itself" "$STOCK" '<h2 id="labels-title"><a class="heading-link" href="#labels-title">Labelling rules</a></h2>'
has "custom section: Markdown one level under its title" "$STOCK" '<h3 id="labels-text-what-a-label-says"><a class="heading-link" href="#labels-text-what-a-label-says">What a label says</a></h3>'
has "custom section: its link to a plain page checked and made relative" "$STOCK" 'href="../../about/">about page</a>'
has "custom section: anchor made from its title" "$STOCK" '<section class="section" id="allergen-notes" aria-labelledby="allergen-notes-title">'
TWIN=$OUT/resources/stock-rotation/index.html.md
got=$(grep '^## ' "$TWIN" | tr '\n' '|')
want='## Labelling rules|## Why rotation pays|## The rotation routine|## Allergen notes|## Stock rotation questions|## Stock Rotation Checklist|## How Brigade & Co. helps with stock|'
[ "$got" = "$want" ] && ok "cookbook: the Markdown copy in the resource's order" ||
	not_ok "cookbook: the Markdown copy in the resource's order" "got:      $got" "expected: $want"
has "custom section in the Markdown copy, its headings one level down" "$TWIN" '### What a label says'
has "custom section in JSON-LD" "$STOCK" '"@type": "WebPageElement"'
has "custom section in llms.txt" "$OUT/llms.txt" '- [Labelling rules](https://cooks.example.net/library/resources/stock-rotation/#labels)'
# The playbook: the introduction first, then its chapters in the page's order.
pdftotext "$OUT/resources/stock-rotation/stock-rotation-checklist.pdf" "$T_TMP/stock.txt"
tr -d '\f' <"$T_TMP/stock.txt" | sed -n '/^Contents$/,$p' >"$T_TMP/stock-body.txt"
in_order() {
	local prev=0 line
	for heading in "$@"; do
		line=$(grep -nxF -- "$heading" "$T_TMP/stock-body.txt" | head -n 1 | cut -d: -f1)
		[ -n "$line" ] && [ "$line" -gt "$prev" ] || return 1
		prev=$line
	done
}
check "cookbook: the playbook's chapters in the resource's order, custom sections included" \
	in_order "Before service" "Why rotation pays" "Labelling rules" "What a label says" \
	"FIFO shelf: new stock goes to the back" "Allergen notes" "Stock rotation questions" "How Brigade & Co. helps with stock"

# ---- a resource with only a title, a summary and a description --------
main_of_bare=$(sed -n '/<main/,/<\/main>/p' "$BARE")
if grep -q 'class="section' <<<"$main_of_bare" || grep -q '<h2' <<<"$main_of_bare" || grep -q 'toc' <<<"$main_of_bare" ||
	grep -q 'class="actions"' <<<"$main_of_bare" || grep -q '<aside' <<<"$main_of_bare"; then
	not_ok "cookbook: a resource with only its required keys shows no empty section" "$main_of_bare"
else
	ok "cookbook: a resource with only its required keys shows no empty section"
fi
has "a resource with only its required keys: title and summary" "$BARE" '<p class="hero__lead">A short note on what a plate costs'
[ ! -e "$OUT/resources/menu-costing/overview.svg" ] && ! ls "$OUT/resources/menu-costing/"*.pdf >/dev/null 2>&1 &&
	ok "cookbook: a resource without patterns or playbook has no overview or PDF" ||
	not_ok "cookbook: a resource without patterns or playbook has no overview or PDF" "$(ls "$OUT/resources/menu-costing")"

# ---- plain pages ------------------------------------------------------
has "about page built" "$OUT/about/index.html" '<h1 class="hero__title">About the library</h1>'
has "about page: AboutPage" "$OUT/about/index.html" '"@type": "AboutPage"'
has "contact page: ContactPage" "$OUT/contact/index.html" '"@type": "ContactPage"'
has "plain page: WebPage" "$OUT/terms/index.html" '"@type": "WebPage"'
has "plain page: its Markdown" "$OUT/about/index.html" '<h2 id="text-how-a-guide-is-made">'
has "plain page: a Markdown copy" "$OUT/about/index.html.md" '# About the library'
for page in about contact terms; do
	has "sitemap lists /$page/" "$OUT/sitemap.xml" "<loc>https://cooks.example.net/library/$page/</loc>"
	has "llms.txt lists /$page/" "$OUT/llms.txt" "(https://cooks.example.net/library/$page/)"
done
sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$HOME_PAGE" >"$T_TMP/header"
sed -n '/<footer/,/<\/footer>/p' "$HOME_PAGE" >"$T_TMP/footer"
has "menu: header lists about after site.yaml's links" "$T_TMP/header" '<a href="resources/kitchen-workflow-patterns/">Kitchen workflows</a></li><li><a href="about/">About the library</a>'
has "menu: both lists contact in the header" "$T_TMP/header" '<a href="contact/">Contact</a>'
has "menu: both lists contact in the footer, after site.yaml's links" "$T_TMP/footer" '<a href="https://brigade.example.net/" rel="noopener">Brigade &amp; Co.</a></li><li><a href="contact/">Contact</a></li><li><a href="terms/">Terms of use</a>'
lacks "menu: header leaves out a footer page" "$T_TMP/header" 'terms/'
lacks "menu: footer leaves out a header page" "$T_TMP/footer" 'about/'
if grep -rl 'recipes' "$OUT" >"$T_TMP/draft"; then
	not_ok "cookbook: a draft page is neither built nor linked" "$(cat "$T_TMP/draft")"
else
	ok "cookbook: a draft page is neither built nor linked"
fi

# folio check reads it back without a problem.
run_folio "$T_TMP/check.out" "$T_TMP/check.err" check "$OUT"
[ "$RC" -eq 0 ] && [ ! -s "$T_TMP/check.out" ] && ok "cookbook: folio check finds no problem" ||
	not_ok "cookbook: folio check finds no problem" "exit status $RC" "$(cat "$T_TMP/check.out" "$T_TMP/check.err")"

finish
