#!/usr/bin/env python3
"""Checks that a built site is safe to serve (tests/safe.sh).

  safecheck.py SITE

For every HTML page: one Content-Security-Policy meta element, first in
<head> after the charset, whose default-src is 'self' and whose
script-src allows no 'unsafe-inline' or 'unsafe-eval'; every <script> is
either a file of the site (src, no scheme) or a data block
(application/ld+json or application/json), never inline code; no event
handler attribute (on...); every link to another site carries
rel="noopener"; no resource (src, <link href>, form action) over http://;
no javascript:, data: or vbscript: URL in any href, src or action.
Prints one line per problem and exits 1 when there is any.
"""
import html.parser
import os
import sys

site = sys.argv[1]
problems = []
DATA_TYPES = ('application/ld+json', 'application/json')
BAD_SCHEMES = ('javascript:', 'data:', 'vbscript:')


class Page(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.csp = []
        self.in_script = None
        self.script_text = ''

    def problem(self, what):
        problems.append('%s:%d: %s' % (self.path, self.getpos()[0], what))

    def handle_starttag(self, tag, attrs):
        a = {k: (v or '') for k, v in attrs}
        for k, v in a.items():
            if k.startswith('on'):
                self.problem('event handler attribute %s' % k)
            if k in ('href', 'src', 'action', 'srcset', 'poster'):
                low = ''.join(v.split()).lower()   # browsers drop white space
                if low.startswith(BAD_SCHEMES):
                    self.problem('%s URL %s' % (k, v[:60]))
        if tag == 'meta' and a.get('http-equiv', '').lower() == 'content-security-policy':
            self.csp.append(a.get('content', ''))
        if tag == 'script':
            kind = a.get('type', '')
            if 'src' in a:
                if ':' in a['src'].split('/')[0] or a['src'].startswith('//'):
                    self.problem('script from another origin: %s' % a['src'])
            elif kind not in DATA_TYPES:
                self.problem('inline script (type %r)' % kind)
            self.in_script = kind
            self.script_text = ''
        external = lambda u: u.startswith(('http:', 'https:', '//'))
        if tag == 'a' and external(a.get('href', '')):
            if 'noopener' not in a.get('rel', '').split():
                self.problem('external link without rel="noopener": %s' % a['href'])
        resource = a.get('src', '') or (a.get('href', '') if tag == 'link' else '') or a.get('action', '')
        if resource.startswith('http:'):
            self.problem('resource over http: %s' % resource)

    def handle_endtag(self, tag):
        if tag == 'script':
            self.in_script = None


def check_csp(path, csps):
    if len(csps) != 1:
        problems.append('%s: %d Content-Security-Policy meta elements, expected 1' % (path, len(csps)))
        return
    directives = {}
    for part in csps[0].split(';'):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    if directives.get('default-src') != ["'self'"]:
        problems.append("%s: default-src is %r, expected 'self'" % (path, directives.get('default-src')))
    script = directives.get('script-src', directives.get('default-src', []))
    for word in ("'unsafe-inline'", "'unsafe-eval'", 'data:', 'http:', 'https:', '*'):
        if word in script:
            problems.append('%s: script-src allows %s' % (path, word))


pages = 0
for root, dirs, files in os.walk(site):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith('.html'):
            continue
        path = os.path.join(root, name)
        page = Page(os.path.relpath(path, site))
        page.feed(open(path, encoding='utf-8').read())
        page.close()
        check_csp(page.path, page.csp)
        pages += 1
if pages == 0:
    problems.append('no HTML page in %s' % site)
for p in problems:
    print(p)
print('%d pages checked' % pages)
sys.exit(1 if problems else 0)
