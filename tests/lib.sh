# tests/lib.sh: sourced by the test group scripts (bash).
#
# Every group prints "ok - NAME" or "not ok - NAME" (with the reasons
# indented below) for each test and ends with one line "N passed, M failed";
# tests/run.sh adds those lines up.
#
# Environment a group honours (tests/run.sh sets them for the sanitizer
# and valgrind passes):
#   FOLIO        the folio binary to test (default: build/folio)
#   FOLIO_WRAP   a command to run folio under, e.g. valgrind (default: none)
#   T_PREFIX     prefix for test names, e.g. "asan: "

set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FOLIO=${FOLIO:-$ROOT/build/folio}
case $FOLIO in /*) ;; *) FOLIO=$ROOT/$FOLIO ;; esac
FOLIO_WRAP=${FOLIO_WRAP:-}
T_PREFIX=${T_PREFIX:-}

# Fixed build environment: reproducible output whatever the machine.
export TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600

T_PASSED=0
T_FAILED=0

ok() {
	T_PASSED=$((T_PASSED + 1))
	printf 'ok - %s%s\n' "$T_PREFIX" "$1"
}

# not_ok NAME [REASON...]: each reason (which may hold several lines) is indented.
not_ok() {
	T_FAILED=$((T_FAILED + 1))
	printf 'not ok - %s%s\n' "$T_PREFIX" "$1"
	shift
	local reason
	for reason in "$@"; do
		printf '%s\n' "$reason" | head -n 40 | sed 's/^/    /'
	done
}

# check NAME CONDITION-COMMAND... : ok when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

finish() {
	printf '%d passed, %d failed\n' "$T_PASSED" "$T_FAILED"
	[ "$T_FAILED" -eq 0 ]
}

# A scratch folder removed when the script exits.
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/folio-tests.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT

# folio ARGS...: runs the binary under test (with its wrapper, if any).
folio() {
	# shellcheck disable=SC2086
	$FOLIO_WRAP "$FOLIO" "$@"
}

# run_folio OUT ERR ARGS...: runs folio with stdout and stderr to files;
# sets RC to its exit status.
run_folio() {
	local out=$1 err=$2
	shift 2
	RC=0
	folio "$@" >"$out" 2>"$err" || RC=$?
}

# A copy of a fixture site: copy_site SRC DEST.  What SRC has no file of in
# templates/ or static/, the built-in theme gives.
copy_site() {
	local src=$1 dest=$2
	mkdir -p "$dest"
	cp -R "$src/." "$dest/"
}

# snapshot DIR: the file list (type, mode, path) and a checksum of every file.
snapshot() {
	(
		cd "$1" 2>/dev/null || { echo "(no folder $1)"; exit 0; }
		find . -printf '%y %m %p\n' | LC_ALL=C sort
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
	)
}

# ---- folio serve ------------------------------------------------------------

# stop_server: stops the server start_server started, if it runs.
SERVER_PID=
stop_server() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	SERVER_PID=
}

# start_server LOG ARGS...: starts folio serve; sets SERVER_PID, URL, SITE
# (the private build folder); fails after 120 s without the URL.
start_server() {
	local log=$1
	shift
	# shellcheck disable=SC2086
	$FOLIO_WRAP "$FOLIO" serve "$@" >"$log" 2>"$log.err" &
	SERVER_PID=$!
	local i
	for i in $(seq 1200); do
		URL=$(sed -n 's/^folio: serving .* at \(http[^ ]*\) .*/\1/p' "$log")
		SITE=$(sed -n 's/^folio: the build is in \(.*\), removed on exit$/\1/p' "$log")
		[ -n "$URL" ] && [ -n "$SITE" ] && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}
