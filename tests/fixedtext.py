#!/usr/bin/env python3
"""Finds the words a template writes as they are, with the standard library only.

usage: fixedtext.py TEMPLATE...

Every phrase a reader sees must come from the theme's strings or from the
content, so that a site can change it and a language translate it
(folio-templates(7)).  The words inside an element that data-f-text,
data-f-md, data-f-html or data-f-include replace are only there for a
designer opening the file; any other text is copied to the page.  This
prints FILE:LINE: TEXT for each such text holding a letter or a digit
(punctuation, symbols and spaces are allowed), and for each attribute a
reader sees (aria-label, title, alt, placeholder, data-label, label)
written as it is, without a data-f-attr- of the same name.  In a page
template with data-f-layout, only the data-f-fill elements are drawn.
A language written as it is (lang, hreflang or xml:lang without its
data-f-attr-) is fixed text too: the page's language is site.yaml's.
Exits 1 when it found any, 2 when a file is not well-formed."""
import sys
from xml.parsers import expat

# The directives whose element's content never reaches the page as written.
REPLACED = ('data-f-text', 'data-f-md', 'data-f-html', 'data-f-include')
# The attributes a reader sees or hears.
SEEN = ('aria-label', 'aria-description', 'title', 'alt', 'placeholder', 'data-label', 'label')
# The attributes that name a language, which must come from site.yaml.
LANGUAGE = ('lang', 'hreflang', 'xml:lang')


def wordy(text):
    """True when text holds a letter or a digit of any script."""
    return text is not None and any(c.isalnum() for c in text)


class Node:
    """An element: its attributes, line, text, children and the text after it."""

    def __init__(self, attrs, line):
        self.attrs, self.line = attrs, line
        self.text, self.tail, self.children = '', '', []

    def get(self, name):
        return self.attrs.get(name)

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()


def parse(path):
    """The root Node of the template at path (ElementTree keeps no lines)."""
    parser = expat.ParserCreate()
    stack, roots = [], []

    def start(_tag, attrs):
        node = Node(attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)

    def end(_tag):
        stack.pop()

    def data(text):
        if not stack:
            return
        top = stack[-1]
        if top.children:
            top.children[-1].tail += text
        else:
            top.text += text

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = data
    with open(path, 'rb') as f:
        parser.Parse(f.read(), True)
    return roots[0]


def attrs_seen(elem):
    """The attributes of elem a reader sees, written as they are."""
    for name in SEEN + LANGUAGE:
        value = elem.get(name)
        if wordy(value) and elem.get('data-f-attr-' + name) is None:
            yield '%s="%s"' % (name, value)


def walk(elem, found):
    """Appends (line, text) for what elem writes as it is."""
    line = elem.line
    for attr in attrs_seen(elem):
        found.append((line, attr))
    if any(elem.get(d) is not None for d in REPLACED):
        return
    if wordy(elem.text):
        found.append((line, elem.text.strip()))
    for child in elem.children:
        walk(child, found)
        # The text after a child is its parent's, drawn whatever the child is.
        if wordy(child.tail):
            found.append((child.line, child.tail.strip()))


def fills(root):
    """The elements of a page template drawn inside its layout."""
    return [e for e in root.iter() if e.get('data-f-fill') is not None]


def check(path):
    root = parse(path)
    found = []
    drawn = fills(root) if root.get('data-f-layout') is not None else [root]
    for elem in drawn:
        walk(elem, found)
    return ['%s:%d: %s' % (path, line, ' '.join(text.split())) for line, text in found]


def main(paths):
    problems = []
    for path in paths:
        try:
            problems += check(path)
        except (expat.ExpatError, OSError) as err:
            print('%s: %s' % (path, err))
            return 2
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
