/*
 * typeset: lines and pages for the PDF.
 *
 * Folio sets its own type: libharu only draws.  Paragraphs come from the
 * same cmark tree as the web page (spans of text in four faces, with
 * links), are hyphenated with libhyphen and broken into lines over the
 * whole paragraph (Knuth and Plass), justified or ragged.  Lines, rules,
 * table rows and pictures then flow down pages: headings stay with what
 * follows, paragraphs leave no widow or orphan, a table's header row is
 * repeated on each page it spans, and nothing is ever wider than its
 * column or taller than its page.  Widths use the fonts' own metrics
 * (font.h), exactly as libharu measures.
 */
#ifndef FOLIO_TYPESET_H
#define FOLIO_TYPESET_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "base/font.h"

/* Colours a span may have; the PDF maps them to RGB. */
enum ts_color { TS_TEXT, TS_MUTED, TS_ACCENT, TS_LINK, TS_WHITE, TS_HEADING };

/* A run of text in one face, size and colour, possibly a link. */
struct ts_span {
	char *text;             /* owned */
	enum font_face face;
	double size;
	enum ts_color color;
	char *link;             /* owned URL, or NULL */
	bool strike;            /* struck through (a line drawn across) */
	bool super;             /* raised above the baseline: a footnote's reference */
	int note;               /* a footnote reference: the note's number (ts_spans_markdown) */
	long target;            /* > 0: links to that anchor of the document (blocks_new_anchors) */
	long anchor;            /* > 0: this text is that anchor, where links to it land */
	bool keep_spaces;       /* a run of spaces between words is as wide as it is long (code) */
};

struct ts_spans {
	struct ts_span *v;
	size_t n, cap;
	/* Set by a caller that draws a block's measured images itself, as
	 * blocks of their own (mdblocks' paragraphs): ts_spans_markdown then
	 * leaves them out of the text.  Unset, an image is its alternative
	 * text, as in a table cell, a heading or a note. */
	bool images_apart;
};

void ts_spans_add(struct ts_spans *s, const char *text, enum font_face face, double size, enum ts_color color,
                  const char *link);
/* Adds the inline content of a cmark block (paragraph, heading, item's
 * paragraph, table cell) with emphasis, strong, code and links mapped to
 * faces, strikethrough to struck spans, and a footnote reference to a
 * raised span of the note's number at 0.7 of size, with note set (the
 * number is cmark's: the n-th definition at the document's end).  The
 * anchors and targets are left for the caller (mdblocks.h). */
void ts_spans_markdown(struct ts_spans *s, cmark_node *block, enum font_face face, double size, enum ts_color color);
void ts_spans_free(struct ts_spans *s);

/* One word (or word piece) placed on a line. */
struct ts_word {
	char *text;             /* owned */
	double x;               /* from the line's start */
	double width;
	enum font_face face;
	double size;
	enum ts_color color;
	char *link;             /* owned URL, or NULL: lines outlive their spans */
	bool strike, super;     /* as its span's */
	long target, anchor;    /* as its span's */
	bool hyphenated;        /* ends with the hyphen of a break inside the word */
};

struct ts_line {
	struct ts_word *words;  /* owned */
	size_t n;
	double width;           /* the set width: the measure when justified */
	double size;            /* the largest size on the line */
};

struct ts_lines {
	struct ts_line *v;
	size_t n;
};

struct typesetter;

/*
 * The file of Debian's hyphenation patterns for a BCP 47 language tag,
 * in /usr/share/hyphen: hyph_<tag>.dic with '_' for '-' ("de-AT":
 * hyph_de_AT.dic), then the language's usual region (de: hyph_de_DE.dic,
 * en: hyph_en_US.dic), then hyph_<language>.dic.  NULL when there is none.
 * Caller frees.
 */
char *ts_hyphen_file(const char *language);

/* The Debian package that would hold that file ("hyphen-fr"), for advice.
 * Caller frees. */
char *ts_hyphen_package(const char *language);

/* A typesetter with the hyphenation patterns of language (ts_hyphen_file),
 * read on the first call for that file and shared by every typesetter of
 * the process, on any thread; works without them when there are none, only
 * without hyphens.  Caller frees. */
struct typesetter *ts_new(const struct fontset *fs, const char *language);
void ts_free(struct typesetter *ts);

/* Breaks spans into lines of at most width points: justified (the last
 * line ragged) or ragged right.  No line is ever wider than width: a word
 * wider than the measure is cut between characters. */
void ts_break(const struct typesetter *ts, const struct ts_spans *spans, double width, bool justify,
              struct ts_lines *out);
void ts_lines_free(struct ts_lines *l);

const struct fontset *ts_fonts(const struct typesetter *ts);

/* Widths of the columns of a table of rows x cols cells (cells[r * cols +
 * c]) that together fill total: each column gets at least its longest word
 * (plus pad), the rest goes out in proportion to how much wider each
 * would like to be; when even the longest words do not fit, the columns
 * share total equally (words are then cut, never overflow). */
void ts_column_widths(const struct fontset *fs, const struct ts_spans *const *cells, size_t rows, size_t cols,
                      double total, double pad, double *widths);

/* ---- pages ------------------------------------------------------------ */

/* One thing stacked down a page: a line of text, a table row's line, a
 * rule, a picture.  What it is, only the caller knows (payload). */
struct ts_block {
	double height;
	double space_before;    /* dropped at the top of a page */
	bool break_before;      /* a page may begin with this block */
	bool new_page;          /* a page must begin with this block */
	int table;              /* > 0: a row of table number `table` */
	bool header;            /* a header row: repeated on every page the table spans */
	void *payload;
};

struct ts_placed {
	const struct ts_block *block;
	size_t page;            /* from 0 */
	double y;               /* top of the block */
};

/*
 * Places blocks on pages whose text area runs from top to bottom.  A page
 * begins only where break_before allows (or new_page demands) unless a run
 * of blocks is taller than a whole page, which is then cut where it
 * overflows; a table's header rows are placed again at the top of each
 * page its rows continue on.  Returns the placements (caller frees) and
 * sets *pages.
 */
struct ts_placed *ts_paginate(const struct ts_block *blocks, size_t n, double top, double bottom, size_t *nplaced,
                              size_t *pages);

#endif
