/*
 * paint: one painter interface for every output of a diagram.
 *
 * paint_layout() walks a layout and calls a painter's operations in a
 * fixed order (groups, bands and blocks, then lanes, then notes and
 * activations, then boxes, then arrows with their labels), so every
 * backend draws the same picture: SVG for the page (paint_svg), cairo for
 * PNG and social cards (paint_cairo), libharu for the PDF.  Coordinates are
 * the layout's: CSS pixels, y down.
 */
#ifndef FOLIO_PAINT_H
#define FOLIO_PAINT_H

#include <stdbool.h>

#include "base/font.h"
#include "content/brand.h"
#include "diagram/layout.h"

/* An outline as a painter draws it: ops[i] takes its points from pts in
 * order (PAINT_MOVE and PAINT_LINE one x, y pair, PAINT_CURVE three: two
 * control points and the end, PAINT_CLOSE none). */
enum paint_op { PAINT_MOVE, PAINT_LINE, PAINT_CURVE, PAINT_CLOSE };

struct paint_path {
	enum paint_op *ops;     /* owned */
	size_t nops, cap_ops;
	double *pts;            /* owned: x, y pairs */
	size_t npts, cap_pts;   /* counted in pairs */
	bool fill;              /* a closed shape to fill; false: a line only */
	bool solid;             /* stroked without the role's dash (an arrow head) */
};

/* Appending to a path (zero-initialised it is empty); paint_path_free
 * frees what it holds. */
void paint_path_move(struct paint_path *path, double x, double y);
void paint_path_line(struct paint_path *path, double x, double y);
void paint_path_curve(struct paint_path *path, double x1, double y1, double x2, double y2, double x, double y);
void paint_path_close(struct paint_path *path);
void paint_path_free(struct paint_path *path);

/* How tall an actor's figure is, at the top of its box (its name goes
 * below). */
#define PAINT_ACTOR_HEIGHT 47.0

/* The vertical radius of a cylinder's lid in a box of width x height, as
 * Mermaid draws it: set by the width, at most a quarter of the height. */
double paint_lid_radius(double width, double height);

/* The outline of shape in box, into path (filled); the few shapes drawn
 * with a second stroke (a cylinder's lid, a subroutine's inner lines, an
 * actor's figure) get it in extra, not filled (left empty otherwise). */
void paint_shape_path(enum lay_shape shape, struct lay_rect box, struct paint_path *path, struct paint_path *extra);

/* Whether x, y lies inside path's closed outlines (even-odd rule), its
 * curves followed within a few hundredths of a pixel (for outlines up to a
 * few hundred pixels across). */
bool paint_path_contains(const struct paint_path *path, double x, double y);

/*
 * Cuts a curved line where it first leaves the outline start and where it
 * last enters the outline end (each filled, as paint_shape_path makes
 * them; NULL: not cut at that end): pts[0..npts) is pts[0] followed by
 * cubic Bézier segments of three points each (npts == 1 + 3k).  The cut
 * line is written over pts; returns its number of points (1 + 3j,
 * j <= k).  An end of the line that is not inside its outline is left
 * as it is.
 */
size_t paint_curve_clip(struct lay_point *pts, size_t npts, const struct paint_path *start,
                        const struct paint_path *end);

struct painter {
	void *ctx;
	void (*group_begin)(void *ctx, const char *id, const char *cls);
	void (*group_end)(void *ctx);
	void (*rect)(void *ctx, struct lay_rect box, double radius, enum lay_role role);
	void (*line)(void *ctx, double x1, double y1, double x2, double y2, enum lay_role role);
	/* A filled triangle with its tip at x, y, pointing along (dx, dy). */
	void (*arrow_head)(void *ctx, double x, double y, double dx, double dy, enum lay_role role);
	/* One line of text, x, y at the start of its baseline, width wide
	 * in the layout's fonts (a painter whose reader may lack them can
	 * anchor the text at its middle, x + width / 2). */
	void (*text)(void *ctx, double x, double y, double width, const char *text, enum font_face face, double size,
	             enum lay_role role);
	/* Any other outline: a shape, a curved arrow, an open or crossed
	 * head.  Stroked in role's style; filled too when path->fill and the
	 * style has a fill. */
	void (*path)(void *ctx, const struct paint_path *path, enum lay_role role);
};

/* How a role looks, for painters without style sheets.  Colours are sRGB
 * 0..1; a width of 0 means no stroke, fill[0] < 0 no fill. */
struct paint_style {
	double fill[3];
	double stroke[3];
	double width;
	double dash;            /* dash length; 0 for a solid line */
	const char *css_class;  /* the SVG class, e.g. "dg-kind-2" */
};

/* The colours of every picture: each role's light and dark style, and the
 * social card's band and title. */
struct paint_palette {
	struct paint_style styles[ROLE_COUNT][2];
	double card_band[3];
	double card_title[3];
};

/* The theme's own palette. */
const struct paint_palette *paint_palette_theme(void);

/* The theme's palette in a publisher's colours: the primary outlines the
 * boxes, fills the centre box and draws the arrows of no kind (the dark
 * primary in the dark scheme), the card takes the accent for its band and
 * the primary for its title; the kinds keep their colours. */
void paint_palette_branded(struct paint_palette *out, const struct brand_rgb *brand);

/* How role looks in pal (NULL: the theme's), light or dark. */
const struct paint_style *paint_style(const struct paint_palette *pal, enum lay_role role, bool dark);

/* The three corners of an arrow head with its tip at x, y pointing along
 * (dx, dy): pts = {tip, left, right} as x, y pairs. */
void paint_head_points(double x, double y, double dx, double dy, double pts[6]);

/* Whether lay has any part that only diagrams written in the content
 * have (a frame, a shape other than the box, a curved arrow, another
 * head, an autonumber, a role after ROLE_LABEL_BACK): what a resource's
 * diagram carries (its SVG file's style sheet, its PNG's key) stays as
 * it was without them. */
bool paint_has_content_parts(const struct layout *lay);

/* Paints lay; id_prefix makes group ids unique on a page ("" for none). */
void paint_layout(const struct layout *lay, const struct painter *p, const char *id_prefix);

/* The CSS for the dark scheme of the resources' diagrams, from pal (NULL:
 * the theme's): the rules of the roles up to ROLE_LABEL_BACK, as their
 * standalone SVG files have always carried; caller frees. */
char *paint_dark_css(const struct paint_palette *pal);

/* The same for every role, and a rule that keeps a line's outline (class
 * dg-line) unfilled in both schemes: for the site's sheet of inline
 * diagrams and the files of diagrams written in the content; caller
 * frees. */
char *paint_dark_css_all(const struct paint_palette *pal);

#endif
