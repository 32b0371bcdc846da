#!/usr/bin/env bash
# tests/gfm.sh: GitHub-flavoured Markdown on the pages and in the Markdown
# copies.  A copy of the cookbook fixture gets tests/fixtures/gfm-web/body.md
# (every GFM construct) as a FAQ answer, a plain page, the end of a
# pattern body and a custom section (whose headings the copy shifts).  The
# build must be quiet and pass folio check; tests/gfmcheck.py reads each
# page with Python's HTML parser (tables, captions, scope, footnotes both
# ways, unique ids, <del>, checkboxes); the plain page's text must equal
# tests/fixtures/gfm-web/page.html, checked by hand; and every Markdown
# copy must hold the body as written.
. "$(dirname "$0")/lib.sh"

GFM=$ROOT/tests/fixtures/gfm-web
SITE=$T_TMP/site
OUT=$T_TMP/out
copy_site "$ROOT/tests/fixtures/cookbook" "$SITE"
C=$SITE/content
RES=resources/kitchen-workflow-patterns
{ printf -- '---\nquestion: How are the cold rooms logged?\nweight: 3\n---\n'; cat "$GFM/body.md"; } >"$C/$RES/faq/cold-rooms.md"
{ printf -- '---\ntitle: Cold rooms\ndescription: How the cold rooms of the kitchen are checked, logged and kept within their limits.\n---\n'
	cat "$GFM/body.md"; } >"$C/pages/cold-rooms.md"
{ echo; cat "$GFM/body.md"; } >>"$C/$RES/patterns/ticket-rail.md"
# A second answer on the same page whose note has the same label: in the
# page each text numbers its own notes; in the Markdown copy, one
# document, its label must change.
printf -- '---\nquestion: Who wipes the shelves?\nweight: 4\n---\nThe porter, daily[^LOG].\n\n[^LOG]: With hot water.\n' \
	>"$C/$RES/faq/shelves.md"
# Two texts whose element has no id of its own (the why and help intros):
# their notes must still have ids of their own.
sed -i 's|^    hand-offs between stations, not from slow cooking.$|    hand-offs between stations[^1], not from slow cooking.\n\n    [^1]: Counted over a month of services.|
s|^  intro: We redesign the pass, the ticket rail and the prep routine with your team.$|  intro: "We redesign the pass[^1] with your team.\\n\\n[^1]: And the ticket rail."|' \
	"$C/$RES/resource.yaml"
grep -q 'stations\[^1\]' "$C/$RES/resource.yaml" && grep -q 'pass\[^1\] with' "$C/$RES/resource.yaml" ||
	not_ok "gfm: the intros with notes are in place"
# The custom section: the body under a heading of its own, in YAML.
python3 - "$C/resources/stock-rotation/resource.yaml" "$GFM/body.md" <<'PY'
import sys
path, body = sys.argv[1], open(sys.argv[2], encoding='utf-8').read()
text = open(path, encoding='utf-8').read()
anchor = '      Keep allergen-free stock on the top shelf, so that nothing drips onto it.\n'
block = ''.join(('      ' + line if line.strip() else '') + '\n' for line in body.splitlines())
assert anchor in text
open(path, 'w', encoding='utf-8').write(text.replace(anchor, anchor + '\n      ### Cold rooms\n\n' + block))
PY

run_folio "$T_TMP/build.out" "$T_TMP/build.err" build --source "$SITE" --out "$OUT" --quiet
if [ "$RC" -ne 0 ] || [ -s "$T_TMP/build.err" ]; then
	not_ok "gfm: the site builds without a warning" "exit status $RC" "$(cat "$T_TMP/build.err")"
	finish
	exit 1
fi
ok "gfm: the site builds without a warning"

run_folio "$T_TMP/check.out" "$T_TMP/check.err" check "$OUT"
if [ "$RC" -eq 0 ]; then
	ok "gfm: folio check passes (the #fn links resolve, JSON-LD answers match)"
else
	not_ok "gfm: folio check passes (the #fn links resolve, JSON-LD answers match)" "$(cat "$T_TMP/check.out" "$T_TMP/check.err")"
fi

for page in cold-rooms "$RES" "$RES/patterns/ticket-rail" resources/stock-rotation; do
	if python3 "$ROOT/tests/gfmcheck.py" "$OUT/$page/index.html" 1 >"$T_TMP/gfm.out" 2>&1; then
		ok "gfm: $page/ shows every construct"
	else
		not_ok "gfm: $page/ shows every construct" "$(cat "$T_TMP/gfm.out")"
	fi
done

python3 "$ROOT/tests/gfm-fragment.py" "$OUT/cold-rooms/index.html" text >"$T_TMP/page.html" 2>&1
if diff -u "$GFM/page.html" "$T_TMP/page.html" >"$T_TMP/page.diff"; then
	ok "gfm: the plain page's text is tests/fixtures/gfm-web/page.html"
else
	not_ok "gfm: the plain page's text is tests/fixtures/gfm-web/page.html" "$(head -n 30 "$T_TMP/page.diff")"
fi

# The Markdown copies hold the body as written: cmark's own writer would
# nest the plain item under a task item in the custom section.
for twin in cold-rooms "$RES" "$RES/patterns/ticket-rail" resources/stock-rotation; do
	if python3 -c 'import sys; sys.exit(open(sys.argv[2]).read() not in open(sys.argv[1]).read())' \
		"$OUT/$twin/index.html.md" "$GFM/body.md"; then
		ok "gfm: the Markdown copy of $twin/ holds the body as written"
	else
		not_ok "gfm: the Markdown copy of $twin/ holds the body as written" "$(cat "$OUT/$twin/index.html.md")"
	fi
done
twin=$OUT/$RES/index.html.md
if grep -qxF 'The porter, daily[^LOG-2].' "$twin" && grep -qxF '[^LOG-2]: With hot water.' "$twin" &&
	[ "$(grep -c '^\[^log\]:' "$twin")" -eq 1 ]; then
	ok "gfm: a footnote label used by an earlier text of a Markdown copy is renamed in the later one"
else
	not_ok "gfm: a footnote label used by an earlier text of a Markdown copy is renamed in the later one" \
		"$(grep -n '\[^' "$twin")"
fi
if grep -q '^#### Cold rooms$' "$OUT/resources/stock-rotation/index.html.md"; then
	ok "gfm: the custom section's heading is one level down in its copy"
else
	not_ok "gfm: the custom section's heading is one level down in its copy"
fi

finish
