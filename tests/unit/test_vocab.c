/* Unit tests of vocab.h: schema.org 30.0's classes, subclasses, domains
 * and ranges, and which JSON literals a property takes.  The expectations
 * are facts of the release as schema.org's pages state them. */
#define HARNESS_NAME "vocab"
#include "harness.h"

#include <string.h>

#include "web/vocab.h"

static int C(const char *name)
{
	int i = vocab_class(name);
	if (i < 0)
		harness_note(__FILE__, __LINE__, "no class %s", name);
	return i;
}

static int P(const char *name)
{
	int i = vocab_property(name);
	if (i < 0)
		harness_note(__FILE__, __LINE__, "no property %s", name);
	return i;
}

/* bsearch needs the names in strcmp order. */
static void test_tables_sorted(void)
{
	for (size_t i = 1; i < vocab_classes_count; i++)
		CHECK(strcmp(vocab_classes[i - 1], vocab_classes[i]) < 0);
	for (size_t i = 1; i < vocab_properties_count; i++)
		CHECK(strcmp(vocab_properties[i - 1], vocab_properties[i]) < 0);
	CHECK_STR(vocab_release, "30.0");
}

static void test_subclasses(void)
{
	CHECK(vocab_is_a(C("TechArticle"), C("Article")));
	CHECK(vocab_is_a(C("TechArticle"), C("CreativeWork")));
	CHECK(vocab_is_a(C("TechArticle"), C("Thing")));
	CHECK(vocab_is_a(C("URL"), C("Text")));
	CHECK(vocab_is_a(C("Integer"), C("Number")));
	CHECK(vocab_is_a(C("HowToStep"), C("ListItem")));        /* one of its three parents */
	CHECK(vocab_is_a(C("BookFormatType"), C("Enumeration")));
	CHECK(!vocab_is_a(C("Organization"), C("Person")));
	CHECK(!vocab_is_a(C("CreativeWork"), C("TechArticle")));
	CHECK(!vocab_is_a(C("DigitalDocument"), C("Book")));
	CHECK(!vocab_is_a(-1, C("Thing")));
}

static void test_domains(void)
{
	CHECK(!vocab_in_domain(P("numberOfPages"), C("DigitalDocument")));
	CHECK(vocab_in_domain(P("numberOfPages"), C("Book")));
	CHECK(vocab_in_domain(P("headline"), C("TechArticle")));         /* from CreativeWork */
	CHECK(vocab_in_domain(P("name"), C("ListItem")));                /* from Thing */
	CHECK(vocab_in_domain(P("itemListElement"), C("BreadcrumbList")));
	CHECK(!vocab_in_domain(P("itemListElement"), C("WebPage")));
	CHECK(vocab_in_domain(P("logo"), C("Organization")));
	CHECK(!vocab_in_domain(P("logo"), C("WebSite")));
}

static void test_ranges(void)
{
	CHECK(vocab_in_range(P("author"), C("Organization")));
	CHECK(vocab_in_range(P("author"), C("Person")));
	CHECK(vocab_in_range(P("author"), C("Corporation")));             /* an Organization */
	CHECK(!vocab_in_range(P("author"), C("WebSite")));
	CHECK(vocab_in_range(P("item"), C("TechArticle")));               /* Thing */
	CHECK(vocab_in_range(P("logo"), C("ImageObject")));
	CHECK(!vocab_in_range(P("acceptedAnswer"), C("Question")));
	CHECK(vocab_in_range(P("acceptedAnswer"), C("Answer")));
}

static void test_literals(void)
{
	CHECK(vocab_takes_literal(P("datePublished"), VOCAB_TEXT, "2026-11-01"));
	CHECK(!vocab_takes_literal(P("datePublished"), VOCAB_INTEGER, NULL));
	CHECK(vocab_takes_literal(P("numberOfPages"), VOCAB_INTEGER, NULL));
	CHECK(!vocab_takes_literal(P("numberOfPages"), VOCAB_REAL, NULL));        /* Integer only */
	CHECK(!vocab_takes_literal(P("numberOfPages"), VOCAB_TEXT, "many"));
	CHECK(vocab_takes_literal(P("position"), VOCAB_INTEGER, NULL));
	CHECK(vocab_takes_literal(P("isAccessibleForFree"), VOCAB_BOOLEAN, NULL));
	CHECK(!vocab_takes_literal(P("isAccessibleForFree"), VOCAB_TEXT, "yes"));
	/* Things: by URL, not by a bare name. */
	CHECK(vocab_takes_literal(P("item"), VOCAB_TEXT, "https://example.org/a/"));
	CHECK(!vocab_takes_literal(P("author"), VOCAB_TEXT, "Jane"));
	CHECK(vocab_takes_literal(P("author"), VOCAB_TEXT, "https://example.org/#jane"));
	/* Written as text: an enumeration member, a duration, a URL. */
	CHECK(vocab_takes_literal(P("bookFormat"), VOCAB_TEXT, "https://schema.org/EBook"));
	CHECK(vocab_takes_literal(P("timeRequired"), VOCAB_TEXT, "PT30M"));
	CHECK(vocab_takes_literal(P("url"), VOCAB_TEXT, "https://example.org/"));
	CHECK(!vocab_takes_literal(P("url"), VOCAB_INTEGER, NULL));
}

int main(void)
{
	RUN(test_tables_sorted);
	RUN(test_subclasses);
	RUN(test_domains);
	RUN(test_ranges);
	RUN(test_literals);
	return harness_done();
}
