/*
 * bench_pdf: typesets the playbook of every resource ROUNDS times in one
 * process and prints milliseconds per playbook and its size in bytes.
 *
 *   bench_pdf SOURCE ROUNDS [OUT.pdf]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "content/load.h"
#include "pdf/playbook.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: bench_pdf SOURCE ROUNDS [OUT.pdf]\n", stderr);
		return 2;
	}
	xalloc_policy();        /* as folio's main: the process typesets as folio's does */
	int rounds = atoi(argv[2]);
	struct diag d;
	diag_init(&d, stderr);
	struct options lo = {.source = argv[1]};
	char *templates_dir = xasprintf("%s/theme/templates", argv[1]);
	const char *const templates[] = {templates_dir, NULL};
	struct site *site = load_site(&lo, templates, NULL, &d);
	free(templates_dir);
	char *dir = xasprintf("%s/theme/static/fonts", argv[1]);
	struct fontset *fs = font_load(dir, &d);
	if (site == NULL || fs == NULL || site->resources.len == 0)
		return 1;
	const struct resource *r = site->resources.items;
	struct options opt = {.epoch = 0};
	struct buf pdf = BUF_INIT;
	size_t pages = 0;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < rounds; i++) {
		buf_reset(&pdf);
		if (!playbook_build(site, r, fs, &opt, &pdf, &pages, &d))
			return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = ((double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6) / rounds;
	printf("pdf_ms %.2f\npdf_bytes %zu\npdf_pages %zu\n", ms, pdf.len, pages);
	if (argc > 3) {
		FILE *f = fopen(argv[3], "wb");
		if (f) {
			fwrite(pdf.data, 1, pdf.len, f);
			fclose(f);
		}
	}
	buf_free(&pdf);
	font_free(fs);
	free(dir);
	model_free(site);
	diag_free(&d);
	return 0;
}
