/*
 * rawpdf: the objects libharu has no API for, written through its
 * internal one (rawpdf.h).
 */
#include "pdf/rawpdf.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_doc.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/xalloc.h"

/* ---- what libharu writes wrongly or cannot say --------------------------- */

void rawpdf_identity_cmap(struct buf *b)
{
	buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned highs[256], n = 0;
	for (unsigned hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			highs[n++] = hi;
	for (unsigned i = 0; i < n; i += 100) {
		unsigned block = n - i < 100 ? n - i : 100;
		buf_printf(b, "%u beginbfrange\n", block);
		for (unsigned k = i; k < i + block; k++)
			buf_printf(b, "<%02X00> <%02XFF> <%02X00>\n", highs[k], highs[k], highs[k]);
		buf_puts(b, "endbfrange\n");
	}
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

HPDF_STATUS rawpdf_to_unicode(HPDF_Font font, const struct buf *cmap)
{
	HPDF_Dict tu = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
	if (tu == NULL || tu->stream == NULL)
		return HPDF_INVALID_OBJECT;
	/* The stream dict keeps the encoding CMap's entries, which a
	 * ToUnicode stream must not have. */
	static const char *const keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		HPDF_Dict_RemoveElement(tu, keys[i]);
	HPDF_MemStream_FreeData(tu->stream);
	return HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)cmap->data, (HPDF_UINT)cmap->len);
}

HPDF_STATUS rawpdf_language(HPDF_Doc doc, const char *language)
{
	HPDF_String lang = HPDF_String_New(doc->mmgr, language, NULL);
	return lang ? HPDF_Dict_Add(doc->catalog, "Lang", lang) : HPDF_GetError(doc);
}

HPDF_STATUS rawpdf_keep_zoom(HPDF_Destination dst)
{
	HPDF_Array a = dst;
	void *zoom = HPDF_List_RemoveByIndex(a->list, a->list->count - 1);
	if (zoom)
		HPDF_Obj_Free(a->mmgr, zoom);
	HPDF_Null null = HPDF_Null_New(a->mmgr);
	return null ? HPDF_Array_Add(a, null) : HPDF_FAILD_TO_ALLOC_MEM;
}

/* The caller's writer, behind libharu's callback. */
struct writer {
	bool (*write)(void *data, const void *bytes, size_t n);
	void *data;
};

static HPDF_STATUS HPDF_STDCALL write_through(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	const struct writer *w = stream->attr;
	return w->write(w->data, ptr, size) ? HPDF_OK : HPDF_FILE_IO_ERROR;
}

HPDF_STATUS rawpdf_save(HPDF_Doc doc, bool (*write)(void *data, const void *bytes, size_t n), void *data)
{
	struct writer w = {write, data};
	HPDF_Stream stream = HPDF_CallbackWriter_New(doc->mmgr, write_through, &w);
	if (stream == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	/* HPDF_SaveToStream saves into the stream the document holds */
	doc->stream = stream;
	HPDF_STATUS status = HPDF_SaveToStream(doc);
	doc->stream = NULL;
	HPDF_Stream_Free(stream);
	return status;
}

/* The error an internal call left in the document, passed to the error
 * handler as the public calls do; one is made up if a call failed
 * without leaving any. */
static HPDF_STATUS failure(HPDF_Doc doc)
{
	HPDF_STATUS status = HPDF_CheckError(&doc->error);
	return status != HPDF_OK ? status : HPDF_RaiseError(&doc->error, HPDF_INVALID_OBJECT, 0);
}

/* ---- tagged PDF --------------------------------------------------------- */

/* Appends op to page's content stream, where libharu writes its own
 * operators: marked content is a pair of operators libharu lacks. */
static HPDF_STATUS write_op(HPDF_Page page, const char *op)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	return HPDF_Stream_WriteStr(attr->stream, op);
}

HPDF_STATUS rawpdf_begin_marked(HPDF_Page page, enum tag_role role, size_t mcid)
{
	char op[64];
	snprintf(op, sizeof op, "/%s <</MCID %zu>> BDC\012", tags_role_name(role), mcid);
	return write_op(page, op);
}

HPDF_STATUS rawpdf_begin_artifact(HPDF_Page page, const char *type, const char *subtype)
{
	char op[96];
	if (subtype)
		snprintf(op, sizeof op, "/Artifact <</Type /%s /Subtype /%s>> BDC\012", type, subtype);
	else
		snprintf(op, sizeof op, "/Artifact <</Type /%s>> BDC\012", type);
	return write_op(page, op);
}

HPDF_STATUS rawpdf_end_marked(HPDF_Page page)
{
	return write_op(page, "EMC\012");
}

/* A text string: printable ASCII as it is (PDFDocEncoding agrees), else
 * UTF-16BE with a byte order mark, which libharu writes when given its
 * UTF-8 encoder: four hex digits a character, so only where needed. */
static HPDF_String text_string(HPDF_Doc doc, const char *text)
{
	bool ascii = true;
	for (const unsigned char *c = (const unsigned char *)text; *c && ascii; c++)
		ascii = *c >= 0x20 && *c < 0x7F;
	return HPDF_String_New(doc->mmgr, text, ascii ? NULL : HPDF_GetEncoder(doc, "UTF-8"));
}

HPDF_STATUS rawpdf_annot_text(HPDF_Doc doc, HPDF_Annotation annot, const char *contents)
{
	HPDF_STATUS status = HPDF_Dict_AddNumber(annot, "F", 4);
	if (status == HPDF_OK && contents && *contents) {
		HPDF_String s = text_string(doc, contents);
		status = s ? HPDF_Dict_Add(annot, "Contents", s) : HPDF_GetError(doc);
	}
	return status;
}

/* ---- the structure tree, as PDF text ------------------------------------ */

/* The number libharu gave obj (a page, an annotation, a dictionary added
 * to its cross-reference table). */
static size_t object_number(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

static void put_ref(struct buf *b, size_t number)
{
	buf_put_long(b, (long)number);
	buf_puts(b, " 0 R");
}

/* A real as libharu writes one: at most five decimals, no trailing zeros. */
static void put_real(struct buf *b, double v)
{
	char s[48];
	int n = snprintf(s, sizeof s, "%.5f", (double)(float)v);
	while (n > 0 && s[n - 1] == '0')
		n--;
	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 2 && s[0] == '-' && s[1] == '0')      /* -0.000001 */
		buf_putc(b, '0');
	else
		buf_put(b, s, (size_t)n);
}

/* The code point of the UTF-8 sequence at *s, moving past it; an invalid
 * byte is U+FFFD. */
static unsigned next_code_point(const unsigned char **s)
{
	const unsigned char *c = *s;
	unsigned len = c[0] < 0x80 ? 1 : c[0] >= 0xC2 && c[0] < 0xE0 ? 2 : c[0] >= 0xE0 && c[0] < 0xF0 ? 3
	               : c[0] >= 0xF0 && c[0] < 0xF5 ? 4 : 0;
	unsigned cp = len == 1 ? c[0] : len == 2 ? c[0] & 0x1Fu : len == 3 ? c[0] & 0x0Fu : c[0] & 0x07u;
	for (unsigned i = 1; i < len; i++) {
		if ((c[i] & 0xC0) != 0x80) {
			len = 0;
			break;
		}
		cp = cp << 6 | (c[i] & 0x3Fu);
	}
	bool overlong = (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
	if (len == 0 || overlong || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*s = c + 1;
		return 0xFFFD;
	}
	*s = c + len;
	return cp;
}

static void put_utf16_unit(struct buf *b, unsigned unit)
{
	static const char hex[] = "0123456789ABCDEF";
	for (int shift = 12; shift >= 0; shift -= 4)
		buf_putc(b, hex[unit >> shift & 15]);
}

/* A text string, as text_string makes one for libharu: printable ASCII as
 * a literal, anything else as UTF-16BE with a byte order mark, in hex. */
static void put_text(struct buf *b, const char *text)
{
	bool ascii = true;
	for (const unsigned char *c = (const unsigned char *)text; *c && ascii; c++)
		ascii = *c >= 0x20 && *c < 0x7F;
	if (ascii) {
		buf_putc(b, '(');
		for (const char *c = text; *c; c++) {
			if (*c == '(' || *c == ')' || *c == '\\')
				buf_putc(b, '\\');
			buf_putc(b, *c);
		}
		buf_putc(b, ')');
		return;
	}
	buf_puts(b, "<FEFF");
	for (const unsigned char *c = (const unsigned char *)text; *c;) {
		unsigned cp = next_code_point(&c);
		if (cp >= 0x10000) {
			put_utf16_unit(b, 0xD800 + ((cp - 0x10000) >> 10));
			put_utf16_unit(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
		} else {
			put_utf16_unit(b, cp);
		}
	}
	buf_putc(b, '>');
}

static void put_key_text(struct buf *b, const char *key, const char *text)
{
	if (text == NULL)
		return;
	buf_puts(b, key);
	put_text(b, text);
}

/* What writing the tree needs: the numbers of the objects it refers to. */
struct rawpdf_tree {
	const struct tags *t;           /* borrowed */
	size_t *page;                   /* owned: page i's object number */
	size_t npages;
	size_t *annot;                  /* owned: annotation a's object number */
	size_t *link_of;                /* owned: annotation a's Link element (0: none) */
	size_t nannots;
	size_t root;                    /* the StructTreeRoot's stand-in */
};

/* The page an element's content starts on, or npages when it has none of
 * its own. */
static size_t first_page(const struct tag_element *e, size_t npages)
{
	for (size_t i = 0; i < e->nkids; i++)
		if (e->kids[i].kind != TAG_KID_ELEMENT)
			return e->kids[i].page;
	return npages;
}

/* /A: a TH's Scope (a Table attribute), a Figure's BBox (a Layout one);
 * an array of both if an element ever had both. */
static void put_attributes(struct buf *b, const struct tag_element *e)
{
	bool scope = e->scope != TAG_SCOPE_NONE;
	if (!scope && !e->has_box)
		return;
	buf_puts(b, scope && e->has_box ? "/A[" : "/A");
	if (scope)
		buf_puts(b, e->scope == TAG_SCOPE_ROW ? "<</O/Table/Scope/Row>>" : "<</O/Table/Scope/Column>>");
	if (e->has_box) {
		buf_puts(b, "<</O/Layout/BBox[");
		for (int i = 0; i < 4; i++) {
			if (i)
				buf_putc(b, ' ');
			put_real(b, e->box[i]);
		}
		buf_puts(b, "]>>");
	}
	if (scope && e->has_box)
		buf_putc(b, ']');
}

/* A kid that is content: its MCID alone when it is on the element's page,
 * else a marked-content reference naming its page; an annotation as an
 * object reference. */
static void put_content_kid(struct buf *b, const struct rawpdf_tree *tree, const struct tag_kid *kid, size_t pg)
{
	if (kid->kind == TAG_KID_CONTENT && kid->page == pg) {
		buf_put_long(b, (long)kid->mcid);
		return;
	}
	buf_puts(b, "<</Pg ");
	put_ref(b, tree->page[kid->page]);
	if (kid->kind == TAG_KID_CONTENT) {
		buf_puts(b, "/Type/MCR/MCID ");
		buf_put_long(b, (long)kid->mcid);
	} else {
		buf_puts(b, "/Type/OBJR/Obj ");
		put_ref(b, tree->annot[kid->annot]);
	}
	buf_puts(b, ">>");
}

/* Element id's StructElem (/Type /StructElem is optional: left out, 17
 * bytes less an element); element k is object first + k. */
static void put_element(struct buf *b, const struct rawpdf_tree *tree, size_t id, size_t first)
{
	const struct tag_element *e = tags_at(tree->t, id);
	buf_puts(b, "<</S/");
	buf_puts(b, tags_role_name(e->role));
	buf_puts(b, "/P ");
	put_ref(b, id == 0 ? tree->root : first + e->parent);
	size_t pg = first_page(e, tree->npages);
	if (pg < tree->npages) {
		buf_puts(b, "/Pg ");
		put_ref(b, tree->page[pg]);
	}
	if (e->role == TAG_NOTE) {      /* PDF/UA wants each note to have a unique ID */
		buf_puts(b, "/ID(note-");
		buf_put_long(b, (long)id);
		buf_putc(b, ')');
	}
	put_key_text(b, "/Alt", e->alt);
	put_key_text(b, "/ActualText", e->actual);
	put_attributes(b, e);
	buf_puts(b, "/K[");
	for (size_t i = 0; i < e->nkids; i++) {
		if (i)
			buf_putc(b, ' ');
		if (e->kids[i].kind == TAG_KID_ELEMENT)
			put_ref(b, first + e->kids[i].id);
		else
			put_content_kid(b, tree, &e->kids[i], pg);
	}
	buf_puts(b, "]>>");
}

/* The elements each page's sequences belong to, by MCID, read from the
 * tree's kids in one pass: page i's are owner[start[i]..start[i + 1]).
 * Caller frees both. */
static size_t *owners_by_page(const struct rawpdf_tree *tree, size_t **start_out)
{
	size_t *start = xcalloc(tree->npages + 1, sizeof *start);
	for (size_t id = 1; id < tags_count(tree->t); id++) {
		const struct tag_element *e = tags_at(tree->t, id);
		for (size_t i = 0; i < e->nkids; i++) {
			const struct tag_kid *k = &e->kids[i];
			if (k->kind == TAG_KID_CONTENT && k->mcid >= start[k->page + 1])
				start[k->page + 1] = k->mcid + 1;
		}
	}
	for (size_t i = 0; i < tree->npages; i++)
		start[i + 1] += start[i];
	size_t *owner = xcalloc(start[tree->npages] ? start[tree->npages] : 1, sizeof *owner);
	for (size_t id = 1; id < tags_count(tree->t); id++) {
		const struct tag_element *e = tags_at(tree->t, id);
		for (size_t i = 0; i < e->nkids; i++)
			if (e->kids[i].kind == TAG_KID_CONTENT)
				owner[start[e->kids[i].page] + e->kids[i].mcid] = id;
	}
	*start_out = start;
	return owner;
}

/* The StructTreeRoot with its parent tree: for page i (key i) the array
 * of the elements its sequences belong to (object first + count + i), for
 * annotation a (key npages + a) its Link. */
static void put_root(struct buf *b, const struct rawpdf_tree *tree, size_t first)
{
	size_t count = tags_count(tree->t);
	buf_puts(b, "<</Type/StructTreeRoot/K ");
	put_ref(b, first);
	buf_puts(b, "/ParentTree<</Nums[");
	for (size_t i = 0; i < tree->npages; i++) {
		buf_put_long(b, (long)i);
		buf_putc(b, ' ');
		put_ref(b, first + count + i);
		buf_putc(b, ' ');
	}
	/* in the annotations' order: a number tree's keys ascend */
	for (size_t a = 0; a < tree->nannots; a++) {
		if (tree->link_of[a] == 0)
			continue;
		buf_put_long(b, (long)(tree->npages + a));
		buf_putc(b, ' ');
		put_ref(b, first + tree->link_of[a]);
		buf_putc(b, ' ');
	}
	buf_puts(b, "]>>/ParentTreeNextKey ");
	buf_put_long(b, (long)(tree->npages + tree->nannots));
	buf_puts(b, ">>");
}

/* The root, the elements, then the parent tree's arrays, for objstm. */
static void tree_objects(void *data, size_t first, struct objstm_added *a)
{
	const struct rawpdf_tree *tree = data;
	put_root(&a->text, tree, first);
	objstm_added_end(a);
	size_t count = tags_count(tree->t);
	for (size_t id = 0; id < count; id++) {
		put_element(&a->text, tree, id, first);
		objstm_added_end(a);
	}
	size_t *start;
	size_t *owner = owners_by_page(tree, &start);
	for (size_t i = 0; i < tree->npages; i++) {
		buf_putc(&a->text, '[');
		for (size_t m = start[i]; m < start[i + 1]; m++) {
			if (m > start[i])
				buf_putc(&a->text, ' ');
			put_ref(&a->text, first + owner[m]);
		}
		buf_putc(&a->text, ']');
		objstm_added_end(a);
	}
	free(owner);
	free(start);
}

struct objstm_more rawpdf_tree_more(struct rawpdf_tree *tree)
{
	return (struct objstm_more){tree->root, tree_objects, tree};
}

void rawpdf_tree_free(struct rawpdf_tree *tree)
{
	if (tree == NULL)
		return;
	free(tree->page);
	free(tree->annot);
	free(tree->link_of);
	free(tree);
}

/* Each annotation's Link, found where the tree holds it. */
static size_t *links_of_annots(const struct tags *t, size_t nannots)
{
	size_t *link_of = xcalloc(nannots ? nannots : 1, sizeof *link_of);
	for (size_t id = 1; id < tags_count(t); id++) {
		const struct tag_element *e = tags_at(t, id);
		for (size_t i = 0; i < e->nkids; i++)
			if (e->kids[i].kind == TAG_KID_ANNOT)
				link_of[e->kids[i].annot] = id;
	}
	return link_of;
}

/* What libharu's objects say of the tree: the catalog's /StructTreeRoot
 * (a stand-in, replaced when packed) and /MarkInfo, each page's
 * /StructParents and /Tabs, each linked annotation's /StructParent. */
static HPDF_STATUS tree_in_objects(HPDF_Doc doc, struct rawpdf_tree *tree, HPDF_Page *pages,
                                   const struct rawpdf_annots *annots)
{
	HPDF_Dict root = HPDF_Dict_New(doc->mmgr);
	if (root == NULL || HPDF_Xref_Add(doc->xref, root) != HPDF_OK ||
	    HPDF_Dict_Add(doc->catalog, "StructTreeRoot", root) != HPDF_OK)
		return failure(doc);
	tree->root = object_number(root);
	for (size_t i = 0; i < tree->npages; i++)
		if (HPDF_Dict_AddNumber(pages[i], "StructParents", (HPDF_INT32)i) != HPDF_OK ||
		    HPDF_Dict_AddName(pages[i], "Tabs", "S") != HPDF_OK)
			return failure(doc);
	for (size_t a = 0; a < tree->nannots; a++)
		if (tree->link_of[a] &&
		    HPDF_Dict_AddNumber(annots->v[a], "StructParent", (HPDF_INT32)(tree->npages + a)) != HPDF_OK)
			return failure(doc);
	HPDF_Dict mark_info = HPDF_Dict_New(doc->mmgr);
	if (mark_info == NULL || HPDF_Dict_Add(doc->catalog, "MarkInfo", mark_info) != HPDF_OK ||
	    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE) != HPDF_OK)
		return failure(doc);
	return HPDF_OK;
}

HPDF_STATUS rawpdf_struct_tree(HPDF_Doc doc, const struct tags *t, HPDF_Page *pages, size_t npages,
                               const struct rawpdf_annots *annots, struct rawpdf_tree **out)
{
	struct rawpdf_tree *tree = xcalloc(1, sizeof *tree);
	tree->t = t;
	tree->npages = npages;
	tree->page = xcalloc(npages ? npages : 1, sizeof *tree->page);
	for (size_t i = 0; i < npages; i++)
		tree->page[i] = object_number(pages[i]);
	tree->nannots = annots->n;
	tree->annot = xcalloc(annots->n ? annots->n : 1, sizeof *tree->annot);
	for (size_t a = 0; a < annots->n; a++)
		tree->annot[a] = object_number(annots->v[a]);
	tree->link_of = links_of_annots(t, annots->n);
	HPDF_STATUS status = tree_in_objects(doc, tree, pages, annots);
	if (status != HPDF_OK) {
		rawpdf_tree_free(tree);
		tree = NULL;
	}
	*out = tree;
	return status;
}

/* ---- archival PDF ------------------------------------------------------- */

/* What the output intent says the profile is: sRGB, as the pages' colours
 * (DeviceRGB) are meant. */
#define SRGB_CONDITION "sRGB IEC61966-2.1"

/* The document's date in the two forms PDF/A wants to agree: the Info
 * dictionary's (PDF 1.7, 7.9.4) and XMP's (ISO 8601), both in UTC. */
struct dates {
	char pdf[64];           /* D:20260101000000Z (room for any int the compiler sees) */
	char xmp[64];           /* 2026-01-01T00:00:00Z */
};

static bool format_dates(long long epoch, struct dates *out)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	if ((long long)t != epoch || gmtime_r(&t, &tm) == NULL || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return false;
	int y = tm.tm_year + 1900, mo = tm.tm_mon + 1;
	snprintf(out->pdf, sizeof out->pdf, "D:%04d%02d%02d%02d%02d%02dZ", y, mo, tm.tm_mday, tm.tm_hour, tm.tm_min,
	         tm.tm_sec);
	snprintf(out->xmp, sizeof out->xmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, tm.tm_mday, tm.tm_hour, tm.tm_min,
	         tm.tm_sec);
	return true;
}

/* Text as XML character data.  XML 1.0 cannot hold the C0 controls but
 * tab, line feed and carriage return, so the others become spaces;
 * carriage return is written as a reference, which parsers keep. */
static void xml_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		case '\r': buf_puts(b, "&#13;"); break;
		default: buf_putc(b, c < 0x20 && c != '\t' && c != '\n' ? ' ' : (char)c); break;
		}
	}
}

/* <tag>value</tag>, or nothing when there is no value (the Info
 * dictionary then has no entry either). */
static void xmp_simple(struct buf *b, const char *tag, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "   <%s>", tag);
	xml_text(b, value);
	buf_printf(b, "</%s>\n", tag);
}

/* A language alternative: the x-default entry, which PDF/A compares with
 * the Info dictionary, and the same text under the document's language. */
static void xmp_alt(struct buf *b, const char *tag, const char *value, const char *language)
{
	if (value == NULL)
		return;
	buf_printf(b, "   <%s><rdf:Alt>\n    <rdf:li xml:lang=\"x-default\">", tag);
	xml_text(b, value);
	buf_puts(b, "</rdf:li>\n");
	if (language && *language) {
		buf_puts(b, "    <rdf:li xml:lang=\"");
		xml_text(b, language);
		buf_puts(b, "\">");
		xml_text(b, value);
		buf_puts(b, "</rdf:li>\n");
	}
	buf_printf(b, "   </rdf:Alt></%s>\n", tag);
}

/* PDF/A-2 accepts only the XMP schemas it lists unless the packet
 * describes the others itself (ISO 19005-2, 6.6.2.3.2): pdfuaid is not
 * listed, so its one property is described here. */
static const char pdfua_extension[] =
	"   <pdfaExtension:schemas><rdf:Bag>\n"
	"    <rdf:li rdf:parseType=\"Resource\">\n"
	"     <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n"
	"     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
	"     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
	"     <pdfaSchema:property><rdf:Seq>\n"
	"      <rdf:li rdf:parseType=\"Resource\">\n"
	"       <pdfaProperty:name>part</pdfaProperty:name>\n"
	"       <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
	"       <pdfaProperty:category>internal</pdfaProperty:category>\n"
	"       <pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
	"      </rdf:li>\n"
	"     </rdf:Seq></pdfaSchema:property>\n"
	"    </rdf:li>\n"
	"   </rdf:Bag></pdfaExtension:schemas>\n";

/* The XMP packet: one description holding every property. */
static void xmp_packet(struct buf *b, const struct rawpdf_meta *meta, const struct dates *when)
{
	buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	            " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	            "  <rdf:Description rdf:about=\"\"\n"
	            "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	            "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	            "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	            "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	            "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
	            "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
	            "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
	            "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n");
	xmp_alt(b, "dc:title", meta->title, meta->language);
	if (meta->author) {
		buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_text(b, meta->author);
		buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	xmp_alt(b, "dc:description", meta->description, meta->language);
	xmp_simple(b, "pdf:Producer", meta->producer);
	xmp_simple(b, "pdf:Keywords", meta->keywords);
	xmp_simple(b, "xmp:CreatorTool", meta->creator);
	xmp_simple(b, "xmp:CreateDate", when->xmp);
	xmp_simple(b, "xmp:ModifyDate", when->xmp);
	xmp_simple(b, "xmp:MetadataDate", when->xmp);
	/* Level A and PDF/UA both need the structure tree: without one the
	 * file claims what it can keep, level B (the look preserved). */
	buf_printf(b, "%s   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>%s</pdfaid:conformance>\n",
	           meta->tagged ? "   <pdfuaid:part>1</pdfuaid:part>\n" : "", meta->tagged ? "A" : "B");
	if (meta->tagged)
		buf_puts(b, pdfua_extension);
	buf_puts(b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>\n");
}

/* A stream object holding data[0..len), written through filter. */
static HPDF_Dict new_stream(HPDF_Doc doc, HPDF_UINT filter, const void *data, size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
	if (s == NULL)
		return NULL;
	s->filter = filter;
	if (HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return s;
}

/* The catalog's /Metadata, and the Info dictionary's dates in the form
 * that matches it (libharu's own, "Z00'00'", is a different string for
 * the same time). */
static HPDF_STATUS add_metadata(HPDF_Doc doc, const struct rawpdf_meta *meta, const struct dates *when)
{
	struct buf xmp = BUF_INIT;
	xmp_packet(&xmp, meta, when);
	/* Uncompressed, so that tools that do not parse PDF find it
	 * (PDF 1.7, 14.3.2). */
	HPDF_Dict s = new_stream(doc, HPDF_STREAM_FILTER_NONE, xmp.data, xmp.len);
	buf_free(&xmp);
	if (s == NULL || HPDF_Dict_AddName(s, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(s, "Subtype", "XML") != HPDF_OK || HPDF_Dict_Add(doc->catalog, "Metadata", s) != HPDF_OK)
		return failure(doc);
	HPDF_Dict info = doc->info;
	if (info == NULL)
		return HPDF_OK;
	static const char *const keys[] = {"CreationDate", "ModDate"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		HPDF_String date = HPDF_String_New(doc->mmgr, when->pdf, NULL);
		if (date == NULL || HPDF_Dict_Add(info, keys[i], date) != HPDF_OK)
			return failure(doc);
	}
	return HPDF_OK;
}

/* Readers show the title, not the file name (PDF/UA-1, 7.1). */
static HPDF_STATUS show_title(HPDF_Doc doc)
{
	HPDF_Dict prefs = HPDF_Dict_GetItem(doc->catalog, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (prefs == NULL) {
		prefs = HPDF_Dict_New(doc->mmgr);
		if (prefs == NULL || HPDF_Dict_Add(doc->catalog, "ViewerPreferences", prefs) != HPDF_OK)
			return failure(doc);
	}
	if (HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
		return failure(doc);
	return HPDF_OK;
}

/* /OutputIntents: the colour space the device-dependent colours (all of
 * the pages' RGB) mean, which PDF/A needs to render them the same
 * anywhere (ISO 19005-2, 6.2.3).  The profile is written plain, like
 * every stream: objstm deflates them all, but the XMP. */
static HPDF_STATUS add_output_intent(HPDF_Doc doc, const void *icc, size_t len)
{
	HPDF_Dict profile = new_stream(doc, HPDF_STREAM_FILTER_NONE, icc, len);
	if (profile == NULL || HPDF_Dict_AddNumber(profile, "N", 3) != HPDF_OK)
		return failure(doc);
	HPDF_Dict intent = HPDF_Dict_New(doc->mmgr);
	HPDF_Array intents = HPDF_Array_New(doc->mmgr);
	if (intent == NULL || intents == NULL || HPDF_Array_Add(intents, intent) != HPDF_OK ||
	    HPDF_Dict_Add(doc->catalog, "OutputIntents", intents) != HPDF_OK)
		return failure(doc);
	if (HPDF_Dict_AddName(intent, "Type", "OutputIntent") != HPDF_OK ||
	    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1") != HPDF_OK ||
	    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(doc->mmgr, SRGB_CONDITION, NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(intent, "Info", HPDF_String_New(doc->mmgr, SRGB_CONDITION, NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(intent, "DestOutputProfile", profile) != HPDF_OK)
		return failure(doc);
	return HPDF_OK;
}

/* The trailer's /ID (PDF 1.7, 14.4), which PDF/A requires: a hash of what
 * the document says of itself, so a rebuild of the same content has the
 * same ID and the same bytes.  Both halves are equal: the file is never
 * updated in place. */
static HPDF_STATUS add_id(HPDF_Doc doc, const struct rawpdf_meta *meta)
{
	struct hasher h;
	hasher_init(&h);
	const char *fields[] = {meta->title, meta->author, meta->description, meta->keywords,
	                        meta->creator, meta->producer, meta->language};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		hasher_add_str(&h, fields[i]);
	char epoch[24];
	snprintf(epoch, sizeof epoch, "%lld", meta->epoch);
	hasher_add_str(&h, epoch);
	HPDF_BYTE id[16];
	for (int i = 0; i < 8; i++) {
		id[i] = (HPDF_BYTE)(h.h.a >> (56 - 8 * i));
		id[8 + i] = (HPDF_BYTE)(h.h.b >> (56 - 8 * i));
	}
	HPDF_Array ids = HPDF_Array_New(doc->mmgr);
	if (ids == NULL || HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, id, sizeof id)) != HPDF_OK ||
	    HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, id, sizeof id)) != HPDF_OK ||
	    HPDF_Dict_Add(doc->trailer, "ID", ids) != HPDF_OK)
		return failure(doc);
	return HPDF_OK;
}

HPDF_STATUS rawpdf_archival(HPDF_Doc doc, const struct rawpdf_meta *meta, const void *icc, size_t len)
{
	struct dates when;
	if (!format_dates(meta->epoch, &when))
		return HPDF_RaiseError(&doc->error, HPDF_INVALID_DATE_TIME, 0);
	if (icc == NULL || len == 0 || len > UINT32_MAX)
		return HPDF_RaiseError(&doc->error, HPDF_INVALID_PARAMETER, 0);
	HPDF_STATUS status = add_metadata(doc, meta, &when);
	if (status == HPDF_OK)
		status = show_title(doc);
	if (status == HPDF_OK)
		status = add_output_intent(doc, icc, len);
	if (status == HPDF_OK)
		status = add_id(doc, meta);
	/* What the catalog now holds (/Metadata, /OutputIntents, /Lang) is
	 * PDF 1.4 and later; PDF/UA-1 is built on PDF 1.7. */
	if (status == HPDF_OK)
		doc->pdf_version = HPDF_VER_17;
	return status;
}
