/*
 * links: every link of a build checked before the swap, at its source.
 *
 * Content's links (site.yaml and resource.yaml link fields, Markdown
 * links, relative links resolved against the page that shows the text)
 * must name a file of the build, and their '#id' an id of that page: the
 * ids are those of the pages as written (web/produced.h), so headings,
 * sections, questions and every other id count as the reader sees them.
 * A file that a full build writes and the options left out (--no-pdf...)
 * counts as there.  The files the templates and the stylesheets load must
 * be written too.  Each problem is one error at the Markdown, YAML,
 * template or stylesheet line, with a did-you-mean where one is near.
 */
#ifndef FOLIO_LINKS_H
#define FOLIO_LINKS_H

#include <stdbool.h>

#include "base/diag.h"
#include "content/body.h"
#include "content/model.h"
#include "output/output.h"
#include "web/produced.h"
#include "web/render.h"
#include "web/template.h"

/* Checks the site's links (those site_wanted[i] names, or all when it is
 * NULL), then those found in bodies as their pages were made
 * (found[0..nfound), in that order); a link at one place is reported
 * once.  made is sorted here.  Returns false after reporting. */
bool links_check(const struct site *site, const bool *site_wanted, const struct body_links *const *found, size_t nfound,
                 struct produced *made, const struct output *o, struct diag *d);

/* Calls fn with the site path of every link the site's texts hold: those
 * of the model, then those found in the bodies of units[0..nunits) as
 * their pages were made.  What a page shows or the playbook prints by
 * site path (an image) is among them. */
void links_each_path(const struct site *site, const struct render_unit *units, size_t nunits,
                     void (*fn)(void *ctx, const char *path), void *ctx);

/* Checks that every file the templates load or link by site path, and
 * every url() of the stylesheets copied from the static folders
 * statics[0..n) (the first holding a file gives it), is a file of the
 * build.  Returns false after reporting. */
bool links_check_assets(struct tpl_set *templates, const struct output_tree *statics, size_t n,
                        const struct produced *made, const struct output *o, struct diag *d);

#endif
