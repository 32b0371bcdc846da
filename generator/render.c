#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "estimate.h"
#include "text.h"
#include "xalloc.h"

/* What a template knows about the page being rendered. */
struct page {
	struct pos at;
	struct str kind;        /* home, resource, pattern, 404 */
	struct str title;       /* the page's own title */
	struct str head_title;  /* for <title>: own title and site title */
	struct str description;
	struct str url;         /* site path of the page */
	struct str canonical;   /* absolute URL */
	struct str year;        /* of the build, for the footer */
};

static const struct field page_fields[] = {
	{"kind", SK_LINE, 0, offsetof(struct page, kind), NULL, 0, 0, NULL, SK_LINE},
	{"title", SK_LINE, 0, offsetof(struct page, title), NULL, 0, 0, NULL, SK_LINE},
	{"head_title", SK_LINE, 0, offsetof(struct page, head_title), NULL, 0, 0, NULL, SK_LINE},
	{"description", SK_LINE, 0, offsetof(struct page, description), NULL, 0, 0, NULL, SK_LINE},
	{"url", SK_LINK, 0, offsetof(struct page, url), NULL, 0, 0, NULL, SK_LINE},
	{"canonical", SK_URL, 0, offsetof(struct page, canonical), NULL, 0, 0, NULL, SK_LINE},
	{"year", SK_LINE, 0, offsetof(struct page, year), NULL, 0, 0, NULL, SK_LINE},
	{NULL, SK_LINE, 0, 0, NULL, 0, 0, NULL, SK_LINE}};
static const struct schema page_schema = {"page", sizeof(struct page), offsetof(struct page, at), page_fields};

struct job {
	const struct site *site;
	struct tpl_set *templates;
	struct output *o;
	struct diag *d;
	char year[16];
	size_t pages;
	bool ok;
};

/* "../" once per folder level of the page's path. */
static char *root_of(const char *url)
{
	struct buf b = BUF_INIT;
	for (const char *p = url + 1; *p; p++)
		if (*p == '/')
			buf_puts(&b, "../");
	return buf_detach(&b);
}

/* The path part of an absolute URL: "https://x.org/docs/" gives "/docs/". */
static char *base_path(const char *base_url)
{
	const char *host = strstr(base_url, "://");
	const char *path = host ? strchr(host + 3, '/') : NULL;
	return xstrdup(path ? path : "/");
}

/* The file a site path is written to: "/a/b/" is "a/b/index.html". */
static char *file_of(const char *url)
{
	if (text_ends_with(url, "/"))
		return xasprintf("%sindex.html", url + 1);
	return xstrdup(url + 1);
}

static void render_page(struct job *job, const char *tpl, const char *url, const char *title,
                        const char *description, const char *kind, struct tpl_var *extra, size_t nextra)
{
	const struct site *site = job->site;
	struct page page = {0};
	page.at = site->at;
	page.kind.v = (char *)kind;
	page.title.v = (char *)title;
	char *head_title = strcmp(title, site->title.v) == 0 ? xstrdup(title) : xasprintf("%s | %s", title, site->title.v);
	page.head_title.v = head_title;
	page.description.v = (char *)description;
	page.url.v = (char *)url;
	char *canonical = xasprintf("%s%s", site->base_url.v, url + 1);
	page.canonical.v = canonical;
	page.year.v = job->year;

	struct tpl_var vars[8];
	size_t n = 0;
	vars[n++] = (struct tpl_var){"site", tval_object(&model_site_schema, site)};
	vars[n++] = (struct tpl_var){"page", tval_object(&page_schema, &page)};
	for (size_t i = 0; i < nextra && n < 8; i++)
		vars[n++] = extra[i];

	/* The 404 page is served at any depth: link from the site root. */
	char *root = strcmp(kind, "404") == 0 ? base_path(site->base_url.v) : root_of(url);
	struct buf html = BUF_INIT;
	if (tpl_render(job->templates, tpl, vars, n, root, &html, job->d)) {
		char *file = file_of(url);
		job->ok &= output_write(job->o, file, html.data, html.len);
		job->pages++;
		free(file);
	} else {
		job->ok = false;
	}
	buf_free(&html);
	free(root);
	free(canonical);
	free(head_title);
}

/* The estimate for every pattern of r at neutral factors: the figure the
 * page shows without JavaScript. */
static struct estimate estimate_all(const struct resource *r)
{
	const struct list *items = &r->patterns->items;
	const struct pattern **all = xcalloc(items->len ? items->len : 1, sizeof *all);
	for (size_t i = 0; i < items->len; i++)
		all[i] = schema_list_at(&model_pattern_schema, items, i);
	long shared = r->estimator ? r->estimator->shared_percent : 100;
	struct estimate e = estimate_patterns(all, items->len, shared, 100, 100);
	free(all);
	return e;
}

static void render_resource(struct job *job, const struct resource *r)
{
	char *data = estimate_json(r);
	struct estimate all = estimate_all(r);
	struct tpl_var extra[3] = {{"resource", tval_object(&model_resource_schema, r)},
	                           {"estimator_data", tval_html(data)},
	                           {"estimate_all", tval_object(&estimate_schema, &all)}};
	render_page(job, "resource.html", r->url.v, r->title.v, r->description.v, "resource", extra, 3);
	free(data);
	const struct list *patterns = &r->patterns->items;
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		extra[1] = (struct tpl_var){"pattern", tval_object(&model_pattern_schema, p)};
		render_page(job, "pattern.html", p->url.v, p->title.v, p->summary.v, "pattern", extra, 2);
	}
}

bool render_site(const struct site *site, struct tpl_set *templates, struct output *o,
                 const struct render_options *opt, size_t *pages, struct diag *d)
{
	struct job job = {site, templates, o, d, "", 0, true};
	time_t t = (time_t)opt->epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(job.year, sizeof job.year, "%d", tm.tm_year + 1900);

	render_page(&job, "home.html", "/", site->title.v, site->description.v, "home", NULL, 0);
	for (size_t i = 0; i < site->resources.len; i++)
		render_resource(&job, schema_list_at(&model_resource_schema, &site->resources, i));
	render_page(&job, "404.html", "/404.html", "Page not found", site->description.v, "404", NULL, 0);
	*pages = job.pages;
	return job.ok;
}
