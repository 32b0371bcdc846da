#!/usr/bin/env python3
"""Checks the quick answers of a built resource page.

usage: quickcheck.py PAGE SLUG...

Each SLUG names a question marked `quick: true` in the content. The page
must show it inside its section id="answers" (as the element
id="faq-SLUG"), with a visible answer of 40 to 60 words, and its JSON-LD
FAQPage must hold the same question, pointing at that element, with that
answer text. Prints one line per problem; exits 1 when there is any."""
import html.parser
import json
import re
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, id) of open elements
        self.text = {}           # id -> visible text within it
        self.in_answers = set()  # ids of elements inside section#answers
        self.ld = []
        self.in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'script' and a.get('type') == 'application/ld+json':
            self.in_ld = True
            self.ld.append('')
        if tag in ('meta', 'link', 'img', 'br', 'hr', 'input'):
            return
        ident = a.get('id')
        if ident and any(i == 'answers' for _, i in self.stack):
            self.in_answers.add(ident)
        self.stack.append((tag, ident))
        if ident:
            self.text[ident] = ''

    def handle_endtag(self, tag):
        if tag == 'script':
            self.in_ld = False
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self.in_ld:
            self.ld[-1] += data
            return
        for _, ident in self.stack:
            if ident:
                self.text[ident] += data


def squeeze(s):
    return re.sub(r'\s+', ' ', s).strip()


def main():
    path, slugs = sys.argv[1], sys.argv[2:]
    page = Page()
    page.feed(open(path, encoding='utf-8').read())
    questions = {}
    for block in page.ld:
        for node in json.loads(block).get('@graph', []):
            if node.get('@type') == 'FAQPage':
                for q in node['mainEntity']:
                    questions[q.get('url', '').rpartition('#')[2]] = q
    problems = []
    if not slugs:
        problems.append('no quick answers in the content')
    for slug in slugs:
        anchor = 'faq-' + slug
        if anchor not in page.in_answers:
            problems.append(f'{anchor}: not inside the quick answers section')
            continue
        answer = squeeze(page.text.get(anchor + '-answer', ''))
        words = len(answer.split())
        if not 40 <= words <= 60:
            problems.append(f'{anchor}: {words} words shown, not 40 to 60')
        q = questions.get(anchor)
        if q is None:
            problems.append(f'{anchor}: no Question in the FAQPage points at it')
        elif squeeze(q['acceptedAnswer']['text']) != answer:
            problems.append(f'{anchor}: the FAQPage answer differs from the visible one')
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
