/*
 * test_pngenc: the PNG encoder against an independent decoder.
 *
 * Every kind of picture a build writes (a pattern diagram and an overview
 * at scale 2, a social card with and without a motif, an opaque and a
 * transparent icon-like surface) and the encoder's own cases (at most 256
 * colours, with and without alpha; more; odd widths with padded rows) is
 * encoded, then decoded by libpng through cairo's reader: the decoded
 * surface must equal the drawn one pixel for pixel.  cairo premultiplies
 * what it reads with exact rounding and a drawn pixel's channels never
 * exceed its alpha, so straight-then-premultiplied is the identity and
 * any lost bit shows.  The container is checked by hand (chunk order,
 * CRCs with a bitwise CRC-32, colour type) and the bytes must be the same
 * on every run and from several threads at once.
 */
#include "harness.h"
#include "harness_png.h"

#include <pthread.h>
#include <stdint.h>

#include <cairo.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "diagram/layout.h"
#include "diagram/paint_cairo.h"
#include "diagram/pngenc.h"

static struct fontset *fs;

static uint32_t at(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	uint32_t v;
	memcpy(&v, row + 4 * (size_t)x, 4);
	return v;
}

/* How many pixels of png, decoded, differ from drawn (RGB24: the top byte
 * means nothing); -1 when it does not decode or has another size. */
static long pixels_differ(cairo_surface_t *drawn, const struct buf *png)
{
	cairo_surface_t *got = harness_png_decode(png);
	long differ = -1;
	int w = cairo_image_surface_get_width(drawn), h = cairo_image_surface_get_height(drawn);
	if (cairo_surface_status(got) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(got) == w &&
	    cairo_image_surface_get_height(got) == h) {
		cairo_surface_flush(drawn);
		cairo_surface_flush(got);
		bool alpha = cairo_image_surface_get_format(drawn) == CAIRO_FORMAT_ARGB32;
		uint32_t mask = alpha ? 0xffffffffu : 0x00ffffffu;
		differ = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				differ += (at(drawn, x, y) & mask) != (at(got, x, y) & mask);
	}
	cairo_surface_destroy(got);
	return differ;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* CRC-32 of the PNG specification (annex D), bit by bit: not the
 * encoder's table-driven deflate_crc32. */
static uint32_t crc32_bitwise(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

/* The chunk types of png in order ("IHDR PLTE IDAT IEND"), each CRC
 * checked; "bad" when a CRC or a length is wrong.  *colour_type gets
 * IHDR's. */
static void chunks(const struct buf *png, char *types, size_t size, int *colour_type)
{
	const unsigned char *p = (const unsigned char *)png->data;
	size_t pos = 8, used = 0;
	types[0] = '\0';
	*colour_type = -1;
	if (png->len < 8 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0) {
		snprintf(types, size, "bad");
		return;
	}
	while (pos + 12 <= png->len) {
		uint32_t len = be32(p + pos);
		if (pos + 12 + len > png->len || crc32_bitwise(p + pos + 4, 4 + (size_t)len) != be32(p + pos + 8 + len)) {
			snprintf(types, size, "bad");
			return;
		}
		if (memcmp(p + pos + 4, "IHDR", 4) == 0)
			*colour_type = p[pos + 8 + 9];
		used += (size_t)snprintf(types + used, size - used, "%s%.4s", used ? " " : "", (const char *)p + pos + 4);
		pos += 12 + len;
	}
	if (pos != png->len)
		snprintf(types, size, "bad");
}

/* Encodes drawn with encoder, checks the pixels and the container, and
 * that a second encoding gives the same bytes; returns the colour type. */
static int check_round_trip(cairo_surface_t *drawn, bool (*encoder)(cairo_surface_t *, struct buf *),
                            const char *want_chunks)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	CHECK(encoder(drawn, &a));
	CHECK(encoder(drawn, &b));
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	CHECK_INT(pixels_differ(drawn, &a), 0);
	char types[128];
	int colour_type;
	chunks(&a, types, sizeof types, &colour_type);
	CHECK_STR(types, want_chunks);
	buf_free(&a);
	buf_free(&b);
	return colour_type;
}

static struct layout *lanes(void)
{
	static const struct lay_box_in boxes[] = {
		{"crm", "Customer records", "accounts and contacts"},
		{"erp", "Orders and invoices", NULL},
		{"hub", "Integration hub", "maps and retries"},
	};
	static const struct lay_flow_in flows[] = {
		{0, 2, "New account", "webhook", ROLE_EDGE_PLAIN},
		{2, 1, "Customer created", NULL, ROLE_EDGE_PLAIN},
		{1, 0, "Invoice paid", "nightly", ROLE_EDGE_PLAIN},
	};
	return layout_lanes(boxes, 3, flows, 3, fs);
}

static struct layout *hub(void)
{
	static const struct lay_box_in centre = {"c", "Customer platform", NULL};
	static const struct lay_box_in spokes[] = {
		{"a", "Accounting", NULL}, {"b", "Support desk", "tickets"}, {"m", "Marketing", NULL}, {"w", "Web shop", NULL}};
	static const char *const labels[] = {"invoices", NULL, "segments", "orders"};
	static const enum lay_way ways[] = {LAY_WAY_IN, LAY_WAY_BOTH, LAY_WAY_OUT, LAY_WAY_IN};
	return layout_hub(&centre, spokes, 4, labels, ways, fs);
}

/* A pattern diagram and an overview at the scale the build writes (2)
 * and at 1: pixels kept, and what paint_cairo_png writes is the same
 * bytes as encoding the surface. */
static void test_diagrams(void)
{
	struct layout *lays[2] = {lanes(), hub()};
	for (int i = 0; i < 2; i++) {
		for (double scale = 1; scale <= 2; scale++) {
			cairo_surface_t *s = paint_cairo_surface(lays[i], fs, NULL, scale);
			CHECK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
			int type = check_round_trip(s, pngenc_surface_smallest, "IHDR IDAT IEND");
			CHECK_INT(type, 2);     /* antialiased text: more than 256 colours */
			struct buf direct = BUF_INIT, via = BUF_INIT;
			CHECK(pngenc_surface_smallest(s, &via));
			cairo_surface_destroy(s);
			CHECK(paint_cairo_png(lays[i], fs, NULL, scale, &direct));
			CHECK(direct.len == via.len && memcmp(direct.data, via.data, via.len) == 0);
			buf_free(&direct);
			buf_free(&via);
		}
		layout_free(lays[i]);
	}
}

static void test_cards(void)
{
	struct layout *motif = lanes();
	struct paint_cairo_card cards[] = {
		{"Customer records to invoices", "Integration patterns", "A publisher", motif, NULL},
		{"A page without a diagram, whose title is long enough to wrap over more than one line", NULL,
		 "A publisher", NULL, NULL},
	};
	for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
		cairo_surface_t *s = paint_cairo_card_surface(&cards[i], fs);
		CHECK(cairo_image_surface_get_width(s) == CARD_WIDTH && cairo_image_surface_get_height(s) == CARD_HEIGHT);
		CHECK_INT(at(s, 600, 300) & 0xffffff, 0xf7f9fc);        /* the card's ground */
		check_round_trip(s, pngenc_surface_smallest, "IHDR IDAT IEND");
		cairo_surface_destroy(s);
	}
	layout_free(motif);
}

/* A surface w wide with n horizontal bands of 2 rows, each its own colour
 * (ARGB32: some translucent, every fifth clear), drawn by cairo on whole
 * pixels, so no edge blends two bands. */
static cairo_surface_t *bands(cairo_format_t format, int w, int n)
{
	cairo_surface_t *s = cairo_image_surface_create(format, w, 2 * n);
	cairo_t *cr = cairo_create(s);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	for (int i = 0; i < n; i++) {
		double a = format == CAIRO_FORMAT_ARGB32 ? (i % 5 == 0 ? 0 : (i % 7 + 1) / 8.0) : 1;
		cairo_set_source_rgba(cr, (i * 37 % 256) / 255.0, (i * 91 % 256) / 255.0, (i / 3) / 255.0, a);
		cairo_rectangle(cr, 0, 2 * i, w, 2);
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	return s;
}

static int compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The distinct pixel values of s, counted by sorting them. */
static size_t colours(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	uint32_t mask = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32 ? 0xffffffffu : 0x00ffffffu;
	uint32_t *all = malloc(sizeof *all * (size_t)w * (size_t)h);
	size_t n = 0, distinct = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			all[n++] = at(s, x, y) & mask;
	qsort(all, n, sizeof *all, compare_u32);
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || all[i] != all[i - 1];
	free(all);
	return distinct;
}

/* At most 256 colours, counted here: a palette (with tRNS only when some
 * are not opaque); more: truecolour.  pngenc_surface always writes
 * truecolour. */
static void test_palette_when_exact(void)
{
	struct {
		cairo_format_t format;
		int n;
	} cases[] = {{CAIRO_FORMAT_RGB24, 1}, {CAIRO_FORMAT_RGB24, 256}, {CAIRO_FORMAT_RGB24, 257},
	             {CAIRO_FORMAT_ARGB32, 200}, {CAIRO_FORMAT_ARGB32, 900}};
	int palettes = 0, truecolours = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* 301 wide: rows padded to the stride */
		cairo_surface_t *s = bands(cases[i].format, 301, cases[i].n);
		bool alpha = cases[i].format == CAIRO_FORMAT_ARGB32, few = colours(s) <= 256;
		const char *want = !few ? "IHDR IDAT IEND" : alpha ? "IHDR PLTE tRNS IDAT IEND" : "IHDR PLTE IDAT IEND";
		CHECK_INT(check_round_trip(s, pngenc_surface_smallest, want), few ? 3 : alpha ? 6 : 2);
		CHECK_INT(check_round_trip(s, pngenc_surface, "IHDR IDAT IEND"), alpha ? 6 : 2);
		palettes += few;
		truecolours += !few;
		cairo_surface_destroy(s);
	}
	CHECK_INT(palettes, 3);         /* the cases mean what they say */
	CHECK_INT(truecolours, 2);
}

/* A transparent picture drawn as the icons are: antialiased edges give
 * every alpha; a 1 x 1 surface; a canvas of an odd width. */
static void test_alpha_and_small(void)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 67, 67);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgba(cr, 0.2, 0.5, 0.8, 0.9);
	cairo_arc(cr, 33.3, 33.7, 25.1, 0, 6.2832);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 1, 0.4, 0, 0.35);
	cairo_rectangle(cr, 10.5, 10.25, 30, 12);
	cairo_fill(cr);
	cairo_destroy(cr);
	check_round_trip(s, pngenc_surface_smallest, "IHDR PLTE tRNS IDAT IEND");
	check_round_trip(s, pngenc_surface, "IHDR IDAT IEND");
	cairo_surface_destroy(s);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	check_round_trip(s, pngenc_surface_smallest, "IHDR PLTE IDAT IEND");
	cairo_surface_destroy(s);
	s = pngenc_canvas(13, 5, 1, 2, 3);
	CHECK_INT(at(s, 12, 4) & 0xffffff, 0x010203);
	check_round_trip(s, pngenc_surface_smallest, "IHDR PLTE IDAT IEND");
	/* A second canvas while the first is alive has memory of its own. */
	cairo_surface_t *other = pngenc_canvas(13, 5, 9, 9, 9);
	CHECK_INT(at(s, 0, 0) & 0xffffff, 0x010203);
	CHECK_INT(at(other, 0, 0) & 0xffffff, 0x090909);
	cairo_surface_destroy(other);
	cairo_surface_destroy(s);
	struct buf out = BUF_INIT;
	s = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
	CHECK(!pngenc_surface_smallest(s, &out));       /* a format PNG is not made from */
	cairo_surface_destroy(s);
	buf_free(&out);
}

/* w x h pixels of noise in format (ARGB32: premultiplied, no channel
 * above alpha), the same on every call: a linear congruential generator
 * from a fixed seed. */
static cairo_surface_t *noise(cairo_format_t format, int w, int h)
{
	uint32_t seed = 12345;
	cairo_surface_t *s = cairo_image_surface_create(format, w, h);
	unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			seed = seed * 1664525u + 1013904223u;
			uint32_t a = format == CAIRO_FORMAT_ARGB32 ? seed >> 24 : 255;
			uint32_t r = (seed >> 16 & 0xff) * a / 255, g = (seed >> 8 & 0xff) * a / 255, b = (seed & 0xff) * a / 255;
			uint32_t v = a << 24 | r << 16 | g << 8 | b;
			memcpy(px + (size_t)y * (size_t)stride + 4 * (size_t)x, &v, 4);
		}
	cairo_surface_mark_dirty(s);
	return s;
}

/* Noise, which deflate can hardly shrink: the stream is then about as
 * large as the pixels, which the compressor's output buffer must hold
 * (several hundred KB, past deflate's 64 KiB stored blocks), and the
 * pixels still come back. */
static void test_incompressible(void)
{
	static const cairo_format_t formats[] = {CAIRO_FORMAT_RGB24, CAIRO_FORMAT_ARGB32};
	for (size_t f = 0; f < 2; f++) {
		cairo_surface_t *s = noise(formats[f], 301, 257);
		check_round_trip(s, pngenc_surface_smallest, "IHDR IDAT IEND");
		struct buf out = BUF_INIT;
		CHECK(pngenc_surface(s, &out));
		size_t raw = (size_t)257 * (1 + (size_t)301 * (f ? 4 : 3));
		/* near the raw size: little was found to shrink, and storing added little */
		CHECK(out.len > raw * 9 / 10 && out.len < raw + raw / 100 + 200);
		buf_free(&out);
		cairo_surface_destroy(s);
	}
}

/* Threads each with their own buffers: the same bytes from each, whatever
 * a thread encoded before (the compressor's tables are reused from one
 * picture to the next and must carry nothing over).  The first thread
 * encodes only the card; the others encode first another card, a
 * diagram or noise, which leave their own matches behind. */
struct job {
	int before;             /* 0: nothing; 1: another card; 2: a diagram; 3: noise */
	struct buf png;
};

static void encode_card(const char *title, struct layout *motif, struct buf *out)
{
	struct paint_cairo_card card = {title, "Integration patterns", "A publisher", motif, NULL};
	cairo_surface_t *s = paint_cairo_card_surface(&card, fs);
	if (!pngenc_surface_smallest(s, out))
		buf_reset(out);
	cairo_surface_destroy(s);
}

static void *draw_in_thread(void *p)
{
	struct job *j = p;
	struct layout *motif = lanes();
	if (j->before == 1)
		encode_card("Orders to invoices, nightly", motif, &j->png);
	if (j->before == 2) {
		struct layout *other = hub();
		if (!paint_cairo_png(other, fs, NULL, 2, &j->png))
			buf_reset(&j->png);
		layout_free(other);
	}
	if (j->before == 3) {
		cairo_surface_t *n = noise(CAIRO_FORMAT_RGB24, 700, 500);
		if (!pngenc_surface(n, &j->png))
			buf_reset(&j->png);
		cairo_surface_destroy(n);
	}
	buf_reset(&j->png);
	encode_card("Customer records to invoices", motif, &j->png);
	layout_free(motif);
	return NULL;
}

static void test_threads(void)
{
	struct job jobs[4] = {{0, BUF_INIT}, {1, BUF_INIT}, {2, BUF_INIT}, {3, BUF_INIT}};
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, draw_in_thread, &jobs[i]) == 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	CHECK(jobs[0].png.len > 0);
	for (int i = 1; i < 4; i++)
		CHECK(jobs[i].png.len == jobs[0].png.len && memcmp(jobs[i].png.data, jobs[0].png.data, jobs[0].png.len) == 0);
	for (int i = 0; i < 4; i++)
		buf_free(&jobs[i].png);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	RUN(test_diagrams);
	RUN(test_cards);
	RUN(test_palette_when_exact);
	RUN(test_alpha_and_small);
	RUN(test_incompressible);
	RUN(test_threads);
	font_free(fs);
	return harness_done();
}
