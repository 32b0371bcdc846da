/* Unit tests of the order of a resource page's sections (sections.c),
 * through load_text(): which sections a resource.yaml gives, in which
 * order, with which ids, titles and objects, and the mistakes reported. */
#define HARNESS_NAME "sections"
#include "harness.h"

#include "content/load.h"
#include "content/model.h"

/* The head every resource.yaml of these tests starts with. */
#define HEAD "title: R\nsummary: S\ndescription: A resource for the tests of the order of its sections on its page.\n"

/* The section parts written in an order that is not the page's. */
#define PARTS \
	"trust:\n  title: Trust\n  points: [Tested.]\n" \
	"help:\n  title: Help\n  intro: We help.\n" \
	"why:\n  title: Why\n  intro: Because.\n" \
	"steps:\n  title: Steps\n  items:\n    - title: One\n      text: Do it.\n"

static struct site *load(const char *yaml, struct diag *d)
{
	return load_text(LOAD_RESOURCE_YAML, yaml, strlen(yaml), d);
}

static const struct resource *only_resource(const struct site *site)
{
	return site ? site->resources.items : NULL;
}

/* The ids of r's sections, joined by spaces. */
static const char *ids_of(const struct resource *r, char *buf, size_t size)
{
	size_t w = 0;
	buf[0] = '\0';
	const struct page_section *s = r ? r->contents.items : NULL;
	for (size_t i = 0; r && i < r->contents.len && w < size; i++)
		w += (size_t)snprintf(buf + w, size - w, "%s%s", i ? " " : "", s[i].id.v);
	return buf;
}

static const char *first_line(const struct diag *d)
{
	return d->nlines ? d->lines[0] : "(none)";
}

static void test_only_what_is_required(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load(HEAD, &d);
	const struct resource *r = only_resource(site);
	CHECK(r != NULL);
	CHECK_INT(d.errors, 0);
	CHECK_INT(r ? r->contents.len : 99, 0);
	model_free(site);
	diag_free(&d);
}

static void test_default_order(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load(HEAD PARTS, &d);
	const struct resource *r = only_resource(site);
	char ids[256];
	CHECK_INT(d.errors, 0);
	/* folio(5)'s default order: the basis (trust) beside the download, the
	 * publisher's help after it. */
	CHECK_STR(ids_of(r, ids, sizeof ids), "why steps trust help");
	if (r && r->contents.len == 4) {
		const struct page_section *s = r->contents.items;
		CHECK_INT(s[0].kind, SECTION_WHY);
		CHECK(s[0].refs[SECTION_WHY] == r->why);
		CHECK_STR(s[0].title.v, "Why");
		CHECK(s[0].refs[SECTION_STEPS] == NULL);
		CHECK(s[1].refs[SECTION_STEPS] == r->steps);
		CHECK(s[2].refs[SECTION_TRUST] == r->trust);
		CHECK_STR(s[3].title.v, "Help");
	}
	model_free(site);
	diag_free(&d);
}

static void test_listed_order(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load(HEAD PARTS "sections: [trust, help, why, steps]\n", &d);
	char ids[256];
	CHECK_INT(d.errors, 0);
	CHECK_STR(ids_of(only_resource(site), ids, sizeof ids), "trust help why steps");
	model_free(site);
	diag_free(&d);
}

/* Without 'sections', custom sections come after the built-in ones, in
 * their order; an anchor not written is made from the title. */
static void test_custom_sections_after(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load(HEAD PARTS
	                         "custom_sections:\n"
	                         "  - title: Glossary of Terms\n    body: Words.\n"
	                         "  - title: Further reading\n    body: Books.\n    anchor: books\n",
	                         &d);
	const struct resource *r = only_resource(site);
	char ids[256];
	CHECK_INT(d.errors, 0);
	CHECK_STR(ids_of(r, ids, sizeof ids), "why steps trust help glossary-of-terms books");
	if (r && r->contents.len == 6) {
		const struct page_section *s = r->contents.items;
		const struct custom_section *c = r->custom_sections.items;
		CHECK_INT(s[4].kind, SECTION_CUSTOM);
		CHECK(s[4].refs[SECTION_CUSTOM] == &c[0]);
		CHECK_STR(s[4].title.v, "Glossary of Terms");
		CHECK_STR(c[0].anchor.v, "glossary-of-terms");
		CHECK(s[5].refs[SECTION_CUSTOM] == &c[1]);
	}
	model_free(site);
	diag_free(&d);
}

static void test_custom_sections_placed(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load(HEAD PARTS "sections: [books, why, trust, glossary, steps, help]\n"
	                                    "custom_sections:\n"
	                                    "  - title: Glossary\n    body: Words.\n"
	                                    "  - title: Further reading\n    body: Books.\n    anchor: books\n",
	                         &d);
	char ids[256];
	CHECK_INT(d.errors, 0);
	CHECK_STR(ids_of(only_resource(site), ids, sizeof ids), "books why trust glossary steps help");
	model_free(site);
	diag_free(&d);
}

/* Each mistake of 'sections', with the message an author reads. */
static void check_mistake(const char *yaml, const char *want)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load(yaml, &d);
	CHECK(site == NULL);
	CHECK_STR(first_line(&d), want);
	model_free(site);
	diag_free(&d);
}

#define AT "(memory)/content/resources/r/resource.yaml"

static void test_mistakes(void)
{
	check_mistake(HEAD PARTS "sections: [trust, help, whyy, steps]\n",
	              AT ":18:25: error: unknown section 'whyy' in sections; did you mean 'why'?");
	check_mistake(HEAD PARTS "sections: [trust, help, why, steps, matrix]\n",
	              AT ":18:37: error: unknown section 'matrix' in sections; did you mean 'decision-matrix'? "
	                 "(the id of the section 'matrix' makes)");
	check_mistake(HEAD PARTS "sections: [trust, help, why, steps, help]\n",
	              AT ":18:37: error: section 'help' is listed twice in sections (also at line 18); keep one");
	check_mistake(HEAD PARTS "sections: [trust, help, why, steps, related]\n",
	              AT ":18:37: error: sections lists 'related', which this resource does not have; "
	                 "add 'related' to resource.yaml, or remove it from sections");
	check_mistake(HEAD PARTS "sections: [trust, help, why, steps, patterns]\n",
	              AT ":18:37: error: sections lists 'patterns', which this resource does not have; "
	                 "add a pattern to patterns/, or remove it from sections");
	check_mistake(HEAD PARTS "sections: [trust, why, steps]\n",
	              AT ":18:12: error: sections does not list 'help', a section this resource has; "
	                 "add it to sections where it belongs on the page");
	check_mistake(HEAD "custom_sections:\n  - title: FAQ\n    body: Words.\n",
	              AT ":5:12: error: custom section anchor 'faq' (made from its title) is the id of a built-in "
	                 "section; give it an anchor of its own");
	check_mistake(HEAD "custom_sections:\n  - title: A\n    body: Words.\n    anchor: next-steps\n",
	              AT ":7:13: error: custom section anchor 'next-steps' is the id of a built-in section; "
	                 "give it an anchor of its own");
	check_mistake(HEAD "custom_sections:\n  - title: A b\n    body: Words.\n  - title: C\n    body: More.\n"
	                   "    anchor: a-b\n",
	              AT ":9:13: error: custom section anchor 'a-b' is used twice (also at line 5); "
	                 "give each its own anchor");
}

int main(void)
{
	RUN(test_only_what_is_required);
	RUN(test_default_order);
	RUN(test_listed_order);
	RUN(test_custom_sections_after);
	RUN(test_custom_sections_placed);
	RUN(test_mistakes);
	return harness_done();
}
