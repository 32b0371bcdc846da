#!/usr/bin/env python3
"""Compares a PDF libharu wrote with its compressed form (generator/pdf/objstm.c).

  objstmcheck.py CLASSIC PACKED    one line per check: "ok<TAB>NAME" or
                                   "not ok<TAB>NAME<TAB>REASON"; exits 1 if any failed

Read with pikepdf (Debian's python3-pikepdf, an independent reader):
every object of CLASSIC is in PACKED under the same number with the same
value (dictionaries, arrays, strings, numbers, references compared
recursively), every stream's dictionary is the same and its raw
(still encoded) bytes are identical; the trailer's /Root, /Info and /ID
are kept; PACKED has object streams and a cross-reference stream and
nothing but the objects of CLASSIC besides them.  qpdf --check is clean.
"""
import subprocess
import sys

import pikepdf

results = []


def check(name, good, reason=''):
    results.append((name, bool(good), reason))


def same(a, b, path):
    """None when a and b are the same PDF value, else where they differ."""
    if isinstance(a, pikepdf.Stream) != isinstance(b, pikepdf.Stream):
        return path + ': a stream on one side only'
    if isinstance(a, pikepdf.Object) and isinstance(b, pikepdf.Object) and a.is_indirect and path:
        if not b.is_indirect or a.objgen != b.objgen:
            return '%s: reference %r against %r' % (path, a.objgen, getattr(b, 'objgen', None))
        return None     # compared on its own, as an object of the file
    if isinstance(a, (pikepdf.Dictionary, pikepdf.Stream)):
        if set(a.keys()) != set(b.keys()):
            return '%s: keys %s against %s' % (path, sorted(a.keys()), sorted(b.keys()))
        for k in a.keys():
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
    missing, differ, streams = [], [], 0
    for og in sorted(in_use(classic_path)):
        if og not in have:
            missing.append(og)
            continue
        have.discard(og)
        o, other = classic.get_object(og), packed.get_object(og)
        d = same(o, other, '')
        if d is None and isinstance(o, pikepdf.Stream):
            streams += 1
            if o.read_raw_bytes() != other.read_raw_bytes():
                d = 'the stream bytes differ'
        if d:
            differ.append('%d %d: %s' % (og[0], og[1], d))
    check('objstm: every object of the classic file is in the packed one', not missing, repr(missing[:10]))
    check('objstm: every object has the same value, every stream the same bytes', not differ, '; '.join(differ[:5]))
    check('objstm: the files have streams to compare', streams > 0, '')
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
