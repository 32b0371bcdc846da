#include "web/feeds.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "base/buf.h"
#include "base/xalloc.h"

static void url_entry(xmlTextWriterPtr w, const struct site *site, const char *path, const char *lastmod)
{
	char *loc = xasprintf("%s%s", site->base_url.v, path + 1);
	xmlTextWriterStartElement(w, BAD_CAST "url");
	xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST loc);
	xmlTextWriterWriteElement(w, BAD_CAST "lastmod", BAD_CAST lastmod);
	xmlTextWriterEndElement(w);
	free(loc);
}

static bool write_sitemap(const struct site *site, struct output *o, const char *date)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(w, NULL, BAD_CAST "urlset", BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9");
	url_entry(w, site, "/", date);
	for (size_t i = 0; i < site->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		const char *lastmod = r->updated.v ? r->updated.v : date;
		url_entry(w, site, r->url.v, lastmod);
		for (size_t k = 0; k < r->patterns->items.len; k++)
			url_entry(w, site, ((const struct pattern *)schema_list_at(&model_pattern_schema, &r->patterns->items, k))->url.v,
			          lastmod);
		if (r->playbook)
			url_entry(w, site, r->playbook->url.v, lastmod);
	}
	for (size_t i = 0; i < site->pages.len; i++)
		url_entry(w, site, ((const struct plain_page *)schema_list_at(&model_page_schema, &site->pages, i))->url.v,
		          date);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	bool ok = output_write(o, "sitemap.xml", xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	return ok;
}

static bool write_robots(const struct site *site, struct output *o)
{
	char *text = xasprintf("User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", site->base_url.v);
	bool ok = output_write(o, "robots.txt", text, strlen(text));
	free(text);
	return ok;
}

/* A Markdown link line of llms.txt: "- [name](url): note". */
static void llms_link(struct buf *b, const struct site *site, const char *name, const char *path, const char *note)
{
	buf_printf(b, "- [%s](%s%s)", name, site->base_url.v, path + 1);
	if (note && *note)
		buf_printf(b, ": %s", note);
	buf_putc(b, '\n');
}

/* A resource's sections that llms.txt lists, in its order: the patterns,
 * each a page of its own, and the custom sections, each a place on the
 * resource's page; the rest is the resource's page itself. */
static void llms_resource(struct buf *b, const struct site *site, const struct resource *r)
{
	const struct page_section *sections = r->contents.items;
	for (size_t i = 0; i < r->contents.len; i++) {
		if (sections[i].kind == SECTION_PATTERNS) {
			buf_printf(b, "\n## %s: %s\n\n", r->title.v, r->patterns->title.v);
			for (size_t k = 0; k < r->patterns->items.len; k++) {
				const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, k);
				llms_link(b, site, p->title.v, p->url.v, p->summary.v);
			}
		} else if (sections[i].kind == SECTION_CUSTOM) {
			buf_printf(b, "\n## %s: %s\n\n", r->title.v, sections[i].title.v);
			char *at = xasprintf("%s#%s", r->url.v, sections[i].id.v);
			llms_link(b, site, sections[i].title.v, at, NULL);
			free(at);
		}
	}
}

static bool write_llms(const struct site *site, struct output *o)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "# %s\n\n> %s\n\n", site->title.v, site->description.v);
	const struct phrase_arg publisher[] = {{"publisher", site->publisher->name.v}, {"url", site->publisher->url.v}};
	model_phrase(&b, site, "published_by", publisher, 2);
	buf_printf(&b, "\n\n## %s\n\n", model_string(site, "resources"));
	for (size_t i = 0; i < site->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		llms_link(&b, site, r->title.v, r->url.v, r->description.v);
	}
	for (size_t i = 0; i < site->resources.len; i++)
		llms_resource(&b, site, schema_list_at(&model_resource_schema, &site->resources, i));
	bool downloads = false;
	for (size_t i = 0; i < site->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		if (r->playbook == NULL)
			continue;
		if (!downloads)
			buf_printf(&b, "\n## %s\n\n", model_string(site, "downloads"));
		downloads = true;
		llms_link(&b, site, r->playbook->title.v, r->playbook->url.v, r->playbook->summary.v);
	}
	for (size_t i = 0; i < site->pages.len; i++) {
		const struct plain_page *p = schema_list_at(&model_page_schema, &site->pages, i);
		if (i == 0)
			buf_printf(&b, "\n## %s\n\n", model_string(site, "pages"));
		llms_link(&b, site, p->title.v, p->url.v, p->description.v);
	}
	bool ok = output_write(o, "llms.txt", b.data, b.len);
	buf_free(&b);
	return ok;
}

bool feeds_write(const struct site *site, struct output *o, const char *date, struct diag *d)
{
	(void)d;  /* output_write reports its own errors */
	bool ok = write_sitemap(site, o, date);
	ok &= write_robots(site, o);
	ok &= write_llms(site, o);
	return ok;
}
