#include "build.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "font.h"
#include "glyphs.h"
#include "load.h"
#include "model.h"
#include "output.h"
#include "render.h"
#include "template.h"
#include "text.h"
#include "xalloc.h"

/* Whether dir holds the project's fonts. */
static bool has_fonts(const char *dir)
{
	char *probe = xasprintf("%s/folio-sans-regular.ttf", dir);
	bool ok = access(probe, R_OK) == 0;
	free(probe);
	return ok;
}

/* Where the fonts are: the site's own static/fonts when it has them, else
 * the ones found from this program's place, which works for a checkout
 * (build/folio: ../static/fonts) and for any install prefix
 * (PREFIX/bin/folio: ../share/folio/fonts), whatever PREFIX it was built
 * with.  NULL when there are none. */
static char *fonts_dir(const char *source_fonts)
{
	if (has_fonts(source_fonts))
		return xstrdup(source_fonts);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	static const char *const beside[] = {"../static/fonts", "../share/folio/fonts"};
	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		char *dir = xasprintf("%s/%s", exe, beside[i]);
		if (has_fonts(dir))
			return dir;
		free(dir);
	}
	return NULL;
}

static char *in_source(const char *source, const char *rel)
{
	if (strcmp(source, ".") == 0)
		return xstrdup(rel);
	return xasprintf("%s%s%s", source, text_ends_with(source, "/") ? "" : "/", rel);
}

/* Every site path that content links to must be a file of the build. */
static bool check_links(const struct site *site, const struct output *o, struct diag *d)
{
	bool ok = true;
	for (size_t i = 0; i < site->nlinks; i++) {
		const char *path = site->links[i].path;
		char *file = text_ends_with(path, "/") ? xasprintf("%sindex.html", path + 1) : xstrdup(path + 1);
		if (!output_has(o, file)) {
			diag_error(d, site->links[i].at, "link to '%s', which the build does not produce; fix the path", path);
			ok = false;
		}
		free(file);
	}
	return ok;
}

bool build_run(const struct build_options *opt, struct build_stats *stats, struct diag *d)
{
	struct load_options lo = {opt->source, opt->drafts, opt->base_url};
	struct site *site = load_site(&lo, d);
	if (site == NULL)
		return false;

	char *templates_dir = in_source(opt->source, "templates");
	char *static_dir = in_source(opt->source, "static");
	char *site_fonts = in_source(opt->source, "static/fonts");
	char *fonts_at = fonts_dir(site_fonts);
	struct fontset *fonts = NULL;
	if (fonts_at)
		fonts = font_load(fonts_at, d);
	else {
		struct pos at = {site_fonts, 0, 0};
		diag_error(d, at, "no fonts: add them to static/fonts (generator/make-fonts.sh makes them) or install Folio with make install");
	}
	struct tpl_set *templates = tpl_new(templates_dir, templates_dir);
	struct output *o = NULL;
	bool ok = fonts != NULL && glyphs_check_site(site, fonts, d);
	if (ok)
		o = output_begin(opt->out, opt->out, d);
	ok = ok && o != NULL;
	if (ok) {
		struct render_options ro = {opt->epoch, fonts, opt->no_pdf, opt->no_images};
		ok = render_site(site, templates, o, &ro, &stats->pages, d);
		ok = output_copy_tree(o, static_dir, static_dir) && ok;
		ok = ok && check_links(site, o, d);
	}
	if (ok) {
		stats->files = output_count(o);
		ok = output_commit(o);
	} else {
		output_abort(o);
	}
	tpl_free(templates);
	font_free(fonts);
	free(fonts_at);
	free(site_fonts);
	free(static_dir);
	free(templates_dir);
	model_free(site);
	return ok;
}
