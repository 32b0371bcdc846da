/* Unit tests of produced.h: the ids of a page read from its HTML, the
 * files a build left out, and a view of several parts. */
#define HARNESS_NAME "produced"
#include "harness.h"

#include <string.h>

#include "web/produced.h"

static void test_ids_of_a_page(void)
{
	/* Ids as the template writer and the Markdown writer put them, and
	 * look-alikes that are not ids. */
	static const char html[] = "<main id=\"main\"><h2 id=\"guide-how-it-flows\">x</h2>"
	                           "<div data-id=\"not-me\" class=\"id\"></div><svg><g id=\"dg-p-node-crm\"/></svg>"
	                           "<p>the id=\"text\" in text</p><a href=\"#top\">top</a><h1 id=\"top\">";
	struct produced p = {.pages = NULL};
	produced_add_page(&p, "/b/", "", 0);
	produced_add_page(&p, "/a/", html, sizeof html - 1);
	produced_sort(&p);
	const struct produced_page *a = produced_page(&p, "/a/");
	CHECK(a != NULL);
	CHECK(produced_page(&p, "/c/") == NULL);
	CHECK(produced_page(&p, "/b/") != NULL && produced_page(&p, "/b/")->nids == 0);
	if (a) {
		CHECK(produced_page_has(a, "main"));
		CHECK(produced_page_has(a, "guide-how-it-flows"));
		CHECK(produced_page_has(a, "dg-p-node-crm"));
		CHECK(produced_page_has(a, "top"));
		CHECK(!produced_page_has(a, "not-me"));
		CHECK(!produced_page_has(a, "guide-how-it-flow"));
		CHECK(!produced_page_has(a, "text"));  /* in text, not a tag */
		CHECK_INT(a->nids, 4);
	}
	produced_free(&p);
}

static void test_files_left_out(void)
{
	struct produced p = {.pages = NULL}, task = {.pages = NULL};
	produced_skip(&task, "r/playbook.pdf");
	produced_skip(&p, "r/og.png");
	produced_append(&p, &task);
	CHECK(task.nskipped == 0 && task.skipped == NULL);
	produced_sort(&p);
	CHECK(produced_skipped(&p, "r/playbook.pdf"));
	CHECK(produced_skipped(&p, "r/og.png"));
	CHECK(!produced_skipped(&p, "r/other.pdf"));
	produced_free(&p);
}

/* A part with count pages "/<prefix><k>/", each with ids "z<k>" and
 * "a<k>" (out of order, as a page may hold them). */
static void part_of(struct produced *p, const char *prefix, int count)
{
	for (int k = 0; k < count; k++) {
		char url[64], html[128];
		snprintf(url, sizeof url, "/%s%d/", prefix, k);
		snprintf(html, sizeof html, "<h2 id=\"z%d\">x</h2><h2 id=\"a%d\">y</h2>", k, k);
		produced_add_page(p, url, html, strlen(html));
	}
	produced_skip(p, prefix);
}

/* A view finds every page of every part by url, and each page's ids,
 * whether its parts were sorted first (as render_site's units are) or
 * not; it finds nothing that no part holds. */
static void test_view(void)
{
	for (int sorted = 0; sorted < 2; sorted++) {
		struct produced parts[3] = {{.pages = NULL}, {.pages = NULL}, {.pages = NULL}};
		part_of(&parts[0], "zeta", 40);
		part_of(&parts[1], "alpha", 0);
		part_of(&parts[2], "beta", 300);
		if (sorted)
			for (int i = 0; i < 3; i++)
				produced_sort(&parts[i]);
		const struct produced *of[3] = {&parts[0], &parts[1], &parts[2]};
		struct produced view;
		produced_view(&view, of, 3);
		CHECK_INT(view.npages, 340);
		produced_sort(&view);
		int found = 0;
		for (int k = 0; k < 300; k++) {
			char url[64], z[16], a[16];
			snprintf(url, sizeof url, "/beta%d/", k);
			snprintf(z, sizeof z, "z%d", k);
			snprintf(a, sizeof a, "a%d", k);
			const struct produced_page *page = produced_page(&view, url);
			found += page != NULL && strcmp(page->url, url) == 0 && produced_page_has(page, z) &&
			         produced_page_has(page, a) && !produced_page_has(page, "z-1");
		}
		CHECK_INT(found, 300);
		CHECK(produced_page(&view, "/zeta39/") != NULL);
		CHECK(produced_page(&view, "/zeta40/") == NULL);
		CHECK(produced_page(&view, "/alpha0/") == NULL);
		CHECK(produced_page(&view, "/") == NULL);
		CHECK(produced_skipped(&view, "beta") && produced_skipped(&view, "alpha") && !produced_skipped(&view, "gamma"));
		produced_free(&view);
		for (int i = 0; i < 3; i++)
			produced_free(&parts[i]);
	}
}

int main(void)
{
	RUN(test_ids_of_a_page);
	RUN(test_files_left_out);
	RUN(test_view);
	return harness_done();
}
