#!/usr/bin/env bash
# tests/run.sh: THE test command (`make test` runs it; CI runs `make test`).
#
#   tests/run.sh               everything: unit tests, golden, bad-input corpus,
#                              second site, CLI (and tests/diagrams.sh, pdf.sh,
#                              pdf-smoke.sh, structured.sh, repro.sh, safe.sh,
#                              hostile.sh when present), cppcheck (tests/lint.sh),
#                              the fuzz targets briefly (tests/fuzz.sh); then the
#                              same C tests against an ASan+UBSan build and under
#                              valgrind; then the browser group (tests/browser.sh),
#                              if present
#   tests/run.sh --quick       the plain pass only (no sanitizers, no browser)
#   tests/run.sh --asan        the whole suite against build-asan/folio and the
#                              ASan-built unit tests (`make asan` builds them)
#   tests/run.sh --valgrind    unit, CLI and bad-input tests under valgrind
#
# Prints "ok - NAME" / "not ok - NAME" (reasons indented below) per test
# and ends with exactly one line "N passed, M failed", the totals of every
# group.  Exits 1 when anything failed.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

asan=0 valgrind=0 quick=0
for arg in "$@"; do
	case $arg in
	--asan) asan=1 ;;
	--valgrind) valgrind=1 ;;
	--quick) quick=1 ;;
	-h | --help)
		sed -n '2,/^set -u$/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "tests/run.sh: unknown option '$arg' (try --help)" >&2
		exit 2
		;;
	esac
done

export TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600
# Sanitizer reports fail the run: any report means a non-zero exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=98:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=97}
GROUP_TIMEOUT=${GROUP_TIMEOUT:-1200}
# tests/valgrind.supp: what libraries keep for the process's life (never a definite leak).
VALGRIND="valgrind -q --soname-synonyms=somalloc=libmimalloc.so.2 --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --suppressions=$ROOT/tests/valgrind.supp"

exec 3>&1
RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/folio-run.XXXXXX")
trap 'rm -rf "$RUN_TMP"' EXIT

PASSED=0
FAILED=0
COUNT_RE='^([0-9]+) passed, ([0-9]+) failed$'

fail() {
	FAILED=$((FAILED + 1))
	printf 'not ok - %s\n' "$1"
	shift
	local reason
	for reason in "$@"; do
		printf '%s\n' "$reason" | head -n 40 | sed 's/^/    /'
	done
}

# Prints every line of its input but the last to fd 3; the last to stdout.
hold_back() {
	local prev="" have=0 line
	while IFS= read -r line; do
		[ "$have" -eq 1 ] && printf '%s\n' "$prev" >&3
		prev=$line
		have=1
	done
	[ "$have" -eq 1 ] && printf '%s\n' "$prev"
}

# run_group LABEL COMMAND...: runs a group script, passes its ok / not ok
# lines through and adds its closing "N passed, M failed" to the totals.
run_group() {
	local label=$1
	shift
	local last rc
	{
		# A group that hangs is stopped and counted as failed.
		timeout --kill-after=10 "$GROUP_TIMEOUT" "$@"
		echo $? >"$RUN_TMP/rc"
	} 3>&- | hold_back >"$RUN_TMP/last"
	last=$(cat "$RUN_TMP/last")
	rc=$(cat "$RUN_TMP/rc" 2>/dev/null || echo 1)
	if [[ $last =~ $COUNT_RE ]]; then
		PASSED=$((PASSED + BASH_REMATCH[1]))
		FAILED=$((FAILED + BASH_REMATCH[2]))
		if [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
			fail "$label: group exited with status $rc"
		fi
	else
		[ -n "$last" ] && printf '%s\n' "$last"
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
			fail "$label: group timed out after $GROUP_TIMEOUT s"
		else
			fail "$label: group did not finish with 'N passed, M failed' (exit status $rc)"
		fi
	fi
}

# make_target LABEL ARGS...: builds with make; a failure is a failed test.
make_target() {
	local label=$1
	shift
	if make --no-print-directory "$@" >"$RUN_TMP/make.log" 2>&1; then
		return 0
	fi
	fail "$label: make $*" "$(tail -n 30 "$RUN_TMP/make.log")"
	return 1
}

# The C test groups, with FOLIO, UNIT_DIR, FOLIO_WRAP and T_PREFIX set by the caller.
c_groups() {
	local prefix=$1
	run_group "${prefix}unit" tests/unit.sh
	run_group "${prefix}golden" tests/golden.sh
	run_group "${prefix}bad" tests/bad.sh
	run_group "${prefix}second site" tests/second-site.sh
	run_group "${prefix}cli" tests/cli.sh
	# Groups other parts of the project add, when present.
	local extra
	for extra in diagrams pdf pdf-smoke structured check serve repro safe hostile incremental; do
		if [ -f "tests/$extra.sh" ]; then
			run_group "${prefix}$extra" "tests/$extra.sh"
		fi
	done
}

plain_pass() {
	make_target "build" build/folio unit || return
	FOLIO=build/folio UNIT_DIR=build FOLIO_WRAP= T_PREFIX= c_groups ""
	[ -f tests/lint.sh ] && run_group "lint" tests/lint.sh
	fuzz_pass
}

# The fuzz targets, briefly (about 5 s each), and their kept inputs.
fuzz_pass() {
	[ -f tests/fuzz.sh ] || return 0
	make_target "fuzz: build" fuzz-build || return
	FUZZ_BRIEF=${FUZZ_BRIEF:-5} run_group "fuzz" tests/fuzz.sh
}

asan_pass() {
	make_target "asan: build" asan || return
	FOLIO=build-asan/folio UNIT_DIR=build-asan FOLIO_WRAP= T_PREFIX="asan: " c_groups "asan: "
}

valgrind_pass() {
	if ! command -v valgrind >/dev/null 2>&1; then
		fail "valgrind: installed" "valgrind is missing: apt-get install valgrind (make test installs it)"
		return
	fi
	make_target "valgrind: build" build/folio unit || return
	export FOLIO=build/folio UNIT_DIR=build FOLIO_WRAP="$VALGRIND" T_PREFIX="valgrind: "
	run_group "valgrind: unit" tests/unit.sh
	run_group "valgrind: cli" tests/cli.sh
	run_group "valgrind: bad" tests/bad.sh
	unset FOLIO UNIT_DIR FOLIO_WRAP T_PREFIX
}

# The browser group checks a freshly built default site.
browser_pass() {
	local folio=$1
	[ -f tests/browser.sh ] || return 0
	local site=$RUN_TMP/browser-site
	if ! "$folio" build --source "$ROOT" --out "$site" --quiet >"$RUN_TMP/browser-build.log" 2>&1; then
		fail "browser: the default site builds" "$(cat "$RUN_TMP/browser-build.log")"
		return
	fi
	FOLIO=$folio run_group "browser" sh tests/browser.sh "$site"
}

if [ "$asan" -eq 1 ] || [ "$valgrind" -eq 1 ]; then
	[ "$asan" -eq 1 ] && asan_pass
	[ "$valgrind" -eq 1 ] && valgrind_pass
	if [ "$asan" -eq 1 ] && [ "$quick" -eq 0 ]; then
		browser_pass "$ROOT/build-asan/folio"
	fi
else
	plain_pass
	if [ "$quick" -eq 0 ]; then
		asan_pass
		valgrind_pass
		browser_pass "$ROOT/build/folio"
	fi
fi

printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
