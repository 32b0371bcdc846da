#include "web/check.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "base/names.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "web/vocab.h"

/* A reference from one file to another, checked once every page is read. */
struct ref {
	char *url;              /* as written */
	long line;
	bool asset;             /* must be a file (src, stylesheet), not only a page */
};

/* What a page gives the link check: its ids, and the references it makes. */
struct page {
	char *rel;              /* path inside the site */
	struct names ids;
	struct ref *refs;
	size_t nrefs, cap;
};

struct problem {
	char *file;             /* path inside the site */
	long line;              /* 0: the whole file */
	size_t order;           /* to keep the order of discovery within a line */
	char *message;
};

struct checker {
	const char *dir;
	char *base;             /* the site's URL, ending in '/'; NULL when unknown */
	char *base_path;        /* its path, e.g. "/" or "/docs/" */
	struct names files;     /* every file of the site, relative */
	struct page *pages;
	size_t npages, cap_pages;
	struct problem *problems;
	size_t nproblems, cap_problems;
};

static void report(struct checker *c, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct checker *c, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *message = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	message[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(message, (size_t)n + 1, fmt, ap);
	va_end(ap);
	c->problems = xgrow(c->problems, &c->cap_problems, c->nproblems + 1, sizeof *c->problems);
	c->problems[c->nproblems] = (struct problem){xstrdup(file), line, c->nproblems, message};
	c->nproblems++;
}

/* ---- the files of the site ---- */

static bool list_files(struct checker *c, const char *rel, FILE *err)
{
	char *path = *rel ? xasprintf("%s/%s", c->dir, rel) : xstrdup(c->dir);
	DIR *d = opendir(path);
	if (d == NULL) {
		fprintf(err, "folio check: cannot read %s: %s\n", path, strerror(errno));
		free(path);
		return false;
	}
	bool ok = true;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && ok) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *child = *rel ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		char *full = xasprintf("%s/%s", c->dir, child);
		struct stat st;
		/* lstat: a symbolic link is not followed out of the site. */
		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
			ok = list_files(c, child, err);
		else
			names_add(&c->files, child);
		free(full);
		free(child);
	}
	closedir(d);
	free(path);
	return ok;
}

/* ---- text helpers ---- */

static char *attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static bool is(xmlNodePtr n, const char *tag)
{
	return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)tag) == 0;
}

static bool attr_is(xmlNodePtr n, const char *name, const char *value)
{
	char *v = attr(n, name);
	bool same = v && strcasecmp(v, value) == 0;
	xmlFree(v);
	return same;
}

/* Elements that start a new line of text: a space stands between their
 * text and their neighbours', where inline elements join words as written. */
static bool is_block(xmlNodePtr n)
{
	static const char *const blocks[] = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
	                                     "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
	                                     "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
	                                     "table", "td", "th", "tr", "ul"};
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (is(n, blocks[i]))
			return true;
	return false;
}

/* A footnote's number and its links back (content/markdown.h) lead
 * around the page; they are not its text, which JSON-LD repeats. */
static bool is_note_link(xmlNodePtr n)
{
	char *v = attr(n, "class");
	bool link = v && (strcmp(v, "footnote-ref") == 0 || strcmp(v, "footnote-back") == 0);
	xmlFree(v);
	return link;
}

static void visible_text_into(xmlNodePtr n, struct buf *out)
{
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			buf_puts(out, (const char *)k->content);
		} else if (k->type == XML_ELEMENT_NODE && !is(k, "script") && !is(k, "style") && !is(k, "template") &&
		           !is(k, "svg") && !is_note_link(k)) {
			bool block = is_block(k);
			if (block)
				buf_putc(out, ' ');
			visible_text_into(k, out);
			if (block)
				buf_putc(out, ' ');
		}
	}
}

/* The text a reader sees inside n: scripts and styles left out, and
 * pictures (an inline SVG is a picture with its own text alternative, as
 * an <img> is), white space squeezed.  Owned by the caller. */
static char *visible_text(xmlNodePtr n)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "");
	visible_text_into(n, &b);
	return text_squeeze_space(buf_detach(&b));
}

static xmlNodePtr find_id(xmlNodePtr n, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		char *v = attr(n, "id");
		bool hit = v && strcmp(v, id) == 0;
		xmlFree(v);
		if (hit)
			return n;
		xmlNodePtr inner = find_id(n->children, id);
		if (inner)
			return inner;
	}
	return NULL;
}

/* ---- JSON-LD ---- */

/* "schema:Thing" and "https://schema.org/Thing" name Thing; other IRIs are
 * another vocabulary's, not ours to judge (NULL). */
static const char *schema_term(const char *term)
{
	static const char *const prefixes[] = {"schema:", "https://schema.org/", "http://schema.org/"};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (text_starts_with(term, prefixes[i]))
			return term + strlen(prefixes[i]);
	return strchr(term, ':') ? NULL : term;
}

/* A node of the graph that has an @id and a @type, to resolve references. */
struct ld_node {
	const char *id;
	json_t *node;
};

struct ld {
	struct checker *c;
	const char *file;
	long line;
	xmlDocPtr doc;
	char *page_text;        /* the page's visible text, made when first needed */
	struct ld_node *nodes;  /* sorted by id */
	size_t nnodes, cap_nodes;
};

static void check_type(struct ld *ld, const char *type)
{
	const char *t = schema_term(type);
	if (t && !vocab_is_class(t))
		report(ld->c, ld->file, ld->line, "JSON-LD type '%s' is not in schema.org %s; fix the name", type,
		       vocab_release);
}

/* The answer's text must be what the page shows: inside the element the
 * question's url points to when it points into this page, else anywhere
 * in the page. */
static void check_answer(struct ld *ld, json_t *question)
{
	const char *name = json_string_value(json_object_get(question, "name"));
	const char *answer = json_string_value(json_object_get(json_object_get(question, "acceptedAnswer"), "text"));
	if (answer == NULL) {
		report(ld->c, ld->file, ld->line, "FAQ question '%s' has no acceptedAnswer text", name ? name : "?");
		return;
	}
	const char *url = json_string_value(json_object_get(question, "url"));
	const char *hash = url ? strchr(url, '#') : NULL;
	xmlNodePtr root = xmlDocGetRootElement(ld->doc);
	xmlNodePtr where = hash && hash[1] ? find_id(root, hash + 1) : NULL;
	char *shown;
	if (where) {
		shown = visible_text(where);
	} else {
		if (ld->page_text == NULL)
			ld->page_text = visible_text(root);
		shown = xstrdup(ld->page_text);
	}
	char *want = text_squeeze_space(xstrdup(answer));
	if (strstr(shown, want) == NULL)
		report(ld->c, ld->file, ld->line,
		       "FAQ answer to '%s' in JSON-LD differs from the text the page shows%s%s; make them the same",
		       name ? name : "?", where ? " at #" : "", where ? hash + 1 : "");
	free(want);
	free(shown);
}

static void check_ld_value(struct ld *ld, json_t *v);

/* ---- JSON-LD: where a property belongs and what it holds ---- */

static int compare_ld_node(const void *a, const void *b)
{
	return strcmp(((const struct ld_node *)a)->id, ((const struct ld_node *)b)->id);
}

/* Collects every node with an @id and a @type, nested or not, so that a
 * reference ({"@id": ...}) is judged by the type of the node it names. */
static void index_nodes(struct ld *ld, json_t *v)
{
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			index_nodes(ld, json_array_get(v, i));
		return;
	}
	if (!json_is_object(v))
		return;
	const char *id = json_string_value(json_object_get(v, "@id"));
	if (id && json_object_get(v, "@type")) {
		ld->nodes = xgrow(ld->nodes, &ld->cap_nodes, ld->nnodes + 1, sizeof *ld->nodes);
		ld->nodes[ld->nnodes++] = (struct ld_node){id, v};
	}
	for (void *it = json_object_iter(v); it; it = json_object_iter_next(v, it))
		if (strcmp(json_object_iter_key(it), "@context") != 0)
			index_nodes(ld, json_object_iter_value(it));
}

#define MAX_TYPES 8

/* The schema.org classes of a node; types of other vocabularies and
 * unknown names (reported on their own) are left out. */
struct classes {
	int v[MAX_TYPES];
	size_t n;
};

/* A node's @type or, for a reference, the @type of the node it names. */
static json_t *type_of(const struct ld *ld, json_t *node)
{
	json_t *type = json_object_get(node, "@type");
	const char *id = json_string_value(json_object_get(node, "@id"));
	if (type || id == NULL || ld->nnodes == 0)
		return type;
	struct ld_node key = {id, NULL};
	const struct ld_node *found = bsearch(&key, ld->nodes, ld->nnodes, sizeof key, compare_ld_node);
	return found ? json_object_get(found->node, "@type") : NULL;
}

static struct classes classes_of(const struct ld *ld, json_t *node)
{
	struct classes c = {{0}, 0};
	json_t *type = type_of(ld, node);
	size_t n = json_is_array(type) ? json_array_size(type) : 1;
	for (size_t i = 0; i < n && c.n < MAX_TYPES; i++) {
		const char *name = json_string_value(json_is_array(type) ? json_array_get(type, i) : type);
		const char *term = name ? schema_term(name) : NULL;
		int cls = term ? vocab_class(term) : -1;
		if (cls >= 0)
			c.v[c.n++] = cls;
	}
	return c;
}

static const char *class_name(const struct classes *c)
{
	return c->n ? vocab_classes[c->v[0]] : "an untyped node";
}

/* "A, B or C", for a message. */
static char *class_list(struct vocab_span span)
{
	struct buf b = BUF_INIT;
	for (unsigned i = 0; i < span.count; i++) {
		if (i)
			buf_puts(&b, i + 1 == span.count ? " or " : ", ");
		buf_puts(&b, vocab_classes[vocab_links[span.first + i]]);
	}
	return buf_detach(&b);
}

/* The property must belong to one of the node's types or their parents. */
static void check_domain(struct ld *ld, const struct classes *on, const char *term, int prop)
{
	for (size_t i = 0; i < on->n; i++)
		if (vocab_in_domain(prop, on->v[i]))
			return;
	if (on->n == 0)
		return;         /* no type to judge by */
	char *domain = class_list(vocab_property_domains[prop]);
	report(ld->c, ld->file, ld->line,
	       "JSON-LD property '%s' does not belong on %s in schema.org %s (it belongs on %s); move it or drop it",
	       term, class_name(on), vocab_release, domain);
	free(domain);
}

static void wrong_range(struct ld *ld, const struct classes *on, const char *term, int prop, const char *given)
{
	char *range = class_list(vocab_property_ranges[prop]);
	report(ld->c, ld->file, ld->line, "JSON-LD property '%s' of %s takes %s in schema.org %s, not %s; fix the value",
	       term, class_name(on), range, vocab_release, given);
	free(range);
}

static void check_literal(struct ld *ld, const struct classes *on, const char *term, int prop, json_t *v)
{
	enum vocab_literal kind = json_is_string(v) ? VOCAB_TEXT
	                          : json_is_integer(v) ? VOCAB_INTEGER
	                          : json_is_real(v) ? VOCAB_REAL
	                                            : VOCAB_BOOLEAN;
	static const char *const given[] = {"text", "an integer", "a number", "true or false"};
	if (json_is_null(v) || vocab_takes_literal(prop, kind, json_string_value(v)))
		return;
	wrong_range(ld, on, term, prop, given[kind]);
}

/* Each value must be of a class in the property's range (a node) or a
 * literal the range takes (vocab_takes_literal says which). */
static void check_range(struct ld *ld, const struct classes *on, const char *term, int prop, json_t *v)
{
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			check_range(ld, on, term, prop, json_array_get(v, i));
		return;
	}
	if (!json_is_object(v)) {
		check_literal(ld, on, term, prop, v);
		return;
	}
	json_t *inner = json_object_get(v, "@value");
	if (inner) {
		check_literal(ld, on, term, prop, inner);
		return;
	}
	if ((inner = json_object_get(v, "@list")) || (inner = json_object_get(v, "@set"))) {
		check_range(ld, on, term, prop, inner);
		return;
	}
	struct classes value = classes_of(ld, v);
	for (size_t i = 0; i < value.n; i++)
		if (vocab_in_range(prop, value.v[i]))
			return;
	if (value.n == 0)
		return;         /* a node outside the page, named by its URL: a Thing */
	wrong_range(ld, on, term, prop, class_name(&value));
}

/* Search engines read an article's author by name, on the node where the
 * property is: a bare {"@id": ...} leaves them nothing to show. */
static void check_author_named(struct ld *ld, const struct classes *on, json_t *v)
{
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			check_author_named(ld, on, json_array_get(v, i));
		return;
	}
	if (json_is_object(v) && !json_is_string(json_object_get(v, "name")))
		report(ld->c, ld->file, ld->line,
		       "JSON-LD author of %s has no name written out (a reference is not enough); give it a name",
		       class_name(on));
}

static void check_property(struct ld *ld, json_t *node, const char *term, json_t *v)
{
	int prop = vocab_property(term);
	struct classes on = classes_of(ld, node);
	check_domain(ld, &on, term, prop);
	check_range(ld, &on, term, prop, v);
	if (strcmp(term, "author") == 0)
		check_author_named(ld, &on, v);
}

/* A list's elements are shown by name (search engines require one): a
 * ListItem needs its own name, or an item whose name is written out. */
static void check_list_item(struct ld *ld, json_t *node)
{
	json_t *type = json_object_get(node, "@type");
	if (!json_is_string(type) || strcmp(json_string_value(type), "ListItem") != 0)
		return;
	json_t *item = json_object_get(node, "item");
	if (json_is_string(json_object_get(node, "name")) || json_is_string(json_object_get(item, "name")))
		return;
	json_t *position = json_object_get(node, "position");
	char where[40] = "";
	if (json_is_integer(position))
		snprintf(where, sizeof where, " at position %lld", (long long)json_integer_value(position));
	report(ld->c, ld->file, ld->line,
	       "JSON-LD ListItem%s has no name, nor an item with its name written out; give it a name", where);
}

static void check_ld_object(struct ld *ld, json_t *obj)
{
	bool question = false;
	for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
		const char *key = json_object_iter_key(it);
		json_t *v = json_object_iter_value(it);
		if (strcmp(key, "@type") == 0) {
			if (json_is_string(v)) {
				check_type(ld, json_string_value(v));
				question |= strcmp(json_string_value(v), "Question") == 0;
			}
			for (size_t i = 0; i < json_array_size(v); i++)
				if (json_is_string(json_array_get(v, i)))
					check_type(ld, json_string_value(json_array_get(v, i)));
			continue;
		}
		if (key[0] == '@') {
			/* @graph, @list, @set hold nodes; @context and @id are not terms */
			if (strcmp(key, "@context") != 0)
				check_ld_value(ld, v);
			continue;
		}
		const char *term = schema_term(key);
		if (term && !vocab_is_property(term))
			report(ld->c, ld->file, ld->line, "JSON-LD property '%s' is not in schema.org %s; fix the name", key,
			       vocab_release);
		else if (term)
			check_property(ld, obj, term, v);
		check_ld_value(ld, v);
	}
	if (question)
		check_answer(ld, obj);
	check_list_item(ld, obj);
}

static void check_ld_value(struct ld *ld, json_t *v)
{
	if (json_is_object(v)) {
		check_ld_object(ld, v);
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			check_ld_value(ld, json_array_get(v, i));
	}
}

static void check_jsonld(struct checker *c, const char *file, xmlDocPtr doc, xmlNodePtr script)
{
	xmlChar *text = xmlNodeGetContent(script);
	json_error_t error;
	json_t *root = json_loads(text ? (const char *)text : "", 0, &error);
	long line = xmlGetLineNo(script);
	if (root == NULL) {
		report(c, file, line + (error.line > 1 ? error.line - 1 : 0), "JSON-LD does not parse: %s", error.text);
	} else {
		struct ld ld = {c, file, line, doc, NULL, NULL, 0, 0};
		index_nodes(&ld, root);
		if (ld.nnodes)
			qsort(ld.nodes, ld.nnodes, sizeof *ld.nodes, compare_ld_node);
		check_ld_value(&ld, root);
		free(ld.page_text);
		free(ld.nodes);
		json_decref(root);
	}
	xmlFree(text);
}

/* ---- one page ---- */

static void add_ref(struct page *p, const char *url, long line, bool asset)
{
	p->refs = xgrow(p->refs, &p->cap, p->nrefs + 1, sizeof *p->refs);
	p->refs[p->nrefs++] = (struct ref){xstrdup(url), line, asset};
}

/* An SVG drawn as an image needs words for those who cannot see it. */
static bool svg_has_name(xmlNodePtr svg)
{
	char *label = attr(svg, "aria-label"), *by = attr(svg, "aria-labelledby");
	bool named = (label && *label) || (by && *by);
	xmlFree(label);
	xmlFree(by);
	for (xmlNodePtr k = svg->children; k && !named; k = k->next)
		named = is(k, "title");
	return named;
}

struct scan {
	struct checker *c;
	struct page *page;
	xmlDocPtr doc;
	bool has_description;
};

static void scan_ref_attr(struct scan *s, xmlNodePtr n, const char *name, bool asset)
{
	char *v = attr(n, name);
	if (v && *v)
		add_ref(s->page, v, xmlGetLineNo(n), asset);
	xmlFree(v);
}

/* srcset: "url 1x, url 2x" */
static void scan_srcset(struct scan *s, xmlNodePtr n)
{
	char *v = attr(n, "srcset");
	for (char *item = v ? strtok(v, ",") : NULL; item; item = strtok(NULL, ",")) {
		item += strspn(item, " \t\n");
		char *url = xstrndup(item, strcspn(item, " \t\n"));
		if (*url)
			add_ref(s->page, url, xmlGetLineNo(n), true);
		free(url);
	}
	xmlFree(v);
}

static void scan_meta(struct scan *s, xmlNodePtr n)
{
	char *name = attr(n, "name"), *property = attr(n, "property"), *content = attr(n, "content");
	if (name && strcasecmp(name, "description") == 0) {
		char *squeezed = text_squeeze_space(xstrdup(content ? content : ""));
		s->has_description |= *squeezed != '\0';
		free(squeezed);
	}
	bool image = (property && (strcmp(property, "og:image") == 0 || strcmp(property, "og:url") == 0)) ||
	             (name && strcmp(name, "twitter:image") == 0);
	if (image && content && *content)
		add_ref(s->page, content, xmlGetLineNo(n), property && strcmp(property, "og:url") != 0);
	xmlFree(name);
	xmlFree(property);
	xmlFree(content);
}

static void scan_element(struct scan *s, xmlNodePtr n)
{
	const char *file = s->page->rel;
	char *id = attr(n, "id");
	if (id && *id)
		names_add(&s->page->ids, id);
	xmlFree(id);
	if (is(n, "a")) {
		char *name = attr(n, "name");
		if (name && *name)
			names_add(&s->page->ids, name);
		xmlFree(name);
	}
	if (is(n, "a") || is(n, "area"))
		scan_ref_attr(s, n, "href", false);
	else if (is(n, "link"))
		scan_ref_attr(s, n, "href", !attr_is(n, "rel", "canonical"));
	else if (is(n, "img") || is(n, "script") || is(n, "source") || is(n, "video") || is(n, "audio") ||
	         is(n, "iframe") || is(n, "embed"))
		scan_ref_attr(s, n, "src", true);
	else if (is(n, "form"))
		scan_ref_attr(s, n, "action", false);
	else if (is(n, "meta"))
		scan_meta(s, n);
	if (is(n, "img") || is(n, "source"))
		scan_srcset(s, n);
	if (is(n, "img")) {
		char *alt = attr(n, "alt");
		if (alt == NULL)
			report(s->c, file, xmlGetLineNo(n), "image without alt text; describe it in alt, or alt=\"\" if it is decoration");
		xmlFree(alt);
	}
	if (is(n, "svg") && attr_is(n, "role", "img") && !svg_has_name(n))
		report(s->c, file, xmlGetLineNo(n), "SVG image without a text alternative; give it a <title> or aria-label");
	if (is(n, "script") && attr_is(n, "type", "application/ld+json"))
		check_jsonld(s->c, file, s->doc, n);
}

static void scan_tree(struct scan *s, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		scan_element(s, n);
		scan_tree(s, n->children);
	}
}

static htmlDocPtr read_html(const struct checker *c, const char *rel)
{
	char *path = xasprintf("%s/%s", c->dir, rel);
	htmlDocPtr doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	free(path);
	return doc;
}

static void check_page(struct checker *c, const char *rel)
{
	c->pages = xgrow(c->pages, &c->cap_pages, c->npages + 1, sizeof *c->pages);
	struct page *p = &c->pages[c->npages++];
	*p = (struct page){xstrdup(rel), {NULL, 0, 0}, NULL, 0, 0};
	htmlDocPtr doc = read_html(c, rel);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		report(c, rel, 0, "cannot be read as HTML");
		xmlFreeDoc(doc);
		return;
	}
	struct scan s = {c, p, doc, false};
	scan_tree(&s, xmlDocGetRootElement(doc));
	names_sort(&p->ids);
	if (!s.has_description)
		report(c, rel, 0, "no meta description; give the page one (50 to 160 characters)");
	xmlFreeDoc(doc);
}

/* ---- links ---- */

/* Percent-decodes s in place; false on a bad escape or a NUL byte. */
static bool percent_decode(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '%') {
			int hi = text_hex_digit(r[1]), lo = hi < 0 ? -1 : text_hex_digit(r[2]);
			if (lo < 0 || (hi == 0 && lo == 0))
				return false;
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return true;
}

/* Joins dir and path and removes "." and ".." segments; NULL when ".."
 * climbs above the root. */
static char *normalize(const char *dir, const char *path)
{
	char *joined = xasprintf("%s%s", dir, path);
	struct buf out = BUF_INIT;
	buf_puts(&out, "");
	size_t *starts = NULL, depth = 0, cap = 0;
	bool ok = true;
	for (char *seg = joined; ok && seg;) {
		char *slash = strchr(seg, '/');
		size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (depth == 0)
				ok = false;
			else
				out.len = starts[--depth], out.data[out.len] = '\0';
		} else if (!(len == 1 && seg[0] == '.') && !(len == 0 && slash)) {
			starts = xgrow(starts, &cap, depth + 1, sizeof *starts);
			starts[depth++] = out.len;
			buf_put(&out, seg, len);
			if (slash)
				buf_putc(&out, '/');
		}
		seg = slash ? slash + 1 : NULL;
	}
	free(starts);
	free(joined);
	if (!ok) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static bool has_scheme(const char *url)
{
	size_t n = strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	return n > 0 && url[n] == ':';
}

static int compare_page(const void *key, const void *entry)
{
	return strcmp(key, ((const struct page *)entry)->rel);
}

/* Pages are read in the sorted order of the site's files, so a binary
 * search finds one: a link check stays fast on a site of many pages. */
static const struct page *page_of(const struct checker *c, const char *rel)
{
	return c->npages ? bsearch(rel, c->pages, c->npages, sizeof *c->pages, compare_page) : NULL;
}

enum url_kind { URL_EXTERNAL, URL_ROOTED, URL_RELATIVE, URL_OUTSIDE };

/* What url is to the site; for a URL written from the site's root
 * ("https://host/base/x", "/base/x") *rest is set to what follows it. */
static enum url_kind classify(const struct checker *c, const char *url, const char **rest)
{
	const char *base_path = c->base_path ? c->base_path : "/";
	*rest = url;
	if (c->base && text_starts_with(url, c->base)) {
		*rest = url + strlen(c->base);
		return URL_ROOTED;
	}
	if (has_scheme(url) || text_starts_with(url, "//"))
		return URL_EXTERNAL;
	if (url[0] != '/')
		return URL_RELATIVE;
	if (!text_starts_with(url, base_path))
		return URL_OUTSIDE;
	*rest = url + strlen(base_path);
	return URL_ROOTED;
}

/* The file inside the site that url names, seen from file; NULL with
 * *internal false for a URL outside the site (another host, mailto:),
 * NULL with *internal true for one that climbs out of the site's folder. */
static char *target_of(const struct checker *c, const char *file, const char *url, bool *internal)
{
	const char *rest;
	enum url_kind kind = classify(c, url, &rest);
	*internal = kind != URL_EXTERNAL;
	if (kind == URL_EXTERNAL || kind == URL_OUTSIDE)
		return NULL;
	bool rooted = kind == URL_ROOTED;
	char *plain = xstrndup(rest, strcspn(rest, "?#"));
	if (!percent_decode(plain)) {
		free(plain);
		return NULL;
	}
	if (!rooted && plain[0] == '\0') {
		free(plain);
		return xstrdup(file); /* "#x" or "?q": this page */
	}
	const char *slash = strrchr(file, '/');
	char *dir = rooted ? xstrdup("") : xstrndup(file, slash ? (size_t)(slash - file) + 1 : 0);
	char *rel = normalize(dir, plain);
	free(dir);
	free(plain);
	if (rel == NULL)
		return NULL;
	char *index = NULL;
	if (rel[0] == '\0' || text_ends_with(rel, "/"))
		index = xasprintf("%sindex.html", rel);
	else if (!names_has(&c->files, rel))
		index = xasprintf("%s/index.html", rel);
	if (index && (rel[0] == '\0' || text_ends_with(rel, "/") || names_has(&c->files, index))) {
		free(rel);
		return index;
	}
	free(index);
	return rel;
}

static void check_ref(struct checker *c, const struct page *p, const struct ref *r)
{
	bool internal;
	char *target = target_of(c, p->rel, r->url, &internal);
	if (!internal)
		return;
	if (target == NULL) {
		report(c, p->rel, r->line, "link to '%s' leads out of the site's folder; link inside the site", r->url);
	} else if (!names_has(&c->files, target)) {
		report(c, p->rel, r->line, "%s '%s' is not in the site (no %s); fix the path or add the file",
		       r->asset ? "asset" : "link to", r->url, target);
	} else {
		const char *hash = strchr(r->url, '#');
		const struct page *to = hash && hash[1] ? page_of(c, target) : NULL;
		if (to && !names_has(&to->ids, hash + 1))
			report(c, p->rel, r->line, "link to '%s': %s has no element with id '%s'", r->url, target, hash + 1);
	}
	free(target);
}

/* ---- CSS and the sitemap ---- */

/* Checks the references of a file that is not a page, then drops them. */
static void check_and_free_refs(struct checker *c, struct page *p)
{
	for (size_t i = 0; i < p->nrefs; i++) {
		check_ref(c, p, &p->refs[i]);
		free(p->refs[i].url);
	}
	free(p->refs);
}

static char *read_text(const struct checker *c, const char *rel)
{
	char *path = xasprintf("%s/%s", c->dir, rel);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return NULL;
	struct buf b = BUF_INIT;
	bool too_big;
	buf_read_fd(&b, fd, SIZE_MAX, &too_big);   /* what could be read is checked */
	close(fd);
	buf_puts(&b, "");
	return buf_detach(&b);
}

/* Every url(...) of a stylesheet, as a page's assets. */
static void check_css(struct checker *c, const char *rel)
{
	char *css = read_text(c, rel);
	if (css == NULL)
		return;
	struct page p = {(char *)rel, {NULL, 0, 0}, NULL, 0, 0};
	long line = 1;
	for (char *s = css; *s; s++) {
		if (*s == '\n')
			line++;
		if (strncmp(s, "url(", 4) != 0)
			continue;
		char *u = s + 4;
		u += strspn(u, " \t");
		char quote = (*u == '"' || *u == '\'') ? *u++ : 0;
		size_t len = quote ? strcspn(u, (char[]){quote, '\0'}) : strcspn(u, ") \t");
		char *url = xstrndup(u, len);
		if (*url && !text_starts_with(url, "data:") && url[0] != '#')
			add_ref(&p, url, line, true);
		free(url);
	}
	check_and_free_refs(c, &p);
	free(css);
}

static void check_sitemap(struct checker *c, const char *rel)
{
	char *path = xasprintf("%s/%s", c->dir, rel);
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(path);
	if (doc == NULL) {
		report(c, rel, 0, "is not well-formed XML");
		return;
	}
	struct page p = {(char *)rel, {NULL, 0, 0}, NULL, 0, 0};
	for (xmlNodePtr u = xmlDocGetRootElement(doc)->children; u; u = u->next)
		for (xmlNodePtr k = u->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && xmlStrcmp(k->name, (const xmlChar *)"loc") == 0) {
				xmlChar *loc = xmlNodeGetContent(k);
				if (loc && c->base && !text_starts_with((const char *)loc, c->base))
					report(c, rel, xmlGetLineNo(k), "<loc> %s is not under the site's URL %s", loc, c->base);
				else if (loc)
					add_ref(&p, (const char *)loc, xmlGetLineNo(k), false);
				xmlFree(loc);
			}
	check_and_free_refs(c, &p);
	xmlFreeDoc(doc);
}

/* ---- the whole site ---- */

static char *canonical_of(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (is(n, "link") && attr_is(n, "rel", "canonical"))
			return attr(n, "href");
		char *inner = n->type == XML_ELEMENT_NODE ? canonical_of(n->children) : NULL;
		if (inner)
			return inner;
	}
	return NULL;
}

/* The site's URL: given, or the home page's canonical link. */
static void find_base(struct checker *c, const char *given)
{
	char *base = NULL;
	if (given) {
		base = xstrdup(given);
	} else if (names_has(&c->files, "index.html")) {
		htmlDocPtr doc = read_html(c, "index.html");
		char *href = doc ? canonical_of(xmlDocGetRootElement(doc)) : NULL;
		base = href ? xstrdup(href) : NULL;
		xmlFree(href);
		xmlFreeDoc(doc);
	}
	if (base == NULL || !has_scheme(base)) {
		free(base);
		return;
	}
	if (!text_ends_with(base, "/")) {
		char *slashed = xasprintf("%s/", base);
		free(base);
		base = slashed;
	}
	const char *host = strstr(base, "://");
	const char *path = host ? strchr(host + 3, '/') : NULL;
	c->base = base;
	c->base_path = xstrdup(path ? path : "/");
}

static int compare_problems(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;
	int by_file = strcmp(x->file, y->file);
	if (by_file)
		return by_file;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* Within a line, by message: JSON-LD objects need not be walked in a
	 * fixed order, the output must be. */
	int by_message = strcmp(x->message, y->message);
	if (by_message)
		return by_message;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void print_problems(struct checker *c, FILE *out)
{
	if (c->nproblems)
		qsort(c->problems, c->nproblems, sizeof *c->problems, compare_problems);
	for (size_t i = 0; i < c->nproblems; i++) {
		const struct problem *p = &c->problems[i];
		const char *sep = text_ends_with(c->dir, "/") ? "" : "/";
		if (p->line > 0)
			fprintf(out, "%s%s%s:%ld: %s\n", c->dir, sep, p->file, p->line, p->message);
		else
			fprintf(out, "%s%s%s: %s\n", c->dir, sep, p->file, p->message);
	}
}

static void free_checker(struct checker *c)
{
	for (size_t i = 0; i < c->npages; i++) {
		struct page *p = &c->pages[i];
		for (size_t k = 0; k < p->nrefs; k++)
			free(p->refs[k].url);
		free(p->refs);
		names_free(&p->ids);
		free(p->rel);
	}
	free(c->pages);
	for (size_t i = 0; i < c->nproblems; i++) {
		free(c->problems[i].file);
		free(c->problems[i].message);
	}
	free(c->problems);
	names_free(&c->files);
	free(c->base);
	free(c->base_path);
}

bool check_site(const struct check_options *opt, FILE *out, FILE *err, struct check_stats *stats)
{
	struct checker c = {0};
	c.dir = opt->dir;
	bool ok = list_files(&c, "", err);
	if (ok) {
		names_sort(&c.files);
		find_base(&c, opt->base_url);
		for (size_t i = 0; i < c.files.len; i++)
			if (text_ends_with(c.files.v[i], ".html"))
				check_page(&c, c.files.v[i]);
		for (size_t i = 0; i < c.npages; i++)
			for (size_t k = 0; k < c.pages[i].nrefs; k++)
				check_ref(&c, &c.pages[i], &c.pages[i].refs[k]);
		for (size_t i = 0; i < c.files.len; i++) {
			if (text_ends_with(c.files.v[i], ".css"))
				check_css(&c, c.files.v[i]);
			else if (strcmp(c.files.v[i], "sitemap.xml") == 0)
				check_sitemap(&c, c.files.v[i]);
		}
		print_problems(&c, out);
		stats->pages = c.npages;
		stats->files = c.files.len;
		stats->problems = c.nproblems;
	}
	free_checker(&c);
	return ok;
}
