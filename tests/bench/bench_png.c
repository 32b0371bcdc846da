/*
 * bench_png: the PNG encoder against the ones it replaced, on the same
 * pixels.
 *
 *   bench_png ROUNDS FILE.png...
 *   bench_png ROUNDS - <LIST      the files, one a line
 *
 * Each file (a diagram or a card of a built site) is read by cairo into
 * the surface it was drawn from (RGB24 for opaque pictures), then encoded
 * ROUNDS times by each encoder: pngenc_old_surface, the libpng + zlib
 * encoder of an older commit, pngenc_libdeflate_surface_smallest, the
 * libdeflate encoder that followed it, before it copied repeated rows
 * (each compiled in under that name from its commit: see the Makefile),
 * and pngenc_surface_smallest, what a build writes now.  Prints a line per kind of picture (by its
 * file name): how many, and for each encoder the median CPU milliseconds
 * an image over the rounds and the bytes an image.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>

#include "base/buf.h"
#include "diagram/pngenc.h"

bool pngenc_old_surface(cairo_surface_t *surface, struct buf *out);
bool pngenc_libdeflate_surface_smallest(cairo_surface_t *surface, struct buf *out);

enum { ENCODERS = 3 };
static const char *const encoder_name[ENCODERS] = {"zlib", "c62bd06", "now"};
static bool (*const encoder[ENCODERS])(cairo_surface_t *, struct buf *) = {
	pngenc_old_surface, pngenc_libdeflate_surface_smallest, pngenc_surface_smallest};

enum { CARD, DIAGRAM, OVERVIEW, OTHER, KINDS };
static const char *const kind_name[KINDS] = {"card", "diagram@2x", "overview@2x", "other"};

struct totals {
	size_t n;
	double ms[ENCODERS];    /* CPU milliseconds over all images, median round */
	double bytes[ENCODERS];
};

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int kind_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strcmp(base, "og.png") == 0 || strstr(base, "-og.png"))
		return CARD;
	if (strstr(base, "diagram"))
		return DIAGRAM;
	if (strstr(base, "overview"))
		return OVERVIEW;
	return OTHER;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median CPU ms of rounds encodings of s with enc; *bytes gets the size. */
static double time_encoder(cairo_surface_t *s, bool (*enc)(cairo_surface_t *, struct buf *), int rounds,
                           size_t *bytes)
{
	double *t = calloc((size_t)rounds, sizeof *t);
	struct buf out = BUF_INIT;
	for (int r = 0; r < rounds; r++) {
		buf_reset(&out);
		double t0 = cpu_ms();
		if (!enc(s, &out)) {
			fprintf(stderr, "bench_png: an encoder failed\n");
			exit(1);
		}
		t[r] = cpu_ms() - t0;
	}
	*bytes = out.len;
	qsort(t, (size_t)rounds, sizeof *t, by_value);
	double median = t[rounds / 2];
	free(t);
	buf_free(&out);
	return median;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_png ROUNDS FILE.png...\n");
		return 2;
	}
	int rounds = atoi(argv[1]);
	if (rounds < 1)
		rounds = 1;
	struct totals tot[KINDS] = {{0}};
	bool from_stdin = strcmp(argv[2], "-") == 0;
	char line[4096];
	for (int i = 2; from_stdin ? fgets(line, sizeof line, stdin) != NULL : i < argc; i++) {
		const char *path = argv[i];
		if (from_stdin) {
			line[strcspn(line, "\n")] = '\0';
			path = line;
		}
		cairo_surface_t *s = cairo_image_surface_create_from_png(path);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
			fprintf(stderr, "bench_png: %s: %s\n", path, cairo_status_to_string(cairo_surface_status(s)));
			return 1;
		}
		struct totals *t = &tot[kind_of(path)];
		t->n++;
		for (int e = 0; e < ENCODERS; e++) {
			size_t bytes;
			t->ms[e] += time_encoder(s, encoder[e], rounds, &bytes);
			t->bytes[e] += (double)bytes;
		}
		cairo_surface_destroy(s);
	}
	printf("%-12s %6s", "kind", "images");
	for (int e = 0; e < ENCODERS; e++)
		printf(" %10s ms %10s B", encoder_name[e], encoder_name[e]);
	printf("\n");
	for (int k = 0; k < KINDS; k++) {
		const struct totals *t = &tot[k];
		if (t->n == 0)
			continue;
		double n = (double)t->n;
		printf("%-12s %6zu", kind_name[k], t->n);
		for (int e = 0; e < ENCODERS; e++)
			printf(" %13.2f %12.0f", t->ms[e] / n, t->bytes[e] / n);
		printf("\n");
	}
	return 0;
}
