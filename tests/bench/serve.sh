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
pid=
cleanup() {
	# The server's exit status is not the benchmark's: whatever it is, the
	# temporary folder goes.
	if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null || :
	fi
	rm -rf "$work"
}
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1767225600
mkdir -p "$work/src"
cp -R content static "$work/src/"
build/folio serve --source "$work/src" --port 0 >"$work/serve.log" 2>&1 &
pid=$!
url=
for _ in $(seq 600); do
	url=$(sed -n 's/^folio: serving .* at \(http[^ ]*\) .*/\1/p' "$work/serve.log")
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log"; exit 1; }

python3 - "$url" "$work/src/content/resources/crm-integration-architecture/faq/api-versioning.md" "${ROUNDS:-20}" <<'PY'
import socket, statistics, sys, time
url, path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = url[len('http://'):].rstrip('/').rsplit(':', 1)
sock = socket.create_connection((host, int(port)), timeout=30)
sock.sendall(f'GET /__folio/events HTTP/1.1\r\nHost: {host}\r\n\r\n'.encode())
buf = b''
def wait_for(marker):
    global buf
    while marker not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit('the event stream closed')
        buf += chunk
    buf = buf[buf.index(marker) + len(marker):]
wait_for(b'event: hello')
original = open(path, encoding='utf-8').read()
def edit(i, pause):
    time.sleep(pause)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(original + f'\nEdit number {i}.\n')
    start = time.perf_counter()
    wait_for(b'event: reload')
    return (time.perf_counter() - start) * 1000
def show(what, times):
    med = statistics.median(times)
    print(f'{what} over {len(times)} edits: median {med:.0f} ms '
          f'(min {min(times):.0f}, max {max(times):.0f}); target under 100 ms: {"met" if med < 100 else "NOT met"}')
# 0.3 s lets the previous build settle, as between two saves.
show('edit-to-reload latency', [edit(i, 0.3) for i in range(rounds)])
# 0.05 s after the pages reloaded, the playbooks are being rebuilt.
show('... an edit during the second phase', [edit(rounds + i, 0.05) for i in range(rounds)])
PY
builds=$(sed -n 's/^folio: rebuilt [0-9]* pages in \([0-9]*\) ms$/\1/p' "$work/serve.log" | sort -n)
n=$(printf '%s\n' "$builds" | grep -c .)
echo "rebuild time inside the server over $n rebuilds: median $(printf '%s\n' "$builds" | sed -n "$(((n + 1) / 2))p") ms"
stops=$(sed -n 's/^folio: playbook pass dropped for a newer edit (stopped in \([0-9]*\) ms)$/\1/p' "$work/serve.log" | sort -n)
n=$(printf '%s\n' "$stops" | grep -c . || true)
if [ "$n" -gt 0 ]; then
	echo "second phases dropped for a newer edit: $n, stopped in a median $(printf '%s\n' "$stops" | sed -n "$(((n + 1) / 2))p") ms (max $(printf '%s\n' "$stops" | tail -n 1) ms)"
else
	echo "second phases dropped for a newer edit: none"
fi
