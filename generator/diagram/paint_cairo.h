/*
 * paint_cairo: the raster painter, with cairo and FreeType.
 *
 * cairo draws with the project's TrueType files through FreeType (never
 * a family name), with metric hinting off, so glyphs land where the
 * layout measured them.  Output is PNG, byte-identical from run to run.
 */
#ifndef FOLIO_PAINT_CAIRO_H
#define FOLIO_PAINT_CAIRO_H

#include <stdbool.h>

#include <cairo.h>

#include "base/buf.h"
#include "base/font.h"
#include "diagram/layout.h"
#include "diagram/paint.h"

/* Appends a PNG of lay in pal (NULL: the theme's) at scale (1 or 2) on a
 * white ground to png. */
bool paint_cairo_png(const struct layout *lay, const struct fontset *fs, const struct paint_palette *pal, double scale,
                     struct buf *png);

/* The picture paint_cairo_png encodes, as an RGB24 surface (check its
 * status); it is a pngenc_canvas, so destroy it before drawing the next. */
cairo_surface_t *paint_cairo_surface(const struct layout *lay, const struct fontset *fs,
                                     const struct paint_palette *pal, double scale);

/* What a social card shows. */
struct paint_cairo_card {
	const char *title;      /* the page's title, large */
	const char *context;    /* the resource's name, above it (may be NULL) */
	const char *publisher;  /* at the foot */
	const struct layout *motif;     /* a diagram drawn on the right (may be NULL) */
	const struct paint_palette *palette;    /* NULL: the theme's */
};

#define CARD_WIDTH 1200
#define CARD_HEIGHT 630

/* Appends a CARD_WIDTH x CARD_HEIGHT PNG of c to png. */
bool paint_cairo_card_png(const struct paint_cairo_card *c, const struct fontset *fs, struct buf *png);

/* The card paint_cairo_card_png encodes, as paint_cairo_surface gives it. */
cairo_surface_t *paint_cairo_card_surface(const struct paint_cairo_card *c, const struct fontset *fs);

#endif
