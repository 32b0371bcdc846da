/*
 * pngenc: cairo image surfaces to PNG bytes, the same bytes every run.
 *
 * The PNG container (signature, IHDR, PLTE, tRNS, one IDAT, IEND) is
 * written here; the image data is compressed in one call by deflate.h
 * (libdeflate).  Every scanline has filter 0 (none): on the bench site's
 * cards and diagrams, at libdeflate's level 6, none gave 31 KB a card and
 * 45 KB a diagram where up gave 39 and 51, paeth 40 and 52, sub 40 and
 * 52, and the per-row choice by least sum of differences 38 and 50.  Flat colour repeats
 * exactly, which a filter only disturbs.  It costs nothing, and it is the
 * specification's advice for palette images.
 *
 * Memory: the pixel and compression buffers are kept per thread and reused
 * from one image to the next (a build draws thousands), so that a picture
 * costs no fresh pages from the system; a thread's buffers are freed when
 * the thread ends.
 */
#ifndef FOLIO_PNGENC_H
#define FOLIO_PNGENC_H

#include <stdbool.h>

#include <cairo.h>

#include "base/buf.h"

/* Appends a PNG of surface (CAIRO_FORMAT_RGB24: opaque RGB; ARGB32: RGBA,
 * straight alpha), always 8-bit truecolour, which every reader takes
 * (the PDF's libharu reads it back).  No time or text chunks: the bytes
 * depend only on the pixels.  False when the format is another or the
 * surface is empty. */
bool pngenc_surface(cairo_surface_t *surface, struct buf *out);

/* The same pixels in the smallest form this encoder has: an 8-bit palette
 * (colour type 3, with tRNS for alpha) when the image has at most 256
 * colours, exactly (never quantised); else as pngenc_surface. */
bool pngenc_surface_smallest(cairo_surface_t *surface, struct buf *out);

/* A w x h RGB24 surface filled with the colour r, g, b, its pixels in the
 * calling thread's reused memory when that is free (else its own); for
 * pictures drawn, encoded and destroyed one after another.  Check its
 * status as any cairo surface's. */
cairo_surface_t *pngenc_canvas(int w, int h, unsigned char r, unsigned char g, unsigned char b);

#endif
