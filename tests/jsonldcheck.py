#!/usr/bin/env python3
"""Checks the structured data of a built site (tests/structured.sh).

  jsonldcheck.py SITE [TERMS]

TERMS is the schema.org term list kept in the repository (default:
tests/data/schemaorg-terms.json, made by scripts/make-schemaorg-test-terms.py),
or a full vocabulary file (schemaorg-all-https-N.jsonld): the same names.

For every page: one JSON-LD block that parses, whose @types and properties
all exist in the schema.org vocabulary, whose @id references resolve in the
graph, with the properties Google documents as required or recommended for
FAQPage, BreadcrumbList, Organization and Article types, a name on every
ListItem (its own or its item's) and on an article's author; and FAQ answers
equal to the text the page shows.  Prints ok / not ok lines.
"""
import html.parser
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
site = sys.argv[1]
vocab_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, 'data', 'schemaorg-terms.json')
results = []


def report(ok, name, detail=''):
    results.append(ok)
    print(('ok - ' if ok else 'not ok - ') + 'structured: ' + name)
    if not ok and detail:
        print('    ' + str(detail)[:600])


def load_terms(path):
    """Every name of the schema: namespace: classes, properties, enumeration members."""
    vocab = json.load(open(path, encoding='utf-8'))
    if '@graph' not in vocab:
        return set(vocab['classes']) | set(vocab['properties']) | set(vocab['members'])
    return {n['@id'][len('schema:'):] for n in vocab['@graph'] if n.get('@id', '').startswith('schema:')}


terms = load_terms(vocab_path)


class Page(html.parser.HTMLParser):
    """Collects the JSON-LD blocks and the visible text of each FAQ answer."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.answers = [], {}
        self.in_ld = False
        self.answer_depth = 0
        self.answer_id = None
        self.depth = 0
        self.svg_depth = 0      # inside an inline SVG: a picture, not text

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.depth += 1
        if tag == 'svg' or self.svg_depth:
            self.svg_depth += 1
        if tag == 'script' and a.get('type') == 'application/ld+json':
            self.in_ld = True
            self.blocks.append('')
        classes = (a.get('class') or '').split()
        if ('faq__answer' in classes or 'answer__text' in classes) and self.answer_id is None:
            self.answer_id = a.get('id', '')
            self.answer_depth = self.depth
            self.answers[self.answer_id] = ''

    def handle_endtag(self, tag):
        if tag == 'script':
            self.in_ld = False
        if self.svg_depth:
            self.svg_depth -= 1
        if self.answer_id is not None and self.depth == self.answer_depth:
            self.answer_id = None
        self.depth -= 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_data(self, data):
        if self.in_ld:
            self.blocks[-1] += data
        elif self.answer_id is not None and not self.svg_depth:
            self.answers[self.answer_id] += data


def squeeze(s):
    return re.sub(r'\s+', ' ', s).strip()


REQUIRED = {
    'FAQPage': ['mainEntity'],
    'Question': ['name', 'acceptedAnswer'],
    'Answer': ['text'],
    'BreadcrumbList': ['itemListElement'],
    'ListItem': ['position'],
    'Organization': ['name', 'url', 'logo'],
    'TechArticle': ['headline'],
    'HowTo': ['name', 'step'],
    'HowToStep': ['text'],
    'DigitalDocument': ['name', 'url', 'encodingFormat'],
}
ARTICLE = ['headline', 'image', 'datePublished', 'dateModified', 'author', 'publisher']
# A node written out inside another (an article's author) is read for its
# name; the publisher's logo and the rest are asked of the graph's own node.
NESTED = {'Organization': ['name']}


def named(v):
    return isinstance(v, dict) and 'name' in v


def read_by_name(n):
    """What search engines read by name and find missing: a ListItem with
    neither a name nor an item with one, an article's author given only
    as a reference."""
    t = n.get('@type')
    if t == 'ListItem' and 'name' not in n and not named(n.get('item')):
        return [f'ListItem {n.get("position")}.name']
    if t == 'TechArticle' and 'author' in n and not named(n['author']):
        return ['TechArticle.author.name']
    return []


def walk(node, found):
    """Every dict in the graph, nested or not."""
    if isinstance(node, dict):
        found.append(node)
        for v in node.values():
            walk(v, found)
    elif isinstance(node, list):
        for v in node:
            walk(v, found)


pages = []
for root, _, files in os.walk(site):
    for f in files:
        if f.endswith('.html'):
            pages.append(os.path.join(root, f))
for path in sorted(pages):
    name = os.path.relpath(path, site)
    p = Page()
    p.feed(open(path, encoding='utf-8').read())
    if len(p.blocks) != 1:
        report(False, f'{name} has one JSON-LD block', f'{len(p.blocks)} found')
        continue
    try:
        data = json.loads(p.blocks[0])
    except ValueError as e:
        report(False, f'{name} JSON-LD parses', e)
        continue
    report(True, f'{name} JSON-LD parses')
    nodes = []
    walk(data.get('@graph', []), nodes)
    unknown = set()
    for n in nodes:
        types = n.get('@type', [])
        for t in types if isinstance(types, list) else [types]:
            if t not in terms:
                unknown.add('type ' + t)
        for k in n:
            if not k.startswith('@') and k not in terms:
                unknown.add('property ' + k)
    report(not unknown, f'{name} uses only schema.org terms', sorted(unknown))
    ids = {n['@id'] for n in nodes if '@id' in n and len(n) > 1}
    dangling = {n['@id'] for n in nodes if list(n.keys()) == ['@id'] and n['@id'] not in ids}
    report(not dangling, f'{name} @id references resolve', sorted(dangling))
    missing = []
    top = {id(n) for n in data.get('@graph', [])}
    for n in nodes:
        t = n.get('@type')
        required = REQUIRED.get(t, []) if id(n) in top else NESTED.get(t, REQUIRED.get(t, []))
        for k in required + (ARTICLE if t == 'TechArticle' and len(n) > 4 else []):
            if k not in n:
                missing.append(f'{t}.{k}')
        missing += read_by_name(n)
    report(not missing, f'{name} has the required and recommended properties', missing)
    faqs = [n for n in nodes if n.get('@type') == 'Question']
    if faqs:
        visible = {squeeze(v) for v in p.answers.values()}
        differ = [q['name'] for q in faqs if squeeze(q['acceptedAnswer']['text']) not in visible]
        report(not differ and len(faqs) == len(p.answers), f'{name} FAQ answers are the visible text ({len(faqs)})',
               differ)
print(f'{sum(results)} passed, {len(results) - sum(results)} failed')
sys.exit(0 if all(results) else 1)
