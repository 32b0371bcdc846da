#include "web/template.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/escape.h"
#include "base/textfile.h"
#include "content/markdown.h"
#include "base/text.h"
#include "base/xalloc.h"

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

static const char *const directives[] = {"data-f-text", "data-f-md", "data-f-md-shift", "data-f-md-self-links",
                                         "data-f-html", "data-f-if", "data-f-unless", "data-f-each", "data-f-let",
                                         "data-f-include", "data-f-omit", "data-f-layout", "data-f-slot",
                                         "data-f-fill"};
#define NDIRECTIVES (sizeof directives / sizeof directives[0])

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

static void compile_doc(xmlDocPtr doc);
static void uncompile(xmlNodePtr node);

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
		if (t->doc) {
			uncompile(t->doc->children);
			xmlFreeDoc(t->doc);
		}
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
	if (!textfile_clean(t->source, &len, t->shown, d))
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
	compile_doc(t->doc);
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
	t->source = textfile_read(path, t->shown, TEMPLATE_MAX_SIZE, &len, &quiet);
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

/* ---- compiled templates --------------------------------------------- */

/*
 * Each element of a template is compiled once, right after the template is
 * read: its directives parsed, its paths split at the dots, its start tag
 * written out when nothing in it depends on the page, and its children
 * turned into runs of finished markup between the elements that do
 * depend on the page.  The result hangs on the node's _private.  Filling
 * a page then neither looks attributes up by name nor allocates, where
 * walking the libxml2 tree did both for every element of every page.
 *
 * Pages render on several threads at once, so after compiling everything
 * here is only read, but for the field hints of paths, which are atomic
 * and only ever checked before they are used.
 */

struct seg {
	char *name;             /* owned */
	uint64_t key;           /* name_key(name) */
	atomic_uint hint;       /* index of the field this name found last */
	_Atomic(const char *) hint_key;   /* and that field's key */
};

/* A dotted path as written ("pattern.effort.min"), split at the dots. */
struct path {
	char *text;             /* as written, for messages; NULL: no path; owned */
	struct seg *segs;       /* owned */
	size_t n;
};

enum part_kind { PART_TEXT, PART_PATH, PART_UNCLOSED };

/* A piece of "text {path} text": text, a path, or a '{' without '}'. */
struct part {
	enum part_kind kind;
	char *text;             /* PART_TEXT, with "{{" already made "{"; owned */
	size_t len;
	struct path path;       /* PART_PATH */
};

struct fmt {
	char *text;             /* as written, for messages; owned */
	struct part *parts;     /* owned */
	size_t n;
};

/* Where an attribute's value comes from: the markup, the markup's site
 * path made relative to the page, or a data-f-attr-NAME. */
enum av_kind { AV_FIXED, AV_LINK, AV_FMT };

struct attr_item {
	enum av_kind kind;
	const char *local;      /* the name without a prefix (the document's) */
	char *name;             /* the name written out; owned */
	char *value;            /* AV_FIXED: the value, AV_LINK: the site path; owned */
	char *markup;           /* AV_FIXED: ' name="value"', escaped; owned */
	size_t markup_len;
	struct fmt *fmt;        /* AV_FMT; owned */
	char *fmt_attr;         /* AV_FMT: the data-f-attr-NAME, for messages; owned */
};

struct let {
	char *name;             /* owned */
	struct path path;
	char *bad;              /* an item without '=', reported when rendered; owned */
};

struct elem;

/* A piece of an element's content: finished markup (text and elements
 * that depend on nothing), or one element that has to be rendered. */
struct run {
	struct elem *el;        /* NULL for markup */
	char *html;             /* owned */
	size_t len;
	int height;             /* levels of elements in the markup */
	xmlNodePtr first, last; /* the nodes the markup was made from */
};

enum source { SRC_NONE, SRC_TEXT, SRC_MD, SRC_HTML };

struct elem {
	xmlNodePtr node;        /* for messages and layouts' fills */
	bool is_void, is_raw, is_a;
	bool pure;              /* no directive in it or below, nothing relative */
	int height;             /* of a pure element: levels of elements, its own included */
	char *each;             /* data-f-each as written, or NULL; owned */
	bool each_ok;           /* each reads 'item in list.path' */
	char *each_var;         /* owned */
	struct path each_path;
	struct path tests[2];   /* data-f-if, data-f-unless */
	char *include, *slot, *fill, *layout;   /* owned; NULL when absent */
	bool has_lets;
	struct let *lets;       /* owned */
	size_t nlets;
	bool omit;
	enum source source;
	struct path source_path;
	int md_shift;
	char *md_self_links;    /* SRC_MD: data-f-md-self-links, the class of headings' links; owned; may be NULL */
	struct attr_item *md_id;        /* SRC_MD: the element's id, for heading ids; owned */
	char *open;             /* "<name" and namespaces; owned */
	size_t open_len;
	bool open_complete;     /* open is the whole start tag: every attribute is fixed */
	struct attr_item *attrs;        /* owned */
	size_t nattrs;
	char *close;            /* "</name>"; owned */
	size_t close_len;
	struct run *kids;       /* owned */
	size_t nkids;
};

/* A name bound while rendering: the page's, a loop's or a let's. */
struct var {
	const char *name;
	uint64_t key;           /* name_key(name) */
	struct tval value;
};

struct fill {
	const char *name;
	const struct elem *element;
};

struct renderer {
	struct tpl_set *set;
	struct diag *d;
	struct buf *out;
	const char *root;
	struct var *vars;
	size_t nvars, cap;
	struct fill fills[MAX_FILLS];
	size_t nfills;
	struct buf scratch;     /* an attribute's or a value's text, before escaping */
	int depth;
	bool ok;
};

/* A name's first eight bytes, zero-padded: two names of fewer than
 * eight bytes are the same when their keys are, and longer ones differ
 * when their keys do.  A page looks names up hundreds of times. */
static uint64_t name_key(const char *name)
{
	size_t n = strnlen(name, 8);
	uint64_t key = 0;
	for (size_t i = 0; i < n; i++)
		key |= (uint64_t)(unsigned char)name[i] << (8 * i);
	return key;
}

/* Whether a (keyed a_key) and b (keyed b_key) are the same name. */
static bool same_name(const char *a, uint64_t a_key, const char *b, uint64_t b_key)
{
	return a_key == b_key && (a_key >> 56 == 0 || strcmp(a + 8, b + 8) == 0);
}

static void path_init(struct path *p, const char *text, size_t len)
{
	p->text = xstrndup(text, len);
	p->n = 1;
	for (const char *c = p->text; *c; c++)
		p->n += *c == '.';
	p->segs = xcalloc(p->n, sizeof *p->segs);
	const char *s = p->text;
	for (size_t i = 0; i < p->n; i++) {
		size_t seg_len = strcspn(s, ".");
		p->segs[i].name = xstrndup(s, seg_len);
		p->segs[i].key = name_key(p->segs[i].name);
		atomic_init(&p->segs[i].hint, 0);
		atomic_init(&p->segs[i].hint_key, NULL);
		s += seg_len + 1;
	}
}

static void path_free(struct path *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->segs[i].name);
	free(p->segs);
	free(p->text);
}

static struct part *add_part(struct fmt *f, enum part_kind kind)
{
	f->parts = xrealloc(f->parts, (f->n + 1) * sizeof *f->parts);
	struct part *p = &f->parts[f->n++];
	*p = (struct part){kind, NULL, 0, {NULL, NULL, 0}};
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

static void put_attr(struct buf *out, const char *name, const char *value)
{
	buf_putc(out, ' ');
	buf_puts(out, name);
	buf_put(out, "=\"", 2);
	escape_html_attr(out, value, strlen(value));
	buf_putc(out, '"');
}

/* How attribute local (written as name, with the markup's value plain or
 * NULL) of el gets its value: from data-f-attr-local when el has it. */
static void attr_item_init(struct attr_item *it, xmlNodePtr el, const char *local, const char *name,
                           const char *plain)
{
	char dyn_name[128];
	if ((size_t)snprintf(dyn_name, sizeof dyn_name, "data-f-attr-%s", local) >= sizeof dyn_name)
		dyn_name[0] = '\0';    /* no attribute has such a long name */
	char *fmt = dyn_name[0] ? get_attr(el, dyn_name) : NULL;
	*it = (struct attr_item){AV_FIXED, local, xstrdup(name), NULL, NULL, 0, NULL, NULL};
	if (fmt == NULL && plain && is_url_attr(local) && plain[0] == '/') {
		it->kind = AV_LINK;
		it->value = xstrdup(plain);
	} else if (fmt == NULL) {
		it->value = xstrdup(plain ? plain : "");
		struct buf markup = BUF_INIT;
		put_attr(&markup, name, it->value);
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

/* Notes what an attribute written on an <a> says about noopener. */
static void note_link_attr(const char *name, const char *value, bool *external, bool *has_rel)
{
	if (strcmp(name, "rel") == 0)
		*has_rel = true;
	else if (strcmp(name, "href") == 0)
		*external = text_starts_with(value, "https:") || text_starts_with(value, "http:") ||
		            text_starts_with(value, "//");
}

static struct attr_item *add_attr(struct elem *e)
{
	e->attrs = xrealloc(e->attrs, (e->nattrs + 1) * sizeof *e->attrs);
	return &e->attrs[e->nattrs++];
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
		put_attr(&open, name, (const char *)ns->href);
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
				note_link_attr(e->attrs[i].local, e->attrs[i].value, &external, &has_rel);
		}
		if (external && !has_rel)
			put_attr(&open, "rel", "noopener");
		buf_putc(&open, '>');
	}
	e->open_len = open.len;
	e->open = buf_detach(&open);
}

static void compile_path_attr(struct path *p, xmlNodePtr el, const char *attr)
{
	char *v = get_attr(el, attr);
	if (v)
		path_init(p, v, strlen(v));
	xmlFree(v);
}

static char *owned_attr(xmlNodePtr el, const char *attr)
{
	char *v = get_attr(el, attr);
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
	char *spec = get_attr(el, "data-f-let");
	if (spec == NULL)
		return;
	e->has_lets = true;
	for (char *save = NULL, *item = strtok_r(spec, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		e->lets = xrealloc(e->lets, (e->nlets + 1) * sizeof *e->lets);
		struct let *l = &e->lets[e->nlets++];
		*l = (struct let){NULL, {NULL, NULL, 0}, NULL};
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
		char *path = get_attr(el, sources[i]);
		if (path == NULL)
			continue;
		e->source = (enum source)(SRC_TEXT + i);
		path_init(&e->source_path, path, strlen(path));
		xmlFree(path);
	}
	if (e->source != SRC_MD)
		return;
	char *shift = get_attr(el, "data-f-md-shift");
	e->md_shift = shift ? atoi(shift) : 0;
	xmlFree(shift);
	e->md_self_links = owned_attr(el, "data-f-md-self-links");
	char *id = get_attr(el, "id");
	e->md_id = xmalloc(sizeof *e->md_id);
	attr_item_init(e->md_id, el, "id", "id", id);
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
	e->omit = find_attr(el, "data-f-omit") != NULL;
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

static void compile_doc(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root)
		compile_element(root);
}

/* Frees what compile_doc() hung on the elements below node. */
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

/* The innermost binding of seg's name, or NULL. */
static const struct tval *lookup_var(struct renderer *r, const struct seg *seg)
{
	for (size_t i = r->nvars; i-- > 0;)
		if (same_name(r->vars[i].name, r->vars[i].key, seg->name, seg->key))
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

/* The field of s called seg->name, or NULL.  The field the name found
 * last is tried first: a path in a template nearly always meets objects
 * of one schema.  The hint may come from another schema (or another
 * thread), so it is used only after checking it names a field of s: by
 * its key's address when that is the key the name found (hint and key
 * may come from two threads' stores, but any key stored was found by
 * this very name), else by comparing. */
static const struct field *find_field(const struct schema *s, struct seg *seg)
{
	unsigned hint = atomic_load_explicit(&seg->hint, memory_order_relaxed);
	const struct field *f = s->fields;
	for (unsigned i = 0; i < hint && f->key; i++)
		f++;
	/* The same key as found before is the same name: no compare. */
	const char *known = atomic_load_explicit(&seg->hint_key, memory_order_relaxed);
	if (f->key && (f->key == known || strcmp(f->key, seg->name) == 0))
		return f;
	f = schema_field(s, seg->name);
	if (f) {
		atomic_store_explicit(&seg->hint, (unsigned)(f - s->fields), memory_order_relaxed);
		atomic_store_explicit(&seg->hint_key, f->key, memory_order_relaxed);
	}
	return f;
}

/* The value of a dotted path; reports unknown names. */
static struct tval resolve(struct renderer *r, xmlNodePtr node, const char *attr, const struct path *path)
{
	struct tval none = {0};
	const struct tval *var = lookup_var(r, &path->segs[0]);
	if (var == NULL) {
		fail(r, node, attr, "unknown name '%s'; the names here come from the page or a data-f-each/let",
		     path->segs[0].name);
		return none;
	}
	struct tval v = *var;
	for (size_t i = 1; i < path->n; i++) {
		const char *name = path->segs[i].name;
		if (v.kind == TV_OBJECT) {
			const struct field *f = find_field(v.schema, &path->segs[i]);
			if (f == NULL) {
				unknown_field(r, node, attr, v.schema, name);
				return none;
			}
			v = field_value(f, v.obj);
		} else if (v.kind == TV_LIST && strcmp(name, "length") == 0) {
			struct tval n = {0};
			n.kind = TV_INT;
			n.number = (long)v.list->len;
			v = n;
		} else if (v.kind != TV_NONE) {
			fail(r, node, attr, "'%s' has no field '%s'", path->text, name);
			return none;
		}
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
		buf_put(out, "./", 2);
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
		buf_put_long(out, v.number);
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

static void push_var(struct renderer *r, const char *name, struct tval v)
{
	r->vars = xgrow(r->vars, &r->cap, r->nvars + 1, sizeof *r->vars);
	r->vars[r->nvars] = (struct var){name, name_key(name), v};
	r->nvars++;
}

/* Expands "text {path} text" into out; false when a path has no value. */
static bool interpolate(struct renderer *r, xmlNodePtr el, const char *attr, const struct fmt *fmt, struct buf *out)
{
	bool complete = true;
	for (size_t i = 0; i < fmt->n; i++) {
		const struct part *p = &fmt->parts[i];
		if (p->kind == PART_TEXT) {
			buf_put(out, p->text, p->len);
			continue;
		}
		if (p->kind == PART_UNCLOSED) {
			fail(r, el, attr, "'{' without '}' in '%s'; write '{{' for a literal brace", fmt->text);
			return false;
		}
		struct tval v = resolve(r, el, attr, &p->path);
		if (v.kind == TV_NONE || (v.kind == TV_BOOL && !v.number))
			complete = false;
		else if (!value_text(r, v, out))
			fail(r, el, attr, "'%s' is a list or an object, not text", p->path.text);
	}
	return complete;
}

/* The value attribute it of el gets on this page, or NULL to leave the
 * attribute out; valid until r->scratch is next used. */
static const char *attr_item_value(struct renderer *r, const struct elem *e, const struct attr_item *it)
{
	switch (it->kind) {
	case AV_FIXED:
		return it->value;
	case AV_LINK:
		buf_reset(&r->scratch);
		write_link(r->root, it->value, &r->scratch);
		return buf_str(&r->scratch);
	case AV_FMT:
		buf_reset(&r->scratch);
		return interpolate(r, e->node, it->fmt_attr, it->fmt, &r->scratch) ? buf_str(&r->scratch) : NULL;
	}
	return NULL;
}

static void write_start_tag(struct renderer *r, const struct elem *e)
{
	buf_put(r->out, e->open, e->open_len);
	if (e->open_complete)
		return;
	/* A link to another site gets rel="noopener" unless the template
	 * chose its own rel: the other page cannot reach this one. */
	bool external = false, has_rel = false;
	for (size_t i = 0; i < e->nattrs; i++) {
		const struct attr_item *it = &e->attrs[i];
		const char *v = attr_item_value(r, e, it);
		if (v == NULL)
			continue;
		if (it->kind == AV_FIXED)
			buf_put(r->out, it->markup, it->markup_len);
		else
			put_attr(r->out, it->name, v);
		if (e->is_a)
			note_link_attr(it->local, v, &external, &has_rel);
	}
	if (external && !has_rel)
		put_attr(r->out, "rel", "noopener");
	buf_putc(r->out, '>');
}

static void render_element(struct renderer *r, const struct elem *e);

/* The nodes first to last, one by one: for markup nested too deep to be
 * copied whole, so that the depth is reported as before. */
static void render_nodes(struct renderer *r, const struct elem *parent, xmlNodePtr first, xmlNodePtr last)
{
	for (xmlNodePtr c = first;; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			render_element(r, c->_private);
		else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (parent->is_raw)
				buf_puts(r->out, (const char *)c->content);
			else
				escape_html_text(r->out, (const char *)c->content, strlen((const char *)c->content));
		}
		if (c == last)
			break;
	}
}

static void render_children(struct renderer *r, const struct elem *e)
{
	for (size_t i = 0; i < e->nkids; i++) {
		const struct run *k = &e->kids[i];
		if (k->el)
			render_element(r, k->el);
		else if (r->depth + k->height <= MAX_DEPTH)
			buf_put(r->out, k->html, k->len);
		else
			render_nodes(r, e, k->first, k->last);
	}
}

static void render_markdown(struct renderer *r, const struct elem *e, struct tval v)
{
	struct md_html_options opt = {e->md_shift, NULL, md_link, r, e->md_self_links};
	/* Heading ids start with the element's own id (written or computed),
	 * so two Markdown bodies on a page cannot give two headings one id. */
	const char *id = attr_item_value(r, e, e->md_id);
	char *prefix = id && *id ? xasprintf("%s-", id) : NULL;
	opt.id_prefix = prefix;
	md_render_html(r->out, (cmark_node *)v.obj, &opt);
	free(prefix);
}

static void render_text(struct renderer *r, const struct elem *e, struct tval v)
{
	if (v.kind == TV_TEXT) {
		escape_html_text(r->out, v.text, strlen(v.text));
		return;
	}
	buf_reset(&r->scratch);
	if (v.kind != TV_NONE && !value_text(r, v, &r->scratch))
		fail(r, e->node, "data-f-text", "'%s' is a list or an object, not text", e->source_path.text);
	escape_html_text(r->out, buf_str(&r->scratch), r->scratch.len);
}

/* Writes the element's content: a value, Markdown, markup or children. */
static void render_content(struct renderer *r, const struct elem *e)
{
	if (e->source == SRC_NONE) {
		render_children(r, e);
		return;
	}
	static const char *const sources[] = {"", "data-f-text", "data-f-md", "data-f-html"};
	const struct path *path = &e->source_path;
	struct tval v = resolve(r, e->node, sources[e->source], path);
	if (e->source == SRC_TEXT)
		render_text(r, e, v);
	else if (e->source == SRC_MD && v.kind == TV_MD)
		render_markdown(r, e, v);
	else if (e->source == SRC_HTML && v.kind == TV_HTML)
		buf_puts(r->out, v.text);
	else if (v.kind != TV_NONE)
		fail(r, e->node, sources[e->source],
		     e->source == SRC_MD ? "'%s' is not Markdown" : "'%s' is not generated markup", path->text);
}

/* Binds "a=path, b=path" for the element's subtree; returns how many. */
static size_t bind_lets(struct renderer *r, const struct elem *e)
{
	size_t bound = 0;
	for (size_t i = 0; i < e->nlets; i++) {
		const struct let *l = &e->lets[i];
		if (l->bad) {
			fail(r, e->node, "data-f-let", "data-f-let takes 'name=path' pairs, not '%s'", l->bad);
			continue;
		}
		struct tval v = resolve(r, e->node, "data-f-let", &l->path);
		push_var(r, l->name, v);
		bound++;
	}
	return bound;
}

static void render_include(struct renderer *r, const struct elem *e)
{
	struct tpl *t = tpl_get_for(r->set, e->include, e->node, "data-f-include", r->d);
	if (t == NULL) {
		r->ok = false;
		return;
	}
	size_t bound = bind_lets(r, e);
	render_element(r, xmlDocGetRootElement(t->doc)->_private);
	r->nvars -= bound;
}

static const struct elem *find_fill(struct renderer *r, const char *name)
{
	for (size_t i = 0; i < r->nfills; i++)
		if (strcmp(r->fills[i].name, name) == 0)
			return r->fills[i].element;
	return NULL;
}

static bool condition_holds(struct renderer *r, const struct elem *e)
{
	static const char *const tests[] = {"data-f-if", "data-f-unless"};
	for (size_t i = 0; i < 2; i++) {
		if (e->tests[i].text == NULL)
			continue;
		bool set = truthy(resolve(r, e->node, tests[i], &e->tests[i]));
		if (set == (i == 1))
			return false;
	}
	return true;
}

static void render_once(struct renderer *r, const struct elem *e)
{
	if (!condition_holds(r, e))
		return;
	if (e->include) {
		render_include(r, e);
		return;
	}
	const struct elem *fill = e->slot ? find_fill(r, e->slot) : NULL;
	if (fill) {
		render_element(r, fill);
		return;
	}
	size_t bound = bind_lets(r, e);
	if (!e->omit)
		write_start_tag(r, e);
	if (!e->is_void) {
		render_content(r, e);
		if (!e->omit)
			buf_put(r->out, e->close, e->close_len);
	}
	r->nvars -= bound;
}

static void render_each(struct renderer *r, const struct elem *e)
{
	if (!e->each_ok) {
		fail(r, e->node, "data-f-each", "data-f-each must read 'item in list.path', not '%s'", e->each);
		return;
	}
	struct tval list = resolve(r, e->node, "data-f-each", &e->each_path);
	if (list.kind == TV_NONE)
		return;
	if (list.kind != TV_LIST) {
		fail(r, e->node, "data-f-each", "'%s' is not a list", e->each_path.text);
		return;
	}
	struct loop_info info = {{NULL, 0, 0}, 0, (long)list.list->len, false, false};
	for (size_t i = 0; i < list.list->len; i++) {
		info.index = (long)i + 1;
		info.first = i == 0;
		info.last = i + 1 == list.list->len;
		push_var(r, e->each_var, list_item(list, i));
		push_var(r, "loop", tval_object(&loop_schema, &info));
		render_once(r, e);
		r->nvars -= 2;
	}
}

static void render_element(struct renderer *r, const struct elem *e)
{
	if (++r->depth > MAX_DEPTH) {
		fail(r, e->node, "data-f-include", "templates nest deeper than %d levels; an include may include itself", MAX_DEPTH);
		r->depth--;
		return;
	}
	if (e->each)
		render_each(r, e);
	else
		render_once(r, e);
	r->depth--;
}

static void collect_fills(struct renderer *r, xmlNodePtr node)
{
	for (xmlNodePtr c = node; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const struct elem *e = c->_private;
		if (e->fill) {
			if (r->nfills < MAX_FILLS) {
				r->fills[r->nfills].name = e->fill;
				r->fills[r->nfills].element = e;
				r->nfills++;
			}
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
	const struct elem *page_elem = page_root->_private;
	struct tpl *frame = page;
	if (page_elem->layout) {
		frame = tpl_get_for(set, page_elem->layout, page_root, "data-f-layout", d);
		collect_fills(&r, page_root->children);
	}
	if (frame) {
		if (frame->doc->intSubset)
			buf_puts(out, "<!DOCTYPE html>\n");
		render_element(&r, xmlDocGetRootElement(frame->doc)->_private);
		buf_putc(out, '\n');
	} else {
		r.ok = false;
	}
	free(r.vars);
	buf_free(&r.scratch);
	return r.ok;
}
