#include "build/links.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xalloc.h"

/* What the checks share: the build's files and pages, and where the
 * messages go. */
struct checker {
	const struct output *o;
	const struct produced *made;
	struct diag *d;
	struct buf file;                /* reused: a site path as a file of the output */
	struct pos *failed;             /* places already reported */
	size_t nfailed, cap_failed;
	bool ok;
};

/* Whether the site path path (no fragment or query) is a file the build
 * writes, or one a full build writes. */
static bool produces(struct checker *c, const char *path)
{
	buf_reset(&c->file);
	buf_puts(&c->file, path + 1);
	if (path[1] == '\0' || text_ends_with(path, "/"))
		buf_puts(&c->file, "index.html");
	const char *file = buf_str(&c->file);
	return output_has(c->o, file) || produced_skipped(c->made, file);
}

/* Whether a problem at at was reported already: a link in a text shown
 * on several pages is found once a page. */
static bool reported(struct checker *c, struct pos at)
{
	for (size_t i = 0; i < c->nfailed; i++)
		if (c->failed[i].line == at.line && c->failed[i].col == at.col && c->failed[i].file && at.file &&
		    strcmp(c->failed[i].file, at.file) == 0)
			return true;
	c->failed = xgrow(c->failed, &c->cap_failed, c->nfailed + 1, sizeof *c->failed);
	c->failed[c->nfailed++] = at;
	c->ok = false;
	return false;
}

static int compare_urls(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The page nearest to path among the build's pages, or NULL; of pages
 * as near, the first by url (a view's pages are not in that order). */
static const char *near_page(const struct checker *c, const char *path)
{
	const struct produced *m = c->made;
	const char **urls = xcalloc(m->npages ? m->npages : 1, sizeof *urls);
	for (size_t i = 0; i < m->npages; i++)
		urls[i] = m->pages[i].url;
	if (m->npages > 1)
		qsort(urls, m->npages, sizeof *urls, compare_urls);
	const char *near = diag_suggest(path, urls, m->npages);
	free(urls);
	return near;
}

/* The link as its author wrote it, for messages. */
static void written(struct buf *out, const struct site_link *link)
{
	if (link->written) {
		buf_puts(out, link->written);
		return;
	}
	buf_puts(out, link->path);
	if (link->fragment) {
		buf_putc(out, '#');
		buf_puts(out, link->fragment);
	}
}

static void report_path(struct checker *c, const struct site_link *link)
{
	if (reported(c, link->at))
		return;
	struct buf as = BUF_INIT;
	written(&as, link);
	const char *near = near_page(c, link->path);
	if (link->written && near)
		diag_error(c->d, link->at, "link to '%s' (%s), which the build does not produce; did you mean '%s'? Fix the link",
		           as.data, link->path, near);
	else if (link->written)
		diag_error(c->d, link->at, "link to '%s' (%s), which the build does not produce; fix the link", as.data,
		           link->path);
	else if (near)
		diag_error(c->d, link->at, "link to '%s', which the build does not produce; did you mean '%s'? Fix the path",
		           as.data, near);
	else
		diag_error(c->d, link->at, "link to '%s', which the build does not produce; fix the path", as.data);
	buf_free(&as);
}

/* The site path of the page at path: "/x/index.html" is "/x/". */
static void page_of(struct buf *out, const char *path)
{
	buf_puts(out, path);
	if (text_ends_with(path, "/index.html"))
		out->len -= strlen("index.html");
	out->data[out->len] = '\0';
}

static void report_fragment(struct checker *c, const struct site_link *link, const struct produced_page *page)
{
	if (reported(c, link->at))
		return;
	struct buf as = BUF_INIT;
	written(&as, link);
	const char *near = diag_suggest(link->fragment, page->ids, page->nids);
	if (near)
		diag_error(c->d, link->at, "link to '%s': page %s has no id '%s'; did you mean '#%s'? Fix the fragment",
		           as.data, page->url, link->fragment, near);
	else
		diag_error(c->d, link->at, "link to '%s': page %s has no id '%s'; link to one of its headings or sections, or leave out '#%s'",
		           as.data, page->url, link->fragment, link->fragment);
	buf_free(&as);
}

static void check_link(struct checker *c, const struct site_link *link)
{
	if (!produces(c, link->path)) {
		report_path(c, link);
		return;
	}
	if (link->fragment == NULL)
		return;
	/* Only pages have ids to check: "#page=2" of a PDF is the reader's. */
	struct buf page_url = BUF_INIT;
	page_of(&page_url, link->path);
	const struct produced_page *page = produced_page(c->made, buf_str(&page_url));
	if (page && !produced_page_has(page, link->fragment))
		report_fragment(c, link, page);
	buf_free(&page_url);
}

void links_each_path(const struct site *site, const struct render_unit *units, size_t nunits,
                     void (*fn)(void *ctx, const char *path), void *ctx)
{
	for (size_t i = 0; i < site->nlinks; i++)
		fn(ctx, site->links[i].path);
	for (size_t u = 0; u < nunits; u++)
		for (size_t k = 0; k < units[u].found.len; k++)
			fn(ctx, units[u].found.items[k].path);
}

bool links_check(const struct site *site, const bool *site_wanted, const struct body_links *const *found, size_t nfound,
                 struct produced *made, const struct output *o, struct diag *d)
{
	produced_sort(made);
	struct checker c = {.o = o, .made = made, .d = d, .file = BUF_INIT, .ok = true};
	for (size_t i = 0; i < site->nlinks; i++)
		if (site_wanted == NULL || site_wanted[i])
			check_link(&c, &site->links[i]);
	for (size_t k = 0; k < nfound; k++)
		for (size_t i = 0; i < found[k]->len; i++)
			check_link(&c, &found[k]->items[i]);
	buf_free(&c.file);
	free(c.failed);
	return c.ok;
}

/* ---- what templates and stylesheets load ---------------------------- */

static void check_template_path(void *ctx, const char *path, struct pos at)
{
	struct checker *c = ctx;
	char *bare = xstrndup(path, strcspn(path, "#?"));
	if (!produces(c, bare) && !reported(c, at)) {
		if (text_ends_with(bare, "/"))
			diag_error(c->d, at, "the template links to '%s', a page the build does not make; fix the path", bare);
		else
			diag_error(c->d, at, "the template loads '%s', which the build does not write; add static%s or fix the path",
			           bare, bare);
	}
	free(bare);
}

/* Whether a url() value leaves the stylesheet's site: data, another host,
 * a fragment of an SVG filter. */
static bool css_url_is_external(const char *v, size_t len)
{
	size_t before = strcspn(v, ":/?#");
	return len == 0 || v[0] == '#' || (before < len && v[before] == ':') || (len > 1 && v[0] == '/' && v[1] == '/');
}

static bool is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
}

/* The bytes of the file at path, NUL-terminated, or NULL. */
static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, got);
	fclose(f);
	buf_putc(&b, '\0');    /* an empty file is still text */
	return buf_detach(&b);
}

/* Checks the url(...) of a stylesheet: text is the file, rel its path in
 * the output ("css/site.css"), shown its name in messages. */
static void check_css(struct checker *c, const char *text, const char *rel, const char *shown)
{
	int line = 1;
	const char *line_start = text;
	char *base = xasprintf("/%s", rel);
	struct buf target = BUF_INIT, url = BUF_INIT;
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			line++;
			line_start = p + 1;
		} else if (p[0] == '/' && p[1] == '*') {        /* a comment: no url() in it counts */
			const char *end = strstr(p + 2, "*/");
			for (const char *q = p; q < (end ? end : p + strlen(p)); q++)
				if (*q == '\n') {
					line++;
					line_start = q + 1;
				}
			if (end == NULL)
				break;
			p = end + 1;
		} else if (strncmp(p, "url(", 4) == 0 && (p == text || !is_name_char(p[-1]))) {
			const char *v = p + 4;
			v += strspn(v, " \t");
			char quote = (*v == '"' || *v == '\'') ? *v++ : '\0';
			size_t len = quote ? strcspn(v, (char[]){quote, '\n', '\0'}) : strcspn(v, ") \t\n");
			buf_reset(&url);
			buf_put(&url, v, len);
			if (!css_url_is_external(v, len)) {
				buf_reset(&target);
				body_resolve(&target, base, buf_str(&url));
				target.len = strcspn(buf_str(&target), "#?");
				target.data[target.len] = '\0';
				struct pos at = {shown, line, (int)(v - line_start) + 1};
				if (!produces(c, buf_str(&target))) {   /* each url() is met once */
					c->ok = false;
					diag_error(c->d, at, "the stylesheet loads '%s', which the build does not write (%s); add that file to static/ or fix the url()",
					           buf_str(&url), buf_str(&target) + 1);
				}
			}
		}
	}
	buf_free(&target);
	buf_free(&url);
	free(base);
}

/* Whether rel was met already: the first tree holding a file gives it. */
static bool seen_before(char ***seen, size_t *n, size_t *cap, const char *rel)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*seen)[i], rel) == 0)
			return true;
	*seen = xgrow(*seen, cap, *n + 1, sizeof **seen);
	(*seen)[(*n)++] = xstrdup(rel);
	return false;
}

struct css_walk {
	struct checker *c;
	char **seen;
	size_t nseen, cap_seen;
};

/* Checks every .css file below dir/sub (sub "" or ending in '/'), in name
 * order, so the report does not depend on the file system's. */
static void walk_css(struct css_walk *w, const char *dir, const char *sub)
{
	char *here = xasprintf("%s/%s", dir, sub);
	struct dirent **names = NULL;
	int n = scandir(here, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char *rel = xasprintf("%s%s", sub, name);
		char *full = xasprintf("%s%s", here, name);
		struct stat st;
		if (name[0] == '.' || stat(full, &st) != 0) {
			/* hidden, or gone */
		} else if (S_ISDIR(st.st_mode)) {
			char *deeper = xasprintf("%s/", rel);
			walk_css(w, dir, deeper);
			free(deeper);
		} else if (text_ends_with(name, ".css") && !seen_before(&w->seen, &w->nseen, &w->cap_seen, rel)) {
			char *text = read_all(full);
			if (text)
				check_css(w->c, text, rel, full);
			free(text);
		}
		free(full);
		free(rel);
		free(names[i]);
	}
	free(names);
	free(here);
}

bool links_check_assets(struct tpl_set *templates, const struct output_tree *statics, size_t n,
                        const struct produced *made, const struct output *o, struct diag *d)
{
	struct checker c = {.o = o, .made = made, .d = d, .file = BUF_INIT, .ok = true};
	tpl_site_paths(templates, check_template_path, &c);
	struct css_walk w = {.c = &c};
	for (size_t i = 0; i < n; i++)
		walk_css(&w, statics[i].path, "");
	for (size_t i = 0; i < w.nseen; i++)
		free(w.seen[i]);
	free(w.seen);
	buf_free(&c.file);
	free(c.failed);
	return c.ok;
}
