#!/usr/bin/env bash
# Preview-server benchmark: edit-to-reload latency of `folio serve` on the
# default content, from a content file written to the reload event sent on
# the page's event stream (which is what the open page waits for).  Edits a
# copy of the site in a temporary folder ROUNDS times (default 20) and
# prints the median and the range, with the median rebuild time the server
# itself reports, so that the share of the build is plain.  The target
# (under 100 ms) is reported, not asserted.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
make -s build/folio
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1767225600
mkdir -p "$work/src"
cp -R content templates static "$work/src/"
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
times = []
for i in range(rounds):
    time.sleep(0.3)   # let the previous build settle, as between two saves
    with open(path, 'w', encoding='utf-8') as f:
        f.write(original + f'\nEdit number {i}.\n')
    start = time.perf_counter()
    wait_for(b'event: reload')
    times.append((time.perf_counter() - start) * 1000)
med = statistics.median(times)
print(f'edit-to-reload latency over {rounds} edits: median {med:.0f} ms '
      f'(min {min(times):.0f}, max {max(times):.0f}); target under 100 ms: {"met" if med < 100 else "NOT met"}')
PY
builds=$(sed -n 's/^folio: rebuilt [0-9]* pages in \([0-9]*\) ms$/\1/p' "$work/serve.log" | sort -n)
n=$(printf '%s\n' "$builds" | grep -c .)
echo "rebuild time inside the server over $n rebuilds: median $(printf '%s\n' "$builds" | sed -n "$(((n + 1) / 2))p") ms"
