/*
 * jsonld: the structured data of a page, as one JSON-LD @graph.
 *
 * Every node has a stable @id and is referenced, not repeated, but for
 * what a reader needs by name where it is used (an article's author,
 * written out with its @id).  It says
 * only what the page shows: FAQ answers are the plain text of the same
 * Markdown the page renders.  The text is laid out as jansson's
 * json_dumps() lays it out with JSON_INDENT(1).  The result is safe inside
 * <script type="application/ld+json">: '<' and '/' are escaped, so no
 * content can end the element.
 */
#ifndef FOLIO_JSONLD_H
#define FOLIO_JSONLD_H

#include <stddef.h>

#include "content/model.h"

struct jsonld_page {
	const char *kind;       /* home, resource, pattern, page (a plain page), 404 */
	const char *url;        /* site path */
	const char *title;
	const char *description;
	const char *image;      /* site path of the social card */
	const char *date;       /* YYYY-MM-DD: the content's date or the build's */
	const struct resource *resource;        /* may be NULL */
	const struct pattern *pattern;          /* may be NULL */
	const struct plain_page *plain;         /* may be NULL */
};

/* The page's graph; caller frees. */
char *jsonld_page(const struct site *site, const struct jsonld_page *page);

#endif
