#!/usr/bin/env bash
# tests/hostile.sh: a hostile environment rather than hostile content.
#
#   - an output folder that cannot be written (a read-only mount; without
#     mount rights, a folder without write permission)
#   - a full disk (a small tmpfs; without mount rights, a file size limit,
#     ulimit -f, with SIGXFSZ ignored so writes fail with EFBIG)
#   - a build killed with SIGKILL at many points in time: the published
#     folder must each time be the old build or the new one, never a mix,
#     and the next build must succeed
# HOSTILE_NO_MOUNT=1 tries the fallbacks even where mount works.
# Each failing build must exit 1 with one-line diagnostics and leave the
# previous output byte for byte as it was, with no staging folder behind.
. "$(dirname "$0")/lib.sh"

SUMMARY_RE='^folio: [0-9]+ errors?; .* was left unchanged$'
DIAG_RE='^[^ ]+: error: '

site=$T_TMP/site
copy_site "$ROOT/tests/fixtures/minimal" "$site"

# change_content DIR: a visible change, so old and new builds differ.
change_content() {
	sed -i 's/^title: .*/title: A Changed Title/' "$1/content/site.yaml"
}

restore_content() {
	cp "$ROOT/tests/fixtures/minimal/content/site.yaml" "$1/content/site.yaml"
}

# failed_build NAME OUT LOG: checks a build that had to fail.
failed_build() {
	local name=$1 out=$2 log=$3 problems=()
	[ "$RC" -eq 1 ] || problems+=("exit status $RC, expected 1")
	grep -Eq "$SUMMARY_RE" "$log" || problems+=("no summary line")
	grep -Eq "$DIAG_RE" "$log" || problems+=("no error line")
	snapshot "$out" >"$T_TMP/after.snap"
	diff -u "$T_TMP/before.snap" "$T_TMP/after.snap" >"$T_TMP/snap.diff" || problems+=("out changed: $(head -n 10 "$T_TMP/snap.diff")")
	local left
	left=$(find "$(dirname "$out")" -maxdepth 1 -name ".$(basename "$out").staging-*")
	[ -z "$left" ] || problems+=("staging folder left behind: $left")
	if [ "${#problems[@]}" -eq 0 ]; then
		ok "$name ($(grep -E "$DIAG_RE" "$log" | head -n 1 | sed 's|^.*: error: ||'))"
	else
		not_ok "$name" "${problems[@]}" "stderr: $(head -n 5 "$log")"
	fi
}

can_mount=0
mkdir -p "$T_TMP/probe"
if [ -z "${HOSTILE_NO_MOUNT:-}" ] && [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=1m tmpfs "$T_TMP/probe" 2>/dev/null; then
	can_mount=1
	umount "$T_TMP/probe"
fi
mounts=()
cleanup_mounts() {
	local m
	for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
	rm -rf "$T_TMP"
}
trap cleanup_mounts EXIT

# ---- an output folder that cannot be written ---------------------------
ro=$T_TMP/ro
mkdir -p "$ro"
if [ "$can_mount" -eq 1 ]; then
	mount -t tmpfs -o size=16m tmpfs "$ro" && mounts+=("$ro")
fi
run_folio "$T_TMP/ro1.out" "$T_TMP/ro1.err" build --source "$site" --out "$ro/out" --quiet
if [ "$RC" -ne 0 ]; then
	not_ok "hostile: first build into the folder to protect" "$(cat "$T_TMP/ro1.err")"
else
	if [ "$can_mount" -eq 1 ]; then
		mount -o remount,ro "$ro"
		how="read-only mount"
	else
		chmod 0555 "$ro"
		how="folder without write permission"
	fi
	if [ "$can_mount" -eq 0 ] && [ "$(id -u)" -eq 0 ]; then
		# root ignores permissions: only a read-only mount can refuse it.
		ok "hostile: output folder cannot be written (SKIPPED: root without mount rights)"
	else
		# A change, so that the build has something to write (with nothing
		# changed, an incremental build rightly writes nothing).
		change_content "$site"
		snapshot "$ro/out" >"$T_TMP/before.snap"
		run_folio "$T_TMP/ro2.out" "$T_TMP/ro2.err" build --source "$site" --out "$ro/out" --quiet
		failed_build "hostile: output folder cannot be written ($how)" "$ro/out" "$T_TMP/ro2.err"
		restore_content "$site"
	fi
	[ "$can_mount" -eq 1 ] && mount -o remount,rw "$ro"
	chmod 0755 "$ro"
fi

# ---- a full disk -------------------------------------------------------
full=$T_TMP/full
mkdir -p "$full"
if [ "$can_mount" -eq 1 ]; then
	mount -t tmpfs -o size=4m tmpfs "$full" && mounts+=("$full")
fi
run_folio "$T_TMP/full1.out" "$T_TMP/full1.err" build --source "$site" --out "$full/out" --quiet
if [ "$RC" -ne 0 ]; then
	not_ok "hostile: first build onto the small disk" "$(cat "$T_TMP/full1.err")"
else
	change_content "$site"
	snapshot "$full/out" >"$T_TMP/before.snap"
	if [ "$can_mount" -eq 1 ]; then
		# Fill the disk, then free a little: the build fails part-way
		# (files it does not change are linked, not written, so little room
		# is enough to write some of the changed pages, not all).
		dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null
		truncate -s -8k "$full/filler"
		run_folio "$T_TMP/full2.out" "$T_TMP/full2.err" build --source "$site" --out "$full/out" --quiet
		how="a 4 MiB tmpfs with 8 KiB free"
	else
		RC=0
		(
			trap '' XFSZ
			ulimit -f 16
			# shellcheck disable=SC2086
			exec $FOLIO_WRAP "$FOLIO" build --source "$site" --out "$full/out" --quiet
		) >"$T_TMP/full2.out" 2>"$T_TMP/full2.err" || RC=$?
		how="ulimit -f 16"
	fi
	failed_build "hostile: disk full ($how)" "$full/out" "$T_TMP/full2.err"
	rm -f "$full/filler"
	restore_content "$site"
fi

# ---- killed with SIGKILL ------------------------------------------------
# The default site: the largest, so its build lasts long enough to be hit.
old_src=$T_TMP/kill-old
new_src=$T_TMP/kill-new
for d in "$old_src" "$new_src"; do
	mkdir -p "$d"
	cp -R "$ROOT/content" "$ROOT/static" "$d/"
done
change_content "$new_src"
folio build --source "$old_src" --out "$T_TMP/ref-old" --quiet >/dev/null 2>&1
folio build --source "$new_src" --out "$T_TMP/ref-new" --quiet >/dev/null 2>&1
snapshot "$T_TMP/ref-old" | sed "s|$T_TMP/ref-old||" >"$T_TMP/old.snap"
snapshot "$T_TMP/ref-new" | sed "s|$T_TMP/ref-new||" >"$T_TMP/new.snap"
if cmp -s "$T_TMP/old.snap" "$T_TMP/new.snap"; then
	not_ok "hostile: the two builds to tell apart differ"
fi
# How long a build takes, to spread the kills over it.
start=$(date +%s%N)
folio build --source "$new_src" --out "$T_TMP/timing" --quiet >/dev/null 2>&1
ms=$((($(date +%s%N) - start) / 1000000))
[ "$ms" -gt 0 ] || ms=1
out=$T_TMP/kill-out
saw_old=0 saw_new=0 mixed=() rounds=${KILL_ROUNDS:-16}
for ((i = 0; i < rounds; i++)); do
	rm -rf "$out"
	cp -a "$T_TMP/ref-old" "$out"
	# From the start of the build to twice its measured length, so that
	# some kills land after the swap even on a busy machine.
	delay_us=$((ms * 1000 * i * 2 / rounds))
	# shellcheck disable=SC2086
	$FOLIO_WRAP "$FOLIO" build --source "$new_src" --out "$out" --quiet >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	snapshot "$out" | sed "s|$out||" >"$T_TMP/now.snap"
	if cmp -s "$T_TMP/now.snap" "$T_TMP/old.snap"; then
		saw_old=$((saw_old + 1))
	elif cmp -s "$T_TMP/now.snap" "$T_TMP/new.snap"; then
		saw_new=$((saw_new + 1))
	else
		mixed+=("killed after ${delay_us} us: $(diff "$T_TMP/old.snap" "$T_TMP/now.snap" | head -n 4)")
	fi
done
if [ "${#mixed[@]}" -eq 0 ]; then
	ok "hostile: killed at $rounds points in a ${ms} ms build: always old ($saw_old) or new ($saw_new), never a mix"
else
	not_ok "hostile: killed builds leave the old or the new site" "${mixed[@]}"
fi
# Both outcomes must have been seen, or the kills missed the build.
if [ "$saw_old" -gt 0 ] && [ "$saw_new" -gt 0 ]; then
	ok "hostile: the kills landed both before and after the swap"
else
	not_ok "hostile: the kills landed both before and after the swap" "old $saw_old, new $saw_new"
fi
# A killed build leaves a staging folder; the next build clears it.
run_folio "$T_TMP/after.out" "$T_TMP/after.err" build --source "$new_src" --out "$out" --quiet
left=$(find "$T_TMP" -maxdepth 1 -name '.kill-out.staging-*' | head -n 3)
snapshot "$out" | sed "s|$out||" >"$T_TMP/now.snap"
if [ "$RC" -eq 0 ] && [ -z "$left" ] && cmp -s "$T_TMP/now.snap" "$T_TMP/new.snap"; then
	ok "hostile: the build after the kills succeeds and clears stale staging folders"
else
	not_ok "hostile: the build after the kills succeeds and clears stale staging folders" "status $RC" "left: $left" "$(cat "$T_TMP/after.err")"
fi
finish
