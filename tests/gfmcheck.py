#!/usr/bin/env python3
"""Checks the HTML of GitHub-flavoured Markdown in a built page.

usage: gfmcheck.py PAGE COUNT

PAGE holds COUNT copies of tests/fixtures/gfm-web/body.md (each in its own
Markdown text, so with its own id prefix). The page is read with Python's
own HTML parser, independent of Folio's writer, and must show in each copy:
the captioned table (caption, scope="col" on every header cell, the three
alignments, inline markup and the escaped pipe in cells) and the table
without caption, each in a focusable, named scrolling region; the two
struck-out phrases as <del>; the bare URL and the www address as links; two
disabled checkboxes, checked as written, each inside a label with its
item's text; footnote 1 referenced twice with two ids, every reference
leading to its note and every note leading back. Over the whole page every
id is unique and every #fragment link resolves. Prints one line per
problem; exits 1 when there is any."""
import html.parser
import re
import sys


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def classes(self):
        return (self.attrs.get('class') or '').split()

    def text(self):
        return ''.join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find(self, pred):
        return [n for n in self.walk() if pred(n)]

    def inside(self, tag):
        p = self.parent
        while p is not None and p.tag != tag:
            p = p.parent
        return p


VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node('#root', [], None)
        self.cur = self.root
        self.ids = []

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if 'id' in n.attrs:
            self.ids.append(n.attrs['id'])
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.cur = self.cur.parent

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def squeeze(s):
    return re.sub(r'\s+', ' ', s).strip()


problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)


def check_tables(root, count):
    wraps = root.find(lambda n: n.tag == 'div' and 'table-wrap' in n.classes())
    expect(len(wraps) == 2 * count, f'{len(wraps)} table regions, want {2 * count}')
    for w in wraps:
        expect(w.attrs.get('role') == 'region' and w.attrs.get('tabindex') == '0' and squeeze(w.attrs.get('aria-label') or ''),
               f'table region without role, tabindex 0 or a name: {w.attrs}')
        tables = [c for c in w.children if isinstance(c, Node) and c.tag == 'table']
        expect(len(tables) == 1, 'a table region holds one table')
    captioned = root.find(lambda n: n.tag == 'table' and any(isinstance(c, Node) and c.tag == 'caption' for c in n.children))
    expect(len(captioned) == count, f'{len(captioned)} tables with a caption, want {count}')
    for t in captioned:
        cap = [c for c in t.children if isinstance(c, Node) and c.tag == 'caption'][0]
        expect(squeeze(cap.text()) == 'Cold rooms and their limits', f'caption reads {squeeze(cap.text())!r}')
        expect(cap.find(lambda n: n.tag == 'em'), 'the caption keeps its emphasis')
        expect(t.parent.attrs.get('aria-label') == 'Cold rooms and their limits', 'the region is named by the caption')
        heads = t.find(lambda n: n.tag == 'th')
        expect([h.inside('thead') is not None for h in heads] == [True] * 4, 'four header cells, all in <thead>')
        expect(all(h.attrs.get('scope') == 'col' for h in heads), 'every header cell has scope="col"')
        expect([h.attrs.get('class') for h in heads] == ['align-left', 'align-center', 'align-right', None],
               f'header alignments: {[h.attrs.get("class") for h in heads]}')
        rows = [r for r in t.find(lambda n: n.tag == 'tr') if r.inside('tbody') is not None]
        cells = [[squeeze(c.text()) for c in r.children if isinstance(c, Node)] for r in rows]
        expect(cells == [['Walk-in', '5', 'Sous chef', 'door | seal first'], ['Freezer', '-18', 'Porter', 'weekly daily'],
                         ['Dairy fridge', '4', 'Pastry', 'see the guide']], f'body cells: {cells}')
        expect(t.find(lambda n: n.tag == 'strong' and n.text() == 'Sous chef'), 'bold in a cell')
        expect(t.find(lambda n: n.tag == 'code' and n.text() == 'door | seal'), 'the escaped pipe stays in the code span')
        expect(t.find(lambda n: n.tag == 'a' and n.attrs.get('href', '').endswith('about/')), 'a link in a cell')
    plain = [w for w in wraps if not w.find(lambda n: n.tag == 'caption')]
    for w in plain:
        expect(w.attrs.get('aria-label') == 'Table: Station, Items', f'uncaptioned region named {w.attrs.get("aria-label")!r}')


def check_inlines(root, count):
    dels = [squeeze(d.text()) for d in root.find(lambda n: n.tag == 'del')]
    expect(sorted(dels) == sorted(['weekly', 'two checks'] * count), f'<del> texts: {dels}')
    hrefs = [a.attrs.get('href') for a in root.find(lambda n: n.tag == 'a')]
    for url in ('https://example.com/cold-chain?lang=en', 'http://www.example.org'):
        expect(hrefs.count(url) == count, f'{hrefs.count(url)} links to {url}, want {count}')


def check_tasks(root, count):
    boxes = root.find(lambda n: n.tag == 'input' and n.attrs.get('type') == 'checkbox')
    expect(len(boxes) == 2 * count, f'{len(boxes)} checkboxes, want {2 * count}')
    for i, b in enumerate(boxes):
        expect('disabled' in b.attrs, 'a task checkbox is disabled')
        expect(('checked' in b.attrs) == (i % 2 == 0), f'checkbox {i + 1} checked as written')
        label = b.inside('label')
        want = 'Probe calibrated' if i % 2 == 0 else 'Log signed by the head chef'
        expect(label is not None and squeeze(label.text()) == want, f'checkbox {i + 1} labelled {want!r}')
        li = b.inside('li')
        expect(li is not None and 'task' in li.classes(), 'a task item is <li class="task">')
    plain = root.find(lambda n: n.tag == 'li' and squeeze(n.text()) == 'A plain item')
    expect(len(plain) == count and all('task' not in n.classes() for n in plain), 'the plain item stays a plain item')


def check_notes(root, count, ids):
    sections = root.find(lambda n: n.tag == 'section' and 'footnotes' in n.classes())
    expect(len(sections) == count, f'{len(sections)} footnote sections, want {count}')
    refs = root.find(lambda n: n.tag == 'a' and n.parent.tag == 'sup' and 'footnote-ref' in n.parent.classes())
    expect(len(refs) == 3 * count, f'{len(refs)} footnote references, want {3 * count}')
    for a in refs:
        target = a.attrs.get('href', '')[1:]
        expect(target in ids, f'reference #{target} leads nowhere')
        expect(squeeze(a.attrs.get('aria-label') or '').startswith('Note '), 'a reference is named "Note N"')
        note = [n for n in root.walk() if n.attrs.get('id') == target]
        backs = [b.attrs.get('href') for b in note[0].find(lambda n: 'footnote-back' in n.classes())] if note else []
        expect('#' + a.attrs.get('id', '') in backs, f'note #{target} has no link back to #{a.attrs.get("id")}')
    for s in sections:
        notes = [li for li in s.find(lambda n: n.tag == 'li')]
        texts = [squeeze(li.text()).replace('\u21a9\ufe0e', '').replace(' 2', '').strip() for li in notes]
        expect(texts == ['A bound book, one page a day.', 'Readings go in the same book, in ink.'], f'notes: {texts}')
        for b in s.find(lambda n: 'footnote-back' in n.classes()):
            back = b.attrs.get('href', '')[1:]
            expect(back in ids, f'back link #{back} leads nowhere')
            expect(squeeze(b.attrs.get('aria-label') or ''), 'a back link has a name')
        first = notes[0] if notes else None
        expect(first is not None and len(first.find(lambda n: 'footnote-back' in n.classes())) == 2,
               'note 1, referenced twice, links back twice')
    own = [a.attrs.get('id') for a in refs]
    expect(len(set(own)) == len(own), 'every reference has an id of its own')


def main():
    page, count = sys.argv[1], int(sys.argv[2])
    t = Tree()
    t.feed(open(page, encoding='utf-8').read())
    ids = set(t.ids)
    dup = sorted({i for i in t.ids if t.ids.count(i) > 1})
    expect(not dup, f'ids used twice: {dup}')
    for a in t.root.find(lambda n: n.tag == 'a' and n.attrs.get('href', '').startswith('#')):
        expect(a.attrs['href'][1:] in ids or a.attrs['href'] == '#', f'link {a.attrs["href"]} leads nowhere')
    # Each copy is the element that holds its notes and a table: the
    # theme's own tables and checkboxes elsewhere on the page, and other
    # texts with notes, are not looked at.
    texts = [s.parent for s in t.root.find(lambda n: n.tag == 'section' and 'footnotes' in n.classes())
             if s.parent.find(lambda n: 'table-wrap' in n.classes())]
    expect(len(texts) == count, f'{len(texts)} Markdown texts with notes, want {count}')
    for text in texts:
        check_tables(text, 1)
        check_inlines(text, 1)
        check_tasks(text, 1)
        check_notes(text, 1, ids)
    for p in dict.fromkeys(problems):
        print(p)
    sys.exit(1 if problems else 0)


main()
