#!/usr/bin/env python3
"""Prints the content of the element <div ... id="ID"> of an HTML file.

usage: gfm-fragment.py FILE ID"""
import re
import sys

text = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r'<div [^>]*\bid="%s"[^>]*>' % re.escape(sys.argv[2]), text)
if not m:
    sys.exit(f'{sys.argv[1]}: no <div id="{sys.argv[2]}">')
depth = 1
for tag in re.finditer(r'<(/?)div\b', text[m.end():]):
    depth += -1 if tag.group(1) else 1
    if depth == 0:
        sys.stdout.write(text[m.end():m.end() + tag.start()])
        break
