/*
 * pages: the plain pages of a site (about, contact, privacy...).
 *
 * Each is a Markdown file of content/pages/, named by its slug, with front
 * matter (title, description, type, weight, draft, menu), built at
 * /<slug>/.  They are read after site.yaml, put in weight then slug
 * order, and each is added to the header's navigation, the footer's
 * links, both or neither, after the links site.yaml lists there.
 */
#ifndef FOLIO_PAGES_H
#define FOLIO_PAGES_H

#include <stdbool.h>

#include "base/hash.h"
#include "content/loader.h"

/* Reads content/pages/ (no folder: no pages) into ld->site->pages, checks
 * each page's name against the site's own paths and its text against the
 * fonts, and adds the pages to the menus they ask for.  Every mistake is
 * reported; returns false when there was one. */
bool pages_read(struct loader *ld);

/* What the other pages show of page p, as a fingerprint: its place in
 * the menus (title, address, menu, weight, whether a draft), and its
 * description and kind, which a listing may give; not its body, which
 * only its own page shows. */
struct hash pages_face(const struct plain_page *p);

/* The same of every page of the site, in order. */
struct hash pages_faces(const struct site *site);

/* Reads one page again, content/pages/<slug>.md, into p (empty), with the
 * checks pages_read() makes of it; the menus are not touched.  Returns
 * false after reporting a mistake. */
bool pages_read_one(struct loader *ld, const char *slug, struct plain_page *p);

#endif
