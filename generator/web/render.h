/*
 * render: turns the model into the site's HTML pages.
 *
 * One page per template: home.html (the list of resources), resource.html
 * (one per resource), pattern.html (one per pattern) and 404.html.  Each
 * page's template gets the variables site, page and, where they apply,
 * resource and pattern.  Renderers read the model and write only through
 * the output module.
 */
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/font.h"
#include "content/body.h"
#include "content/model.h"
#include "output/output.h"
#include "output/reuse.h"
#include "web/template.h"

struct render_options {
	long long epoch;        /* build time: SOURCE_DATE_EPOCH or now */
	const struct fontset *fonts;
	bool no_pdf;            /* no playbook: its link and size are left empty */
	bool no_images;         /* no PNG diagrams, no social cards */
	int jobs;               /* threads; 0: one per core */
	struct reuse *reuse;    /* files to take from the last build and to note
	                         * for the next (reuse.h); NULL: make everything */
	const atomic_bool *cancel;      /* once true, no task starts and a
	                                 * playbook under way stops; NULL: never */
	bool html_only;         /* no diagram files and no Markdown twins
	                         * (index.html.md): the pages only */
};

/* Renders every page, on opt->jobs threads (a page, a PNG or a playbook is
 * one task; the output is the same bytes whatever the number, and messages
 * come in the order of a one-thread build).  PNGs and playbooks that
 * opt->reuse offers are taken rather than made; every one written is
 * noted there.  Pattern bodies left on disk are checked as their pages
 * are made (body_open); the links to site paths found in them are
 * appended to *found (the caller's), in the order of a one-thread build,
 * for the link check after the build.  Returns
 * false after reporting errors, or (without a word of its own) when
 * *opt->cancel was set: the output is then incomplete.  *pages is set to
 * the number of pages written. */
bool render_site(const struct site *site, struct tpl_set *templates, struct output *o,
                 const struct render_options *opt, size_t *pages, struct body_links *found, struct diag *d);

#endif
