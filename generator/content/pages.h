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

#include "content/loader.h"

/* Reads content/pages/ (no folder: no pages) into ld->site->pages, checks
 * each page's name against the site's own paths and its text against the
 * fonts, and adds the pages to the menus they ask for.  Every mistake is
 * reported; returns false when there was one. */
bool pages_read(struct loader *ld);

#endif
