#!/usr/bin/env bash
# tests/cancel.sh: stopping a long build, and the progress line.
#
# A generated site (tests/bench/gen-site.py) with every output and a font of
# its own (so a build cuts it into a folio-fonts.* folder under TMPDIR) is
# built once; then builds after a change are sent SIGINT or SIGTERM at
# several moments of their run (loading, PDFs, PNGs, pages, near the
# swap).  Each must exit 130 or 143 with one line saying nothing was
# changed, leave the output folder and the build record byte for byte as
# they were, no staging folder and no folio-fonts.* folder, and stop
# within STOP_LIMIT_MS (the goal is 200 ms; the limit is generous because
# the machine is shared).  The same for `folio serve` during its first
# build, and `folio check`.  A build that finished before its signal is
# said so and not counted.  Progress: a build under a pseudo-terminal
# (script) shows the line, one to a pipe or with --quiet does not.
. "$(dirname "$0")/lib.sh"

STOP_LIMIT_MS=${STOP_LIMIT_MS:-1500}
RESOURCES=${CANCEL_RESOURCES:-8}

gen=$T_TMP/gen
python3 "$ROOT/tests/bench/gen-site.py" "$RESOURCES" "$gen" >/dev/null
site=$gen/folio
cp -R "$ROOT/tests/fixtures/own-fonts/fonts" "$site/fonts"
printf 'fonts:\n  regular: fonts/DejaVuSerif-Latin1.ttf\n' >>"$site/content/site.yaml"
# The publisher's own icon: without one the icons are drawn from a letter
# through fontconfig, whose caches LeakSanitizer reports in the ASan pass.
sed -i 's|^  url: https://bench.example.org/about/$|&\n  icon: images/favicon.svg|' "$site/content/site.yaml"
grep -q '^  icon: images/favicon.svg$' "$site/content/site.yaml" || not_ok "cancel: the generated site takes the icon"
out=$T_TMP/out
record=$T_TMP/.out.folio-state
export TMPDIR=$T_TMP/tmp
mkdir -p "$TMPDIR"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# change: a new site title, so the next build has work to do.
n_change=0
change() {
	n_change=$((n_change + 1))
	sed -i "s/^title: .*/title: Site $n_change/" "$site/content/site.yaml"
}

start=$(now_ms)
run_folio "$T_TMP/first.out" "$T_TMP/first.err" build --source "$site" --out "$out"
FULL_MS=$(($(now_ms) - start))
if [ "$RC" -ne 0 ]; then
	not_ok "cancel: the generated site builds" "$(head -n 5 "$T_TMP/first.err")"
	finish
	exit
fi
# The signals are timed against a build like theirs: after a change, with
# the last build's PNGs to reuse (quicker than the cold one).
change
start=$(now_ms)
run_folio "$T_TMP/second.out" "$T_TMP/second.err" build --source "$site" --out "$out"
FULL_MS=$(($(now_ms) - start))
ok "cancel: the generated site builds ($RESOURCES resources, ${FULL_MS} ms after a change)"

# left_behind: staging folders beside out, and temporary folders.
left_behind() {
	find "$T_TMP" -maxdepth 1 -name '.out.staging-*'
	find "$TMPDIR" -mindepth 1 -maxdepth 1
}

# signal_build SIG PERCENT: a build after a change, sent SIG at PERCENT of
# a full build's time.
signal_build() {
	local sig=$1 percent=$2 delay_ms expect problems=()
	delay_ms=$((FULL_MS * percent / 100))
	snapshot "$out" >"$T_TMP/before.snap"
	sha256sum <"$record" >"$T_TMP/before.rec"
	change
	$FOLIO_WRAP "$FOLIO" build --source "$site" --out "$out" >"$T_TMP/sig.out" 2>"$T_TMP/sig.err" &
	local pid=$!
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	local sent
	sent=$(now_ms)
	kill -"$sig" "$pid" 2>/dev/null
	RC=0
	wait "$pid" || RC=$?
	local took=$(($(now_ms) - sent))
	local name="cancel: SIG$sig at $percent% of the build"
	if [ "$RC" -eq 0 ]; then
		ok "$name # SKIP the build finished before the signal"
		return
	fi
	[ "$sig" = INT ] && expect=130 || expect=143
	[ "$RC" -eq "$expect" ] || problems+=("exit status $RC, expected $expect")
	[ "$(wc -l <"$T_TMP/sig.err")" -eq 1 ] &&
		grep -Eq "^folio: build stopped by SIG$sig; nothing was changed, .* is as it was$" "$T_TMP/sig.err" ||
		problems+=("not the one stop line: $(head -n 5 "$T_TMP/sig.err")")
	[ ! -s "$T_TMP/sig.out" ] || problems+=("stdout: $(head -n 3 "$T_TMP/sig.out")")
	snapshot "$out" >"$T_TMP/after.snap"
	cmp -s "$T_TMP/before.snap" "$T_TMP/after.snap" || problems+=("the output folder changed")
	sha256sum <"$record" | cmp -s - "$T_TMP/before.rec" || problems+=("the build record changed")
	local left
	left=$(left_behind)
	[ -z "$left" ] || problems+=("left behind: $left")
	[ "$took" -le "$STOP_LIMIT_MS" ] || problems+=("stopped in $took ms, more than $STOP_LIMIT_MS")
	if [ "${#problems[@]}" -eq 0 ]; then
		ok "$name: exit $RC, output and record unchanged, stopped in $took ms"
	else
		not_ok "$name" "${problems[@]}"
	fi
}

# Loading, the PDFs (they start first), PNGs and pages, near the end.
signal_build INT 3
signal_build TERM 8
signal_build INT 20
signal_build TERM 40
signal_build INT 60
signal_build TERM 80
signal_build INT 95

# ---- folio serve during its first build --------------------------------
serve_signal() {
	local sig=$1 percent=$2 expect problems=()
	local delay_ms=$((FULL_MS * percent / 100))
	change
	$FOLIO_WRAP "$FOLIO" serve --source "$site" --port 0 >"$T_TMP/serve.out" 2>"$T_TMP/serve.err" &
	local pid=$!
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	local sent
	sent=$(now_ms)
	kill -"$sig" "$pid" 2>/dev/null
	RC=0
	wait "$pid" || RC=$?
	local took=$(($(now_ms) - sent))
	local name="cancel: serve, SIG$sig at $percent% of its first build"
	if grep -q '^folio: serving' "$T_TMP/serve.out"; then
		ok "$name # SKIP the first build finished before the signal"
		return
	fi
	[ "$sig" = INT ] && expect=130 || expect=143
	[ "$RC" -eq "$expect" ] || problems+=("exit status $RC, expected $expect")
	grep -Eq "^folio: stopped by SIG$sig during the first build; nothing was changed$" "$T_TMP/serve.err" ||
		problems+=("no stop line: $(head -n 5 "$T_TMP/serve.err")")
	local left
	left=$(left_behind)
	[ -z "$left" ] || problems+=("left behind: $left")
	[ "$took" -le "$STOP_LIMIT_MS" ] || problems+=("stopped in $took ms, more than $STOP_LIMIT_MS")
	if [ "${#problems[@]}" -eq 0 ]; then
		ok "$name: exit $RC, nothing left, stopped in $took ms"
	else
		not_ok "$name" "${problems[@]}"
	fi
}
serve_signal INT 10
serve_signal TERM 50

# ---- folio check -------------------------------------------------------
$FOLIO_WRAP "$FOLIO" check "$out" >/dev/null 2>"$T_TMP/check.err" &
pid=$!
sleep 0.1
kill -INT "$pid" 2>/dev/null
RC=0
wait "$pid" || RC=$?
if grep -q '^folio check: [0-9]* pages' "$T_TMP/check.err"; then
	ok "cancel: folio check, SIGINT # SKIP the check finished before the signal"
elif [ "$RC" -eq 130 ] && grep -qx 'folio check: stopped; nothing was written' "$T_TMP/check.err"; then
	ok "cancel: folio check, SIGINT: exit 130 with one line"
else
	not_ok "cancel: folio check, SIGINT: exit 130 with one line" "exit status $RC" "$(head -n 5 "$T_TMP/check.err")"
fi

# ---- progress ----------------------------------------------------------
# pty_build LOG ARGS...: a build from nothing (as long as the first: a
# build after a change may take most pictures from the last and end
# before the progress line shows), with stdin, stdout and stderr on a
# pseudo-terminal; LOG gets what it printed.
pty_build() {
	local log=$1
	shift
	change
	rm -rf "$out" "$T_TMP/.out.folio-state" "$T_TMP/.out.folio-units" "$T_TMP/.out.folio-bodies" "$T_TMP/.out.folio-listing"
	local cmd
	cmd=$(printf '%q ' $FOLIO_WRAP "$FOLIO" build --source "$site" --out "$out" "$@")
	script -qec "$cmd" /dev/null >"$log" 2>&1 </dev/null
}

if ! command -v script >/dev/null; then
	not_ok "cancel: script (bsdutils) is installed for the progress tests"
else
	pty_build "$T_TMP/pty.log"
	ESC=$(printf '\033')
	if grep -aEq "folio: pages [0-9]+/[0-9]+, images [0-9]+/[0-9]+, PDFs [0-9]+/[0-9]+" "$T_TMP/pty.log" &&
		grep -aqF "$(printf '\r')$ESC[K" "$T_TMP/pty.log" &&
		grep -aEq "folio: built [0-9]+ pages" "$T_TMP/pty.log"; then
		ok "cancel: on a terminal, a long build shows the progress line, erases it and prints its summary"
	else
		not_ok "cancel: on a terminal, a long build shows the progress line, erases it and prints its summary" \
			"$(tr '\r' '\n' <"$T_TMP/pty.log" | head -n 5 | cat -v)"
	fi
	pty_build "$T_TMP/quiet.log" --quiet
	if grep -aq "pages [0-9]*/" "$T_TMP/quiet.log" || [ -s "$T_TMP/quiet.log" ]; then
		not_ok "cancel: --quiet on a terminal prints nothing" "$(head -c 300 "$T_TMP/quiet.log" | cat -v)"
	else
		ok "cancel: --quiet on a terminal prints nothing"
	fi
fi
change
run_folio "$T_TMP/pipe.out" "$T_TMP/pipe.err" build --source "$site" --out "$out"
if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/pipe.err" ] && ! grep -q "$(printf '\r')" "$T_TMP/pipe.out"; then
	ok "cancel: to a file, no progress line and nothing on stderr"
else
	not_ok "cancel: to a file, no progress line and nothing on stderr" "exit status $RC" "$(head -c 300 "$T_TMP/pipe.err" | cat -v)"
fi

finish
