#!/bin/sh
# Validates every HTML page of a built site with the Nu Html Checker (vnu-jar
# from npm), and its CSS and SVG files too; fails on any error.
#
#   tests/browser/html5.sh [site-dir]        (default: public)
#
# Prints "ok - ..." / "not ok - ..." per file, the checker's messages as "#"
# lines, and ends with "N passed, N failed"; exits 1 when a file failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
site=${1:-public}
jar="$root/node_modules/vnu-jar/build/dist/vnu.jar"

passed=0
failed=0
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

if [ ! -d "$site" ]; then
	echo "not ok - site folder $site exists"
	failed=1
	finish
fi
if [ ! -f "$jar" ] || ! command -v java >/dev/null 2>&1; then
	echo "not ok - the Nu Html Checker can run (need java and $jar: run npm ci)"
	failed=1
	finish
fi

site=$(cd "$site" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

find "$site" -type f \( -name '*.html' -o -name '*.css' -o -name '*.svg' \) | LC_ALL=C sort >"$tmp/files"
if [ ! -s "$tmp/files" ]; then
	echo "not ok - $site holds files to validate"
	failed=1
	finish
fi

# One JVM for all files; messages come as "file:PATH":L.C-L.C: error: TEXT.
tr '\n' '\0' <"$tmp/files" |
	xargs -0 java -Xss16m -jar "$jar" --errors-only --format gnu \
		--also-check-css --also-check-svg >"$tmp/out" 2>&1
rc=$?
# vnu exits 1 when it found errors; anything else non-zero is a crash.
if [ "$rc" -ne 0 ] && ! grep -q '^"file:' "$tmp/out"; then
	echo "not ok - the Nu Html Checker ran (exit $rc)"
	sed 's/^/#   /' "$tmp/out"
	failed=$((failed + 1))
	finish
fi

while IFS= read -r f; do
	rel=${f#"$site"/}
	grep -F "\"file:$f\":" "$tmp/out" >"$tmp/msgs" || true
	if [ -s "$tmp/msgs" ]; then
		echo "not ok - valid per the Nu Html Checker: $rel"
		sed "s|^\"file:$f\":|#   $rel:|" "$tmp/msgs"
		failed=$((failed + 1))
	else
		echo "ok - valid per the Nu Html Checker: $rel"
		passed=$((passed + 1))
	fi
done <"$tmp/files"

# Messages that name no file we listed (should not happen) still fail the run.
if grep -v '^"file:' "$tmp/out" | grep -q .; then
	echo "not ok - the Nu Html Checker printed only per-file messages"
	grep -v '^"file:' "$tmp/out" | sed 's/^/#   /'
	failed=$((failed + 1))
fi

finish
