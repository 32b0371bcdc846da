/*
 * build: one whole build, from content/ to the published folder.
 *
 * load -> render -> write into staging -> check links -> swap into place.
 * Any error leaves the published folder exactly as it was.  A build whose
 * inputs and output are as the last build left them does nothing (see
 * fingerprint.h); any other build renders everything but the PNGs that
 * the last build drew from the same layout with the same tools (reuse.h),
 * and the output module links files whose bytes did not change from the
 * previous output.
 */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/options.h"

struct build_stats {
	size_t pages;
	size_t files;
	bool unchanged;         /* the output was up to date: nothing written */
	size_t new_pages;       /* HTML files whose bytes differ from the last build's */
	size_t images_reused;   /* PNGs taken from the last build */
	size_t bodies_kept;     /* pattern pages made from the markup the last
	                         * build wrote of their bodies */
	bool cancelled;         /* dropped by opt->cancel before its swap */
	char *set_aside;        /* then the staging folder it left, moved aside
	                         * for the caller to remove (output.h); owned;
	                         * NULL when there is none */
	bool update;            /* an update (session.h), not a whole build */
	size_t updated;         /* resources an update made again; 0 for a
	                         * whole build */
	size_t statics;         /* static files an update copied over */
	bool partly;            /* an update that read only the resources it
	                         * made again (load_site_partly) */
};

/* Runs a build; returns true when the new site is in place.  A build
 * dropped by opt->cancel stops at its next step (a task, a chapter of a
 * playbook) and returns false with stats->cancelled set, having reported
 * nothing: the published folder and the build record stay as they were,
 * and what it wrote is in stats->set_aside, for the caller to remove when
 * it is not in a hurry.  Once the swap has begun, the flag no longer
 * counts. */
bool build_run(const struct options *opt, struct build_stats *stats, struct diag *d);

/* ---- for the preview's session (session.h) ------------------------------ */

#include "build/subsets.h"
#include "output/output.h"
#include "web/render.h"
#include "web/template.h"

/* The templates and static files of a build: the source's own, then the
 * theme's (source.h). */
struct build_inputs {
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

/* A new set of templates, read from in's folders. */
struct tpl_set *build_templates(const struct build_inputs *in);

/* What a build was made of and what it made, kept for a later update. */
struct build_parts {
	struct build_inputs in;
	struct fontset *fonts;          /* as loaded */
	struct subsets cut;             /* the site's own fonts cut to its text */
	struct site *site;
	struct render_result made;      /* every unit (render.h) */
	struct fontset **worker_fonts;  /* the render's copies of the fonts, one
	                                 * for each thread after the first: kept,
	                                 * since making them costs more than the
	                                 * pages of an edit */
	int nworker_fonts;
};

/* build_run(), never skipped, which on success leaves in *keep what it
 * was made of and made (freed by build_parts_free). */
bool build_run_kept(const struct options *opt, struct build_stats *stats, struct diag *d, struct build_parts *keep);

void build_parts_free(struct build_parts *p);

/* The fonts pages are drawn with: the site's cut ones, else the loaded. */
const struct fontset *build_fonts(const struct build_parts *p);

/* Publishes the files content shows from beside its Markdown (images.h),
 * of the site's texts and of the bodies of units[0..nunits), at their
 * site paths: in path order, each once however many texts show it.  Two
 * files for one path, or a path the build has written itself (a page's
 * diagram, its social card), are errors. */
bool build_copy_beside(const struct site *site, const struct render_unit *units, size_t nunits, struct output *o,
                       struct diag *d);

/* The links an update checks: those of the site's files that site[i]
 * names (site->links[i]), and of the bodies of the units units[u] names. */
struct build_links {
	const bool *site;
	const bool *units;
	bool assets;            /* also what the templates load: they changed */
};

/* Checks links against the pages of units[0..nunits) and the files
 * written: which names them, or with which NULL every one, and then also
 * (which NULL, or which->assets) what the templates and stylesheets
 * load.  False after reporting. */
bool build_check_links(const struct site *site, const struct build_inputs *in, const struct build_links *which,
                       const struct render_unit *units, size_t nunits, const struct output *o, struct diag *d);

#endif
