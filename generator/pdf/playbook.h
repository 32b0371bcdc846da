/*
 * playbook: a resource's downloadable PDF.
 *
 * Cover; contents with page numbers and links; then chapters from the
 * model: an introduction (why it matters, who it is for, the steps), one
 * chapter per pattern (diagram as vectors, systems, flows, narrative,
 * pitfalls, mapping table), the decision matrix, the support
 * matrix with its sources, the scope and cost worksheet, the questions,
 * and how the publisher helps.  Bookmarks follow the chapters, page labels
 * are roman for the front matter, every body page has a running header
 * and "page x of y".
 */
#ifndef FOLIO_PLAYBOOK_H
#define FOLIO_PLAYBOOK_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/options.h"
#include "content/model.h"

/* What a playbook prints of the site beside its resource: every field of
 * site.yaml but those only the web pages show (the title, tagline and
 * description, the navigation and the footer) and the resources and
 * plain pages, which a build compares apart.  A site.yaml edit that leaves
 * it as it was, and every resource as it was, leaves every playbook as it
 * was (build/units.h). */
struct hash playbook_site_face(const struct site *site);

/* Typesets r's playbook and appends the PDF to out; *pages is its page
 * count.  Returns false after reporting an error, or without a word when
 * *opt->cancel was set (out is then as it was).  Its dates come from
 * opt->epoch when the resource gives no edition date. */
bool playbook_build(const struct site *site, const struct resource *r, const struct fontset *fs,
                    const struct options *opt, struct buf *out, size_t *pages, struct diag *d);

#endif
