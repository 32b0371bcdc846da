#!/usr/bin/env bash
# tests/repro.sh: reproducible builds.  The default site is copied to two
# different paths and built twice with the same SOURCE_DATE_EPOCH, under
# different time zones, umasks and locales; the two outputs must be
# byte-identical file by file (HTML, SVG, PNG, PDF, XML, text...), hold
# the same files, and have the same modes: 0644 files and 0755 folders.
. "$(dirname "$0")/lib.sh"

# A second locale: an installed UTF-8 one other than C, else plain C.
other_locale=$(locale -a 2>/dev/null | grep -Ei '\.utf-?8$' | grep -Eiv '^c\.' | head -n 1)
other_locale=${other_locale:-C}
# Auckland is UTC+12/13; the POSIX form works without tzdata.
other_tz=Pacific/Auckland
[ -f /usr/share/zoneinfo/Pacific/Auckland ] || other_tz='NZST-12NZDT,M9.5.0,M4.1.0/3'

one=$T_TMP/first/src
two=$T_TMP/second/a/much/longer/path/src
for dir in "$one" "$two"; do
	mkdir -p "$dir"
	cp -R "$ROOT/content" "$ROOT/static" "$dir/"
done

# build DIR TZ UMASK LOCALE LOG
build() {
	(
		cd "$1" || exit 1
		umask "$3"
		# shellcheck disable=SC2086
		TZ=$2 LC_ALL=$4 LANG=$4 SOURCE_DATE_EPOCH=1767225600 $FOLIO_WRAP "$FOLIO" build --quiet
	) >"$5" 2>&1
}

if build "$one" UTC 022 C.UTF-8 "$T_TMP/one.log"; then
	ok "repro: build 1 (TZ=UTC, umask 022, LC_ALL=C.UTF-8, $one)"
else
	not_ok "repro: build 1" "$(cat "$T_TMP/one.log")"
fi
if build "$two" "$other_tz" 077 "$other_locale" "$T_TMP/two.log"; then
	ok "repro: build 2 (TZ=$other_tz, umask 077, LC_ALL=$other_locale, $two)"
else
	not_ok "repro: build 2" "$(cat "$T_TMP/two.log")"
fi

a=$one/public
b=$two/public
if diff -r "$a" "$b" >"$T_TMP/diff" 2>&1; then
	ok "repro: diff -r finds no difference"
else
	not_ok "repro: diff -r finds no difference" "$(head -n 20 "$T_TMP/diff")"
fi

# Every file compared byte for byte (diff -r stops at a differing binary).
mismatch=$( (cd "$a" && find . -type f | LC_ALL=C sort) | while IFS= read -r f; do
	cmp -s "$a/$f" "$b/$f" || echo "$f"
done)
count=$(find "$a" -type f | wc -l)
if [ -z "$mismatch" ] && [ "$count" -gt 0 ]; then
	ok "repro: all $count files identical (cmp)"
else
	not_ok "repro: all files identical (cmp)" "files: $count" "differ: $mismatch"
fi

# Each kind of output is there, so the comparison covered it.
for ext in html svg png pdf xml txt md css; do
	n=$(find "$a" -type f -name "*.$ext" | wc -l)
	if [ "$n" -gt 0 ]; then
		ok "repro: compared $n .$ext files"
	else
		not_ok "repro: the build wrote .$ext files" "none found in $a"
	fi
done

# Modes are fixed whatever the umask, and equal in both trees.
modes() { (cd "$1" && find . -printf '%y %m %p\n' | LC_ALL=C sort); }
if diff <(modes "$a") <(modes "$b") >"$T_TMP/modes.diff"; then
	ok "repro: the same files and modes in both builds"
else
	not_ok "repro: the same files and modes in both builds" "$(head -n 20 "$T_TMP/modes.diff")"
fi
bad=$(find "$b" \( -type f ! -perm 0644 \) -o \( -type d ! -perm 0755 \) | head -n 5)
if [ -z "$bad" ]; then
	ok "repro: files 0644 and folders 0755 under umask 077"
else
	not_ok "repro: files 0644 and folders 0755 under umask 077" "$bad"
fi
finish
