/*
 * template: the values a page is filled with.
 *
 * A caller names its values with tval_object(), tval_text(), tval_link()
 * and tval_html(); the rest of a page's values are read from those
 * through the schema (tval_field(), tval_item()).  How a template is
 * read, checked, compiled and rendered is in tpl_load.c, tpl_check.c,
 * tpl_compile.c and tpl_render.c (see tpl_internal.h).
 */
#include "web/template.h"

#include <string.h>

#include "content/markdown.h"
#include "web/tpl_internal.h"

struct tval tval_object(const struct schema *s, const void *obj)
{
	struct tval v = {0};
	if (obj) {
		v.kind = TV_OBJECT;
		v.schema = s;
		v.obj = obj;
	}
	return v;
}

static struct tval tval_of_kind(enum tval_kind kind, const char *text)
{
	struct tval v = {0};
	if (text) {
		v.kind = kind;
		v.text = text;
	}
	return v;
}

struct tval tval_text(const char *text) { return tval_of_kind(TV_TEXT, text); }
struct tval tval_link(const char *url) { return tval_of_kind(TV_LINK, url); }
struct tval tval_html(const char *markup) { return tval_of_kind(TV_HTML, markup); }

struct tval tval_field(const struct field *f, const void *obj)
{
	const char *slot = (const char *)obj + f->offset;
	struct tval v = {0};
	switch (f->kind) {
	case SK_INT:
		v.kind = TV_INT;
		memcpy(&v.number, slot, sizeof(long));
		return v;
	case SK_BOOL: {
		bool b;
		memcpy(&b, slot, sizeof b);
		v.kind = TV_BOOL;
		v.number = b;
		return v;
	}
	case SK_MARKDOWN: {
		const struct md *m = (const struct md *)slot;
		if (m->doc) {
			v.kind = TV_MD;
			v.obj = m->doc;
		}
		return v;
	}
	case SK_OBJECT:
	case SK_REF: {
		const void *child;
		memcpy(&child, slot, sizeof child);
		return tval_object(f->sub, child);
	}
	case SK_LIST:
	case SK_LINES:
	case SK_REFS:
	case SK_MAP:
		v.kind = TV_LIST;
		v.list = (const struct list *)slot;
		v.schema = f->kind == SK_LINES ? NULL : f->sub;
		v.refs = f->kind == SK_REFS;
		return v;
	case SK_LINK:
		return tval_link(((const struct str *)slot)->v);
	default:
		return tval_text(((const struct str *)slot)->v);
	}
}

struct tval tval_item(struct tval list, size_t i)
{
	if (list.schema == NULL)
		return tval_text(((const struct str *)list.list->items)[i].v);
	if (list.refs)
		return tval_object(list.schema, ((const void *const *)list.list->items)[i]);
	return tval_object(list.schema, schema_list_at(list.schema, list.list, i));
}

bool tval_truthy(struct tval v)
{
	switch (v.kind) {
	case TV_NONE: return false;
	case TV_TEXT:
	case TV_LINK:
	case TV_HTML: return v.text[0] != '\0';
	case TV_INT:
	case TV_BOOL: return v.number != 0;
	/* A part without its tree is of a text the loader kept, never empty. */
	case TV_MD: return v.obj == NULL || cmark_node_first_child((cmark_node *)v.obj) != NULL;
	case TV_OBJECT: return true;
	case TV_LIST: return v.list->len > 0;
	}
	return false;
}
