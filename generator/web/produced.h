/*
 * produced: what a build makes that the link check needs beyond the list
 * of files written: the ids each page holds, and the files a full build
 * writes that this one leaves out (--no-pdf, --no-images, --html-only).
 *
 * A page's ids are read from the HTML as it is written, so every id the
 * page holds counts, whoever made it: a template, the Markdown writer
 * (headings with their prefix, footnotes), the inline SVG of a diagram.
 */
#ifndef FOLIO_PRODUCED_H
#define FOLIO_PRODUCED_H

#include <stdbool.h>
#include <stddef.h>

/* One page: its site path and its ids, sorted (produced_sort). */
struct produced_page {
	char *url;              /* owned: "/resources/x/", "/404.html" */
	char *blob;             /* owned: the ids, each ending in '\0' */
	const char **ids;       /* owned array, into blob */
	size_t nids;
};

/* Pages and left-out files, in the order they were added; owned by the
 * holder; zero-initialised it is empty.  One thread at a time. */
struct produced {
	struct produced_page *pages;
	size_t npages, cap_pages;
	char **skipped;         /* owned: files ("x/y.pdf") a full build writes */
	size_t nskipped, cap_skipped;
	bool sorted;
	bool view;              /* produced_view: the pages and files are borrowed */
	bool ids_sorted;        /* a view: every part was sorted, so each page's ids are */
	size_t *slots;          /* a sorted view: its pages by url, hashed (page
	                         * index + 1; 0 free); owned */
	size_t nslots;
};

/* Makes view show the pages and files of parts[0..n) together, borrowed:
 * they must outlive it.  produced_free() frees the view alone.  Sorting a
 * view indexes its pages by url rather than ordering them (the preview
 * views a whole site's pages at every edit); when its parts are sorted
 * already, a page's ids are in order in its part. */
void produced_view(struct produced *view, const struct produced *const *parts, size_t n);

/* Notes page url (a site path) and the ids of its HTML html[0..len). */
void produced_add_page(struct produced *p, const char *url, const char *html, size_t len);

/* Notes a copy of page, as another build noted it. */
void produced_add_copy(struct produced *p, const struct produced_page *page);

/* Notes that a full build writes file (a path in the output folder, no
 * leading '/'), which this one left out. */
void produced_skip(struct produced *p, const char *file);

/* Moves from's pages and files to the end of into's; from is left empty. */
void produced_append(struct produced *into, struct produced *from);

/* Sorts pages by url (a view: indexes them), each page's ids and the
 * files left out, for the look-ups below; call once everything is added.
 * Sorting what is sorted does nothing. */
void produced_sort(struct produced *p);

/* The page at site path url, or NULL.  After produced_sort(). */
const struct produced_page *produced_page(const struct produced *p, const char *url);

/* Whether page holds id. */
bool produced_page_has(const struct produced_page *page, const char *id);

/* Whether file was left out of this build (produced_skip). */
bool produced_skipped(const struct produced *p, const char *file);

void produced_free(struct produced *p);

#endif
