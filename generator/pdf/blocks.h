/*
 * blocks: the playbook's pages as a stack of blocks, before they are drawn.
 *
 * Whatever the playbook shows is added here, top to bottom, as blocks for
 * ts_paginate() (typeset.h): the lines of paragraphs and list items, code
 * lines on a band, table rows, rules, diagrams, and invisible marks where
 * chapters and sections start (for the contents and the bookmarks).  The
 * rules of a good page break are set here, on each block: a chapter starts
 * a page, a heading stays with what follows, a paragraph leaves no orphan
 * or widow, a table's first row stays with its header row.  Space between
 * blocks does not add up: of the spaces asked for in a row, the largest
 * wins, and it is dropped at the top of a page.
 *
 * The page and the type (margins, text area, sizes) are here too: blocks
 * are laid out on them and drawn on them (draw.h).
 *
 * A block list owns everything its items point to (lines, diagrams,
 * texts), so they stay valid until blocks_free().  A list, like its
 * typesetter, belongs to one thread at a time.
 */
#ifndef FOLIO_BLOCKS_H
#define FOLIO_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "diagram/layout.h"
#include "pdf/pdf.h"
#include "pdf/tags.h"
#include "pdf/typeset.h"

/* The text area of a page, in points from the top left.  The margins are
 * the same on every paper, so the text's width and its bottom follow the
 * page's size (blocks_text_width, blocks_bottom). */
#define BLOCKS_MARGIN_X 56.0
#define BLOCKS_TOP 78.0
#define BLOCKS_MARGIN_BOTTOM 62.0

/* The width of the text area on a page of size page. */
double blocks_text_width_on(struct pdf_size page);

/* Body text, and the small text of tables, code and notes. */
#define BLOCKS_BODY_SIZE 9.5
#define BLOCKS_BODY_LEADING 13.5
#define BLOCKS_SMALL_SIZE 8.0
#define BLOCKS_SMALL_LEADING 10.5
#define BLOCKS_CELL_PAD 4.0       /* around a table cell's text */
#define BLOCKS_LIST_INDENT 14.0   /* a list item's text after its marker */

/* The box a task list item has for a marker, drawn rather than a glyph
 * the fonts may lack. */
enum blocks_box { BLOCKS_NO_BOX, BLOCKS_BOX_OPEN, BLOCKS_BOX_TICKED };

/* What a block draws. */
enum blocks_kind { BLOCKS_LINE, BLOCKS_RULE, BLOCKS_DIAGRAM, BLOCKS_ROW, BLOCKS_MARK, BLOCKS_IMAGE };

/* One line of a table row: a line of each cell, side by side. */
struct blocks_row {
	const struct ts_line **cells;   /* one per column; NULL where the cell has no more lines */
	size_t ncols;
	double *col_x;                  /* owned */
	double *col_w;                  /* owned */
	double *cell_dx;                /* owned: each cell's line from its column's padding (its alignment) */
	bool first, last, header;       /* the row's first or last line; of the header row */
};

/* An image of a Markdown text, ready to embed. */
struct blocks_image {
	enum pdf_image_kind kind;       /* an SVG comes drawn, as a PNG */
	struct buf data;                /* the bytes embedded */
	double width, height;           /* drawn, in points */
	/* Kept for the tagged PDF (issue #21): a figure's alternative text,
	 * and whether it only decorates (an artifact, alt "" on the page). */
	const char *alt;                /* borrowed from the list's strings */
	bool decorative;
};

/* A block's payload (struct ts_block): what to draw there. */
struct blocks_item {
	enum blocks_kind kind;
	double x;
	const struct ts_line *line;     /* BLOCKS_LINE */
	double ascent;                  /* baseline below the block's top */
	const char *bullet;             /* BLOCKS_LINE: drawn at bullet_x on a list item's first line */
	double bullet_x;
	bool code;                      /* BLOCKS_LINE: a band behind, from band_x to the text area's right */
	double band_x;                  /* x - 6 unless an indented code line moves x alone */
	enum blocks_box box;            /* BLOCKS_LINE: a task's box, drawn at bullet_x */
	double width;                   /* BLOCKS_RULE: its length from x */
	const struct layout *layout;    /* BLOCKS_DIAGRAM */
	double scale;
	struct blocks_row row;          /* BLOCKS_ROW */
	int level;                      /* BLOCKS_MARK: 1 chapter, 2 section */
	const char *title;
	long toc_target;                /* BLOCKS_LINE in the contents: the mark it links to, or -1 */
	const char *page_no;            /* BLOCKS_LINE in the contents: drawn at the right */
	const struct blocks_image *image;       /* BLOCKS_IMAGE; owned by the list */
	/* Its place in the structure tree (blocks_use_tags): the element
	 * its content belongs to (0: an artifact, or an untagged list), the
	 * Lbl of a BLOCKS_LINE's bullet or box, a BLOCKS_ROW's cells' TH or
	 * TD (owned). */
	size_t tag;
	size_t bullet_tag;
	size_t *cell_tags;
};

struct blocks;

/* An empty list whose lines are set by ts (borrowed, as base_url: the
 * site's address, for the links to site paths).  Caller frees. */
struct blocks *blocks_new(const struct typesetter *ts, const char *base_url);
/* ---- structure ---------------------------------------------------------
 *
 * A list given a structure tree (tags.h) adds an element for what it is
 * given: a paragraph's lines are a P, a heading an H1 to H3 (a chapter's
 * heading also starts a Sect), a table a Table with its THead, TBody,
 * rows and cells (TH with a column scope), a diagram or a meaningful
 * image a Figure with its description, a list item an LI with its Lbl and
 * LBody.  They go under the innermost element the caller opened (a
 * list's L, a quote's BlockQuote, a note's Note), or under the Document;
 * when that element holds content itself (a Code, a Caption, a TOCI's
 * Link), the lines added are its content.  Rules and spaces are
 * artifacts. */

/* Adds b's elements to t (borrowed); NULL, the default: none. */
void blocks_use_tags(struct blocks *b, struct tags *t);

/* A new element of role under the innermost open one, opened: what is
 * added next goes in it until blocks_close.  Returns its id (0 when b
 * has no tree). */
size_t blocks_open(struct blocks *b, enum tag_role role);
void blocks_close(struct blocks *b);

/* Opens element id, made elsewhere in b's tree (the Sect of a part of
 * the document that comes before what b lays out). */
void blocks_enter(struct blocks *b, size_t id);

/* A new element of role under the innermost open one, not opened (a
 * list item's Lbl); returns its id (0 when b has no tree). */
size_t blocks_add_tag(struct blocks *b, enum tag_role role);

/* b's tree, or NULL. */
struct tags *blocks_tags(const struct blocks *b);

/* Frees b and everything its items point to; NULL is a no-op. */
void blocks_free(struct blocks *b);

/* b's pages are of paper (A4 until said): set before adding blocks,
 * which are laid out on it. */
void blocks_set_paper(struct blocks *b, enum pdf_paper paper);
/* The width and the bottom of the text area on b's pages. */
double blocks_text_width(const struct blocks *b);
double blocks_bottom(const struct blocks *b);

/* The faces b's lines are set in (the typesetter's). */
const struct fontset *blocks_fonts(const struct blocks *b);

/* Keeps s (allocated) until blocks_free, for items that borrow it;
 * returns s. */
const char *blocks_keep(struct blocks *b, char *s);

/* At least h points before the next block (the largest asked for wins). */
void blocks_space(struct blocks *b, double h);
/* The next block may not begin a page: it stays with the last one. */
void blocks_keep_together(struct blocks *b);

/* Links to site paths ("/x/") become absolute, on the site's address:
 * the PDF lives outside the site. */
void blocks_absolute_links(struct blocks *b, struct ts_spans *spans);
/* The addresses a printed page must show: a link's target is invisible
 * on paper, so each address cited is numbered, and the numbers and the
 * addresses are set together at the end of the chapter.  Returns url's
 * number among the addresses cited since the last
 * blocks_take_citations(), from 1; an address cited again keeps its
 * number. */
size_t blocks_cite(struct blocks *b, const char *url);
/* The addresses cited since the last call, in their numbers' order, one
 * a line ("number\turl\n"), and forgets them; NULL when there are none.
 * The caller frees it. */
char *blocks_take_citations(struct blocks *b);

/* spans broken into lines of width (ts_break), owned by b. */
struct ts_lines *blocks_break(struct blocks *b, const struct ts_spans *spans, double width, bool justify);

/* The lines of l as blocks, at x: a page may break after the first line
 * only in a paragraph of four or more, and never before the last (no
 * orphan, no widow).  A bullet (borrowed), when set, is drawn at bullet_x
 * on the first line; code lines have a band behind them.  l is borrowed
 * and must outlive b (blocks_break's lines do).  Returns the first line's
 * item (to add to it), or NULL when l has no line. */
struct blocks_item *blocks_lines(struct blocks *b, const struct ts_lines *l, double x, double leading, double size,
                                 const char *bullet, double bullet_x, bool code);

/* A ragged paragraph of spans (their links made absolute) in width at x
 * whose lines after the first stand indent further in, under the text
 * after a label that starts the first ("[3] " of a numbered source): the
 * labels stand out in a column of their own. */
void blocks_hanging(struct blocks *b, struct ts_spans *spans, double x, double width, double indent, double size,
                    double leading);

/* A paragraph of spans (their links made absolute) in width at x. */
void blocks_paragraph(struct blocks *b, struct ts_spans *spans, double x, double width, double size, double leading,
                      bool justify);
/* A paragraph of one text in one face, size and colour. */
void blocks_text(struct blocks *b, const char *text, enum font_face face, double size, double leading,
                 enum ts_color color, double x, double width, bool justify);

/* A chapter (level 1, on a new page), section (2) or subsection (3)
 * heading; chapters and sections leave a mark.  title is borrowed: it
 * must outlive b (blocks_keep). */
void blocks_heading(struct blocks *b, int level, const char *title);

/* A thin rule across the text area. */
void blocks_rule(struct blocks *b);
/* A thin rule of width at x: above footnotes. */
void blocks_rule_at(struct blocks *b, double x, double width);

/* n new anchors (places links inside the document land on: struct
 * ts_span's anchor and target); returns the first, the others follow it.
 * Anchors count from 1. */
long blocks_new_anchors(struct blocks *b, size_t n);
/* How many anchors b has handed out. */
size_t blocks_anchor_count(const struct blocks *b);

/* How many blocks b has, and the item of the i-th (to add to it). */
size_t blocks_count(const struct blocks *b);
struct blocks_item *blocks_item_at(struct blocks *b, size_t i);

/* A list item across the text area: its marker (a bullet or number,
 * borrowed) in the margin, the text hanging after it.  Takes the spans'
 * links as absolute already. */
void blocks_list_item(struct blocks *b, const char *marker, const struct ts_spans *s, bool justify);

/* Sets a table cell to text (NULL: empty) in face, in the table's size. */
void blocks_cell(struct ts_spans *cell, const char *text, enum font_face face);

/* A table of rows x cols cells (cells[r * cols + c]; row 0 is the
 * header) across the text area.  A row stays on one page unless it is
 * taller than a page, the header row repeats on every page the table
 * spans, and the first row stays with it.  Frees the cells' spans, not
 * the array. */
void blocks_table(struct blocks *b, struct ts_spans *cells, size_t rows, size_t cols);

/* blocks_table, in width at x, each column's lines aligned as align[c]
 * says ('l', 'c', 'r'; anything else: left); align may be NULL. */
void blocks_table_in(struct blocks *b, struct ts_spans *cells, size_t rows, size_t cols, double x, double width,
                     const char *align);

/* A diagram (b takes it) centred in the text area, at most 0.8 of its
 * size and never taller than 0.7 of the text area; alt describes it in
 * words (copied), for those who cannot see it. */
void blocks_diagram(struct blocks *b, struct layout *lay, const char *alt);

/* blocks_diagram, centred in the column of width at x. */
void blocks_diagram_in(struct blocks *b, struct layout *lay, double x, double width, const char *alt);

/* An image (b takes it and its bytes) at the left of the column at x, on
 * one page: it never splits. */
void blocks_image(struct blocks *b, struct blocks_image *img, double x);

/* Where messages about what is added go (the images' warnings); NULL,
 * the default: nowhere. */
void blocks_set_diag(struct blocks *b, struct diag *d);
struct diag *blocks_diag(const struct blocks *b);

/* The blocks placed on pages between BLOCKS_TOP and blocks_bottom(b)
 * (ts_paginate); their payloads are struct blocks_item.  Caller frees
 * the placements; they point into b. */
struct ts_placed *blocks_paginate(const struct blocks *b, size_t *nplaced, size_t *pages);

#endif
