/*
 * mirror: a clean Markdown copy of each page's content (index.html.md
 * beside index.html, as the llms.txt proposal suggests), so answer engines
 * get the text without the page's chrome.  Written from the model and the
 * Markdown sources, not scraped from the HTML.  An image in a text points
 * at the absolute URL of the file the build published.
 */
#ifndef FOLIO_MIRROR_H
#define FOLIO_MIRROR_H

#include "base/buf.h"
#include "content/model.h"

/* The home page, a resource page (its sections in its order), a pattern
 * page and a plain page, appended to out. */
void mirror_home(struct buf *out, const struct site *site);
void mirror_resource(struct buf *out, const struct site *site, const struct resource *r);
void mirror_pattern(struct buf *out, const struct site *site, const struct resource *r, const struct pattern *p);
void mirror_plain_page(struct buf *out, const struct site *site, const struct plain_page *p);

#endif
