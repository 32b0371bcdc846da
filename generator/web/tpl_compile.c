/*
 * tpl_compile: a template's libxml2 tree turned, once, into what filling
 * a page needs: the struct elem of tpl_internal.h on each element's
 * _private, made right after the template is read.  Nothing here
 * reports an error: a mistake is kept as written and reported where a
 * page meets it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/escape.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "web/tpl_internal.h"

static void path_init(struct path *p, const char *text, size_t len)
{
	p->text = xstrndup(text, len);
	p->n = 1;
	for (const char *c = p->text; *c; c++)
		p->n += *c == '.';
	p->names = xcalloc(p->n, sizeof *p->names);
	const char *s = p->text;
	for (size_t i = 0; i < p->n; i++) {
		size_t name_len = strcspn(s, ".");
		p->names[i] = xstrndup(s, name_len);
		s += name_len + 1;
	}
}

static void path_free(struct path *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	free(p->text);
}

static struct part *add_part(struct fmt *f, enum part_kind kind)
{
	f->parts = xrealloc(f->parts, (f->n + 1) * sizeof *f->parts);
	struct part *p = &f->parts[f->n++];
	*p = (struct part){kind, NULL, 0, {NULL, NULL, 0, NULL}};
	return p;
}

static void flush_text(struct fmt *f, struct buf *text)
{
	if (text->len == 0)
		return;
	struct part *p = add_part(f, PART_TEXT);
	p->len = text->len;
	p->text = buf_detach(text);
}

/* Splits "text {path} text" as interpolate() reads it. */
static struct fmt *fmt_compile(const char *text)
{
	struct fmt *f = xcalloc(1, sizeof *f);
	f->text = xstrdup(text);
	struct buf lit = BUF_INIT;
	for (const char *p = text; *p;) {
		if (p[0] == '{' && p[1] == '{') {
			buf_putc(&lit, '{');
			p += 2;
			continue;
		}
		if (*p != '{') {
			buf_putc(&lit, *p++);
			continue;
		}
		flush_text(f, &lit);
		const char *close = strchr(p, '}');
		if (close == NULL) {
			add_part(f, PART_UNCLOSED);
			break;
		}
		path_init(&add_part(f, PART_PATH)->path, p + 1, (size_t)(close - p - 1));
		p = close + 1;
	}
	flush_text(f, &lit);
	buf_free(&lit);
	return f;
}

static void fmt_free(struct fmt *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->parts[i].text);
		if (f->parts[i].kind == PART_PATH)
			path_free(&f->parts[i].path);
	}
	free(f->parts);
	free(f->text);
	free(f);
}

/* Attributes whose site paths ("/css/site.css") are made relative. */
static bool is_url_attr(const char *name)
{
	return strcmp(name, "href") == 0 || strcmp(name, "src") == 0 || strcmp(name, "action") == 0;
}

/* How attribute local (written as name, with the markup's value plain or
 * NULL) of el gets its value: from data-f-attr-local when el has it. */
static void attr_item_init(struct attr_item *it, xmlNodePtr el, const char *local, const char *name,
                           const char *plain)
{
	char dyn_name[128];
	if ((size_t)snprintf(dyn_name, sizeof dyn_name, "data-f-attr-%s", local) >= sizeof dyn_name)
		dyn_name[0] = '\0';    /* no attribute has such a long name */
	char *fmt = dyn_name[0] ? tpl_get_attr(el, dyn_name) : NULL;
	*it = (struct attr_item){AV_FIXED, local, xstrdup(name), NULL, NULL, 0, NULL, NULL};
	if (fmt == NULL && plain && is_url_attr(local) && plain[0] == '/') {
		it->kind = AV_LINK;
		it->value = xstrdup(plain);
	} else if (fmt == NULL) {
		it->value = xstrdup(plain ? plain : "");
		struct buf markup = BUF_INIT;
		tpl_put_attr(&markup, name, it->value);
		it->markup_len = markup.len;
		it->markup = buf_detach(&markup);
	} else {
		it->kind = AV_FMT;
		it->fmt = fmt_compile(fmt);
		it->fmt_attr = xstrdup(dyn_name);
		xmlFree(fmt);
	}
}

static void attr_item_free(struct attr_item *it)
{
	free(it->name);
	free(it->value);
	free(it->markup);
	fmt_free(it->fmt);
	free(it->fmt_attr);
}

static bool is_void_element(const char *name)
{
	static const char *const voids[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
	                                    "link", "meta", "source", "track", "wbr"};
	for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
		if (strcmp(name, voids[i]) == 0)
			return true;
	return false;
}

static bool is_raw_text_element(const char *name)
{
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0;
}


static struct attr_item *add_attr(struct elem *e)
{
	e->attrs = xrealloc(e->attrs, (e->nattrs + 1) * sizeof *e->attrs);
	return &e->attrs[e->nattrs++];
}

/* Whether el has an attribute name, in any namespace. */
static bool has_any_attr(xmlNodePtr el, const char *name)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return true;
	return false;
}

/* The attributes el writes, in the order it writes them: its own, then
 * those only a data-f-attr-NAME gives. */
static void compile_attrs(struct elem *e, xmlNodePtr el)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (text_starts_with(name, "data-f-"))
			continue;
		xmlChar *plain = xmlNodeGetContent((xmlNodePtr)a);
		char *full = a->ns && a->ns->prefix ? xasprintf("%s:%s", a->ns->prefix, name) : xstrdup(name);
		attr_item_init(add_attr(e), el, name, full, (const char *)plain);
		free(full);
		xmlFree(plain);
	}
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (text_starts_with(name, "data-f-attr-") && !has_any_attr(el, name + 12))
			attr_item_init(add_attr(e), el, name + 12, name + 12, NULL);
	}
}

/* "<name" and the namespaces; the whole start tag when every attribute
 * is fixed (with rel="noopener" worked out as write_start_tag does). */
static void compile_open(struct elem *e, xmlNodePtr el)
{
	struct buf open = BUF_INIT;
	buf_putc(&open, '<');
	buf_puts(&open, (const char *)el->name);
	for (xmlNsPtr ns = el->nsDef; ns; ns = ns->next) {
		char *name = ns->prefix ? xasprintf("xmlns:%s", ns->prefix) : xstrdup("xmlns");
		tpl_put_attr(&open, name, (const char *)ns->href);
		free(name);
	}
	e->open_complete = true;
	for (size_t i = 0; i < e->nattrs; i++)
		e->open_complete &= e->attrs[i].kind == AV_FIXED;
	if (e->open_complete) {
		bool external = false, has_rel = false;
		for (size_t i = 0; i < e->nattrs; i++) {
			buf_put(&open, e->attrs[i].markup, e->attrs[i].markup_len);
			if (e->is_a)
				tpl_note_link_attr(e->attrs[i].local, e->attrs[i].value, &external, &has_rel);
		}
		if (external && !has_rel)
			tpl_put_attr(&open, "rel", "noopener");
		buf_putc(&open, '>');
	}
	e->open_len = open.len;
	e->open = buf_detach(&open);
}

static void compile_path_attr(struct path *p, xmlNodePtr el, const char *attr)
{
	char *v = tpl_get_attr(el, attr);
	if (v)
		path_init(p, v, strlen(v));
	xmlFree(v);
}

static char *owned_attr(xmlNodePtr el, const char *attr)
{
	char *v = tpl_get_attr(el, attr);
	char *copy = v ? xstrdup(v) : NULL;
	xmlFree(v);
	return copy;
}

static void compile_each(struct elem *e, xmlNodePtr el)
{
	e->each = owned_attr(el, "data-f-each");
	char var[64], path[256];
	if (e->each == NULL || sscanf(e->each, " %63[a-z0-9_] in %255[a-z0-9_.]", var, path) != 2)
		return;
	e->each_ok = true;
	e->each_var = xstrdup(var);
	path_init(&e->each_path, path, strlen(path));
}

/* "a=path, b=path", split as it always was: at commas, then at '='. */
static void compile_lets(struct elem *e, xmlNodePtr el)
{
	char *spec = tpl_get_attr(el, "data-f-let");
	if (spec == NULL)
		return;
	e->has_lets = true;
	for (char *save = NULL, *item = strtok_r(spec, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		e->lets = xrealloc(e->lets, (e->nlets + 1) * sizeof *e->lets);
		struct let *l = &e->lets[e->nlets++];
		*l = (struct let){NULL, {NULL, NULL, 0, NULL}, NULL};
		char *eq = strchr(item, '=');
		if (eq == NULL) {
			l->bad = xstrdup(item);
			continue;
		}
		*eq = '\0';
		l->name = xstrdup(text_squeeze_space(item));
		char *path = text_squeeze_space(eq + 1);
		path_init(&l->path, path, strlen(path));
	}
	xmlFree(spec);
}

/* What the element's content is made of: the first of data-f-text,
 * data-f-md and data-f-html it has, or its children. */
static void compile_source(struct elem *e, xmlNodePtr el)
{
	static const char *const sources[] = {"data-f-text", "data-f-md", "data-f-html"};
	for (size_t i = 0; i < 3 && e->source == SRC_NONE; i++) {
		char *path = tpl_get_attr(el, sources[i]);
		if (path == NULL)
			continue;
		e->source = (enum source)(SRC_TEXT + i);
		path_init(&e->source_path, path, strlen(path));
		xmlFree(path);
	}
	if (e->source != SRC_MD)
		return;
	char *shift = tpl_get_attr(el, "data-f-md-shift");
	e->md_shift = shift ? atoi(shift) : 0;
	xmlFree(shift);
	e->md_self_links = owned_attr(el, "data-f-md-self-links");
	/* Heading ids start with data-f-md-ids when it is written, else with
	 * the element's id. */
	char *ids = tpl_get_attr(el, "data-f-md-ids");
	char *id = ids ? ids : tpl_get_attr(el, "id");
	e->md_id = xmalloc(sizeof *e->md_id);
	attr_item_init(e->md_id, el, ids ? "data-f-md-ids" : "id", "id", id);
	xmlFree(id);
}

static struct run *add_run(struct elem *e)
{
	e->kids = xrealloc(e->kids, (e->nkids + 1) * sizeof *e->kids);
	struct run *k = &e->kids[e->nkids++];
	*k = (struct run){NULL, NULL, 0, 0, NULL, NULL};
	return k;
}

/* The markup a pure element always writes. */
static void write_pure(struct buf *out, const struct elem *e)
{
	buf_put(out, e->open, e->open_len);
	if (e->is_void)
		return;
	for (size_t i = 0; i < e->nkids; i++)
		buf_put(out, e->kids[i].html, e->kids[i].len);
	buf_put(out, e->close, e->close_len);
}

static struct elem *compile_element(xmlNodePtr el);

/* Children as runs of markup between elements that depend on the page. */
static void compile_kids(struct elem *e, xmlNodePtr el)
{
	struct buf markup = BUF_INIT;
	struct run *open = NULL;
	for (xmlNodePtr c = el->children; c; c = c->next) {
		struct elem *kid = c->type == XML_ELEMENT_NODE ? compile_element(c) : NULL;
		bool text = c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE;
		if (kid && !kid->pure) {
			if (open)
				open->html = buf_detach(&markup);
			open = NULL;
			add_run(e)->el = kid;
			continue;
		}
		if (!kid && !text)
			continue;  /* comments and processing instructions stay in the template */
		if (open == NULL) {
			open = add_run(e);
			open->first = c;
		}
		open->last = c;
		if (kid) {
			write_pure(&markup, kid);
			if (kid->height > open->height)
				open->height = kid->height;
		} else if (e->is_raw) {
			buf_puts(&markup, (const char *)c->content);
		} else {
			escape_html_text(&markup, (const char *)c->content, strlen((const char *)c->content));
		}
		open->len = markup.len;
	}
	if (open)
		open->html = buf_detach(&markup);
	buf_free(&markup);
}

static bool has_directive(xmlNodePtr el)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next)
		if (text_starts_with((const char *)a->name, "data-f-"))
			return true;
	return false;
}

/* Compiles el and everything below it; the result is el->_private. */
static struct elem *compile_element(xmlNodePtr el)
{
	struct elem *e = xcalloc(1, sizeof *e);
	const char *name = (const char *)el->name;
	e->node = el;
	e->is_void = is_void_element(name);
	e->is_raw = is_raw_text_element(name);
	e->is_a = strcmp(name, "a") == 0;
	compile_each(e, el);
	compile_path_attr(&e->tests[0], el, "data-f-if");
	compile_path_attr(&e->tests[1], el, "data-f-unless");
	e->include = owned_attr(el, "data-f-include");
	e->slot = owned_attr(el, "data-f-slot");
	e->fill = owned_attr(el, "data-f-fill");
	e->layout = owned_attr(el, "data-f-layout");
	compile_lets(e, el);
	e->omit = tpl_find_attr(el, "data-f-omit") != NULL;
	compile_source(e, el);
	compile_attrs(e, el);
	compile_open(e, el);
	struct buf close = BUF_INIT;
	buf_printf(&close, "</%s>", name);
	e->close_len = close.len;
	e->close = buf_detach(&close);
	compile_kids(e, el);
	e->pure = e->open_complete && !has_directive(el);
	e->height = 1;
	for (size_t i = 0; i < e->nkids && !e->is_void; i++) {
		e->pure &= e->kids[i].el == NULL;
		if (1 + e->kids[i].height > e->height)
			e->height = 1 + e->kids[i].height;
	}
	el->_private = e;
	return e;
}

static void elem_free(struct elem *e)
{
	free(e->each);
	free(e->each_var);
	path_free(&e->each_path);
	path_free(&e->tests[0]);
	path_free(&e->tests[1]);
	free(e->include);
	free(e->slot);
	free(e->fill);
	free(e->layout);
	for (size_t i = 0; i < e->nlets; i++) {
		free(e->lets[i].name);
		path_free(&e->lets[i].path);
		free(e->lets[i].bad);
	}
	free(e->lets);
	path_free(&e->source_path);
	free(e->md_self_links);
	if (e->md_id)
		attr_item_free(e->md_id);
	free(e->md_id);
	free(e->open);
	for (size_t i = 0; i < e->nattrs; i++)
		attr_item_free(&e->attrs[i]);
	free(e->attrs);
	free(e->close);
	for (size_t i = 0; i < e->nkids; i++)
		free(e->kids[i].html);
	free(e->kids);
	free(e);
}

/* Whether the text is white space only, with a line break in it: the
 * indentation between a template's tags. */
static bool is_indentation(const char *text)
{
	bool line_break = false;
	for (const char *c = text; *c; c++) {
		if (*c == '\n')
			line_break = true;
		else if (*c != ' ' && *c != '\t' && *c != '\r')
			return false;
	}
	return line_break;
}

/* Elements whose white space is shown as written (pre, textarea) or is
 * not HTML (script, style). */
static bool keeps_white_space(const char *name)
{
	return strcmp(name, "pre") == 0 || strcmp(name, "textarea") == 0 || is_raw_text_element(name);
}

/* The indentation between tags cut to its line breaks.  A browser shows
 * white space with a line break in it as one space, or nothing, however
 * long it is (CSS Text 3, 4.1.1, for every white-space value but pre,
 * pre-wrap and break-spaces, which the theme never sets on an element
 * with such children); the indentation was over a twentieth of a page.
 * The line breaks stay, so a page's lines are the template's and a
 * message's line number still points at what it names. */
static void drop_indentation(xmlNodePtr el)
{
	for (xmlNodePtr c = el->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !keeps_white_space((const char *)c->name)) {
			drop_indentation(c);
		} else if (c->type == XML_TEXT_NODE && c->content && is_indentation((const char *)c->content)) {
			char *breaks = xstrdup((const char *)c->content);
			size_t n = 0;
			for (const char *p = (const char *)c->content; *p; p++)
				if (*p == '\n')
					breaks[n++] = '\n';
			breaks[n] = '\0';
			xmlNodeSetContent(c, (const xmlChar *)breaks);
			free(breaks);
		}
	}
}

void tpl_compile(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root) {
		drop_indentation(root);
		compile_element(root);
	}
}

/* Frees what tpl_compile() hung on the elements below node. */
static void uncompile(xmlNodePtr node)
{
	for (xmlNodePtr c = node; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		uncompile(c->children);
		if (c->_private)
			elem_free(c->_private);
		c->_private = NULL;
	}
}

void tpl_compile_free(xmlDocPtr doc)
{
	uncompile(doc->children);
}
