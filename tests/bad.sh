#!/usr/bin/env bash
# tests/bad.sh: the bad-input corpus.
#
# Each case is a folder tests/bad/NN-name/ holding
#   setup.sh   run (with bash -e) inside a fresh copy of tests/fixtures/minimal
#              after a first, successful build into out/; it breaks something
#   expect     the exact first line folio must print on stderr, with paths
#              relative to the copy (the runner removes the copy's path);
#              with status 0, empty, or the warning a successful build
#              prints first (stderr then holds warnings only)
#   status     the exit status folio must return (1 content, 2 usage, 0 ok)
#   args       optional: extra arguments for `folio build`, one per line
#   allow      optional: extra extended regular expressions that stderr
#              lines may match (file-level errors without a line number)
#   check.sh   optional: run in the copy after the build; must succeed
#
# For every failing case the runner checks that stderr holds only
# diagnostics (path:line:col: error|warning: ...) and the summary line, and
# that out/ is byte-for-byte what the first build left there.
. "$(dirname "$0")/lib.sh"

FIXTURE=$ROOT/tests/fixtures/minimal
DIAG_RE='^[^:]+:[0-9]+:[0-9]+: (error|warning): '
SUMMARY_RE='^folio: [0-9]+ errors?; out was left unchanged$'

run_case() {
	local case=$1 name
	name=bad/$(basename "$case")
	local dir=$T_TMP/$(basename "$case")
	copy_site "$FIXTURE" "$dir"

	# The first build only prepares out/: it runs without FOLIO_WRAP (valgrind).
	FOLIO_WRAP='' run_folio "$dir/first.out" "$dir/first.err" build --source "$dir" --out "$dir/out" --quiet
	if [ "$RC" -ne 0 ]; then
		not_ok "$name" "the fixture did not build before the case was applied (status $RC)" "$(cat "$dir/first.err")"
		return
	fi

	if ! (cd "$dir" && bash -e "$case/setup.sh") >"$dir/setup.log" 2>&1; then
		not_ok "$name" "setup.sh failed" "$(cat "$dir/setup.log")"
		return
	fi
	snapshot "$dir/out" >"$dir/before.snap"

	local args=()
	if [ -f "$case/args" ]; then
		mapfile -t args <"$case/args"
	fi
	run_folio "$dir/second.out" "$dir/second.err" build --source "$dir" --out "$dir/out" "${args[@]}"
	# Paths as the author sees them: relative to the copied site.
	sed "s|$dir/||g" "$dir/second.err" >"$dir/stderr"

	local want_status want_line problems=()
	want_status=$(cat "$case/status")
	want_line=$(cat "$case/expect" 2>/dev/null || true)

	[ "$RC" -eq "$want_status" ] || problems+=("exit status $RC, expected $want_status")

	if [ "$want_status" -ne 0 ]; then
		local first
		first=$(head -n 1 "$dir/stderr")
		[ "$first" = "$want_line" ] || problems+=("first stderr line:
  got      $first
  expected $want_line")

		local allow=("$DIAG_RE" "$SUMMARY_RE")
		if [ -f "$case/allow" ]; then
			local extra
			while IFS= read -r extra; do
				[ -n "$extra" ] && allow+=("$extra")
			done <"$case/allow"
		fi
		local line re matched
		while IFS= read -r line; do
			matched=0
			for re in "${allow[@]}"; do
				if [[ $line =~ $re ]]; then
					matched=1
					break
				fi
			done
			[ "$matched" -eq 1 ] || problems+=("stderr line in no expected format: $line")
		done <"$dir/stderr"
		if [ "$want_status" -eq 1 ] && ! grep -qE "$SUMMARY_RE" "$dir/stderr"; then
			problems+=("no summary line 'folio: N errors; out was left unchanged'")
		fi
		[ -s "$dir/second.out" ] && problems+=("stdout is not empty: $(head -n 3 "$dir/second.out")")

		snapshot "$dir/out" >"$dir/after.snap"
		if ! diff -u "$dir/before.snap" "$dir/after.snap" >"$dir/snap.diff"; then
			problems+=("out/ changed:
$(head -n 20 "$dir/snap.diff")")
		fi
		local left
		left=$(find "$dir" -maxdepth 1 -name '.out.staging-*' | head -n 3)
		[ -n "$left" ] && problems+=("staging folder left behind: $left")
	elif [ -n "$want_line" ]; then
		# A build that succeeds with a warning: that warning first, and
		# nothing but warnings.
		[ "$(head -n 1 "$dir/stderr")" = "$want_line" ] || problems+=("first stderr line:
  got      $(head -n 1 "$dir/stderr")
  expected $want_line")
		grep -qvE '^[^:]+:[0-9]+:[0-9]+: warning: ' "$dir/stderr" && problems+=("stderr holds more than warnings")
	else
		[ -s "$dir/stderr" ] && problems+=("stderr is not empty: $(head -n 5 "$dir/stderr")")
	fi

	if [ -f "$case/check.sh" ] && ! (cd "$dir" && bash "$case/check.sh") >"$dir/check.log" 2>&1; then
		problems+=("check.sh failed: $(cat "$dir/check.log")")
	fi

	if [ "${#problems[@]}" -eq 0 ]; then
		ok "$name"
	else
		not_ok "$name" "${problems[@]}" "stderr was:" "$(head -n 10 "$dir/stderr")"
	fi
	rm -rf "$dir"
}

# Cases run in parallel (BAD_JOBS at a time, default: the number of CPUs);
# their results are printed in order.
JOBS=${BAD_JOBS:-$(nproc 2>/dev/null || echo 2)}
RESULTS=$T_TMP/results
mkdir -p "$RESULTS"
count=0
for case in "$ROOT"/tests/bad/*/; do
	case=${case%/}
	[ -f "$case/setup.sh" ] || continue
	count=$((count + 1))
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		wait -n 2>/dev/null || true
	done
	run_case "$case" >"$RESULTS/$(printf '%03d' "$count")" 2>&1 &
done
wait
for result in "$RESULTS"/*; do
	[ -f "$result" ] || continue
	cat "$result"
	T_PASSED=$((T_PASSED + $(grep -c '^ok - ' "$result")))
	T_FAILED=$((T_FAILED + $(grep -c '^not ok - ' "$result")))
done
[ "$count" -ge 24 ] && ok "bad: corpus has $count cases (at least 24)" || not_ok "bad: corpus has at least 24 cases" "found $count"
finish
