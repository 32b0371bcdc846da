#!/usr/bin/env bash
# tests/incremental.sh: builds over a previous build.  A build with nothing
# changed writes nothing; after any edit (content, templates, static files,
# the theme's files, options, the output itself) the output is byte-identical to a clean
# build of the same sources; unchanged files are kept, not rewritten; and
# builds on one and on two threads give the same bytes.
. "$(dirname "$0")/lib.sh"

SITE=$T_TMP/site
OUT=$T_TMP/out
O=$T_TMP/stdout
E=$T_TMP/stderr
copy_site "$ROOT/tests/fixtures/minimal" "$SITE"

# inodes and change times of every file: equal lists mean nothing was written
stamps() { (cd "$1" && find . -printf '%i %C@ %m %s %p\n' | LC_ALL=C sort -k5); }
# the inode of one file of the output
inode() { stat -c %i "$OUT/$1"; }

# build_inc NAME ARGS...: builds SITE into OUT (over the previous build);
# a failure is reported under NAME and returns 1.
build_inc() {
	local name=$1
	shift
	run_folio "$O" "$E" build --source "$SITE" --out "$OUT" "$@"
	[ "$RC" -eq 0 ] && return 0
	not_ok "$name" "build exit status $RC" "$(cat "$E")"
	return 1
}

# same_as_clean NAME ARGS...: a clean build of SITE with ARGS into a new
# folder; ok when OUT is byte-identical to it (files, modes, bytes).
same_as_clean() {
	local name=$1 clean
	shift
	clean=$(mktemp -d "$T_TMP/clean.XXXXXX")
	rmdir "$clean"
	run_folio "$O.clean" "$E.clean" build --source "$SITE" --out "$clean" "$@"
	if [ "$RC" -ne 0 ]; then
		not_ok "$name" "clean build failed" "$(cat "$E.clean")"
	elif diff <(snapshot "$OUT") <(snapshot "$clean") >"$T_TMP/diff"; then
		ok "$name"
		cp "$T_TMP/.$(basename "$clean").folio-units" "$T_TMP/clean-units" 2>/dev/null || rm -f "$T_TMP/clean-units"
	else
		not_ok "$name" "differs from a clean build:" "$(cat "$T_TMP/diff")"
	fi
	rm -rf "$clean"
}

# edit_step NAME COMMAND...: runs the edit, rebuilds over OUT, compares
# with a clean build.
edit_step() {
	local name=$1
	shift
	"$@"
	build_inc "incremental: $name" && same_as_clean "incremental: $name"
}

# --- nothing changed -------------------------------------------------------

if build_inc "incremental: first build"; then
	stamps "$OUT" >"$T_TMP/before"
	if build_inc "incremental: a second build with nothing changed writes nothing"; then
		stamps "$OUT" >"$T_TMP/after"
		if diff "$T_TMP/before" "$T_TMP/after" >"$T_TMP/diff" && grep -q 'is up to date' "$O"; then
			ok "incremental: a second build with nothing changed writes nothing"
		else
			not_ok "incremental: a second build with nothing changed writes nothing" "stdout: $(cat "$O")" \
				"$(cat "$T_TMP/diff")"
		fi
	fi
fi

# A file touched but not changed: its stamp differs, its bytes decide.
touch "$SITE/content/resources/demo/patterns/alpha.md"
stamps "$OUT" >"$T_TMP/before"
if build_inc "incremental: a touched but unchanged file rebuilds nothing"; then
	stamps "$OUT" >"$T_TMP/after"
	if diff -q "$T_TMP/before" "$T_TMP/after" >/dev/null && grep -q 'is up to date' "$O"; then
		ok "incremental: a touched but unchanged file rebuilds nothing"
	else
		not_ok "incremental: a touched but unchanged file rebuilds nothing" "stdout: $(cat "$O")"
	fi
fi

# --- edits -----------------------------------------------------------------

css_inode=$(inode images/logo.svg)
home_inode=$(inode index.html)
pattern=$SITE/content/resources/demo/patterns/alpha.md
# png_stamps: inode, change time and path of every PNG of the output.
png_stamps() { (cd "$OUT" && find . -name '*.png' -printf '%i %C@ %p\n' | LC_ALL=C sort -k3); }
png_stamps >"$T_TMP/pngs-before"
edit_step "an edited pattern body" sed -i 's/every night/every hour/' "$pattern"
# The record of the last build says which units there are and what they
# wrote: a body edit makes its resource's unit again, in place.
if grep -q '^folio: updated [0-9]* pages (1 resource) in ' "$O"; then
	ok "incremental: a body edit updates its resource in place"
else
	not_ok "incremental: a body edit updates its resource in place" "summary: $(cat "$O")"
fi
if [ "$(inode images/logo.svg)" = "$css_inode" ] && [ "$(inode index.html)" = "$home_inode" ]; then
	ok "incremental: files whose bytes did not change are kept, not rewritten"
else
	not_ok "incremental: files whose bytes did not change are kept, not rewritten" \
		"logo.svg inode $css_inode -> $(inode images/logo.svg), index.html $home_inode -> $(inode index.html)"
fi
if grep -q 'every hour' "$OUT/resources/demo/patterns/alpha/index.html"; then
	ok "incremental: the edit is in the page"
else
	not_ok "incremental: the edit is in the page" "$(grep -c 'every night' "$OUT/resources/demo/patterns/alpha/index.html")"
fi
# --- PNGs taken from the last build ----------------------------------------

# The diagrams' PNGs and the social cards, counted from the output.
drawn_pngs() { find "$OUT" -type f \( -name 'og.png' -o -name '*-og.png' -o -name 'diagram*.png' -o -name 'overview*.png' \) | wc -l; }
# reused: how many images the last summary line says came from the last build (0: none).
reused() { sed -n 's/.* (\([0-9]*\) images\? .*from the last build)$/\1/p' "$O" | grep . || echo 0; }
# Its resource's pictures are taken from the last build, the others are
# not even looked at: no PNG file is written again.
if [ "$(reused)" -ge 5 ] && [ "$(drawn_pngs)" -ge 7 ] && png_stamps | diff -q "$T_TMP/pngs-before" - >/dev/null; then
	ok "incremental: a body edit draws no PNG again ($(reused) of its resource's from the last build)"
else
	not_ok "incremental: a body edit draws no PNG again" "summary: $(cat "$O")" "PNGs in the output: $(drawn_pngs)" \
		"$(png_stamps | diff "$T_TMP/pngs-before" -)"
fi
alpha_png=$OUT/resources/demo/patterns/alpha/diagram@2x.png
cp "$alpha_png" "$T_TMP/alpha-before.png"
edit_step "an edited flow (diagram and card) after builds that reused PNGs" \
	sed -i 's/^    data: Invoices$/    data: Invoices and credit notes/' "$pattern"
if ! cmp -s "$alpha_png" "$T_TMP/alpha-before.png" && [ "$(reused)" -gt 0 ] && [ "$(reused)" -le $(($(drawn_pngs) - 2)) ]; then
	ok "incremental: the edited diagram and its card are drawn again, the others reused ($(reused))"
else
	not_ok "incremental: the edited diagram and its card are drawn again, the others reused" "summary: $(cat "$O")"
fi
# A PNG altered in the output behind Folio's back (same size, other bytes):
# its bytes no longer match the record, so it is drawn again.
beta_card=$OUT/resources/demo/patterns/beta/og.png
printf 'XXXX' | dd of="$beta_card" bs=1 seek=200 conv=notrunc status=none
edit_step "a PNG altered in the output is not reused" true
if [ "$(reused)" -eq $(($(drawn_pngs) - 1)) ]; then
	ok "incremental: ... only the altered one was drawn again"
else
	not_ok "incremental: ... only the altered one was drawn again" "summary: $(cat "$O")" "PNGs: $(drawn_pngs)"
fi
# Another program (here: a copy of folio at another path) reuses nothing:
# what draws the PNGs is part of the record.
# (It finds the theme, and the fonts in it, beside it as from a checkout:
# ../theme.)
mkdir -p "$T_TMP/copy/build"
cp "$FOLIO" "$T_TMP/copy/build/folio"
ln -s "$ROOT/theme" "$T_TMP/copy/theme"
sed -i 's/every hour/every day/' "$pattern"
saved_folio=$FOLIO
FOLIO=$T_TMP/copy/build/folio
build_inc "incremental: a build by another program" && same_as_clean "incremental: a build by another program"
FOLIO=$saved_folio
check "incremental: ... reuses no PNG drawn by the first" test "$(reused)" -eq 0
sed -i 's/every day/every hour/' "$pattern"
build_inc "incremental: back to the tested program" && same_as_clean "incremental: back to the tested program"
check "incremental: ... which reuses nothing the copy drew" test "$(reused)" -eq 0

# An edit that keeps the size and puts the modification time back: only
# the change time (which cannot be set back) tells.
edit_same_stamp() {
	local f=$SITE/content/resources/demo/patterns/alpha.md
	local when
	when=$(stat -c %y "$f")
	sed -i 's/every hour/every HOUR/' "$f"
	touch -d "$when" "$f"
}
edit_step "an edit of the same size with the old modification time" edit_same_stamp
edit_step "an edited pattern title (cards, home, sitemap)" sed -i 's/^title: Alpha pattern$/title: Alpha pattern, renamed/' "$pattern"
edit_step "an edited site.yaml" sed -i 's/^tagline: .*/tagline: A changed tagline/' "$SITE/content/site.yaml"
edit_step "a new question" sh -c "printf -- '---\nquestion: Is it new?\nweight: 3\n---\nYes.\n' >'$SITE/content/resources/demo/faq/third.md'"
edit_step "a removed question" rm "$SITE/content/resources/demo/faq/third.md"
edit_step "an edited partial template" sed -i 's|</head>|<meta name="x-test" content="1"/></head>|' "$SITE/templates/partials/head.html"
edit_step "an edited page template" sed -i 's|</body>|<p>changed</p></body>|' "$SITE/templates/home.html"
# --- pattern bodies kept after a template edit ------------------------------

# After an edit of templates alone, a pattern page is made from the markup
# its body became in the page in place (the summary counts them), as long
# as the page shows the same parts of it written the same way; else its
# body is parsed again.  Either way the result is a clean build's.
# bodies: how many pattern bodies the last summary line says came from
# the last build (0: none).
bodies() { sed -n 's/.* \([0-9]*\) pattern bod[a-z]* from the last build)$/\1/p' "$O" | grep . || echo 0; }
npatterns=$(find "$SITE/content/resources" -path '*/patterns/*.md' | wc -l)
PATTERN_TPL=$SITE/templates/pattern.html
HEAD_TPL=$SITE/templates/partials/head.html
edit_step "a pattern with the sources of its pitfalls" sh -c "printf '\n## Sources\n\n### The vendor\n\nIts guide.\n' >>'$pattern'"
# The page shows the body's parts and their contents (as the theme does),
# not pattern.body whole: the last build noted no part of it.
edit_step "a pattern template that shows the parts of a body" sed -i \
	's|<div data-f-md="pattern.body">Body</div>|<ol><li data-f-each="s in outline"><a href="#" data-f-attr-href="#guide-{s.slug}" data-f-text="s.title">S</a></li></ol><div id="guide" data-f-md="guide">Body</div><section data-f-if="guide_after"><ol><li data-f-each="s in outline_after" data-f-text="s.title">S</li></ol><div data-f-md="guide_after" data-f-md-ids="guide">After</div></section>|' \
	"$PATTERN_TPL"
check "incremental: ... each body parsed, none noted to take ($(bodies))" test "$(bodies)" -eq 0
edit_step "a partial every page reads" sed -i 's|</head>|<meta name="x-bodies" content="1"/></head>|' "$HEAD_TPL"
check "incremental: ... every pattern page made from its body's markup in place ($(bodies) of $npatterns)" \
	test "$(bodies)" -eq "$npatterns"
# The links found in the bodies are taken with them: the record of what
# the update made is the clean build's.
check "incremental: ... its units file is a clean build's" cmp "$T_TMP/.out.folio-units" "$T_TMP/clean-units"
if grep -q '<section><ol><li>Sources</li></ol><div><h2 id="guide-sources">Sources</h2>' "$OUT/resources/demo/patterns/alpha/index.html"; then
	ok "incremental: ... the part after the sources shown with its contents"
else
	not_ok "incremental: ... the part after the sources shown with its contents" \
		"$(grep -o '<section>.*' "$OUT/resources/demo/patterns/alpha/index.html" | head -c 400)"
fi
edit_step "a body's part written otherwise (shifted)" sed -i 's|data-f-md="guide">|data-f-md="guide" data-f-md-shift="1">|' "$PATTERN_TPL"
check "incremental: ... its markup not taken ($(bodies))" test "$(bodies)" -eq 0
edit_step "the partial again, after the shift" sed -i 's|content="1"/></head>|content="2"/></head>|' "$HEAD_TPL"
check "incremental: ... the shifted markup taken ($(bodies))" test "$(bodies)" -eq "$npatterns"
edit_step "a pattern template that reads pattern.body" sed -i 's|<div id="guide"|<p data-f-if="pattern.body">Has a body.</p><div id="guide"|' "$PATTERN_TPL"
check "incremental: ... each body parsed again ($(bodies))" test "$(bodies)" -eq 0
edit_step "pattern.body no longer read" sed -i 's|<p data-f-if="pattern.body">Has a body.</p>||' "$PATTERN_TPL"
check "incremental: ... the markup taken again ($(bodies))" test "$(bodies)" -eq "$npatterns"
# A page altered in the output behind Folio's back: the update is not
# trusted (the output is not as the record says), the build is whole.
sed -i 's|Its guide.|Altered.|' "$OUT/resources/demo/patterns/alpha/index.html"
edit_step "a template edit after a pattern page was altered in the output" \
	sed -i 's|content="2"/></head>|content="3"/></head>|' "$HEAD_TPL"
# A damaged record of the bodies (cut in the middle of a line): its lines
# no longer hash as it says, none is taken, every body is parsed.
truncate -s $(($(stat -c %s "$T_TMP/.out.folio-bodies") - 20)) "$T_TMP/.out.folio-bodies"
edit_step "a template edit after the record of the bodies was damaged" \
	sed -i 's|content="3"/></head>|content="4"/></head>|' "$HEAD_TPL"
check "incremental: ... the damaged record not read ($(bodies))" test "$(bodies)" -eq 0
edit_step "a template edit after that" sed -i 's|content="4"/></head>|content="5"/></head>|' "$HEAD_TPL"
check "incremental: ... the record written again, every note taken ($(bodies))" test "$(bodies)" -eq "$npatterns"

# A body edit, the pattern pages showing the parts of their bodies (not
# pattern.body): of its resource's pages, only the edited pattern's is made
# again, and the resource's page (it shows the playbook's size); the other
# pattern's page is kept, with what the units file noted of it.
edit_step "a body edit, the other pattern's page kept" sh -c "printf '\nOne line more.\n' >>'$pattern'"
check "incremental: ... its own page and its resource's page alone" grep -q '^folio: updated 2 pages (1 resource) in ' "$O"
check "incremental: ... its units file is a clean build's" cmp "$T_TMP/.out.folio-units" "$T_TMP/clean-units"
# A page that reads a body field may show what another body says: after a
# body edit, no page of the resource is kept.
edit_step "a pattern template that reads pattern.body, again" \
	sed -i 's|<div id="guide"|<p data-f-if="pattern.body">Has a body.</p><div id="guide"|' "$PATTERN_TPL"
edit_step "a body edit while the pattern pages read pattern.body" sh -c "printf '\nRead by the template.\n' >>'$pattern'"
check "incremental: ... every page of its resource made again" grep -q '^folio: updated 3 pages (1 resource) in ' "$O"
edit_step "pattern.body no longer read, again" sed -i 's|<p data-f-if="pattern.body">Has a body.</p>||' "$PATTERN_TPL"
# An image beside the other pattern's body: its page gives the image's
# size, so an edit of the image alone makes the page again, though its
# body is the same file.
beta=$SITE/content/resources/demo/patterns/beta.md
dot() { printf '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="8"/>\n' "$1" >"$SITE/content/resources/demo/patterns/dot.svg"; }
beside_dot() { dot 8 && printf '\n![A dot](dot.svg)\n' >>"$beta"; }
edit_step "an image beside a body" beside_dot
edit_step "that image made wider, its body as it was" dot 16
check "incremental: ... the page shows its new size" grep -q 'width="16"' "$OUT/resources/demo/patterns/beta/index.html"

edit_step "a new static file" sh -c "mkdir -p '$SITE/static/extra' && echo new >'$SITE/static/extra/new.txt'"
edit_step "an edited static file" sh -c "echo changed >'$SITE/static/extra/new.txt'"
edit_step "a removed static folder" rm -r "$SITE/static/extra"
edit_step "an edited image" sed -i 's/<svg/<svg data-x="1"/' "$SITE/static/images/logo.svg"
# A static image a pattern shows: its page gives its size, the playbook
# prints it.
edit_step "a pattern showing a static image" sh -c "printf '\n![The logo](/images/logo.svg)\n' >>'$pattern'"
edit_step "the image it shows, resized" sed -i 's/width="160" height="40"/width="320" height="80"/' "$SITE/static/images/logo.svg"
# A plain page: added (every page's menus), its text (the site's own
# pages), its title (the menus again), removed.
ABOUT=$SITE/content/pages/about.md
edit_step "a new plain page" sh -c "mkdir -p '$SITE/content/pages' && printf -- '---\ntitle: About\ndescription: Who writes this site, for which readers, and how its pages are put together.\nmenu: header\n---\nA page.\n' >'$ABOUT'"
edit_step "a plain page's text" sh -c "echo 'One more line.' >>'$ABOUT'"
if grep -q 'updated [0-9]* pages (0 resources)' "$O"; then
	ok "incremental: a plain page's text updates the site's own pages"
else
	not_ok "incremental: a plain page's text updates the site's own pages" "stdout: $(cat "$O")"
fi
# The same when the editor saves the text into a new file put in the old
# one's place (as sed -i does), which moves the folder's stamp.
edit_step "a plain page's text, its file replaced" sed -i 's/^One more line\.$/One more line, replaced./' "$ABOUT"
if grep -q 'updated [0-9]* pages (0 resources)' "$O"; then
	ok "incremental: ... which updates the site's own pages too"
else
	not_ok "incremental: ... which updates the site's own pages too" "stdout: $(cat "$O")"
fi
# A heading of the plain page that a pattern body links to, renamed in
# place (as an editor that writes into the file saves it; sed -i makes a
# new file, which changes the folder and builds whole): the link breaks.
# A clean build reports it, and so must the update, which makes only the
# site's own pages again: the output stays as it was.
rewrite() { local text; text=$(sed "$2" "$1") && printf '%s\n' "$text" >"$1"; }
edit_step "a plain page's heading" sh -c "printf '\n## Who writes it\n\nThe team.\n' >>'$ABOUT'"
heading=$(grep -o 'id="[a-z-]*who-writes-it"' "$OUT/about/index.html" | head -n 1 | cut -d '"' -f 2)
edit_step "a link to that heading from a pattern body" sh -c "printf '\nSee [the writers](/about/#$heading).\n' >>'$pattern'"
stamps "$OUT" >"$T_TMP/before"
rewrite "$ABOUT" 's/^## Who writes it$/## Who we are/'
run_folio "$O" "$E" build --source "$SITE" --out "$OUT"
stamps "$OUT" >"$T_TMP/after"
if [ -n "$heading" ] && [ "$RC" -eq 1 ] && grep -q "alpha.md:.*has no id '$heading'" "$E" &&
	diff -q "$T_TMP/before" "$T_TMP/after" >/dev/null; then
	ok "incremental: a heading a body links to, taken out of a plain page, fails the update as a clean build"
else
	not_ok "incremental: a heading a body links to, taken out of a plain page, fails the update as a clean build" \
		"heading id '$heading', exit $RC" "$(cat "$O" "$E")" "$(diff "$T_TMP/before" "$T_TMP/after")"
fi
edit_step "the heading put back" rewrite "$ABOUT" 's/^## Who we are$/## Who writes it/'
edit_step "the link taken out again" sed -i '/^See \[the writers\]/d' "$pattern"
playbook_stamp=$(stat -c '%i %Y' "$OUT/resources/demo/demo-playbook.pdf")
edit_step "a plain page's title" sed -i 's/^title: About$/title: About us/' "$ABOUT"
# Every page shows it in its menus, no playbook does: every page is made
# again, and the playbook is kept as it was.
if grep -q 'updated [0-9]* pages (1 resource)' "$O" &&
	[ "$(stat -c '%i %Y' "$OUT/resources/demo/demo-playbook.pdf")" = "$playbook_stamp" ]; then
	ok "incremental: ... updates every page and keeps the playbook"
else
	not_ok "incremental: ... updates every page and keeps the playbook" "stdout: $(cat "$O")" \
		"playbook: $playbook_stamp -> $(stat -c '%i %Y' "$OUT/resources/demo/demo-playbook.pdf")"
fi

# --- site.yaml --------------------------------------------------------------

# What only the pages show of it (navigation, footer): every page is made
# again in place and the playbook kept.  What the playbook prints (the
# publisher, a call to action its resource shows): built whole, the
# playbook made again.
PLAYBOOK=$OUT/resources/demo/demo-playbook.pdf
# site_step NAME HOW SED: edits site.yaml, builds, compares with a clean
# build; HOW "kept" wants an update that left the playbook as it was,
# "made" a whole build that wrote other bytes into it.
site_step() {
	local name=$1 how=$2 stamp
	stamp=$(stat -c '%i %Y' "$PLAYBOOK")
	cp "$PLAYBOOK" "$T_TMP/playbook-before.pdf"
	edit_step "site.yaml: $name" sed -i "$3" "$SITE/content/site.yaml"
	local now
	now=$(stat -c '%i %Y' "$PLAYBOOK")
	case $how in
	kept) check "incremental: ... which updates every page and keeps the playbook" \
		sh -c "grep -q 'updated [0-9]* pages (1 resource)' '$O' && [ '$now' = '$stamp' ]" ;;
	made) check "incremental: ... which builds whole and makes the playbook again" \
		sh -c "grep -q '^folio: built ' '$O' && ! cmp -s '$PLAYBOOK' '$T_TMP/playbook-before.pdf'" ;;
	esac
}
site_step "a navigation label" kept 's/^  - label: Demo$/  - label: The demo/'
site_step "the footer" kept 's/^  text: Published by /  text: Written and published by /'
site_step "the publisher's name" made 's/^  name: Example Publisher$/  name: Example Publishing/'
site_step "a call to action the resource shows" made 's/^    label: Contact us$/    label: Write to us/'

# --- the theme -------------------------------------------------------------

# The theme's files are inputs as the site's are.  A copy of the theme,
# given with --theme, is edited; a site template taken away or put back
# switches between the theme's file and the site's.
THEME=$T_TMP/theme
cp -R "$ROOT/theme" "$THEME"
theme_step() {
	local name=$1
	shift
	"$@"
	build_inc "incremental: $name" --theme "$THEME" && same_as_clean "incremental: $name" --theme "$THEME"
}
theme_step "another theme (--theme)" true
theme_step "a site template taken away: the theme's is used" mv "$SITE/templates/404.html" "$T_TMP/404.html"
check "incremental: ... the 404 page is the theme's" grep -q 'This page does not exist' "$OUT/404.html"
theme_step "an edited theme template" sed -i 's|class="hero__title"|class="hero__title edited-title"|' "$THEME/templates/404.html"
check "incremental: ... the edit is in the page" grep -q 'edited-title' "$OUT/404.html"
theme_step "an edited theme string" sed -i 's|^not_found_heading: .*|not_found_heading: This page is nowhere|' "$THEME/templates/strings/en.yaml"
check "incremental: ... the edit is in the page" grep -q 'This page is nowhere' "$OUT/404.html"
theme_step "an edited theme stylesheet" sh -c "printf '/* edited */\n' >>'$THEME/static/css/site.css'"
check "incremental: ... the edit is in the output" grep -q 'edited' "$OUT/css/site.css"
theme_step "a new theme static file" sh -c "echo new >'$THEME/static/theme-new.txt'"
check "incremental: ... the file is in the output" test -f "$OUT/theme-new.txt"
theme_step "a site static file over the theme's" sh -c "mkdir -p '$SITE/static/css' && echo 'p{}' >'$SITE/static/css/site.css'"
check "incremental: ... the site's file is in the output" grep -qx 'p{}' "$OUT/css/site.css"
theme_step "the site static file taken away" rm -r "$SITE/static/css"
check "incremental: ... the theme's file is back" grep -q 'edited' "$OUT/css/site.css"
theme_step "the site template put back: it overrides the theme's" mv "$T_TMP/404.html" "$SITE/templates/404.html"
check "incremental: ... the 404 page is the site's" grep -q '<h1>Not found</h1>' "$OUT/404.html"
build_inc "incremental: back to the built-in theme" && same_as_clean "incremental: back to the built-in theme"

# --- options and the build date --------------------------------------------

build_inc "incremental: --no-pdf" --no-pdf && same_as_clean "incremental: --no-pdf after a full build" --no-pdf
build_inc "incremental: back to a full build" && same_as_clean "incremental: a full build after --no-pdf"
build_inc "incremental: --base-url" --base-url https://other.example.org/ &&
	same_as_clean "incremental: a changed --base-url" --base-url https://other.example.org/
build_inc "incremental: back to the default base URL" && same_as_clean "incremental: back to the default base URL"
export SOURCE_DATE_EPOCH=1800000000
edit_step "a changed SOURCE_DATE_EPOCH" true
export SOURCE_DATE_EPOCH=1767225600
build_inc "incremental: the original SOURCE_DATE_EPOCH" && same_as_clean "incremental: the original SOURCE_DATE_EPOCH"

# --- the output changed by hand ---------------------------------------------

edit_step "a page edited in the output" sh -c "echo tampered >>'$OUT/index.html'"
edit_step "a file removed from the output" rm "$OUT/404.html"
edit_step "a stray file added to the output" sh -c "echo stray >'$OUT/stray.txt'"

# The walk of the output takes what a folder holds from the listing the
# last walk left, while the folder's stamp is the one noted: a file added
# deep down must be seen, and so must a page edited in place, which
# leaves its folder as it was.  Each time a build with nothing changed
# first walks the output, once the last build's folders are old enough
# to be noted (listing.h), and must have noted the folder.
deep=$(cd "$OUT" && find . -mindepth 4 -name index.html | LC_ALL=C sort | head -n 1)
deep=${deep#./}
noted_deep() {
	sleep 0.3
	if build_inc "incremental: $1, noted first" && grep -q "^${deep%/index.html}	" "$T_TMP/.out.folio-listing"; then
		ok "incremental: $1, noted first"
	else
		not_ok "incremental: $1, noted first" "$deep not in the listing"
	fi
}
noted_deep "a stray file added deep in the output"
edit_step "a stray file added deep in the output" sh -c "echo stray >'$OUT/${deep%index.html}stray.txt'"
noted_deep "a page edited in place deep in the output"
edit_step "a page edited in place deep in the output" sh -c "echo tampered >>'$OUT/$deep'"
edit_step "a page replaced in the output with the same size" \
	sh -c "tr 'a' 'b' <'$OUT/index.html' >'$T_TMP/x' && cat '$T_TMP/x' >'$OUT/index.html'"

# --- a failed build keeps the output and the shortcut -----------------------

stamps "$OUT" >"$T_TMP/before"
cp "$pattern" "$T_TMP/pattern.md"
sed -i 's/^complexity: .*/complexity: 9/' "$pattern"
run_folio "$O" "$E" build --source "$SITE" --out "$OUT"
stamps "$OUT" >"$T_TMP/after"
if [ "$RC" -eq 1 ] && diff -q "$T_TMP/before" "$T_TMP/after" >/dev/null; then
	ok "incremental: a failed build leaves the output as it was"
else
	not_ok "incremental: a failed build leaves the output as it was" "exit $RC" "$(cat "$E")"
fi
cp "$T_TMP/pattern.md" "$pattern"
if build_inc "incremental: the error fixed again" && grep -q 'is up to date' "$O"; then
	ok "incremental: with the error undone, the output is up to date"
else
	not_ok "incremental: with the error undone, the output is up to date" "$(cat "$O")"
fi

# --- inputs edited while a build runs --------------------------------------

# held_build EDIT...: a one-thread build of SITE into OUT that strace holds
# for 2 s when it swaps the new output in (and when it writes the record);
# EDIT runs as soon as the static files are in the staging folder, after
# every input was read and before the build looks at its inputs again.
# Without a record, the build hashes its inputs' bytes at its end (on one
# thread), after EDIT: the case where bytes and output could disagree.
held_build() {
	local staged
	RC=0
	rm -f "$T_TMP/.out.folio-state"
	# LeakSanitizer cannot run under ptrace: the other builds check leaks.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -o /dev/null -e trace=rename,renameat2 \
		-e inject=rename,renameat2:delay_enter=2000000 \
		"$FOLIO" build --source "$SITE" --out "$OUT" -j 1 >"$O" 2>"$E" &
	local pid=$! tries=0
	until staged=$(find "$T_TMP" -maxdepth 3 -path "*/.out.staging-*/images/logo.svg" 2>/dev/null) &&
		[ -n "$staged" ]; do
		tries=$((tries + 1))
		[ "$tries" -gt 600 ] && break
		sleep 0.05
	done
	"$@"
	wait "$pid" || RC=$?
}

# pattern_title TEXT: sets the first pattern's title.
pattern_title() { sed -i "s/^title: .*/title: $1/" "$SITE/content/resources/demo/patterns/alpha.md"; }

if ! command -v strace >/dev/null 2>&1; then
	not_ok "incremental: strace is installed" "make test installs it (apt-get install strace)"
else
	build_inc "incremental: before the held builds"
	alpha=$SITE/content/resources/demo/patterns/alpha.md
	cp "$alpha" "$T_TMP/alpha.md"
	# A content file is fingerprinted by the bytes the build read: an edit
	# made during the build and undone after it leaves the output current.
	pattern_title "Held once"
	held_build cp "$T_TMP/alpha.md" "$alpha"
	pattern_title "Held once"
	if [ "$RC" -eq 0 ] && build_inc "incremental: content undone" && grep -q 'is up to date' "$O"; then
		same_as_clean "incremental: content edited during a build and undone: up to date"
	else
		not_ok "incremental: content edited during a build and undone: up to date" "exit $RC" "$(cat "$O" "$E")"
	fi
	# Kept, the same edit is built next time.
	held_build pattern_title "Held twice"
	if [ "$RC" -eq 0 ] && build_inc "incremental: content kept" && ! grep -q 'is up to date' "$O"; then
		same_as_clean "incremental: content edited during a build is built next time"
	else
		not_ok "incremental: content edited during a build is built next time" "exit $RC" "$(cat "$O" "$E")"
	fi
	# A template is hashed at another moment than it is read: a build
	# during which one changed is never taken as up to date.
	pattern_title "Held thrice"
	held_build sed -i 's|</main>|</main><!-- held -->|' "$SITE/templates/base.html"
	if [ "$RC" -eq 0 ] && build_inc "incremental: template kept" && ! grep -q 'is up to date' "$O"; then
		same_as_clean "incremental: a template edited during a build is built next time"
	else
		not_ok "incremental: a template edited during a build is built next time" "exit $RC" "$(cat "$O" "$E")"
	fi
fi

# --- random edits -------------------------------------------------------------

# A seeded series mixing the kinds of edit above, each followed by a build
# over the last one and the comparison with a clean build.  The seed is
# printed: INCREMENTAL_SEED replays a series, INCREMENTAL_ROUNDS lengthens it.
SEED=${INCREMENTAL_SEED:-$(date +%s)}
ROUNDS=${INCREMENTAL_ROUNDS:-8}
RANDOM=$SEED
echo "# incremental: random edits with INCREMENTAL_SEED=$SEED"
DEMO=$SITE/content/resources/demo
# A line set in a new file (sed -i, which changes the folder's own stamp)
# or written into the file (which does not, as some editors save): either.
set_line() {
	if ((RANDOM % 2)); then
		sed -i "s|^$2:.*|$2: $3|" "$1"
	else
		rewrite "$1" "s|^$2:.*|$2: $3|"
	fi
}
for round in $(seq "$ROUNDS"); do
	patterns=("$DEMO/patterns/alpha.md" "$DEMO/patterns/beta.md")
	file=${patterns[RANDOM % 2]}
	extra=$DEMO/faq/random.md
	case $((RANDOM % 11)) in
	0) edit_step "random $round: a body" sh -c "echo 'Random line $RANDOM.' >>'$file'" ;;
	1) edit_step "random $round: a title" set_line "$file" title "Title $RANDOM" ;;
	2) edit_step "random $round: a flow (diagram and card)" sed -i "0,/^    data: /s/^    data: .*/    data: Data $RANDOM/" "$file" ;;
	3) if [ -f "$extra" ]; then
		edit_step "random $round: a question removed" rm "$extra"
	else
		edit_step "random $round: a question added" sh -c "printf -- '---\nquestion: Random $RANDOM?\nweight: 7\n---\nSo it is.\n' >'$extra'"
	fi ;;
	4) edit_step "random $round: the resource's summary" set_line "$DEMO/resource.yaml" summary "Summary $RANDOM." ;;
	5) edit_step "random $round: the tagline" set_line "$SITE/content/site.yaml" tagline "Tagline $RANDOM" ;;
	6) edit_step "random $round: a partial template" sed -i "s|</head>|<meta name=\"x-random\" content=\"$RANDOM\"/></head>|" "$SITE/templates/partials/head.html" ;;
	7) edit_step "random $round: a static file" sh -c "mkdir -p '$SITE/static/random' && echo $RANDOM >'$SITE/static/random/file.txt'" ;;
	8) edit_step "random $round: a pattern's weight (the order changes)" set_line "$file" weight "$((RANDOM % 5))" ;;
	9) edit_step "random $round: a plain page's text" sh -c "echo 'Random line $RANDOM.' >>'$ABOUT'" ;;
	10) edit_step "random $round: a plain page's heading, written in place (its id)" \
		rewrite "$ABOUT" "s/^## Who writes it.*$/## Who writes it $RANDOM/" ;;
	esac
done

# --- the pages alone ---------------------------------------------------------

# With --html-only no playbook is made, and the resource's page shows
# nothing of its bodies: a body edit makes the edited pattern's page alone
# (the other pattern's body no longer shows the image beside it).
sed -i '/dot\.svg/d' "$beta"
build_inc "incremental: an HTML-only build over the last" --html-only
printf '\nA line for the pages alone.\n' >>"$pattern"
if build_inc "incremental: a body edit, the pages alone" --html-only; then
	check "incremental: ... makes its own page and no other" grep -q '^folio: updated 1 page (1 resource) in ' "$O"
	same_as_clean "incremental: a body edit, the pages alone, is a clean build's" --html-only
	check "incremental: ... its units file is a clean build's" cmp "$T_TMP/.out.folio-units" "$T_TMP/clean-units"
fi

# --- threads ------------------------------------------------------------------

# The project's own site: every kind of output, on one thread and on two.
for j in 1 2; do
	run_folio "$O" "$E" build --source "$ROOT" --out "$T_TMP/j$j" -j "$j"
	[ "$RC" -eq 0 ] || not_ok "incremental: the default site builds with -j $j" "$(cat "$E")"
done
if diff <(snapshot "$T_TMP/j1") <(snapshot "$T_TMP/j2") >"$T_TMP/diff"; then
	ok "incremental: -j1 and -j2 builds are byte-identical"
else
	not_ok "incremental: -j1 and -j2 builds are byte-identical" "$(cat "$T_TMP/diff")"
fi

finish
