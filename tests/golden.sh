#!/usr/bin/env bash
# tests/golden.sh: builds the default site (content/ and static/ of the
# repository, with the built-in theme in theme/) under a fixed TZ, locale and SOURCE_DATE_EPOCH and compares
# every file with tests/golden/site/.
#
#   tests/golden.sh            compare (a test group: ok / not ok lines)
#   tests/golden.sh --update   regenerate tests/golden/site/ on purpose;
#                              review the diff before committing it
. "$(dirname "$0")/lib.sh"

GOLDEN=$ROOT/tests/golden/site
# Binary outputs are checked elsewhere (tests/diagrams.sh compares PNGs
# with a tolerance, tests/pdf.sh renders the PDF; fonts are copied as they
# are): the golden copy holds the text files, so its diffs stay readable.
BINARY=(-x '*.png' -x '*.pdf' -x '*.woff2' -x '*.ttf' -x '*.ico')

build_into() {
	run_folio "$T_TMP/$2.out" "$T_TMP/$2.err" build --source "$ROOT" --out "$1" --quiet
}

if [ "${1:-}" = "--update" ]; then
	build_into "$T_TMP/site" update
	if [ "$RC" -ne 0 ]; then
		cat "$T_TMP/update.err" >&2
		echo "golden.sh: the default site does not build; nothing updated" >&2
		exit 1
	fi
	rm -rf "$GOLDEN"
	mkdir -p "$(dirname "$GOLDEN")"
	find "$T_TMP/site" \( -name '*.png' -o -name '*.pdf' -o -name '*.woff2' -o -name '*.ttf' -o -name '*.ico' \) -delete
	cp -R "$T_TMP/site" "$GOLDEN"
	echo "golden.sh: updated $(find "$GOLDEN" -type f | wc -l) files in tests/golden/site; review them with git diff"
	exit 0
fi

build_into "$T_TMP/a" a
if [ "$RC" -ne 0 ]; then
	not_ok "golden: default site builds" "exit status $RC" "$(cat "$T_TMP/a.err")"
	finish
	exit 1
fi
if [ -s "$T_TMP/a.err" ] || [ -s "$T_TMP/a.out" ]; then
	not_ok "golden: default site builds quietly" "$(cat "$T_TMP/a.out" "$T_TMP/a.err")"
else
	ok "golden: default site builds quietly"
fi

if [ ! -d "$GOLDEN" ]; then
	not_ok "golden: output matches tests/golden/site" "tests/golden/site is missing: run make golden-update"
elif diff -ru "${BINARY[@]}" "$GOLDEN" "$T_TMP/a" >"$T_TMP/diff" 2>&1; then
	ok "golden: output matches tests/golden/site"
else
	not_ok "golden: output matches tests/golden/site" \
		"$(diff -rq "${BINARY[@]}" "$GOLDEN" "$T_TMP/a" 2>&1 | sed "s|$ROOT/||g; s|$T_TMP/a|<build>|g")" \
		"$(sed "s|$T_TMP/a|<build>|g" "$T_TMP/diff" | head -n 30)" \
		"(if the change is intended: make golden-update, then review git diff)"
fi

# Reproducible: a second build (another folder, another time) is identical.
sleep 1
build_into "$T_TMP/b" b
if [ "$RC" -eq 0 ] && diff -r "$T_TMP/a" "$T_TMP/b" >"$T_TMP/diff2" 2>&1; then
	ok "golden: two builds are byte-identical"
else
	not_ok "golden: two builds are byte-identical" "exit status $RC" "$(head -n 40 "$T_TMP/diff2")"
fi

# Every page links only to files that exist (relative links resolved on disk).
missing=$(
	cd "$T_TMP/a" || exit 0
	find . -name '*.html' | LC_ALL=C sort | while read -r page; do
		dir=$(dirname "$page")
		grep -oE '(href|src|action)="[^"]*"' "$page" | sed -E 's/^[a-z]+="//; s/"$//' | while read -r url; do
			case $url in
			http:* | https:* | mailto:* | //* | '#'* | '') continue ;;
			/*) [ "$(basename "$page")" = 404.html ] && target=".${url%%[#?]*}" || { echo "$page: absolute site path $url"; continue; } ;;
			*) target="$dir/${url%%[#?]*}" ;;
			esac
			case $target in */ | */.) target="$target/index.html" ;; esac
			[ -e "$target" ] || echo "$page: $url"
		done
	done | sort -u
)
if [ -z "$missing" ]; then
	ok "golden: every local link and asset resolves"
else
	not_ok "golden: every local link and asset resolves" "$missing"
fi

finish
