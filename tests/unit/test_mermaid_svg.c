/*
 * test_mermaid_svg: every construct of the Mermaid subset drawn as SVG,
 * against a golden file per construct.
 *
 * tests/golden/mermaid/NAME.mmd holds one small diagram (a construct, or
 * a few of one family); NAME.svg is its picture as the page gets it,
 * looked at when it was made (tests/README.md: how to look).  A change in
 * the parser, a layout or the SVG painter shows here as a diff to read.
 * FOLIO_GOLDEN_UPDATE=1 writes the SVG files anew instead of comparing.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "content/mermaid.h"
#include "diagram/diagram.h"
#include "diagram/paint_svg.h"
#include "harness.h"

#define GOLDEN_DIR TEST_ROOT "/tests/golden/mermaid"

static struct fontset *fs;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME of every NAME.mmd, sorted; caller frees. */
static char **diagram_names(size_t *n)
{
	char **names = NULL;
	size_t cap = 0;
	*n = 0;
	DIR *dir = opendir(GOLDEN_DIR);
	for (struct dirent *e; dir && (e = readdir(dir)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".mmd") == 0) {
			names = xgrow(names, &cap, *n + 1, sizeof *names);
			names[(*n)++] = xstrndup(e->d_name, len - 4);
		}
	}
	if (dir)
		closedir(dir);
	qsort(names, *n, sizeof *names, by_name);
	return names;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[4096];
	for (size_t got; (got = fread(chunk, 1, sizeof chunk, f)) > 0;)
		buf_put(&b, chunk, got);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* NAME.mmd drawn as a page's SVG; NULL when it does not parse. */
static char *draw(const char *name, struct diag *d)
{
	char *path = xasprintf("%s/%s.mmd", GOLDEN_DIR, name);
	size_t len = 0;
	char *src = read_all(path, &len);
	struct pos at = {path, 0, 1};
	struct mmd_diagram *m = src ? mermaid_parse(src, len, at, d) : NULL;
	char *svg = NULL;
	if (m) {
		struct layout *lay = diagram_mermaid(m, fs);
		struct svg_options opt = {"dg-", name, "golden", false, NULL};
		struct buf out = BUF_INIT;
		svg_write(&out, lay, &opt);
		svg = buf_detach(&out);
		layout_free(lay);
		mermaid_free(m);
	}
	free(src);
	free(path);
	return svg;
}

static void test_every_construct_matches_its_golden_svg(void)
{
	size_t n = 0;
	char **names = diagram_names(&n);
	CHECK(n >= 15);         /* the constructs of the subset, a file each */
	bool update = getenv("FOLIO_GOLDEN_UPDATE") != NULL;
	for (size_t i = 0; i < n; i++) {
		struct diag d;
		diag_init(&d, stderr);
		char *svg = draw(names[i], &d);
		if (svg == NULL || d.errors || d.warnings)
			harness_note(__FILE__, __LINE__, "%s.mmd does not parse cleanly", names[i]);
		char *golden_path = xasprintf("%s/%s.svg", GOLDEN_DIR, names[i]);
		if (svg && update) {
			FILE *f = fopen(golden_path, "wb");
			CHECK(f != NULL && fwrite(svg, 1, strlen(svg), f) == strlen(svg));
			if (f)
				fclose(f);
		} else if (svg) {
			size_t len = 0;
			char *golden = read_all(golden_path, &len);
			if (golden == NULL || strcmp(golden, svg) != 0)
				harness_note(__FILE__, __LINE__, "%s.svg differs from what is drawn now", names[i]);
			xmlDocPtr doc = xmlReadMemory(svg, (int)strlen(svg), "x.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
			if (doc == NULL)
				harness_note(__FILE__, __LINE__, "%s: the SVG is not well-formed XML", names[i]);
			xmlFreeDoc(doc);
			free(golden);
		}
		free(golden_path);
		free(svg);
		diag_free(&d);
		free(names[i]);
	}
	free(names);
}

/* The same text gives the same bytes, however often it is drawn. */
static void test_drawing_is_deterministic(void)
{
	struct diag d;
	diag_init(&d, stderr);
	char *a = draw("flow-subgraphs", &d), *b = draw("flow-subgraphs", &d);
	CHECK(a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	a = draw("seq-blocks", &d);
	b = draw("seq-blocks", &d);
	CHECK(a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	diag_free(&d);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	RUN(test_every_construct_matches_its_golden_svg);
	RUN(test_drawing_is_deterministic);
	font_free(fs);
	diag_free(&d);
	xmlCleanupParser();
	return harness_done();
}
