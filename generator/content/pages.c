/*
 * pages: the plain pages of content/pages/ (pages.h).
 */
#include "content/pages.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "content/confine.h"
#include "content/glyphs.h"
#include "content/resource.h"
#include "content/walk.h"

/* Folders at the root of every build: a page cannot take their name. */
static const char *const reserved[] = {"resources", "images", "css", "js", "fonts", "404", NULL};

/* Whether the page's name is free: not one of the site's own folders,
 * nor a folder of static/, which is copied to the root of the site. */
static bool check_name(struct loader *ld, const struct plain_page *p, char *const *static_dirs, size_t nstatic)
{
	const char *slug = p->slug.v;
	for (size_t i = 0; reserved[i]; i++)
		if (strcmp(reserved[i], slug) == 0) {
			diag_error(ld->d, p->at, "page name '%s' is reserved: the site uses /%s/ itself; rename the file", slug,
			           slug);
			return false;
		}
	for (size_t i = 0; i < nstatic; i++)
		if (strcmp(static_dirs[i], slug) == 0) {
			diag_error(ld->d, p->at, "page name '%s' is taken by the folder static/%s/, copied to /%s/; rename the file or the folder",
			           slug, slug, slug);
			return false;
		}
	return true;
}

static bool read_page(struct loader *ld, const char *rel, const char *slug, struct plain_page *p)
{
	const char *shown;
	char *text = confine_read_text(ld, rel, &shown, NULL);
	p->at = (struct pos){shown, 1, 1};
	char *url = xasprintf("/%s/", slug);
	ld->seen->links.base = url;     /* its relative links lead from its page */
	bool ok = text != NULL && resource_read_page(ld, text, shown, &model_page_schema, p, &p->body, false, 0, NULL);
	ld->seen->links.base = NULL;
	free(text);
	loader_set_derived(&p->slug, xstrdup(slug), p->at);
	loader_set_derived(&p->url, url, p->at);
	if (p->type.v == NULL)
		loader_set_derived(&p->type, xstrdup("page"), p->at);
	if (p->menu.v == NULL)
		loader_set_derived(&p->menu, xstrdup("footer"), p->at);
	loader_check_description(ld, &p->description, "description");
	return ok;
}

/* Adds a link to page p at the end of links. */
static void add_link(struct list *links, const struct plain_page *p)
{
	links->items = xrealloc(links->items, (links->len + 1) * sizeof(struct link_item));
	struct link_item *item = (struct link_item *)links->items + links->len++;
	*item = (struct link_item){.at = p->at};
	loader_set_derived(&item->label, xstrdup(p->title.v), p->title.at);
	loader_set_derived(&item->url, xstrdup(p->url.v), p->at);
}

/* The pages in the header's navigation and the footer's links, as their
 * menu says, after the links site.yaml lists. */
static void add_to_menus(struct site *site)
{
	for (size_t i = 0; i < site->pages.len; i++) {
		const struct plain_page *p = schema_list_at(&model_page_schema, &site->pages, i);
		const char *menu = p->menu.v;
		if (p->title.v == NULL)
			continue;
		if (strcmp(menu, "header") == 0 || strcmp(menu, "both") == 0)
			add_link(&site->navigation, p);
		if (strcmp(menu, "footer") == 0 || strcmp(menu, "both") == 0) {
			if (site->footer == NULL) {
				site->footer = xcalloc(1, sizeof *site->footer);
				site->footer->at = site->at;
			}
			add_link(&site->footer->links, p);
		}
	}
}

/* Reads the page of content/pages/<slug>.md into p, with its checks
 * against the names of the folders of static/. */
static bool read_named(struct loader *ld, const char *slug, char *const *static_dirs, size_t nstatic,
                       struct plain_page *p)
{
	char *rel = xasprintf("content/pages/%s.md", slug);
	bool ok = walk_check_slug(ld, slug, rel);
	ok &= read_page(ld, rel, slug, p);
	ok &= check_name(ld, p, static_dirs, nstatic);
	free(rel);
	return ok;
}

bool pages_read_one(struct loader *ld, const char *slug, struct plain_page *p)
{
	size_t nstatic;
	char **static_dirs = walk_list(ld, "static", true, &nstatic);
	bool ok = read_named(ld, slug, static_dirs, nstatic, p);
	walk_free_names(static_dirs, nstatic);
	if (ld->fonts && (ld->opt->drafts || !p->draft))
		ok &= glyphs_check(&model_page_schema, p, ld->fonts, ld->d);
	return ok;
}

struct hash pages_face(const struct plain_page *p)
{
	struct hasher s;
	hasher_init(&s);
	const struct str *shown[] = {&p->slug, &p->url, &p->title, &p->description, &p->type, &p->menu};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		hasher_add_str(&s, shown[i]->v);
	long numbers[2] = {p->weight, p->draft};
	hasher_add(&s, numbers, sizeof numbers);
	return s.h;
}

struct hash pages_faces(const struct site *site)
{
	struct hasher s;
	hasher_init(&s);
	for (size_t i = 0; i < site->pages.len; i++) {
		struct hash h = pages_face(schema_list_at(&model_page_schema, &site->pages, i));
		hasher_add(&s, &h, sizeof h);
	}
	return s.h;
}

bool pages_read(struct loader *ld)
{
	struct site *site = ld->site;
	size_t n, nstatic;
	char **names = walk_list(ld, "content/pages", false, &n);
	char **static_dirs = walk_list(ld, "static", true, &nstatic);
	bool ok = true;
	site->pages.items = xcalloc(n ? n : 1, sizeof(struct plain_page));
	site->pages.len = n;
	for (size_t i = 0; i < n; i++) {
		char *slug = xstrndup(names[i], strlen(names[i]) - 3);
		ok &= read_named(ld, slug, static_dirs, nstatic, schema_list_at(&model_page_schema, &site->pages, i));
		free(slug);
	}
	walk_free_names(static_dirs, nstatic);
	walk_free_names(names, n);
	walk_order_entries(ld, &site->pages, &model_page_schema, offsetof(struct plain_page, weight),
	                   offsetof(struct plain_page, draft), offsetof(struct plain_page, slug));
	for (size_t i = 0; ld->fonts && i < site->pages.len; i++)
		ok &= glyphs_check(&model_page_schema, schema_list_at(&model_page_schema, &site->pages, i), ld->fonts, ld->d);
	add_to_menus(site);
	return ok;
}
