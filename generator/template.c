#include "template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "escape.h"
#include "load.h"
#include "markdown.h"
#include "text.h"
#include "xalloc.h"

#define MAX_DEPTH 64
#define MAX_FILLS 32
#define TEMPLATE_MAX_SIZE (1u << 20)

struct tpl {
	char *name;             /* as asked for: "base.html" */
	char *shown;            /* as shown in messages: "templates/base.html" */
	char *source;           /* the file's text, for columns */
	xmlDocPtr doc;          /* NULL when it failed to load */
	bool checked;
};

struct tpl_set {
	char *dir;
	char *shown_dir;
	struct tpl **items;
	size_t n, cap;
};

struct loop_info {
	struct pos at;
	long index;
	long length;
	bool first;
	bool last;
};

static const struct field loop_fields[] = {
	SCHEMA_FIELD(struct loop_info, index, "index", SK_INT, 0),
	SCHEMA_FIELD(struct loop_info, length, "length", SK_INT, 0),
	SCHEMA_FIELD(struct loop_info, first, "first", SK_BOOL, 0),
	SCHEMA_FIELD(struct loop_info, last, "last", SK_BOOL, 0),
	SCHEMA_END};
static const struct schema loop_schema = {"loop", sizeof(struct loop_info), offsetof(struct loop_info, at),
                                          loop_fields};

static const char *const directives[] = {"data-f-text", "data-f-md", "data-f-md-shift", "data-f-html",
                                         "data-f-if", "data-f-unless", "data-f-each", "data-f-let",
                                         "data-f-include", "data-f-omit", "data-f-layout", "data-f-slot",
                                         "data-f-fill"};
#define NDIRECTIVES (sizeof directives / sizeof directives[0])

struct fill {
	const char *name;
	xmlNodePtr element;
};

struct renderer {
	struct tpl_set *set;
	struct diag *d;
	struct buf *out;
	const char *root;
	struct tpl_var *vars;
	size_t nvars, cap;
	struct fill fills[MAX_FILLS];
	size_t nfills;
	char **kept;            /* names not found in the template's dictionary */
	size_t nkept, kept_cap;
	int depth;
	bool ok;
};

/* ---- values --------------------------------------------------------- */

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

static struct tval field_value(const struct field *f, const void *obj)
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

static struct tval list_item(struct tval list, size_t i)
{
	if (list.schema == NULL)
		return tval_text(((const struct str *)list.list->items)[i].v);
	if (list.refs)
		return tval_object(list.schema, ((const void *const *)list.list->items)[i]);
	return tval_object(list.schema, schema_list_at(list.schema, list.list, i));
}

static bool truthy(struct tval v)
{
	switch (v.kind) {
	case TV_NONE: return false;
	case TV_TEXT:
	case TV_LINK:
	case TV_HTML: return v.text[0] != '\0';
	case TV_INT:
	case TV_BOOL: return v.number != 0;
	case TV_MD: return cmark_node_first_child((cmark_node *)v.obj) != NULL;
	case TV_OBJECT: return true;
	case TV_LIST: return v.list->len > 0;
	}
	return false;
}

/* ---- loading -------------------------------------------------------- */

struct tpl_set *tpl_new(const char *dir, const char *shown_dir)
{
	struct tpl_set *set = xcalloc(1, sizeof *set);
	set->dir = xstrdup(dir);
	set->shown_dir = xstrdup(shown_dir);
	return set;
}

void tpl_free(struct tpl_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++) {
		struct tpl *t = set->items[i];
		if (t->doc)
			xmlFreeDoc(t->doc);
		free(t->name);
		free(t->shown);
		free(t->source);
		free(t);
	}
	free(set->items);
	free(set->dir);
	free(set->shown_dir);
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
	t->shown = xasprintf("%s/%s", set->shown_dir, name);
	set->items = xgrow(set->items, &set->cap, set->n + 1, sizeof *set->items);
	set->items[set->n++] = t;
	return t;
}

/* Parses t->source (len bytes); false after reporting, t->doc then NULL. */
static bool tpl_parse(struct tpl *t, size_t len, struct diag *d)
{
	if (!load_clean_text(t->source, &len, t->shown, d))
		return false;
	struct parse_errors pe = {d, t->shown, false};
	xmlSetStructuredErrorFunc(&pe, on_xml_error);
	t->doc = xmlReadMemory(t->source, (int)len, t->shown, "UTF-8", XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (t->doc == NULL || pe.reported) {
		if (!pe.reported) {
			struct pos at = {t->shown, 1, 1};
			diag_error(d, at, "template could not be read as HTML");
		}
		if (t->doc)
			xmlFreeDoc(t->doc);
		t->doc = NULL;
		return false;
	}
	return true;
}

/* The template called name, loaded on first use; NULL after an error. */
static struct tpl *tpl_get(struct tpl_set *set, const char *name, struct pos from, struct diag *d)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->items[i]->name, name) == 0)
			return set->items[i]->doc ? set->items[i] : NULL;
	struct tpl *t = tpl_add(set, name);
	if (!valid_template_name(name)) {
		diag_error(d, from, "template name '%s' must be a .html file inside templates/", name);
		return NULL;
	}
	char *path = xasprintf("%s/%s", set->dir, name);
	size_t len;
	struct diag quiet;
	diag_init(&quiet, NULL);
	t->source = load_read_file(path, t->shown, TEMPLATE_MAX_SIZE, &len, &quiet);
	free(path);
	diag_free(&quiet);
	if (t->source == NULL) {
		diag_error(d, from, "cannot read template %s; create it or fix the name", t->shown);
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

/* Where attribute attr of node stands in its template's source. */
static struct pos attr_pos(struct tpl_set *set, xmlNodePtr node, const char *attr)
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

/* tpl_get for the template named in attribute attr of node: a template
 * already read is found without working out the attribute's position,
 * which costs a scan of the source and is needed only for a message. */
static struct tpl *tpl_get_for(struct tpl_set *set, const char *name, xmlNodePtr node, const char *attr,
                               struct diag *d)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->items[i]->doc && strcmp(set->items[i]->name, name) == 0)
			return set->items[i];
	return tpl_get(set, name, attr_pos(set, node, attr), d);
}

/* The attribute name of el (without a namespace), or NULL.  Templates
 * have no DTD defaults, and looking through the doctype for them, as
 * xmlGetNoNsProp does, was a tenth of an HTML-only build. */
static xmlAttrPtr find_attr(xmlNodePtr el, const char *name)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next)
		if (a->ns == NULL && a->name[0] == (xmlChar)name[0] && strcmp((const char *)a->name, name) == 0)
			return a;
	return NULL;
}

/* Whether el has an attribute name, in any namespace. */
static bool has_any_attr(xmlNodePtr el, const char *name)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return true;
	return false;
}

/* The value of attribute name of el, or NULL; caller xmlFree()s. */
static char *get_attr(xmlNodePtr el, const char *name)
{
	xmlAttrPtr a = find_attr(el, name);
	return a ? (char *)xmlNodeGetContent((xmlNodePtr)a) : NULL;
}

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

/* Puts the names an attribute binds (data-f-let, data-f-each,
 * data-f-fill) in the template's dictionary, once, while checking: the
 * render then finds them there without writing to it. */
static void intern_names(xmlNodePtr el, const char *attr, char *v)
{
	xmlDictPtr dict = el->doc->dict;
	if (dict == NULL || v == NULL)
		return;
	if (strcmp(attr, "data-f-fill") == 0) {
		xmlDictLookup(dict, (const xmlChar *)v, -1);
	} else if (strcmp(attr, "data-f-each") == 0) {
		char var[64];
		if (sscanf(v, " %63[a-z0-9_]", var) == 1)
			xmlDictLookup(dict, (const xmlChar *)var, -1);
	} else if (strcmp(attr, "data-f-let") == 0) {
		char *copy = xstrdup(v);
		for (char *save = NULL, *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(item, '=');
			if (eq) {
				*eq = '\0';
				xmlDictLookup(dict, (const xmlChar *)text_squeeze_space(item), -1);
			}
		}
		free(copy);
	}
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
			diag_error(d, attr_pos(set, el, name), "unknown template attribute '%s'%s%s%s", name, near ? "; did you mean '" : "",
			           near ? near : "", near ? "'?" : "");
			ok = false;
			continue;
		}
		char *v = get_attr(el, name);
		intern_names(el, name, v);
		if (strcmp(name, "data-f-each") == 0 && !check_each_syntax(v)) {
			diag_error(d, attr_pos(set, el, name), "data-f-each must read 'item in list.path', not '%s'", v);
			ok = false;
		}
		if (strcmp(name, "data-f-include") == 0 || strcmp(name, "data-f-layout") == 0) {
			/* The column (a scan of the source) is worked out only when
			 * the partial is missing, as for other errors. */
			struct tpl *inc = tpl_get_for(set, v, el, name, d);
			ok &= inc != NULL && check_template(set, inc, d);
		}
		xmlFree(v);
	}
	return check_tree(set, el->children, d) && ok;
}

bool tpl_check(struct tpl_set *set, const char *name, struct diag *d)
{
	struct pos at = {set->shown_dir, 0, 0};
	struct tpl *t = tpl_get(set, name, at, d);
	return t != NULL && check_template(set, t, d);
}

/* ---- paths ---------------------------------------------------------- */

static void fail(struct renderer *r, xmlNodePtr node, const char *attr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(struct renderer *r, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	struct pos at = attr_pos(r->set, node, attr);
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	diag_error(r->d, at, "%s", msg);
	free(msg);
	r->ok = false;
}

static const struct tval *lookup_var(struct renderer *r, const char *name, size_t len)
{
	for (size_t i = r->nvars; i-- > 0;)
		if (strlen(r->vars[i].name) == len && strncmp(r->vars[i].name, name, len) == 0)
			return &r->vars[i].value;
	return NULL;
}

static void unknown_field(struct renderer *r, xmlNodePtr node, const char *attr, const struct schema *s,
                          const char *name)
{
	const char *keys[64];
	size_t n = 0;
	for (const struct field *f = s->fields; f->key && n < 64; f++)
		keys[n++] = f->key;
	const char *near = diag_suggest(name, keys, n);
	struct buf msg = BUF_INIT;
	buf_printf(&msg, "unknown field '%s' of %s", name, s->name);
	if (near)
		buf_printf(&msg, "; did you mean '%s'?", near);
	fail(r, node, attr, "%s", msg.data);
	buf_free(&msg);
}

/* The value of a dotted path; reports unknown names. */
static struct tval resolve(struct renderer *r, xmlNodePtr node, const char *attr, const char *path)
{
	struct tval none = {0};
	size_t len = strcspn(path, ".");
	const struct tval *var = lookup_var(r, path, len);
	if (var == NULL) {
		char *name = xstrndup(path, len);
		fail(r, node, attr, "unknown name '%s'; the names here come from the page or a data-f-each/let", name);
		free(name);
		return none;
	}
	struct tval v = *var;
	for (const char *p = path + len; *p == '.'; p += len + 1) {
		len = strcspn(p + 1, ".");
		char *name = xstrndup(p + 1, len);
		if (v.kind == TV_OBJECT) {
			const struct field *f = schema_field(v.schema, name);
			if (f == NULL) {
				unknown_field(r, node, attr, v.schema, name);
				free(name);
				return none;
			}
			v = field_value(f, v.obj);
		} else if (v.kind == TV_LIST && strcmp(name, "length") == 0) {
			struct tval n = {0};
			n.kind = TV_INT;
			n.number = (long)v.list->len;
			v = n;
		} else if (v.kind != TV_NONE) {
			fail(r, node, attr, "'%s' has no field '%s'", path, name);
			free(name);
			return none;
		}
		free(name);
	}
	return v;
}

static void write_link(const char *root, const char *url, struct buf *out)
{
	if (url[0] != '/' || url[1] == '/') {
		buf_puts(out, url);
		return;
	}
	if (*root)
		buf_puts(out, root);
	else if (url[1] == '\0' || url[1] == '#' || url[1] == '?')
		buf_puts(out, "./");
	buf_puts(out, url + 1);
}

/* Markdown links are written like template links: relative to the page. */
static void md_link(void *ctx, const char *url, struct buf *out)
{
	const struct renderer *r = ctx;
	write_link(r->root, url, out);
}

/* The value as text, unescaped.  Returns false for values with no text. */
static bool value_text(struct renderer *r, struct tval v, struct buf *out)
{
	switch (v.kind) {
	case TV_TEXT:
	case TV_HTML:
		buf_puts(out, v.text);
		return true;
	case TV_LINK:
		write_link(r->root, v.text, out);
		return true;
	case TV_INT:
		buf_printf(out, "%ld", v.number);
		return true;
	case TV_BOOL:
		buf_puts(out, v.number ? "true" : "false");
		return true;
	case TV_MD: {
		char *plain = md_plain_text((cmark_node *)v.obj);
		buf_puts(out, plain);
		free(plain);
		return true;
	}
	default:
		return false;
	}
}

/* ---- output --------------------------------------------------------- */

static bool is_void_element(const char *name)
{
	static const char *const voids[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
	                                    "link", "meta", "source", "track", "wbr"};
	/* Asked for every element: compare only names with the same first letter. */
	for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
		if (voids[i][0] == name[0] && strcmp(name, voids[i]) == 0)
			return true;
	return false;
}

static bool is_raw_text_element(const char *name)
{
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0;
}

static void push_var(struct renderer *r, const char *name, struct tval v)
{
	r->vars = xgrow(r->vars, &r->cap, r->nvars + 1, sizeof *r->vars);
	r->vars[r->nvars].name = name;
	r->vars[r->nvars].value = v;
	r->nvars++;
}

/* Expands "text {path} text" into out; false when a path has no value. */
static bool interpolate(struct renderer *r, xmlNodePtr el, const char *attr, const char *fmt, struct buf *out)
{
	bool complete = true;
	for (const char *p = fmt; *p;) {
		if (p[0] == '{' && p[1] == '{') {
			buf_putc(out, '{');
			p += 2;
			continue;
		}
		if (*p != '{') {
			buf_putc(out, *p++);
			continue;
		}
		const char *close = strchr(p, '}');
		if (close == NULL) {
			fail(r, el, attr, "'{' without '}' in '%s'; write '{{' for a literal brace", fmt);
			return false;
		}
		char *path = xstrndup(p + 1, (size_t)(close - p - 1));
		struct tval v = resolve(r, el, attr, path);
		if (v.kind == TV_NONE || (v.kind == TV_BOOL && !v.number))
			complete = false;
		else if (!value_text(r, v, out))
			fail(r, el, attr, "'%s' is a list or an object, not text", path);
		free(path);
		p = close + 1;
	}
	return complete;
}

static void write_attr(struct renderer *r, const char *name, const char *value)
{
	buf_putc(r->out, ' ');
	buf_puts(r->out, name);
	buf_puts(r->out, "=\"");
	escape_html_attr(r->out, value, strlen(value));
	buf_putc(r->out, '"');
}

/* Attributes whose site paths ("/css/site.css") are made relative. */
static bool is_url_attr(const char *name)
{
	return strcmp(name, "href") == 0 || strcmp(name, "src") == 0 || strcmp(name, "action") == 0;
}

/* The value for attribute name: from data-f-attr-name when present.
 * Returns NULL to leave the attribute out; caller frees. */
static char *attr_value(struct renderer *r, xmlNodePtr el, const char *name, const char *plain)
{
	char dyn_name[128];
	if ((size_t)snprintf(dyn_name, sizeof dyn_name, "data-f-attr-%s", name) >= sizeof dyn_name)
		dyn_name[0] = '\0';    /* no attribute has such a long name */
	char *fmt = dyn_name[0] ? get_attr(el, dyn_name) : NULL;
	char *result = NULL;
	if (fmt == NULL && plain && is_url_attr(name) && plain[0] == '/') {
		struct buf b = BUF_INIT;
		write_link(r->root, plain, &b);
		result = buf_detach(&b);
	} else if (fmt == NULL) {
		result = xstrdup(plain ? plain : "");
	} else {
		struct buf b = BUF_INIT;
		if (interpolate(r, el, dyn_name, fmt, &b))
			result = buf_detach(&b);
		buf_free(&b);
		xmlFree(fmt);
	}
	return result;
}

/* Notes what an attribute written on an <a> says about noopener. */
static void note_link_attr(const char *name, const char *value, bool *external, bool *has_rel)
{
	if (strcmp(name, "rel") == 0)
		*has_rel = true;
	else if (strcmp(name, "href") == 0)
		*external = text_starts_with(value, "https:") || text_starts_with(value, "http:") ||
		            text_starts_with(value, "//");
}

static void write_start_tag(struct renderer *r, xmlNodePtr el)
{
	/* A link to another site gets rel="noopener" unless the template
	 * chose its own rel: the other page cannot reach this one. */
	bool is_a = strcmp((const char *)el->name, "a") == 0, external = false, has_rel = false;
	buf_putc(r->out, '<');
	buf_puts(r->out, (const char *)el->name);
	for (xmlNsPtr ns = el->nsDef; ns; ns = ns->next) {
		char *name = ns->prefix ? xasprintf("xmlns:%s", ns->prefix) : xstrdup("xmlns");
		write_attr(r, name, (const char *)ns->href);
		free(name);
	}
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (text_starts_with(name, "data-f-"))
			continue;
		xmlChar *plain = xmlNodeGetContent((xmlNodePtr)a);
		char *v = attr_value(r, el, name, (const char *)plain);
		xmlFree(plain);
		if (v && a->ns && a->ns->prefix) {
			char *full = xasprintf("%s:%s", a->ns->prefix, name);
			write_attr(r, full, v);
			free(full);
		} else if (v) {
			write_attr(r, name, v);
		}
		if (v && is_a)
			note_link_attr(name, v, &external, &has_rel);
		free(v);
	}
	/* data-f-attr-x for attributes the markup does not have yet */
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (!text_starts_with(name, "data-f-attr-") || has_any_attr(el, name + 12))
			continue;
		char *v = attr_value(r, el, name + 12, NULL);
		if (v) {
			write_attr(r, name + 12, v);
			if (is_a)
				note_link_attr(name + 12, v, &external, &has_rel);
		}
		free(v);
	}
	if (external && !has_rel)
		write_attr(r, "rel", "noopener");
	buf_putc(r->out, '>');
}

static void render_element(struct renderer *r, xmlNodePtr el);

static void render_children(struct renderer *r, xmlNodePtr el)
{
	bool raw = is_raw_text_element((const char *)el->name);
	for (xmlNodePtr c = el->children; c; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE:
			render_element(r, c);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (raw)
				buf_puts(r->out, (const char *)c->content);
			else
				escape_html_text(r->out, (const char *)c->content, strlen((const char *)c->content));
			break;
		default:
			break;  /* comments and processing instructions stay in the template */
		}
	}
}

static void render_markdown(struct renderer *r, xmlNodePtr el, struct tval v)
{
	char *shift = get_attr(el, "data-f-md-shift");
	struct md_html_options opt = {shift ? atoi(shift) : 0, NULL, md_link, r};
	xmlFree(shift);
	/* Heading ids start with the element's own id (written or computed),
	 * so two Markdown bodies on a page cannot give two headings one id. */
	char *plain = get_attr(el, "id");
	char *id = attr_value(r, el, "id", plain);
	xmlFree(plain);
	char *prefix = id && *id ? xasprintf("%s-", id) : NULL;
	opt.id_prefix = prefix;
	md_render_html(r->out, (cmark_node *)v.obj, &opt);
	free(prefix);
	free(id);
}

/* Writes the element's content: a value, Markdown, markup or children. */
static void render_content(struct renderer *r, xmlNodePtr el)
{
	static const char *const sources[] = {"data-f-text", "data-f-md", "data-f-html"};
	for (size_t i = 0; i < 3; i++) {
		char *path = get_attr(el, sources[i]);
		if (path == NULL)
			continue;
		struct tval v = resolve(r, el, sources[i], path);
		if (i == 0) {
			struct buf text = BUF_INIT;
			if (v.kind != TV_NONE && !value_text(r, v, &text))
				fail(r, el, sources[i], "'%s' is a list or an object, not text", path);
			escape_html_text(r->out, buf_str(&text), text.len);
			buf_free(&text);
		} else if (i == 1 && v.kind == TV_MD) {
			render_markdown(r, el, v);
		} else if (i == 2 && v.kind == TV_HTML) {
			buf_puts(r->out, v.text);
		} else if (v.kind != TV_NONE) {
			fail(r, el, sources[i], i == 1 ? "'%s' is not Markdown" : "'%s' is not generated markup", path);
		}
		xmlFree(path);
		return;
	}
	render_children(r, el);
}

/* Binds "a=path, b=path" for the element's subtree; returns how many. */
/* A variable name that lives as long as the render: the one interned in
 * the template's dictionary when it was checked.  The dictionary is only
 * read here, since pages render on several threads at once and adding to
 * it is not thread-safe; a name it lacks is copied instead. */
static const char *keep_name(struct renderer *r, xmlDocPtr doc, const char *name)
{
	const xmlChar *interned = xmlDictExists(doc->dict, (const xmlChar *)name, -1);
	if (interned)
		return (const char *)interned;
	r->kept = xgrow(r->kept, &r->kept_cap, r->nkept + 1, sizeof *r->kept);
	r->kept[r->nkept] = xstrdup(name);
	return r->kept[r->nkept++];
}

static size_t bind_lets(struct renderer *r, xmlNodePtr el)
{
	char *spec = get_attr(el, "data-f-let");
	if (spec == NULL)
		return 0;
	size_t bound = 0;
	for (char *save = NULL, *item = strtok_r(spec, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');
		if (eq == NULL) {
			fail(r, el, "data-f-let", "data-f-let takes 'name=path' pairs, not '%s'", item);
			continue;
		}
		*eq = '\0';
		char *name = text_squeeze_space(item);
		char *path = text_squeeze_space(eq + 1);
		struct tval v = resolve(r, el, "data-f-let", path);
		push_var(r, keep_name(r, el->doc, name), v);
		bound++;
	}
	xmlFree(spec);
	return bound;
}

static void render_include(struct renderer *r, xmlNodePtr el, const char *name)
{
	struct tpl *t = tpl_get_for(r->set, name, el, "data-f-include", r->d);
	if (t == NULL) {
		r->ok = false;
		return;
	}
	size_t bound = bind_lets(r, el);
	render_element(r, xmlDocGetRootElement(t->doc));
	r->nvars -= bound;
}

static xmlNodePtr find_fill(struct renderer *r, const char *name)
{
	for (size_t i = 0; i < r->nfills; i++)
		if (strcmp(r->fills[i].name, name) == 0)
			return r->fills[i].element;
	return NULL;
}

static bool condition_holds(struct renderer *r, xmlNodePtr el)
{
	static const char *const tests[] = {"data-f-if", "data-f-unless"};
	for (size_t i = 0; i < 2; i++) {
		char *path = get_attr(el, tests[i]);
		if (path == NULL)
			continue;
		bool set = truthy(resolve(r, el, tests[i], path));
		xmlFree(path);
		if (set == (i == 1))
			return false;
	}
	return true;
}

static void render_once(struct renderer *r, xmlNodePtr el)
{
	if (!condition_holds(r, el))
		return;
	char *include = get_attr(el, "data-f-include");
	if (include) {
		render_include(r, el, include);
		xmlFree(include);
		return;
	}
	char *slot = get_attr(el, "data-f-slot");
	xmlNodePtr fill = slot ? find_fill(r, slot) : NULL;
	xmlFree(slot);
	if (fill) {
		render_element(r, fill);
		return;
	}
	size_t bound = bind_lets(r, el);
	bool omit = find_attr(el, "data-f-omit") != NULL;
	const char *name = (const char *)el->name;
	if (!omit)
		write_start_tag(r, el);
	if (!is_void_element(name)) {
		render_content(r, el);
		if (!omit) {
			buf_puts(r->out, "</");
			buf_puts(r->out, name);
			buf_putc(r->out, '>');
		}
	}
	r->nvars -= bound;
}

static void render_each(struct renderer *r, xmlNodePtr el, const char *spec)
{
	char var[64], path[256];
	if (sscanf(spec, " %63[a-z0-9_] in %255[a-z0-9_.]", var, path) != 2) {
		fail(r, el, "data-f-each", "data-f-each must read 'item in list.path', not '%s'", spec);
		return;
	}
	struct tval list = resolve(r, el, "data-f-each", path);
	if (list.kind == TV_NONE)
		return;
	if (list.kind != TV_LIST) {
		fail(r, el, "data-f-each", "'%s' is not a list", path);
		return;
	}
	const char *name = keep_name(r, el->doc, var);
	struct loop_info info = {{NULL, 0, 0}, 0, (long)list.list->len, false, false};
	for (size_t i = 0; i < list.list->len; i++) {
		info.index = (long)i + 1;
		info.first = i == 0;
		info.last = i + 1 == list.list->len;
		push_var(r, name ? name : "item", list_item(list, i));
		push_var(r, "loop", tval_object(&loop_schema, &info));
		render_once(r, el);
		r->nvars -= 2;
	}
}

static void render_element(struct renderer *r, xmlNodePtr el)
{
	if (++r->depth > MAX_DEPTH) {
		fail(r, el, "data-f-include", "templates nest deeper than %d levels; an include may include itself", MAX_DEPTH);
		r->depth--;
		return;
	}
	char *each = get_attr(el, "data-f-each");
	if (each)
		render_each(r, el, each);
	else
		render_once(r, el);
	xmlFree(each);
	r->depth--;
}

static void collect_fills(struct renderer *r, xmlNodePtr node)
{
	for (xmlNodePtr c = node; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		char *name = get_attr(c, "data-f-fill");
		if (name) {
			if (r->nfills < MAX_FILLS) {
				r->fills[r->nfills].name = keep_name(r, c->doc, name);
				r->fills[r->nfills].element = c;
				r->nfills++;
			}
			xmlFree(name);
			continue;
		}
		collect_fills(r, c->children);
	}
}

bool tpl_render(struct tpl_set *set, const char *name, const struct tpl_var *vars, size_t nvars,
                const char *root, struct buf *out, struct diag *d)
{
	struct renderer r = {.set = set, .d = d, .out = out, .root = root, .ok = true};
	if (!tpl_check(set, name, d))
		return false;
	struct pos at = {set->shown_dir, 0, 0};
	struct tpl *page = tpl_get(set, name, at, d);
	for (size_t i = 0; i < nvars; i++)
		push_var(&r, vars[i].name, vars[i].value);
	xmlNodePtr page_root = xmlDocGetRootElement(page->doc);
	struct tpl *frame = page;
	char *layout = get_attr(page_root, "data-f-layout");
	if (layout) {
		frame = tpl_get_for(set, layout, page_root, "data-f-layout", d);
		collect_fills(&r, page_root->children);
		xmlFree(layout);
	}
	if (frame) {
		if (frame->doc->intSubset)
			buf_puts(out, "<!DOCTYPE html>\n");
		render_element(&r, xmlDocGetRootElement(frame->doc));
		buf_putc(out, '\n');
	} else {
		r.ok = false;
	}
	free(r.vars);
	for (size_t i = 0; i < r.nkept; i++)
		free(r.kept[i]);
	free(r.kept);
	return r.ok;
}
