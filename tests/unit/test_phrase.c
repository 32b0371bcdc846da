/* Unit tests of phrase.h: named placeholders filled, braces escaped,
 * every kind of mistake found where it is. */
#define HARNESS_NAME "phrase"
#include "harness.h"

#include "base/buf.h"
#include "base/phrase.h"

static const struct phrase_arg page_args[] = {{"page", "3"}, {"pages", "36"}};

/* phrase filled with args; *error gets the result.  Caller frees. */
static char *fill(const char *phrase, const struct phrase_arg *args, size_t nargs, struct phrase_problem *problem)
{
	struct buf out = BUF_INIT;
	phrase_fill(&out, phrase, args, nargs, problem);
	return buf_detach(&out);
}

#define CHECK_FILL(phrase, args, nargs, want)                           \
	do {                                                            \
		struct phrase_problem p_;                               \
		char *got_ = fill(phrase, args, nargs, &p_);            \
		CHECK_STR(got_, want);                                  \
		CHECK_INT(p_.error, PHRASE_OK);                         \
		free(got_);                                             \
	} while (0)

static void test_placeholders_are_filled(void)
{
	CHECK_FILL("Page {page} of {pages}", page_args, 2, "Page 3 of 36");
	/* The words around the values are the phrase's, in its order. */
	CHECK_FILL("{pages} Seiten, diese ist {page}", page_args, 2, "36 Seiten, diese ist 3");
	CHECK_FILL("{page}{page}", page_args, 2, "33");
	CHECK_FILL("Contents", NULL, 0, "Contents");
	CHECK_FILL("", NULL, 0, "");
	/* An argument the phrase does not use is no mistake here. */
	CHECK_FILL("Page {page}", page_args, 2, "Page 3");
	/* A value is written as it is: braces in it are not read again. */
	static const struct phrase_arg braces[] = {{"x", "{page}"}};
	CHECK_FILL("<{x}>", braces, 1, "<{page}>");
}

static void test_braces_are_escaped(void)
{
	CHECK_FILL("{{page}}", page_args, 2, "{page}");
	CHECK_FILL("a {{ b }} c", NULL, 0, "a { b } c");
	CHECK_FILL("{{{page}}}", page_args, 2, "{3}");
	CHECK_FILL("}}{{", NULL, 0, "}{");
}

static void test_unknown_placeholder(void)
{
	struct phrase_problem p;
	char *got = fill("Page {page} of {total}", page_args, 2, &p);
	CHECK_INT(p.error, PHRASE_UNKNOWN);
	CHECK_STR(p.name, "total");
	CHECK_INT(p.offset, 15);
	CHECK_STR(got, "Page 3 of ");      /* up to the problem */
	free(got);
	/* Without problem, the result alone tells. */
	struct buf out = BUF_INIT;
	CHECK_INT(phrase_fill(&out, "{nope}", NULL, 0, NULL), PHRASE_UNKNOWN);
	buf_free(&out);
}

static void test_missing_value(void)
{
	static const struct phrase_arg args[] = {{"page", "3"}, {"pages", NULL}};
	struct phrase_problem p;
	char *got = fill("Page {page} of {pages}", args, 2, &p);
	CHECK_INT(p.error, PHRASE_NO_VALUE);
	CHECK_STR(p.name, "pages");
	CHECK_INT(p.offset, 15);
	free(got);
}

static void test_syntax_errors(void)
{
	struct phrase_problem p;
	char *got = fill("Page {page of", page_args, 2, &p);
	CHECK_INT(p.error, PHRASE_UNCLOSED);
	CHECK_INT(p.offset, 5);
	free(got);
	got = fill("a } b", NULL, 0, &p);
	CHECK_INT(p.error, PHRASE_STRAY_BRACE);
	CHECK_INT(p.offset, 2);
	free(got);
	static const char *const bad_names[] = {"{}", "{Page}", "{a b}", "{a-b}", "{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}"};
	for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
		got = fill(bad_names[i], NULL, 0, &p);
		CHECK_INT(p.error, PHRASE_BAD_NAME);
		CHECK_INT(p.offset, 0);
		free(got);
	}
	/* The longest name allowed. */
	static const struct phrase_arg longest[] = {{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ok"}};
	CHECK_FILL("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}", longest, 1, "ok");
	CHECK(strlen(phrase_error_text(PHRASE_UNCLOSED)) > 0);
}

/* Names are collected by phrase_names() into a string, one "name;" each. */
static void collect(void *ctx, const char *name)
{
	struct buf *b = ctx;
	buf_puts(b, name);
	buf_putc(b, ';');
}

static void test_names(void)
{
	struct buf b = BUF_INIT;
	CHECK_INT(phrase_names("{day} {{month}} {month} {year} {day}", collect, &b, NULL), PHRASE_OK);
	CHECK_STR(buf_str(&b), "day;month;year;day;");
	buf_reset(&b);
	CHECK_INT(phrase_names("no placeholder", collect, &b, NULL), PHRASE_OK);
	CHECK_STR(buf_str(&b), "");
	struct phrase_problem p;
	CHECK_INT(phrase_names("{ok} {bad", collect, &b, &p), PHRASE_UNCLOSED);
	CHECK_INT(p.offset, 5);
	buf_free(&b);
}

int main(void)
{
	RUN(test_placeholders_are_filled);
	RUN(test_braces_are_escaped);
	RUN(test_unknown_placeholder);
	RUN(test_missing_value);
	RUN(test_syntax_errors);
	RUN(test_names);
	return harness_done();
}
