/* Unit tests of the theme's strings as the loader reads them (strings.h)
 * and as renderers read them from the model (model.h): the defaults,
 * site.yaml's overrides, and every mistake at its place. */
#define HARNESS_NAME "strings"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "content/load.h"
#include "content/model.h"

static char work[] = "/tmp/folio-test-strings-XXXXXX";
static char *source, *site_yaml, *theme, *empty_dir;

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

/* site.yaml: the fixture's 26 lines, with extra appended (a strings:
 * mapping, whose first name is on line 28). */
static void site_with(const char *extra)
{
	char *cmd = xasprintf("cp '%s/tests/fixtures/minimal/content/site.yaml' '%s' && printf '%%s' '%s' >>'%s'",
	                      TEST_ROOT, site_yaml, extra, site_yaml);
	if (!run(cmd))
		exit(2);
	free(cmd);
}

/* The site loaded with the theme's strings looked for in dirs (NULL:
 * the repository's templates/); its messages go to d. */
static struct site *load_with(const char *const *dirs, struct diag *d)
{
	static const char *const repository[] = {TEST_ROOT "/theme/templates", NULL};
	struct options opt = {.source = source, .jobs = 1};
	return load_site(&opt, dirs ? dirs : repository, NULL, d);
}

/* The first message of loading with site.yaml's extra, its paths made
 * relative to the work folder; "(none)" when it loads. */
static char message[1024];

static const char *first_error(const char *extra, const char *const *dirs)
{
	site_with(extra);
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_with(dirs, &d);
	CHECK(site == NULL);
	const char *line = d.nlines ? d.lines[0] : "(none)";
	size_t skip = strncmp(line, work, strlen(work)) == 0 ? strlen(work) + 1 : 0;
	snprintf(message, sizeof message, "%s", line + skip);
	model_free(site);
	diag_free(&d);
	return message;
}

/* The phrase key of site filled with args, as a string to compare. */
static char filled[256];

static const char *phrase(const struct site *site, const char *key, const struct phrase_arg *args, size_t n)
{
	struct buf b = BUF_INIT;
	model_phrase(&b, site, key, args, n);
	snprintf(filled, sizeof filled, "%s", buf_str(&b));
	buf_free(&b);
	return filled;
}

static const struct phrase_arg pages[] = {{"page", "3"}, {"pages", "36"}};

static void test_defaults(void)
{
	site_with("");
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_with(NULL, &d);
	CHECK(site != NULL);
	CHECK_INT(d.nlines, 0);
	if (site == NULL)
		return;
	CHECK_STR(model_string(site, "on_this_page"), "On this page");
	CHECK_STR(model_string(site, "back_to_top"), "Back to top");
	CHECK_STR(model_string(site, "contents"), "Contents");
	CHECK_STR(phrase(site, "page_of", pages, 2), "Page 3 of 36");
	/* Sorted, each name once: what model_string() looks them up in. */
	const struct text_pair *p = site->strings.items;
	CHECK(site->strings.len > 40);
	for (size_t i = 1; i < site->strings.len; i++)
		CHECK(strcmp(p[i - 1].key.v, p[i].key.v) < 0);
	/* A default's place is its line in the theme's file. */
	CHECK(p[0].value.at.file && strstr(p[0].value.at.file, "templates/strings/en.yaml"));
	struct buf b = BUF_INIT;
	model_date(&b, site, "2026-03-02");
	CHECK_STR(buf_str(&b), "2 March 2026");
	buf_reset(&b);
	model_date(&b, site, "2025-12-31");
	CHECK_STR(buf_str(&b), "31 December 2025");
	buf_reset(&b);
	model_date(&b, site, "not a date");
	CHECK_STR(buf_str(&b), "not a date");
	buf_free(&b);
	/* A name the site lacks gives itself: visible, never NULL. */
	CHECK_STR(model_string(site, "no_such_string"), "no_such_string");
	model_free(site);
	diag_free(&d);
}

static void test_overrides(void)
{
	site_with("strings:\n"
	          "  on_this_page: In this chapter\n"
	          "  page_of: \"{pages} pages, this is {page}\"\n"
	          "  edition: \"Ausgabe vom {{{date}}}\"\n"
	          "  date: \"{day}. {month} {year}\"\n"
	          "  month_3: März\n"
	          "  back_to_top: \"{up}\"\n");
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_with(NULL, &d);
	CHECK(site != NULL);
	CHECK_INT(d.nlines, 0);
	if (site == NULL)
		return;
	CHECK_STR(model_string(site, "on_this_page"), "In this chapter");
	CHECK_STR(phrase(site, "page_of", pages, 2), "36 pages, this is 3");
	struct buf date = BUF_INIT;
	model_date(&date, site, "2026-03-02");
	CHECK_STR(buf_str(&date), "2. März 2026");
	const struct phrase_arg on[] = {{"date", buf_str(&date)}};
	CHECK_STR(phrase(site, "edition", on, 1), "Ausgabe vom {2. März 2026}");
	buf_free(&date);
	/* A string no code fills is shown as written, braces and all. */
	CHECK_STR(model_string(site, "back_to_top"), "{up}");
	/* The others keep the theme's words. */
	CHECK_STR(model_string(site, "contents"), "Contents");
	const struct text_pair *p = site->strings.items;
	for (size_t i = 0; i < site->strings.len; i++)
		if (strcmp(p[i].key.v, "on_this_page") == 0)
			CHECK(strstr(p[i].value.at.file, "content/site.yaml") != NULL && p[i].value.at.line == 28);
	model_free(site);
	diag_free(&d);
}

static void test_unknown_name(void)
{
	CHECK_STR(first_error("strings:\n  on_this_pag: Here\n", NULL),
	          "site/content/site.yaml:28:3: error: unknown string 'on_this_pag' in strings; did you mean 'on_this_page'?");
	CHECK_STR(first_error("strings:\n  title: Here\n  zzzzzzzz_zzz: x\n", NULL),
	          "site/content/site.yaml:28:3: error: unknown string 'title' in strings; use one of the names in "
	          TEST_ROOT "/theme/templates/strings/en.yaml");
}

static void test_wrong_type(void)
{
	CHECK_STR(first_error("strings:\n  on_this_page:\n    - a\n    - b\n", NULL),
	          "site/content/site.yaml:29:5: error: 'on_this_page' must be a single value, not a list; write one value after 'on_this_page: '");
	CHECK_STR(first_error("strings:\n  on_this_page:\n    a: b\n", NULL),
	          "site/content/site.yaml:29:5: error: 'on_this_page' must be a single value, not a mapping; write one value after 'on_this_page: '");
	CHECK_STR(first_error("strings: On this page\n", NULL),
	          "site/content/site.yaml:27:10: error: 'strings' must be a mapping, not a single value; write its entries as 'name: text' lines");
	CHECK_STR(first_error("strings:\n  on_this_page: \"\"\n", NULL),
	          "site/content/site.yaml:28:18: error: 'on_this_page' is empty; write a value");
}

static void test_placeholders(void)
{
	CHECK_STR(first_error("strings:\n  page_of: Page {page}\n", NULL),
	          "site/content/site.yaml:28:12: error: string 'page_of' lacks the placeholder {pages}; write it where "
	          "the value goes (in the playbook's page footers)");
	CHECK_STR(first_error("strings:\n  page_of: Page {page} of {total}\n", NULL),
	          "site/content/site.yaml:28:12: error: string 'page_of' has the placeholder {total}, which nothing "
	          "fills; remove it ('page_of' takes {page} and {pages})");
	CHECK_STR(first_error("strings:\n  edition: \"Edition {date\"\n", NULL),
	          "site/content/site.yaml:28:13: error: string 'edition' has a '{' without '}'; write '{{' for a "
	          "literal brace");
	CHECK_STR(first_error("strings:\n  date: \"{day} {Month} {year}\"\n", NULL),
	          "site/content/site.yaml:28:10: error: string 'date' has a placeholder that is not a name of a-z, 0-9 "
	          "and '_'; write '{{' for a literal brace");
}

/* The strings file itself: found in the first folder that has it, and
 * checked as site.yaml's strings are. */
static void test_theme_file(void)
{
	/* Looked for in order: a folder without it is passed over. */
	const char *const later[] = {empty_dir, TEST_ROOT "/theme/templates", NULL};
	site_with("");
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_with(later, &d);
	CHECK(site != NULL);
	CHECK_INT(d.nlines, 0);
	model_free(site);
	diag_free(&d);
	/* The first that has it wins, whole: its own mistakes are reported. */
	char *cmd = xasprintf("mkdir -p '%s/strings' && grep -v '^month_4:' '%s/theme/templates/strings/en.yaml' "
	                      "| sed 's/^contents: .*/Contents: Contents/' >'%s/strings/en.yaml'",
	                      theme, TEST_ROOT, theme);
	CHECK(run(cmd));
	free(cmd);
	const char *const first[] = {theme, TEST_ROOT "/theme/templates", NULL};
	site_with("");
	diag_init(&d, NULL);
	CHECK(load_with(first, &d) == NULL);
	CHECK_INT(d.errors, 3);
	for (size_t i = 0; i < d.nlines; i++) {
		const char *line = d.lines[i] + strlen(work) + 1;
		if (strstr(line, "month_4"))
			CHECK_STR(line, "theme/strings/en.yaml:1:1: error: no string 'month_4' (used in dates); add it");
		else if (strstr(line, "'Contents'"))
			CHECK_CONTAINS(line, "error: string name 'Contents' must use only a-z, 0-9 and '_', starting with a letter");
		else
			CHECK_STR(line, "theme/strings/en.yaml:1:1: error: no string 'contents' (used in the playbook's "
			                "contents); add it");
	}
	diag_free(&d);
	/* In no folder at all. */
	const char *const none[] = {empty_dir, NULL};
	CHECK_STR(first_error("", none),
	          "empty/strings/en.yaml: error: the theme's strings are missing; put Folio's templates/strings/en.yaml back");
}

int main(void)
{
	if (mkdtemp(work) == NULL)
		return 2;
	source = xasprintf("%s/site", work);
	site_yaml = xasprintf("%s/content/site.yaml", source);
	theme = xasprintf("%s/theme", work);
	empty_dir = xasprintf("%s/empty", work);
	char *copy = xasprintf("mkdir -p '%s' '%s' && cp -R '%s/tests/fixtures/minimal/content' "
	                       "'%s/tests/fixtures/minimal/static' '%s/'",
	                       source, empty_dir, TEST_ROOT, TEST_ROOT, source);
	if (!run(copy))
		return 2;
	RUN(test_defaults);
	RUN(test_overrides);
	RUN(test_unknown_name);
	RUN(test_wrong_type);
	RUN(test_placeholders);
	RUN(test_theme_file);
	char *clean = xasprintf("rm -rf '%s'", work);
	run(clean);
	free(clean);
	free(copy);
	free(empty_dir);
	free(theme);
	free(site_yaml);
	free(source);
	return harness_done();
}
