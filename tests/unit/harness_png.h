/*
 * harness_png: decodes a PNG held in memory, for the tests that check what
 * an encoder wrote.  The decoder is libpng through cairo's reader, which
 * shares no code with folio's own encoder (diagram/pngenc.c), so a test
 * comparing its pixels has an independent expectation.
 *
 *     cairo_surface_t *s = harness_png_decode(&png);
 *     if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) ...
 *     cairo_surface_destroy(s);
 */
#ifndef FOLIO_TEST_HARNESS_PNG_H
#define FOLIO_TEST_HARNESS_PNG_H

#include <string.h>

#include <cairo.h>

#include "base/buf.h"

struct harness_png_reader {
	const struct buf *png;
	size_t at;
};

static cairo_status_t harness_png_read(void *closure, unsigned char *data, unsigned int length)
{
	struct harness_png_reader *r = closure;
	if (r->at + length > r->png->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->png->data + r->at, length);
	r->at += length;
	return CAIRO_STATUS_SUCCESS;
}

/* The picture in png.  The caller destroys the surface, which cairo
 * returns in an error state (check cairo_surface_status) when png does
 * not decode. */
__attribute__((unused)) static cairo_surface_t *harness_png_decode(const struct buf *png)
{
	struct harness_png_reader r = {png, 0};
	return cairo_image_surface_create_from_png_stream(harness_png_read, &r);
}

#endif
