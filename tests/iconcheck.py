#!/usr/bin/env python3
"""Checks the favicon set of a built site, with the standard library only.

usage: iconcheck.py SITE

favicon.ico must be an icon directory of PNG entries of 16, 32 and 48
pixels whose headers agree with their payloads; apple-touch-icon.png must
be 180x180 and opaque (iOS paints transparency black); manifest.webmanifest
must be JSON naming the site, with icons that exist at the sizes it
claims; and each PNG must show the mark (not one flat colour). Prints
"ok - ..." / "not ok - ..." lines and "N passed, M failed"."""
import json
import os
import struct
import subprocess
import sys

PNGCHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pngcheck.py')


def blank(path):
    return subprocess.run([sys.executable, PNGCHECK, 'blank', path]).returncode != 0


def png_header(data):
    """(width, height, colour type) of PNG bytes, or None."""
    if data[:8] != b'\x89PNG\r\n\x1a\n' or data[12:16] != b'IHDR':
        return None
    width, height, _depth, colour = struct.unpack('>IIBB', data[16:26])
    return width, height, colour


def opaque(data):
    """Whether PNG bytes can hold no transparency: truecolour or grey
    without alpha, or a palette without a tRNS chunk."""
    colour = data[25]
    if colour not in (0, 2, 3):
        return False
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        if kind == b'tRNS':
            return False
        if kind == b'IDAT':
            return True
        pos += 12 + length
    return False


def check_ico(path):
    data = open(path, 'rb').read()
    reserved, kind, count = struct.unpack('<HHH', data[:6])
    if reserved != 0 or kind != 1:
        return 'not an icon directory'
    sizes = []
    for i in range(count):
        w, h, _pal, _res, planes, bits, length, offset = struct.unpack('<BBBBHHII', data[6 + 16 * i:22 + 16 * i])
        w, h = w or 256, h or 256
        header = png_header(data[offset:offset + length])
        if header is None:
            return f'entry {i} is not a PNG'
        if header[:2] != (w, h) or planes != 1 or bits != 32 or offset + length > len(data):
            return f'entry {i}: directory says {w}x{h}, the PNG is {header[0]}x{header[1]}'
        sizes.append(w)
    if sorted(sizes) != [16, 32, 48]:
        return f'sizes {sorted(sizes)}, not 16, 32 and 48'
    return None


def main():
    site = sys.argv[1]
    results = []

    def report(good, name, why=''):
        results.append(good)
        print(f'{"ok" if good else "not ok"} - {name}' + ('' if good else f'\n    {why}'))

    why = check_ico(os.path.join(site, 'favicon.ico'))
    report(why is None, 'favicon.ico holds PNGs of 16, 32 and 48 pixels', why)

    touch = os.path.join(site, 'apple-touch-icon.png')
    touch_png = open(touch, 'rb').read()
    header = png_header(touch_png)
    report(header is not None and header[:2] == (180, 180) and opaque(touch_png),
           'apple-touch-icon.png is 180x180 and opaque', f'header {header}')

    manifest = json.load(open(os.path.join(site, 'manifest.webmanifest'), encoding='utf-8'))
    bad = []
    for icon in manifest.get('icons', []):
        f = os.path.join(site, icon['src'])
        w, h = (int(n) for n in icon['sizes'].split('x'))
        if not os.path.isfile(f) or (png_header(open(f, 'rb').read()) or (0, 0))[:2] != (w, h):
            bad.append(icon['src'])
        elif blank(f):
            bad.append(icon['src'] + ' is blank')
    report(manifest.get('name') and len(manifest.get('icons', [])) >= 2 and not bad,
           'manifest.webmanifest names the site and its icons exist at their sizes', ', '.join(bad))
    print(f'{results.count(True)} passed, {results.count(False)} failed')
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
