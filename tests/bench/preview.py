"""The edit-to-browser benchmark of preview.sh (which builds, installs and
generates what this needs): `folio serve` against `hugo server`, and
`hugo server --disableFastRender`, on the same pages, each server on its
own copy of the site, all three running at once.

    preview.py FOLIO SITE WORK ROUNDS

SITE holds folio/ (with templates/partials/footer.html, the theme's,
copied there), hugo/ and hugo-full/ (the same Hugo site twice).  WORK
takes the logs.  Each round edits, for each kind of edit (a line of one
pattern's body, that pattern's title, the footer template), Folio's copy
and the two Hugo copies in turn, the first server changing from round to
round so that the machine's load falls on all of them.  Latency is from
the end of the save to the reload event on Folio's event stream, and to
Hugo's rebuild message ('Total in N ms').  After a Folio edit the next
one waits until the second phase (the playbooks) is done, or until the
server is idle when there is none; every edit waits until no server uses
the processor.  Prints a table and the goals as met or not; asserts
nothing.
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import previewlib as pl  # noqa: E402

FIRST_BUILD_LIMIT = 3600    # s: the first build of 10,002 pages makes every PNG and PDF
EDIT_LIMIT = 900            # s: a template edit can remake every playbook
FOLIO_PHASE1 = r'^folio: rebuilt (\d+) pages in (\d+) ms(?: \((\d+) resources? updated\))?$'
FOLIO_PHASE2 = r'^folio: rebuilt the playbooks in (\d+) ms(.*)$'
HUGO_DONE = r'^Total in (\d+) ms'
ERRORS = re.compile(r'error|ERROR|dropped')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Copy:
    """One server's copy of the site: the files the edits change, with
    the state of each edit so that an edit changes only its own part."""

    def __init__(self, root, pattern, template, footer_old, footer_new):
        self.pattern = os.path.join(root, pattern)
        self.template = os.path.join(root, template)
        self.pattern_text = open(self.pattern, encoding='utf-8').read()
        self.template_text = open(self.template, encoding='utf-8').read()
        if footer_old not in self.template_text:
            raise SystemExit('no %r in %s' % (footer_old, self.template))
        self.footer_old, self.footer_new = footer_old, footer_new
        self.title = re.search(r'^title: (.*)$', self.pattern_text, re.M).group(1)
        self.body_n = self.title_n = 0

    def edit(self, kind, n):
        """Saves edit number n of kind; returns when the save ended."""
        if kind == 'template':
            text = self.template_text.replace(self.footer_old, self.footer_new % n, 1)
            return pl.write_file(self.template, text)
        if kind == 'body':
            self.body_n = n
        else:
            self.title_n = n
        text = self.pattern_text
        if self.title_n:
            text = text.replace('title: ' + self.title, 'title: %s, take %d' % (self.title, self.title_n), 1)
        if self.body_n:
            text += '\nA line added by edit number %d.\n' % self.body_n
        return pl.write_file(self.pattern, text)


class Row:
    def __init__(self):
        self.latency, self.own, self.second = [], [], []
        self.notes = []


def note_errors(server, mark, row):
    """Notes the lines since line number mark that tell of an error or a
    dropped phase, numbers blanked so that repeats add up."""
    for _, line in server.lines.items[mark:]:
        if ERRORS.search(line):
            row.notes.append(re.sub(r'\d+', 'N', line))


def folio_edit(server, stream, copy, kind, n, row):
    if server.proc.poll() is not None:
        row.notes.append('not made: folio serve had exited (status %d)' % server.proc.returncode)
        return
    mark = len(server.lines.items)
    t0 = copy.edit(kind, n)
    reload = stream.wait('reload', t0, EDIT_LIMIT)
    done = server.wait_line(FOLIO_PHASE1, t0, EDIT_LIMIT if reload else 5)
    if reload is None:
        row.notes.append('no reload event')
    else:
        row.latency.append((reload - t0) * 1000)
    if done:
        row.own.append(int(done[1].group(2)))
        updated = done[1].group(3)
        if kind != 'template' and updated != '1':
            row.notes.append('a whole rebuild: ' + re.sub(r'\d+ ms', 'T ms', done[1].group(0)))
    # The second phase, if there is one, ends with its line; without one
    # the server goes idle.
    while True:
        second = server.wait_line(FOLIO_PHASE2, t0, 0.3)
        if second:
            row.second.append(int(second[1].group(1)))
            if second[1].group(2):
                row.notes.append('second phase' + second[1].group(2))
            break
        if server.wait_idle(0.3, 0.3):
            if kind != 'template':      # a template edit leaves the playbooks as they are
                row.notes.append('no second phase')
            break
    note_errors(server, mark, row)
    if stream.wait('errors', t0, 0) is not None:
        row.notes.append('an errors event')
    if server.proc.poll() is not None:
        row.notes.append('folio serve exited after this edit (status %d)' % server.proc.returncode)


def hugo_edit(server, copy, kind, n, row):
    mark = len(server.lines.items)
    t0 = copy.edit(kind, n)
    done = server.wait_line(HUGO_DONE, t0, EDIT_LIMIT)
    if done is None:
        row.notes.append('no rebuild message')
    else:
        row.latency.append((done[0] - t0) * 1000)
        row.own.append(int(done[1].group(1)))
    server.wait_idle(0.3, 30)
    note_errors(server, mark, row)


def cell(values):
    if not values:
        return '-'
    return '%.0f (%.0f-%.0f)' % (statistics.median(values), min(values), max(values))


def mb(kb):
    return '-' if kb is None else '%.0f MB' % (kb / 1024)


def main():
    folio, site, work, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    pl.install_stop_handler()
    resources = len(os.listdir(os.path.join(site, 'folio', 'content', 'resources')))
    # A pattern in the middle of the middle resource: it has neighbours.
    pattern = 'content/resources/r%05d/patterns/p05.md' % ((resources + 1) // 2)
    page = '/resources/r%05d/patterns/p05/' % ((resources + 1) // 2)
    env = pl.env_with(TMPDIR=work)
    servers = {}
    try:
        t = pl.now()
        folio_server, url = pl.folio_serve(folio, os.path.join(site, 'folio'), os.path.join(work, 'folio.log'),
                                           FIRST_BUILD_LIMIT, env=env)
        servers['folio'] = folio_server
        first = folio_server.wait_line(r'^folio: built (\d+) pages in (\d+) ms', 0, 1)
        print('folio serve: first build of %s pages in %.1f s (serving after %.1f s)' %
              (first[1].group(1), int(first[1].group(2)) / 1000, pl.now() - t) if first else 'folio serve: serving')
        urls = {'folio': url}
        for name, extra in (('hugo', []), ('hugo-full', ['--disableFastRender'])):
            port = free_port()
            t = pl.now()
            servers[name] = pl.Server(['hugo', 'server', '-s', os.path.join(site, name), '--bind', '127.0.0.1',
                                       '--port', str(port)] + extra, os.path.join(work, name + '.log'), env=env)
            if servers[name].wait_line(r'Web Server is available', 0, FIRST_BUILD_LIMIT) is None:
                raise SystemExit('hugo server did not start:\n' + open(os.path.join(work, name + '.log')).read())
            built = servers[name].wait_line(r'^Built in (\d+) ms', 0, 1)
            print('hugo server%s: first build in %.1f s' % (' ' + ' '.join(extra) if extra else '',
                                                           int(built[1].group(1)) / 1000))
            urls[name] = 'http://127.0.0.1:%d' % port
        # The page is open in a browser: fetched once from each server
        # (Hugo's fast render mode re-renders the pages it has served).
        for name, base in urls.items():
            urllib.request.urlopen(base.rstrip('/') + page, timeout=60).read()
        stream = pl.EventStream(url)
        for s in servers.values():
            s.wait_idle(0.5, 600)

        copies = {
            'folio': Copy(os.path.join(site, 'folio'), pattern, 'templates/partials/footer.html',
                          '<p class="site-footer__legal">', '<p class="site-footer__legal">Edit %d. '),
        }
        for name in ('hugo', 'hugo-full'):
            copies[name] = Copy(os.path.join(site, name), pattern, 'layouts/_default/baseof.html',
                                '<footer><p>', '<footer><p>Edit %d. ')
        kinds = ('body', 'title', 'template')
        order = ['folio', 'hugo', 'hugo-full']
        rows = {(k, s): Row() for k in kinds for s in order}
        # Peak memory, read after every round: a server that stops early
        # keeps its last figure (and its resident size reads '-').
        memory = {name: [None, None] for name in servers}
        for n in range(1, rounds + 1):
            for kind in kinds:
                for name in order:
                    # Every server idle first: on two cores the work one
                    # server still does after its rebuild (Go's collector
                    # after a whole render) would be timed as the next's.
                    for s in servers.values():
                        s.wait_idle(0.3, 30)
                    time.sleep(0.3)     # as between two saves
                    if name == 'folio':
                        folio_edit(servers['folio'], stream, copies['folio'], kind, n, rows[kind, name])
                    else:
                        hugo_edit(servers[name], copies[name], kind, n, rows[kind, name])
            order = order[1:] + order[:1]
            for name, s in servers.items():
                memory[name] = [s.status('VmHWM') or memory[name][0], s.status('VmRSS')]
            print('  round %d of %d done' % (n, rounds), file=sys.stderr)
        stream.close()
    finally:
        for s in servers.values():
            s.stop()

    # A cold build of what a first phase writes (everything but the
    # playbooks), with the servers stopped: the template edit's yardstick.
    cold_out = os.path.join(work, 'cold')
    t = pl.now()
    subprocess.run([folio, 'build', '--quiet', '--no-pdf', '--source', os.path.join(site, 'folio'),
                    '--out', cold_out], check=True, env=env)
    cold_ms = (pl.now() - t) * 1000

    names = {'folio': 'folio serve', 'hugo': 'hugo server', 'hugo-full': 'hugo server --disableFastRender'}
    print('\nMilliseconds, median (min-max) over %d edits; a page of %s:' % (rounds, pattern))
    print('  %-9s %-32s %20s %20s %20s' % ('edit', 'server', 'save to reload', 'own report', 'playbooks after'))
    for kind in kinds:
        for name in ('folio', 'hugo', 'hugo-full'):
            r = rows[kind, name]
            print('  %-9s %-32s %20s %20s %20s' % (kind, names[name], cell(r.latency), cell(r.own),
                                                   cell(r.second) if name == 'folio' else ''))
    print('  (folio: save to the reload event, then its own "rebuilt N pages" time and its second phase;\n'
          '   hugo: save to its "Total in N ms" line, then N)')
    print('Peak memory (VmHWM) after the edits, and resident now:')
    for name in ('folio', 'hugo', 'hugo-full'):
        print('  %-32s %8s %8s' % (names[name], mb(memory[name][0]), mb(memory[name][1])))
    print('Cold `folio build --no-pdf` of the edited site: %.0f ms' % cold_ms)
    notes = [(kind, name, note, rows[kind, name].notes.count(note)) for kind in kinds for name in names
             for note in dict.fromkeys(rows[kind, name].notes)]
    print('Seen during the edits:' + ('' if notes else ' nothing odd'))
    for kind, name, note, count in notes:
        print('  %s, %s edit, %d of %d times: %s' % (names[name], kind, count, rounds, note))

    def median(kind, name):
        values = rows[kind, name].latency
        return statistics.median(values) if values else float('inf')

    def goal(text, ok):
        print('  %-78s %s' % (text, 'met' if ok else 'NOT met'))
    body, hugo_body = median('body', 'folio'), median('body', 'hugo')
    template = median('template', 'folio')
    hwm = memory['folio'][0] or float('inf')
    print('Goals at %d pages:' % (2 + resources * 10))
    goal('body edit save to reload under 30 ms (%.0f ms)' % body, body < 30)
    goal('body edit faster than hugo server (%.0f ms against %.0f ms)' % (body, hugo_body), body < hugo_body)
    goal('template edit no slower than a cold build (%.0f ms against %.0f ms)' % (template, cold_ms),
         template <= cold_ms)
    goal('folio serve peak memory under 200 MB (%.0f MB)' % (hwm / 1024), hwm < 200 * 1024)


if __name__ == '__main__':
    main()
