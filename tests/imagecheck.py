#!/usr/bin/env python3
"""Images for tests/images.sh, made and measured without an image library.

  imagecheck.py make SITE      writes the images of tests/fixtures/images into SITE
  imagecheck.py size FILE      prints "WIDTH HEIGHT" read from the file's own header
  imagecheck.py gif FILE       writes a 1x1 GIF (a type Folio refuses)
  imagecheck.py pdfimages PDF  prints "PAGE WIDTH HEIGHT" per image drawn on a page
  imagecheck.py pdfdrawn PDF   prints "PAGE WIDTH HEIGHT" in points, per image drawn

The fixture's images were made with `make`: PNGs of stripes written with
zlib, a baseline JPEG whose blocks are all mid grey (one Huffman code each
for its DC and AC tables), and SVGs written as text.  `size` reads them
the way the formats define, independently of Folio's C sniffers.
"""
import json
import re
import struct
import subprocess
import sys
import zlib


def png(width, height, stripe):
    """An RGB PNG of horizontal stripes, stripe rows high."""
    rows = bytearray()
    for y in range(height):
        colour = (40, 90, 140) if (y // stripe) % 2 else (230, 220, 200)
        rows.append(0)
        rows.extend(bytes(colour) * width)
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    ihdr = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(bytes(rows), 9)) +
            chunk(b'IEND', b''))


def jpeg(width, height):
    """A baseline greyscale JPEG, every 8x8 block mid grey: each block is
    the DC difference 0 and an end of block, one bit each."""
    def segment(marker, data):
        return bytes([0xff, marker]) + struct.pack('>H', len(data) + 2) + data
    out = b'\xff\xd8'
    out += segment(0xe0, b'JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00')
    out += segment(0xdb, b'\x00' + bytes([1] * 64))                       # quantisation: all 1
    out += segment(0xc0, struct.pack('>BHHB', 8, height, width, 1) + b'\x01\x11\x00')
    one_code = bytes([1] + [0] * 15)                                      # one code, one bit long
    out += segment(0xc4, b'\x00' + one_code + b'\x00')                    # DC table 0: category 0
    out += segment(0xc4, b'\x10' + one_code + b'\x00')                    # AC table 0: end of block
    out += segment(0xda, b'\x01\x01\x00\x00\x3f\x00')
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = '00' * blocks
    bits += '1' * (-len(bits) % 8)
    data = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))
    out += data.replace(b'\xff', b'\xff\x00') + b'\xff\xd9'
    return out


REEL_SVG = '''<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 150 100">
  <rect width="150" height="100" fill="#f4efe6"/>
  <circle cx="75" cy="50" r="40" fill="none" stroke="#1f3b57" stroke-width="4"/>
  <circle cx="75" cy="50" r="8" fill="#1f3b57"/>
</svg>
'''

RULE_SVG = '''<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 8">
  <rect y="3" width="600" height="2" fill="#8a7f70"/>
</svg>
'''


def make(site):
    studio = site + '/content/resources/studio'
    files = {
        studio + '/patterns/tank.png': png(1600, 1000, 50),
        studio + '/patterns/img/reel.svg': REEL_SVG.encode(),
        studio + '/faq/timer.png': png(120, 90, 10),
        site + '/static/images/contact.jpg': jpeg(1200, 800),
        site + '/static/images/rule.svg': RULE_SVG.encode(),
    }
    import os
    for path, data in files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)


def size(path):
    data = open(path, 'rb').read()
    if data.startswith(b'\x89PNG\r\n\x1a\n'):
        return struct.unpack('>II', data[16:24])
    if data.startswith(b'\xff\xd8'):
        i = 2
        while i < len(data):
            marker = data[i + 1]
            length = struct.unpack('>H', data[i + 2:i + 4])[0]
            if 0xc0 <= marker <= 0xcf and marker not in (0xc4, 0xc8, 0xcc):
                h, w = struct.unpack('>HH', data[i + 5:i + 9])
                return w, h
            i += 2 + length
        raise SystemExit(path + ': no frame header')
    text = data.decode()
    root = re.search(r'<svg\b[^>]*>', text).group(0)
    attr = dict(re.findall(r'(\w+)="([^"]*)"', root))
    if 'width' in attr and 'height' in attr:
        return int(float(attr['width'])), int(float(attr['height']))
    box = [float(v) for v in attr['viewBox'].split()]
    return round(box[2]), round(box[3])


def pdf_objects(path):
    out = subprocess.run(['qpdf', '--json', path], check=True, capture_output=True).stdout
    d = json.loads(out)
    objects = d['qpdf'][1]
    return d, objects


def pdf_images(path):
    """(page, /Width, /Height) of every image XObject a page's resources name."""
    d, objects = pdf_objects(path)
    def value(ref):
        return objects.get('obj:' + ref, {}).get('value', {})
    for page in d['pages']:
        res = value(page['object']).get('/Resources', {})
        if isinstance(res, str):
            res = value(res)
        xobjects = res.get('/XObject', {})
        if isinstance(xobjects, str):
            xobjects = value(xobjects)
        for ref in xobjects.values():
            stream = objects.get('obj:' + ref, {}).get('stream', {}).get('dict', {})
            if stream.get('/Subtype') == '/Image':
                yield page['pageposfrom1'], stream['/Width'], stream['/Height']


def pdf_drawn(path):
    """(page, width, height) in points of each image drawn: the scale of
    the 'cm' just before each 'Do' of the page's content."""
    d, _ = pdf_objects(path)
    for page in d['pages']:
        for content in page['contents']:
            raw = subprocess.run(['qpdf', '--show-object=' + content.split()[0], '--filtered-stream-data', path],
                                 check=True, capture_output=True).stdout.decode('latin-1')
            for m in re.finditer(r'([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\s+/\S+ Do', raw):
                yield page['pageposfrom1'], float(m.group(1)), float(m.group(4))


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == 'make':
        make(path)
    elif cmd == 'size':
        print(*size(path))
    elif cmd == 'gif':
        with open(path, 'wb') as f:
            f.write(b'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00'
                    b',\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;')
    elif cmd == 'pdfimages':
        for row in pdf_images(path):
            print(*row)
    elif cmd == 'pdfdrawn':
        for row in pdf_drawn(path):
            print(*row)
    else:
        raise SystemExit('unknown command ' + cmd)


if __name__ == '__main__':
    main()
