#!/usr/bin/env python3
"""Checks the hyphens of a PDF's text against libhyphen itself, called
through ctypes, not through Folio.

usage: hyphencheck.py PDF_TEXT DICTIONARY SOURCE_DIR

PDF_TEXT is pdftotext's output.  A line ending in a letter and "-" is a
word broken there when the word joined with the start of the next line
is a word of the content (the files under SOURCE_DIR): that rules out
hyphens the text has itself ("E-Mail").  Each such break must be one
the patterns of DICTIONARY (a Debian hyph_*.dic) allow.  Prints each
break with its verdict; exits 1 when a break is not allowed or there is
none at all, 2 when libhyphen or the files cannot be read."""
import ctypes
import ctypes.util
import os
import re
import sys

WORD = re.compile(r'\w+', re.UNICODE)


def content_words(source):
    words = set()
    for folder, _dirs, files in os.walk(source):
        for name in files:
            if name.endswith(('.md', '.yaml')):
                with open(os.path.join(folder, name), encoding='utf-8') as f:
                    words.update(WORD.findall(f.read()))
    return words


def breaks(text, words):
    """(before, after) of every line-end hyphen that splits a content word."""
    lines = [l.rstrip() for l in text.splitlines()]
    found = []
    for i, line in enumerate(lines[:-1]):
        m = re.search(r'(\w+)-$', line)
        if not m:
            continue
        # The word goes on at the next line of text, which is after the
        # running foot and head when the break ends a page.
        for following in [l for l in lines[i + 1:i + 12] if l.strip()][:6]:
            n = WORD.match(following.lstrip('\f '))
            if n and m.group(1) + n.group(0) in words:
                found.append((m.group(1), n.group(0)))
                break
    return found


class Hyphenator:
    """libhyphen's own answer for a word, in the dictionary's encoding."""

    def __init__(self, path):
        name = ctypes.util.find_library('hyphen') or 'libhyphen.so.0'
        self.lib = ctypes.CDLL(name)
        self.lib.hnj_hyphen_load.restype = ctypes.c_void_p
        self.lib.hnj_hyphen_load.argtypes = [ctypes.c_char_p]
        self.lib.hnj_hyphen_hyphenate3.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                                   ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
                                                   ctypes.c_void_p] + [ctypes.c_int] * 4
        with open(path, 'rb') as f:
            charset = f.readline().decode('ascii').strip()
        self.encoding = 'utf-8' if charset.upper() == 'UTF-8' else 'iso-8859-1'
        self.dict = self.lib.hnj_hyphen_load(path.encode())
        if not self.dict:
            raise OSError('libhyphen cannot read %s' % path)

    def allows(self, word, after):
        """Whether word may break after its first `after` characters."""
        data = word.lower().encode(self.encoding)
        hyphens = ctypes.create_string_buffer(len(data) + 5)
        rep, pos, cut = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        self.lib.hnj_hyphen_hyphenate3(self.dict, data, len(data), hyphens, None, ctypes.byref(rep),
                                       ctypes.byref(pos), ctypes.byref(cut), 1, 1, 1, 1)
        end = len(word[:after].lower().encode(self.encoding))   # bytes, for a UTF-8 dictionary
        return (hyphens.raw[end - 1] & 1) == 1


def main(argv):
    if len(argv) != 3:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    text_path, dictionary, source = argv
    try:
        with open(text_path, encoding='utf-8') as f:
            text = f.read()
        hyph = Hyphenator(dictionary)
    except OSError as err:
        print(err)
        return 2
    found = breaks(text, content_words(source))
    bad = 0
    for before, after in found:
        ok = hyph.allows(before + after, len(before))
        bad += not ok
        print('%s %s-%s' % ('ok ' if ok else 'BAD', before, after))
    if not found:
        print('no word of the content is hyphenated at a line end')
        return 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
