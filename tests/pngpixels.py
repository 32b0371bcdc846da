#!/usr/bin/env python3
"""Compares the decoded pixels of every PNG under two output folders.

  pngpixels.py OLD NEW

For each PNG in OLD (by its path under the folder), the PNG at the same
path in NEW must exist and decode to the same size and the same RGBA
pixels, whatever the colour type, bit depth, palette or filters of
either file.  Prints one line per difference and a summary; exit 1 when
any file is missing or differs.  Decoding is PIL's (Debian python3-pil).
"""
import os
import sys

from PIL import Image


def pixels(path):
    with Image.open(path) as im:
        return im.size, im.convert('RGBA').tobytes()


def main(old, new):
    same = differ = 0
    for top, _, files in os.walk(old):
        for name in sorted(files):
            if not name.endswith('.png'):
                continue
            rel = os.path.relpath(os.path.join(top, name), old)
            other = os.path.join(new, rel)
            if not os.path.exists(other):
                print(f'missing in {new}: {rel}')
                differ += 1
            elif pixels(os.path.join(old, rel)) != pixels(other):
                print(f'pixels differ: {rel}')
                differ += 1
            else:
                same += 1
    print(f'{same} PNGs with the same pixels, {differ} missing or different')
    return 1 if differ else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
