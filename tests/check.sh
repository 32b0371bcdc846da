#!/usr/bin/env bash
# tests/check.sh: `folio check` passes the default site and catches each
# deliberately broken copy of it.
#
# Each case is a folder tests/check/NN-name/ holding break.sh, run with
# bash -e inside a fresh copy of the built default site.  It breaks one
# thing and writes the lines `folio check` must print for it to the file
# `expected` (paths relative to the copy; it computes line numbers from
# what it changed, so the expectation does not come from folio).  The case
# passes when folio check exits 1 and prints every expected line.
. "$(dirname "$0")/lib.sh"

SITE=$T_TMP/site
if ! folio build --source "$ROOT" --out "$SITE" --quiet >"$T_TMP/build.log" 2>&1; then
	not_ok "check: the default site builds" "$(cat "$T_TMP/build.log")"
	finish
	exit
fi

run_folio "$T_TMP/out" "$T_TMP/err" check "$SITE"
if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/out" ] && grep -q ': 0 problems$' "$T_TMP/err"; then
	ok "check: the default site has no problems"
else
	not_ok "check: the default site has no problems" "exit status $RC" "$(cat "$T_TMP/out" "$T_TMP/err")"
fi

# The pages and files it counts are the ones in the folder.
pages=$(find "$SITE" -name '*.html' | wc -l)
files=$(find "$SITE" -type f | wc -l)
grep -q "^folio check: $pages pages, $files files: 0 problems$" "$T_TMP/err" &&
	ok "check: counts $pages pages and $files files" ||
	not_ok "check: counts $pages pages and $files files" "$(cat "$T_TMP/err")"

# --no-images leaves the cards and the diagram PNGs out: the pages must
# not name them, so its output passes the check too.
if folio build --source "$ROOT" --out "$T_TMP/no-images" --quiet --no-images >"$T_TMP/no-images.log" 2>&1; then
	run_folio "$T_TMP/out" "$T_TMP/err" check "$T_TMP/no-images"
	if [ "$RC" -eq 0 ] && grep -q ': 0 problems$' "$T_TMP/err" && ! grep -rqE 'og\.png|@2x\.png' "$T_TMP/no-images" --include='*.html'; then
		ok "check: a --no-images build has no problems and names no PNG it left out"
	else
		not_ok "check: a --no-images build has no problems and names no PNG it left out" "exit status $RC" \
			"$(head -n 20 "$T_TMP/out" "$T_TMP/err")" "$(grep -rlE 'og\.png|@2x\.png' "$T_TMP/no-images" --include='*.html' | head -5)"
	fi
else
	not_ok "check: a --no-images build has no problems and names no PNG it left out" "$(cat "$T_TMP/no-images.log")"
fi

run_case() {
	local case=$1 name dir
	name=check/$(basename "$case")
	dir=$T_TMP/$(basename "$case")
	cp -R "$SITE" "$dir"
	if ! (cd "$dir" && bash -e "$case/break.sh") >"$dir.log" 2>&1 || [ ! -s "$dir/expected" ]; then
		not_ok "$name" "break.sh failed or wrote no expected lines" "$(cat "$dir.log")"
		return
	fi
	mv "$dir/expected" "$dir.expected"
	run_folio "$dir.out" "$dir.err" check "$dir"
	sed -i "s#^$dir/##" "$dir.out"
	local missing
	missing=$(grep -vxFf "$dir.out" "$dir.expected")
	if [ "$RC" -eq 1 ] && [ -z "$missing" ]; then
		ok "$name"
	else
		not_ok "$name" "exit status $RC (expected 1)" "missing: $missing" "printed: $(cat "$dir.out")"
	fi
}

for case in "$ROOT"/tests/check/*/; do
	run_case "${case%/}"
done

run_folio "$T_TMP/out" "$T_TMP/err" check "$T_TMP/no-such-site"
[ "$RC" -eq 2 ] && grep -q "no-such-site" "$T_TMP/err" && ok "check: a missing folder is a usage error (2)" ||
	not_ok "check: a missing folder is a usage error (2)" "exit status $RC" "$(cat "$T_TMP/err")"
finish
