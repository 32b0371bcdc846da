#include "diagram/pngenc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/deflate.h"
#include "base/xalloc.h"

/* PNG's colour types (PNG specification, 11.2.2 IHDR). */
enum { COLOUR_RGB = 2, COLOUR_PALETTE = 3, COLOUR_RGBA = 6 };

/* ---- memory reused per thread ---------------------------------------- */

struct scratch {
	unsigned char *canvas;          /* pixels of pngenc_canvas's surface */
	size_t canvas_cap;
	bool canvas_busy;               /* a surface still draws on canvas */
	unsigned char *scanlines;       /* filter byte and pixels, row by row */
	size_t scanlines_cap;
	struct buf zlib;                /* the compressed scanlines */
};

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *p)
{
	struct scratch *s = p;
	free(s->canvas);
	free(s->scanlines);
	buf_free(&s->zlib);
	free(s);
}

static void scratch_key_create(void)
{
	if (pthread_key_create(&scratch_key, scratch_free) != 0)
		abort();
}

/* The calling thread's buffers, made on first use; the thread owns them
 * (scratch_free runs when it ends). */
static struct scratch *scratch_get(void)
{
	pthread_once(&scratch_once, scratch_key_create);
	struct scratch *s = pthread_getspecific(scratch_key);
	if (s == NULL) {
		s = xcalloc(1, sizeof *s);
		pthread_setspecific(scratch_key, s);
	}
	return s;
}

/* Makes *p hold at least need bytes; the old contents need not survive
 * (realloc would copy them). */
static unsigned char *reserve(unsigned char **p, size_t *cap, size_t need)
{
	if (*cap < need) {
		free(*p);
		*p = xmalloc(need);
		*cap = need;
	}
	return *p;
}

/* ---- the canvas ------------------------------------------------------- */

static const cairo_user_data_key_t canvas_key;

static void canvas_release(void *p)
{
	((struct scratch *)p)->canvas_busy = false;
}

/* The first row pixel by pixel, the others copied from it: memcpy moves
 * a row several times faster than the loop writes one. */
static void fill(unsigned char *pixels, int w, int h, int stride, uint32_t colour)
{
	uint32_t *first = (uint32_t *)(void *)pixels;
	for (int x = 0; x < w; x++)
		first[x] = colour;
	for (int y = 1; y < h; y++)
		memcpy(pixels + (size_t)y * (size_t)stride, pixels, (size_t)w * 4);
}

/* Filling the reused memory once with the background replaces cairo's
 * clearing of fresh memory and the paint of the background over it: two
 * passes over every pixel, and a page fault for every 4 KB of a new surface. */
cairo_surface_t *pngenc_canvas(int w, int h, unsigned char r, unsigned char g, unsigned char b)
{
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	if (w <= 0 || h <= 0 || stride < 0)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);     /* cairo's error surface */
	size_t bytes = (size_t)stride * (size_t)h;
	uint32_t colour = 0xff000000u | (uint32_t)r << 16 | (uint32_t)g << 8 | b;
	struct scratch *s = scratch_get();
	if (s->canvas_busy) {
		cairo_surface_t *own = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		if (cairo_surface_status(own) == CAIRO_STATUS_SUCCESS) {
			cairo_surface_flush(own);
			fill(cairo_image_surface_get_data(own), w, h, stride, colour);
			cairo_surface_mark_dirty(own);
		}
		return own;
	}
	unsigned char *pixels = reserve(&s->canvas, &s->canvas_cap, bytes);
	fill(pixels, w, h, stride, colour);
	cairo_surface_t *surface = cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB24, w, h, stride);
	/* Busy until cairo destroys the surface; one that cannot say so (no
	 * memory) is not handed out. */
	if (cairo_surface_set_user_data(surface, &canvas_key, s, canvas_release) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, -1, -1);   /* an error surface */
	}
	s->canvas_busy = true;
	return surface;
}

/* ---- pixels ----------------------------------------------------------- */

/* cairo keeps colour premultiplied by alpha; PNG wants it straight. */
static unsigned char unpremultiply(uint32_t channel, uint32_t alpha)
{
	return alpha == 0 ? 0 : (unsigned char)((channel * 255 + alpha / 2) / alpha);
}

/* One cairo pixel as straight R, G, B, A. */
static void straight(uint32_t p, bool alpha, unsigned char *out)
{
	uint32_t a = alpha ? p >> 24 : 255;
	/* Nearly every pixel is opaque (or, on a transparent picture, clear):
	 * no division for those. */
	if (a == 255 || a == 0) {
		out[0] = (unsigned char)(p >> 16);
		out[1] = (unsigned char)(p >> 8);
		out[2] = (unsigned char)p;
	} else {
		out[0] = unpremultiply((p >> 16) & 0xff, a);
		out[1] = unpremultiply((p >> 8) & 0xff, a);
		out[2] = unpremultiply(p & 0xff, a);
	}
	out[3] = (unsigned char)a;
}

struct image {
	const unsigned char *pixels;
	int w, h, stride;
	bool alpha;                     /* ARGB32; else RGB24, whose top byte means nothing */
};

static const uint32_t *image_row(const struct image *im, int y)
{
	return (const uint32_t *)(const void *)(im->pixels + (size_t)y * (size_t)im->stride);
}

/* Whether row y of the image has the same pixels as the row above: the
 * cards and diagrams repeat rows of plain ground more often than not, and
 * the scanline already made for the row above is then copied, which is
 * several times faster than making it again. */
static bool same_as_above(const struct image *im, int y)
{
	return y > 0 && memcmp(image_row(im, y), image_row(im, y - 1), (size_t)im->w * 4) == 0;
}

/* Scanlines of truecolour pixels, each after its filter byte 0 (none).
 * Opaque pixels, nearly all, are only reordered: the loop for them is the
 * encoder's hottest after deflate. */
static void truecolour_scanlines(const struct image *im, unsigned char *out)
{
	size_t len = 1 + (size_t)im->w * (im->alpha ? 4 : 3);
	for (int y = 0; y < im->h; y++) {
		const uint32_t *src = image_row(im, y);
		if (same_as_above(im, y)) {
			memcpy(out, out - len, len);
			out += len;
			continue;
		}
		*out++ = 0;
		if (!im->alpha) {
			for (int x = 0; x < im->w; x++, out += 3) {
				uint32_t p = src[x];
				out[0] = (unsigned char)(p >> 16);
				out[1] = (unsigned char)(p >> 8);
				out[2] = (unsigned char)p;
			}
			continue;
		}
		for (int x = 0; x < im->w; x++, out += 4)
			straight(src[x], true, out);
	}
}

/* The palette of an image of at most 256 colours, found by an open hash
 * of 512 slots keyed by the cairo pixel (premultiplied values map to
 * straight ones one to one, so each colour has one key). */
#define SLOTS 512
struct palette {
	uint32_t colour[256];           /* cairo pixels, in order of first use */
	int n;
	uint32_t slot_key[SLOTS];
	short slot_index[SLOTS];        /* -1: empty */
};

/* The index of colour p, added when new; -1 when it would be the 257th. */
static int palette_index(struct palette *pal, uint32_t p)
{
	uint32_t i = (p * 2654435761u) >> 23;   /* 9 bits of a multiplicative hash */
	while (pal->slot_index[i] >= 0) {
		if (pal->slot_key[i] == p)
			return pal->slot_index[i];
		i = (i + 1) & (SLOTS - 1);
	}
	if (pal->n == 256)
		return -1;
	pal->slot_key[i] = p;
	pal->slot_index[i] = (short)pal->n;
	pal->colour[pal->n] = p;
	return pal->n++;
}

/* Scanlines of palette indexes, each after its filter byte 0, and the
 * palette; false as soon as a 257th colour appears. */
static bool palette_scanlines(const struct image *im, struct palette *pal, unsigned char *out)
{
	uint32_t mask = im->alpha ? 0xffffffffu : 0x00ffffffu;
	pal->n = 0;
	memset(pal->slot_index, 0xff, sizeof pal->slot_index);
	uint32_t last = 0;
	int last_index = -1;            /* runs of one colour skip the hash */
	size_t len = 1 + (size_t)im->w;
	for (int y = 0; y < im->h; y++) {
		const uint32_t *src = image_row(im, y);
		if (same_as_above(im, y)) {     /* no colour it has not seen */
			memcpy(out, out - len, len);
			out += len;
			continue;
		}
		*out++ = 0;
		for (int x = 0; x < im->w; x++) {
			uint32_t p = src[x] & mask;
			if (last_index < 0 || p != last) {
				last_index = palette_index(pal, p);
				if (last_index < 0)
					return false;
				last = p;
			}
			*out++ = (unsigned char)last_index;
		}
	}
	return true;
}

/* ---- the container ---------------------------------------------------- */

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A chunk: length, type, data, and the CRC-32 of type and data (PNG
 * specification, 5.3). */
static void put_chunk(struct buf *out, const char type[4], const unsigned char *data, size_t len)
{
	unsigned char word[4];
	put_be32(word, (uint32_t)len);
	buf_put(out, word, 4);
	buf_put(out, type, 4);
	uint32_t crc = deflate_crc32(0, type, 4);
	if (len) {
		buf_put(out, data, len);
		crc = deflate_crc32(crc, data, len);
	}
	put_be32(word, crc);
	buf_put(out, word, 4);
}

static void put_header(struct buf *out, const struct image *im, int colour_type)
{
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	buf_put(out, signature, sizeof signature);
	unsigned char ihdr[13];
	put_be32(ihdr, (uint32_t)im->w);
	put_be32(ihdr + 4, (uint32_t)im->h);
	ihdr[8] = 8;                    /* bits per sample or palette index */
	ihdr[9] = (unsigned char)colour_type;
	ihdr[10] = 0;                   /* deflate */
	ihdr[11] = 0;                   /* adaptive filtering, with filter types 0-4 */
	ihdr[12] = 0;                   /* not interlaced */
	put_chunk(out, "IHDR", ihdr, sizeof ihdr);
}

/* PLTE, and tRNS up to the last entry that is not opaque (entries past it
 * are opaque by the specification), none when every entry is. */
static void put_palette(struct buf *out, const struct palette *pal, bool alpha)
{
	unsigned char rgb[256 * 3] = {0}, a[256] = {0};
	int last_clear = -1;
	for (int i = 0; i < pal->n; i++) {
		unsigned char px[4];
		straight(pal->colour[i], alpha, px);
		memcpy(rgb + (size_t)3 * (size_t)i, px, 3);
		a[i] = px[3];
		if (px[3] != 255)
			last_clear = i;
	}
	put_chunk(out, "PLTE", rgb, (size_t)pal->n * 3);
	if (last_clear >= 0)
		put_chunk(out, "tRNS", a, (size_t)last_clear + 1);
}

static bool encode(cairo_surface_t *surface, bool try_palette, struct buf *out)
{
	cairo_format_t format = cairo_image_surface_get_format(surface);
	if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32)
		return false;
	cairo_surface_flush(surface);
	struct image im = {cairo_image_surface_get_data(surface), cairo_image_surface_get_width(surface),
	                   cairo_image_surface_get_height(surface), cairo_image_surface_get_stride(surface),
	                   format == CAIRO_FORMAT_ARGB32};
	if (im.pixels == NULL || im.w <= 0 || im.h <= 0)
		return false;
	struct scratch *s = scratch_get();
	size_t channels = im.alpha ? 4 : 3, row = 1 + (size_t)im.w * channels;
	reserve(&s->scanlines, &s->scanlines_cap, row * (size_t)im.h);
	struct palette *pal = NULL;
	if (try_palette) {
		pal = xmalloc(sizeof *pal);
		if (!palette_scanlines(&im, pal, s->scanlines)) {
			free(pal);
			pal = NULL;
		}
	}
	size_t len = pal ? (1 + (size_t)im.w) * (size_t)im.h : row * (size_t)im.h;
	if (pal == NULL)
		truecolour_scanlines(&im, s->scanlines);
	buf_reset(&s->zlib);
	/* A chunk's length is at most 2^31 - 1 (PNG specification, 5.3). */
	bool ok = deflate_zlib(s->scanlines, len, &s->zlib) && s->zlib.len <= 0x7fffffff;
	if (ok) {
		put_header(out, &im, pal ? COLOUR_PALETTE : im.alpha ? COLOUR_RGBA : COLOUR_RGB);
		if (pal)
			put_palette(out, pal, im.alpha);
		put_chunk(out, "IDAT", (const unsigned char *)s->zlib.data, s->zlib.len);
		put_chunk(out, "IEND", NULL, 0);
	}
	free(pal);
	return ok;
}

bool pngenc_surface(cairo_surface_t *surface, struct buf *out)
{
	return encode(surface, false, out);
}

bool pngenc_surface_smallest(cairo_surface_t *surface, struct buf *out)
{
	return encode(surface, true, out);
}
