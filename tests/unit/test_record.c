/* The build record's file (record.h): where it is, what it keeps, and
 * that a damaged one is not taken for a record. */
#define HARNESS_NAME "record"
#include "harness.h"

#include <stdio.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "build/record.h"

static char work[] = "/tmp/folio-record.XXXXXX";

static void test_path_is_beside_the_output(void)
{
	static const char *const cases[][2] = {
		{"public", ".public.folio-state"},
		{"public/", ".public.folio-state"},
		{"site/out", "site/.out.folio-state"},
		{"/srv/www//", "/srv/.www.folio-state"},
		{"/out", "/.out.folio-state"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = record_path(cases[i][0]);
		CHECK_STR(got, cases[i][1]);
		free(got);
	}
}

/* A record with two kept files and two lines of warnings. */
static void sample(struct record *rec)
{
	*rec = (struct record){
		.stamps = {1, 2},
		.inputs = {0xfedcba9876543210ull, 3},
		.output = {4, 0xffffffffffffffffull},
		.complete = true,
		.pages = 12,
		.files = 345,
		.tools = {5, 6},
		.nkept = 2,
		.warnings = BUF_INIT,
	};
	rec->kept = xcalloc(2, sizeof *rec->kept);
	rec->kept[0] = (struct reuse_kept){REUSE_KEPT_PNG, {7, 8}, {9, 10}, 0, xstrdup("images/a diagram@2x.png")};
	rec->kept[1] = (struct reuse_kept){REUSE_KEPT_PLAYBOOK, {0, 0}, {11, 12}, 40, xstrdup("demo/playbook.pdf")};
	buf_puts(&rec->warnings, "content/a.md:3:1: warning: one\nfolio: warning: two\n");
}

static bool same_hash(struct hash x, struct hash y)
{
	return x.a == y.a && x.b == y.b;
}

static void test_what_is_written_is_read(void)
{
	char *path = xasprintf("%s/.out.folio-state", work);
	struct record w, r;
	sample(&w);
	record_write(path, &w);
	CHECK(record_read(path, &r));
	CHECK(same_hash(r.stamps, w.stamps) && same_hash(r.inputs, w.inputs) && same_hash(r.output, w.output));
	CHECK(same_hash(r.tools, w.tools));
	CHECK(r.complete && r.pages == 12 && r.files == 345);
	CHECK(r.nkept == 2);
	for (size_t i = 0; i < r.nkept && i < 2; i++) {
		CHECK(r.kept[i].kind == w.kept[i].kind);
		CHECK(same_hash(r.kept[i].key, w.kept[i].key) && same_hash(r.kept[i].bytes, w.kept[i].bytes));
		CHECK(r.kept[i].pages == w.kept[i].pages);
		CHECK_STR(r.kept[i].path, w.kept[i].path);
	}
	CHECK_STR(buf_str(&r.warnings), buf_str(&w.warnings));
	record_free(&r);
	CHECK(r.kept == NULL && r.nkept == 0 && r.warnings.len == 0);
	/* An incomplete one stays incomplete. */
	w.complete = false;
	record_write(path, &w);
	CHECK(record_read(path, &r) && !r.complete);
	record_free(&r);
	record_free(&w);
	free(path);
}

/* A record cut short, of another format or missing is none. */
static void test_damaged_is_none(void)
{
	char *path = xasprintf("%s/.cut.folio-state", work);
	struct record w, r;
	sample(&w);
	record_write(path, &w);
	record_free(&w);
	FILE *f = fopen(path, "r");
	char text[4096];
	size_t len = f ? fread(text, 1, sizeof text, f) : 0;
	if (f)
		fclose(f);
	/* Cut within the header and within the kept list. */
	const char *kept = strstr(text, "\nb ");
	CHECK(kept != NULL);
	size_t cuts[] = {20, kept ? (size_t)(kept - text) + 5 : 0};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		CHECK(truncate(path, (off_t)cuts[i]) == 0);
		CHECK(!record_read(path, &r));
		CHECK(r.kept == NULL && r.nkept == 0);
	}
	f = fopen(path, "w");
	if (f) {
		fputs("folio-state 2\n", f);
		fwrite(text + 14, 1, len - 14, f);
		fclose(f);
	}
	CHECK(!record_read(path, &r));
	unlink(path);
	CHECK(!record_read(path, &r));
	free(path);
}

/* A record that cannot be written is no error, and leaves nothing. */
static void test_unwritable_is_quiet(void)
{
	struct record w;
	sample(&w);
	record_write("/nonexistent/folio/.out.folio-state", &w);
	record_free(&w);
}

int main(void)
{
	if (mkdtemp(work) == NULL)
		return 2;
	RUN(test_path_is_beside_the_output);
	RUN(test_what_is_written_is_read);
	RUN(test_damaged_is_none);
	RUN(test_unwritable_is_quiet);
	char *clean = xasprintf("rm -rf '%s'", work);
	if (system(clean) != 0)
		fprintf(stderr, "cannot remove %s\n", work);
	free(clean);
	return harness_done();
}
