#!/usr/bin/env bash
# Preview-server benchmark: edit-to-reload latency of `folio serve` on the
# default content, from a content file written to the reload event sent on
# the page's event stream (which is what the open page waits for).  Edits a
# copy of the site in a temporary folder ROUNDS times (default 20) 0.3 s
# apart, then ROUNDS times 0.05 s after the pages reloaded (while the
# playbooks are rebuilt), and prints the medians and the ranges, with the
# median rebuild time the server itself reports, so that the share of the
# build is plain, and how soon the dropped second phases stopped.  The
# target (under 100 ms) is reported, not asserted.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
make -s build/folio
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600
mkdir -p "$work/src"
cp -R content static "$work/src/"
# The server is the Python program's child (tests/bench/previewlib.py),
# stopped when it ends; its output goes to serve.log.
python3 - "$ROOT/build/folio" "$work" "${ROUNDS:-20}" <<'PY'
import os, statistics, sys, time
sys.path.insert(0, os.path.join(os.getcwd(), 'tests', 'bench'))
import previewlib as pl
folio, work, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
path = work + '/src/content/resources/crm-integration-architecture/faq/api-versioning.md'
pl.install_stop_handler()
server, url = pl.folio_serve(folio, work + '/src', work + '/serve.log', 60)
try:
    stream = pl.EventStream(url)
    original = open(path, encoding='utf-8').read()
    def edit(i, pause):
        time.sleep(pause)
        start = pl.write_file(path, original + f'\nEdit number {i}.\n')
        reload = stream.wait('reload', start, 30)
        if reload is None:
            sys.exit('no reload event within 30 s')
        return (reload - start) * 1000
    def show(what, times):
        med = statistics.median(times)
        print(f'{what} over {len(times)} edits: median {med:.0f} ms '
              f'(min {min(times):.0f}, max {max(times):.0f}); target under 100 ms: {"met" if med < 100 else "NOT met"}')
    # 0.3 s lets the previous build settle, as between two saves.
    show('edit-to-reload latency', [edit(i, 0.3) for i in range(rounds)])
    # 0.05 s after the pages reloaded, the playbooks are being rebuilt.
    show('... an edit during the second phase', [edit(rounds + i, 0.05) for i in range(rounds)])
finally:
    server.stop()
PY
builds=$(sed -n 's/^folio: rebuilt [0-9]* pages in \([0-9]*\) ms\( (.*)\)\{0,1\}$/\1/p' "$work/serve.log" | sort -n)
n=$(printf '%s\n' "$builds" | grep -c .)
echo "rebuild time inside the server over $n rebuilds: median $(printf '%s\n' "$builds" | sed -n "$(((n + 1) / 2))p") ms"
stops=$(sed -n 's/^folio: playbook pass dropped for a newer edit (stopped in \([0-9]*\) ms)$/\1/p' "$work/serve.log" | sort -n)
n=$(printf '%s\n' "$stops" | grep -c . || true)
if [ "$n" -gt 0 ]; then
	echo "second phases dropped for a newer edit: $n, stopped in a median $(printf '%s\n' "$stops" | sed -n "$(((n + 1) / 2))p") ms (max $(printf '%s\n' "$stops" | tail -n 1) ms)"
else
	echo "second phases dropped for a newer edit: none"
fi
