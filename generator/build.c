#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "model.h"
#include "output.h"
#include "render.h"
#include "template.h"
#include "text.h"
#include "xalloc.h"

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
	struct tpl_set *templates = tpl_new(templates_dir, templates_dir);
	struct output *o = output_begin(opt->out, opt->out, d);
	bool ok = o != NULL;
	if (ok) {
		struct render_options ro = {opt->epoch};
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
	free(static_dir);
	free(templates_dir);
	model_free(site);
	return ok;
}
