#include "web/jsonld.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/word.h"
#include "base/xalloc.h"
#include "content/markdown.h"

/*
 * The graph is written straight into a buffer, in the layout jansson's
 * json_dumps() gives with JSON_INDENT(1) | JSON_ESCAPE_SLASH (it was
 * built with jansson, and its output stays byte for byte the same) less
 * the indentation: every member on its own line, "key": value, empty
 * arrays as [].  The lines stay, so that folio check can say where a
 * graph went wrong; the indentation, read by no machine, was a tenth of
 * the graph.  Building jansson objects first, a node and a string
 * copy per value, then dumping and escaping them again cost more than
 * rendering the rest of the page.  Text is valid UTF-8: the loader
 * rejects anything else.
 */

#define MAX_NESTING 8

struct jw {
	struct buf *out;
	int depth;
	bool empty[MAX_NESTING];        /* the open object or array has no member yet */
};

/* Which bytes a JSON string cannot hold as they are: the mandatory
 * escapes, '/' (jansson's JSON_ESCAPE_SLASH) and '<', so that nothing can
 * close the <script> element or open a comment in it. */
static bool needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c == '/' || c == '<';
}

static bool word_needs_escape(uint64_t w)
{
	return word_has_below(w, 0x20) || word_has_byte(w, '"') || word_has_byte(w, '\\') || word_has_byte(w, '/') ||
	       word_has_byte(w, '<');
}

static void put_escape(struct buf *out, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	switch (c) {
	case '"': buf_put(out, "\\\"", 2); return;
	case '\\': buf_put(out, "\\\\", 2); return;
	case '/': buf_put(out, "\\/", 2); return;
	case '<': buf_put(out, "\\u003c", 6); return;
	case '\b': buf_put(out, "\\b", 2); return;
	case '\f': buf_put(out, "\\f", 2); return;
	case '\n': buf_put(out, "\\n", 2); return;
	case '\r': buf_put(out, "\\r", 2); return;
	case '\t': buf_put(out, "\\t", 2); return;
	default: {
		char seq[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
		buf_put(out, seq, sizeof seq);
	}
	}
}

/* A string value; NULL is written as "". */
static void put_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	const char *run = s ? s : "";
	size_t left = strlen(run);
	for (const char *c = run;; c++, left--) {
		/* Eight bytes at a time while none needs escaping. */
		while (left >= 8 && !word_needs_escape(word_at(c))) {
			c += 8;
			left -= 8;
		}
		if (*c && !needs_escape((unsigned char)*c))
			continue;
		buf_put(out, run, (size_t)(c - run));
		if (*c == '\0')
			break;
		put_escape(out, (unsigned char)*c);
		run = c + 1;
	}
	buf_putc(out, '"');
}

static void newline(struct jw *w)
{
	buf_putc(w->out, '\n');
}

/* Starts the next member of the open object or array. */
static void next_member(struct jw *w)
{
	if (!w->empty[w->depth])
		buf_putc(w->out, ',');
	w->empty[w->depth] = false;
	newline(w);
}

static void begin(struct jw *w, char c)
{
	buf_putc(w->out, c);
	w->depth++;
	w->empty[w->depth] = true;
}

static void end(struct jw *w, char c)
{
	if (!w->empty[w->depth])
		newline(w);
	w->depth--;
	buf_putc(w->out, c);
}

static void key(struct jw *w, const char *k)
{
	next_member(w);
	put_string(w->out, k);
	buf_put(w->out, ": ", 2);
}

static void member_str(struct jw *w, const char *k, const char *v)
{
	key(w, k);
	put_string(w->out, v);
}

static void member_int(struct jw *w, const char *k, long n)
{
	key(w, k);
	buf_put_long(w->out, n);
}

/* "key": {"@id": id} */
static void member_ref(struct jw *w, const char *k, const char *id)
{
	key(w, k);
	begin(w, '{');
	member_str(w, "@id", id);
	end(w, '}');
}

/* "key": {"@type": "Organization", "@id": ..., "name": ..., "url": ...}:
 * the publisher written out where a reader needs its name (an article's
 * author), not only referenced. */
static void member_org(struct jw *w, const char *k, const struct site *site, const char *id)
{
	key(w, k);
	begin(w, '{');
	member_str(w, "@type", "Organization");
	member_str(w, "@id", id);
	member_str(w, "name", site->publisher->name.v);
	member_str(w, "url", site->publisher->url.v);
	end(w, '}');
}

/* "key": {"@type": "ImageObject", "url": url} */
static void member_image(struct jw *w, const char *k, const char *url)
{
	key(w, k);
	begin(w, '{');
	member_str(w, "@type", "ImageObject");
	member_str(w, "url", url);
	end(w, '}');
}

/* Opens the next node of the graph (or an object in a list) with its
 * @type and, when id is not NULL, its @id. */
static void open_node(struct jw *w, const char *type, const char *id)
{
	next_member(w);
	begin(w, '{');
	member_str(w, "@type", type);
	if (id)
		member_str(w, "@id", id);
}

/* An absolute URL for a site path (or an absolute URL as it is). */
static char *absolute(const struct site *site, const char *path)
{
	if (path == NULL)
		return NULL;
	if (path[0] == '/')
		return xasprintf("%s%s", site->base_url.v, path + 1);
	return xstrdup(path);
}

struct graph {
	const struct site *site;
	struct jw *w;
	char *org, *website, *webpage, *page_url;
};

static void site_nodes(struct graph *g)
{
	const struct site *site = g->site;
	struct jw *w = g->w;
	char *logo = absolute(site, site->publisher->logo_url.v);
	open_node(w, "Organization", g->org);
	member_str(w, "name", site->publisher->name.v);
	member_str(w, "url", site->publisher->url.v);
	member_image(w, "logo", logo);
	end(w, '}');
	open_node(w, "WebSite", g->website);
	member_str(w, "url", site->base_url.v);
	member_str(w, "name", site->title.v);
	member_str(w, "inLanguage", site->language.v);
	member_ref(w, "publisher", g->org);
	end(w, '}');
	free(logo);
}

/* The schema.org type of the page itself. */
static const char *page_type(const struct jsonld_page *p)
{
	if (strcmp(p->kind, "home") == 0)
		return "CollectionPage";
	if (p->plain && p->plain->type.v && strcmp(p->plain->type.v, "about") == 0)
		return "AboutPage";
	if (p->plain && p->plain->type.v && strcmp(p->plain->type.v, "contact") == 0)
		return "ContactPage";
	return "WebPage";
}

static void page_node(struct graph *g, const struct jsonld_page *p, const char *crumbs)
{
	struct jw *w = g->w;
	char *image = absolute(g->site, p->image);
	open_node(w, page_type(p), g->webpage);
	member_str(w, "url", g->page_url);
	member_str(w, "name", p->title);
	member_str(w, "description", p->description);
	member_str(w, "inLanguage", g->site->language.v);
	member_ref(w, "isPartOf", g->website);
	if (image)      /* none without the cards (--no-images) */
		member_image(w, "primaryImageOfPage", image);
	if (crumbs)
		member_ref(w, "breadcrumb", crumbs);
	end(w, '}');
	free(image);
}

static void breadcrumb(struct graph *g, const struct jsonld_page *p, const char *id)
{
	struct jw *w = g->w;
	const char *names[3] = {g->site->title.v, NULL, NULL};
	const char *urls[3] = {"/", NULL, NULL};
	size_t n = 1;
	if (p->resource) {
		names[n] = p->resource->title.v;
		urls[n++] = p->resource->url.v;
	}
	if (p->pattern) {
		names[n] = p->pattern->title.v;
		urls[n++] = p->pattern->url.v;
	}
	if (p->plain) {
		names[n] = p->plain->title.v;
		urls[n++] = p->plain->url.v;
	}
	open_node(w, "BreadcrumbList", id);
	key(w, "itemListElement");
	begin(w, '[');
	for (size_t i = 0; i < n; i++) {
		char *u = absolute(g->site, urls[i]);
		open_node(w, "ListItem", NULL);
		member_int(w, "position", (long)i + 1);
		member_str(w, "name", names[i]);
		member_str(w, "item", u);
		end(w, '}');
		free(u);
	}
	end(w, ']');
	end(w, '}');
}

static void faq_node(struct graph *g, const struct resource *r, const char *id)
{
	struct jw *w = g->w;
	open_node(w, "FAQPage", id);
	member_str(w, "name", r->faq->title.v);
	member_ref(w, "isPartOf", g->webpage);
	key(w, "mainEntity");
	begin(w, '[');
	const struct list *faqs = &r->faq->items;
	for (size_t i = 0; i < faqs->len; i++) {
		const struct faq *q = schema_list_at(&model_faq_schema, faqs, i);
		char *answer = md_plain_text(q->answer.doc);
		/* The url names the element that shows the question and its answer,
		 * so a checker can hold the two texts side by side. */
		char *url = xasprintf("%s#%s", g->page_url, q->anchor.v);
		open_node(w, "Question", NULL);
		member_str(w, "url", url);
		member_str(w, "name", q->question.v);
		key(w, "acceptedAnswer");
		begin(w, '{');
		member_str(w, "@type", "Answer");
		member_str(w, "text", answer);
		end(w, '}');
		end(w, '}');
		free(url);
		free(answer);
	}
	end(w, ']');
	end(w, '}');
}

static void howto_node(struct graph *g, const struct resource *r, const char *id)
{
	struct jw *w = g->w;
	open_node(w, "HowTo", id);
	member_str(w, "name", r->steps->title.v);
	key(w, "step");
	begin(w, '[');
	const struct titled_text *t = r->steps->items.items;
	for (size_t i = 0; i < r->steps->items.len; i++) {
		open_node(w, "HowToStep", NULL);
		member_int(w, "position", (long)i + 1);
		member_str(w, "name", t[i].title.v);
		member_str(w, "text", t[i].text.v);
		end(w, '}');
	}
	end(w, ']');
	end(w, '}');
}

static char *article_id(const struct site *site, const struct pattern *p)
{
	char *u = absolute(site, p->url.v);
	char *id = xasprintf("%s#article", u);
	free(u);
	return id;
}

static void patterns_node(struct graph *g, const struct resource *r, const char *id)
{
	struct jw *w = g->w;
	open_node(w, "ItemList", id);
	member_str(w, "name", r->patterns->title.v);
	key(w, "itemListElement");
	begin(w, '[');
	const struct list *patterns = &r->patterns->items;
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		char *aid = article_id(g->site, p);
		char *u = absolute(g->site, p->url.v);
		open_node(w, "ListItem", NULL);
		member_int(w, "position", (long)i + 1);
		member_str(w, "name", p->title.v);      /* lists are read by their items' names */
		key(w, "item");
		begin(w, '{');
		member_str(w, "@type", "TechArticle");
		member_str(w, "@id", aid);
		member_str(w, "headline", p->title.v);
		member_str(w, "url", u);
		end(w, '}');
		end(w, '}');
		free(aid);
		free(u);
	}
	end(w, ']');
	end(w, '}');
}

/* The PDF, as the page offers it.  Its page count, shown beside the link,
 * has no place here: numberOfPages belongs to Book, and a DigitalDocument
 * is not one. */
static void playbook_node(struct graph *g, const struct resource *r)
{
	struct jw *w = g->w;
	char *u = absolute(g->site, r->playbook->url.v);
	open_node(w, "DigitalDocument", u);
	member_str(w, "name", r->playbook->title.v);
	member_str(w, "description", r->playbook->summary.v);
	member_str(w, "url", u);
	member_str(w, "encodingFormat", "application/pdf");
	member_ref(w, "publisher", g->org);
	end(w, '}');
	free(u);
}

static void article_node(struct graph *g, const struct jsonld_page *p)
{
	struct jw *w = g->w;
	char *aid = article_id(g->site, p->pattern);
	char *image = absolute(g->site, p->image);
	open_node(w, "TechArticle", aid);
	member_str(w, "headline", p->pattern->title.v);
	member_str(w, "description", p->pattern->summary.v);
	member_str(w, "datePublished", p->date);
	member_str(w, "dateModified", p->date);
	member_org(w, "author", g->site, g->org);
	member_ref(w, "publisher", g->org);
	if (image)
		member_str(w, "image", image);
	member_ref(w, "mainEntityOfPage", g->webpage);
	member_str(w, "inLanguage", g->site->language.v);
	end(w, '}');
	free(image);
	free(aid);
}

/* A custom section: a part of the page, with its text. */
static void custom_node(struct graph *g, const struct custom_section *c)
{
	struct jw *w = g->w;
	char *id = xasprintf("%s#%s", g->page_url, c->anchor.v);
	char *text = md_plain_text(c->body.doc);
	open_node(w, "WebPageElement", id);
	member_str(w, "name", c->title.v);
	member_str(w, "text", text);
	member_ref(w, "isPartOf", g->webpage);
	end(w, '}');
	free(text);
	free(id);
}

/* The nodes of the resource's sections that have one, in its page's
 * order; the questions, shown in two sections, are one FAQPage, where the
 * first of them is. */
static void resource_nodes(struct graph *g, const struct resource *r)
{
	char *faq = xasprintf("%s#faq", g->page_url), *howto = xasprintf("%s#steps", g->page_url);
	char *list = xasprintf("%s#patterns", g->page_url);
	bool faq_done = false;
	const struct page_section *sections = r->contents.items;
	for (size_t i = 0; i < r->contents.len; i++) {
		switch (sections[i].kind) {
		case SECTION_ANSWERS:
		case SECTION_FAQ:
			if (!faq_done)
				faq_node(g, r, faq);
			faq_done = true;
			break;
		case SECTION_STEPS:
			howto_node(g, r, howto);
			break;
		case SECTION_PATTERNS:
			patterns_node(g, r, list);
			break;
		case SECTION_PLAYBOOK:
			playbook_node(g, r);
			break;
		case SECTION_CUSTOM:
			custom_node(g, sections[i].refs[SECTION_CUSTOM]);
			break;
		default:
			break;
		}
	}
	free(faq);
	free(howto);
	free(list);
}

char *jsonld_page(const struct site *site, const struct jsonld_page *p)
{
	struct buf out = BUF_INIT;
	buf_reserve(&out, 4095);        /* a page's graph: a few KB, grown at once */
	struct jw w = {&out, 0, {true}};
	struct graph g = {site, &w, NULL, NULL, NULL, NULL};
	g.org = xasprintf("%s#organization", site->base_url.v);
	g.website = xasprintf("%s#website", site->base_url.v);
	g.page_url = absolute(site, p->url);
	g.webpage = xasprintf("%s#webpage", g.page_url);
	bool has_crumbs = strcmp(p->kind, "404") != 0;
	char *crumbs = has_crumbs ? xasprintf("%s#breadcrumb", g.page_url) : NULL;

	begin(&w, '{');
	member_str(&w, "@context", "https://schema.org");
	key(&w, "@graph");
	begin(&w, '[');
	site_nodes(&g);
	page_node(&g, p, crumbs);
	if (has_crumbs)
		breadcrumb(&g, p, crumbs);
	if (strcmp(p->kind, "resource") == 0 && p->resource)
		resource_nodes(&g, p->resource);
	if (strcmp(p->kind, "pattern") == 0 && p->pattern)
		article_node(&g, p);
	end(&w, ']');
	end(&w, '}');

	free(crumbs);
	free(g.org);
	free(g.website);
	free(g.page_url);
	free(g.webpage);
	return buf_detach(&out);
}
