/*
 * feeds: the files that tell machines what the site holds.
 *
 * sitemap.xml (written with libxml2's writer, in the sitemaps.org
 * namespace), robots.txt pointing at it, and llms.txt in the llmstxt.org
 * format: the site's name, a summary, and sections listing the resource
 * pages, the pattern pages and the playbooks with a note each.
 */
#ifndef FOLIO_FEEDS_H
#define FOLIO_FEEDS_H

#include <stdbool.h>

#include "base/diag.h"
#include "content/model.h"
#include "output/output.h"

/* Writes the three files; date (YYYY-MM-DD) is the lastmod of pages whose
 * content has no date of its own.  Returns false after reporting. */
bool feeds_write(const struct site *site, struct output *o, const char *date, struct diag *d);

#endif
