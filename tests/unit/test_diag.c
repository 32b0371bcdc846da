/* Unit tests of diag.h: the line format, de-duplication, did-you-mean. */
#define HARNESS_NAME "diag"
#include "harness.h"

#include "base/diag.h"

static void test_error_line_format(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pos at = {"content/site.yaml", 3, 7};
	diag_error(&d, at, "'%s' must be from %d to %d", "complexity", 1, 5);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.warnings, 0);
	CHECK_INT(d.nlines, 1);
	if (d.nlines == 1)
		CHECK_STR(d.lines[0], "content/site.yaml:3:7: error: 'complexity' must be from 1 to 5");
	diag_free(&d);
}

static void test_positions(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pos file_only = {"out", 0, 0};
	struct pos no_col = {"a.md", 4, 0};
	struct pos nowhere = {NULL, 0, 0};
	diag_error(&d, file_only, "first");
	diag_error(&d, no_col, "second");
	diag_error(&d, nowhere, "third");
	CHECK_INT(d.nlines, 3);
	if (d.nlines == 3) {
		CHECK_STR(d.lines[0], "out: error: first");
		CHECK_STR(d.lines[1], "a.md:4:1: error: second");  /* an unknown column shows as 1 */
		CHECK_STR(d.lines[2], "folio: error: third");
	}
	diag_free(&d);
}

static void test_warnings(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pos at = {"b.md", 2, 5};
	diag_warn(&d, at, "raw HTML");
	CHECK_INT(d.errors, 0);
	CHECK_INT(d.warnings, 1);
	if (d.nlines == 1)
		CHECK_STR(d.lines[0], "b.md:2:5: warning: raw HTML");
	diag_free(&d);
}

static void test_one_line_per_problem(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pos at = {"c.md", 1, 1};
	diag_error(&d, at, "value '%s' is bad", "two\nlines\r\nhere");
	if (d.nlines == 1)
		CHECK_STR(d.lines[0], "c.md:1:1: error: value 'two lines  here' is bad");
	diag_free(&d);
}

static void test_deduplication(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pos at = {"templates/base.html", 9, 3};
	struct pos other = {"templates/base.html", 10, 3};
	for (int i = 0; i < 5; i++)
		diag_error(&d, at, "unknown field '%s' of site", "titel");
	diag_error(&d, other, "unknown field '%s' of site", "titel");
	diag_error(&d, at, "unknown field '%s' of site", "nmae");
	CHECK_INT(d.errors, 3);
	CHECK_INT(d.nlines, 3);
	/* The same text as a warning is another line. */
	diag_warn(&d, at, "unknown field '%s' of site", "titel");
	CHECK_INT(d.warnings, 1);
	CHECK_INT(d.nlines, 4);
	diag_free(&d);
	CHECK_INT(d.nlines, 0);
	CHECK(d.lines == NULL);
}

static void test_stream_output(void)
{
	FILE *f = tmpfile();
	CHECK(f != NULL);
	if (f == NULL)
		return;
	struct diag d;
	diag_init(&d, f);
	struct pos at = {"x.yaml", 2, 4};
	diag_error(&d, at, "broken");
	diag_error(&d, at, "broken");
	diag_warn(&d, at, "odd");
	rewind(f);
	char text[256] = "";
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	CHECK_STR(text, "x.yaml:2:4: error: broken\nx.yaml:2:4: warning: odd\n");
	fclose(f);
	diag_free(&d);
}

static void test_suggest(void)
{
	const char *keys[] = {"title", "summary", "description", "weight", "draft"};
	size_t n = sizeof keys / sizeof keys[0];
	CHECK_STR(diag_suggest("titel", keys, n), "title");        /* transposition: 2 edits */
	CHECK_STR(diag_suggest("title", keys, n), "title");        /* exact */
	CHECK_STR(diag_suggest("summry", keys, n), "summary");     /* one deletion */
	CHECK_STR(diag_suggest("descripton", keys, n), "description");
	CHECK_STR(diag_suggest("dexcxiptixn", keys, n), "description");  /* 3 edits, long word */
	CHECK(diag_suggest("dsecirption", keys, n) == NULL);  /* two swaps are 4 edits */
	CHECK_STR(diag_suggest("drat", keys, n), "draft");         /* short word: 1 edit allowed */
	CHECK(diag_suggest("dr", keys, n) == NULL);                /* 3 edits from draft */
	CHECK(diag_suggest("colour", keys, n) == NULL);            /* nothing close */
	CHECK(diag_suggest("", keys, n) == NULL);
	CHECK(diag_suggest("title", keys, 0) == NULL);
	/* A tie goes to the first choice. */
	const char *animals[] = {"bat", "hat"};
	CHECK_STR(diag_suggest("cat", animals, 2), "bat");
	/* Short words get one edit, 5 to 8 letters two, longer three. */
	const char *words[] = {"abcd", "abcdefgh", "abcdefghijkl"};
	CHECK_STR(diag_suggest("abxd", words, 3), "abcd");
	CHECK(diag_suggest("axyd", words, 3) == NULL);
	CHECK_STR(diag_suggest("abcdefxy", words, 3), "abcdefgh");
	CHECK(diag_suggest("abcdexyz", words, 3) == NULL);
	CHECK_STR(diag_suggest("abcdefghixyz", words, 3), "abcdefghijkl");
	CHECK(diag_suggest("abcdefghwxyz", words, 3) == NULL);
}

static void test_suggest_template_attributes(void)
{
	const char *dirs[] = {"data-f-text", "data-f-md", "data-f-if", "data-f-each", "data-f-include"};
	CHECK_STR(diag_suggest("data-f-txet", dirs, 5), "data-f-text");
	CHECK_STR(diag_suggest("data-f-iff", dirs, 5), "data-f-if");
	CHECK_STR(diag_suggest("data-f-inclde", dirs, 5), "data-f-include");
	CHECK(diag_suggest("data-f-frobnicate", dirs, 5) == NULL);
}

int main(void)
{
	RUN(test_error_line_format);
	RUN(test_positions);
	RUN(test_warnings);
	RUN(test_one_line_per_problem);
	RUN(test_deduplication);
	RUN(test_stream_output);
	RUN(test_suggest);
	RUN(test_suggest_template_attributes);
	return harness_done();
}
