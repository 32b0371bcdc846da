#!/usr/bin/env bash
# tests/run.sh: THE test command (`make test` runs it; CI runs `make test`).
# tests/README.md lists the commands for every day.
#
#   tests/run.sh               everything: the plain pass (every group below
#                              but browser, against build/folio), then the C
#                              groups against an ASan+UBSan build, then unit,
#                              cli and bad under valgrind, then the browser group
#   tests/run.sh GROUP...      only these groups, against build/folio, e.g.
#                              `tests/run.sh unit cli`
#   tests/run.sh --list        the groups, one a line, with what each checks
#   tests/run.sh --quick       the plain pass only (no sanitizers, no browser);
#                              `make quick` is the shorter unit golden bad browser
#   tests/run.sh --asan        the C groups and browser against build-asan/folio
#                              and the ASan-built unit tests (`make asan` builds
#                              them); with --quick, no browser
#   tests/run.sh --valgrind    unit, cli and bad under valgrind
#   --asan and --valgrind take GROUP... too (`tests/run.sh --asan unit`).
#   -j N                       run N groups at a time (default: TEST_JOBS, or
#                              the number of CPUs, at most 4); -j 1 for one
#                              after the other
#
# Prints "ok - NAME" / "not ok - NAME" (reasons indented below) per test
# and ends with exactly one line "N passed, M failed", the totals of every
# group.  Exits 1 when anything failed.  Groups that run at the same time
# write to their own files: each group's lines are printed together, in the
# order above, once it and the groups before it are done.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2

# Every group, in the order they run and print, with what it checks.
GROUP_LIST="
unit         the C unit tests (tests/unit/test_*.c)
golden       the default site, file by file, against tests/golden/site/
bad          the bad-input corpus (tests/bad/): one exact error each, out/ untouched
second-site  a second, non-CRM site in the same content format
fonts        a site in its own typeface: subsets for page, PDF and PNGs, exact characters, errors at their place
other-sites  a security checklist and a content/-only site: build, check, only their own words
german       a German site: complete strings, no English, lang, German dates, numbers, hyphenation
theme        the built-in theme: a content/-only site, overrides file by file, make install
brand        a site in its publisher's colours: CSS, theme-color, diagrams, cards, PDF
new          folio new: each kind builds at once, never overwrites, refuses bad slugs
cli          the command line: help, version, usage errors, options, the out folder
diagrams     diagrams and social cards: accessible SVG, PNG sizes, golden PNGs
pdf          the playbook PDF: qpdf, fonts, text, bookmarks, links, golden renderings
pdf-smoke    a PDF read back as readers do (poppler, qpdf)
images       Markdown images: sizes on the page, files published, PDF image objects, twins
pdf-gfm      GitHub-flavoured Markdown in the PDF: tables, footnote links, strikethrough, tasks, code indents, nesting
pdfua        the tagged playbook: PDF/UA-1 and PDF/A-2a as far as a machine checks (pikepdf, pdf.js, poppler, qpdf)
pdfa         what the playbook declares for PDF/A-2a: XMP, Info alike, output intent's profile, document ID
structured   JSON-LD against schema.org terms, head metadata, sitemap, llms.txt
check        folio check passes the default site and catches each broken copy
serve        folio serve over HTTP: types, 404, 304, traversal, load, reload events
repro        reproducible builds: other path, time zone, umask, locale
safe         safe output: Content-Security-Policy, no inline script, no script URLs
hostile      a hostile environment: read-only output, full disk, killed builds
cancel       SIGINT/SIGTERM stop build, serve and check at once and change nothing; the progress line
incremental  builds over a previous build: same bytes as clean, nothing rewritten
preview      folio serve after every kind of edit, scripted and random: only the edited resource made again, the same bytes as a clean build
lint         the stage layering of generator/, every message's action, and cppcheck
words        no word of the default content's subject in generator/ or the theme; no fixed text in templates, no phrase in code
fuzz         the libFuzzer targets briefly, and their kept inputs (builds build-fuzz/)
browser      headless Chromium: axe-core, structure, estimator, Nu checker, serve e2e
gfm          GitHub-flavoured Markdown: tables, footnotes, task lists on the pages and in the Markdown copies
mermaid      Mermaid diagrams in every kind of body: figures, labels as text, captions, copies, the PDF, no script
"
# Against the ASan build; under valgrind (the slowest, so only these).
ASAN_GROUPS="unit golden bad second-site fonts other-sites german theme new cli diagrams pdf pdf-smoke pdf-gfm pdfua pdfa images structured check serve repro safe hostile cancel incremental preview brand browser gfm mermaid"
VALGRIND_GROUPS="unit cli bad"

group_names() {
	printf '%s\n' "$GROUP_LIST" | awk 'NF { print $1 }'
}

asan=0 valgrind=0 quick=0
JOBS=${TEST_JOBS:-}
SELECTED=""
while [ $# -gt 0 ]; do
	case $1 in
	--asan) asan=1 ;;
	--valgrind) valgrind=1 ;;
	--quick) quick=1 ;;
	--list)
		printf '%s\n' "$GROUP_LIST" | sed '/^$/d'
		echo "(make quick = tests/run.sh unit golden bad browser)"
		exit 0
		;;
	-j)
		[ $# -ge 2 ] || { echo "tests/run.sh: -j needs a number" >&2; exit 2; }
		JOBS=$2
		shift
		;;
	-j*) JOBS=${1#-j} ;;
	-h | --help)
		sed -n '2,/^set -u$/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "tests/run.sh: unknown option '$1' (try --help)" >&2
		exit 2
		;;
	*)
		if ! group_names | grep -qx -- "$1"; then
			echo "tests/run.sh: no group '$1'; the groups are: $(group_names | tr '\n' ' ')" >&2
			exit 2
		fi
		SELECTED="$SELECTED $1"
		;;
	esac
	shift
done
if [ -z "$JOBS" ]; then
	JOBS=$(nproc 2>/dev/null || echo 1)
	[ "$JOBS" -le 4 ] || JOBS=4
fi
if ! [[ $JOBS =~ ^[1-9][0-9]*$ ]]; then
	echo "tests/run.sh: -j needs a number of groups at a time, not '$JOBS'" >&2
	exit 2
fi

export TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600
# Sanitizer reports fail the run: any report means a non-zero exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=98:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=97}
GROUP_TIMEOUT=${GROUP_TIMEOUT:-1200}
# tests/valgrind.supp: what libraries keep for the process's life, and
# libhyphen's own leak in its loader (tests/lsan.supp: the same for ASan).
VALGRIND="valgrind -q --soname-synonyms=somalloc=libmimalloc.so.2 --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --suppressions=$ROOT/tests/valgrind.supp"

RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/folio-run.XXXXXX")

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

# --- jobs: groups in the background, their output shown in order ------------
#
# Each job runs in a subshell with its stdout and stderr in files of its own
# and ends, as a group script does, with "N passed, M failed"; show_done
# prints the finished jobs in the order they started, never one before an
# earlier one.

JOB_COUNT=0  # jobs started
JOB_SHOWN=0  # jobs printed
LAST_JOB_PID=""

# start_job LABEL FUNCTION ARGS...: runs FUNCTION ARGS in the background once
# fewer than JOBS jobs run.  The job sees the globals as they are now.
start_job() {
	local label=$1
	shift
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		wait -n 2>/dev/null || true
		show_done
	done
	JOB_COUNT=$((JOB_COUNT + 1))
	local job=$RUN_TMP/job$JOB_COUNT
	printf '%s\n' "$label" >"$job.label"
	(
		TIMED_PID=""
		# A stop of run.sh reaches the group behind its timeout.
		trap '[ -n "$TIMED_PID" ] && kill -TERM "$TIMED_PID" 2>/dev/null; exit 143' TERM
		rc=0
		"$@" >"$job.out" 2>"$job.err" </dev/null || rc=$?
		echo "$rc" >"$job.rc.part" && mv "$job.rc.part" "$job.rc"
	) &
	LAST_JOB_PID=$!
	show_done
}

# run_now LABEL FUNCTION ARGS...: a job the next ones need (a build); waits
# for it and succeeds when it did.
run_now() {
	start_job "$@"
	local job=$RUN_TMP/job$JOB_COUNT
	wait "$LAST_JOB_PID" 2>/dev/null
	show_done
	[ "$(cat "$job.rc" 2>/dev/null)" = 0 ]
}

show_done() {
	while [ "$JOB_SHOWN" -lt "$JOB_COUNT" ] && [ -f "$RUN_TMP/job$((JOB_SHOWN + 1)).rc" ]; do
		JOB_SHOWN=$((JOB_SHOWN + 1))
		show_job "$RUN_TMP/job$JOB_SHOWN"
	done
}

# show_job JOB: passes the job's lines through and adds its closing
# "N passed, M failed" to the totals.
show_job() {
	local job=$1 label last rc
	label=$(cat "$job.label")
	rc=$(cat "$job.rc")
	[ -s "$job.err" ] && cat "$job.err" >&2
	last=$(tail -n 1 "$job.out")
	sed '$d' "$job.out"
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

# Ctrl-C or a TERM stops the running groups too.
stop_jobs() {
	local pid
	for pid in $(jobs -p); do
		kill -TERM "$pid" 2>/dev/null
	done
	wait 2>/dev/null
}
trap 'stop_jobs; rm -rf "$RUN_TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- what a job runs ----------------------------------------------------------

# timed COMMAND...: a group's command, stopped and counted as failed when it
# hangs (timeout puts it in a process group of its own, killed whole).
timed() {
	timeout --kill-after=10 "$GROUP_TIMEOUT" "$@" &
	TIMED_PID=$!
	wait "$TIMED_PID"
}

# make_job LABEL ARGS...: builds with make; a failure is a failed test.
make_job() {
	local label=$1 log=$RUN_TMP/make.$BASHPID.log
	shift
	if timed make --no-print-directory "$@" >"$log" 2>&1; then
		echo "0 passed, 0 failed"
		return 0
	fi
	fail "$label: make $*" "$(tail -n 30 "$log")"
	echo "0 passed, 1 failed"
	return 1
}

# group_job NAME: one group script against the build the PASS_ globals name.
group_job() {
	export FOLIO=$PASS_FOLIO UNIT_DIR=$PASS_UNIT_DIR FOLIO_WRAP=$PASS_WRAP T_PREFIX=$PASS_PREFIX
	timed "tests/$1.sh"
}

# The fuzz targets, built, then briefly (about 5 s each) with their kept inputs.
fuzz_job() {
	make_job "fuzz: build" fuzz-build >"$RUN_TMP/fuzz-build.out" || {
		sed '$d' "$RUN_TMP/fuzz-build.out"
		echo "0 passed, 1 failed"
		return 1
	}
	FUZZ_BRIEF=${FUZZ_BRIEF:-5} timed tests/fuzz.sh
}

# The browser group checks a freshly built default site, the sites on
# other subjects (tests/fixtures/security-review, content-only), in
# another language (tests/fixtures/german), and with every construct of
# GitHub-flavoured Markdown, images and Mermaid diagrams in their texts
# (gfm-pdf, images, mermaid).
browser_job() {
	local folio=$1 site=$RUN_TMP/browser-site.$BASHPID others="" name
	if ! "$folio" build --source "$ROOT" --out "$site" --quiet >"$site.log" 2>&1; then
		printf 'not ok - %sbrowser: the default site builds\n' "$PASS_PREFIX"
		sed 's/^/    /' "$site.log" | head -n 40
		echo "0 passed, 1 failed"
		return 1
	fi
	for name in security-review content-only german gfm-pdf images mermaid; do
		if ! "$folio" build --source "tests/fixtures/$name" --out "$site.$name" --quiet >"$site.log" 2>&1; then
			printf 'not ok - %sbrowser: the %s site builds\n' "$PASS_PREFIX" "$name"
			sed 's/^/    /' "$site.log" | head -n 40
			echo "0 passed, 1 failed"
			return 1
		fi
		others="$others $site.$name"
	done
	# shellcheck disable=SC2086
	FOLIO=$folio timed sh tests/browser.sh "$site" $others
}

missing_job() {
	printf 'not ok - %s\n    %s\n0 passed, 1 failed\n' "$1" "$2"
	return 1
}

# --- the passes ---------------------------------------------------------------

# selected NAME: NAME was asked for, or no group was.
selected() {
	[ -z "$SELECTED" ] && return 0
	case " $SELECTED " in *" $1 "*) return 0 ;; esac
	return 1
}

# in_list NAME LIST
in_list() {
	case " $2 " in *" $1 "*) return 0 ;; esac
	return 1
}

# Groups other parts of the project add are run when present.
present() {
	[ "$1" = browser ] || [ -f "tests/$1.sh" ]
}

# The plain pass: every group but browser, or the groups asked for.
plain_pass() {
	local targets=(build/folio) g
	selected unit && targets+=(unit)
	run_now "build" make_job "build" "${targets[@]}" || return
	PASS_FOLIO=build/folio PASS_UNIT_DIR=build PASS_WRAP='' PASS_PREFIX=''
	for g in $(group_names); do
		if ! present "$g" || ! selected "$g"; then continue; fi
		case $g in
		browser) [ -n "$SELECTED" ] && start_job browser browser_job "$ROOT/build/folio" ;;
		fuzz) start_job fuzz fuzz_job ;;
		*) start_job "$g" group_job "$g" ;;
		esac
	done
}

# asan_pass WITH_BROWSER
asan_pass() {
	local with_browser=$1 g
	run_now "asan: build" make_job "asan: build" asan || return
	PASS_FOLIO=build-asan/folio PASS_UNIT_DIR=build-asan PASS_WRAP='' PASS_PREFIX="asan: "
	for g in $ASAN_GROUPS; do
		if ! present "$g" || ! selected "$g"; then continue; fi
		if [ "$g" != browser ]; then
			start_job "asan: $g" group_job "$g"
		elif [ "$with_browser" -eq 1 ]; then
			start_job "asan: browser" browser_job "$ROOT/build-asan/folio"
		fi
	done
}

valgrind_pass() {
	local g
	if ! command -v valgrind >/dev/null 2>&1; then
		start_job "valgrind" missing_job "valgrind: installed" "valgrind is missing: apt-get install valgrind (make test installs it)"
		return
	fi
	run_now "valgrind: build" make_job "valgrind: build" build/folio unit || return
	PASS_FOLIO=build/folio PASS_UNIT_DIR=build PASS_WRAP=$VALGRIND PASS_PREFIX="valgrind: "
	for g in $VALGRIND_GROUPS; do
		selected "$g" && start_job "valgrind: $g" group_job "$g"
	done
}

# A group asked for that none of the passes asked for has is a usage error.
for g in $SELECTED; do
	[ "$asan" -eq 0 ] && [ "$valgrind" -eq 0 ] && break
	{ [ "$asan" -eq 1 ] && in_list "$g" "$ASAN_GROUPS"; } ||
		{ [ "$valgrind" -eq 1 ] && in_list "$g" "$VALGRIND_GROUPS"; } || {
		echo "tests/run.sh: group '$g' has no$([ "$asan" -eq 1 ] && echo ' --asan')$([ "$valgrind" -eq 1 ] && echo ' --valgrind') variant" >&2
		exit 2
	}
done

if [ "$asan" -eq 1 ] || [ "$valgrind" -eq 1 ]; then
	[ "$asan" -eq 1 ] && asan_pass $((1 - quick))
	[ "$valgrind" -eq 1 ] && valgrind_pass
elif [ -n "$SELECTED" ] || [ "$quick" -eq 1 ]; then
	plain_pass
else
	plain_pass
	asan_pass 0
	valgrind_pass
	PASS_PREFIX=''
	start_job browser browser_job "$ROOT/build/folio"
fi

wait
# A job stopped before it could say how it ended.
for ((i = JOB_SHOWN + 1; i <= JOB_COUNT; i++)); do
	[ -f "$RUN_TMP/job$i.rc" ] || echo 1 >"$RUN_TMP/job$i.rc"
done
show_done

printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
