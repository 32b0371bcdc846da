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
#include "base/options.h"
#include "content/body.h"
#include "content/model.h"
#include "output/output.h"
#include "output/reuse.h"
#include "web/produced.h"
#include "web/template.h"

/* What the pages are made with and written to. */
struct render_tools {
	struct tpl_set *templates;      /* checked here, then only read */
	const struct fontset *fonts;
	struct output *out;
	struct reuse *reuse;            /* files to take from the last build and to
	                                 * note for the next (reuse.h); NULL: make
	                                 * everything */
};

/* What a render hands back. */
struct render_result {
	size_t pages;                   /* pages written */
	struct body_links found;        /* links to site paths found in pattern
	                                 * bodies; the caller frees them
	                                 * (body_links_free) */
	struct produced made;           /* every page's ids, and the files a full
	                                 * build writes that this one left out;
	                                 * the caller frees them (produced_free) */
};

/* Renders every page into tools->out, on opt->jobs threads (a page, a PNG
 * or a playbook is one task; the output is the same bytes whatever the
 * number, and messages come in the order of a one-thread build).  PNGs
 * and playbooks that tools->reuse offers are taken rather than made; every
 * one written is noted there.  Pattern bodies left on disk are checked as
 * their pages are made (body_open); the links to site paths found in them
 * go to result->found, in the order of a one-thread build, for the link
 * check after the build, and the ids of every page to result->made.  Returns false after reporting errors, or
 * (without a word of its own) when *opt->cancel was set: the output is
 * then incomplete.  result is filled either way. */
bool render_site(const struct site *site, const struct options *opt, const struct render_tools *tools,
                 struct render_result *result, struct diag *d);

#endif
