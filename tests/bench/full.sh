#!/usr/bin/env bash
# Full-build benchmark: every output (pages, Markdown twins, SVGs, PNGs,
# playbook PDFs) of the bench site, cold, on the RAM disk, beside the
# HTML-only rows of pages.sh.
#
#   tests/bench/full.sh             1,002 and 10,002 pages
#   SIZES="100" tests/bench/full.sh    resources per site (10 pages each)
#
# One cold run per size (the larger takes minutes): wall time, CPU time
# (user + system), peak memory (/usr/bin/time), files and bytes written,
# and the PNGs that no page, feed or manifest names (there should be none).
# Prints the issue's goals at the largest size as met or not; asserts
# nothing (the machine is shared).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ -x /usr/bin/time ] || tests/install-deps.sh time
SIZES=${SIZES:-"100 1000"}
SHM=${SHM:-/dev/shm}
[ -d "$SHM" ] || SHM=$ROOT/build
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
make -s build/folio
results=$(mktemp)
work=$SHM/folio-full-bench.$$
trap 'rm -rf "$work" "$results"' EXIT
echo "folio: $(build/folio --version), cores: $(nproc)"
printf '%-8s %9s %9s %9s %8s %12s %10s\n' pages "wall s" "CPU s" "peak MB" files "bytes" "unlinked"
for n in $SIZES; do
	python3 tests/bench/gen-site.py "$n" "$work/$n" >/dev/null
	sync
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" build/folio build --quiet --source "$work/$n/folio" --out "$work/$n/out"
	read -r wall user sys kb <"$work/time"
	files=$(find "$work/$n/out" -type f | wc -l)
	bytes=$(du -sb "$work/$n/out" | cut -f1)
	# The PNGs no page, Markdown twin, feed or manifest names.
	unlinked=$(python3 - "$work/$n/out" <<'PY'
import os, re, sys
out = sys.argv[1]
named = set()
for top, _, files in os.walk(out):
    here = '/' + os.path.relpath(top, out)
    for f in files:
        if f.endswith(('.html', '.md', '.xml', '.txt', '.webmanifest')):
            text = open(os.path.join(top, f), encoding='utf-8', errors='replace').read()
            for ref in re.findall(r'[A-Za-z0-9_./:@%-]+\.png', text):
                ref = re.sub(r'^https?://[^/]+', '', ref)
                named.add(os.path.normpath(ref if ref.startswith('/') else os.path.join(here, ref)))
pngs = ['/' + os.path.relpath(os.path.join(top, f), out)
        for top, _, files in os.walk(out) for f in files if f.endswith('.png')]
print(sum(1 for p in pngs if p not in named))
PY
)
	pages=$((2 + n * 10))
	printf '%-8s %9s %9.1f %9.1f %8s %12s %10s\n' "$pages" "$wall" "$(echo "$user $sys" | awk '{ print $1 + $2 }')" \
		"$(echo "$kb" | awk '{ print $1 / 1024 }')" "$files" "$bytes" "$unlinked"
	echo "$pages $wall $kb $bytes" >>"$results"
	rm -rf "$work/$n"
done
read -r pages wall kb bytes < <(sort -n "$results" | tail -n 1)
echo "Goals at $pages pages:"
awk -v w="$wall" 'BEGIN { printf "  full cold build under 30 s wall (%.1f s): %s\n", w, w < 30 ? "met" : "NOT met" }'
awk -v b="$bytes" 'BEGIN { printf "  output under 1.2 GB (%.2f GB): %s\n", b / 1e9, b < 1.2e9 ? "met" : "NOT met" }'
awk -v k="$kb" 'BEGIN { printf "  peak memory under 200 MB (%.0f MB): %s\n", k / 1024, k < 200 * 1024 ? "met" : "NOT met" }'
