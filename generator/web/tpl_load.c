/*
 * tpl_load: the set of templates, each read once and kept.
 *
 * A template is read when first named from the first of the set's folders
 * that has a file of its name (or given as text by tpl_add_source()), cleaned as every author file is, parsed
 * strictly by libxml2 and compiled (tpl_compile.c).  Its source is kept
 * for the one thing only it can tell: the line and column of an attribute
 * in a message.
 */
#include "web/template.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/text.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "web/tpl_internal.h"

#define TEMPLATE_MAX_SIZE (1u << 20)

struct tpl_set *tpl_new(const char *dir, const char *shown_dir)
{
	struct tpl_set *set = xcalloc(1, sizeof *set);
	tpl_add_dir(set, dir, shown_dir);
	return set;
}

void tpl_add_dir(struct tpl_set *set, const char *dir, const char *shown_dir)
{
	set->dirs = xrealloc(set->dirs, (set->ndirs + 1) * sizeof *set->dirs);
	set->dirs[set->ndirs++] = (struct tpl_dir){xstrdup(dir), xstrdup(shown_dir)};
}

void tpl_set_strings(struct tpl_set *set, const struct list *strings)
{
	set->strings = strings;
	set->number_group = ",";
	set->md_note_ref = set->md_note_back = set->md_note_back_nth = set->md_table = NULL;
	const struct text_pair *p = strings ? strings->items : NULL;
	const struct {
		const char *key;
		const char **into;
	} phrases[] = {{"number_group", &set->number_group}, {"md_note_ref", &set->md_note_ref},
	               {"md_note_back", &set->md_note_back}, {"md_note_back_nth", &set->md_note_back_nth},
	               {"md_table", &set->md_table}};
	for (size_t i = 0; p && i < strings->len; i++)
		for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++)
			if (strcmp(p[i].key.v, phrases[k].key) == 0)
				*phrases[k].into = p[i].value.v;
}

void tpl_free(struct tpl_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++) {
		struct tpl *t = set->items[i];
		if (t->doc) {
			tpl_compile_free(t->doc);
			xmlFreeDoc(t->doc);
		}
		free(t->name);
		free(t->shown);
		free(t->source);
		free(t);
	}
	free(set->items);
	for (size_t i = 0; i < set->ndirs; i++) {
		free(set->dirs[i].path);
		free(set->dirs[i].shown);
	}
	free(set->dirs);
	free(set);
}

struct parse_errors {
	struct diag *d;
	const char *shown;
	bool reported;
};

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct parse_errors *pe = ctx;
	if (pe->reported || e == NULL || e->level < XML_ERR_ERROR)
		return;
	pe->reported = true;
	struct pos at = {pe->shown, e->line, e->int2};
	char *msg = xstrdup(e->message ? e->message : "malformed markup");
	text_squeeze_space(msg);
	diag_error(pe->d, at, "template is not well-formed: %s; close every element, quote every attribute and write &#160; for &nbsp;",
	           msg);
	free(msg);
}

static bool valid_template_name(const char *name)
{
	return *name && name[0] != '/' && strstr(name, "..") == NULL && text_ends_with(name, ".html");
}

/* A new, empty entry of set for the template called name. */
static struct tpl *tpl_add(struct tpl_set *set, const char *name)
{
	struct tpl *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->shown = xasprintf("%s/%s", set->dirs[0].shown, name);
	set->items = xgrow(set->items, &set->cap, set->n + 1, sizeof *set->items);
	set->items[set->n++] = t;
	return t;
}

/* The path of the file t is read from: in the first folder of set that
 * has a file of its name (t->shown then names that file, t->found is
 * set), else in the first folder.  Caller frees. */
static char *tpl_find(const struct tpl_set *set, struct tpl *t)
{
	for (size_t i = 0; i < set->ndirs; i++) {
		char *path = xasprintf("%s/%s", set->dirs[i].path, t->name);
		if (access(path, F_OK) == 0) {
			free(t->shown);
			t->shown = xasprintf("%s/%s", set->dirs[i].shown, t->name);
			t->found = true;
			return path;
		}
		free(path);
	}
	return xasprintf("%s/%s", set->dirs[0].path, t->name);
}

/* Parses t->source (len bytes); false after reporting, t->doc then NULL. */
static bool tpl_parse(struct tpl *t, size_t len, struct diag *d)
{
	if (!textfile_clean(t->source, &len, t->shown, d))
		return false;
	struct parse_errors pe = {d, t->shown, false};
	xmlSetStructuredErrorFunc(&pe, on_xml_error);
	t->doc = xmlReadMemory(t->source, (int)len, t->shown, "UTF-8", XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (t->doc == NULL || pe.reported) {
		if (!pe.reported) {
			struct pos at = {t->shown, 1, 1};
			diag_error(d, at, "template could not be read as HTML; write it as well-formed XHTML");
		}
		if (t->doc)
			xmlFreeDoc(t->doc);
		t->doc = NULL;
		return false;
	}
	tpl_compile(t->doc);
	return true;
}

/* The index in set of the template called name, or set->n when it was
 * never named. */
static size_t tpl_index(const struct tpl_set *set, const char *name)
{
	size_t i = 0;
	while (i < set->n && strcmp(set->items[i]->name, name) != 0)
		i++;
	return i;
}

struct tpl *tpl_load(struct tpl_set *set, const char *name, struct pos from, struct diag *d)
{
	size_t i = tpl_index(set, name);
	if (i < set->n)
		return set->items[i]->doc ? set->items[i] : NULL;
	struct tpl *t = tpl_add(set, name);
	if (!valid_template_name(name)) {
		diag_error(d, from, "template name '%s' must be a .html file inside templates/; write a name such as partials/card.html", name);
		return NULL;
	}
	char *path = tpl_find(set, t);
	size_t len;
	struct diag quiet;
	diag_init(&quiet, NULL);
	t->source = textfile_read(path, t->shown, TEMPLATE_MAX_SIZE, &len, &quiet);
	free(path);
	diag_free(&quiet);
	if (t->source == NULL) {
		diag_error(d, from, "cannot read template %s%s; create it or fix the name", t->shown,
		           set->ndirs > 1 && !t->found ? " (the theme has none either)" : "");
		return NULL;
	}
	return tpl_parse(t, len, d) ? t : NULL;
}

bool tpl_add_source(struct tpl_set *set, const char *name, const char *text, size_t len, struct diag *d)
{
	struct tpl *t = tpl_add(set, name);
	if (len > TEMPLATE_MAX_SIZE) {
		struct pos at = {t->shown, 1, 1};
		diag_error(d, at, "file is larger than %u MiB; split it into smaller files", TEMPLATE_MAX_SIZE >> 20);
		return false;
	}
	t->source = xmalloc(len + 1);
	memcpy(t->source, text, len);
	t->source[len] = '\0';
	return tpl_parse(t, len, d);
}

static struct tpl *tpl_of_node(struct tpl_set *set, xmlNodePtr node)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->items[i]->doc == node->doc)
			return set->items[i];
	return NULL;
}

struct pos tpl_load_attr_pos(struct tpl_set *set, xmlNodePtr node, const char *attr)
{
	struct tpl *t = tpl_of_node(set, node);
	struct pos at = {t ? t->shown : "template", (int)xmlGetLineNo(node), 1};
	if (t == NULL || at.line <= 0)
		return at;
	/* libxml2 gives the line where the start tag ends: look back a few
	 * lines for the attribute and take its last appearance. */
	const char *src = t->source;
	int line = 1;
	const char *begin = src, *end = NULL;
	for (const char *p = src; *p; p++) {
		if (*p != '\n')
			continue;
		line++;
		if (line == at.line - 8)
			begin = p + 1;
		if (line == at.line + 1) {
			end = p;
			break;
		}
	}
	if (end == NULL)
		end = src + strlen(src);
	/* Other elements on these lines may have the same attribute: prefer
	 * the appearance written with this element's value. */
	xmlChar *value = xmlGetNoNsProp(node, (const xmlChar *)attr);
	size_t vlen = value ? strlen((const char *)value) : 0;
	const char *found = NULL, *exact = NULL;
	size_t alen = strlen(attr);
	for (const char *p = begin; p + alen <= end; p++) {
		if (strncmp(p, attr, alen) != 0 || (p[alen] != '=' && p[alen] != ' '))
			continue;
		found = p;
		const char *q = p + alen + strspn(p + alen, " \t\n=");
		if (value && (*q == '"' || *q == '\'') && strncmp(q + 1, (const char *)value, vlen) == 0 &&
		    q[1 + vlen] == *q)
			exact = p;
	}
	xmlFree(value);
	if (exact)
		found = exact;
	if (found)
		text_line_col(src, (size_t)(found - src), &at.line, &at.col);
	return at;
}

struct tpl *tpl_load_named_in(struct tpl_set *set, const char *name, xmlNodePtr node, const char *attr,
                              struct diag *d)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->items[i]->doc && strcmp(set->items[i]->name, name) == 0)
			return set->items[i];
	return tpl_load(set, name, tpl_load_attr_pos(set, node, attr), d);
}

/* Calls fn for each site path written in the attributes of node and the
 * elements below it, in document order; an element written only on some
 * pages (data-f-if, data-f-unless, data-f-each) and what is in it are
 * left out, since whether its file is needed depends on the site. */
static void site_paths_below(struct tpl_set *set, xmlNodePtr node, tpl_site_path_fn fn, void *ctx)
{
	for (xmlNodePtr n = node; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const struct elem *e = n->_private;
		if (e && (e->each || e->tests[0].text || e->tests[1].text))
			continue;
		for (size_t i = 0; e && i < e->nattrs; i++)
			if (e->attrs[i].kind == AV_LINK)
				fn(ctx, e->attrs[i].value, tpl_load_attr_pos(set, n, e->attrs[i].name));
		site_paths_below(set, n->children, fn, ctx);
	}
}

void tpl_site_paths(struct tpl_set *set, tpl_site_path_fn fn, void *ctx)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->items[i]->doc && set->items[i]->checked)
			site_paths_below(set, xmlDocGetRootElement(set->items[i]->doc), fn, ctx);
}

/* Whether the elements from node on, or a layout or partial they name,
 * read the template called other; seen marks the templates of set already
 * walked through (a partial included twice is walked once). */
static bool reads_below(const struct tpl_set *set, xmlNodePtr node, const char *other, bool *seen);

/* Whether template number i of set (set->n: none) is or reads the
 * template called other. */
static bool template_reads(const struct tpl_set *set, size_t i, const char *other, bool *seen)
{
	if (i == set->n || seen[i])
		return false;
	seen[i] = true;
	const struct tpl *t = set->items[i];
	return strcmp(t->name, other) == 0 || (t->doc && reads_below(set, xmlDocGetRootElement(t->doc), other, seen));
}

static bool reads_below(const struct tpl_set *set, xmlNodePtr node, const char *other, bool *seen)
{
	for (xmlNodePtr n = node; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const struct elem *e = n->_private;
		const char *named[2] = {e ? e->include : NULL, e ? e->layout : NULL};
		for (size_t k = 0; k < 2; k++)
			if (named[k] && template_reads(set, tpl_index(set, named[k]), other, seen))
				return true;
		if (reads_below(set, n->children, other, seen))
			return true;
	}
	return false;
}

bool tpl_reads(const struct tpl_set *set, const char *name, const char *other)
{
	size_t i = tpl_index(set, name);
	if (i == set->n || !set->items[i]->checked)
		return false;
	bool *seen = xcalloc(set->n, sizeof *seen);
	bool found = template_reads(set, i, other, seen);
	free(seen);
	return found;
}
