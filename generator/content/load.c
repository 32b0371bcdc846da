/*
 * load: the content stage's entry: reads site.yaml, then the resources on
 * a few threads, and hands the site over with everything it noted.
 */
#include "content/load.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/path.h"
#include "base/pool.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/body.h"
#include "content/confine.h"
#include "content/glyphs.h"
#include "content/loader.h"
#include "content/pages.h"
#include "content/resource.h"
#include "content/sitefonts.h"
#include "content/siteyaml.h"
#include "content/strings.h"
#include "content/vocabulary.h"
#include "content/walk.h"
#include "content/xref.h"

/* One resource read by a thread of its own, with a loader of its own:
 * messages and what it saw are kept apart and merged after, in folder order, so
 * any number of threads gives the same site and report. */
struct resource_task {
	struct loader ld;
	struct diag d;
	struct loader_seen seen;
	const char *name;
	struct resource *r;
	bool ok;
	bool ran;       /* started (and so finished when the pool returns) */
};

/* Reads the resource in folder name into r, with its checks. */
static bool read_one_resource(struct loader *ld, const char *name, struct resource *r)
{
	char *rel = xasprintf("content/resources/%s", name);
	bool ok = walk_check_slug(ld, name, rel);
	ok &= resource_read(ld, name, r);
	/* A draft left out is not checked, as it is not built. */
	if (ld->fonts && (ld->opt->drafts || !r->draft))
		ok &= glyphs_check(&model_resource_schema, r, ld->fonts, ld->d);
	free(rel);
	return ok;
}

static void read_resource_task(void *ctx, int worker, size_t i)
{
	(void)worker;
	struct resource_task *t = &((struct resource_task *)ctx)[i];
	t->ran = true;
	t->ok = read_one_resource(&t->ld, t->name, t->r);
}

/* How many tasks, from the first, ran: the pool hands them out in
 * order, so those it skipped are the last ones, never started. */
static size_t read_so_far(const struct resource_task *tasks, size_t n)
{
	size_t ran = 0;
	while (ran < n && tasks[ran].ran)
		ran++;
	return ran;
}

static bool read_resources(struct loader *ld)
{
	size_t n;
	char **names = walk_list(ld, "content/resources", true, &n);
	struct list *out = &ld->site->resources;
	out->items = xcalloc(n ? n : 1, sizeof(struct resource));
	out->len = n;
	struct resource_task *tasks = xcalloc(n ? n : 1, sizeof *tasks);
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		struct resource_task *t = &tasks[i];
		t->ld = *ld;
		t->ld.d = &t->d;
		t->ld.seen = &t->seen;
		memset(t->ld.folders, 0, sizeof t->ld.folders);   /* its own: the site's are not copied */
		t->ld.next_folder = 0;
		diag_init(&t->d, NULL);
		t->name = names[i];
		t->r = schema_list_at(&model_resource_schema, out, i);
		order[i] = i;
	}
	int threads = pool_threads(ld->opt->jobs);
	/* A stopped build keeps only the resources read whole: the site is
	 * thrown away (loader_finish), but freed as it is. */
	if (!pool_run_until(n, order, (size_t)threads > n ? (int)(n ? n : 1) : threads, read_resource_task, tasks,
	                    ld->opt->cancel))
		out->len = read_so_far(tasks, n);
	bool ok = true;
	for (size_t i = 0; i < out->len; i++) {
		struct resource_task *t = &tasks[i];
		diag_merge(ld->d, &t->d);
		diag_free(&t->d);
		loader_seen_append(ld->seen, &t->seen);
		confine_forget_folders(&t->ld);
		ok &= t->ok;
	}
	free(order);
	free(tasks);
	walk_free_names(names, n);
	walk_order_entries(ld, out, &model_resource_schema, offsetof(struct resource, weight),
	                   offsetof(struct resource, draft), offsetof(struct resource, slug));
	return ok;
}

/* The bodies left on disk are checked as their pages are made; when
 * loading failed there are no pages, so they are checked here, and the
 * author sees every mistake at once. */
static void check_bodies_on_disk(struct loader *ld)
{
	const struct list *resources = &ld->site->resources;
	struct body_check check = {.fonts = ld->fonts, .links = NULL};
	for (size_t i = 0; i < resources->len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, resources, i);
		for (size_t k = 0; r->patterns && k < r->patterns->items.len; k++) {
			const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, k);
			struct body b;
			body_open(&p->body, &b, &check, ld->d);
			body_close(&b);
		}
	}
}

/* A loader reading into a new site, which takes what it saw at the end. */
static struct loader loader_start(const struct options *opt, const struct fontset *fonts, struct diag *d)
{
	return (struct loader){.opt = opt, .fonts = fonts, .d = d, .site = xcalloc(1, sizeof(struct site)),
	                       .seen = xcalloc(1, sizeof(struct loader_seen))};
}

/* The site read, or NULL (and it is freed) when errors were reported
 * since errors_before. */
static struct site *loader_finish(struct loader *ld, size_t errors_before)
{
	free(ld->content_dir);
	free(ld->content_real);
	confine_forget_folders(ld);
	loader_seen_give(ld->seen, ld->site);
	free(ld->seen);
	if (ld->d->errors > errors_before || options_cancelled(ld->opt)) {
		model_free(ld->site);
		return NULL;
	}
	return ld->site;
}

/* Opens content/ for ld and reads the site's own files: site.yaml, its
 * fonts and the interface's strings.  False when site.yaml could not be
 * read (reported): nothing else is read then. */
static bool read_site_own(struct loader *ld, const char *const *template_dirs, size_t errors_before)
{
	char real[PATH_MAX];
	ld->content_dir = path_in(ld->opt->source, "content");
	if (realpath(ld->content_dir, real) != NULL)
		ld->content_real = xstrdup(real);
	siteyaml_read(ld);
	sitefonts_open(ld);     /* from here the loader checks against the site's fonts */
	strings_read(ld, template_dirs);
	if (ld->fonts)
		glyphs_check(&model_site_schema, ld->site, ld->fonts, ld->d);   /* no resources yet: the site's own text and strings */
	/* cppcheck does not see siteyaml_read() count errors through ld->d. */
	// cppcheck-suppress knownConditionTrueFalse
	return ld->site->title.v != NULL || ld->d->errors == errors_before;
}

/* After the resources: the references between them and the site, and
 * the plain pages; the site read, or NULL. */
static struct site *read_site_rest(struct loader *ld, size_t errors_before)
{
	/* A build stopped while its resources were read has not all of
	 * them: the cross-references would report what is not wrong. */
	if (!options_cancelled(ld->opt)) {
		xref_site_actions(ld);
		pages_read(ld);
	}
	if (ld->d->errors > errors_before && !options_cancelled(ld->opt))
		check_bodies_on_disk(ld);
	return loader_finish(ld, errors_before);
}

struct site *load_site(const struct options *opt, const char *const *template_dirs, const struct fontset *fonts,
                       struct diag *d)
{
	struct loader ld = loader_start(opt, fonts, d);
	size_t errors_before = d->errors;
	if (!read_site_own(&ld, template_dirs, errors_before))
		return loader_finish(&ld, errors_before);
	read_resources(&ld);
	return read_site_rest(&ld, errors_before);
}

struct site *load_site_partly(const struct options *opt, const char *const *template_dirs,
                              const struct fontset *fonts, char *const *slugs, size_t n, const bool *read,
                              struct diag *d)
{
	struct loader ld = loader_start(opt, fonts, d);
	size_t errors_before = d->errors;
	if (!read_site_own(&ld, template_dirs, errors_before))
		return loader_finish(&ld, errors_before);
	struct list *out = &ld.site->resources;
	out->items = xcalloc(n ? n : 1, sizeof(struct resource));
	out->len = n;
	for (size_t i = 0; i < n; i++) {
		struct resource *r = schema_list_at(&model_resource_schema, out, i);
		if (read[i]) {
			read_one_resource(&ld, slugs[i], r);
			continue;
		}
		char *file = xasprintf("%s/resources/%s/resource.yaml", ld.content_dir, slugs[i]);
		resource_start(r, slugs[i], loader_intern_path(&ld, file));
		r->kept = true;
		free(file);
	}
	return read_site_rest(&ld, errors_before);
}

/* ---- one resource again ----------------------------------------------- */

/* Whether the file at path belongs to the resource folder dir ("content/
 * resources/x"), as the loader names its files. */
/* Whether path is dir or below it. */
static bool in_folder(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Puts what a loader saw of one resource (fresh) where the site's notes
 * of that resource's folder dir were, in the same place, so that the
 * site's lists keep the order of a whole load.  In place: the lists are
 * the whole site's, and an edit changes one resource's few entries.  The
 * old notes' paths stay interned: an old message may still point at
 * them. */
static void splice_seen(struct site *site, struct loader_seen *fresh, const char *dir)
{
	size_t first = site->nread, kept = 0;
	for (size_t i = 0; i < site->nread; i++) {
		if (in_folder(site->read[i].path, dir)) {
			if (first == site->nread)
				first = kept;
			continue;
		}
		site->read[kept++] = site->read[i];
	}
	if (first > kept)
		first = kept;
	site->read = xgrow(site->read, &site->cap_read, kept + fresh->nread, sizeof *site->read);
	if (kept > first)
		memmove(site->read + first + fresh->nread, site->read + first, (kept - first) * sizeof *site->read);
	if (fresh->nread)
		memcpy(site->read + first, fresh->read, fresh->nread * sizeof *site->read);
	site->nread = kept + fresh->nread;

	size_t at = site->nlinks, nkept = 0;
	for (size_t i = 0; i < site->nlinks; i++) {
		struct site_link *l = &site->links[i];
		if (l->at.file && in_folder(l->at.file, dir)) {
			if (at == site->nlinks)
				at = nkept;
			free(l->path);
			free(l->copy);
			free(l->fragment);
			free(l->written);
			continue;
		}
		site->links[nkept++] = *l;
	}
	if (at > nkept)
		at = nkept;
	site->links = xgrow(site->links, &site->cap_links, nkept + fresh->links.len, sizeof *site->links);
	if (nkept > at)
		memmove(site->links + at + fresh->links.len, site->links + at, (nkept - at) * sizeof *site->links);
	if (fresh->links.len)
		memcpy(site->links + at, fresh->links.items, fresh->links.len * sizeof *site->links);
	site->nlinks = nkept + fresh->links.len;
	free(fresh->links.items);

	site->paths = xgrow(site->paths, &site->cap_paths, site->npaths + fresh->npaths, sizeof *site->paths);
	for (size_t i = 0; i < fresh->npaths; i++)
		site->paths[site->npaths++] = fresh->paths[i];
	free(fresh->paths);
	free(fresh->read);
	*fresh = (struct loader_seen){.paths = NULL};
}

/* A loader for reading one part of a loaded site again (freed with
 * again_end()); what it sees goes to seen. */
static void again_begin(struct loader *ld, struct loader_seen *seen, struct site *site, const struct options *opt,
                        const struct fontset *fonts, struct diag *d)
{
	*seen = (struct loader_seen){.paths = NULL};
	*ld = (struct loader){.opt = opt, .fonts = fonts, .d = d, .site = site, .seen = seen};
	char real[PATH_MAX];
	ld->content_dir = path_in(opt->source, "content");
	if (realpath(ld->content_dir, real) != NULL)
		ld->content_real = xstrdup(real);
}

static void again_end(struct loader *ld)
{
	confine_forget_folders(ld);
	free(ld->content_dir);
	free(ld->content_real);
}

/* Puts fresh, an entry of schema (size bytes) that ld has just read, in
 * place of old, when the reading reported no error since errors_before,
 * was not dropped, and the site's references to it still hold; then what
 * ld saw of its file or folder (rel, below the source) takes the place of
 * the site's notes of it.  Else fresh is freed and old stays.  Returns
 * whether fresh is in place. */
static bool put_again(struct loader *ld, const struct schema *schema, void *old, void *fresh, size_t size,
                      size_t errors_before, const char *rel)
{
	bool ok = ld->d->errors == errors_before && !options_cancelled(ld->opt);
	void *previous = xmalloc(size);
	if (ok) {
		memcpy(previous, old, size);
		memcpy(old, fresh, size);
		ok = xref_site_actions(ld);
		if (ok) {
			schema_free_fields(schema, previous);
			char *at = path_in(ld->opt->source, rel);
			splice_seen(ld->site, ld->seen, at);
			free(at);
		} else {
			memcpy(fresh, old, size);
			memcpy(old, previous, size);
		}
	}
	if (!ok) {
		schema_free_fields(schema, fresh);
		loader_seen_free(ld->seen);
	}
	free(previous);
	return ok;
}

bool load_resource_again(struct site *site, const struct options *opt, const struct fontset *fonts, size_t index,
                         bool *moved, struct diag *d)
{
	struct resource *old = schema_list_at(&model_resource_schema, &site->resources, index);
	struct loader ld;
	struct loader_seen seen;
	again_begin(&ld, &seen, site, opt, fonts, d);
	size_t errors_before = d->errors;
	char *name = xstrdup(old->slug.v);
	char *rel = xasprintf("content/resources/%s", name);
	struct resource fresh = {.at = {NULL, 0, 0}};
	walk_check_slug(&ld, name, rel);
	resource_read(&ld, name, &fresh);
	if (fonts && (opt->drafts || !fresh.draft))
		glyphs_check(&model_resource_schema, &fresh, fonts, d);
	*moved = fresh.weight != old->weight || fresh.draft != old->draft;
	bool ok = put_again(&ld, &model_resource_schema, old, &fresh, sizeof fresh, errors_before, rel);
	again_end(&ld);
	free(rel);
	free(name);
	return ok;
}

bool load_page_again(struct site *site, const struct options *opt, const struct fontset *fonts, size_t index,
                     bool *shown, struct diag *d)
{
	struct plain_page *old = schema_list_at(&model_page_schema, &site->pages, index);
	struct loader ld;
	struct loader_seen seen;
	again_begin(&ld, &seen, site, opt, fonts, d);
	size_t errors_before = d->errors;
	struct plain_page fresh = {.at = {NULL, 0, 0}};
	pages_read_one(&ld, old->slug.v, &fresh);
	*shown = !hash_same(pages_face(old), pages_face(&fresh));
	char *rel = xasprintf("content/pages/%s.md", old->slug.v);
	bool ok = put_again(&ld, &model_page_schema, old, &fresh, sizeof fresh, errors_before, rel);
	again_end(&ld);
	free(rel);
	return ok;
}

/* ---- one document from memory ---------------------------------------- */

/* Where load_text() pretends its source folder is: a relative name no
 * checkout has, so the checks that look for other files find none. */
#define MEMORY_SOURCE "(memory)"

static bool read_text_as(struct loader *ld, enum load_kind kind, char *text, const char *shown)
{
	struct site *site = ld->site;
	if (kind == LOAD_SITE_YAML)
		return siteyaml_read_text(ld, text, shown);
	site->resources.items = xcalloc(1, sizeof(struct resource));
	site->resources.len = 1;
	struct resource *r = site->resources.items;
	if (kind == LOAD_RESOURCE_YAML) {
		resource_start(r, "r", shown);
		return resource_read_text(ld, text, shown, r);
	}
	resource_start(r, "r", loader_intern_path(ld, MEMORY_SOURCE "/content/resources/r/resource.yaml"));
	vocabulary_complete(ld, r);     /* the defaults: no flow kinds */
	r->patterns = xcalloc(1, sizeof *r->patterns);
	r->faq = xcalloc(1, sizeof *r->faq);
	bool pattern = kind == LOAD_PATTERN_MD;
	const struct schema *s = pattern ? &model_pattern_schema : &model_faq_schema;
	struct list *entries = pattern ? &r->patterns->items : &r->faq->items;
	entries->items = xcalloc(1, s->size);
	entries->len = 1;
	void *obj = entries->items;
	struct pos file_at = {shown, 1, 1};
	memcpy((char *)obj + s->pos_offset, &file_at, sizeof file_at);
	ld->seen->links.base = r->url.v;
	if (!pattern) {
		struct md *answer = &((struct faq *)obj)->answer;
		return resource_read_page(ld, text, shown, s, obj, answer, false, 0, NULL);
	}
	struct pattern *p = obj;
	char *url = xasprintf("%spatterns/p/", r->url.v);
	ld->seen->links.base = url;
	bool ok = resource_read_page(ld, text, shown, s, p, &p->body, false, 0, &p->unread);
	loader_set_derived(&p->slug, xstrdup("p"), p->at);
	loader_set_derived(&p->url, url, p->at);
	return xref_pattern(ld, r->vocabulary, p) && ok;
}

struct site *load_text(enum load_kind kind, const char *text, size_t len, struct diag *d)
{
	static const char *const names[] = {
		MEMORY_SOURCE "/content/site.yaml", MEMORY_SOURCE "/content/resources/r/resource.yaml",
		MEMORY_SOURCE "/content/resources/r/patterns/p.md", MEMORY_SOURCE "/content/resources/r/faq/q.md"};
	struct options opt = {.source = MEMORY_SOURCE};
	struct loader ld = loader_start(&opt, NULL, d);
	size_t errors_before = d->errors;
	const char *shown = loader_intern_path(&ld, names[kind]);
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (len > LOAD_MAX_FILE_SIZE) {
		struct pos at = {shown, 1, 1};
		diag_error(d, at, "file is larger than %u MiB; split it into smaller files", LOAD_MAX_FILE_SIZE >> 20);
	} else if (textfile_clean(copy, &len, shown, d)) {
		read_text_as(&ld, kind, copy, shown);
	}
	free(copy);
	return loader_finish(&ld, errors_before);
}
