/*
 * check: reads a built site back, as a browser and a crawler would, and
 * reports what they would trip on.
 *
 * HTML is read with libxml2's HTML parser, JSON-LD with jansson, so the
 * check shares no code with the writers it checks.  It reports broken
 * internal links (and links that leave the site's folder), fragments with
 * no element of that id, missing assets (src, stylesheets, icons, social
 * images, url() in CSS), images with no alt, SVG images with no text
 * alternative, pages with no meta description, JSON-LD that does not
 * parse or names a type or property schema.org does not have, FAQ
 * answers in JSON-LD that differ from the text the page shows, and
 * sitemap entries that are not built.
 */
#ifndef FOLIO_CHECK_H
#define FOLIO_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct check_options {
	const char *dir;        /* the built site */
	const char *base_url;   /* where it is published; NULL: the home page's canonical URL */
};

struct check_stats {
	size_t pages;           /* HTML files read */
	size_t files;           /* files in the site */
	size_t problems;
};

/* Checks the site, writing one "file:line: message" line per problem to
 * out (in file order, then line).  Returns false when dir cannot be read
 * at all, after saying why on err. */
bool check_site(const struct check_options *opt, FILE *out, FILE *err, struct check_stats *stats);

#endif
