#include "build/build.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/font.h"
#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "build/fingerprint.h"
#include "build/links.h"
#include "build/source.h"
#include "build/subsets.h"
#include "content/body.h"
#include "content/load.h"
#include "content/model.h"
#include "output/output.h"
#include "output/reuse.h"
#include "web/icons.h"
#include "web/render.h"
#include "web/template.h"

/* The site as loaded with the fonts of fonts_at, into *fonts (NULL when
 * there are none, which is reported); NULL, fonts freed, when loading
 * failed.  The fonts come first: the loader checks pattern bodies against
 * them before it lets them go (struct md). */
static struct site *load(const struct options *opt, const char *const *template_dirs, const char *fonts_at,
                         struct fontset **fonts, struct diag *d)
{
	*fonts = fonts_at ? font_load(fonts_at, d) : NULL;
	struct site *site = load_site(opt, template_dirs, *fonts, d);
	if (site == NULL) {
		font_free(*fonts);
		*fonts = NULL;
	} else if (fonts_at == NULL) {
		char *site_fonts = path_in(opt->source, "static/fonts");
		struct pos at = {site_fonts, 0, 0};
		diag_error(d, at, "no fonts; add them to static/fonts (scripts/make-fonts.sh makes them), give --theme a theme that has them or install Folio with make install");
		free(site_fonts);
	}
	return site;
}

static int compare_copies(const void *a, const void *b)
{
	const struct site_link *x = *(const struct site_link *const *)a, *y = *(const struct site_link *const *)b;
	int c = strcmp(x->path, y->path);
	return c ? c : strcmp(x->copy, y->copy);
}

/* Publishes the files content shows from beside its Markdown (images.h)
 * at their site paths: in path order, each once however many texts show
 * it.  Two files for one path, or a path the build has already written
 * (a page's diagram, its social card), are errors. */
static bool copy_beside(const struct site *site, const struct body_links *found, struct output *o, struct diag *d)
{
	const struct site_link **copies = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < site->nlinks + found->len; i++) {
		const struct site_link *link = i < site->nlinks ? &site->links[i] : &found->items[i - site->nlinks];
		if (link->copy == NULL)
			continue;
		copies = xgrow(copies, &cap, n + 1, sizeof *copies);
		copies[n++] = link;
	}
	if (n > 1)
		qsort(copies, n, sizeof *copies, compare_copies);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const struct site_link *c = copies[i];
		if (i > 0 && strcmp(c->path, copies[i - 1]->path) == 0) {
			if (strcmp(c->copy, copies[i - 1]->copy) != 0) {
				diag_error(d, c->at, "images %s and %s would both be published as %s; rename one", copies[i - 1]->copy,
				           c->copy, c->path);
				ok = false;
			}
			continue;
		}
		if (output_has(o, c->path + 1)) {
			diag_error(d, c->at, "image %s would be published as %s, a file the build makes itself; rename the image",
			           c->copy, c->path);
			ok = false;
			continue;
		}
		ok = output_copy_file(o, c->copy, c->path + 1) && ok;
	}
	free(copies);
	return ok;
}

/* Puts the build in o in place and leaves its record; false after
 * reporting an error (the published folder then stays as it was). */
static bool swap(struct output *o, const struct site *site, struct fingerprint *fp, struct build_stats *stats,
                 struct diag *d)
{
	stats->files = output_count(o);
	stats->new_pages = output_new_pages(o);
	stats->images_reused = reuse_count(fingerprint_reuse(fp));
	struct hash stamp;
	bool stamped = false;
	if (!output_commit_stamped(o, &stamp, &stamped))
		return false;
	fingerprint_remember(fp, site, stamped ? &stamp : NULL, stats, d);
	return true;
}

/* The templates and static files of a build: the source's own, then the
 * theme's (source.h). */
struct inputs {
	struct tpl_set *templates;
	char *owned_templates[2];       /* the templates/ folders */
	const char *template_dirs[3];   /* the same, NULL-terminated: where the
	                                 * strings are looked for, in order */
	char *owned[2];                 /* the static/ folders */
	const char *static_dirs[2];     /* the same, for web/ */
	struct output_tree statics[3];  /* the same, for output/, after the
	                                 * site's subset fonts when it has them */
	size_t nstatic, ntrees;
};

static struct inputs inputs_of(const struct options *opt)
{
	struct inputs in = {.nstatic = 0};
	const char *roots[2] = {opt->source, opt->theme};
	for (size_t i = 0; i < 2 && roots[i]; i++) {
		char *templates = in.owned_templates[i] = path_in(roots[i], "templates");
		in.template_dirs[i] = templates;
		if (in.templates)
			tpl_add_dir(in.templates, templates, templates);
		else
			in.templates = tpl_new(templates, templates);
		char *dir = in.owned[in.nstatic] = path_in(roots[i], "static");
		in.static_dirs[in.nstatic] = dir;
		in.statics[in.nstatic++] = (struct output_tree){dir, dir};
	}
	in.ntrees = in.nstatic;
	return in;
}

/* Puts the folder of the site's subset fonts (subsets.h) before the
 * static folders, so that its fonts/ files win over the theme's. */
static void with_subsets(struct inputs *in, const char *dir)
{
	if (dir == NULL)
		return;
	memmove(in->statics + 1, in->statics, in->ntrees * sizeof in->statics[0]);
	in->statics[0] = (struct output_tree){dir, "(the site's fonts cut to its characters)"};
	in->ntrees++;
}

static void inputs_free(struct inputs *in)
{
	tpl_free(in->templates);
	for (size_t i = 0; i < 2; i++) {
		free(in->owned[i]);
		free(in->owned_templates[i]);
	}
}

/* A whole build: load, render into staging, copy the static files, check
 * the links, swap. */
static bool build_site(const struct options *opt, const char *fonts_at, struct fingerprint *fp,
                       struct build_stats *stats, struct diag *d)
{
	struct inputs in = inputs_of(opt);
	struct fontset *fonts;
	struct site *site = load(opt, in.template_dirs, fonts_at, &fonts, d);
	if (site == NULL) {
		inputs_free(&in);
		return false;
	}
	struct output *o = NULL;
	/* The loader has checked the text against the fonts; a build dropped
	 * while it loaded writes nothing. */
	bool ok = fonts != NULL && !options_cancelled(opt);
	struct subsets cut = {NULL, NULL};
	if (ok && site->own_fonts) {
		ok = subsets_make(site, &cut, d);
		with_subsets(&in, cut.dir);
		fingerprint_fonts_chosen(fp, site->own_fonts);
	}
	if (ok)
		o = output_begin(opt->out, opt->out, d);
	ok = ok && o != NULL;
	if (ok) {
		struct render_tools tools = {.templates = in.templates, .fonts = cut.fonts ? cut.fonts : fonts, .out = o,
		                             .reuse = fingerprint_reuse(fp)};
		struct render_result made = {.pages = 0};
		ok = render_site(site, opt, &tools, &made, d);
		stats->pages = made.pages;
		/* A dropped render lacks files: checking its links would report
		 * errors that are not there.  Nor are the icons drawn for it. */
		if (!options_cancelled(opt)) {
			ok = icons_write(site, in.static_dirs, in.nstatic, o, d) && ok;
			ok = copy_beside(site, &made.found, o, d) && ok;
			ok = output_copy_trees(o, in.statics, in.ntrees) && ok;
			/* The links found in pattern bodies as their pages were
			 * made are checked after the site's; then what the
			 * templates and stylesheets load. */
			ok = ok && links_check(site, &made.found, &made.made, o, d);
			ok = ok && links_check_assets(in.templates, in.statics, in.ntrees, &made.made, o, d);
		}
		body_links_free(&made.found);
		produced_free(&made.made);
	}
	/* The last moment to drop the build: after it, the swap. */
	ok = ok && !options_cancelled(opt);
	if (ok)
		ok = swap(o, site, fp, stats, d);
	else if (options_cancelled(opt))
		stats->set_aside = output_set_aside(o);   /* the caller is waiting */
	else
		output_abort(o);
	inputs_free(&in);
	subsets_free(&cut);
	model_free(site);
	font_free(fonts);
	return ok;
}

bool build_run(const struct options *opt, struct build_stats *stats, struct diag *d)
{
	char *fonts_at = source_fonts(opt);
	struct fingerprint *fp = fingerprint_new(opt, fonts_at);
	bool ok = true;
	if (fingerprint_unchanged(fp, stats, d)) {
		stats->unchanged = true;
	} else {
		ok = build_site(opt, fonts_at, fp, stats, d);
		stats->cancelled = !ok && options_cancelled(opt);
	}
	fingerprint_free(fp);
	free(fonts_at);
	return ok;
}
