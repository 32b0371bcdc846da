#!/usr/bin/env bash
# tests/new.sh: `folio new`.  A new site builds, without a warning, and
# passes folio check at once; so does a site after each new resource,
# pattern and question, which show on its pages; a new page is written in
# the format of content/pages/.  A second run never changes a file that
# exists; a bad slug, a missing resource and a folder without a site are
# refused with one line, writing nothing.
. "$(dirname "$0")/lib.sh"

SITE=$T_TMP/site
O=$T_TMP/out
E=$T_TMP/err

# builds_and_checks NAME: SITE builds without a message and folio check
# finds no problem.
builds_and_checks() {
	run_folio "$O" "$E" build --source "$SITE" --quiet
	if [ "$RC" -ne 0 ] || [ -s "$E" ]; then
		not_ok "$1" "build: exit status $RC" "$(cat "$E")"
		return 1
	fi
	run_folio "$O" "$E" check "$SITE/public"
	if [ "$RC" -ne 0 ] || [ -s "$O" ]; then
		not_ok "$1" "check: exit status $RC" "$(cat "$O" "$E")"
		return 1
	fi
	ok "$1"
}

# refused NAME STATUS LINE ARGS...: folio ARGS exits with STATUS, prints
# exactly LINE on stderr and nothing on stdout, and changes nothing in SITE.
refused() {
	local name=$1 status=$2 line=$3
	shift 3
	snapshot "$SITE" >"$T_TMP/before"
	run_folio "$O" "$E" "$@"
	snapshot "$SITE" >"$T_TMP/after"
	if [ "$RC" -eq "$status" ] && [ "$(cat "$E")" = "$line" ] && [ ! -s "$O" ] &&
		cmp -s "$T_TMP/before" "$T_TMP/after"; then
		ok "$name"
	else
		not_ok "$name" "exit status $RC (expected $status)" "stderr: $(cat "$E")" "expected: $line" \
			"stdout: $(cat "$O")" "$(diff "$T_TMP/before" "$T_TMP/after")"
	fi
}

# --- a site ----------------------------------------------------------------

run_folio "$O" "$E" new site "$SITE"
want="folio: created $SITE/content/site.yaml
folio: created $SITE/content/resources/your-subject/resource.yaml
folio: created $SITE/content/resources/your-subject/patterns/first-pattern.md
folio: created $SITE/content/resources/your-subject/faq/what-does-it-cover.md"
if [ "$RC" -eq 0 ] && [ "$(cat "$O")" = "$want" ] && [ ! -s "$E" ]; then
	ok "new: a site writes its four files and says so"
else
	not_ok "new: a site writes its four files and says so" "exit status $RC" "$(cat "$O" "$E")"
fi
check "new: ... and nothing else" test "$(find "$SITE" -type f | wc -l)" -eq 4
builds_and_checks "new: the new site builds and passes folio check"
check "new: ... its pattern has a page" test -f "$SITE/public/resources/your-subject/patterns/first-pattern/index.html"
check "new: ... its question is on the resource's page" grep -q 'What does it cover?' "$SITE/public/resources/your-subject/index.html"
# The pattern's commented kind is one its resource declares: taken up, the
# flow is drawn as that kind.
sed -i 's/^    # how: handover$/    how: handover/' "$SITE/content/resources/your-subject/patterns/first-pattern.md"
builds_and_checks "new: ... its pattern's commented flow kind builds once taken up"
check "new: ... and shows as that kind" grep -q '>hand-over</span>' "$SITE/public/resources/your-subject/index.html"
# The starting files are about no domain in particular (the default site's words).
if grep -rliE 'crm|integration|vendor|api mapping' "$SITE/content" >"$T_TMP/words"; then
	not_ok "new: the starting files use none of the default site's words" "$(cat "$T_TMP/words")"
else
	ok "new: the starting files use none of the default site's words"
fi
check "new: ... and are commented" test "$(grep -c '^#' "$SITE/content/site.yaml")" -ge 5
refused "new: a second new site in the same folder is refused" 1 \
	"folio: $SITE/content already exists; nothing was written (choose a new folder)" new site "$SITE"

# --- entries -----------------------------------------------------------------

run_folio "$O" "$E" new resource second-topic --source "$SITE"
check "new: a resource" test "$RC" = 0 -a "$(cat "$O")" = "folio: created $SITE/content/resources/second-topic/resource.yaml"
builds_and_checks "new: ... the site still builds and passes folio check"
check "new: ... the resource has its page" grep -q '<h1[^>]*>Second topic</h1>' "$SITE/public/resources/second-topic/index.html"
refused "new: ... a second time it is refused" 1 \
	"folio: $SITE/content/resources/second-topic/resource.yaml already exists; nothing was written (choose another name, or edit it)" \
	new resource second-topic --source "$SITE"

run_folio "$O" "$E" new pattern your-subject/second-pattern --source "$SITE"
check "new: a pattern" test "$RC" = 0 -a -f "$SITE/content/resources/your-subject/patterns/second-pattern.md"
builds_and_checks "new: ... the site still builds and passes folio check"
res=$SITE/public/resources/your-subject/index.html
check "new: ... the pattern has its page" test -f "$SITE/public/resources/your-subject/patterns/second-pattern/index.html"
check "new: ... and comes after the patterns already there" \
	test "$(grep -n 'Second pattern' "$res" | head -n 1 | cut -d: -f1)" -gt "$(grep -n 'First pattern' "$res" | head -n 1 | cut -d: -f1)"
refused "new: ... a second time it is refused" 1 \
	"folio: $SITE/content/resources/your-subject/patterns/second-pattern.md already exists; nothing was written (choose another name, or edit it)" \
	new pattern your-subject/second-pattern --source "$SITE"

run_folio "$O" "$E" new faq second-topic/how-long-does-it-take --source "$SITE"
check "new: a question" test "$RC" = 0 -a -f "$SITE/content/resources/second-topic/faq/how-long-does-it-take.md"
builds_and_checks "new: ... the site still builds and passes folio check"
check "new: ... it is on its resource's page" grep -q 'How long does it take?' "$SITE/public/resources/second-topic/index.html"
refused "new: ... a second time it is refused" 1 \
	"folio: $SITE/content/resources/second-topic/faq/how-long-does-it-take.md already exists; nothing was written (choose another name, or edit it)" \
	new faq second-topic/how-long-does-it-take --source "$SITE"

# A page: its file and front matter (title, description, type, menu,
# weight), then its page, in the footer it asks for.
(cd "$SITE" && $FOLIO_WRAP "$FOLIO" new page about) >"$O" 2>"$E"
page=$SITE/content/pages/about.md
check "new: a page, in the site of the working folder" test "$(cat "$O")" = "folio: created content/pages/about.md"
if python3 - "$page" >"$T_TMP/page" 2>&1 <<'PY'; then ok "new: ... its front matter"; else not_ok "new: ... its front matter" "$(cat "$T_TMP/page")"; fi
import sys
text = open(sys.argv[1], encoding="utf-8").read()
assert text.startswith("---\n"), "no front matter"
front, body = text[4:].split("\n---\n", 1)
keys = dict(l.split(": ", 1) for l in front.splitlines() if l and not l.startswith("#"))
assert keys.get("title") == "About", keys
assert keys.get("description"), keys
assert keys.get("type") in ("about", "contact", "page"), keys
assert keys.get("menu") in ("header", "footer", "both", "none"), keys
assert keys.get("weight") == "1", keys
assert body.strip(), "no body"
PY
builds_and_checks "new: ... the site still builds and passes folio check"
check "new: ... the page has its page" grep -q '<h1[^>]*>About</h1>' "$SITE/public/about/index.html"
check "new: ... and is in the footer" grep -q 'href="about/">About</a>' "$SITE/public/index.html"
refused "new: ... a second time it is refused" 1 \
	"folio: $SITE/content/pages/about.md already exists; nothing was written (choose another name, or edit it)" \
	new page about --source "$SITE"

# --- refusals ------------------------------------------------------------------

slug_line() { echo "folio: '$1' is not a slug: use only a-z, 0-9 and '-', such as first-steps"; }
refused "new: a resource with a bad slug is refused" 1 "$(slug_line First_Steps)" new resource First_Steps --source "$SITE"
refused "new: a pattern with a bad slug is refused" 1 "$(slug_line 'a b')" new pattern "your-subject/a b" --source "$SITE"
refused "new: a question in a resource with a bad slug is refused" 1 "$(slug_line Your-Subject)" \
	new faq Your-Subject/why --source "$SITE"
refused "new: a page with a dot in its slug is refused" 1 "$(slug_line ../up)" new page ../up --source "$SITE"
refused "new: a pattern without its resource is refused" 1 \
	"folio: 'lonely' must be RESOURCE/SLUG, such as my-resource/first-steps" new pattern lonely --source "$SITE"
refused "new: a pattern in a resource that does not exist is refused" 1 \
	"folio: there is no resource 'nowhere' (no $SITE/content/resources/nowhere/resource.yaml); make it with 'folio new resource nowhere'" \
	new pattern nowhere/first --source "$SITE"
refused "new: a question in a resource that does not exist is refused" 1 \
	"folio: there is no resource 'nowhere' (no $SITE/content/resources/nowhere/resource.yaml); make it with 'folio new resource nowhere'" \
	new faq nowhere/first --source "$SITE"
mkdir -p "$T_TMP/empty"
refused "new: an entry outside a site is refused" 1 \
	"folio: $T_TMP/empty has no content/site.yaml; make a site with 'folio new site DIR' or name its folder with --source" \
	new page about --source "$T_TMP/empty"
check "new: ... and writes nothing there" test -z "$(ls -A "$T_TMP/empty")"
refused "new: an unknown kind is a usage error" 2 "folio: cannot make a 'post': new makes a site, resource, pattern, faq or page
Try 'folio --help'." new post hello --source "$SITE"
refused "new: a missing slug is a usage error" 2 "folio: new faq wants a RESOURCE/SLUG
Try 'folio --help'." new faq --source "$SITE"

finish
