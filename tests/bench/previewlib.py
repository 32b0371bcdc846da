"""What the preview benchmarks (serve.sh, preview.sh) share: a preview
server started as a child whose output lines are kept with the moment each
was read, and a client of `folio serve`'s event stream that keeps every
event with the moment it arrived.  Both read on threads of their own, so a
benchmark writes a file, notes the time and asks for the first line or
event after it: nothing that arrives late (a reload of a previous edit's
second phase) is taken for the answer to the next edit.
"""
import os
import re
import signal
import socket
import subprocess
import threading
import time

now = time.perf_counter


class Timeline:
    """Items stamped on arrival, and a wait for the first one after a moment."""

    def __init__(self):
        self.items = []         # (time, item)
        self.closed = False
        self.cond = threading.Condition()

    def add(self, item):
        with self.cond:
            self.items.append((now(), item))
            self.cond.notify_all()

    def close(self):
        with self.cond:
            self.closed = True
            self.cond.notify_all()

    def wait(self, test, since, timeout):
        """The first (time, match) at or after since for which test(item)
        is true, or None when timeout seconds pass or the source closes."""
        deadline = now() + timeout
        with self.cond:
            seen = 0
            while True:
                for t, item in self.items[seen:]:
                    m = test(item) if t >= since else None
                    if m:
                        return t, m
                seen = len(self.items)
                left = deadline - now()
                if self.closed or left <= 0:
                    return None
                self.cond.wait(left)


class Server:
    """A server run as a child; its standard output and error, merged,
    go to log_path and, line by line, to self.lines (a Timeline)."""

    def __init__(self, argv, log_path, env=None, cwd=None):
        self.log = open(log_path, 'w', encoding='utf-8')
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        self.lines = Timeline()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            text = raw.decode('utf-8', 'replace').rstrip('\n')
            self.log.write(text + '\n')
            self.log.flush()
            self.lines.add(text)
        self.lines.close()

    def wait_line(self, pattern, since=0.0, timeout=60.0):
        """(time, re.Match) of the first line after since matching pattern."""
        rx = re.compile(pattern)
        return self.lines.wait(rx.search, since, timeout)

    def status(self, field):
        """A field of /proc/PID/status in kB (VmHWM, VmRSS), or None."""
        try:
            with open('/proc/%d/status' % self.proc.pid) as f:
                for line in f:
                    if line.startswith(field + ':'):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def cpu_ticks(self):
        """User and system clock ticks the server has used so far."""
        with open('/proc/%d/stat' % self.proc.pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def wait_idle(self, quiet=0.3, timeout=600.0):
        """Waits until the server used no CPU for quiet seconds."""
        deadline = now() + timeout
        last = self.cpu_ticks()
        while now() < deadline:
            time.sleep(quiet)
            ticks = self.cpu_ticks()
            if ticks == last:
                return True
            last = ticks
        return False

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def folio_serve(folio, source, log_path, timeout, env=None):
    """Starts `folio serve` on a free port and waits (up to timeout seconds:
    the first build of a large site takes minutes) for its 'serving' line.
    Returns the server and its URL; exits with the log when it never came."""
    server = Server([folio, 'serve', '--source', source, '--port', '0'], log_path, env=env)
    found = server.wait_line(r'^folio: serving .* at (http\S+) ', timeout=timeout)
    if found is None:
        exited = server.proc.poll()
        server.stop()
        why = 'exited (status %d)' % exited if exited is not None else 'did not start within %d s' % timeout
        raise SystemExit('folio serve %s:\n%s' % (why, open(log_path).read()))
    return server, found[1].group(1)


class EventStream:
    """`GET /__folio/events` held open; self.events (a Timeline) gets the
    name of each event as it arrives ('hello', 'reload', 'errors')."""

    def __init__(self, url, timeout=30.0):
        host, port = url[len('http://'):].rstrip('/').rsplit(':', 1)
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        self.sock.settimeout(None)
        self.sock.sendall(('GET /__folio/events HTTP/1.1\r\nHost: %s\r\n\r\n' % host).encode())
        self.events = Timeline()
        threading.Thread(target=self._read, daemon=True).start()
        if self.wait('hello', 0.0, timeout) is None:
            raise SystemExit('no hello on the event stream of ' + url)

    def _read(self):
        buf = b''
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                chunk = b''
            if not chunk:
                break
            buf += chunk
            end = buf.rfind(b'\n') + 1     # whole lines only
            for name in re.findall(rb'^event: (\w+)\r?$', buf[:end], re.M):
                self.events.add(name.decode())
            buf = buf[end:]
        self.events.close()

    def wait(self, name, since, timeout):
        """The time of the first event called name after since, or None."""
        found = self.events.wait(lambda e: e == name, since, timeout)
        return found and found[0]

    def close(self):
        self.sock.close()


def install_stop_handler():
    """SIGTERM (and SIGINT) end the benchmark through its finally blocks,
    so that the servers it started stop with it."""
    def stop(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def write_file(path, text):
    """Writes in place, as most editors save, and returns the moment the
    save ended (the start of every latency measured here)."""
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return now()


def env_with(**extra):
    env = dict(os.environ)
    env.update({k: str(v) for k, v in extra.items()})
    return env
