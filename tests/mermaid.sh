#!/usr/bin/env bash
# tests/mermaid.sh: diagrams written as Mermaid in Markdown bodies.
#
# tests/fixtures/mermaid has a Mermaid block in every kind of body (two
# pattern bodies, a FAQ answer, a plain page, a custom section; its
# README.md says which construct is where).  The build must be quiet and
# pass folio check; tests/mermaidcheck.py reads the blocks from content/
# itself and checks every page (one figure a block, role="img" with a
# title and a description, every label drawn as text and named in the
# description, the Figure: caption, unique ids), every Markdown copy (the
# block kept as Mermaid) and the playbook (every label as extractable
# text).  The same site with its blocks turned into plain code must load
# the same scripts; and two builds, on one thread and on several, must be
# the same bytes.
. "$(dirname "$0")/lib.sh"

FIX=$ROOT/tests/fixtures/mermaid
OUT=$T_TMP/out

run_folio "$T_TMP/build.out" "$T_TMP/build.err" build --source "$FIX" --out "$OUT" --quiet
if [ "$RC" -ne 0 ] || [ -s "$T_TMP/build.err" ]; then
	not_ok "mermaid: the site builds without a warning" "exit status $RC" "$(cat "$T_TMP/build.err")"
	finish
	exit 1
fi
ok "mermaid: the site builds without a warning"

run_folio "$T_TMP/check.out" "$T_TMP/check.err" check "$OUT"
check "mermaid: folio check passes (ids, links, JSON-LD answers as the page shows them)" test "$RC" -eq 0

python3 "$ROOT/tests/mermaidcheck.py" "$FIX" "$OUT" "$OUT/resources/crm-sync/sync-playbook.pdf" >"$T_TMP/check.tap" 2>&1
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	"not ok - "*) not_ok "${line#not ok - }" ;;
	*) printf '%s\n' "$line" ;;
	esac
done <"$T_TMP/check.tap"

# The diagrams are drawn when the site is built: a page loads the same
# scripts with its blocks drawn as with them shown as code.
PLAIN=$T_TMP/plain
copy_site "$FIX" "$PLAIN"
grep -rl '```mermaid' "$PLAIN/content" | xargs sed -i 's/```mermaid/```text/'
folio build --source "$PLAIN" --out "$T_TMP/plain-out" --quiet >"$T_TMP/plain.log" 2>&1 ||
	not_ok "mermaid: the site builds with its blocks as code" "$(cat "$T_TMP/plain.log")"
scripts() { grep -o '<script[^>]*>' "$1" | sort; }
same=0 pages=0
while IFS= read -r page; do
	rel=${page#"$OUT"/}
	pages=$((pages + 1))
	[ "$(scripts "$page")" = "$(scripts "$T_TMP/plain-out/$rel")" ] && same=$((same + 1))
done < <(grep -rl 'figure--diagram' "$OUT" --include=index.html)
check "mermaid: the $pages pages with diagrams load no script for them" test "$pages" -ge 4 -a "$same" -eq "$pages"

# Deterministic: one thread or several, the same bytes.
folio build --source "$FIX" --out "$T_TMP/one" --quiet -j 1 >"$T_TMP/one.log" 2>&1
if diff -r "$OUT" "$T_TMP/one" >"$T_TMP/one.diff" 2>&1; then
	ok "mermaid: one thread and several give the same bytes"
else
	not_ok "mermaid: one thread and several give the same bytes" "$(head -n 10 "$T_TMP/one.diff")"
fi
finish
