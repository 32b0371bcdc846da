#!/usr/bin/env python3
"""Reads a PDF's structure with qpdf --json (version 2), for tests/pdf.sh.

  pdfcheck.py outlines PDF       prints "LEVEL<TAB>PAGE<TAB>TITLE" per bookmark
  pdfcheck.py toclinks PDF PAGE  prints "TARGET-PAGE" for each internal link on PAGE
  pdfcheck.py labels PDF         prints "INDEX<TAB>STYLE<TAB>START" per label range
  pdfcheck.py urilinks PDF       prints each URI link target
  pdfcheck.py pagelinks PDF      prints "PAGE<TAB>X0<TAB>TOP<TAB>X1<TAB>BOTTOM<TAB>TARGET-PAGE<TAB>TARGET-TOP"
                                 per internal link; heights from the page's top, in points
"""
import json
import subprocess
import sys


def qpdf_json(path):
    out = subprocess.run(['qpdf', '--json', path], check=True, capture_output=True).stdout
    return json.loads(out)


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    d = qpdf_json(path)
    if cmd == 'outlines':
        def walk(items, level):
            for o in items:
                print(f"{level}\t{o.get('destpageposfrom1')}\t{o['title']}")
                walk(o.get('kids', []), level + 1)
        walk(d['outlines'], 1)
        return
    if cmd == 'labels':
        for l in d['pagelabels']:
            print(f"{l['index']}\t{l['label'].get('/S')}\t{l['label'].get('/St')}")
        return
    objects = d['qpdf'][1]
    page_of = {p['object']: p['pageposfrom1'] for p in d['pages']}
    def obj(ref):
        return objects.get('obj:' + ref, {}).get('value', {})
    def annots(page):
        annot = obj(page['object']).get('/Annots', [])
        if isinstance(annot, str):
            annot = obj(annot)
        return [obj(a) for a in annot]
    if cmd == 'toclinks':
        page = d['pages'][int(sys.argv[3]) - 1]
        for a in annots(page):
            dest = a.get('/Dest')
            if isinstance(dest, str):
                dest = obj(dest)
            if isinstance(dest, list):
                print(page_of.get(dest[0], '?'))
        return
    if cmd == 'urilinks':
        for page in d['pages']:
            for a in annots(page):
                action = a.get('/A')
                if isinstance(action, str):
                    action = obj(action)
                if isinstance(action, dict) and '/URI' in action:
                    print(action['/URI'])
        return
    if cmd == 'pagelinks':
        height = {p['object']: float(obj(p['object']).get('/MediaBox', [0, 0, 0, 841.89])[3]) for p in d['pages']}
        for page in d['pages']:
            h = height[page['object']]
            for a in annots(page):
                dest = a.get('/Dest')
                if isinstance(dest, str):
                    dest = obj(dest)
                if not isinstance(dest, list):
                    continue
                x0, y0, x1, y1 = (float(v) for v in a['/Rect'])
                # /XYZ left top zoom: the top is the fourth entry
                top = float(dest[3]) if len(dest) > 3 and dest[1] == '/XYZ' else h
                print(f"{page['pageposfrom1']}\t{x0:.1f}\t{h - y1:.1f}\t{x1:.1f}\t{h - y0:.1f}\t"
                      f"{page_of.get(dest[0], '?')}\t{height.get(dest[0], h) - top:.1f}")
        return
    raise SystemExit('unknown command')


main()
