/*
 * body: the Markdown texts of content (struct md), parsed and checked.
 *
 * Every Markdown text is parsed here and checked the same way: nesting,
 * link schemes, images without a text alternative, raw HTML, emptiness,
 * and the characters the fonts lack.  The links to site paths a text
 * holds are collected into a plain list (struct body_links) for the link
 * check after the build.
 *
 * The loader leaves pattern bodies on disk (struct md with on_disk set):
 * the bulk of a site's text is read and parsed again, once, by whoever
 * renders it (body_open), which also makes sure it is the text that was
 * loaded.  A renderer includes this header, never the loader's.
 */
#ifndef FOLIO_BODY_H
#define FOLIO_BODY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/font.h"
#include "content/model.h"

/* Links from content to paths of the site (struct site_link, from the
 * model), in the order they were found.  Owned by whoever holds the list,
 * paths included; zero-initialised it is empty.
 *
 * base is the site path of the page that shows the texts being parsed
 * (borrowed; whoever parses sets it before, as the loader does for each
 * file): a relative link ("../x/", "#id") in Markdown is resolved against
 * it, as a browser would on that page.  NULL while a text shown on several
 * pages is parsed (site.yaml's footer), where a relative link is an error.
 * A pattern body is shown on its pattern page, in the playbook and in the
 * page's Markdown copy, beside the page: the page is its base (folio(5)). */
struct body_links {
	struct site_link *items;
	size_t len, cap;
	const char *base;
};

/* Appends a link to the site path url (a query is dropped, a fragment
 * kept apart). */
void body_links_add(struct body_links *links, const char *url, struct pos at);

/* Appends a link to url, the site path where the build publishes file
 * (an image beside its Markdown, images.h), which it copies there. */
void body_links_add_copy(struct body_links *links, const char *url, const char *file, struct pos at);

/* Appends to out the site path that the relative reference ref ("x/",
 * "../y/#z", "#z", without scheme) names when it is followed from the
 * file at site path base ("/a/b/", "/css/site.css"): "." and ".."
 * segments are worked out as a browser does, never above the root. */
void body_resolve(struct buf *out, const char *base, const char *ref);

/* Appends a link to what the relative reference ref ("x/", "../y/#id",
 * "#id") names from the page links->base (not NULL). */
void body_links_add_relative(struct body_links *links, const char *ref, struct pos at);

/* Appends a copy of l (its paths, and its place but its file's name,
 * which is file: a name that outlives the list). */
void body_links_add_same(struct body_links *links, const struct site_link *l, const char *file);

/* Moves from's links to the end of into's, in their order; from is left
 * empty (its base kept). */
void body_links_append(struct body_links *into, struct body_links *from);

/* Frees the links and their paths and empties the list (its base kept);
 * NULL: nothing. */
void body_links_free(struct body_links *links);

/*
 * Parses src (text already checked as UTF-8) into m, which owns a copy of
 * it, and checks it: its mistakes go to d at their line and column
 * (counted from at), its links to site paths to links (may be NULL: not
 * collected).  Raw HTML is left out with a warning unless raw_html is set.
 * Its images are found and measured (images.h) when m->opt is set, as
 * the loader sets it; images beside the text go to links as copies.
 * A text nested too deeply is reported and left empty.  Returns false
 * when the text cannot be used (too deep); a mistake in a link only
 * reports.  Thread-safe.
 */
bool body_parse(struct md *m, const char *src, struct pos at, bool raw_html, struct body_links *links,
                struct diag *d);

/* Makes the images of m looked for in the folders of opt (the site's and
 * the theme's) when it is parsed; NULL: not at all.  m keeps the folders'
 * names, not opt, which may be a caller's copy that a kept model outlives. */
void body_images_from(struct md *m, const struct options *opt);

/* Reports a Markdown text with nothing in it, at its start. */
void body_report_empty(struct diag *d, struct pos at);

/* A Markdown text brought back for rendering: md holds its source and
 * tree, owned here when owned is set (else borrowed from the model). */
struct body {
	struct md md;
	bool owned;
};

/* How a body read back is checked: as the loader checks every text it
 * keeps, which it does not do for the bodies it leaves on disk. */
struct body_check {
	const struct fontset *fonts;    /* its text is checked against them; may be NULL */
	struct body_links *links;       /* where its links to site paths go; may be NULL */
};

/* Makes m's text available in b: a text kept in memory is lent; a body
 * left on disk is read from its file and parsed, after checking it is the
 * text that was loaded (else an error asks to build again).  With check,
 * its mistakes are reported to d (links, nesting, raw HTML, emptiness,
 * characters the fonts lack) and its links to site paths appended to
 * check->links; without, a body whose Markdown has a mistake is refused
 * without a word, for whoever checks it to report.  Thread-safe, given
 * each thread its own check->links.  Returns false when the body cannot
 * be used; b needs body_close() either way. */
bool body_open(const struct md *m, struct body *b, const struct body_check *check, struct diag *d);

/* Frees what body_open() read back; b is left empty. */
void body_close(struct body *b);

/* Where the sources of a pattern's pitfalls start in its body (doc, a
 * tree body_open() brought back): the first of its top-level level-2
 * headings whose words begin with the site's word for sources (the
 * string "sources": "Sources for the pitfalls"); NULL when there is none.
 * Sources follow what they support, and the pitfalls come from the front
 * matter, which the body cannot hold: the page and the playbook both set
 * the body up to this heading, then the pitfalls, then the rest. */
cmark_node *body_pitfall_sources(const struct site *site, cmark_node *doc);

#endif
