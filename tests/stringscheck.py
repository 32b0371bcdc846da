#!/usr/bin/env python3
"""Checks a language's strings file and what a site built in it shows,
reading the strings files with PyYAML, not with Folio.

usage: stringscheck.py keys EN.yaml OTHER.yaml
       stringscheck.py english EN.yaml OTHER.yaml SITE_DIR [TEXT_FILE...]
       stringscheck.py code EN.yaml OTHER.yaml C_FILE...

keys:    every name of EN.yaml is in OTHER.yaml and no other, and each
         phrase has the same {placeholders} as its English one ({{ and }}
         are literal braces), in any order.
english: no English interface phrase is shown by the built site in
         SITE_DIR: neither in the visible text of its pages (text, the
         attributes a reader sees or hears, the estimator's phrase), the
         text of its diagrams, its Markdown copies and llms.txt, addresses
         left out, nor in
         the TEXT_FILEs (e.g. pdftotext's output of its PDFs).  The
         phrases looked for are the pieces of every English phrase
         between its placeholders that hold a letter and that OTHER.yaml
         does not also have (PDF, SVG, "System" are the same in both).
         Each is looked for as whole words, case and all.
code:    no phrase of either file (a piece between placeholders of two
         words or more) is written in a string literal of the C files,
         comments left out: the code takes its words from the strings.
Prints one line per problem; exits 1 when there is any, 2 on bad usage."""
import os
import re
import sys
from html.parser import HTMLParser

import yaml

PLACEHOLDER = re.compile(r'\{\{|\}\}|\{([a-z0-9_]+)\}')
# The attributes whose text a reader sees or hears; data-result and the
# others named data-* are the estimator's phrases, which its script shows.
# Addresses are no words a reader reads: the paths of a site are Folio's
# (resources/<r>/patterns/<p>/), in every language.
URL = re.compile(r'https?://[^\s)<>"]+|\]\([^)]*\)')
SEEN = ('alt', 'title', 'aria-label', 'aria-description', 'placeholder', 'label', 'data-result', 'data-yours',
        'data-invalid', 'data-full', 'data-shared', 'data-shared-all')


def load(path):
    """The strings file at path as a dict of str to str."""
    with open(path, encoding='utf-8') as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict):
        raise SystemExit('%s: not a mapping' % path)
    return {str(k): '' if v is None else str(v) for k, v in data.items()}


def placeholders(phrase):
    return sorted(m.group(1) for m in PLACEHOLDER.finditer(phrase) if m.group(1))


def check_keys(en, other, other_path):
    problems = []
    for key in en:
        if key not in other:
            problems.append('%s: no string %r' % (other_path, key))
        elif placeholders(en[key]) != placeholders(other[key]):
            problems.append('%s: %r has placeholders %s; English has %s' %
                            (other_path, key, placeholders(other[key]), placeholders(en[key])))
    for key in other:
        if key not in en:
            problems.append('%s: %r is not an English string' % (other_path, key))
    return problems


def english_pieces(en, other):
    """The English phrases' pieces between placeholders that the other
    language does not have, longest first."""
    other_text = '\n'.join(other.values())
    pieces = set()
    for phrase in en.values():
        for piece in PLACEHOLDER.split(phrase):
            piece = (piece or '').strip(' .,:;()[]_')
            if any(c.isalpha() for c in piece) and piece not in other_text:
                pieces.add(piece)
    return sorted(pieces, key=lambda p: (-len(p), p))


class Visible(HTMLParser):
    """The text a reader of a page sees or hears."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'):
            self.skip += 1
        for name, value in attrs:
            if name in SEEN and value:
                self.parts.append(value)
        if tag == 'meta':
            attrs = dict(attrs)
            if attrs.get('name') == 'description' or attrs.get('property', '').startswith('og:'):
                self.parts.append(attrs.get('content') or '')

    def handle_endtag(self, tag):
        if tag in ('script', 'style') and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith(('.html', '.svg')):
        parser = Visible()
        parser.feed(text)
        return '\n'.join(parser.parts)
    return text


def site_texts(site):
    for folder, _dirs, files in sorted(os.walk(site)):
        for name in sorted(files):
            if name.endswith(('.html', '.svg', '.md')) or name == 'llms.txt':
                yield os.path.join(folder, name)


def check_english(en, other, site, text_files):
    pieces = english_pieces(en, other)
    if not pieces:
        return ['no English phrase to look for: the strings files are the same']
    pattern = re.compile(r'(?<!\w)(%s)(?!\w)' % '|'.join(re.escape(p) for p in pieces))
    problems = []
    for path in list(site_texts(site)) + text_files:
        text = URL.sub(' ', visible_text(path))
        for n, line in enumerate(text.splitlines(), 1):
            for m in pattern.finditer(line):
                problems.append('%s:%d: English %r in: %s' % (path, n, m.group(1), line.strip()[:120]))
    return problems


C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
C_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def check_code(en, other, c_files):
    phrases = set()
    for strings in (en, other):
        for phrase in strings.values():
            for piece in PLACEHOLDER.split(phrase):
                piece = (piece or '').strip(' .,:;()')
                if len(piece.split()) >= 2 and any(c.isalpha() for c in piece):
                    phrases.add(piece)
    problems = []
    for path in c_files:
        with open(path, encoding='utf-8') as f:
            code = f.read()
        # Comments out, keeping the lines where they were.
        code = C_COMMENT.sub(lambda m: '\n' * m.group(0).count('\n'), code)
        for n, line in enumerate(code.splitlines(), 1):
            for literal in C_STRING.findall(line):
                for phrase in sorted(phrases):
                    if phrase in literal:
                        problems.append('%s:%d: the phrase %r is written in the code: %s' % (path, n, phrase, literal))
    return problems


def main(argv):
    if len(argv) >= 3 and argv[0] == 'keys':
        problems = check_keys(load(argv[1]), load(argv[2]), argv[2])
    elif len(argv) >= 3 and argv[0] == 'code':
        problems = check_code(load(argv[1]), load(argv[2]), argv[3:])
    elif len(argv) >= 4 and argv[0] == 'english':
        problems = check_english(load(argv[1]), load(argv[2]), argv[3], argv[4:])
    else:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
