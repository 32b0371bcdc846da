/*
 * bench_mermaid: Folio's side of the Mermaid benchmark
 * (tests/bench/mermaid.sh).  Reads each Mermaid file once, then ROUNDS
 * times, in one process, parses it, lays it out, writes its SVG for the
 * page (with the title and description the page gives it) and draws the
 * same layout into a PDF page, timing each step of each diagram.  Prints
 * one line a diagram with the median of every step over the rounds:
 *
 *   NAME parse_ms layout_ms svg_ms pdf_ms page_ms
 *
 * where page_ms is the median of parse + layout + SVG, what a page's
 * diagram costs (pdf_ms is the drawing into the PDF, on its own).
 * SOURCE is a site folder (the repository: its strings name the parts of
 * the description, its theme's fonts measure the labels).
 *
 *   bench_mermaid SOURCE ROUNDS FILE.mmd...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/load.h"
#include "content/mermaid.h"
#include "diagram/diagram.h"
#include "diagram/paint_svg.h"
#include "pdf/pdf.h"

enum step { STEP_PARSE, STEP_LAYOUT, STEP_SVG, STEP_PDF, STEP_PAGE, STEPS };

struct source {
	const char *path;
	char *text;     /* owned */
	size_t len;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One diagram through every step, its times added to t[STEPS] (NULL: not
 * timed, the warm-up).  The PDF page is added to p before the clock runs:
 * the page is the document's cost, the drawing the diagram's. */
static void one_diagram(const struct source *s, const struct site *site, const struct fontset *fs, struct pdf *p,
                        struct diag *d, double *t)
{
	struct pos at = {s->path, 0, 1};
	double t0 = now_ms();
	struct mmd_diagram *m = mermaid_parse(s->text, s->len, at, d);
	double t1 = now_ms();
	if (m == NULL) {
		fprintf(stderr, "bench_mermaid: %s does not parse\n", s->path);
		exit(1);
	}
	struct layout *lay = diagram_mermaid(m, fs);
	double t2 = now_ms();
	char *desc = diagram_mermaid_desc(site, m);
	struct buf svg = BUF_INIT;
	struct svg_options so = {.id_prefix = "mm-", .title = "Diagram", .desc = desc, .standalone = false};
	svg_write(&svg, lay, &so);
	double t3 = now_ms();
	size_t page = pdf_add_page(p);
	double t4 = now_ms();
	pdf_paint_layout(p, page, lay, 56, 56, 0.75);
	double t5 = now_ms();
	if (t != NULL) {
		t[STEP_PARSE] = t1 - t0;
		t[STEP_LAYOUT] = t2 - t1;
		t[STEP_SVG] = t3 - t2;
		t[STEP_PDF] = t5 - t4;
		t[STEP_PAGE] = t3 - t0;
	}
	buf_free(&svg);
	free(desc);
	layout_free(lay);
	mermaid_free(m);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: bench_mermaid SOURCE ROUNDS FILE.mmd...\n", stderr);
		return 2;
	}
	int rounds = atoi(argv[2]);
	if (rounds < 1)
		rounds = 1;
	size_t n = (size_t)argc - 3;
	struct diag d;
	diag_init(&d, stderr);
	struct options opt = {.source = argv[1]};
	char *templates_dir = xasprintf("%s/theme/templates", argv[1]);
	const char *const templates[] = {templates_dir, NULL};
	struct site *site = load_site(&opt, templates, NULL, &d);
	free(templates_dir);
	char *fonts_dir = xasprintf("%s/theme/static/fonts", argv[1]);
	struct fontset *fs = font_load(fonts_dir, &d);
	free(fonts_dir);
	if (site == NULL || fs == NULL)
		return 1;

	struct source *src = xcalloc(n, sizeof *src);
	for (size_t i = 0; i < n; i++) {
		src[i].path = argv[3 + i];
		src[i].text = textfile_read(src[i].path, src[i].path, 1 << 20, &src[i].len, &d);
		if (src[i].text == NULL)
			return 1;
	}

	/* times[i][step][round] */
	double *times = xcalloc(n * STEPS * (size_t)rounds, sizeof *times);
	struct pdf_info info = {.title = "Mermaid benchmark", .creator = "bench_mermaid"};
	for (int r = -1; r < rounds; r++) {
		struct pdf *p = pdf_new(fs, &info, "bench.pdf", &d);
		if (p == NULL)
			return 1;
		for (size_t i = 0; i < n; i++) {
			double t[STEPS];
			one_diagram(&src[i], site, fs, p, &d, r < 0 ? NULL : t);
			for (int k = 0; r >= 0 && k < STEPS; k++)
				times[(i * STEPS + (size_t)k) * (size_t)rounds + (size_t)r] = t[k];
		}
		pdf_free(p);
	}

	for (size_t i = 0; i < n; i++) {
		const char *name = strrchr(src[i].path, '/');
		name = name ? name + 1 : src[i].path;
		printf("%.*s", (int)strcspn(name, "."), name);
		for (int k = 0; k < STEPS; k++)
			printf(" %.4f", median(&times[(i * STEPS + (size_t)k) * (size_t)rounds], (size_t)rounds));
		putchar('\n');
		free(src[i].text);
	}
	free(times);
	free(src);
	font_free(fs);
	model_free(site);
	diag_free(&d);
	return 0;
}
