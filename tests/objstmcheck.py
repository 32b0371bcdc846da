#!/usr/bin/env python3
"""Compares a PDF libharu wrote with its compressed form (generator/pdf/objstm.c).

  objstmcheck.py CLASSIC PACKED    one line per check: "ok<TAB>NAME" or
                                   "not ok<TAB>NAME<TAB>REASON"; exits 1 if any failed

Read with pikepdf (Debian's python3-pikepdf, an independent reader):
every object of CLASSIC is in PACKED under the same number with the same
value (dictionaries, arrays, strings, numbers, references compared
recursively), except what deflating a plain stream changes:
- a stream that had a /Filter, and the XMP metadata, keep their
  dictionary and their raw (still encoded) bytes;
- any other stream is deflated: /Filter /FlateDecode is added, its
  /Length may change, and its decoded bytes are CLASSIC's bytes;
- the objects that held those streams' lengths are gone, and nothing
  else is.
The trailer's /Root, /Info and /ID are kept; PACKED has object streams
and a cross-reference stream and nothing but the objects of CLASSIC
besides them.  qpdf --check is clean.
"""
import re
import subprocess
import sys

import pikepdf

results = []


def check(name, good, reason=''):
    results.append((name, bool(good), reason))


def same(a, b, path, skip=()):
    """None when a and b are the same PDF value, else where they differ;
    keys in skip are left out of a top-level dictionary's comparison."""
    if isinstance(a, pikepdf.Stream) != isinstance(b, pikepdf.Stream):
        return path + ': a stream on one side only'
    if isinstance(a, pikepdf.Object) and isinstance(b, pikepdf.Object) and a.is_indirect and path:
        if not b.is_indirect or a.objgen != b.objgen:
            return '%s: reference %r against %r' % (path, a.objgen, getattr(b, 'objgen', None))
        return None     # compared on its own, as an object of the file
    if isinstance(a, (pikepdf.Dictionary, pikepdf.Stream)):
        keys_a, keys_b = set(a.keys()) - set(skip), set(b.keys()) - set(skip)
        if keys_a != keys_b:
            return '%s: keys %s against %s' % (path, sorted(keys_a), sorted(keys_b))
        for k in keys_a:
            d = same(a[k], b[k], path + k)
            if d:
                return d
        return None
    if isinstance(a, pikepdf.Array):
        if len(a) != len(b):
            return '%s: %d items against %d' % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = same(x, y, '%s[%d]' % (path, i))
            if d:
                return d
        return None
    if isinstance(a, pikepdf.String) or isinstance(b, pikepdf.String):
        return None if bytes(a) == bytes(b) else '%s: %r against %r' % (path, bytes(a), bytes(b))
    return None if a == b and type(a) is type(b) else '%s: %r against %r' % (path, a, b)


def in_use(path):
    """The (number, generation) of every object in use, as qpdf's cross-reference listing has them."""
    out = subprocess.run(['qpdf', '--show-xref', path], capture_output=True, text=True, check=True).stdout
    return {tuple(int(x) for x in line.split(':')[0].split('/')) for line in out.splitlines()
            if ': uncompressed' in line or ': compressed' in line}


def main():
    classic_path, packed_path = sys.argv[1], sys.argv[2]
    q = subprocess.run(['qpdf', '--check', packed_path], capture_output=True, text=True)
    check('objstm: qpdf --check is clean', q.returncode == 0 and 'No syntax or stream encoding errors' in q.stdout
          and 'WARNING' not in (q.stdout + q.stderr).upper(), q.stdout + q.stderr)

    classic = pikepdf.open(classic_path)
    packed = pikepdf.open(packed_path)
    have = in_use(packed_path)
    missing, differ, streams, deflated, lengths = [], [], 0, 0, set()
    for og in sorted(in_use(classic_path)):
        o = classic.get_object(og)
        plain = (isinstance(o, pikepdf.Stream) and '/Filter' not in o and o.get('/Type') != '/Metadata')
        ref = re.search(rb'/Length (\d+) (\d+) R', o.stream_dict.unparse()) if plain else None
        if ref:     # pikepdf gives the number, not the reference: read it from the dictionary's text
            lengths.add((int(ref.group(1)), int(ref.group(2))))
    for og in sorted(in_use(classic_path)):
        if og not in have:
            if og not in lengths:
                missing.append(og)
            continue
        have.discard(og)
        o, other = classic.get_object(og), packed.get_object(og)
        plain = isinstance(o, pikepdf.Stream) and '/Filter' not in o and o.get('/Type') != '/Metadata'
        d = same(o, other, '', ('/Length', '/Filter') if plain else ())
        if d is None and plain:
            deflated += 1
            if other.get('/Filter') != '/FlateDecode':
                d = 'a plain stream is not deflated'
            elif o.read_raw_bytes() != other.read_bytes():
                d = 'the deflated stream does not decode to the plain bytes'
        elif d is None and isinstance(o, pikepdf.Stream):
            streams += 1
            if o.read_raw_bytes() != other.read_raw_bytes():
                d = 'the stream bytes differ'
        if d:
            differ.append('%d %d: %s' % (og[0], og[1], d))
    check('objstm: every object of the classic file is in the packed one, but plain streams\' lengths',
          not missing, repr(missing[:10]))
    kept = lengths & in_use(packed_path)
    check('objstm: the plain streams\' length objects are gone', not kept, repr(sorted(kept)[:10]))
    check('objstm: every object has the same value, every stream the same bytes', not differ, '; '.join(differ[:5]))
    check('objstm: the files have streams kept and streams deflated', streams > 0 and deflated > 0,
          '%d kept, %d deflated' % (streams, deflated))
    extra = [og for og in have
             if not (isinstance(packed.get_object(og), pikepdf.Stream)
                     and packed.get_object(og).get('/Type') in ('/ObjStm', '/XRef'))]
    check('objstm: the packed file adds only object and xref streams', not extra, repr(extra[:10]))

    for key in ('/Root', '/Info'):
        a, b = classic.trailer.get(key), packed.trailer.get(key)
        check('objstm: the trailer keeps ' + key, a is not None and b is not None and a.objgen == b.objgen,
              '%r against %r' % (a, b))
    ids = [bytes(x) for x in classic.trailer.get('/ID', [])]
    check('objstm: the trailer keeps /ID', ids and ids == [bytes(x) for x in packed.trailer.get('/ID', [])], repr(ids))

    raw = open(packed_path, 'rb').read()
    check('objstm: object streams and a cross-reference stream',
          b'/Type /ObjStm' in raw and b'/Type /XRef' in raw and b'\ntrailer' not in raw, '')

    failed = 0
    for name, good, reason in results:
        if good:
            print('ok\t' + name)
        else:
            failed += 1
            print('not ok\t%s\t%s' % (name, reason.replace('\n', ' ')[:600]))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
