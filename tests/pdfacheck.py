#!/usr/bin/env python3
"""What a PDF declares of itself for PDF/A-2a and PDF/UA-1, read with qpdf.

  pdfacheck.py PDF ICC     one line per check: "ok<TAB>NAME" or
                           "not ok<TAB>NAME<TAB>REASON"; exits 1 if any failed

Checks: the header says 1.7 and is followed by a binary comment; the
catalog's /Metadata is an uncompressed XML stream whose XMP parses and
identifies PDF/UA-1 and PDF/A-2a, declares the pdfuaid schema as PDF/A-2
asks, and says what the Info dictionary says (title, author, subject,
keywords, creator, producer, dates: the same values, the dates the same
instant); /ViewerPreferences shows the title; the output intent is
GTS_PDFA1 with a 3-component profile whose bytes are the ICC file's; the
trailer has an /ID of two equal 16-byte strings.  Only qpdf and the Python
standard library are needed.
"""
import datetime
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {
    'x': 'adobe:ns:meta/',
    'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    'dc': 'http://purl.org/dc/elements/1.1/',
    'pdf': 'http://ns.adobe.com/pdf/1.3/',
    'xmp': 'http://ns.adobe.com/xap/1.0/',
    'pdfaid': 'http://www.aiim.org/pdfa/ns/id/',
    'pdfuaid': 'http://www.aiim.org/pdfua/ns/id/',
    'pdfaExtension': 'http://www.aiim.org/pdfa/ns/extension/',
    'pdfaSchema': 'http://www.aiim.org/pdfa/ns/schema#',
    'pdfaProperty': 'http://www.aiim.org/pdfa/ns/property#',
}
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'

results = []


def check(name, good, reason=''):
    results.append((name, bool(good), reason))


def qpdf(*args):
    return subprocess.run(['qpdf', *args], check=True, capture_output=True).stdout


def text_of(value):
    """A qpdf JSON v2 string ("u:text" or "b:hex") as text."""
    if not isinstance(value, str):
        return None
    if value.startswith('u:'):
        return value[2:]
    if value.startswith('b:'):
        raw = bytes.fromhex(value[2:])
        if raw.startswith(b'\xfe\xff'):
            return raw[2:].decode('utf-16-be')
        return raw.decode('latin-1')
    return None


def pdf_date(s):
    """D:YYYYMMDDHHmmSS followed by Z, or +HH'mm' / -HH'mm' (the forms a
    writer may use), as an aware datetime; None when it is neither."""
    m = re.fullmatch(r"D:(\d{14})(?:Z(?:00'?00'?)?|([+-])(\d\d)'?(\d\d)'?)", s or '')
    if not m:
        return None
    when = datetime.datetime.strptime(m.group(1), '%Y%m%d%H%M%S')
    offset = datetime.timedelta(0)
    if m.group(2):
        offset = datetime.timedelta(hours=int(m.group(3)), minutes=int(m.group(4)))
        if m.group(2) == '-':
            offset = -offset
    return when.replace(tzinfo=datetime.timezone(offset))


def xmp_date(s):
    try:
        return datetime.datetime.fromisoformat((s or '').replace('Z', '+00:00'))
    except ValueError:
        return None


def main():
    path, icc_path = sys.argv[1], sys.argv[2]
    with open(path, 'rb') as f:
        head = f.read(32)
    lines = head.split(b'\n')
    check('pdfa: the header says PDF 1.7', lines[0] == b'%PDF-1.7', repr(lines[0]))
    check('pdfa: a binary comment follows the header',
          len(lines) > 1 and lines[1].startswith(b'%') and sum(b > 127 for b in lines[1][1:5]) == 4, repr(lines[1:2]))

    doc = json.loads(qpdf('--json=2', path))
    objects = doc['qpdf'][1]

    def obj(ref):
        return objects.get('obj:' + ref, {})

    def value(x):
        """x itself, or what the reference x points at (a stream's dict)."""
        if isinstance(x, str) and x.endswith(' R'):
            o = obj(x)
            return o['stream']['dict'] if 'stream' in o else o.get('value')
        return x

    trailer = objects['trailer']['value']
    root = value(trailer['/Root'])
    info = value(trailer.get('/Info')) or {}

    ids = trailer.get('/ID')
    id_ok = isinstance(ids, list) and len(ids) == 2 and ids[0] == ids[1] and ids[0].startswith('b:') \
        and len(ids[0]) == 2 + 32
    check('pdfa: the trailer has an /ID of two equal 16-byte strings', id_ok, repr(ids))

    prefs = value(root.get('/ViewerPreferences')) or {}
    check('pdfa: readers show the title (/DisplayDocTitle true)', prefs.get('/DisplayDocTitle') is True, repr(prefs))

    # The output intent and its profile.
    intents = value(root.get('/OutputIntents')) or []
    intents = [value(i) for i in intents]
    pdfa = [i for i in intents if i.get('/S') == '/GTS_PDFA1']
    check('pdfa: one GTS_PDFA1 output intent', len(pdfa) == 1, repr(intents))
    if pdfa:
        intent = pdfa[0]
        check('pdfa: the output intent names its condition',
              bool(text_of(intent.get('/OutputConditionIdentifier'))), repr(intent))
        ref = intent.get('/DestOutputProfile', '')
        profile = value(ref) or {}
        check('pdfa: the profile is an RGB one (/N 3)', profile.get('/N') == 3, repr(profile))
        with open(icc_path, 'rb') as f:
            want = f.read()
        got = qpdf('--show-object=' + ref.split()[0], '--filtered-stream-data', path) if ref else b''
        check('pdfa: the profile embedded is the repository\'s ICC file, byte for byte', got == want,
              f'{len(got)} bytes, the file has {len(want)}')

    # The XMP metadata.
    ref = root.get('/Metadata', '')
    meta = value(ref) or {}
    check('pdfa: /Metadata is an XML metadata stream',
          meta.get('/Type') == '/Metadata' and meta.get('/Subtype') == '/XML', repr(meta))
    check('pdfa: the metadata is not compressed', '/Filter' not in meta, repr(meta))
    raw = qpdf('--show-object=' + ref.split()[0], '--raw-stream-data', path) if ref else b''
    try:
        xmp = ET.fromstring(raw)
    except ET.ParseError as e:
        check('pdfa: the XMP parses', False, str(e))
        return
    check('pdfa: the XMP parses', True)
    check('pdfa: the XMP packet is wrapped in xpacket instructions',
          raw.startswith(b'<?xpacket begin=') and raw.rstrip().endswith(b'<?xpacket end="r"?>'), raw[:60])

    def one(path_):
        found = xmp.findall('.//' + path_, NS)
        return found[0].text if len(found) == 1 else None

    def alt(name):
        """The x-default entry of a language alternative, and the others."""
        items = xmp.findall(f'.//{name}/rdf:Alt/rdf:li', NS)
        default = [li.text for li in items if li.get(XML_LANG) == 'x-default']
        return (default[0] if len(default) == 1 else None), {li.get(XML_LANG): li.text for li in items}

    check('pdfa: pdfuaid:part is 1', one('pdfuaid:part') == '1', one('pdfuaid:part'))
    check('pdfa: pdfaid:part is 2', one('pdfaid:part') == '2', one('pdfaid:part'))
    check('pdfa: pdfaid:conformance is A', one('pdfaid:conformance') == 'A', one('pdfaid:conformance'))

    schemas = xmp.findall('.//pdfaExtension:schemas/rdf:Bag/rdf:li', NS)
    ua = [s for s in schemas if s.findtext('pdfaSchema:namespaceURI', None, NS) == NS['pdfuaid']]
    props = ua[0].findall('pdfaSchema:property/rdf:Seq/rdf:li', NS) if ua else []
    part = [p for p in props if p.findtext('pdfaProperty:name', None, NS) == 'part']
    check('pdfa: the extension schema declares pdfuaid with part (Integer, internal)',
          len(ua) == 1 and ua[0].findtext('pdfaSchema:prefix', None, NS) == 'pdfuaid' and len(part) == 1
          and part[0].findtext('pdfaProperty:valueType', None, NS) == 'Integer'
          and part[0].findtext('pdfaProperty:category', None, NS) == 'internal', f'{len(ua)} schemas for pdfuaid')

    # The Info dictionary and the XMP say the same.
    title, titles = alt('dc:title')
    check('pdfa: dc:title is the Info /Title', title is not None and title == text_of(info.get('/Title')),
          f'{title!r} vs {text_of(info.get("/Title"))!r}')
    lang = text_of(root.get('/Lang'))
    if lang:
        check('pdfa: dc:title has the catalog\'s language too', titles.get(lang) == title, repr(titles))
    creators = [li.text for li in xmp.findall('.//dc:creator/rdf:Seq/rdf:li', NS)]
    check('pdfa: dc:creator is the Info /Author', creators == [text_of(info.get('/Author'))],
          f'{creators!r} vs {text_of(info.get("/Author"))!r}')
    description, _ = alt('dc:description')
    check('pdfa: dc:description is the Info /Subject', description == text_of(info.get('/Subject')),
          f'{description!r} vs {text_of(info.get("/Subject"))!r}')
    for tag, key in (('pdf:Producer', '/Producer'), ('pdf:Keywords', '/Keywords'), ('xmp:CreatorTool', '/Creator')):
        check(f'pdfa: {tag} is the Info {key}', one(tag) == text_of(info.get(key)),
              f'{one(tag)!r} vs {text_of(info.get(key))!r}')
    for tag, key in (('xmp:CreateDate', '/CreationDate'), ('xmp:ModifyDate', '/ModDate')):
        a, b = xmp_date(one(tag)), pdf_date(text_of(info.get(key)))
        check(f'pdfa: {tag} is the same time as the Info {key}', a is not None and a == b,
              f'{one(tag)!r} vs {text_of(info.get(key))!r}')
    check('pdfa: xmp:MetadataDate is set', xmp_date(one('xmp:MetadataDate')) is not None, one('xmp:MetadataDate'))


if __name__ == '__main__':
    main()
    for name, good, reason in results:
        print(f'ok\t{name}' if good else f'not ok\t{name}\t{reason}')
    sys.exit(0 if all(good for _, good, _ in results) else 1)
