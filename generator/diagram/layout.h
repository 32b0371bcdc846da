/*
 * layout: places a diagram once, for every painter.
 *
 * Input is plain data (boxes with names, flows between them with labels),
 * so the layout knows nothing of the model and can be tested on random
 * input.  Two deterministic layouts, never force-directed:
 *
 *   lanes  systems in one row of boxes, each with a lane running down;
 *          every flow is a horizontal arrow between two lanes, in its own
 *          row, labelled above.  Column order minimises the length of the
 *          arrows and right-to-left arrows.  No arrow can cross a box
 *          (boxes sit above every row) and no two labels can meet (each
 *          has its row).
 *   hub    one box at the centre and the others in a column on each side,
 *          each joined to the centre by one horizontal arrow.
 *
 * Text is measured with the project's fonts (font.h) and wrapped to fit;
 * a word wider than its space is broken between characters.  All
 * coordinates are in CSS pixels, y down, origin at the top left.
 */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/font.h"

/* How many kinds of flow the palette tells apart, each by a colour of its
 * own (paint.c), and the line styles each may be drawn with. */
#define LAY_KINDS 6
enum lay_stroke { LAY_STROKE_SOLID, LAY_STROKE_DASHED, LAY_STROKE_DOTTED, LAY_STROKE_HEAVY, LAY_STROKES };

/* What a shape means; painters map it to colours (paint.h). */
enum lay_role {
	ROLE_NODE,          /* a system's box */
	ROLE_HUB,           /* the centre box of a hub layout */
	ROLE_NODE_NAME,     /* text in a box */
	ROLE_NODE_DETAIL,
	ROLE_HUB_TEXT,      /* text in the centre box */
	ROLE_LANE,          /* the line below a box */
	ROLE_EDGE_PLAIN,    /* an arrow of no kind */
	ROLE_EDGE_KIND,     /* the arrows of the kinds: see lay_edge_role() */
	ROLE_EDGE_KIND_LAST = ROLE_EDGE_KIND + LAY_KINDS * LAY_STROKES - 1,
	ROLE_LABEL,         /* text on an arrow */
	ROLE_TAG,           /* the small "how" under a label */
	ROLE_LABEL_BACK,    /* the plate behind a label */
	/* The roles of diagrams written in the content (Mermaid): */
	ROLE_EDGE_DOTTED,   /* an arrow of no kind, dotted ("-.->", "-->>") */
	ROLE_EDGE_HEAVY,    /* an arrow of no kind, thick ("==>") */
	ROLE_GROUP,         /* a subgraph's frame, tinted */
	ROLE_GROUP_TITLE,
	ROLE_BAND,          /* a sequence diagram's "rect": a tinted band */
	ROLE_BLOCK,         /* the outline of loop, alt, opt, par */
	ROLE_BLOCK_TAB,     /* the tab that names a block */
	ROLE_BLOCK_TEXT,    /* its keyword, condition, and else/and lines' text */
	ROLE_DIVIDER,       /* the dashed line of else / and */
	ROLE_NOTE,          /* a note's box */
	ROLE_NOTE_TEXT,
	ROLE_ACTIVATION,    /* the bar on a lifeline while a participant is active */
	ROLE_BADGE,         /* the disc of a message's autonumber */
	ROLE_BADGE_TEXT,
	ROLE_COUNT
};

struct lay_rect {
	double x, y, w, h;
};

struct lay_line {
	char *text;             /* owned */
	double x, y;            /* start of the baseline */
	double width;
};

struct lay_text {
	enum font_face face;
	double size;
	enum lay_role role;
	struct lay_line *lines; /* owned */
	size_t n;
	struct lay_rect box;    /* the lines' extent */
};

/* A node's outline.  LAY_SHAPE_BOX (the default) is the rounded box of
 * the resources' diagrams; the others are Mermaid's shapes, each drawn
 * inside box (paint_shape_path, paint.h). */
enum lay_shape {
	LAY_SHAPE_BOX,          /* corners of radius 8 */
	LAY_SHAPE_RECT,         /* square corners */
	LAY_SHAPE_ROUNDED,      /* corners of radius 5 */
	LAY_SHAPE_STADIUM,      /* half circles at both ends */
	LAY_SHAPE_CYLINDER,     /* a database: an ellipse's half on top and bottom */
	LAY_SHAPE_CIRCLE,       /* the circle in box (box is square) */
	LAY_SHAPE_DIAMOND,      /* a decision: corners at the middles of box's sides */
	LAY_SHAPE_SUBROUTINE,   /* a rectangle with a second line inside each side */
	LAY_SHAPE_ACTOR,        /* a figure in the top of box, the name below it */
	LAY_SHAPES
};

struct lay_node {
	char *id;               /* owned: from content, for ids and classes */
	enum lay_role role;
	enum lay_shape shape;
	struct lay_rect box;
	struct lay_text name;
	struct lay_text detail; /* n == 0 when none */
};

struct lay_point {
	double x, y;
};

/* What an arrow has at its end: the default is the filled head of the
 * resources' diagrams. */
enum lay_head {
	LAY_HEAD_FILLED,        /* a filled triangle */
	LAY_HEAD_NONE,
	LAY_HEAD_OPEN,          /* two strokes, like ">" (asynchronous) */
	LAY_HEAD_CROSS,         /* an "x" */
	LAY_HEADS
};

struct lay_edge {
	size_t from, to;        /* node indexes */
	enum lay_role role;
	double x1, y1, x2, y2;  /* the arrow's ends; the head points at x2,y2 */
	bool both_ends;         /* a head at x1,y1 too */
	enum lay_head head;     /* at x2,y2 (and x1,y1 with both_ends) */
	/* A curved arrow: pts[0] == (x1, y1), then cubic Bézier segments of
	 * three points each, the last point (x2, y2): npts == 1 + 3k.  Owned;
	 * NULL for a straight line from x1,y1 to x2,y2. */
	struct lay_point *pts;
	size_t npts;
	struct lay_text label;  /* n == 0 when none: no plate is drawn */
	struct lay_text tag;    /* n == 0 when none */
	struct lay_rect plate;  /* behind label and tag */
	struct lay_text number; /* an autonumber, drawn in a disc around number.box; n == 0 when none */
};

/* A dashed line across a block (alt's else, par's and) with its text. */
struct lay_divider {
	double x1, x2, y;
	struct lay_text text;   /* n == 0 when none */
};

/* A rectangle that is not a node: a subgraph (ROLE_GROUP, title at its
 * top), a band (ROLE_BAND), a block (ROLE_BLOCK: its keyword in a tab at
 * the top left, its condition beside the tab, its dividers across), a
 * note (ROLE_NOTE, text inside) or an activation (ROLE_ACTIVATION).
 * Groups, bands and blocks are painted first, under everything; notes
 * and activations after the lanes, under the nodes and arrows. */
struct lay_frame {
	enum lay_role role;
	struct lay_rect box;
	struct lay_text title;  /* group's title, note's text, block's keyword; n == 0 when none */
	struct lay_text detail; /* block's condition; n == 0 when none */
	struct lay_rect tab;    /* block's tab (w == 0: none) */
	struct lay_divider *dividers;   /* owned */
	size_t ndividers;
};

struct layout {
	double width, height;
	struct lay_node *nodes;
	size_t nnodes;
	struct lay_edge *edges;
	size_t nedges;
	struct lay_rect *lanes; /* zero-width rects: x, y, 0, h */
	size_t nlanes;
	struct lay_frame *frames;       /* owned, in painting order within their layer */
	size_t nframes;
};

/* One system to draw. */
struct lay_box_in {
	const char *id;
	const char *name;
	const char *detail;     /* may be NULL */
};

/* One flow; role is ROLE_EDGE_PLAIN or one of lay_edge_role(). */
struct lay_flow_in {
	size_t from, to;
	const char *label;
	const char *tag;        /* may be NULL */
	enum lay_role role;
};

/* Lanes layout of boxes[0..nboxes) and flows[0..nflows).  Caller frees. */
struct layout *layout_lanes(const struct lay_box_in *boxes, size_t nboxes, const struct lay_flow_in *flows,
                            size_t nflows, const struct fontset *fs);

/* Which way a hub's spoke carries data: the arrow's heads. */
enum lay_way {
	LAY_WAY_BOTH,           /* both ways: a head at each end */
	LAY_WAY_IN,             /* into the centre only */
	LAY_WAY_OUT,            /* out of the centre only */
};

/* A hub's boxes are read without the page's fonts too (a downloaded SVG
 * falls back to the reader's sans-serif, up to about this much wider), so
 * their text is wrapped to their inner width divided by this: it stays
 * inside its box, with padding, in either. */
#define LAY_HUB_TEXT_SLACK 1.2

/* Hub layout: centre joined to each of spokes[0..n) by an arrow labelled
 * labels[i] (labels or labels[i] may be NULL) pointing ways[i] (ways NULL:
 * all LAY_WAY_BOTH).  Node 0 is the centre; edge i joins node i + 1 and
 * the centre, its head (x2, y2) at the end the data reaches (at the
 * centre for LAY_WAY_BOTH).  Caller frees. */
struct layout *layout_hub(const struct lay_box_in *centre, const struct lay_box_in *spokes, size_t n,
                          const char *const *labels, const enum lay_way *ways, const struct fontset *fs);

void layout_free(struct layout *lay);

/* The role of an arrow of kind number kind (from 0) drawn with line: the
 * kind's colour in that line style; ROLE_EDGE_PLAIN for a kind beyond
 * LAY_KINDS. */
enum lay_role lay_edge_role(size_t kind, enum lay_stroke line);

/* Wraps text to lines no wider than width at size in face; returns the
 * number of lines.  Exposed for tests. */
size_t layout_wrap(const struct fontset *fs, enum font_face face, double size, const char *text, double width,
                   struct lay_text *out);

/* How much a title shrinks at a time when it does not fit. */
#define TITLE_SIZE_STEP 2.0

/* Wraps a title (a social card's) into at most max_lines lines no wider
 * than width, at the largest size from size down to min_size (in steps of
 * TITLE_SIZE_STEP) at which it fits: lines break at spaces, and a word
 * wider than a line breaks after one of its own hyphens.  If it fits at
 * no size, it is set at min_size and a part still wider than a line is cut
 * with a visible hyphen (the lines may then be more than max_lines).  A
 * word is never broken elsewhere.  out->size is the size chosen; returns
 * the number of lines. */
size_t layout_wrap_title(const struct fontset *fs, enum font_face face, double size, double min_size, const char *text,
                         double width, size_t max_lines, struct lay_text *out);

/* The height of t's lines (0 when it has none), and t's lines placed
 * centred in [x, x + width], the first line's top at y (sets t->box):
 * the measures every layout shares (sequence.c). */
double layout_text_height(const struct lay_text *t);
void layout_place_text(struct lay_text *t, const struct fontset *fs, double x, double width, double y);

#endif
