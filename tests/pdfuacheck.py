#!/usr/bin/python3
"""pdfuacheck.py: the machine-checkable part of PDF/UA-1 and PDF/A-2a.

    pdfuacheck.py FILE.pdf [--icc PROFILE.icc] [--pdfjs JSON]

Reads FILE.pdf with pikepdf (Debian's python3-pikepdf, hence /usr/bin/python3)
and checks, each failure on one line "page N: object R: what" (doc/matterhorn.md
maps the checks to the Matterhorn Protocol's conditions):

  content   every text, path and XObject drawn is inside a marked-content
            sequence that is an Artifact or has an MCID; BDC/EMC balanced
            and not crossing BT/ET
  parents   each MCID of a page is in the ParentTree under the page's
            /StructParents and points back to the element holding it; each
            MCID the tree holds is drawn on its page; none claimed twice
  elements  Figures have /Alt, THs a /Scope, Link annotations a Link
            element (OBJR), /Contents and the print flag; /Tabs /S
  headings  levels never skip; only standard structure types (or mapped)
  document  MarkInfo, Lang, DisplayDocTitle, Title = dc:title, XMP ids,
            OutputIntent with an RGB ICC profile, trailer ID, no Encrypt,
            fonts embedded, version at most 1.7
  text      the tree's text (its MCIDs' text decoded through ToUnicode) and
            poppler's page text without the artifacts are the same
            characters, and the flowing text (tables, contents and figures
            aside) is the same in the same order; pdfinfo -struct-text
            reads the same text
  pdfjs     (with --pdfjs) the headings, tables and figures pdf.js finds,
            page by page, are the ones found here

Exits 1 with the failures listed, 0 with a one-line summary.
"""
import collections
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Name, Dictionary, Array

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD_TYPES = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI
Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD
THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB
RT RP Warichu WT WP Figure Formula Form""".split())
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}

failures = []


def fail(page, obj, what):
    failures.append("page %s: %s: %s" % (page if page is not None else "-", obj, what))


def ref(obj):
    """An object's name in a message: "12 0 R", or "direct"."""
    try:
        num, gen = obj.objgen
    except Exception:
        return "direct"
    return "%d %d R" % (num, gen) if num else "direct"


def key(obj):
    """An identity for an object: its number, else the Python object."""
    try:
        if obj.objgen[0]:
            return obj.objgen
    except Exception:
        pass
    return ("direct", id(obj))


# ---- fonts: codes to Unicode ------------------------------------------------

def parse_tounicode(data):
    """A ToUnicode CMap's code -> text map, and the code width in bytes."""
    text = data.decode("latin-1")
    cmap = {}
    width = 1
    for m in re.finditer(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", text.split("begincodespacerange")[1].split("endcodespacerange")[0]) if "begincodespacerange" in text else []:
        width = max(width, len(m.group(1)) // 2)

    def utf16(hexstr):
        return bytes.fromhex(hexstr).decode("utf-16-be", "replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            cmap[int(src, 16)] = utf16(dst)
            width = max(width, len(src) // 2)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for m in re.finditer(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo, hi, dst = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            width = max(width, len(m.group(1)) // 2)
            if dst.startswith("["):
                for i, d in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", dst)):
                    cmap[lo + i] = utf16(d)
            else:
                base = bytes.fromhex(dst[1:-1])
                for i in range(hi - lo + 1):
                    last = int.from_bytes(base[-2:], "big") + i
                    cmap[lo + i] = (base[:-2] + last.to_bytes(2, "big")).decode("utf-16-be", "replace")
    return cmap, width


class Font:
    def __init__(self, font):
        self.cmap, self.width = None, 1
        if font.get("/Subtype") == Name.Type0:
            self.width = 2
        tu = font.get("/ToUnicode")
        if isinstance(tu, pikepdf.Stream):
            self.cmap, w = parse_tounicode(tu.read_bytes())
            if font.get("/Subtype") != Name.Type0:
                self.width = 1
            else:
                self.width = max(2, w) if w else 2

    def decode(self, data):
        out = []
        w = self.width
        for i in range(0, len(data) - w + 1, w):
            code = int.from_bytes(data[i:i + w], "big")
            if self.cmap is not None:
                out.append(self.cmap.get(code, "\ufffd"))
            else:
                out.append(chr(code) if w == 1 else "\ufffd")
        return "".join(out)


# ---- content streams ---------------------------------------------------------

class PageContent:
    """What a page draws: its MCIDs with their text, the artifacts' text."""

    def __init__(self, index):
        self.index = index
        self.mcid_text = collections.OrderedDict()  # mcid -> text
        self.artifact_text = []
        self.mcid_count = collections.Counter()
        self.line_break_after = set()


def walk_content(pdf, pc, stream_owner, resources, stack, seen_forms, fonts_cache, label):
    """Checks one content stream (a page's or a form's) drawn inside stack."""
    page = pc.index + 1
    try:
        ops = pikepdf.parse_content_stream(stream_owner)
    except Exception as e:
        fail(page, label, "content stream unreadable: %s" % e)
        return
    font = None
    bt_depth = None
    fonts = resources.get("/Font", Dictionary()) if resources is not None else Dictionary()
    xobjects = resources.get("/XObject", Dictionary()) if resources is not None else Dictionary()
    props = resources.get("/Properties", Dictionary()) if resources is not None else Dictionary()
    start_depth = len(stack)
    unmarked = collections.Counter()  # what is drawn outside, one line a kind

    def current():
        """Innermost MCID or artifact holding what is drawn now."""
        for entry in reversed(stack):
            if entry[0] == "artifact" or entry[0] == "mcid":
                return entry
        return None

    def add_text(s):
        owner = current()
        if owner is None:
            return
        if owner[0] == "artifact":
            pc.artifact_text.append(s)
        else:
            pc.mcid_text[owner[1]] = pc.mcid_text.get(owner[1], "") + s

    for operands, op in ops:
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            mcid = None
            if op == "BDC":
                pl = operands[1]
                if isinstance(pl, Name):
                    pl = props.get(str(pl), Dictionary())
                if isinstance(pl, Dictionary) and "/MCID" in pl:
                    mcid = int(pl.MCID)
            inside = {entry[0] for entry in stack}
            if tag == "/Artifact":
                if "mcid" in inside:
                    fail(page, label, "an Artifact inside tagged content (MCID %d)" % current()[1])
                stack.append(("artifact", None, tag))
            elif mcid is not None:
                if "artifact" in inside:
                    fail(page, label, "MCID %d inside an Artifact" % mcid)
                elif current() is not None and current()[0] == "mcid":
                    fail(page, label, "MCID %d nested inside MCID %d" % (mcid, current()[1]))
                pc.mcid_count[mcid] += 1
                pc.mcid_text.setdefault(mcid, "")
                stack.append(("mcid", mcid, tag))
            else:
                stack.append(("plain", None, tag))
        elif op == "EMC":
            if len(stack) <= start_depth:
                fail(page, label, "EMC without a BDC/BMC to close")
                continue
            if bt_depth is not None and len(stack) <= bt_depth:
                fail(page, label, "EMC inside BT/ET closes a sequence begun before BT")
            entry = stack.pop()
            if entry[0] == "mcid":
                pc.line_break_after.add(entry[1])
        elif op == "BT":
            bt_depth = len(stack)
        elif op == "ET":
            if bt_depth is not None and len(stack) != bt_depth:
                fail(page, label, "a marked-content sequence begun inside BT/ET is still open at ET")
            bt_depth = None
        elif op == "Tf":
            name = str(operands[0])
            f = fonts.get(name)
            if f is None:
                fail(page, label, "font %s not in the resources" % name)
                font = None
            else:
                k = key(f)
                if k not in fonts_cache:
                    fonts_cache[k] = Font(f)
                font = fonts_cache[k]
        elif op in ("Td", "TD", "T*", "Tm"):
            add_text("\n")
        elif op in TEXT_OPS or op in PAINT_OPS or op == "Do":
            if current() is None:
                what = {"Do": "XObject %s" % (operands[0] if operands else "")}.get(op, op)
                unmarked[what] += 1
            if op in TEXT_OPS and font is not None:
                if op in ("'", '"'):
                    add_text("\n")
                s = ""
                for item in operands[0] if op == "TJ" else [operands[-1]]:
                    if isinstance(item, pikepdf.String):
                        decoded = font.decode(bytes(item))
                        if "\ufffd" in decoded:
                            unmarked["text whose codes have no Unicode (ToUnicode)"] += 1
                        s += decoded
                    elif op == "TJ" and float(item) < -200:
                        s += " "
                add_text(s)
            if op == "Do" and operands:
                xo = xobjects.get(str(operands[0]))
                if xo is not None and xo.get("/Subtype") == Name.Form:
                    k = key(xo)
                    if k in seen_forms:
                        continue
                    walk_content(pdf, pc, xo, xo.get("/Resources", resources), stack,
                                 seen_forms | {k}, fonts_cache, "form %s" % ref(xo))
    for what, n in sorted(unmarked.items()):
        if what.startswith("text whose"):
            fail(page, label, "%d x %s" % (n, what))
        else:
            fail(page, label, "%d x %s drawn outside any Artifact or MCID sequence" % (n, what))
    if len(stack) != start_depth:
        fail(page, label, "%d marked-content sequence(s) never closed (BDC/EMC unbalanced)" % (len(stack) - start_depth))
        del stack[start_depth:]


# ---- the structure tree ---------------------------------------------------------

class Tree:
    def __init__(self, pdf, page_index):
        self.pdf = pdf
        self.page_index = page_index  # page objgen -> index
        root = pdf.Root.get("/StructTreeRoot")
        self.root = root
        self.rolemap = {}
        if root is not None and isinstance(root.get("/RoleMap"), Dictionary):
            for k, v in root.RoleMap.items():
                self.rolemap[k[1:]] = str(v)[1:]
        self.elements = []   # (element, role, depth, parent index) in tree order
        self.content = []    # (element index, kind, page, mcid or annot)
        if root is not None:
            self._walk_kids(root.get("/K"), None, 0, None)

    def role(self, elem):
        s = str(elem.get("/S", Name("/None")))[1:]
        seen = set()
        while s in self.rolemap and s not in STANDARD_TYPES and s not in seen:
            seen.add(s)
            s = self.rolemap[s]
        return s

    def page_of(self, obj, fallback):
        pg = obj.get("/Pg") if isinstance(obj, Dictionary) else None
        if pg is None:
            return fallback
        return self.page_index.get(key(pg))

    def _walk_kids(self, k, parent_idx, depth, page):
        if k is None:
            return
        if isinstance(k, Array):
            for kid in k:
                self._walk_kid(kid, parent_idx, depth, page)
        else:
            self._walk_kid(k, parent_idx, depth, page)

    def _walk_kid(self, kid, parent_idx, depth, page):
        if isinstance(kid, int) or (hasattr(kid, "__int__") and not isinstance(kid, (Dictionary, Array, pikepdf.Stream))):
            if parent_idx is None:
                fail(None, "StructTreeRoot", "an MCID directly under the root")
                return
            self.content.append((parent_idx, "mcid", page, int(kid)))
            return
        if not isinstance(kid, Dictionary):
            return
        t = kid.get("/Type")
        if t == Name.MCR:
            if "/Stm" in kid:
                return  # content of a form XObject: not used by Folio
            self.content.append((parent_idx, "mcid", self.page_of(kid, page), int(kid.MCID)))
            return
        if t == Name.OBJR:
            self.content.append((parent_idx, "objr", self.page_of(kid, page), kid.get("/Obj")))
            return
        if "/S" not in kid:
            fail(None, ref(kid), "a structure element without /S")
            return
        idx = len(self.elements)
        self.elements.append((kid, self.role(kid), depth, parent_idx))
        self._walk_kids(kid.get("/K"), idx, depth + 1, self.page_of(kid, page))


def number_tree(node, out, depth=0):
    if node is None or depth > 32:
        return
    nums = node.get("/Nums")
    if nums is not None:
        keys = [int(nums[i]) for i in range(0, len(nums) - 1, 2)]
        if keys != sorted(set(keys)):
            fail(None, "ParentTree", "the /Nums keys do not ascend (a number tree's must): %r"
                 % [k for i, k in enumerate(keys[1:]) if k <= keys[i]][:5])
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out, depth + 1)


# ---- the checks ------------------------------------------------------------------

def check_document(pdf, path, icc):
    root = pdf.Root
    version = pdf.pdf_version
    if tuple(int(x) for x in version.split(".")) > (1, 7):
        fail(None, "header", "PDF version %s above 1.7" % version)
    mi = root.get("/MarkInfo")
    if not (isinstance(mi, Dictionary) and mi.get("/Marked") is True):
        fail(None, "Catalog", "no /MarkInfo <</Marked true>>")
    if isinstance(mi, Dictionary) and mi.get("/Suspects") is True:
        fail(None, "Catalog", "/MarkInfo /Suspects is true")
    if "/StructTreeRoot" not in root:
        fail(None, "Catalog", "no /StructTreeRoot: the PDF is not tagged")
    lang = root.get("/Lang")
    if lang is None or not str(lang).strip():
        fail(None, "Catalog", "no /Lang")
    vp = root.get("/ViewerPreferences")
    if not (isinstance(vp, Dictionary) and vp.get("/DisplayDocTitle") is True):
        fail(None, "Catalog", "no /ViewerPreferences <</DisplayDocTitle true>>")
    if "/Encrypt" in pdf.trailer:
        fail(None, "trailer", "the file is encrypted")
    if "/ID" not in pdf.trailer:
        fail(None, "trailer", "no /ID")
    info_title = None
    if "/Info" in pdf.trailer and "/Title" in pdf.trailer.Info:
        info_title = str(pdf.trailer.Info.Title)
    if not info_title:
        fail(None, "Info", "no /Title")
    md = root.get("/Metadata")
    if not isinstance(md, pikepdf.Stream):
        fail(None, "Catalog", "no /Metadata (XMP) stream")
    else:
        check_xmp(md.read_bytes(), info_title, ref(md))
    check_output_intent(root, icc)


def xmp_value(tree, ns, name):
    """A property of XMP as element text or as an rdf:Description attribute."""
    for desc in tree.iter("{%s}Description" % NS["rdf"]):
        attr = desc.get("{%s}%s" % (NS[ns], name))
        if attr is not None:
            return attr.strip()
    el = tree.find(".//{%s}%s" % (NS[ns], name))
    if el is not None:
        lis = el.findall(".//{%s}li" % NS["rdf"])
        return (lis[0].text if lis else el.text or "").strip()
    return None


def check_xmp(data, info_title, label):
    try:
        tree = ET.fromstring(data)
    except ET.ParseError as e:
        fail(None, label, "XMP does not parse: %s" % e)
        return
    for ns, name, want in (("pdfuaid", "part", "1"), ("pdfaid", "part", "2"), ("pdfaid", "conformance", "A")):
        got = xmp_value(tree, ns, name)
        if got != want:
            fail(None, label, "XMP %s:%s is %r, not %r" % (ns, name, got, want))
    title = xmp_value(tree, "dc", "title")
    if not title:
        fail(None, label, "XMP has no dc:title")
    elif info_title is not None and title != info_title:
        fail(None, label, "XMP dc:title %r differs from Info /Title %r" % (title, info_title))


def check_output_intent(root, icc):
    intents = root.get("/OutputIntents")
    found = False
    for oi in intents or []:
        if oi.get("/S") != Name.GTS_PDFA1:
            continue
        found = True
        prof = oi.get("/DestOutputProfile")
        if not isinstance(prof, pikepdf.Stream):
            fail(None, ref(oi), "the PDF/A output intent has no ICC profile")
            continue
        if int(prof.get("/N", 0)) != 3:
            fail(None, ref(prof), "the output intent's ICC profile has /N %s, not 3" % prof.get("/N"))
        if icc is not None:
            with open(icc, "rb") as f:
                if prof.read_bytes() != f.read():
                    fail(None, ref(prof), "the output intent's ICC profile differs from %s" % icc)
    if not found:
        fail(None, "Catalog", "no /OutputIntents with /S /GTS_PDFA1")


def dict_values(d):
    return [d[k] for k in d.keys()] if isinstance(d, Dictionary) else []


def check_fonts(pdf):
    seen = set()

    def font_ok(font, page):
        k = key(font)
        if k in seen:
            return
        seen.add(k)
        sub = font.get("/Subtype")
        if sub == Name.Type3:
            return
        if sub == Name.Type0:
            for d in font.get("/DescendantFonts", []):
                font_ok(d, page)
            return
        if sub == Name.CIDFontType2:
            c2g = font.get("/CIDToGIDMap")
            if not (c2g == Name.Identity or isinstance(c2g, pikepdf.Stream)):
                fail(page, ref(font), "CIDFontType2 without a CIDToGIDMap (Identity or a stream)")
        fd = font.get("/FontDescriptor")
        if not isinstance(fd, Dictionary) or not any(f in fd for f in ("/FontFile", "/FontFile2", "/FontFile3")):
            fail(page, ref(font), "font %s not embedded" % font.get("/BaseFont"))

    def resources(res, page, depth=0):
        if not isinstance(res, Dictionary) or depth > 8:
            return
        for f in dict_values(res.get("/Font")):
            font_ok(f, page)
        for xo in dict_values(res.get("/XObject")):
            if xo.get("/Subtype") == Name.Form and key(xo) not in seen:
                seen.add(key(xo))
                resources(xo.get("/Resources"), page, depth + 1)

    for i, page in enumerate(pdf.pages):
        resources(page.obj.get("/Resources"), i + 1)


def check_parents(pdf, tree, contents):
    """MCIDs drawn and MCIDs in the tree, through the ParentTree."""
    root = tree.root
    if root is None:
        return {}
    parent_tree = {}
    number_tree(root.get("/ParentTree"), parent_tree)
    claimed = {}
    for elem_idx, kind, page, val in tree.content:
        if kind != "mcid":
            continue
        elem = tree.elements[elem_idx][0]
        if page is None:
            fail(None, ref(elem), "MCID %d with no /Pg" % val)
            continue
        if (page, val) in claimed:
            fail(page + 1, ref(elem), "MCID %d claimed twice in the tree" % val)
        claimed[(page, val)] = elem_idx
        if val not in contents[page].mcid_count:
            fail(page + 1, ref(elem), "the tree's MCID %d is not drawn on the page" % val)
    for i, pg in enumerate(pdf.pages):
        pc = contents[i]
        for mcid, n in pc.mcid_count.items():
            if n > 1:
                fail(i + 1, "content", "MCID %d used by %d sequences" % (mcid, n))
        if not pc.mcid_count:
            continue
        sp = pg.obj.get("/StructParents")
        if sp is None:
            fail(i + 1, ref(pg.obj), "page has MCIDs but no /StructParents")
            continue
        arr = parent_tree.get(int(sp))
        if not isinstance(arr, Array):
            fail(i + 1, ref(pg.obj), "ParentTree has no array for /StructParents %d" % int(sp))
            continue
        for mcid in pc.mcid_count:
            if mcid >= len(arr) or not isinstance(arr[mcid], Dictionary):
                fail(i + 1, "MCID %d" % mcid, "no ParentTree entry")
                continue
            want = arr[mcid]
            holder = claimed.get((i, mcid))
            if holder is None:
                fail(i + 1, "MCID %d" % mcid, "drawn but in no structure element")
            elif key(tree.elements[holder][0]) != key(want):
                fail(i + 1, "MCID %d" % mcid, "ParentTree points to %s, the tree holds it in %s"
                     % (ref(want), ref(tree.elements[holder][0])))
    return parent_tree


# What a grouping element may hold (ISO 32000-1, tables 333 to 337, as
# the Matterhorn Protocol's 09-004 to 09-006 read them), and what may hold
# its parts.
CHILDREN = {
    "L": {"LI", "L", "Caption"},
    "LI": {"Lbl", "LBody"},
    "Table": {"THead", "TBody", "TFoot", "TR", "Caption"},
    "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"},
    "TR": {"TH", "TD"},
    "TOC": {"TOCI", "TOC", "Caption"},
    "TOCI": {"Link", "Reference", "Lbl", "P", "NonStruct", "TOC"},
}
PARENTS = {"LI": {"L"}, "TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
           "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"}, "TOCI": {"TOC"},
           "Lbl": {"LI", "TOCI"}, "LBody": {"LI"}}


def check_nesting(tree):
    for elem, role, _, parent in tree.elements:
        up = tree.elements[parent][1] if parent is not None else None
        if up in CHILDREN and role not in CHILDREN[up]:
            fail(page_no(tree, elem), ref(elem), "%s inside %s, which may hold only %s"
                 % (role, up, ", ".join(sorted(CHILDREN[up]))))
        if role in PARENTS and up not in PARENTS[role]:
            fail(page_no(tree, elem), ref(elem), "%s inside %s, not in %s" % (role, up, " or ".join(sorted(PARENTS[role]))))


def check_notes(tree):
    seen = set()
    for elem, role, _, _ in tree.elements:
        if role != "Note":
            continue
        ident = elem.get("/ID")
        if ident is None or not bytes(ident):
            fail(page_no(tree, elem), ref(elem), "Note without /ID")
        elif bytes(ident) in seen:
            fail(page_no(tree, elem), ref(elem), "Note /ID %r used twice" % bytes(ident))
        else:
            seen.add(bytes(ident))


def check_elements(pdf, tree, parent_tree):
    check_nesting(tree)
    check_notes(tree)
    for elem, role, _, _ in tree.elements:
        if role == "Figure":
            alt = elem.get("/Alt")
            if alt is None or not str(alt).strip():
                fail(page_no(tree, elem), ref(elem), "Figure without /Alt")
        if role == "TH":
            if attribute(elem, "/Table", "/Scope") is None:
                fail(page_no(tree, elem), ref(elem), "TH without /Scope")
        if role not in STANDARD_TYPES:
            fail(page_no(tree, elem), ref(elem), "structure type /%s is not standard and not role-mapped"
                 % str(elem.get("/S"))[1:])
    objrs = {}
    for elem_idx, kind, page, val in tree.content:
        if kind == "objr" and val is not None:
            objrs[key(val)] = elem_idx
    for i, pg in enumerate(pdf.pages):
        annots = pg.obj.get("/Annots") or []
        if len(annots) and pg.obj.get("/Tabs") != Name.S:
            fail(i + 1, ref(pg.obj), "page with annotations has no /Tabs /S")
        for a in annots:
            sub = a.get("/Subtype")
            if sub in (Name.Popup,):
                continue
            sp = a.get("/StructParent")
            if sp is None:
                fail(i + 1, ref(a), "%s annotation without /StructParent" % sub)
            else:
                elem = parent_tree.get(int(sp))
                if not isinstance(elem, Dictionary):
                    fail(i + 1, ref(a), "/StructParent %d is not in the ParentTree" % int(sp))
                else:
                    holder = objrs.get(key(a))
                    if holder is None or key(tree.elements[holder][0]) != key(elem):
                        fail(i + 1, ref(a), "the element of /StructParent %d holds no OBJR to the annotation" % int(sp))
                    if sub == Name.Link and tree.role(elem) != "Link":
                        fail(i + 1, ref(a), "Link annotation's element is %s, not Link" % tree.role(elem))
            if sub == Name.Link:
                c = a.get("/Contents")
                if c is None or not str(c).strip():
                    fail(i + 1, ref(a), "Link annotation without /Contents")
            if not (int(a.get("/F", 0)) & 4):
                fail(i + 1, ref(a), "annotation without the print flag (/F 4)")


def attribute(elem, owner, name):
    a = elem.get("/A")
    items = a if isinstance(a, Array) else [a] if a is not None else []
    for d in items:
        if isinstance(d, Dictionary) and d.get("/O") == Name(owner) and name in d:
            return d[name]
    return None


def page_no(tree, elem):
    p = tree.page_of(elem, None)
    return p + 1 if p is not None else None


def check_headings(tree):
    deepest = 0
    kinds = set()
    for elem, role, _, _ in tree.elements:
        if role == "H":
            kinds.add("H")
        m = re.fullmatch(r"H([1-6])", role)
        if not m:
            continue
        kinds.add("Hn")
        level = int(m.group(1))
        if deepest == 0 and level != 1:
            fail(page_no(tree, elem), ref(elem), "the first heading is %s, not H1" % role)
        elif level > deepest + 1:
            fail(page_no(tree, elem), ref(elem), "%s after headings no deeper than H%d" % (role, deepest))
        deepest = max(deepest, level)
    if kinds == {"H", "Hn"}:
        fail(None, "StructTreeRoot", "both H and H1-H6 headings")


# ---- text ---------------------------------------------------------------------

def squeeze(s):
    """Text without its spaces and soft hyphens (U+00AD: the hyphen a
    line break put in a word, which readers drop)."""
    return re.sub(r"[\s\xad]+", "", s)


def dehyphen(s):
    """Joins a word hyphenated at a line's end: 'integra-\\ntion'."""
    return re.sub(r"(\w)-[ \t]*\n\s*(?=[a-z])", r"\1", s)


def regions(tree):
    """Each element's region: the outermost Table, TOC or Figure holding
    it, or None when it flows."""
    region_of = {}
    for idx in range(len(tree.elements)):
        region, up = None, idx
        while up is not None:
            if tree.elements[up][1] in ("Table", "Figure", "TOC"):
                region = up
            up = tree.elements[up][3]
        region_of[idx] = region
    return region_of


def tree_text(tree, contents, flow_only):
    """The tree's text in tree order.  A figure's text is left out: its
    /Alt is what a reader gets, and where poppler puts the labels of a
    drawing among the page's lines is no reading order.  With flow_only,
    tables and contents are left out too: poppler reads their columns as
    the page lays them out (a cell's second line after the next cell's
    first, a page number at the far right), the tree cell by cell."""
    region_of = regions(tree)
    out = []
    for elem_idx, kind, page, val in tree.content:
        if kind != "mcid" or page is None or page >= len(contents):
            continue
        region = region_of.get(elem_idx)
        if region is not None and (flow_only or tree.elements[region][1] == "Figure"):
            continue
        out.append(contents[page].mcid_text.get(val, ""))
    return "\n".join(out)


def hidden_mcids(tree, flow_only):
    """Per page, the MCIDs whose drawing the page copy for poppler leaves
    out, to match tree_text."""
    region_of = regions(tree)
    hidden = collections.defaultdict(set)
    for elem_idx, kind, page, val in tree.content:
        region = region_of.get(elem_idx)
        if kind == "mcid" and region is not None and (flow_only or tree.elements[region][1] == "Figure"):
            hidden[page].add(int(val))
    return hidden


def strip_content(pdf, out_path, hidden):
    """A copy of the PDF without what Artifact sequences draw, nor the
    sequences whose MCIDs hidden[page] holds, for poppler."""
    for number, page in enumerate(pdf.pages):
        ops = pikepdf.parse_content_stream(page)
        kept, depth = [], 0
        for operands, op in ops:
            o = str(op)
            if depth:
                if o in ("BDC", "BMC"):
                    depth += 1
                elif o == "EMC":
                    depth -= 1
                # keep text state and positioning, drop what is drawn
                if o in TEXT_OPS or o in PAINT_OPS or o == "Do" or o in ("BDC", "BMC", "EMC"):
                    continue
                kept.append((operands, op))
                continue
            if o in ("BDC", "BMC") and (str(operands[0]) == "/Artifact" or mcid_of(operands) in hidden[number]):
                depth = 1
                continue
            kept.append((operands, op))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    pdf.save(out_path)


def mcid_of(operands):
    props = operands[1] if len(operands) > 1 else None
    if isinstance(props, Dictionary) and "/MCID" in props:
        return int(props.MCID)
    return None


def page_text(path, pdf, hidden):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "copy.pdf")
        with pikepdf.open(path) as again:
            strip_content(again, copy, hidden)
        return squeeze(dehyphen(poppler_text(copy, len(pdf.pages))))


def poppler_text(path, pages):
    out = []
    for p in range(1, pages + 1):
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(p), "-l", str(p), path, "-"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail(p, "pdftotext", r.stderr.strip())
        out.append(r.stdout.replace("\f", "\n"))
    return "\n".join(out)


def context(s, i, n=30):
    return s[max(0, i - n):i] + "|" + s[i:i + n]


def check_text(path, pdf, tree, contents):
    # Nothing missing, nothing doubled: all the text read, tables and
    # contents included, is the page's text without its artifacts.
    tree_all = squeeze(dehyphen(tree_text(tree, contents, False)))
    page_all = page_text(path, pdf, hidden_mcids(tree, False))
    if collections.Counter(tree_all) != collections.Counter(page_all):
        more = collections.Counter(page_all) - collections.Counter(tree_all)
        fewer = collections.Counter(tree_all) - collections.Counter(page_all)
        fail(None, "text", "the page and the tree have other characters: the page %r more, %r fewer"
             % (dict(more.most_common(5)), dict(fewer.most_common(5))))
    # In reading order: the flowing text (tables, contents and figures
    # aside) is the page's, character for character.
    t = squeeze(dehyphen(tree_text(tree, contents, True)))
    got = page_text(path, pdf, hidden_mcids(tree, True))
    if got != t:
        i = next((k for k in range(min(len(t), len(got))) if t[k] != got[k]), min(len(t), len(got)))
        fail(None, "text", "the tree reads %r where the page reads %r" % (context(t, i), context(got, i)))
    # A second reading of the tree: poppler's.
    r = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True)
    if r.returncode != 0 or not r.stdout.strip():
        fail(None, "pdfinfo -struct-text", "no structure printed: %s" % r.stderr.strip()[:200])
        return
    quoted = "".join(re.findall(r'^\s*"(.*)"\s*$', r.stdout, re.M))
    raw = "\n".join(contents[page].mcid_text.get(val, "")
                    for _, kind, page, val in tree.content
                    if kind == "mcid" and page is not None and page < len(contents))
    poppler, ours = collections.Counter(squeeze(quoted)), collections.Counter(squeeze(raw))
    # poppler prints a soft hyphen as '-' with some fonts and drops it
    # with others: as many more '-' as the text has soft hyphens is the
    # same reading.
    more, fewer = poppler - ours, ours - poppler
    if not fewer and set(more) <= {"-"} and more["-"] <= raw.count("\xad"):
        more = collections.Counter()
    if more or fewer:
        fail(None, "pdfinfo -struct-text", "poppler's reading of the tree has other characters than the tree's "
             "MCIDs: %r more, %r fewer" % (dict(more.most_common(5)), dict(fewer.most_common(5))))


# ---- pdf.js's reading --------------------------------------------------------------

def per_page_view(tree, contents):
    """What pdf.js shows per page: the headings (role, text), the tables
    (TH count) and the figures (alt) that have content on that page."""
    npages = len(contents)
    view = [{"headings": [], "tables": [], "figures": []} for _ in range(npages)]
    on_page = collections.defaultdict(set)  # element -> pages with content under it
    text_on = collections.defaultdict(str)  # (element, page) -> text
    for elem_idx, kind, page, val in tree.content:
        if page is None:
            continue
        e = elem_idx
        while e is not None:
            on_page[e].add(page)
            if kind == "mcid":
                text_on[(e, page)] += contents[page].mcid_text.get(val, "") if page < npages else ""
            e = tree.elements[e][3]
    for idx, (elem, role, _, _) in enumerate(tree.elements):
        for p in sorted(on_page[idx]):
            if re.fullmatch(r"H[1-6]?", role):
                view[p]["headings"].append([role, squeeze(text_on[(idx, p)])])
            elif role == "Table":
                ths = sum(1 for j, e in enumerate(tree.elements) if e[1] == "TH" and p in on_page[j] and under(tree, j, idx))
                view[p]["tables"].append(ths)
            elif role == "Figure":
                view[p]["figures"].append(str(elem.get("/Alt", "")))
    return view


def under(tree, j, anc):
    e = tree.elements[j][3]
    while e is not None:
        if e == anc:
            return True
        e = tree.elements[e][3]
    return False


def check_pdfjs(json_path, view):
    import json
    with open(json_path, encoding="utf-8") as f:
        js = json.load(f)
    pages = js.get("pages", [])
    if len(pages) != len(view):
        fail(None, "pdf.js", "pdf.js read %d pages, pikepdf %d" % (len(pages), len(view)))
    for i, (a, b) in enumerate(zip(pages, view)):
        ha = [[h["role"], squeeze(h["text"])] for h in a["headings"]]
        if ha != b["headings"]:
            fail(i + 1, "pdf.js", "headings differ: pdf.js %s, pikepdf %s" % (ha, b["headings"]))
        ta = [t["th"] for t in a["tables"]]
        if ta != b["tables"]:
            fail(i + 1, "pdf.js", "tables (TH per table) differ: pdf.js %s, pikepdf %s" % (ta, b["tables"]))
        fa = [f["alt"] for f in a["figures"]]
        if fa != b["figures"]:
            fail(i + 1, "pdf.js", "figures' alt differ: pdf.js %s, pikepdf %s" % (fa, b["figures"]))


def main(argv):
    args = argv[1:]
    icc = pdfjs = None
    if "--icc" in args:
        i = args.index("--icc")
        icc = args[i + 1]
        del args[i:i + 2]
    if "--pdfjs" in args:
        i = args.index("--pdfjs")
        pdfjs = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = args[0]
    pdf = pikepdf.open(path)
    page_index = {key(p.obj): i for i, p in enumerate(pdf.pages)}
    check_document(pdf, path, icc)
    check_fonts(pdf)
    contents = []
    fonts_cache = {}
    for i, page in enumerate(pdf.pages):
        pc = PageContent(i)
        walk_content(pdf, pc, page, page.obj.get("/Resources"), [], frozenset(), fonts_cache, "content")
        contents.append(pc)
    tree = Tree(pdf, page_index)
    parent_tree = check_parents(pdf, tree, contents)
    check_elements(pdf, tree, parent_tree)
    check_headings(tree)
    if tree.root is not None:
        check_text(path, pdf, tree, contents)
    if pdfjs is not None:
        check_pdfjs(pdfjs, per_page_view(tree, contents))
    if failures:
        shown = failures[:200]
        print("\n".join(shown))
        if len(failures) > len(shown):
            print("... and %d more" % (len(failures) - len(shown)))
        return 1
    roles = collections.Counter(r for _, r, _, _ in tree.elements)
    print("%s: PDF/UA checks pass: %d elements, %d MCIDs, %d figures, %d tables, %d links, %d headings"
          % (path, len(tree.elements), sum(len(c.mcid_count) for c in contents), roles["Figure"],
             roles["Table"], roles["Link"], sum(v for k, v in roles.items() if re.fullmatch(r"H[1-6]?", k))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
