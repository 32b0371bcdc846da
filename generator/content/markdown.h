/*
 * markdown: renders a cmark tree to HTML, and to plain text.
 *
 * Markdown is parsed once by the loader; this is one of the tree's
 * renderers (the PDF typesetter is another).  The HTML goes out element by
 * element through the escaping functions, never by pasting strings; raw
 * HTML in the tree is written as it is (see md_strip_html).
 */
#ifndef FOLIO_MARKDOWN_H
#define FOLIO_MARKDOWN_H

#include <cmark-gfm.h>
#include <stdbool.h>

#include "base/buf.h"

/* Writes the href for url into out: site paths ("/x/") made relative to
 * the page, everything else as is.  Called for every link and image. */
typedef void (*md_link_fn)(void *ctx, const char *url, struct buf *out);

/* What the HTML writer learns of an image from whoever renders it: the
 * site path of its published file (written through md_link_fn like any
 * URL), its size in pixels and whether it only decorates (alt=""). */
struct md_image_info {
	const char *src;        /* NULL: the node's URL */
	long width, height;     /* 0: unknown, not written */
	bool decorative;
};

/* Fills *info for the image node n; false: nothing known (the image is
 * written as the Markdown says). */
typedef bool (*md_image_fn)(void *ctx, cmark_node *n, struct md_image_info *info);

/* Writes the picture of the diagram of code block n (content/mermaid.h:
 * a Mermaid block that was parsed), with title as its name (the caption's
 * text; NULL: none given) and every id it writes starting with id_prefix,
 * unique on the page.  false: nothing written, and the block is written
 * as code. */
typedef bool (*md_diagram_fn)(void *ctx, cmark_node *n, const char *title, const char *id_prefix, struct buf *out);

struct md_html_options {
	int heading_shift;      /* added to every heading level (result capped at 6) */
	const char *id_prefix;  /* prefix of heading ids, e.g. "faq-x-"; may be NULL */
	md_link_fn link;        /* may be NULL: URLs are written as they are */
	void *link_ctx;
	/* When set, the text of every h2 and h3 (levels after the shift)
	 * becomes a link to the heading itself, <a class="..." href="#id">
	 * (no class attribute when it is ""), so a reader can copy a link to
	 * the section.  A heading holding a link of its own is left as it
	 * is: links cannot nest.  May be NULL. */
	const char *self_link_class;
	md_image_fn image;      /* may be NULL: images are written as the Markdown says */
	void *image_ctx;
	/* The accessible names of what GitHub-flavoured Markdown adds, as
	 * the theme's strings phrase them (each may be NULL: the attribute is
	 * then left out).  note_ref names a footnote reference ({number});
	 * note_back the link from a note back to its reference ({number}),
	 * note_back_nth the one back to its ref-th reference ({number}
	 * {ref}); table names the scrolling region of a table without a
	 * caption ({columns}: its header cells, comma-separated). */
	const char *note_ref, *note_back, *note_back_nth, *table;
	/* The prefix of footnote ids when id_prefix is NULL (a text whose
	 * headings keep bare ids must still not give two texts' notes one
	 * id); may be NULL. */
	const char *note_prefix;
	md_diagram_fn diagram;  /* may be NULL: Mermaid blocks are written as code */
	void *diagram_ctx;
	/* A part of the text set apart on its page (a pattern's sources
	 * after its pitfalls): only doc's top-level blocks from 'from' (NULL:
	 * the first) up to, not including, 'until' (NULL: to the end) are
	 * written.  Ids, diagram and note numbers are those of the whole
	 * text, so two parts on one page agree; the notes come with the
	 * part that reaches the end. */
	cmark_node *from, *until;
};

/* Parses GitHub-flavoured Markdown: CommonMark with the table,
 * strikethrough, autolink and task-list extensions of cmark's GFM build,
 * and footnotes.  options are cmark's CMARK_OPT_* (CMARK_OPT_FOOTNOTES is
 * always added).  Every Markdown text of a site goes through here, so the
 * page, the PDF and the Markdown copy read the same tree.  Thread-safe;
 * the caller frees the tree with cmark_node_free(). */
cmark_node *md_parse(const char *src, size_t len, int options);

/* Deepest nesting of Markdown the loader accepts (lists in quotes in
 * lists..., emphasis in links...): the renderers recurse once a level. */
#define MD_MAX_DEPTH 32

/* The first node of doc nested more than max levels deep (doc is level 1),
 * or NULL. */
cmark_node *md_too_deep(cmark_node *doc, int max);

/* Removes every raw HTML block and inline from doc.  The loader does it
 * unless the site opts in (markdown.raw_html in site.yaml), so that what
 * reaches a renderer is what should be written. */
void md_strip_html(cmark_node *doc);

/* Writes doc as HTML.  What GitHub's Markdown adds comes out as:
 * - a table: <table> with <thead> (header cells scope="col") and <tbody>,
 *   a column's alignment as class="align-left|center|right" (the pages'
 *   Content-Security-Policy refuses style attributes), inside a
 *   <div class="table-wrap" role="region" tabindex="0" aria-label=...>
 *   that scrolls sideways on a narrow screen; a paragraph "Table: text"
 *   right before it is its <caption> (md_table_caption);
 * - a footnote reference: <sup class="footnote-ref"><a href="#Pfn-N"
 *   id="Pfnref-N">N</a></sup>, P the id prefix, the k-th reference to
 *   the same note id="Pfnref-N-k"; the notes: <section class="footnotes">
 *   <ol> at the end, note N as <li id="Pfn-N"> with a link back to each
 *   of its references;
 * - strikethrough: <del>; an autolink: a link like any other;
 * - a task list item: <li class="task"> starting with
 *   <input type="checkbox" disabled> (checked when done), inside a
 *   <label> with the item's first paragraph.
 * And a Mermaid block that was parsed, when opt->diagram draws it, comes
 * out as <figure class="figure figure--diagram"> holding the picture in
 * <div class="figure__art">, and its caption (md_figure_caption) in a
 * <figcaption>; its ids start with the text's prefix and "dg-N-" (the
 * text's N-th diagram). */
void md_render_html(struct buf *out, cmark_node *doc, const struct md_html_options *opt);

/* When paragraph n is a table's caption (its text starts "Table: " and a
 * table follows it), the offset of the caption's text in n's first text
 * node; 0 otherwise. */
size_t md_table_caption(cmark_node *n);

/* When paragraph n is a diagram's caption (its text starts "Figure: "
 * and it comes right after a Mermaid block), the offset of the caption's
 * text in n's first text node; 0 otherwise. */
size_t md_figure_caption(cmark_node *n);

/* A heading of doc as md_render_html writes it under the options it is
 * given: its level after the shift, its id with the prefix, and its text
 * without markup. */
typedef void (*md_heading_fn)(void *ctx, int level, const char *id, const char *text);

/* Calls fn for every heading of doc in document order, with the level
 * and id that md_render_html(out, doc, opt) gives it (opt may be NULL;
 * its from and until limit the headings to that part).
 * The strings are valid during the call only. */
void md_headings(cmark_node *doc, const struct md_html_options *opt, md_heading_fn fn, void *ctx);

/* The text of a tree without markup, white space squeezed, as a page
 * shows it; caller frees.  The alternative text of an image inside is
 * left out (that of node itself, when it is an image, is its text).  A
 * table's cells are separated by spaces and its caption is written
 * without "Table: "; footnote references are left out and the notes'
 * text comes at the end, where cmark puts their definitions; struck-out
 * text is kept. */
char *md_plain_text(cmark_node *node);

/* Writes a URL fragment id made from text: lower-case ASCII letters and
 * digits, other runs turned into one '-'. */
void md_slugify(struct buf *out, const char *text);

#endif
