#include "diagram/pngenc.h"

#include <stdint.h>
#include <stdlib.h>

#include <png.h>

/* Flat colours compress almost as well with one cheap filter and a fast
 * zlib level as with libpng's adaptive search, in a fraction of the time. */
#define PNG_COMPRESSION 3

static void append_png(png_structp png, png_bytep data, size_t length)
{
	buf_put(png_get_io_ptr(png), data, length);
}

static void flush_png(png_structp png)
{
	(void)png;
}

/* cairo keeps colour premultiplied by alpha; PNG wants it straight. */
static unsigned char unpremultiply(uint32_t channel, uint32_t alpha)
{
	return alpha == 0 ? 0 : (unsigned char)((channel * 255 + alpha / 2) / alpha);
}

static void convert_row(const uint32_t *src, int width, bool alpha, unsigned char *row)
{
	int channels = alpha ? 4 : 3;
	for (int x = 0; x < width; x++) {
		uint32_t p = src[x], a = alpha ? p >> 24 : 255;
		unsigned char *out = row + (size_t)x * (size_t)channels;
		/* Nearly every pixel is opaque (or, on a transparent diagram,
		 * clear): no division for those. */
		if (a == 255 || a == 0) {
			out[0] = (unsigned char)(p >> 16);
			out[1] = (unsigned char)(p >> 8);
			out[2] = (unsigned char)p;
		} else {
			out[0] = unpremultiply((p >> 16) & 0xff, a);
			out[1] = unpremultiply((p >> 8) & 0xff, a);
			out[2] = unpremultiply(p & 0xff, a);
		}
		if (alpha)
			out[3] = (unsigned char)a;
	}
}

bool pngenc_surface(cairo_surface_t *surface, struct buf *out)
{
	cairo_format_t format = cairo_image_surface_get_format(surface);
	if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32)
		return false;
	bool alpha = format == CAIRO_FORMAT_ARGB32;
	cairo_surface_flush(surface);
	int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *pixels = cairo_image_surface_get_data(surface);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *row = malloc((size_t)w * 4);
	bool ok = false;
	if (png == NULL || info == NULL || row == NULL || pixels == NULL)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, out, append_png, flush_png);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
	png_set_compression_level(png, PNG_COMPRESSION);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		convert_row((const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride), w, alpha, row);
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	ok = true;
out:
	png_destroy_write_struct(&png, &info);
	free(row);
	return ok;
}
