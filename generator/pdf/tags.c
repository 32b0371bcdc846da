/*
 * tags: the structure tree of a tagged PDF (tags.h).
 */
#include "pdf/tags.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct tags {
	struct tag_element *v;
	size_t n, cap;
	int last_heading;       /* the level of the last heading added; 0: none yet */
};

static const char *const role_names[TAG_ROLE_COUNT] = {
	[TAG_DOCUMENT] = "Document", [TAG_SECT] = "Sect",       [TAG_H1] = "H1",
	[TAG_H2] = "H2",             [TAG_H3] = "H3",           [TAG_P] = "P",
	[TAG_L] = "L",               [TAG_LI] = "LI",           [TAG_LBL] = "Lbl",
	[TAG_LBODY] = "LBody",       [TAG_TABLE] = "Table",     [TAG_THEAD] = "THead",
	[TAG_TBODY] = "TBody",       [TAG_TR] = "TR",           [TAG_TH] = "TH",
	[TAG_TD] = "TD",             [TAG_CAPTION] = "Caption", [TAG_FIGURE] = "Figure",
	[TAG_LINK] = "Link",         [TAG_TOC] = "TOC",         [TAG_TOCI] = "TOCI",
	[TAG_NOTE] = "Note",         [TAG_CODE] = "Code",       [TAG_BLOCKQUOTE] = "BlockQuote",
};

const char *tags_role_name(enum tag_role role)
{
	return role < TAG_ROLE_COUNT ? role_names[role] : "NonStruct";
}

bool tags_role_holds_content(enum tag_role role)
{
	switch (role) {
	case TAG_H1: case TAG_H2: case TAG_H3: case TAG_P: case TAG_LBL: case TAG_TH: case TAG_TD:
	case TAG_CAPTION: case TAG_FIGURE: case TAG_LINK: case TAG_CODE:
		return true;
	default:
		return false;
	}
}

struct tags *tags_new(void)
{
	struct tags *t = xcalloc(1, sizeof *t);
	t->v = xgrow(t->v, &t->cap, 1, sizeof *t->v);
	t->v[0] = (struct tag_element){.role = TAG_DOCUMENT, .attached = true};
	t->n = 1;
	return t;
}

void tags_free(struct tags *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].kids);
		free(t->v[i].alt);
		free(t->v[i].actual);
		free(t->v[i].key);
	}
	free(t->v);
	free(t);
}

static void add_kid(struct tag_element *e, struct tag_kid kid)
{
	e->kids = xgrow(e->kids, &e->cap, e->nkids + 1, sizeof *e->kids);
	e->kids[e->nkids++] = kid;
}

/* Joins id to its parent's kids (and the parent to its own, if it was
 * pending too). */
static void attach(struct tags *t, size_t id)
{
	if (t->v[id].attached)
		return;
	size_t parent = t->v[id].parent;
	attach(t, parent);
	t->v[id].attached = true;
	add_kid(&t->v[parent], (struct tag_kid){.kind = TAG_KID_ELEMENT, .id = id});
}

static size_t new_element(struct tags *t, size_t parent, enum tag_role role)
{
	if (parent >= t->n)
		parent = 0;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n] = (struct tag_element){.role = role, .parent = parent};
	return t->n++;
}

size_t tags_add(struct tags *t, size_t parent, enum tag_role role)
{
	size_t id = new_element(t, parent, role);
	attach(t, id);
	return id;
}

size_t tags_add_pending(struct tags *t, size_t parent, enum tag_role role)
{
	return new_element(t, parent, role);
}

size_t tags_heading(struct tags *t, size_t parent, int level)
{
	if (level > t->last_heading + 1)
		level = t->last_heading + 1;
	if (level < 1)
		level = 1;
	if (level > 3)
		level = 3;
	t->last_heading = level;
	return tags_add(t, parent, level == 1 ? TAG_H1 : level == 2 ? TAG_H2 : TAG_H3);
}

size_t tags_link(struct tags *t, size_t parent, const char *key, bool continues)
{
	if (continues && parent < t->n && t->v[parent].nkids) {
		const struct tag_kid *last = &t->v[parent].kids[t->v[parent].nkids - 1];
		const struct tag_element *e = last->kind == TAG_KID_ELEMENT ? &t->v[last->id] : NULL;
		if (e && e->role == TAG_LINK && e->key && strcmp(e->key, key) == 0)
			return last->id;
	}
	size_t id = tags_add_pending(t, parent, TAG_LINK);
	t->v[id].key = xstrdup(key);
	return id;
}

static void set_text(char **field, const char *text)
{
	free(*field);
	*field = text ? xstrdup(text) : NULL;
}

void tags_set_alt(struct tags *t, size_t id, const char *alt)
{
	if (id < t->n)
		set_text(&t->v[id].alt, alt);
}

void tags_set_actual(struct tags *t, size_t id, const char *text)
{
	if (id < t->n)
		set_text(&t->v[id].actual, text);
}

void tags_set_scope(struct tags *t, size_t id, enum tag_scope scope)
{
	if (id < t->n)
		t->v[id].scope = scope;
}

void tags_grow_box(struct tags *t, size_t id, size_t page, double x0, double y0, double x1, double y1)
{
	if (id >= t->n)
		return;
	struct tag_element *e = &t->v[id];
	if (!e->has_box) {
		e->has_box = true;
		e->box_page = page;
		e->box[0] = x0, e->box[1] = y0, e->box[2] = x1, e->box[3] = y1;
		return;
	}
	if (page != e->box_page)
		return;
	if (x0 < e->box[0]) e->box[0] = x0;
	if (y0 < e->box[1]) e->box[1] = y0;
	if (x1 > e->box[2]) e->box[2] = x1;
	if (y1 > e->box[3]) e->box[3] = y1;
}

void tags_mark(struct tags *t, size_t id, size_t page, size_t mcid)
{
	if (id == 0 || id >= t->n)
		return;
	attach(t, id);
	add_kid(&t->v[id], (struct tag_kid){.kind = TAG_KID_CONTENT, .page = page, .mcid = mcid});
}

void tags_annot(struct tags *t, size_t id, size_t page, size_t annot)
{
	if (id == 0 || id >= t->n)
		return;
	attach(t, id);
	add_kid(&t->v[id], (struct tag_kid){.kind = TAG_KID_ANNOT, .page = page, .annot = annot});
}

size_t tags_count(const struct tags *t)
{
	return t->n;
}

const struct tag_element *tags_at(const struct tags *t, size_t id)
{
	return id < t->n ? &t->v[id] : NULL;
}

enum tag_role tags_role(const struct tags *t, size_t id)
{
	return id < t->n ? t->v[id].role : TAG_DOCUMENT;
}
