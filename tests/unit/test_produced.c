/* Unit tests of produced.h: the ids of a page read from its HTML, and the
 * files a build left out. */
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

int main(void)
{
	RUN(test_ids_of_a_page);
	RUN(test_files_left_out);
	return harness_done();
}
