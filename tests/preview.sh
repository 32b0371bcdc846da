#!/usr/bin/env bash
# tests/preview.sh: `folio serve` after each kind of edit.  A server runs
# on a copy of a fixture with three resources; after every edit, once the
# pages and then the playbooks are rebuilt, the folder it serves must be
# byte-identical to a clean `folio build` of the same sources.  Edits
# inside one resource's folder must update only that resource (the server
# says so); a template edit only the pages that read it, with no playbook;
# any other edit rebuilds the whole site, with no playbook when it leaves
# what they print as it was (site.yaml's tagline).  A scripted series
# covers every kind of edit, then a seeded random series mixes them
# (PREVIEW_SEED, PREVIEW_ROUNDS to replay or lengthen one).
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1767225600
SRC=$T_TMP/src
copy_site "$ROOT/tests/fixtures/cookbook" "$SRC"
LOG=$T_TMP/serve.log
KWP=$SRC/content/resources/kitchen-workflow-patterns
STOCK=$SRC/content/resources/stock-rotation
trap 'stop_server; rm -rf "$T_TMP"' EXIT

if ! start_server "$LOG" --source "$SRC" --port 0; then
	not_ok "preview: the server starts" "$(cat "$LOG" "$LOG.err")"
	finish
fi

count() { grep -c -e "$1" "$LOG" || true; }
pages_done() { count '^folio: rebuilt [0-9]* pages'; }
playbooks_done() { count '^folio: rebuilt the playbooks'; }
failures() { grep -c '^folio: [0-9]* errors\?;' "$LOG.err" || true; }

# settle PAGES PLAYBOOKS FAILURES: waits (60 s at most) until the log has
# that many first phases, second phases and failed rebuilds.
settle() {
	local i
	for i in $(seq 600); do
		[ "$(pages_done)" -ge "$1" ] && [ "$(playbooks_done)" -ge "$2" ] && [ "$(failures)" -ge "$3" ] && return 0
		sleep 0.1
	done
	return 1
}

# same_as_clean NAME: the served folder against a clean build of SRC.
same_as_clean() {
	local clean=$T_TMP/clean
	rm -rf "$clean"
	run_folio "$T_TMP/clean.out" "$T_TMP/clean.err" build --source "$SRC" --out "$clean"
	if [ "$RC" -ne 0 ]; then
		not_ok "$1" "the clean build failed" "$(cat "$T_TMP/clean.err")"
	elif diff <(snapshot "$SITE") <(snapshot "$clean") >"$T_TMP/diff"; then
		ok "$1"
	else
		not_ok "$1" "the served folder differs from a clean build:" "$(head -n 20 "$T_TMP/diff")"
	fi
}

# edit HOW NAME COMMAND...: runs the edit and waits for both phases; HOW
# is "update" (the server must say one resource was updated) or "whole"
# (it must not).  Then compares with a clean build.
edit() {
	local how=$1 name=$2
	shift 2
	local pages playbooks
	pages=$(pages_done)
	playbooks=$(playbooks_done)
	# Two edits within the server's quiet time would be one rebuild.
	sleep 0.1
	"$@"
	if ! settle $((pages + 1)) $((playbooks + 1)) 0; then
		not_ok "preview: $name" "no rebuild seen" "$(tail -n 5 "$LOG" "$LOG.err")"
		return
	fi
	local line
	line=$(grep '^folio: rebuilt [0-9]* pages' "$LOG" | tail -n 1)
	case "$how:$line" in
	"update:"*"(1 resource updated)") ;;
	"whole:"*"updated)") not_ok "preview: $name" "a whole build was due: $line"; return ;;
	"whole:"*) ;;
	*) not_ok "preview: $name" "only one resource should have been updated: $line"; return ;;
	esac
	same_as_clean "preview: $name"
}

# failing_edit COMMAND...: runs an edit the server must refuse; true once
# it has reported one failure more (60 s at most).
failing_edit() {
	local failed
	failed=$(failures)
	sleep 0.1
	"$@"
	settle 0 0 $((failed + 1))
}

append() { printf '%s\n' "$2" >>"$1"; }
set_line() { sed -i "s|^$2:.*|$2: $3|" "$1"; }

# --- edits inside one resource: updates ----------------------------------
edit update "a pattern body" append "$KWP/patterns/prep-list.md" "One more sentence, written while previewing."
# Its resource has two patterns: the other's page is kept as it was.
check "preview: ... its own page and its resource's page alone" \
	grep -q '^folio: rebuilt 2 pages in [0-9]* ms (1 resource updated)' <(grep '^folio: rebuilt [0-9]* pages' "$LOG" | tail -n 1)
edit update "a pattern summary" set_line "$KWP/patterns/prep-list.md" summary "A changed summary of the prep list."
edit update "a pattern title" set_line "$KWP/patterns/prep-list.md" title "\"Prep list, renamed\""
edit update "a heading and its id" sed -i 's/^## \(.*\)$/## \1 again/' "$STOCK/patterns/fifo-shelf.md"
edit update "a question's answer" append "$KWP/faq/paper-or-screens.md" "Either works, if everyone uses it."
edit update "a question added" sh -c "printf -- '---\nquestion: Is it new?\nweight: 9\n---\nYes, it is.\n' >'$STOCK/faq/is-it-new.md'"
edit update "a question removed" rm "$STOCK/faq/is-it-new.md"
edit update "a pattern renamed (its pages move)" mv "$STOCK/patterns/fifo-shelf.md" "$STOCK/patterns/fifo-shelves.md"
edit update "resource.yaml's summary" set_line "$STOCK/resource.yaml" summary "A changed summary of stock rotation."

# --- a link across resources, then its target's id gone -------------------
LINKER=$STOCK/patterns/fifo-shelves.md
cp "$LINKER" "$T_TMP/linker.md"
edit update "a link to another resource's heading" append "$LINKER" \
	"See [how the list is built](/resources/kitchen-workflow-patterns/patterns/prep-list/#guide-how-the-list-is-built)."
if failing_edit sed -i 's/^## How the list is built$/## How the list comes together/' "$KWP/patterns/prep-list.md"; then
	check "preview: a heading another resource links to, renamed, breaks that link" \
		grep -q "fifo-shelves.md:.*has no id 'guide-how-the-list-is-built'" "$LOG.err"
else
	not_ok "preview: a heading another resource links to, renamed, breaks that link" "$(tail -n 5 "$LOG" "$LOG.err")"
fi
edit whole "the link taken out again" cp "$T_TMP/linker.md" "$LINKER"
edit update "the pattern renamed back (its pictures as they were)" mv "$LINKER" "$STOCK/patterns/fifo-shelf.md"
edit update "renamed away again" mv "$STOCK/patterns/fifo-shelf.md" "$STOCK/patterns/shelf.md"
edit update "and back, after updates only" mv "$STOCK/patterns/shelf.md" "$STOCK/patterns/fifo-shelf.md"

# --- a bad edit, then its fix ---------------------------------------------
before=$(snapshot "$SITE")
if failing_edit sh -c "printf -- '---\ntitle: [unclosed\n---\nBody.\n' >'$STOCK/faq/broken.md'"; then
	check "preview: a broken file leaves the served folder as it was" [ "$before" = "$(snapshot "$SITE")" ]
else
	not_ok "preview: a broken file is reported" "$(tail -n 5 "$LOG" "$LOG.err")"
fi
edit whole "the broken file removed again" rm "$STOCK/faq/broken.md"

# --- edits outside any resource, or moving one: whole builds --------------
edit whole "a resource's weight (the order changes)" set_line "$STOCK/resource.yaml" weight 0
edit whole "site.yaml's publisher (the playbooks print it)" sed -i 's/^  name: .*/  name: A Renamed Publisher/' "$SRC/content/site.yaml"
edit update "a body after whole builds" append "$KWP/patterns/ticket-rail.md" "And one more."

# --- static files: copied over, no page made, no playbook -----------------
# first_phase_edit NAME WANT COMMAND...: runs the edit; the server's line
# must match WANT (grep), with no second phase (no playbook made again),
# and the served folder must then be a clean build's.
first_phase_edit() {
	local name=$1 want=$2
	shift 2
	local done playbooks
	done=$(pages_done)
	playbooks=$(playbooks_done)
	sleep 0.1
	"$@"
	if ! settle $((done + 1)) 0 0; then
		not_ok "preview: $name" "no rebuild seen" "$(tail -n 5 "$LOG" "$LOG.err")"
		return
	fi
	local line
	line=$(grep '^folio: rebuilt [0-9]* pages' "$LOG" | tail -n 1)
	if ! grep -q "$want" <<<"$line"; then
		not_ok "preview: $name" "expected '$want', the server said: $line"
		return
	fi
	sleep 0.5       # a second phase would have begun by now
	if [ "$(playbooks_done)" -ne "$playbooks" ]; then
		not_ok "preview: $name" "the playbooks were made again: $(tail -n 1 "$LOG")"
		return
	fi
	same_as_clean "preview: $name"
}

# static_edit NAME FILES COMMAND...: the server must say it rebuilt no
# page and copied FILES static files.
static_edit() {
	local name=$1 files=$2
	shift 2
	first_phase_edit "$name" "rebuilt 0 pages in [0-9]* ms (0 resources updated, $files static files\? copied)" "$@"
}
# What only the pages show of site.yaml: every page again, but no
# playbook (first_phase_edit, as static files are).
first_phase_edit "site.yaml's tagline, which no playbook prints" 'rebuilt [0-9]* pages in [0-9]* ms$' \
	set_line "$SRC/content/site.yaml" tagline "A changed tagline"
# A folder made: whole (the watch does not name the files in a new one).
edit whole "a static folder" mkdir -p "$SRC/static/extra" "$SRC/static/css"
static_edit "a static file added" 1 sh -c "echo new >'$SRC/static/extra/new.txt'"
static_edit "a static file edited" 1 sh -c "echo newer >'$SRC/static/extra/new.txt'"
static_edit "a static file saved as sed -i saves (a temporary file renamed)" 1 \
	sed -i 's/^newer$/newer still/' "$SRC/static/extra/new.txt"
static_edit "a stylesheet of the site's own, over the theme's" 1 \
	sh -c "sed 's/^/ /' '$ROOT/theme/static/css/site.css' >'$SRC/static/css/site.css'"
edit whole "a static file removed" rm "$SRC/static/extra/new.txt"
edit whole "the site's stylesheet removed (the theme's again)" rm "$SRC/static/css/site.css"
# A static image a body shows is content (the page shows it at its size,
# the playbook prints it): its edit builds whole.
static_edit "an image added to static/" 1 cp "$ROOT/tests/fixtures/minimal/static/images/logo.svg" "$SRC/static/extra/shown.svg"
edit update "a body showing that image" append "$KWP/patterns/ticket-rail.md" "![A shown image](/extra/shown.svg)"
edit whole "the image it shows, edited" sed -i 's/width="160" height="40"/width="320" height="80"/' "$SRC/static/extra/shown.svg"

# --- templates: the pages that read the edited one ----------------------
# The site's own pages (home, 404, plain pages) and the resources' pages,
# counted in the served folder.
own_pages() { (cd "$SITE" && find . -name '*.html' ! -path './resources/*' | wc -l); }
resource_pages() { (cd "$SITE" && find ./resources -name '*.html' | wc -l); }
OWN=$(own_pages)
MADE=$(resource_pages)

# template_edit NAME RESOURCES PAGES COMMAND...: runs the edit; the server
# must say it updated RESOURCES resources and rebuilt PAGES pages, with no
# second phase (a playbook is made from its resource alone), and the served
# folder must then be a clean build's.
template_edit() {
	local name=$1 resources=$2 pages=$3
	shift 3
	first_phase_edit "$name" "rebuilt $pages pages in [0-9]* ms ($resources resources\? updated)" "$@"
}

cp "$ROOT/theme/templates/partials/footer.html" "$T_TMP/footer.html"
edit whole "a partial template in a folder made for it" sh -c "mkdir -p '$SRC/templates/partials' &&
	sed 's|</footer>|<p>Previewed.</p></footer>|' '$T_TMP/footer.html' >'$SRC/templates/partials/footer.html'"
template_edit "a partial every page reads: every page, no playbook" 3 $((OWN + MADE)) \
	sh -c "sed 's|</footer>|<p>Previewed again.</p></footer>|' '$T_TMP/footer.html' >'$SRC/templates/partials/footer.html'"
template_edit "a partial only pattern pages read: the resources' pages alone" 3 "$MADE" \
	sh -c "sed 's|<div|<div data-edited=\"1\"|' '$ROOT/theme/templates/partials/pattern-details.html' >'$SRC/templates/partials/pattern-details.html'"
template_edit "the 404 page's template: the site's own pages alone" 0 "$OWN" \
	sh -c "sed 's|</main>|<p>Lost?</p></main>|' '$ROOT/theme/templates/404.html' >'$SRC/templates/404.html'"
template_edit "a template saved as sed -i saves (a temporary file renamed)" 0 "$OWN" \
	sed -i 's|Lost?|Lost, are you?|' "$SRC/templates/404.html"
template_edit "a template no page reads: no page" 0 0 \
	sh -c "echo '<p>Not used.</p>' >'$SRC/templates/partials/unused.html'"
template_edit "a site template taken away: the theme's again" 0 "$OWN" rm "$SRC/templates/404.html"
before=$(snapshot "$SITE")
if failing_edit sed -i 's|</footer>|<footer>|' "$SRC/templates/partials/footer.html"; then
	check "preview: a broken template is reported, by file and line" \
		grep -q "templates/partials/footer.html:[0-9]*:[0-9]*: " "$LOG.err"
	check "preview: a broken template leaves the served folder as it was" [ "$before" = "$(snapshot "$SITE")" ]
else
	not_ok "preview: a broken template is reported" "$(tail -n 5 "$LOG" "$LOG.err")"
fi
edit whole "the template mended (after a failure, whole)" rm "$SRC/templates/partials/footer.html"
template_edit "a template after a whole build" 0 "$OWN" \
	sh -c "sed 's|</main>|<p>Lost again?</p></main>|' '$ROOT/theme/templates/404.html' >'$SRC/templates/404.html'"
edit whole "the interface's strings, in a folder made for them" sh -c "mkdir -p '$SRC/templates/strings' &&
	cp '$ROOT/theme/templates/strings/en.yaml' '$SRC/templates/strings/en.yaml'"
edit whole "an edited string: part of the model, a whole build" \
	sed -i 's|^not_found_heading: .*|not_found_heading: Nothing lives here|' "$SRC/templates/strings/en.yaml"
edit update "a body after template updates" append "$KWP/patterns/ticket-rail.md" "And one more."

# --- plain pages: the site's own pages, unless the menus change ----------
template_edit "a plain page's body: the site's own pages alone" 0 "$OWN" \
	append "$SRC/content/pages/about.md" "A line more."
template_edit "a plain page's body saved as sed -i saves: the site's own pages alone" 0 "$OWN" \
	sed -i 's/^A line more\.$/A line more, saved again./' "$SRC/content/pages/about.md"
# An image beside the plain page, taken away: no editor's temporary file
# (the page shows it), so the server reports the page's missing image.
edit whole "an image beside a plain page" sh -c "printf '<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n' >'$SRC/content/pages/dot.svg' &&
	printf '\n![A dot](dot.svg)\n' >>'$SRC/content/pages/about.md'"
if failing_edit rm "$SRC/content/pages/dot.svg"; then
	check "preview: an image beside a plain page, taken away, is reported" \
		grep -q "content/pages/about.md:[0-9]*:[0-9]*: error: image 'dot.svg' not found" "$LOG.err"
else
	not_ok "preview: an image beside a plain page, taken away, is reported" "$(tail -n 5 "$LOG" "$LOG.err")"
fi
edit whole "the image's line taken out (after a failure, whole)" sed -i '/^!\[A dot\](dot.svg)$/d' "$SRC/content/pages/about.md"
template_edit "a plain page's link to a heading: the site's own pages" 0 "$OWN" \
	append "$SRC/content/pages/about.md" "See [the list](/resources/kitchen-workflow-patterns/patterns/prep-list/)."
edit whole "a plain page's title: every page (the menus)" set_line "$SRC/content/pages/about.md" title "\"About, renamed\""
before=$(snapshot "$SITE")
if failing_edit append "$SRC/content/pages/about.md" "See [nothing](/nowhere/)."; then
	check "preview: a plain page's broken link is reported, at its line" \
		grep -q "content/pages/about.md:[0-9]*:[0-9]*: .*/nowhere/" "$LOG.err"
	check "preview: a plain page's broken link leaves the served folder as it was" [ "$before" = "$(snapshot "$SITE")" ]
else
	not_ok "preview: a plain page's broken link is reported" "$(tail -n 5 "$LOG" "$LOG.err")"
fi
edit whole "the plain page mended (after a failure, whole)" sed -i '/nowhere/d' "$SRC/content/pages/about.md"
# A heading of a plain page that a body links to, renamed by writing into
# the file (as some editors save it): the link breaks, as a clean build
# would say, though the update makes only the site's own pages.
rewrite() { local text; text=$(sed "$2" "$1") && printf '%s\n' "$text" >"$1"; }
heading=$(grep -o 'id="[a-z-]*how-a-guide-is-made"' "$SITE/about/index.html" | head -n 1 | cut -d '"' -f 2)
cp "$KWP/patterns/ticket-rail.md" "$T_TMP/rail.md"
edit update "a body's link to a plain page's heading" append "$KWP/patterns/ticket-rail.md" \
	"See [how a guide is made](/about/#$heading)."
before=$(snapshot "$SITE")
if [ -n "$heading" ] && failing_edit rewrite "$SRC/content/pages/about.md" 's/^## How a guide is made$/## How a guide comes about/'; then
	check "preview: a plain page's heading a body links to, renamed, breaks that link" \
		grep -q "ticket-rail.md:.*has no id '$heading'" "$LOG.err"
	check "preview: ... and leaves the served folder as it was" [ "$before" = "$(snapshot "$SITE")" ]
else
	not_ok "preview: a plain page's heading a body links to, renamed, breaks that link" "heading id '$heading'" \
		"$(tail -n 5 "$LOG" "$LOG.err")"
fi
edit whole "the heading put back (after a failure, whole)" \
	rewrite "$SRC/content/pages/about.md" 's/^## How a guide comes about$/## How a guide is made/'
edit update "the link taken out again" cp "$T_TMP/rail.md" "$KWP/patterns/ticket-rail.md"

# --- random edits ---------------------------------------------------------
SEED=${PREVIEW_SEED:-$(date +%s)}
ROUNDS=${PREVIEW_ROUNDS:-5}
RANDOM=$SEED
echo "# preview: random edits with PREVIEW_SEED=$SEED"
# A line set in a new file (sed -i) or written into the file, as some
# editors save: the two reach the server as different events.
set_line_either() {
	if ((RANDOM % 2)); then
		set_line "$@"
	else
		rewrite "$1" "s|^$2:.*|$2: $3|"
	fi
}
patterns=("$KWP/patterns/prep-list.md" "$KWP/patterns/ticket-rail.md")
for round in $(seq "$ROUNDS"); do
	files=("${patterns[@]}" "$(ls "$STOCK"/patterns/*.md | head -n 1)")
	file=${files[RANDOM % ${#files[@]}]}
	case $((RANDOM % 10)) in
	0) edit update "random $round: a body ($file)" append "$file" "Random line $RANDOM." ;;
	1) edit update "random $round: a title" set_line_either "$file" title "\"Title $RANDOM\"" ;;
	2) edit update "random $round: a question" sh -c "printf -- '---\nquestion: Random $RANDOM?\nweight: 7\n---\nSo it is.\n' >'$STOCK/faq/random.md'" ;;
	3) edit update "random $round: a resource summary" set_line_either "$KWP/resource.yaml" summary "Summary $RANDOM." ;;
	4) first_phase_edit "random $round: the tagline" 'rebuilt [0-9]* pages in [0-9]* ms$' \
		set_line_either "$SRC/content/site.yaml" tagline "Tagline $RANDOM" ;;
	5) edit update "random $round: a heading" sed -i "0,/^## /s/^## \(.*\)$/## \1 $RANDOM/" "$file" ;;
	6) template_edit "random $round: the footer partial" 3 $(($(own_pages) + $(resource_pages))) \
		sh -c "sed 's|</footer>|<p>Random $RANDOM.</p></footer>|' '$T_TMP/footer.html' >'$SRC/templates/partials/footer.html'" ;;
	7) template_edit "random $round: a plain page's body" 0 "$(own_pages)" \
		append "$SRC/content/pages/contact.md" "Random line $RANDOM." ;;
	8) static_edit "random $round: a static file" 1 sh -c "echo $RANDOM >>'$SRC/static/extra/random.txt'" ;;
	9) template_edit "random $round: a plain page's heading, written in place (its id)" 0 "$(own_pages)" \
		rewrite "$SRC/content/pages/about.md" "s/^## How a guide is made.*$/## How a guide is made $RANDOM/" ;;
	esac
done
finish
