#!/usr/bin/env bash
# Mermaid benchmark: the time a diagram written in Mermaid costs a build,
# Folio against the tools other generators use, on the corpus of
# tests/bench/mermaid-corpus.py (20 flowcharts and 20 sequence diagrams of
# 5 to 60 elements; each flowchart also as a Graphviz file).  Side by side
# in one run, round after round, each round taking every tool in turn so
# that a change in the machine's load falls on all of them:
#
# - Folio in process (tests/bench/bench_mermaid.c): parse + layout + SVG
#   with its description, as a page draws it, and the drawing of the same
#   layout into a PDF page, on its own; the median of FOLIO_ROUNDS;
# - mmdc (@mermaid-js/mermaid-cli, which drives a headless browser): one
#   process per diagram, as a build calls it, and every diagram of a kind
#   in one call (a Markdown file with one mermaid block each: mmdc then
#   renders them all in one browser);
# - Graphviz `dot -Tsvg` on the same flowcharts: one process per diagram,
#   and every flowchart in one process.
#
# mmdc is installed with npm into build/bench-npm (never committed), with
# puppeteer's browser download switched off: it drives Debian's Chromium.
# Each figure is the median over the rounds of one diagram's time, then
# the mean over the diagrams.  Last, the bytes of script the diagrams add to
# their pages, from tests/fixtures/mermaid built twice: as it is, and with
# its mermaid blocks made plain code blocks.  The targets (at least 100
# times faster than mmdc a diagram, faster than dot as a process, no
# script) are reported, never asserted.
#
#   MMDC_ROUNDS (default 3), DOT_ROUNDS (10), FOLIO_ROUNDS (200)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export LC_ALL=C
MMDC_VERSION=11.17.0          # the last release that runs on Debian 12's Node 18
MMDC_ROUNDS=${MMDC_ROUNDS:-3}
DOT_ROUNDS=${DOT_ROUNDS:-10}
FOLIO_ROUNDS=${FOLIO_ROUNDS:-200}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

command -v dot >/dev/null || tests/install-deps.sh graphviz
[ -x "$CHROMIUM" ] || tests/install-deps.sh chromium
command -v npm >/dev/null || tests/install-deps.sh nodejs npm

npm_dir=$ROOT/build/bench-npm
mmdc=$npm_dir/node_modules/.bin/mmdc
if [ ! -x "$mmdc" ] || [ "$("$mmdc" --version 2>/dev/null)" != "$MMDC_VERSION" ]; then
	echo "mermaid.sh: installing @mermaid-js/mermaid-cli $MMDC_VERSION into build/bench-npm" >&2
	mkdir -p "$npm_dir"
	(cd "$npm_dir" && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
		npm install --prefix . --no-save --ignore-scripts --no-audit --no-fund \
		"@mermaid-js/mermaid-cli@$MMDC_VERSION" >&2)
fi
make -s build/folio build/bench_mermaid

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
python3 tests/bench/mermaid-corpus.py "$corpus"
mkdir -p "$work/out"
# Debian's Chromium, with its background services off: nothing but the
# drawing runs, and nothing is fetched.
cat >"$work/puppeteer.json" <<EOF
{"executablePath": "$CHROMIUM", "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]}
EOF
# Each kind's diagrams in one Markdown file, for mmdc's one-call mode.
for kind in flow seq; do
	for f in "$corpus/$kind"*.mmd; do
		printf '```mermaid\n'
		cat "$f"
		printf '```\n\n'
	done >"$work/$kind-all.md"
done
names() { for f in "$corpus/$1"*.mmd; do basename "$f" .mmd; done; }
flows=$(names flow)
seqs=$(names seq)

times=$work/times.tsv     # tool, diagram (or "kind-all"), milliseconds
: >"$times"
# timed TOOL NAME COMMAND...: runs COMMAND once and records its wall time.
# EPOCHREALTIME is bash's own clock: no process is started to read it.
timed() {
	local tool=$1 name=$2 t0 t1
	shift 2
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>"$work/err" || { echo "mermaid.sh: $tool failed on $name:" >&2; cat "$work/err" >&2; exit 1; }
	t1=$EPOCHREALTIME
	echo "$tool $name $t0 $t1" | awk '{ printf "%s\t%s\t%.3f\n", $1, $2, ($4 - $3) * 1000 }' >>"$times"
}
mmdc_one() { "$mmdc" -q -p "$work/puppeteer.json" -i "$1" -o "$2"; }

echo "mermaid.sh: $MMDC_ROUNDS rounds of mmdc, $DOT_ROUNDS of dot (a few minutes)" >&2
round=0
dot_round=0
while [ "$round" -lt "$MMDC_ROUNDS" ]; do
	round=$((round + 1))
	# Folio: every diagram FOLIO_ROUNDS times; one line a diagram.
	build/bench_mermaid "$ROOT" "$FOLIO_ROUNDS" "$corpus"/*.mmd |
		awk '{ printf "folio-page\t%s\t%s\nfolio-pdf\t%s\t%s\n", $1, $6, $1, $5 }' >>"$times"
	for name in $flows; do
		timed dot "$name" dot -Tsvg "$corpus/$name.dot" -o "$work/out/$name.dot.svg"
		timed mmdc "$name" mmdc_one "$corpus/$name.mmd" "$work/out/$name.svg"
	done
	for name in $seqs; do
		timed mmdc "$name" mmdc_one "$corpus/$name.mmd" "$work/out/$name.svg"
	done
	timed mmdc-all flow-all mmdc_one "$work/flow-all.md" "$work/out/flow-all.md"
	timed mmdc-all seq-all mmdc_one "$work/seq-all.md" "$work/out/seq-all.md"
	# dot is quick: more of its rounds, spread over mmdc's.
	while [ $((dot_round * MMDC_ROUNDS)) -lt $((round * DOT_ROUNDS)) ]; do
		dot_round=$((dot_round + 1))
		for name in $flows; do
			timed dot "$name" dot -Tsvg "$corpus/$name.dot" -o "$work/out/$name.dot.svg"
		done
		timed dot-all flow-all dot -Tsvg -O "$corpus"/flow*.dot
	done
done
n_svg=$(find "$work/out" -name 'flow-all-*.svg' -o -name 'seq-all-*.svg' | wc -l)
[ "$n_svg" -eq 40 ] || { echo "mermaid.sh: mmdc's one call drew $n_svg diagrams, not 40" >&2; exit 1; }

# The script on the pages: the fixture built as it is and with its
# diagrams as plain code blocks; the difference is what the diagrams add.
export SOURCE_DATE_EPOCH=1767225600
script_line=
cp -R tests/fixtures/mermaid "$work/with"
cp -R tests/fixtures/mermaid "$work/without"
# shellcheck disable=SC2016 # the backquotes are a fence, not a command
find "$work/without" \( -name '*.md' -o -name '*.yaml' \) -exec sed -i 's/^\( *\)```mermaid$/\1```text/' {} +
if build/folio build --quiet --source "$work/with" --out "$work/site-with" 2>"$work/err" &&
	build/folio build --quiet --source "$work/without" --out "$work/site-without" 2>>"$work/err"; then
	script_line=$(python3 - "$work/site-with" "$work/site-without" <<'PY'
import html.parser, os, sys

class Scripts(html.parser.HTMLParser):
    """Bytes of script a page runs: inline code and the files it loads;
    data blocks (JSON-LD, JSON) are not script.  Also counts inline SVG."""
    def __init__(self, root):
        super().__init__()
        self.root, self.bytes, self.svgs, self.inside = root, 0, 0, False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'svg':
            self.svgs += 1
        if tag != 'script':
            return
        kind = (a.get('type') or 'text/javascript').lower()
        self.inside = kind in ('text/javascript', 'application/javascript', 'module')
        if self.inside and a.get('src', '').startswith('/'):
            self.bytes += os.path.getsize(os.path.join(self.root, a['src'].lstrip('/')))
    def handle_endtag(self, tag):
        if tag == 'script':
            self.inside = False
    def handle_data(self, data):
        if self.inside:
            self.bytes += len(data.encode('utf-8'))

def pages(root):
    out = {}
    for folder, _, files in os.walk(root):
        for f in files:
            if f == 'index.html':
                p = Scripts(root)
                p.feed(open(os.path.join(folder, f), encoding='utf-8').read())
                out[os.path.relpath(folder, root)] = p
    return out

with_, without = pages(sys.argv[1]), pages(sys.argv[2])
drawn = [k for k in with_ if k in without and with_[k].svgs > without[k].svgs]
if not drawn:
    print('not measured: the fixture built, but no page shows an inline SVG more with its diagrams')
else:
    added = sum(with_[k].bytes - without[k].bytes for k in drawn)
    print('%d (on %d pages showing %d diagrams)' % (added, len(drawn), sum(with_[k].svgs - without[k].svgs for k in drawn)))
PY
)
else
	script_line="not measured: tests/fixtures/mermaid does not build ($(head -n 1 "$work/err"))"
fi

python3 - "$times" "$script_line" <<'PY'
import statistics, sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    tool, name, ms = line.split('\t')
    rows[(tool, name)].append(float(ms))
med = {k: statistics.median(v) for k, v in rows.items()}

def per_diagram(tool, kind):
    """Mean over the diagrams of a kind of each one's median."""
    if tool in ('mmdc-all', 'dot-all'):
        v = med.get((tool, kind + '-all'))
        return None if v is None else v / 20
    v = [m for (t, n), m in med.items() if t == tool and n.startswith(kind)]
    return statistics.mean(v) if v else None

def both(tool):
    f, s = per_diagram(tool, 'flow'), per_diagram(tool, 'seq')
    return f, s, (f + s) / 2 if f is not None and s is not None else None

def cell(v):
    return '%10s' % ('-' if v is None else '%.3f' % v if v < 100 else '%.0f' % v)

table = [
    ('Folio: parse + layout + SVG (in process)', 'folio-page'),
    ('Folio: drawing into the PDF (in process)', 'folio-pdf'),
    ('mmdc, one process per diagram', 'mmdc'),
    ('mmdc, one call for all (-i x.md)', 'mmdc-all'),
    ('dot -Tsvg, one process per diagram', 'dot'),
    ('dot -Tsvg, all in one process', 'dot-all'),
]
print('\nMermaid diagrams: 20 flowcharts and 20 sequence diagrams of 5 to 60 elements')
print('milliseconds per diagram (each diagram\'s median over the rounds, averaged)')
print('%-44s %10s %10s %10s' % ('', 'flowchart', 'sequence', 'all'))
res = {}
for title, tool in table:
    res[tool] = both(tool)
    print('%-44s %s %s %s' % ((title,) + tuple(cell(v) for v in res[tool])))
folio = res['folio-page']

def ratio(a, b):
    return a / b if a is not None and b else None

ratio_one = ratio(res['mmdc'][2], folio[2])
ratio_all = ratio(res['mmdc-all'][2], folio[2])
ratio_dot = ratio(res['dot'][0], folio[0])
if ratio_one is None:
    print('Folio was not timed: no ratios')
else:
    print('mmdc one process a diagram / Folio: %.0f times; target at least 100: %s'
          % (ratio_one, 'met' if ratio_one >= 100 else 'NOT met'))
    print('mmdc one call for all / Folio: %.0f times' % ratio_all)
    print('dot as a process / Folio (flowcharts): %.0f times; target faster than dot: %s'
          % (ratio_dot, 'met' if ratio_dot > 1 else 'NOT met'))
print('bytes of script on the page: %s' % sys.argv[2])
PY
