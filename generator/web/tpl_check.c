/*
 * tpl_check: what a designer wrote, checked before any page is filled.
 *
 * Every data-f-* attribute must be one Folio knows (a near miss gets a
 * suggestion), data-f-each must read 'item in list.path', each
 * partial and layout named must exist and pass the same check, and each
 * strings.NAME must name one of the theme's strings, whose phrase the
 * path then keeps for rendering.  A template is checked once; the errors
 * are reported at the attribute.
 */
#include "web/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "web/tpl_internal.h"

static const char *const directives[] = {"data-f-text", "data-f-md", "data-f-md-shift", "data-f-md-self-links",
                                         "data-f-md-ids",
                                         "data-f-html", "data-f-if", "data-f-unless", "data-f-each", "data-f-let",
                                         "data-f-include", "data-f-omit", "data-f-layout", "data-f-slot",
                                         "data-f-fill"};
#define NDIRECTIVES (sizeof directives / sizeof directives[0])

static bool check_element(struct tpl_set *set, xmlNodePtr el, struct diag *d);

static bool check_tree(struct tpl_set *set, xmlNodePtr node, struct diag *d)
{
	bool ok = true;
	for (xmlNodePtr c = node; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			ok &= check_element(set, c, d);
	return ok;
}

static bool check_template(struct tpl_set *set, struct tpl *t, struct diag *d)
{
	if (t->checked)
		return true;
	t->checked = true;
	return check_tree(set, xmlDocGetRootElement(t->doc), d);
}

static bool check_each_syntax(const char *v)
{
	char var[64], path[256], extra;
	return sscanf(v, " %63[a-z0-9_] in %255[a-z0-9_.] %c", var, path, &extra) == 2;
}

/* ---- strings.NAME ---------------------------------------------------- */

static int compare_key(const void *key, const void *pair)
{
	return strcmp(key, ((const struct text_pair *)pair)->key.v);
}

static void unknown_string(struct tpl_set *set, xmlNodePtr el, const char *attr, const char *name, struct diag *d)
{
	size_t n = set->strings ? set->strings->len : 0;
	const struct text_pair *pairs = n ? set->strings->items : NULL;
	const char **keys = xcalloc(n ? n : 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = pairs[i].key.v;
	const char *near = diag_suggest(name, keys, n);
	if (near)
		diag_error(d, tpl_load_attr_pos(set, el, attr), "unknown string '%s'; did you mean '%s'?", name, near);
	else
		diag_error(d, tpl_load_attr_pos(set, el, attr),
		           "unknown string '%s'; add it to the theme's strings (strings/en.yaml and each "
		           "language's file) or fix the name",
		           name);
	free(keys);
}

/* A path of el's attribute attr that starts with strings. names one of
 * the strings, whose phrase it keeps; false after reporting. */
static bool check_string_path(struct tpl_set *set, xmlNodePtr el, const char *attr, struct path *p, struct diag *d)
{
	if (p->text == NULL || strcmp(p->names[0], TPL_STRINGS) != 0)
		return true;
	if (p->n != 2) {
		diag_error(d, tpl_load_attr_pos(set, el, attr), "'%s' is no string; write strings.NAME", p->text);
		return false;
	}
	const struct text_pair *found =
		set->strings ? bsearch(p->names[1], set->strings->items, set->strings->len, sizeof *found, compare_key)
		             : NULL;
	if (found == NULL) {
		unknown_string(set, el, attr, p->names[1], d);
		return false;
	}
	p->phrase = found->value.v;
	return true;
}

static bool check_fmt_strings(struct tpl_set *set, xmlNodePtr el, const struct attr_item *it, struct diag *d)
{
	bool ok = true;
	for (size_t i = 0; it && it->kind == AV_FMT && i < it->fmt->n; i++)
		if (it->fmt->parts[i].kind == PART_PATH)
			ok &= check_string_path(set, el, it->fmt_attr, &it->fmt->parts[i].path, d);
	return ok;
}

/* A name data-f-each or data-f-let binds must not hide the strings. */
static bool check_binding(struct tpl_set *set, xmlNodePtr el, const char *attr, const char *name, struct diag *d)
{
	if (name == NULL || strcmp(name, TPL_STRINGS) != 0)
		return true;
	diag_error(d, tpl_load_attr_pos(set, el, attr), "'%s' names the theme's strings; choose another name", name);
	return false;
}

/* Every path of the compiled element e that reads the strings. */
static bool check_strings(struct tpl_set *set, xmlNodePtr el, struct elem *e, struct diag *d)
{
	static const char *const sources[] = {"", "data-f-text", "data-f-md", "data-f-html"};
	bool ok = check_string_path(set, el, sources[e->source], &e->source_path, d);
	ok &= check_string_path(set, el, "data-f-if", &e->tests[0], d);
	ok &= check_string_path(set, el, "data-f-unless", &e->tests[1], d);
	if (e->each_ok) {
		ok &= check_binding(set, el, "data-f-each", e->each_var, d);
		ok &= check_string_path(set, el, "data-f-each", &e->each_path, d);
	}
	for (size_t i = 0; i < e->nlets; i++) {
		ok &= check_binding(set, el, "data-f-let", e->lets[i].name, d);
		ok &= check_string_path(set, el, "data-f-let", &e->lets[i].path, d);
	}
	for (size_t i = 0; i < e->nattrs; i++)
		ok &= check_fmt_strings(set, el, &e->attrs[i], d);
	return check_fmt_strings(set, el, e->md_id, d) && ok;
}

/* ---- attributes ------------------------------------------------------ */

static bool check_element(struct tpl_set *set, xmlNodePtr el, struct diag *d)
{
	bool ok = check_strings(set, el, el->_private, d);
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (!text_starts_with(name, "data-f-"))
			continue;
		bool known = text_starts_with(name, "data-f-attr-") && name[12] != '\0';
		for (size_t i = 0; i < NDIRECTIVES && !known; i++)
			known = strcmp(name, directives[i]) == 0;
		if (!known) {
			const char *near = diag_suggest(name, directives, NDIRECTIVES);
			diag_error(d, tpl_load_attr_pos(set, el, name), "unknown template attribute '%s'; %s%s%s", name,
			           near ? "did you mean '" : "remove it, or use one that folio-templates(7) lists",
			           near ? near : "", near ? "'?" : "");
			ok = false;
			continue;
		}
		char *v = tpl_get_attr(el, name);
		if (strcmp(name, "data-f-each") == 0 && !check_each_syntax(v)) {
			diag_error(d, tpl_load_attr_pos(set, el, name), "data-f-each must read 'item in list.path', not '%s'; write it such as 'item in resource.cards.items'", v);
			ok = false;
		}
		if (strcmp(name, "data-f-include") == 0 || strcmp(name, "data-f-layout") == 0) {
			/* The column (a scan of the source) is worked out only when
			 * the partial is missing, as for other errors. */
			struct tpl *inc = tpl_load_named_in(set, v, el, name, d);
			ok &= inc != NULL && check_template(set, inc, d);
		}
		xmlFree(v);
	}
	return check_tree(set, el->children, d) && ok;
}

bool tpl_check(struct tpl_set *set, const char *name, struct diag *d)
{
	struct pos at = {set->dirs[0].shown, 0, 0};
	struct tpl *t = tpl_load(set, name, at, d);
	return t != NULL && check_template(set, t, d);
}
