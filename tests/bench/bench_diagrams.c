/*
 * bench_diagrams: lays out and paints every diagram and social card of a
 * site, many times in one process, and prints per-diagram times; also
 * writes each diagram as a Graphviz file with the same nodes, edges and
 * labels, for the comparison in tests/bench/diagrams.sh.
 *
 *   bench_diagrams SOURCE DOT-DIR ROUNDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "content/load.h"
#include "diagram/diagram.h"
#include "diagram/paint_cairo.h"
#include "diagram/paint_svg.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void dot_quote(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* The same graph for Graphviz: boxes with name and detail, labelled edges. */
static void write_dot(const char *path, const struct layout *lay)
{
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return;
	fputs("digraph d {\n  rankdir=LR; node [shape=box, style=rounded, fontname=\"Inter\"];\n  edge [fontname=\"Inter\"];\n", f);
	for (size_t i = 0; i < lay->nnodes; i++) {
		struct buf label = BUF_INIT;
		for (size_t k = 0; k < lay->nodes[i].name.n; k++)
			buf_printf(&label, "%s%s", k ? " " : "", lay->nodes[i].name.lines[k].text);
		for (size_t k = 0; k < lay->nodes[i].detail.n; k++)
			buf_printf(&label, "%s%s", k ? " " : "\n", lay->nodes[i].detail.lines[k].text);
		fprintf(f, "  n%zu [label=", i);
		dot_quote(f, label.data ? label.data : "");
		fputs("];\n", f);
		buf_free(&label);
	}
	for (size_t i = 0; i < lay->nedges; i++) {
		struct buf label = BUF_INIT;
		for (size_t k = 0; k < lay->edges[i].label.n; k++)
			buf_printf(&label, "%s%s", k ? " " : "", lay->edges[i].label.lines[k].text);
		fprintf(f, "  n%zu -> n%zu [label=", lay->edges[i].from, lay->edges[i].to);
		dot_quote(f, label.data ? label.data : "");
		fprintf(f, "%s];\n", lay->edges[i].both_ends ? ", dir=both" : "");
		buf_free(&label);
	}
	fputs("}\n", f);
	fclose(f);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: bench_diagrams SOURCE DOT-DIR ROUNDS\n", stderr);
		return 2;
	}
	int rounds = atoi(argv[3]);
	struct diag d;
	diag_init(&d, stderr);
	struct options opt = {.source = argv[1]};
	char *templates_dir = xasprintf("%s/theme/templates", argv[1]);
	const char *const templates[] = {templates_dir, NULL};
	struct site *site = load_site(&opt, templates, NULL, &d);
	free(templates_dir);
	char *fonts_dir = xasprintf("%s/theme/static/fonts", argv[1]);
	struct fontset *fs = font_load(fonts_dir, &d);
	if (site == NULL || fs == NULL)
		return 1;
	const struct resource *r = site->resources.items;
	size_t np = r->patterns->items.len;

	/* write the Graphviz twins once */
	for (size_t i = 0; i <= np; i++) {
		struct layout *lay = i < np ? diagram_pattern(schema_list_at(&model_pattern_schema, &r->patterns->items, i), fs)
		                          : diagram_overview(r, fs);
		char *path = xasprintf("%s/d%zu.dot", argv[2], i);
		write_dot(path, lay);
		free(path);
		layout_free(lay);
	}

	size_t diagrams = 0, bytes = 0;
	double t0 = now();
	for (int k = 0; k < rounds; k++)
		for (size_t i = 0; i <= np; i++, diagrams++) {
			struct layout *lay = i < np ? diagram_pattern(schema_list_at(&model_pattern_schema, &r->patterns->items, i), fs)
			                          : diagram_overview(r, fs);
			struct buf svg = BUF_INIT;
			struct svg_options so = {"b-", "t", "d", true, NULL};
			svg_write(&svg, lay, &so);
			bytes += svg.len;
			buf_free(&svg);
			layout_free(lay);
		}
	double svg_ms = (now() - t0) * 1000 / (double)diagrams;

	size_t pngs = 0;
	double pixels = 0;
	t0 = now();
	for (int k = 0; k < (rounds + 9) / 10; k++)
		for (size_t i = 0; i <= np; i++, pngs++) {
			struct layout *lay = i < np ? diagram_pattern(schema_list_at(&model_pattern_schema, &r->patterns->items, i), fs)
			                          : diagram_overview(r, fs);
			struct buf png = BUF_INIT;
			paint_cairo_png(lay, fs, NULL, 1, &png);
			pixels += lay->width * lay->height;
			buf_free(&png);
			layout_free(lay);
		}
	double png_ms = (now() - t0) * 1000 / (double)pngs;

	size_t cards = 0;
	t0 = now();
	for (int k = 0; k < (rounds + 9) / 10; k++)
		for (size_t i = 0; i < np; i++, cards++) {
			const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, i);
			struct layout *lay = diagram_pattern(p, fs);
			struct paint_cairo_card c = {p->title.v, r->title.v, "Publisher", lay, NULL};
			struct buf png = BUF_INIT;
			paint_cairo_card_png(&c, fs, &png);
			buf_free(&png);
			layout_free(lay);
		}
	double card_ms = (now() - t0) * 1000 / (double)cards;

	printf("diagrams %zu\nlayout_svg_ms %.4f\nlayout_png_ms %.3f\navg_png_pixels %.0f\ncard_ms %.3f\n", np + 1, svg_ms,
	       png_ms, pixels / (double)pngs, card_ms);
	(void)bytes;
	font_free(fs);
	free(fonts_dir);
	model_free(site);
	diag_free(&d);
	return 0;
}
