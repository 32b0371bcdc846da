#!/usr/bin/env bash
# Page benchmark: Folio against Hugo and against a floor program, on the
# same generated pages, side by side in one run, on a RAM disk and on disk.
#
#   tests/bench/pages.sh            1,000 and 10,000 pages
#   SIZES="100" tests/bench/pages.sh    resources per site (10 pages each)
#   RUNS=3 tests/bench/pages.sh     timed runs per command (after a warm-up)
#
# Every command is timed by hyperfine (median of RUNS) and its peak memory
# taken once with /usr/bin/time.  Before each run the previous output is
# moved aside, not deleted, and written data is flushed (sync): on this
# kind of disk, files created right after a large delete cost many times
# more in the kernel, and a benchmark that deleted its output would time
# the file system, not the generator.  On the RAM disk the moved trees are
# deleted after each command; on disk only when all commands are done.
#
#   WHERE="shm" tests/bench/pages.sh    only the RAM disk (or "disk")
#
# Prints a table, the ratios and the issue's targets as met or not; it
# asserts nothing (timings are noisy on shared machines).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
command -v hyperfine >/dev/null || tests/install-deps.sh hyperfine
command -v hugo >/dev/null || tests/install-deps.sh hugo
[ -x /usr/bin/time ] || tests/install-deps.sh time
make -s build/folio build/floor

SIZES=${SIZES:-"100 1000"}
WHERE=${WHERE:-"shm disk"}
RUNS=${RUNS:-5}
SHM=${SHM:-/dev/shm}
DISK=${DISK:-$ROOT/build/bench-disk}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
FOLIO=$ROOT/build/folio
FLOOR=$ROOT/build/floor
results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "hugo: $(hugo version | cut -d' ' -f1-2)"
echo "folio: $($FOLIO --version), cores: $(nproc)"

# median seconds of a command: time_cmd NAME OUTDIR COMMAND
time_cmd() {
	local name=$1 out=$2 cmd=$3 json trash
	json=$(mktemp)
	trash="$out.trash"
	mkdir -p "$trash"
	hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$json" \
		--prepare "if [ -e $out ]; then mv $out $trash/\$(date +%s%N); fi; sync" "$cmd" >/dev/null
	local median
	median=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")
	rm -f "$json"
	# Named after the command: several commands share one output folder.
	[ -e "$out" ] && mv "$out" "$trash/last.$name"
	sync
	local kb
	kb=$(/usr/bin/time -f '%M' sh -c "$cmd" 2>&1 >/dev/null | tail -1)
	mv "$out" "$trash/memory.$name"
	# On disk, deleting now would slow the next command's file creation.
	case $out in "$SHM"/*) rm -rf "$trash" ;; esac
	echo "$name $median $kb" >>"$results"
	printf '  %-28s %8s s %8.1f MB\n' "$name" "$median" "$(echo "$kb" | awk '{ print $1 / 1024 }')"
}

for where in $WHERE; do
	base=$SHM/folio-bench.$$
	[ "$where" = disk ] && base=$DISK/folio-bench.$$
	for n in $SIZES; do
		site=$base/$n
		python3 tests/bench/gen-site.py "$n" "$site"
		pages=$((2 + n * 10))
		echo "$pages pages on $where ($site):"
		key="$where.$pages"
		time_cmd "$key.floor" "$site/floor-out" "$FLOOR $site/folio $site/floor-out"
		time_cmd "$key.hugo" "$site/hugo/public" "hugo --quiet -s $site/hugo"
		time_cmd "$key.folio-j1" "$site/out" "$FOLIO build --quiet --html-only -j 1 --source $site/folio --out $site/out"
		time_cmd "$key.folio" "$site/out" "$FOLIO build --quiet --html-only --source $site/folio --out $site/out"
		# Beside the pages, their Markdown twins and diagram files: three
		# files a page where Hugo writes one.
		time_cmd "$key.folio-lean" "$site/out" "$FOLIO build --quiet --no-pdf --no-images --source $site/folio --out $site/out"
	done
	rm -rf "$base"   # outputs moved aside on disk too, now that nothing is timed
done

# The project's own site, everything: cold, then again with nothing changed.
site=$SHM/folio-bench-site.$$
mkdir -p "$site.src"
cp -r content static "$site.src"
echo "the default site, all outputs, on shm:"
time_cmd "site.cold" "$site.out" "$FOLIO build --quiet --source $site.src --out $site.out"
"$FOLIO" build --quiet --source "$site.src" --out "$site.out"
json=$(mktemp)
hyperfine --style none --warmup 2 --runs 20 --export-json "$json" \
	"$FOLIO build --quiet --source $site.src --out $site.out" >/dev/null
nochange=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")
echo "site.nochange $nochange 0" >>"$results"
printf '  %-28s %8s s\n' "site.nochange" "$nochange"
rm -rf "$site.src" "$site.out" "$json" "$SHM/.folio-bench-site.$$.out.folio-state"

python3 - "$results" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, sec, kb = line.split()
    rows[name] = (float(sec), int(kb))
wheres = [w for w in ("shm", "disk") if any(k.startswith(w + ".") for k in rows)]
sizes = sorted({int(k.split(".")[1]) for k in rows if k.split(".")[0] in wheres})
print("\nMedian wall time in seconds (peak memory in MB)")
head = "%-22s" % "" + "".join("%22s" % ("%s %d pages" % (w, s)) for w in wheres for s in sizes)
print(head)
for tool, label in (("floor", "floor (1 thread)"), ("hugo", "Hugo"), ("folio-j1", "Folio -j1"), ("folio", "Folio (all cores)"),
                    ("folio-lean", "Folio + twins, SVGs")):
    cells = []
    for w in wheres:
        for s in sizes:
            sec, kb = rows["%s.%d.%s" % (w, s, tool)]
            cells.append("%22s" % ("%.3f (%.0f)" % (sec, kb / 1024)))
    print("%-22s" % label + "".join(cells))
print("\nRatios")
for w in wheres:
    for s in sizes:
        g = lambda t: rows["%s.%d.%s" % (w, s, t)][0]
        print("  %s %d pages: Hugo / Folio %.1fx, Folio / floor %.2fx, Folio -j1 / floor %.2fx, Hugo / Folio + twins, SVGs %.1fx" %
              (w, s, g("hugo") / g("folio"), g("folio") / g("floor"), g("folio-j1") / g("floor"), g("hugo") / g("folio-lean")))
w0 = wheres[0]
if len(sizes) > 1:
    a, b = sizes[0], sizes[-1]
    ta, tb = rows["%s.%d.folio" % (w0, a)], rows["%s.%d.folio" % (w0, b)]
    print("  growth %d -> %d pages (x%.0f): time x%.1f, memory x%.1f" % (a, b, b / a, tb[0] / ta[0], tb[1] / ta[1]))
big = sizes[-1]
g = lambda t: rows["%s.%d.%s" % (w0, big, t)]
print("\nTargets (%d pages on %s; default site on the RAM disk)" % (big, w0))
def target(text, ok):
    print("  %-58s %s" % (text, "met" if ok else "NOT met"))
target("Folio at least 5x faster than Hugo (%.1fx)" % (g("hugo")[0] / g("folio")[0]), g("hugo")[0] >= 5 * g("folio")[0])
target("Folio within 1.5x of the floor (%.2fx)" % (g("folio")[0] / g("floor")[0]), g("folio")[0] <= 1.5 * g("floor")[0])
target("peak memory under 100 MB (%.0f MB)" % (g("folio")[1] / 1024), g("folio")[1] < 100 * 1024)
target("default site cold under 400 ms (%.0f ms)" % (rows["site.cold"][0] * 1000), rows["site.cold"][0] < 0.4)
target("no-change rebuild under 30 ms (%.1f ms)" % (rows["site.nochange"][0] * 1000), rows["site.nochange"][0] < 0.03)
EOF
