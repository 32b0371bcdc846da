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
	bool cancelled;         /* dropped by opt->cancel before its swap */
	char *set_aside;        /* then the staging folder it left, moved aside
	                         * for the caller to remove (output.h); owned;
	                         * NULL when there is none */
};

/* Runs a build; returns true when the new site is in place.  A build
 * dropped by opt->cancel stops at its next step (a task, a chapter of a
 * playbook) and returns false with stats->cancelled set, having reported
 * nothing: the published folder and the build record stay as they were,
 * and what it wrote is in stats->set_aside, for the caller to remove when
 * it is not in a hurry.  Once the swap has begun, the flag no longer
 * counts. */
bool build_run(const struct options *opt, struct build_stats *stats, struct diag *d);

#endif
