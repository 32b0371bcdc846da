/* Unit tests of the loader's text helpers (front matter, clean text,
 * reading files) and of load_text(). */
#define HARNESS_NAME "load"
#include "harness.h"

#include <stdio.h>
#include <unistd.h>

#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/frontmatter.h"
#include "content/load.h"
#include "content/model.h"

static const char *only_line(const struct diag *d)
{
	if (d->nlines == 0)
		return "(none)";
	if (d->nlines > 1)
		return "(several)";
	return d->lines[0];
}

/* Splits text; on success copies the YAML part into yaml_out. */
static bool split(const char *text, char *yaml_out, size_t size, const char **body, int *body_line,
                  struct diag *d)
{
	const char *yaml = NULL;
	size_t yaml_len = 0;
	bool ok = frontmatter_split(text, "p.md", &yaml, &yaml_len, body, body_line, d);
	if (ok && yaml_len < size) {
		memcpy(yaml_out, yaml, yaml_len);
		yaml_out[yaml_len] = '\0';
	}
	return ok;
}

static void test_front_matter_basic(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char yaml[256] = "";
	const char *body = NULL;
	int line = 0;
	CHECK(split("---\ntitle: T\nweight: 1\n---\n## Body\n\ntext\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(yaml, "title: T\nweight: 1\n");
	CHECK_STR(body, "## Body\n\ntext\n");
	CHECK_INT(line, 5);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_front_matter_fences(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char yaml[256] = "";
	const char *body = NULL;
	int line = 0;
	/* "..." also ends the YAML, and fences may have trailing blanks. */
	CHECK(split("--- \na: 1\n...\t\nB\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(yaml, "a: 1\n");
	CHECK_STR(body, "B\n");
	CHECK_INT(line, 4);
	/* Empty front matter. */
	CHECK(split("---\n---\nBody", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(yaml, "");
	CHECK_STR(body, "Body");
	CHECK_INT(line, 3);
	/* Closing fence at the very end: the body is empty. */
	CHECK(split("---\na: 1\n---", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(yaml, "a: 1\n");
	CHECK_STR(body, "");
	CHECK_INT(line, 4);
	/* A "---" that is not alone on its line does not close. */
	CHECK(split("---\na: ---\nb: --- x\n---\nX\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(yaml, "a: ---\nb: --- x\n");
	CHECK_STR(body, "X\n");
	CHECK_INT(line, 5);
	/* Only the first closing fence counts: a later "---" is body text. */
	CHECK(split("---\na: 1\n---\nabove\n---\nbelow\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(body, "above\n---\nbelow\n");
	CHECK_INT(line, 4);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_front_matter_missing(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char yaml[64];
	const char *body = NULL;
	int line = 0;
	CHECK(!split("title: T\n---\nbody\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(only_line(&d),
	          "p.md:1:1: error: missing front matter; start the file with a line '---', the YAML fields, and another '---'");
	diag_free(&d);
	/* "----" is not a fence, nor is text after the dashes. */
	diag_init(&d, NULL);
	CHECK(!split("----\na: 1\n---\nB\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK(!split("--- a: 1\n---\nB\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK(!split("", yaml, sizeof yaml, &body, &line, &d));
	CHECK_INT(d.errors, 1);  /* the same line three times is reported once */
	diag_free(&d);
}

static void test_front_matter_unclosed(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char yaml[64];
	const char *body = NULL;
	int line = 0;
	CHECK(!split("---\ntitle: T\n\nBody without a fence\n", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(only_line(&d), "p.md:1:1: error: front matter is not closed; add a line '---' after the YAML fields");
	diag_free(&d);
	diag_init(&d, NULL);
	CHECK(!split("---", yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(only_line(&d), "p.md:1:1: error: front matter is not closed; add a line '---' after the YAML fields");
	diag_free(&d);
}

static void test_clean_bom_and_crlf(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char a[] = "\xEF\xBB\xBFtitle: T\r\nnext\r\n";
	size_t len = sizeof a - 1;
	CHECK(textfile_clean(a, &len, "a.yaml", &d));
	CHECK_STR(a, "title: T\nnext\n");
	CHECK_INT(len, 14);
	/* A lone CR is kept; only CR LF pairs become LF. */
	char b[] = "a\rb\r\r\nc\r";
	len = sizeof b - 1;
	CHECK(textfile_clean(b, &len, "b.txt", &d));
	CHECK_STR(b, "a\rb\r\nc\r");
	CHECK_INT(len, 7);
	/* A BOM only at the very start is dropped; elsewhere it is text. */
	char c[] = "x\xEF\xBB\xBF";
	len = sizeof c - 1;
	CHECK(textfile_clean(c, &len, "c.txt", &d));
	CHECK_STR(c, "x\xEF\xBB\xBF");
	CHECK_INT(len, 4);
	char e[] = "\xEF\xBB\xBF";
	len = sizeof e - 1;
	CHECK(textfile_clean(e, &len, "e.txt", &d));
	CHECK_STR(e, "");
	CHECK_INT(len, 0);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_clean_then_split(void)
{
	/* CRLF front matter is cleaned first, then split as LF text. */
	struct diag d;
	diag_init(&d, NULL);
	char text[] = "\xEF\xBB\xBF---\r\nquestion: Q\r\n---\r\nAnswer.\r\n";
	size_t len = sizeof text - 1;
	CHECK(textfile_clean(text, &len, "q.md", &d));
	char yaml[64] = "";
	const char *body = NULL;
	int line = 0;
	CHECK(split(text, yaml, sizeof yaml, &body, &line, &d));
	CHECK_STR(yaml, "question: Q\n");
	CHECK_STR(body, "Answer.\n");
	CHECK_INT(line, 4);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_clean_invalid_utf8(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char a[] = "title: ok\nsummary: caf\xC3\xA9 \xFF here\n";
	size_t len = sizeof a - 1;
	CHECK(!textfile_clean(a, &len, "p.md", &d));
	/* Line 2; "summary: café " is 14 characters, so the bad byte is column 15. */
	CHECK_STR(only_line(&d), "p.md:2:15: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
	diag_free(&d);
	diag_init(&d, NULL);
	char b[] = "x: \xED\xA0\x80\n";  /* an encoded surrogate */
	len = sizeof b - 1;
	CHECK(!textfile_clean(b, &len, "s.md", &d));
	CHECK_STR(only_line(&d), "s.md:1:4: error: invalid UTF-8 (byte 0xED); save the file as UTF-8");
	diag_free(&d);
	diag_init(&d, NULL);
	char c[] = "ab\n\xC3";        /* cut short at the end of the file */
	len = sizeof c - 1;
	CHECK(!textfile_clean(c, &len, "t.md", &d));
	CHECK_STR(only_line(&d), "t.md:2:1: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8");
	diag_free(&d);
}

static void test_clean_columns_after_bom(void)
{
	/* The byte-order mark is invisible in an editor: it is no column. */
	struct diag d;
	diag_init(&d, NULL);
	char a[] = "\xEF\xBB\xBF" "ab\xFF";
	size_t len = sizeof a - 1;
	CHECK(!textfile_clean(a, &len, "bom.md", &d));
	CHECK_STR(only_line(&d), "bom.md:1:3: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
	diag_free(&d);
	diag_init(&d, NULL);
	char b[] = "\xEF\xBB\xBFx\0y";
	len = sizeof b - 1;
	CHECK(!textfile_clean(b, &len, "bom.md", &d));
	CHECK_STR(only_line(&d), "bom.md:1:2: error: NUL byte in a text file; remove it");
	diag_free(&d);
}

static void test_clean_nul(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char a[] = "line one\nab\0cd\n";
	size_t len = sizeof a - 1;
	CHECK(!textfile_clean(a, &len, "n.md", &d));
	CHECK_STR(only_line(&d), "n.md:2:3: error: NUL byte in a text file; remove it");
	diag_free(&d);
}

/* Writes n bytes of 'x' to a fresh temporary file; returns its path. */
static char *temp_file(size_t n)
{
	char *path = strdup("/tmp/folio-test-load-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	FILE *f = fdopen(fd, "wb");
	for (size_t i = 0; i < n; i++)
		fputc('x', f);
	fclose(f);
	return path;
}

static void test_read_file(void)
{
	struct diag d;
	diag_init(&d, NULL);
	size_t len = 99;
	char *path = temp_file(5);
	CHECK(path != NULL);
	if (path == NULL)
		return;
	char *text = textfile_read(path, "shown.md", 1024, &len, &d);
	CHECK_STR(text, "xxxxx");
	CHECK_INT(len, 5);
	free(text);
	unlink(path);
	free(path);

	/* Exactly the limit is read; one byte more is refused. */
	size_t max = 1u << 20;
	path = temp_file(max);
	text = textfile_read(path, "big.md", max, &len, &d);
	CHECK(text != NULL);
	CHECK_INT(len, max);
	free(text);
	unlink(path);
	free(path);
	CHECK_INT(d.nlines, 0);
	path = temp_file(max + 1);
	text = textfile_read(path, "big.md", max, &len, &d);
	CHECK(text == NULL);
	CHECK_STR(only_line(&d), "big.md:1:1: error: file is larger than 1 MiB; split it into smaller files");
	unlink(path);
	free(path);
	diag_free(&d);

	/* An empty file is an empty string, not an error. */
	diag_init(&d, NULL);
	path = temp_file(0);
	text = textfile_read(path, "empty.md", 1024, &len, &d);
	CHECK_STR(text, "");
	CHECK_INT(len, 0);
	free(text);
	unlink(path);
	free(path);

	text = textfile_read("/nonexistent/folio/file.md", "missing.md", 1024, &len, &d);
	CHECK(text == NULL);
	CHECK_STR(only_line(&d), "missing.md:1:1: error: cannot read: No such file or directory; check that the file exists and that you may read it");
	diag_free(&d);
}

/* The fingerprint of a resource loaded from pattern text (a copy of
 * base with from replaced by to, when from is not NULL). */
static struct hash resource_hash_of(const char *base, const char *from, const char *to, bool left_on_disk)
{
	char *text = xstrdup(base);
	if (from) {
		char *at = strstr(text, from);
		CHECK(at != NULL && strlen(from) == strlen(to));
		if (at)
			memcpy(at, to, strlen(to));
	}
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_text(LOAD_PATTERN_MD, text, strlen(text), &d);
	struct hash h = {0, 0};
	CHECK(site != NULL);
	if (site) {
		struct resource *r = site->resources.items;
		struct pattern *p = r->patterns->items.items;
		/* As load_site() leaves a body when it has fonts: on disk. */
		if (left_on_disk) {
			free(p->body.src);
			p->body.src = NULL;
			p->body.on_disk = true;
		}
		h = schema_hash(&model_resource_schema, r);
	}
	model_free(site);
	diag_free(&d);
	free(text);
	return h;
}

/* schema_hash: what a resource says, but a body left on disk. */
static void test_schema_hash(void)
{
	static const char pattern[] =
		"---\ntitle: Title\nsummary: S\nbest_for: B\ndecision: D\ncomplexity: 2\n"
		"effort: {min: 1, max: 2}\nsystems:\n  - {id: a, name: A, role: R}\n  - {id: b, name: B, role: R}\n"
		"flows:\n  - {from: a, to: b, data: X, owner: a}\n---\nBody text.\n";
	struct hash same = resource_hash_of(pattern, NULL, NULL, false);
	CHECK(hash_same(same, resource_hash_of(pattern, NULL, NULL, false)));
	/* A title, a number, a flow's name: each counts. */
	CHECK(!hash_same(same, resource_hash_of(pattern, "Title", "Tithe", false)));
	CHECK(!hash_same(same, resource_hash_of(pattern, "min: 1", "min: 0", false)));
	CHECK(!hash_same(same, resource_hash_of(pattern, "data: X", "data: Y", false)));
	/* A body held in memory counts; one left on disk does not. */
	CHECK(!hash_same(same, resource_hash_of(pattern, "Body text.", "Body test.", false)));
	struct hash on_disk = resource_hash_of(pattern, NULL, NULL, true);
	CHECK(!hash_same(same, on_disk));
	CHECK(hash_same(on_disk, resource_hash_of(pattern, "Body text.", "Body test.", true)));
	CHECK(!hash_same(on_disk, resource_hash_of(pattern, "Title", "Tithe", true)));
}

/* One content file from memory, checked as load_site() checks it. */
static void test_load_text(void)
{
	static const char pattern[] =
		"\xEF\xBB\xBF---\r\ntitle: T\r\nsummary: S\r\nbest_for: B\r\ndecision: D\r\ncomplexity: 2\r\n"
		"effort: {min: 1, max: 2}\r\nsystems:\r\n  - {id: a, name: A, role: R}\r\n  - {id: b, name: B, role: R}\r\n"
		"flows:\r\n  - {from: a, to: b, data: X, owner: a}\r\n---\r\nBody [x](/y/).\r\n";
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_text(LOAD_PATTERN_MD, pattern, sizeof pattern - 1, &d);
	CHECK(site != NULL);
	if (site) {
		const struct resource *r = site->resources.items;
		const struct pattern *p = r->patterns->items.items;
		CHECK_INT(r->patterns->items.len, 1);
		CHECK_STR(p->title.v, "T");
		CHECK_STR(p->url.v, "/resources/r/patterns/p/");
		CHECK(((const struct flow *)p->flows.items)[0].to_system != NULL);
		CHECK_INT(site->nlinks, 1);     /* the body's site link, to check later */
	}
	model_free(site);
	diag_free(&d);

	/* The same file with a flow to an unknown system: no site, one error
	 * at the value, named as the file would be. */
	char *broken = xstrdup(pattern);
	memcpy(strstr(broken, "to: b"), "to: c", 5);
	diag_init(&d, NULL);
	CHECK(load_text(LOAD_PATTERN_MD, broken, strlen(broken), &d) == NULL);
	CHECK_INT(d.errors, 1);
	if (d.nlines > 0)
		CHECK_CONTAINS(d.lines[0], "(memory)/content/resources/r/patterns/p.md:12:");
	diag_free(&d);
	free(broken);

	/* A pattern alone belongs to a resource that declares no flow kinds:
	 * a flow may not name one. */
	broken = xstrdup(pattern);
	char *owner = strstr(broken, "owner: a}");
	memcpy(owner, "how: tap}", 9);
	diag_init(&d, NULL);
	CHECK(load_text(LOAD_PATTERN_MD, broken, strlen(broken), &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/patterns/p.md:12:36: error: 'how' is 'tap', but resource.yaml "
	                         "declares no flow kinds; declare them under vocabulary.flow_kinds (id, label, line)");
	diag_free(&d);
	free(broken);

	/* Site and resource files need their required keys. */
	diag_init(&d, NULL);
	CHECK(load_text(LOAD_SITE_YAML, "title: x\n", 9, &d) == NULL);
	CHECK(d.errors >= 4);
	CHECK(load_text(LOAD_RESOURCE_YAML, "", 0, &d) == NULL);
	diag_free(&d);
}

/* The message about resource.yaml's 'updated: date' (after "error: "),
 * or "(none)" when the date is accepted. */
static char *date_message(const char *date)
{
	char *yaml = xasprintf("updated: %s\n", date);
	struct diag d;
	diag_init(&d, NULL);
	model_free(load_text(LOAD_RESOURCE_YAML, yaml, strlen(yaml), &d));
	char *found = xstrdup("(none)");
	for (size_t i = 0; i < d.nlines; i++) {
		const char *e = strstr(d.lines[i], "error: ");
		if (strstr(d.lines[i], "resource.yaml:1:10: ") && e) {
			free(found);
			found = xstrdup(e + 7);
		}
	}
	diag_free(&d);
	free(yaml);
	return found;
}

/* A date of the right shape on no calendar says which part is wrong and
 * what to write, not that the shape is wrong; leap years count. */
static void test_date_that_does_not_exist(void)
{
	static const struct {
		const char *date, *message;
	} cases[] = {
		{"2026-01-15", "(none)"},
		{"2028-02-29", "(none)"},       /* a leap year */
		{"2000-02-29", "(none)"},       /* divisible by 400: leap */
		{"2026-12-31", "(none)"},
		{"2026-02-30", "'updated': 2026-02-30 is not a day: February 2026 has 28 days; write a day from 01 to 28"},
		{"2026-02-29", "'updated': 2026-02-29 is not a day: February 2026 has 28 days; write a day from 01 to 28"},
		{"2100-02-29", "'updated': 2100-02-29 is not a day: February 2100 has 28 days; write a day from 01 to 28"},
		{"2028-02-30", "'updated': 2028-02-30 is not a day: February 2028 has 29 days; write a day from 01 to 29"},
		{"2026-04-31", "'updated': 2026-04-31 is not a day: April 2026 has 30 days; write a day from 01 to 30"},
		{"2026-01-00", "'updated': 2026-01-00 is not a day: January 2026 has 31 days; write a day from 01 to 31"},
		{"2026-13-01", "'updated': 2026-13-01 is not a day: a year has 12 months, not 13; write the month as 01 to 12"},
		{"2026-00-10", "'updated': 2026-00-10 is not a day: a year has 12 months, not 0; write the month as 01 to 12"},
		{"2026-1-15", "'updated' must be a date written YYYY-MM-DD, not '2026-1-15'; write it such as 2026-01-15"},
		{"15.01.2026", "'updated' must be a date written YYYY-MM-DD, not '15.01.2026'; write it such as 2026-01-15"},
		{"2026-01-1x", "'updated' must be a date written YYYY-MM-DD, not '2026-01-1x'; write it such as 2026-01-15"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = date_message(cases[i].date);
		CHECK_STR(got, cases[i].message);
		free(got);
	}
}

int main(void)
{
	RUN(test_front_matter_basic);
	RUN(test_front_matter_fences);
	RUN(test_front_matter_missing);
	RUN(test_front_matter_unclosed);
	RUN(test_clean_bom_and_crlf);
	RUN(test_clean_then_split);
	RUN(test_clean_invalid_utf8);
	RUN(test_clean_columns_after_bom);
	RUN(test_clean_nul);
	RUN(test_read_file);
	RUN(test_load_text);
	RUN(test_schema_hash);
	RUN(test_date_that_does_not_exist);
	return harness_done();
}
