/*
 * tpl_check: what a designer wrote, checked before any page is filled.
 *
 * Every data-f-* attribute must be one Folio knows (a near miss gets a
 * suggestion), data-f-each must read 'item in list.path', and each
 * partial and layout named must exist and pass the same check.  A
 * template is checked once; the errors are reported at the attribute.
 */
#include "web/template.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/text.h"
#include "web/tpl_internal.h"

static const char *const directives[] = {"data-f-text", "data-f-md", "data-f-md-shift", "data-f-md-self-links",
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

static bool check_element(struct tpl_set *set, xmlNodePtr el, struct diag *d)
{
	bool ok = true;
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (!text_starts_with(name, "data-f-"))
			continue;
		bool known = text_starts_with(name, "data-f-attr-") && name[12] != '\0';
		for (size_t i = 0; i < NDIRECTIVES && !known; i++)
			known = strcmp(name, directives[i]) == 0;
		if (!known) {
			const char *near = diag_suggest(name, directives, NDIRECTIVES);
			diag_error(d, tpl_load_attr_pos(set, el, name), "unknown template attribute '%s'%s%s%s", name,
			           near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
			ok = false;
			continue;
		}
		char *v = tpl_get_attr(el, name);
		if (strcmp(name, "data-f-each") == 0 && !check_each_syntax(v)) {
			diag_error(d, tpl_load_attr_pos(set, el, name), "data-f-each must read 'item in list.path', not '%s'", v);
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
