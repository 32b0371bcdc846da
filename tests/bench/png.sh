#!/usr/bin/env bash
# PNG benchmark: today's encoder against the two before it, on the same
# pixels: libpng + zlib level 3 with the sub filter (as at PNG_OLD_COMMIT
# in the Makefile) and libdeflate level 6 before repeated rows were copied
# (as at PNG_LIBDEFLATE_COMMIT).  The pixels are the cards, diagrams and
# overviews of the bench site (tests/bench/gen-site.py), built without
# PDFs on the RAM disk.
#
#   tests/bench/png.sh              100 resources (1,002 pages, ~2,000 PNGs)
#   SIZE=10 ROUNDS=3 tests/bench/png.sh
#
# tests/bench/bench_png.c reads each PNG back into the surface it was drawn
# from and times each encoder on it (median CPU time of ROUNDS); prints,
# per kind of picture and encoder, milliseconds and bytes an image.  It
# asserts nothing: the machine is shared and timings are noisy.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SIZE=${SIZE:-100}
ROUNDS=${ROUNDS:-5}
SHM=${SHM:-/dev/shm}
[ -d "$SHM" ] || SHM=$ROOT/build
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
make -s build/folio build/bench_png
work=$SHM/folio-png-bench.$$
trap 'rm -rf "$work"' EXIT
python3 tests/bench/gen-site.py "$SIZE" "$work" >/dev/null
build/folio build --quiet --no-pdf --source "$work/folio" --out "$work/out"
find "$work/out" -name '*.png' \( -name '*og.png' -o -name 'diagram@2x.png' -o -name 'overview@2x.png' \) |
	sort >"$work/list"
echo "PNG encoders, per image: libpng + zlib (08dd627), libdeflate before copying rows (c62bd06) and now, $(wc -l <"$work/list") images of the bench site ($((2 + SIZE * 10)) pages), median of $ROUNDS:"
build/bench_png "$ROUNDS" - <"$work/list"
