#include "jsonld.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "escape.h"
#include "markdown.h"
#include "xalloc.h"

/* An absolute URL for a site path (or an absolute URL as it is). */
static char *absolute(const struct site *site, const char *path)
{
	if (path[0] == '/')
		return xasprintf("%s%s", site->base_url.v, path + 1);
	return xstrdup(path);
}

static json_t *str(const char *s)
{
	return json_string(s ? s : "");
}

static json_t *ref(const char *id)
{
	return json_pack("{s:s}", "@id", id);
}

static json_t *id_node(const char *type, const char *id)
{
	return json_pack("{s:s, s:s}", "@type", type, "@id", id);
}

struct graph {
	const struct site *site;
	json_t *nodes;
	char *org, *website, *webpage, *page_url;
};

static void add(struct graph *g, json_t *node)
{
	json_array_append_new(g->nodes, node);
}

static void site_nodes(struct graph *g)
{
	const struct site *site = g->site;
	char *logo = absolute(site, site->publisher->logo_url.v);
	json_t *org = id_node("Organization", g->org);
	json_object_set_new(org, "name", str(site->publisher->name.v));
	json_object_set_new(org, "url", str(site->publisher->url.v));
	json_object_set_new(org, "logo", json_pack("{s:s, s:s}", "@type", "ImageObject", "url", logo));
	add(g, org);
	json_t *web = id_node("WebSite", g->website);
	json_object_set_new(web, "url", str(site->base_url.v));
	json_object_set_new(web, "name", str(site->title.v));
	json_object_set_new(web, "inLanguage", str(site->language.v));
	json_object_set_new(web, "publisher", ref(g->org));
	add(g, web);
	free(logo);
}

static void breadcrumb(struct graph *g, const struct jsonld_page *p, const char *id)
{
	json_t *items = json_array();
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
	for (size_t i = 0; i < n; i++) {
		char *u = absolute(g->site, urls[i]);
		json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s}", "@type", "ListItem", "position",
		                                       (json_int_t)i + 1, "name", names[i], "item", u));
		free(u);
	}
	json_t *list = id_node("BreadcrumbList", id);
	json_object_set_new(list, "itemListElement", items);
	add(g, list);
}

static void faq_node(struct graph *g, const struct resource *r, const char *id)
{
	json_t *questions = json_array();
	const struct list *faqs = &r->faq->items;
	for (size_t i = 0; i < faqs->len; i++) {
		const struct faq *q = schema_list_at(&model_faq_schema, faqs, i);
		char *answer = md_plain_text(q->answer.doc);
		/* The url names the element that shows the question and its answer,
		 * so a checker can hold the two texts side by side. */
		char *url = xasprintf("%s#%s", g->page_url, q->anchor.v);
		json_array_append_new(questions, json_pack("{s:s, s:s, s:s, s:{s:s, s:s}}", "@type", "Question", "url", url,
		                                           "name", q->question.v, "acceptedAnswer", "@type", "Answer",
		                                           "text", answer));
		free(url);
		free(answer);
	}
	json_t *faq = id_node("FAQPage", id);
	json_object_set_new(faq, "name", str(r->faq->title.v));
	json_object_set_new(faq, "isPartOf", ref(g->webpage));
	json_object_set_new(faq, "mainEntity", questions);
	add(g, faq);
}

static void howto_node(struct graph *g, const struct resource *r, const char *id)
{
	json_t *steps = json_array();
	const struct titled_text *t = r->steps->items.items;
	for (size_t i = 0; i < r->steps->items.len; i++)
		json_array_append_new(steps, json_pack("{s:s, s:I, s:s, s:s}", "@type", "HowToStep", "position",
		                                       (json_int_t)i + 1, "name", t[i].title.v, "text", t[i].text.v));
	json_t *howto = id_node("HowTo", id);
	json_object_set_new(howto, "name", str(r->steps->title.v));
	json_object_set_new(howto, "step", steps);
	add(g, howto);
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
	json_t *items = json_array();
	const struct list *patterns = &r->patterns->items;
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		char *aid = article_id(g->site, p);
		char *u = absolute(g->site, p->url.v);
		json_array_append_new(items, json_pack("{s:s, s:I, s:{s:s, s:s, s:s, s:s}}", "@type", "ListItem", "position",
		                                       (json_int_t)i + 1, "item", "@type", "TechArticle", "@id", aid,
		                                       "headline", p->title.v, "url", u));
		free(aid);
		free(u);
	}
	json_t *list = id_node("ItemList", id);
	json_object_set_new(list, "name", str(r->patterns->title.v));
	json_object_set_new(list, "itemListElement", items);
	add(g, list);
}

static void playbook_node(struct graph *g, const struct resource *r, long pages)
{
	char *u = absolute(g->site, r->playbook->url.v);
	json_t *doc = id_node("DigitalDocument", u);
	json_object_set_new(doc, "name", str(r->playbook->title.v));
	json_object_set_new(doc, "description", str(r->playbook->summary.v));
	json_object_set_new(doc, "url", str(u));
	json_object_set_new(doc, "encodingFormat", str("application/pdf"));
	json_object_set_new(doc, "publisher", ref(g->org));
	if (pages > 0)
		json_object_set_new(doc, "numberOfPages", json_integer(pages));
	add(g, doc);
	free(u);
}

static void article_node(struct graph *g, const struct jsonld_page *p)
{
	char *aid = article_id(g->site, p->pattern);
	char *image = absolute(g->site, p->image);
	json_t *art = id_node("TechArticle", aid);
	json_object_set_new(art, "headline", str(p->pattern->title.v));
	json_object_set_new(art, "description", str(p->pattern->summary.v));
	json_object_set_new(art, "datePublished", str(p->date));
	json_object_set_new(art, "dateModified", str(p->date));
	json_object_set_new(art, "author", ref(g->org));
	json_object_set_new(art, "publisher", ref(g->org));
	json_object_set_new(art, "image", str(image));
	json_object_set_new(art, "mainEntityOfPage", ref(g->webpage));
	json_object_set_new(art, "inLanguage", str(g->site->language.v));
	add(g, art);
	free(image);
	free(aid);
}

/* Serialises for a <script> element: nothing in it can close the element. */
static char *dump_for_script(json_t *root)
{
	char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ESCAPE_SLASH);
	struct buf b = BUF_INIT;
	escape_json_in_script(&b, text ? text : "{}");
	free(text);
	return buf_detach(&b);
}

char *jsonld_page(const struct site *site, const struct jsonld_page *p)
{
	struct graph g = {site, json_array(), NULL, NULL, NULL, NULL};
	g.org = xasprintf("%s#organization", site->base_url.v);
	g.website = xasprintf("%s#website", site->base_url.v);
	g.page_url = absolute(site, p->url);
	g.webpage = xasprintf("%s#webpage", g.page_url);
	char *crumbs = xasprintf("%s#breadcrumb", g.page_url);
	site_nodes(&g);

	bool home = strcmp(p->kind, "home") == 0;
	json_t *page = id_node(home ? "CollectionPage" : "WebPage", g.webpage);
	char *image = absolute(site, p->image);
	json_object_set_new(page, "url", str(g.page_url));
	json_object_set_new(page, "name", str(p->title));
	json_object_set_new(page, "description", str(p->description));
	json_object_set_new(page, "inLanguage", str(site->language.v));
	json_object_set_new(page, "isPartOf", ref(g.website));
	json_object_set_new(page, "primaryImageOfPage", json_pack("{s:s, s:s}", "@type", "ImageObject", "url", image));
	if (strcmp(p->kind, "404") != 0)
		json_object_set_new(page, "breadcrumb", ref(crumbs));
	add(&g, page);
	if (strcmp(p->kind, "404") != 0)
		breadcrumb(&g, p, crumbs);

	if (strcmp(p->kind, "resource") == 0 && p->resource) {
		const struct resource *r = p->resource;
		char *faq = xasprintf("%s#faq", g.page_url), *howto = xasprintf("%s#steps", g.page_url);
		char *list = xasprintf("%s#patterns", g.page_url);
		if (r->faq && r->faq->items.len)
			faq_node(&g, r, faq);
		if (r->steps)
			howto_node(&g, r, howto);
		patterns_node(&g, r, list);
		playbook_node(&g, r, p->playbook_pages);
		free(faq);
		free(howto);
		free(list);
	}
	if (strcmp(p->kind, "pattern") == 0 && p->pattern)
		article_node(&g, p);

	json_t *root = json_pack("{s:s, s:o}", "@context", "https://schema.org", "@graph", g.nodes);
	char *out = dump_for_script(root);
	json_decref(root);
	free(image);
	free(crumbs);
	free(g.org);
	free(g.website);
	free(g.page_url);
	free(g.webpage);
	return out;
}
