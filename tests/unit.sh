#!/usr/bin/env bash
# tests/unit.sh: runs the C unit tests (built by `make unit` into build/, or
# into UNIT_DIR, e.g. build-asan) and passes their results on.  Each test
# binary prints its own ok / not ok lines and counts; a binary that crashes
# or exits non-zero without reporting a failure counts as one failed test.
. "$(dirname "$0")/lib.sh"

UNIT_DIR=${UNIT_DIR:-$ROOT/build}
case $UNIT_DIR in /*) ;; *) UNIT_DIR=$ROOT/$UNIT_DIR ;; esac

found=0
for src in "$ROOT"/tests/unit/test_*.c; do
	name=$(basename "$src" .c)
	bin=$UNIT_DIR/$name
	found=1
	if [ ! -x "$bin" ]; then
		not_ok "unit/$name" "$bin is missing: run make unit"
		continue
	fi
	out=$T_TMP/$name.out
	err=$T_TMP/$name.err
	rc=0
	# shellcheck disable=SC2086
	(cd "$T_TMP" && $FOLIO_WRAP "$bin") >"$out" 2>"$err" || rc=$?
	counts=$(tail -n 1 "$out")
	if [[ $counts =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		# The binary's own lines, with the pass prefix added to each name.
		sed '$d' "$out" | sed -E "s/^(not ok|ok) - /\\1 - ${T_PREFIX//\//\\/}/"
		T_PASSED=$((T_PASSED + BASH_REMATCH[1]))
		T_FAILED=$((T_FAILED + BASH_REMATCH[2]))
		if [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
			not_ok "unit/$name: exit status" "exited with status $rc" "$(tail -n 30 "$err")"
		elif [ -s "$err" ]; then
			not_ok "unit/$name: clean stderr" "$(tail -n 30 "$err")"
		fi
	else
		sed -E "s/^(not ok|ok) - /\\1 - ${T_PREFIX//\//\\/}/" "$out"
		not_ok "unit/$name" "did not finish (exit status $rc)" "$(tail -n 30 "$err")"
	fi
done
[ "$found" -eq 1 ] || not_ok "unit" "no tests/unit/test_*.c"
finish
