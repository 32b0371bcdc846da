#!/usr/bin/env python3
"""Reads 8-bit RGB, RGBA and palette PNGs with the standard library only,
for the tests (a palette PNG is read as RGB, or RGBA when it has tRNS).

  pngcheck.py size FILE                 prints "W H"
  pngcheck.py blank FILE                exit 1 when fewer than 1% of pixels
                                        differ from the corner colour
  pngcheck.py compare A B TOLERANCE     exit 1 when the sizes differ or more
                                        than TOLERANCE (a fraction) of the
                                        pixels differ by more than 48 in any
                                        channel; prints the fraction
  pngcheck.py pixel FILE X Y            prints "R G B" of one pixel
  pngcheck.py count FILE RRGGBB         prints how many pixels are exactly
                                        that colour
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise SystemExit(f'{path}: not a PNG')
    pos, idat, width, palette, alpha = 8, b'', None, None, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour = struct.unpack('>IIBB', body[:10])
            if depth != 8 or colour not in (2, 3, 6):
                raise SystemExit(f'{path}: only 8-bit RGB, RGBA or palette is read here')
            channels = {2: 3, 3: 1, 6: 4}[colour]
        elif kind == b'PLTE':
            palette = body
        elif kind == b'tRNS':
            alpha = body
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    if channels == 1:
        return (width, height) + expand(palette, alpha, rows)
    return width, height, channels, rows


def expand(palette, alpha, rows):
    """Palette indexes to RGB, or RGBA when there is a tRNS chunk (entries
    past its end are opaque)."""
    n = len(palette) // 3
    ch = 4 if alpha else 3
    table = []
    for i in range(n):
        px = palette[3 * i:3 * i + 3]
        if alpha:
            px += bytes([alpha[i] if i < len(alpha) else 255])
        table.append(px)
    return ch, [b''.join(table[i] for i in row) for row in rows]


def main():
    cmd = sys.argv[1]
    w, h, ch, rows = read_png(sys.argv[2])
    if cmd == 'size':
        print(w, h)
        return 0
    if cmd == 'blank':
        corner = rows[0][:3]
        # every third row and column is plenty to tell a picture from a blank
        sample = [(r, x) for r in rows[::3] for x in range(0, w, 3)]
        differ = sum(1 for r, x in sample if r[x * ch:x * ch + 3] != corner)
        return 0 if differ > len(sample) // 100 else 1
    if cmd == 'pixel':
        x, y = int(sys.argv[3]), int(sys.argv[4])
        print(*rows[y][x * ch:x * ch + 3])
        return 0
    if cmd == 'count':
        want = bytes.fromhex(sys.argv[3])
        print(sum(1 for r in rows for x in range(w) if r[x * ch:x * ch + 3] == want))
        return 0
    if cmd == 'compare':
        w2, h2, ch2, rows2 = read_png(sys.argv[3])
        if (w, h) != (w2, h2):
            print(f'size {w}x{h} against {w2}x{h2}')
            return 1
        differ = 0
        for r1, r2 in zip(rows, rows2):
            for x in range(w):
                p1, p2 = r1[x * ch:x * ch + 3], r2[x * ch2:x * ch2 + 3]
                if max(abs(p1[k] - p2[k]) for k in range(3)) > 48:
                    differ += 1
        frac = differ / (w * h)
        print(f'{frac:.5f}')
        return 0 if frac <= float(sys.argv[4]) else 1
    raise SystemExit('unknown command')


if __name__ == '__main__':
    sys.exit(main())
