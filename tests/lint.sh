#!/usr/bin/env bash
# tests/lint.sh: static analysis with the checked-in configuration.
#
#   tests/lint.sh          the stage layering (tests/layering.py), every
#                          diagnostic's action (tests/diagactions.py), cppcheck
#                          over generator/ and the C tests (a few
#                          seconds; the test suite runs this)
#   tests/lint.sh --tidy   also clang-tidy with .clang-tidy (over a minute on two
#                          cores, so only `make lint` runs it)
#
# Any finding fails.  False positives are suppressed where they occur
# (cppcheck-suppress / NOLINT), each with a comment saying why.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

tidy=0
[ "${1:-}" = "--tidy" ] && tidy=1
# The libraries are the Makefile's PKGS: one list, so a new dependency is linted too.
PKG_CFLAGS=$(pkg-config --cflags $(sed -n 's/^PKGS *= *//p' "$ROOT/Makefile"))
CFLAGS="-std=c11 -D_DEFAULT_SOURCE -DFOLIO_VERSION=\"lint\" -DFUZZ_ROOT=\"$ROOT\" -DTEST_ROOT=\"$ROOT\" -Igenerator -Itests/unit -Itests/fuzz"

lint_cppcheck() {
	local dirs=("$@") log=$T_TMP/cppcheck.log
	if ! command -v cppcheck >/dev/null; then
		not_ok "lint: cppcheck ${dirs[*]}" "cppcheck is missing: apt-get install cppcheck (make test installs it)"
		return
	fi
	# The generator's own headers only: system headers would only slow it down.
	if cppcheck --enable=warning,style,performance,portability --std=c11 -D_DEFAULT_SOURCE \
		--inline-suppr --error-exitcode=1 --quiet --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
		-Igenerator -Itests/unit -Itests/fuzz "${dirs[@]}" >"$log" 2>&1; then
		ok "lint: cppcheck ${dirs[*]}"
	else
		not_ok "lint: cppcheck ${dirs[*]}" "$(grep -E '^[^ ]+:[0-9]+:[0-9]+: ' "$log" | head -n 30)"
	fi
}

# The stage layering of generator/ (doc/architecture.md).
python3 "$ROOT/tests/layering.py" "$ROOT" >"$T_TMP/layering.out"
sed '$d' "$T_TMP/layering.out" | sed "s/^\(not ok\|ok\) - /\1 - $T_PREFIX/"
read -r p _ f _ < <(tail -n 1 "$T_TMP/layering.out")
T_PASSED=$((T_PASSED + p))
T_FAILED=$((T_FAILED + f))

# Every diag_error/diag_warn message says what to do.
python3 "$ROOT/tests/diagactions.py" "$ROOT" >"$T_TMP/diagactions.out"
sed '$d' "$T_TMP/diagactions.out" | sed "s/^\(not ok\|ok\) - /\1 - $T_PREFIX/"
read -r p _ f _ < <(tail -n 1 "$T_TMP/diagactions.out")
T_PASSED=$((T_PASSED + p))
T_FAILED=$((T_FAILED + f))

lint_cppcheck generator
lint_cppcheck tests/unit tests/fuzz tests/bench

if [ "$tidy" -eq 1 ]; then
	if ! command -v clang-tidy >/dev/null; then
		not_ok "lint: clang-tidy" "clang-tidy is missing: apt-get install clang-tidy"
	else
		log=$T_TMP/tidy.log
		# One file per process, as many at once as there are CPUs; the flags
		# go through the environment to keep their quotes.
		export LINT_FLAGS="$CFLAGS $PKG_CFLAGS" LINT_OUT=$T_TMP
		if printf '%s\n' generator/*.c generator/*/*.c tests/fuzz/*.c |
			xargs -P "$(nproc)" -I{} sh -c 'clang-tidy --quiet "$1" -- $LINT_FLAGS >"$LINT_OUT/$(echo "$1" | tr / _).tidy" 2>&1' _ {}; then
			ok "lint: clang-tidy generator/ tests/fuzz/"
		else
			not_ok "lint: clang-tidy generator/ tests/fuzz/" "$(cat "$T_TMP"/*.tidy | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error)' | sort -u | head -n 30)"
		fi
	fi
fi
finish
