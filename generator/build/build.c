#include "build/build.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/font.h"
#include "base/path.h"
#include "base/pool.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "build/fingerprint.h"
#include "build/links.h"
#include "build/session.h"
#include "build/source.h"
#include "build/subsets.h"
#include "build/units.h"
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

static void add_copies(const struct site_link *links, size_t nlinks, const struct site_link ***copies, size_t *n,
                       size_t *cap)
{
	for (size_t i = 0; i < nlinks; i++) {
		if (links[i].copy == NULL)
			continue;
		*copies = xgrow(*copies, cap, *n + 1, sizeof **copies);
		(*copies)[(*n)++] = &links[i];
	}
}

bool build_copy_beside(const struct site *site, const struct render_unit *units, size_t nunits, struct output *o,
                       struct diag *d)
{
	const struct site_link **copies = NULL;
	size_t n = 0, cap = 0;
	add_copies(site->links, site->nlinks, &copies, &n, &cap);
	for (size_t u = 0; u < nunits; u++)
		add_copies(units[u].found.items, units[u].found.len, &copies, &n, &cap);
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
		if (output_made(o, c->path + 1)) {
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
                 struct diag *d, const struct build_made *made)
{
	stats->files = output_count(o);
	stats->new_pages = output_new_pages(o);
	stats->images_reused = reuse_count(fingerprint_reuse(fp));
	struct hash stamp;
	bool stamped = false;
	if (!output_commit_stamped(o, &stamp, &stamped))
		return false;
	fingerprint_remember(fp, site, stamped ? &stamp : NULL, stats, d, made);
	return true;
}

struct tpl_set *build_templates(const struct build_inputs *in)
{
	struct tpl_set *set = tpl_new(in->template_dirs[0], in->template_dirs[0]);
	for (size_t i = 1; in->template_dirs[i]; i++)
		tpl_add_dir(set, in->template_dirs[i], in->template_dirs[i]);
	return set;
}

static struct build_inputs inputs_of(const struct options *opt)
{
	struct build_inputs in = {.nstatic = 0};
	const char *roots[2] = {opt->source, opt->theme};
	for (size_t i = 0; i < 2 && roots[i]; i++) {
		char *templates = in.owned_templates[i] = path_in(roots[i], "templates");
		in.template_dirs[i] = templates;
		char *dir = in.owned[in.nstatic] = path_in(roots[i], "static");
		in.static_dirs[in.nstatic] = dir;
		in.statics[in.nstatic++] = (struct output_tree){dir, dir};
	}
	in.ntrees = in.nstatic;
	in.templates = build_templates(&in);
	return in;
}

/* Puts the folder of the site's subset fonts (subsets.h) before the
 * static folders, so that its fonts/ files win over the theme's. */
static void with_subsets(struct build_inputs *in, const char *dir)
{
	if (dir == NULL)
		return;
	memmove(in->statics + 1, in->statics, in->ntrees * sizeof in->statics[0]);
	in->statics[0] = (struct output_tree){dir, "(the site's fonts cut to its characters)"};
	in->ntrees++;
}

static void inputs_free(struct build_inputs *in)
{
	tpl_free(in->templates);
	for (size_t i = 0; i < 2; i++) {
		free(in->owned[i]);
		free(in->owned_templates[i]);
	}
}

bool build_check_links(const struct site *site, const struct build_inputs *in, const struct build_links *which,
                       const struct render_unit *units, size_t nunits, const struct output *o, struct diag *d)
{
	const struct body_links **found = xcalloc(nunits ? nunits : 1, sizeof *found);
	const struct produced **made = xcalloc(nunits ? nunits : 1, sizeof *made);
	size_t nfound = 0;
	for (size_t u = 0; u < nunits; u++) {
		if (which == NULL || which->units[u])
			found[nfound++] = &units[u].found;
		made[u] = &units[u].made;
	}
	struct produced all;
	produced_view(&all, made, nunits);
	bool ok = links_check(site, which ? which->site : NULL, found, nfound, &all, o, d);
	bool assets = which == NULL || which->assets;
	if (assets)
		ok = ok && links_check_assets(in->templates, in->statics, in->ntrees, &all, o, d);
	produced_free(&all);
	free(made);
	free(found);
	return ok;
}

void build_parts_free(struct build_parts *p)
{
	inputs_free(&p->in);
	subsets_free(&p->cut);
	model_free(p->site);
	font_free(p->fonts);
	render_result_free(&p->made);
	render_worker_fonts_free(p->worker_fonts, p->nworker_fonts);
	*p = (struct build_parts){.site = NULL};
}

/* session_update_over(), whose messages are held back and given to d
 * unless it drops the update for a whole build, which reports the same
 * again: a warning is then printed, and counted as the render's, once. */
static enum session_result update_held(const struct options *opt, struct build_parts *p, struct fingerprint *fp,
                                       struct units_record *last, bool partly, struct build_stats *stats,
                                       struct diag *d)
{
	struct diag held;
	diag_init(&held, NULL);
	enum session_result r = session_update_over(opt, p, fp, last, partly, stats, &held);
	if (r != SESSION_WHOLE)
		diag_merge(d, &held);
	diag_free(&held);
	return r;
}

/* Reads last's units (its head read), whole for the resources edited
 * flags, which are to be made again; without the links and files of the
 * others, which the update copies as they are.  False when they cannot
 * be read or do not allow the update (session_units_allow). */
static bool read_units_of(struct units_record *last, const bool *edited)
{
	size_t n = last->nresources + 2;
	bool *whole = xcalloc(n, sizeof *whole);
	for (size_t i = 0; i < last->nresources; i++)
		whole[i + 1] = edited[i];
	bool ok = units_read_units(last, whole, n) && session_units_allow(last, edited);
	free(whole);
	return ok;
}

/* folio build after edits inside resource folders alone
 * (session_edited_folders): only those resources are loaded
 * (load_site_partly) and their units made again, when the last build
 * printed nothing, the site's own pages show of them what they showed and
 * no link elsewhere can have lost its target.  last holds the units
 * file's head (fingerprint_last_units_head).  SESSION_WHOLE when that
 * does not hold: then nothing was reported and nothing written, and the
 * whole site is loaded; *head_only then says whether last still holds the
 * head alone (no unit read), for the update after that load. */
static enum session_result update_partly(const struct options *opt, const char *fonts_at, struct fingerprint *fp,
                                         struct units_record *last, bool *head_only, struct build_stats *stats,
                                         struct diag *d)
{
	*head_only = true;
	if (fonts_at == NULL || !fingerprint_last_quiet(fp))
		return SESSION_WHOLE;
	bool *read = session_edited_folders(last, fp);
	if (read == NULL)
		return SESSION_WHOLE;
	*head_only = false;
	enum session_result r = SESSION_WHOLE;
	if (read_units_of(last, read)) {
		/* The loader's messages too. */
		struct diag held;
		diag_init(&held, NULL);
		struct build_parts p = {.in = inputs_of(opt)};
		p.fonts = font_load(fonts_at, &held);
		if (p.fonts)
			p.site = load_site_partly(opt, p.in.template_dirs, p.fonts, last->slugs, last->nresources, read, &held);
		if (p.site && !options_cancelled(opt))
			r = session_update_over(opt, &p, fp, last, true, stats, &held);
		else if (held.errors)
			r = SESSION_FAILED;
		if (r != SESSION_WHOLE)
			diag_merge(d, &held);
		diag_free(&held);
		build_parts_free(&p);
	}
	free(read);
	return r;
}

/* A build: load, then update the last build in place when the record
 * allows it (session_update_over), else build whole: render into staging,
 * copy the static files, check the links, swap.  With keep, a whole build
 * put in place leaves there what it was made of and what it made (the
 * caller frees it: build_parts_free). */
static bool build_site(const struct options *opt, const char *fonts_at, struct fingerprint *fp,
                       struct build_stats *stats, struct diag *d, struct build_parts *keep)
{
	/* The units file's head, read once: for an update of the resources
	 * edited alone, else for an update after the whole site is loaded. */
	struct units_record last;
	bool head = keep == NULL && fingerprint_last_units_head(fp, &last);
	if (head) {
		bool head_only;
		enum session_result r = update_partly(opt, fonts_at, fp, &last, &head_only, stats, d);
		if (r != SESSION_WHOLE || !head_only) {
			units_free(&last);
			head = false;
		}
		if (r != SESSION_WHOLE)
			return r == SESSION_UPDATED;
	}
	struct build_parts p = {.in = inputs_of(opt)};
	p.site = load(opt, p.in.template_dirs, fonts_at, &p.fonts, d);
	bool may_update = keep == NULL && p.site != NULL && p.fonts != NULL && !options_cancelled(opt);
	if (head && !may_update)
		units_free(&last);
	if (p.site == NULL) {
		build_parts_free(&p);
		return false;
	}
	size_t loaded = d->nlines;
	if (may_update && (head ? units_read_units(&last, NULL, 0) : fingerprint_last_units(fp, &last))) {
		enum session_result r = update_held(opt, &p, fp, &last, false, stats, d);
		if (r != SESSION_WHOLE) {
			build_parts_free(&p);
			units_free(&last);
			return r == SESSION_UPDATED;
		}
		units_free(&last);
	}
	struct output *o = NULL;
	/* The loader has checked the text against the fonts; a build dropped
	 * while it loaded writes nothing. */
	bool ok = p.fonts != NULL && !options_cancelled(opt);
	if (ok && p.site->own_fonts) {
		ok = subsets_make(p.site, &p.cut, d);
		with_subsets(&p.in, p.cut.dir);
		fingerprint_fonts_chosen(fp, p.site->own_fonts);
	}
	if (ok) {
		fingerprint_output_wait(fp);
		o = output_begin(opt->out, opt->out, d);
	}
	ok = ok && o != NULL;
	if (ok) {
		struct render_tools tools = {.templates = p.in.templates, .fonts = build_fonts(&p), .out = o,
		                             .reuse = fingerprint_reuse(fp)};
		if (keep) {     /* else the render makes its own and frees them */
			p.nworker_fonts = render_worker_fonts(tools.fonts, pool_threads(opt->jobs), &p.worker_fonts);
			tools.worker_fonts = (const struct fontset *const *)p.worker_fonts;
			tools.nworker_fonts = p.nworker_fonts;
		}
		ok = render_site(p.site, opt, &tools, &p.made, d);
		stats->pages = p.made.pages;
		/* A dropped render lacks files: checking its links would report
		 * errors that are not there.  Nor are the icons drawn for it. */
		if (!options_cancelled(opt)) {
			ok = icons_write(p.site, p.in.static_dirs, p.in.nstatic, o, d) && ok;
			ok = build_copy_beside(p.site, p.made.units, p.made.nunits, o, d) && ok;
			ok = output_copy_trees(o, p.in.statics, p.in.ntrees) && ok;
			/* The links found in pattern bodies as their pages were
			 * made are checked after the site's; then what the
			 * templates and stylesheets load. */
			ok = ok && build_check_links(p.site, &p.in, NULL, p.made.units, p.made.nunits, o, d);
		}
	}
	/* The last moment to drop the build: after it, the swap. */
	ok = ok && !options_cancelled(opt);
	struct build_made made = {.units = p.made.units, .nunits = p.made.nunits, .render_warnings = d->nlines - loaded,
	                          .templates = p.in.templates, .bodies = &p.made.bodies};
	if (ok)
		ok = swap(o, p.site, fp, stats, d, &made);
	else if (options_cancelled(opt))
		stats->set_aside = output_set_aside(o);   /* the caller is waiting */
	else
		output_abort(o);
	buf_free(&p.made.bodies);       /* written with the record: a kept build needs them no more */
	if (ok && keep)
		*keep = p;
	else
		build_parts_free(&p);
	return ok;
}

const struct fontset *build_fonts(const struct build_parts *p)
{
	return p->cut.fonts ? p->cut.fonts : p->fonts;
}

static bool run(const struct options *opt, struct build_stats *stats, struct diag *d, struct build_parts *keep)
{
	char *fonts_at = source_fonts(opt);
	struct fingerprint *fp = fingerprint_new(opt, fonts_at);
	bool ok = true;
	if (keep == NULL && fingerprint_unchanged(fp, stats, d)) {
		stats->unchanged = true;
	} else {
		if (keep == NULL)       /* before any input is read */
			fingerprint_take_parts(fp);
		ok = build_site(opt, fonts_at, fp, stats, d, keep);
		stats->cancelled = !ok && options_cancelled(opt);
	}
	fingerprint_free(fp);
	free(fonts_at);
	return ok;
}

bool build_run_kept(const struct options *opt, struct build_stats *stats, struct diag *d, struct build_parts *keep)
{
	return run(opt, stats, d, keep);
}

bool build_run(const struct options *opt, struct build_stats *stats, struct diag *d)
{
	return run(opt, stats, d, NULL);
}
