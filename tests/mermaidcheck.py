#!/usr/bin/env python3
"""Checks the diagrams a built site drew from the Mermaid blocks of its
content, against the blocks themselves (read here, independently of Folio).

    mermaidcheck.py SOURCE OUT [PDF]

SOURCE is the site's folder (its content/ is read), OUT the built site,
PDF the resource's playbook, whose text must hold every label of the
blocks of the resource's texts.
Each check prints one line, "ok - ..." or "not ok - ..." with why.

The labels are taken from the Mermaid text with a few regular expressions:
a node's text between its brackets, an edge's text between its bars or
dashes, a message's or note's text after its colon, a subgraph's title
and a block's condition.  Every one must be drawn as text in the page's
SVG (lines joined by spaces, as wrapping splits them at spaces), named in
the SVG's description, and found in the PDF's text.
"""
import html.parser
import os
import re
import subprocess
import sys

FENCE = re.compile(r'^([ \t]*)```mermaid[ \t]*\n(.*?)^\1```[ \t]*$', re.M | re.S)
NODE = re.compile(r'[A-Za-z0-9_]+\s*(?:\(\[|\[\(|\(\(|\[\[|\[|\(|\{)"?([^"\]\)\}\[\(\{|]+?)"?(?:\]\)|\)\]|\)\)|\]\]|\]|\)|\})')
EDGE_BAR = re.compile(r'\|([^|]+)\|')
EDGE_TEXT = re.compile(r'(?:--|-\.|==)\s+([^->=.|][^>|]*?)\s+(?:-->|---|\.->|==>)')
MESSAGE = re.compile(r'^\s*[A-Za-z0-9_]+\s*(?:-->>|->>|-->|->|--x|-x|--\)|-\))[+-]?\s*[A-Za-z0-9_]+\s*:\s*(.+)$')
NOTE = re.compile(r'^\s*Note\s+(?:left of|right of|over)\s+[^:]+:\s*(.+)$', re.I)
SUBGRAPH = re.compile(r'^\s*subgraph\s+\S+\s*\[([^\]]+)\]')
BLOCK = re.compile(r'^\s*(?:loop|alt|else|opt|par|and)\s+(.+)$')
ALIAS = re.compile(r'^\s*(?:participant|actor)\s+\S+\s+as\s+(.+)$')
CAPTION = re.compile(r'^[ \t]*Figure:\s*(.+)$')

failed = 0


def report(good, what, why=''):
    global failed
    if good:
        print(f'ok - mermaid: {what}')
    else:
        failed += 1
        print(f'not ok - mermaid: {what}')
        if why:
            print('    ' + why.replace('\n', '\n    '))


def squeeze(s):
    """White space squeezed, and typographic apostrophes and quotes as
    typed (cmark's smart punctuation makes them)."""
    s = s.replace('\u2019', "'").replace('\u2018', "'").replace('\u201c', '"').replace('\u201d', '"')
    return re.sub(r'\s+', ' ', s).strip()


def labels(block):
    """The texts a diagram shows, from its Mermaid source."""
    found = []
    for line in block.splitlines():
        line = re.sub(r'%%.*$', '', line)
        if re.match(r'^\s*(rect|autonumber|end|activate|deactivate)\b', line):
            continue
        for pattern in (MESSAGE, NOTE, SUBGRAPH, BLOCK, ALIAS):
            m = pattern.match(line)
            if m:
                found.append(m.group(1))
                break
        else:
            found += NODE.findall(line) + EDGE_BAR.findall(line) + EDGE_TEXT.findall(line)
    return [squeeze(t) for t in found if t.strip()]


def blocks_of(text):
    """Each Mermaid block of a text with its caption (or None)."""
    out = []
    for m in FENCE.finditer(text):
        indent = m.group(1)
        body = '\n'.join(line[len(indent):] for line in m.group(2).splitlines())
        rest = text[m.end():].lstrip('\n')
        cap = CAPTION.match(rest.split('\n', 1)[0]) if rest else None
        out.append((body, squeeze(cap.group(1)) if cap else None, m.group(0)))
    return out


class Figures(html.parser.HTMLParser):
    """The diagram figures of a page: each SVG's title, desc, texts, ids,
    and the figure's caption; and every id of the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures, self.ids, self.stack = [], [], []
        self.code_mermaid = 0
        self.field = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a:
            self.ids.append(a['id'])
        cls = (a.get('class') or '').split()
        if tag == 'figure' and 'figure--diagram' in cls:
            self.figures.append({'title': '', 'desc': '', 'texts': [], 'caption': None, 'svg': None})
            self.stack.append('figure')
        elif tag == 'svg' and self.stack:
            self.figures[-1]['svg'] = a
        elif tag in ('title', 'desc', 'text', 'figcaption') and self.stack:
            self.field = tag
            if tag == 'text':
                self.figures[-1]['texts'].append('')
            if tag == 'figcaption':
                self.figures[-1]['caption'] = ''
        if tag == 'code' and 'language-mermaid' in cls:
            self.code_mermaid += 1

    def handle_startendtag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a:
            self.ids.append(a['id'])

    def handle_endtag(self, tag):
        if tag == 'figure' and self.stack:
            self.stack.pop()
        if tag == self.field:
            self.field = None

    def handle_data(self, data):
        if not self.field or not self.stack:
            return
        f = self.figures[-1]
        if self.field == 'text':
            f['texts'][-1] += data
        elif self.field == 'figcaption':
            f['caption'] += data
        else:
            f[self.field] += data


def matched(figures, blocks):
    """Each block with the figure that draws most of its labels: a page
    shows its texts in its own order (a FAQ answer and a custom section
    on a resource's page), not in the order of the content's files."""
    pairs = []
    for b in blocks:
        want = labels(b[1])
        best = max(figures, key=lambda f: sum(t in ' '.join(f['texts']) for t in want), default=None)
        if best is not None:
            pairs.append((best, b))
    return pairs


def page_of(out, src_rel):
    """The built page that shows a content file (by Folio's URL rules)."""
    path = src_rel[:-3] if src_rel.endswith('.md') else src_rel
    if path.startswith('pages/'):
        return os.path.join(out, path[len('pages/'):], 'index.html')
    if '/faq/' in path:
        return os.path.join(out, path.split('/faq/')[0], 'index.html')
    if path.endswith('resource.yaml'):
        return os.path.join(out, os.path.dirname(path), 'index.html')
    return os.path.join(out, path, 'index.html')


def main():
    source, out = sys.argv[1], sys.argv[2]
    pdf = sys.argv[3] if len(sys.argv) > 3 else None
    content = os.path.join(source, 'content')
    per_page, printed_blocks = {}, []
    for root, _, files in os.walk(content):
        for name in sorted(files):
            if not name.endswith(('.md', '.yaml')):
                continue
            rel = os.path.relpath(os.path.join(root, name), content)
            text = open(os.path.join(root, name), encoding='utf-8').read()
            found = blocks_of(text)
            if found:
                per_page.setdefault(page_of(out, rel), []).extend((rel, *b) for b in found)
    total = sum(len(v) for v in per_page.values())
    report(total >= 8, f'the fixture has Mermaid blocks ({total})')
    for page, blocks in sorted(per_page.items()):
        name = os.path.relpath(page, out)
        p = Figures()
        p.feed(open(page, encoding='utf-8').read())
        report(len(p.figures) == len(blocks), f'{name}: one figure a block',
               f'{len(p.figures)} figures for {len(blocks)} blocks')
        report(p.code_mermaid == 0, f'{name}: no block is left as code')
        dup = sorted({i for i in p.ids if p.ids.count(i) > 1})
        report(not dup, f'{name}: every id is unique', ', '.join(dup))
        for k, (fig, (rel, body, caption, _)) in enumerate(matched(p.figures, blocks), 1):
            what = f'{name} figure {k} ({rel})'
            svg = fig['svg'] or {}
            labelled = svg.get('role') == 'img' and fig['title'].strip() and fig['desc'].strip() and \
                all(i in p.ids for i in svg.get('aria-labelledby', '').split())
            report(bool(labelled), f'{what}: role="img", named by its title and description')
            drawn = ' ' + squeeze(' '.join(fig['texts'])) + ' '
            desc = squeeze(fig['desc'])
            want = labels(body)
            if rel.startswith('resources/'):
                printed_blocks.append((rel, body))
            missing = [t for t in want if t not in drawn]
            report(not missing, f'{what}: every label is drawn as text', 'missing: ' + '; '.join(missing))
            undescribed = [t for t in want if t not in desc]
            report(not undescribed, f'{what}: the description names every label',
                   'missing: ' + '; '.join(undescribed) + '\n' + desc)
            if caption:
                report(squeeze(fig['caption'] or '') == caption and squeeze(fig['title']) == caption,
                       f'{what}: the caption is the figcaption and the title',
                       f'caption {fig["caption"]!r}, title {fig["title"]!r}, want {caption!r}')
        copy = page + '.md'
        if os.path.exists(copy):
            twin = open(copy, encoding='utf-8').read()
            # Indents and the space after a fence may differ (a custom
            # section's copy is written by cmark, as "``` mermaid"): the
            # same info string and the same lines.
            def flat(t):
                return re.sub(r'(?m)^```[ \t]*', '```', re.sub(r'(?m)^[ \t]+', '', t))
            kept = all(flat(b[3]) in flat(twin) for b in blocks)
            report(kept, f'{os.path.relpath(copy, out)}: the Markdown copy keeps every block as Mermaid')
    if pdf:
        # The playbook prints the resource's texts (pattern bodies, FAQ
        # answers, custom sections), not the site's plain pages.
        text = squeeze(subprocess.run(['pdftotext', '-enc', 'UTF-8', pdf, '-'], capture_output=True,
                                      text=True, check=True).stdout)
        for rel, body in printed_blocks:
            missing = [t for t in labels(body) if t not in text]
            report(not missing, f'the PDF draws the diagram of {rel} with every label as text',
                   'missing: ' + '; '.join(missing))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
