/*
 * options: what the person running folio asked of a build.
 *
 * One struct, filled once (by the command line or the preview server)
 * and read by every stage through a const pointer; no stage copies it
 * into one of its own.  Fill it with designated initialisers: a field
 * left out is false, 0 or NULL, which is always the plain default.
 */
#ifndef FOLIO_OPTIONS_H
#define FOLIO_OPTIONS_H

#include <stdatomic.h>
#include <stdbool.h>

struct progress;

struct options {
	const char *source;     /* folder with content/, templates/, static/ */
	const char *theme;      /* the theme: templates/ and static/ that the
	                         * source's own override file by file; NULL:
	                         * none (the source must then have them all) */
	const char *out;        /* published folder */
	const char *base_url;   /* overrides site.yaml's base_url when set */
	bool drafts;            /* keep entries marked draft: true */
	long long epoch;        /* build time: SOURCE_DATE_EPOCH or the clock */
	bool no_pdf;            /* leave out the playbooks */
	bool no_images;         /* leave out PNG diagrams and social cards */
	bool html_only;         /* only the pages and what they load: no PDFs,
	                         * PNGs, diagram files or Markdown twins */
	int jobs;               /* threads; 0: one per core */
	bool reuse_playbooks;   /* take the playbooks as the last build left
	                         * them, page counts included (the preview's
	                         * first phase); such a build is never taken
	                         * for a complete one */
	const atomic_bool *cancel;      /* set from another thread to drop the
	                                 * build at its next step (the preview
	                                 * does when a newer edit comes); NULL:
	                                 * never */
	struct progress *progress;      /* counts what the build makes, for the
	                                 * line on a terminal (progress.h);
	                                 * NULL: nothing shown */
};

/* Whether the build makes its playbooks: not with --no-pdf or --html-only. */
static inline bool options_pdf(const struct options *opt)
{
	return !opt->no_pdf && !opt->html_only;
}

/* Whether it draws PNGs: not with --no-images or --html-only. */
static inline bool options_images(const struct options *opt)
{
	return !opt->no_images && !opt->html_only;
}

/* Whether the build was asked to stop (opt->cancel). */
static inline bool options_cancelled(const struct options *opt)
{
	return opt->cancel && atomic_load(opt->cancel);
}

#endif
