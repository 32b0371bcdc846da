/*
 * tpl_render: a page filled from the model through the schema.
 *
 * The compiled elements of a page template (and of its layout and
 * partials) are walked with the names the caller binds (site, page,
 * resource, ...), those of data-f-each and data-f-let on top, and the
 * theme's strings as strings.NAME (found when checked).  Markup
 * that depends on nothing is copied as compiled; a path is resolved
 * name by name through each object's schema; every value is escaped for
 * where it goes.  A mistake is reported at its attribute and the page
 * goes on, so one build shows them all.
 */
#include "web/template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "content/images.h"
#include "content/markdown.h"
#include "web/tpl_internal.h"

#define MAX_DEPTH 64
#define MAX_FILLS 32

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

struct fill {
	const char *name;
	const struct elem *element;
};

struct renderer {
	struct tpl_set *set;
	struct diag *d;
	struct buf *out;
	const char *root;
	const struct tpl_page *page;
	struct tpl_var *vars;   /* the names bound: the page's, loops' and lets' */
	size_t nvars, cap;
	struct fill fills[MAX_FILLS];
	size_t nfills;
	struct buf scratch;     /* an attribute's or a value's text, before escaping */
	int depth;
	bool ok;
};

/* ---- paths ---------------------------------------------------------- */

static void fail(struct renderer *r, xmlNodePtr node, const char *attr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(struct renderer *r, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	struct pos at = tpl_load_attr_pos(r->set, node, attr);
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

/* The innermost binding of name, or NULL. */
static const struct tval *lookup_var(struct renderer *r, const char *name)
{
	for (size_t i = r->nvars; i-- > 0;)
		if (r->vars[i].name[0] == name[0] && strcmp(r->vars[i].name, name) == 0)
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
	buf_printf(&msg, "unknown field '%s' of %s; ", name, s->name);
	if (near) {
		buf_printf(&msg, "did you mean '%s'?", near);
	} else {
		buf_puts(&msg, "write one of its fields:");
		for (size_t i = 0; i < n; i++)
			buf_printf(&msg, "%s %s", i ? "," : "", keys[i]);
	}
	fail(r, node, attr, "%s", msg.data);
	buf_free(&msg);
}

static void note_read(const struct tpl_page *pg, const struct field *f)
{
	for (size_t i = 0; i < pg->nwatched; i++)
		if (pg->watched[i] == f)
			*pg->read |= 1u << i;
}

/* The value of a dotted path; reports unknown names. */
static struct tval resolve(struct renderer *r, xmlNodePtr node, const char *attr, const struct path *path)
{
	struct tval none = {0};
	if (path->phrase)       /* strings.NAME, found when the template was checked */
		return tval_text(path->phrase);
	if (strcmp(path->names[0], TPL_STRINGS) == 0) {
		r->ok = false;  /* not among the strings: reported when the template was checked */
		return none;
	}
	const struct tval *var = lookup_var(r, path->names[0]);
	if (var == NULL) {
		fail(r, node, attr, "unknown name '%s'; use a name the page gives, or one that data-f-each or data-f-let binds",
		     path->names[0]);
		return none;
	}
	struct tval v = *var;
	for (size_t i = 1; i < path->n; i++) {
		const char *name = path->names[i];
		if (v.kind == TV_OBJECT) {
			const struct field *f = schema_field(v.schema, name);
			if (f == NULL) {
				unknown_field(r, node, attr, v.schema, name);
				return none;
			}
			note_read(r->page, f);
			v = tval_field(f, v.obj);
		} else if (v.kind == TV_LIST && strcmp(name, "length") == 0) {
			struct tval n = {0};
			n.kind = TV_INT;
			n.number = (long)v.list->len;
			v = n;
		} else if (v.kind != TV_NONE) {
			fail(r, node, attr, "'%s' has no field '%s', as it is not an object; remove '.%s'", path->text, name, name);
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

/* What the content stage found of an image (images.h): where its file is
 * published and its size. */
static bool md_image(void *ctx, cmark_node *n, struct md_image_info *info)
{
	(void)ctx;
	const struct image *img = image_of(n);
	if (img == NULL)
		return false;
	*info = (struct md_image_info){img->url, img->width, img->height, img->decorative};
	return true;
}


/* A part without its tree was asked for what only the tree has. */
static void md_part_missed(const struct renderer *r)
{
	if (r->page->md_parts)
		*r->page->md_parts->missed = true;
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
	case TV_INT:    /* a count or a figure a reader sees: written the language's way */
		buf_put_number(out, v.number, 0, r->set->number_group ? r->set->number_group : ",", "");
		return true;
	case TV_BOOL:
		buf_puts(out, v.number ? "true" : "false");
		return true;
	case TV_MD: {
		if (v.obj == NULL) {
			md_part_missed(r);
			return true;
		}
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
	r->vars[r->nvars] = (struct tpl_var){name, v};
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
			fail(r, el, attr, "'%s' is a list or an object, not text; name one of its fields", p->path.text);
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
			tpl_put_attr(r->out, it->name, v);
		if (e->is_a)
			tpl_note_link_attr(it->local, v, &external, &has_rel);
	}
	if (external && !has_rel)
		tpl_put_attr(r->out, "rel", "noopener");
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

/* Whatever writes a Markdown part the same way gives the same key: the
 * element's options, the page's root (its links) and the strings of the
 * set, which name the notes and tables. */
static struct hash md_part_key(const struct renderer *r, int part, const struct md_html_options *opt)
{
	const struct tpl_set *set = r->set;
	struct hasher h;
	hasher_init(&h);
	int numbers[2] = {part, opt->heading_shift};
	hasher_add(&h, numbers, sizeof numbers);
	const char *texts[] = {opt->id_prefix,  opt->note_prefix,    opt->self_link_class, r->root,
	                       set->md_note_ref, set->md_note_back, set->md_note_back_nth, set->md_table};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		hasher_add_str(&h, texts[i]);
	return h.h;
}

static void render_markdown(struct renderer *r, const struct elem *e, struct tval v)
{
	const struct tpl_set *set = r->set;
	struct md_html_options opt = {.heading_shift = e->md_shift,
	                              .link = md_link,
	                              .link_ctx = r,
	                              .self_link_class = e->md_self_links,
	                              .image = md_image,
	                              .note_ref = set->md_note_ref,
	                              .note_back = set->md_note_back,
	                              .note_back_nth = set->md_note_back_nth,
	                              .table = set->md_table,
	                              .diagram = r->page->diagram,
	                              .diagram_ctx = r->page->diagram_ctx,
	                              .from = (cmark_node *)v.md_from,
	                              .until = (cmark_node *)v.md_until};
	/* Heading ids start with the element's own id (written or computed),
	 * so two Markdown bodies on a page cannot give two headings one id. */
	const char *id = attr_item_value(r, e, e->md_id);
	char *prefix = id && *id ? xasprintf("%s-", id) : NULL;
	opt.id_prefix = prefix;
	/* Without an id the headings keep bare ids, as they always had, but
	 * footnotes take theirs from the value's path ("resource.why.intro"
	 * gives "resource-why-intro-fn-1"): two texts on a page differ. */
	struct buf note_prefix = BUF_INIT;
	if (prefix == NULL) {
		md_slugify(&note_prefix, e->source_path.text);
		buf_putc(&note_prefix, '-');
		opt.note_prefix = buf_str(&note_prefix);
	}
	const struct tpl_md_parts *parts = v.md_part ? r->page->md_parts : NULL;
	size_t at = r->out->len;
	struct hash key = parts ? md_part_key(r, v.md_part, &opt) : (struct hash){0, 0};
	if (v.obj)
		md_render_html(r->out, (cmark_node *)v.obj, &opt);
	else if (parts == NULL || !parts->find(parts->ctx, v.md_part, key, r->out))
		md_part_missed(r);
	if (parts)
		parts->note(parts->ctx, v.md_part, key, at, r->out->len - at);
	buf_free(&note_prefix);
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
		fail(r, e->node, "data-f-text", "'%s' is a list or an object, not text; name one of its fields, or go through a list with data-f-each",
		     e->source_path.text);
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
		     e->source == SRC_MD ? "'%s' is not Markdown; show it with data-f-text"
		                          : "'%s' is not generated markup; show it with data-f-text",
		     path->text);
}

/* Binds "a=path, b=path" for the element's subtree; returns how many. */
static size_t bind_lets(struct renderer *r, const struct elem *e)
{
	size_t bound = 0;
	for (size_t i = 0; i < e->nlets; i++) {
		const struct let *l = &e->lets[i];
		if (l->bad) {
			fail(r, e->node, "data-f-let", "data-f-let takes 'name=path' pairs, not '%s'; write them such as 'title=page.title'",
			     l->bad);
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
	struct tpl *t = tpl_load_named_in(r->set, e->include, e->node, "data-f-include", r->d);
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
		bool set = tval_truthy(resolve(r, e->node, tests[i], &e->tests[i]));
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
		fail(r, e->node, "data-f-each", "data-f-each must read 'item in list.path', not '%s'; write it such as 'item in resource.cards.items'",
		     e->each);
		return;
	}
	struct tval list = resolve(r, e->node, "data-f-each", &e->each_path);
	if (list.kind == TV_NONE)
		return;
	if (list.kind != TV_LIST) {
		fail(r, e->node, "data-f-each", "'%s' is not a list; give data-f-each a list", e->each_path.text);
		return;
	}
	struct loop_info info = {{NULL, 0, 0}, 0, (long)list.list->len, false, false};
	for (size_t i = 0; i < list.list->len; i++) {
		info.index = (long)i + 1;
		info.first = i == 0;
		info.last = i + 1 == list.list->len;
		push_var(r, e->each_var, tval_item(list, i));
		push_var(r, "loop", tval_object(&loop_schema, &info));
		render_once(r, e);
		r->nvars -= 2;
	}
}

static void render_element(struct renderer *r, const struct elem *e)
{
	if (++r->depth > MAX_DEPTH) {
		fail(r, e->node, "data-f-include", "templates nest deeper than %d levels; see that no include includes itself, directly or through another", MAX_DEPTH);
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
                const struct tpl_page *pg, struct buf *out, struct diag *d)
{
	struct renderer r = {.set = set, .d = d, .out = out, .root = pg->root, .page = pg, .ok = true};
	if (!tpl_check(set, name, d))
		return false;
	struct pos at = {set->dirs[0].shown, 0, 0};
	struct tpl *page = tpl_load(set, name, at, d);
	for (size_t i = 0; i < nvars; i++)
		push_var(&r, vars[i].name, vars[i].value);
	xmlNodePtr page_root = xmlDocGetRootElement(page->doc);
	const struct elem *page_elem = page_root->_private;
	struct tpl *frame = page;
	if (page_elem->layout) {
		frame = tpl_load_named_in(set, page_elem->layout, page_root, "data-f-layout", d);
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
