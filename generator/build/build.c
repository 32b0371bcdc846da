#include "build/build.h"

#include <stdlib.h>

#include "base/buf.h"
#include "base/font.h"
#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "build/fingerprint.h"
#include "build/source.h"
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
		diag_error(d, at, "no fonts: add them to static/fonts (scripts/make-fonts.sh makes them) or install Folio with make install");
		free(site_fonts);
	}
	return site;
}

/* Every site path that content links to must be a file of the build: the
 * model's links, then those found in bodies as their pages were made. */
static bool check_links(const struct site *site, const struct body_links *found, const struct output *o,
                        struct diag *d)
{
	bool ok = true;
	struct buf file = BUF_INIT;     /* one buffer for the 40,000 links of a large site */
	for (size_t i = 0; i < site->nlinks + found->len; i++) {
		const struct site_link *link = i < site->nlinks ? &site->links[i] : &found->items[i - site->nlinks];
		const char *path = link->path;
		buf_reset(&file);
		buf_puts(&file, path + 1);
		if (text_ends_with(path, "/"))
			buf_puts(&file, "index.html");
		if (!output_has(o, buf_str(&file))) {
			diag_error(d, link->at, "link to '%s', which the build does not produce; fix the path", path);
			ok = false;
		}
	}
	buf_free(&file);
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

/* A whole build: load, render into staging, copy the static files, check
 * the links, swap. */
static bool build_site(const struct options *opt, const char *fonts_at, struct fingerprint *fp,
                       struct build_stats *stats, struct diag *d)
{
	/* Where templates, and the theme's strings beside them, are looked
	 * for, in order. */
	char *templates_dir = path_in(opt->source, "templates");
	const char *const template_dirs[] = {templates_dir, NULL};
	struct fontset *fonts;
	struct site *site = load(opt, template_dirs, fonts_at, &fonts, d);
	if (site == NULL) {
		free(templates_dir);
		return false;
	}
	char *static_dir = path_in(opt->source, "static");
	struct tpl_set *templates = tpl_new(templates_dir, templates_dir);
	struct output *o = NULL;
	/* The loader has checked the text against the fonts; a build dropped
	 * while it loaded writes nothing. */
	bool ok = fonts != NULL && !options_cancelled(opt);
	if (ok)
		o = output_begin(opt->out, opt->out, d);
	ok = ok && o != NULL;
	if (ok) {
		struct render_tools tools = {.templates = templates, .fonts = fonts, .out = o, .reuse = fingerprint_reuse(fp)};
		struct render_result made = {.pages = 0};
		ok = render_site(site, opt, &tools, &made, d);
		stats->pages = made.pages;
		ok = icons_write(site, static_dir, o, d) && ok;
		/* A dropped render lacks files: checking its links would report
		 * errors that are not there. */
		if (!options_cancelled(opt)) {
			ok = output_copy_tree(o, static_dir, static_dir) && ok;
			/* The links found in pattern bodies as their pages were
			 * made are checked after the site's. */
			ok = ok && check_links(site, &made.found, o, d);
		}
		body_links_free(&made.found);
	}
	/* The last moment to drop the build: after it, the swap. */
	ok = ok && !options_cancelled(opt);
	if (ok)
		ok = swap(o, site, fp, stats, d);
	else if (options_cancelled(opt))
		stats->set_aside = output_set_aside(o);   /* the caller is waiting */
	else
		output_abort(o);
	tpl_free(templates);
	model_free(site);
	font_free(fonts);
	free(static_dir);
	free(templates_dir);
	return ok;
}

bool build_run(const struct options *opt, struct build_stats *stats, struct diag *d)
{
	char *fonts_at = source_fonts(opt->source);
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
