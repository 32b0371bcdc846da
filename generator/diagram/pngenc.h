/*
 * pngenc: cairo image surfaces to PNG bytes, the same bytes every run.
 */
#ifndef FOLIO_PNGENC_H
#define FOLIO_PNGENC_H

#include <stdbool.h>

#include <cairo.h>

#include "base/buf.h"

/* Appends a PNG of surface (CAIRO_FORMAT_RGB24: opaque RGB; ARGB32: RGBA,
 * straight alpha) to out.  No time or text chunks: the bytes depend only
 * on the pixels.  False when libpng fails or the format is another. */
bool pngenc_surface(cairo_surface_t *surface, struct buf *out);

#endif
