/*
 * rawpdf: the objects libharu has no API for, written through its
 * internal one (rawpdf.h).
 */
#include "pdf/rawpdf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "base/xalloc.h"

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

/* What writing the tree needs at hand. */
struct tree_out {
	HPDF_Doc doc;
	const struct tags *t;
	HPDF_Dict *elems;               /* owned array: element id's dictionary */
	HPDF_Page *pages;
	size_t npages;
	const struct rawpdf_annots *annots;
	HPDF_STATUS status;             /* the first failure */
};

static bool ok(struct tree_out *o, HPDF_STATUS status)
{
	if (o->status == HPDF_OK && status != HPDF_OK)
		o->status = status;
	return o->status == HPDF_OK;
}

/* A dictionary written as an object of its own, to be referred to. */
static HPDF_Dict indirect_dict(struct tree_out *o)
{
	HPDF_Dict d = HPDF_Dict_New(o->doc->mmgr);
	if (d == NULL) {
		ok(o, HPDF_FAILD_TO_ALLOC_MEM);
		return NULL;
	}
	return ok(o, HPDF_Xref_Add(o->doc->xref, d)) ? d : NULL;
}

/* The page an element's content starts on, or npages when it has none of
 * its own. */
static size_t first_page(const struct tag_element *e, size_t npages)
{
	for (size_t i = 0; i < e->nkids; i++)
		if (e->kids[i].kind != TAG_KID_ELEMENT)
			return e->kids[i].page;
	return npages;
}

static void add_text(struct tree_out *o, HPDF_Dict d, const char *key, const char *text)
{
	if (text == NULL)
		return;
	HPDF_String s = text_string(o->doc, text);
	ok(o, s ? HPDF_Dict_Add(d, key, s) : HPDF_FAILD_TO_ALLOC_MEM);
}

/* An attribute dictionary of owner (Layout, Table) in /A. */
static HPDF_Dict attributes(struct tree_out *o, HPDF_Dict elem, const char *owner)
{
	HPDF_Dict a = HPDF_Dict_New(o->doc->mmgr);
	if (a == NULL || !ok(o, HPDF_Dict_Add(elem, "A", a)) || !ok(o, HPDF_Dict_AddName(a, "O", owner)))
		return NULL;
	return a;
}

static void add_attributes(struct tree_out *o, HPDF_Dict d, const struct tag_element *e)
{
	if (e->scope != TAG_SCOPE_NONE) {
		HPDF_Dict a = attributes(o, d, "Table");
		if (a)
			ok(o, HPDF_Dict_AddName(a, "Scope", e->scope == TAG_SCOPE_ROW ? "Row" : "Column"));
	}
	if (e->has_box) {
		HPDF_Dict a = attributes(o, d, "Layout");
		HPDF_Array box = a ? HPDF_Array_New(o->doc->mmgr) : NULL;
		if (box == NULL || !ok(o, HPDF_Dict_Add(a, "BBox", box)))
			return;
		for (int i = 0; i < 4; i++)
			ok(o, HPDF_Array_AddReal(box, (HPDF_REAL)e->box[i]));
	}
}

/* A kid that is content: its MCID alone when it is on the element's page,
 * else a marked-content reference naming its page; an annotation as an
 * object reference. */
static void add_content_kid(struct tree_out *o, HPDF_Array k, const struct tag_kid *kid, size_t pg)
{
	if (kid->kind == TAG_KID_CONTENT && kid->page == pg) {
		ok(o, HPDF_Array_AddNumber(k, (HPDF_INT32)kid->mcid));
		return;
	}
	HPDF_Dict ref = HPDF_Dict_New(o->doc->mmgr);
	if (ref == NULL || !ok(o, HPDF_Array_Add(k, ref)))
		return;
	ok(o, HPDF_Dict_Add(ref, "Pg", o->pages[kid->page]));
	if (kid->kind == TAG_KID_CONTENT) {
		ok(o, HPDF_Dict_AddName(ref, "Type", "MCR"));
		ok(o, HPDF_Dict_AddNumber(ref, "MCID", (HPDF_INT32)kid->mcid));
	} else {
		ok(o, HPDF_Dict_AddName(ref, "Type", "OBJR"));
		ok(o, HPDF_Dict_Add(ref, "Obj", o->annots->v[kid->annot]));
	}
}

static void write_element(struct tree_out *o, size_t id, HPDF_Dict root)
{
	const struct tag_element *e = tags_at(o->t, id);
	HPDF_Dict d = o->elems[id];
	/* /Type /StructElem is optional: left out, 17 bytes less an element */
	ok(o, HPDF_Dict_AddName(d, "S", tags_role_name(e->role)));
	ok(o, HPDF_Dict_Add(d, "P", id == 0 ? root : o->elems[e->parent]));
	size_t pg = first_page(e, o->npages);
	if (pg < o->npages)
		ok(o, HPDF_Dict_Add(d, "Pg", o->pages[pg]));
	add_text(o, d, "Alt", e->alt);
	add_text(o, d, "ActualText", e->actual);
	add_attributes(o, d, e);
	HPDF_Array k = HPDF_Array_New(o->doc->mmgr);
	if (k == NULL || !ok(o, HPDF_Dict_Add(d, "K", k)))
		return;
	for (size_t i = 0; i < e->nkids; i++) {
		if (e->kids[i].kind == TAG_KID_ELEMENT)
			ok(o, HPDF_Array_Add(k, o->elems[e->kids[i].id]));
		else
			add_content_kid(o, k, &e->kids[i], pg);
	}
}

/* The parent tree: for page i (key i) the elements its sequences belong
 * to, by MCID; for annotation a (key npages + a) its Link. */
static HPDF_Dict parent_tree(struct tree_out *o, size_t *const *mcid_owner, const size_t *mcids)
{
	HPDF_Dict tree = HPDF_Dict_New(o->doc->mmgr);
	HPDF_Array nums = tree ? HPDF_Array_New(o->doc->mmgr) : NULL;
	if (nums == NULL || !ok(o, HPDF_Dict_Add(tree, "Nums", nums)))
		return NULL;
	for (size_t i = 0; i < o->npages && o->status == HPDF_OK; i++) {
		HPDF_Array owners = HPDF_Array_New(o->doc->mmgr);
		if (owners == NULL || !ok(o, HPDF_Xref_Add(o->doc->xref, owners)))
			return NULL;
		ok(o, HPDF_Array_AddNumber(nums, (HPDF_INT32)i));
		ok(o, HPDF_Array_Add(nums, owners));
		for (size_t m = 0; m < mcids[i]; m++)
			ok(o, HPDF_Array_Add(owners, o->elems[mcid_owner[i][m]]));
	}
	/* each annotation's Link, found where the tree holds it */
	for (size_t id = 1; id < tags_count(o->t); id++) {
		const struct tag_element *e = tags_at(o->t, id);
		for (size_t i = 0; i < e->nkids; i++) {
			if (e->kids[i].kind != TAG_KID_ANNOT)
				continue;
			size_t key = o->npages + e->kids[i].annot;
			ok(o, HPDF_Dict_AddNumber(o->annots->v[e->kids[i].annot], "StructParent", (HPDF_INT32)key));
			ok(o, HPDF_Array_AddNumber(nums, (HPDF_INT32)key));
			ok(o, HPDF_Array_Add(nums, o->elems[id]));
		}
	}
	return tree;
}

HPDF_STATUS rawpdf_struct_tree(HPDF_Doc doc, const struct tags *t, HPDF_Page *pages, size_t npages,
                               size_t *const *mcid_owner, const size_t *mcids, const struct rawpdf_annots *annots)
{
	struct tree_out o = {doc, t, xcalloc(tags_count(t), sizeof *o.elems), pages, npages, annots, HPDF_OK};
	HPDF_Dict root = indirect_dict(&o);
	for (size_t id = 0; id < tags_count(t) && o.status == HPDF_OK; id++)
		o.elems[id] = indirect_dict(&o);
	for (size_t id = 0; id < tags_count(t) && o.status == HPDF_OK; id++)
		write_element(&o, id, root);
	if (o.status == HPDF_OK) {
		ok(&o, HPDF_Dict_AddName(root, "Type", "StructTreeRoot"));
		ok(&o, HPDF_Dict_Add(root, "K", o.elems[0]));
		HPDF_Dict tree = parent_tree(&o, mcid_owner, mcids);
		if (tree)
			ok(&o, HPDF_Dict_Add(root, "ParentTree", tree));
		ok(&o, HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)(npages + annots->n)));
		ok(&o, HPDF_Dict_Add(doc->catalog, "StructTreeRoot", root));
	}
	for (size_t i = 0; i < npages && o.status == HPDF_OK; i++) {
		ok(&o, HPDF_Dict_AddNumber(pages[i], "StructParents", (HPDF_INT32)i));
		ok(&o, HPDF_Dict_AddName(pages[i], "Tabs", "S"));
	}
	HPDF_Dict mark_info = o.status == HPDF_OK ? HPDF_Dict_New(doc->mmgr) : NULL;
	if (mark_info && ok(&o, HPDF_Dict_Add(doc->catalog, "MarkInfo", mark_info)))
		ok(&o, HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE));
	free(o.elems);
	return o.status;
}

/* ---- archival PDF ------------------------------------------------------- */

HPDF_STATUS rawpdf_archival(HPDF_Doc doc, const struct rawpdf_meta *meta, const void *icc, size_t len)
{
	(void)doc, (void)meta, (void)icc, (void)len;
	return HPDF_OK;
}
