/* Unit tests of output/bodies.h: notes of pattern pages written, read back
 * and found only for the page they were taken from. */
#define HARNESS_NAME "bodies"
#include "harness.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "output/bodies.h"

static char dir[64];            /* the output folder */
static char record[128];        /* its record */

static const char page_text[] = "<html><main><h2 id=\"a\">A\tB</h2>\n<p>x</p>\n</main><aside><p>y</p></aside></html>\n";

static void write_page(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

/* The note of page_text at "p/index.html": two parts and two headings,
 * one with a tab and a backslash, one with a newline. */
static struct body_note the_note(void)
{
	struct body_note n = {.page = xstrdup("p/index.html"), .page_bytes = hash_bytes(page_text, strlen(page_text)),
	                      .source = 0x1234abcdULL, .sources = true};
	const char *main_part = strstr(page_text, "<h2"), *aside = strstr(page_text, "<p>y");
	body_note_part(&n, 1, (struct hash){1, 2}, (size_t)(main_part - page_text), strlen("<h2 id=\"a\">A\tB</h2>\n<p>x</p>\n"));
	body_note_part(&n, 2, (struct hash){3, 4}, (size_t)(aside - page_text), strlen("<p>y</p>"));
	body_note_heading(&n, 1, 2, "a", "A\tB \\ C");
	body_note_heading(&n, 2, 3, "b-2", "two\nlines");
	return n;
}

/* Writes the record with the note of the_note() and, after it, line. */
static void write_record(const char *line)
{
	struct body_note n = the_note();
	struct buf lines = BUF_INIT;
	bodies_put(&lines, &n);
	buf_puts(&lines, line);
	bodies_write(record, lines.data, lines.len);
	buf_free(&lines);
	body_note_free(&n);
}

static bool find(const char *page, struct hash bytes, uint64_t source, struct body_note *n)
{
	struct bodies *b = bodies_read(record, dir);
	bool found = bodies_find(b, page, bytes, source, n);
	bodies_free(b);
	return found;
}

static void test_a_note_comes_back(void)
{
	write_page("p/index.html", page_text);
	write_record("");
	struct body_note n;
	CHECK(find("p/index.html", hash_bytes(page_text, strlen(page_text)), 0x1234abcdULL, &n));
	CHECK_STR(n.page, "p/index.html");
	CHECK(n.sources && n.nparts == 2 && n.nheadings == 2);
	const struct body_part_note *main_part = body_note_markup(&n, 1, (struct hash){1, 2});
	const struct body_part_note *aside = body_note_markup(&n, 2, (struct hash){3, 4});
	CHECK(main_part && aside);
	if (main_part && aside) {
		CHECK_STR(main_part->markup, "<h2 id=\"a\">A\tB</h2>\n<p>x</p>\n");
		CHECK_STR(aside->markup, "<p>y</p>");
	}
	/* A part asked for with another key, or by another number, is not there. */
	CHECK(body_note_markup(&n, 1, (struct hash){1, 3}) == NULL);
	CHECK(body_note_markup(&n, 2, (struct hash){1, 2}) == NULL);
	CHECK(n.headings[0].part == 1 && n.headings[0].level == 2);
	CHECK_STR(n.headings[0].id, "a");
	CHECK_STR(n.headings[0].text, "A\tB \\ C");
	CHECK(n.headings[1].part == 2 && n.headings[1].level == 3);
	CHECK_STR(n.headings[1].id, "b-2");
	CHECK_STR(n.headings[1].text, "two\nlines");
	body_note_free(&n);
}

static void test_only_for_its_page(void)
{
	write_page("p/index.html", page_text);
	write_record("");
	struct hash bytes = hash_bytes(page_text, strlen(page_text));
	struct body_note n;
	/* Another page, other bytes, another source: no note. */
	CHECK(!find("q/index.html", bytes, 0x1234abcdULL, &n));
	CHECK(!find("p/index.html", (struct hash){bytes.a ^ 1, bytes.b}, 0x1234abcdULL, &n));
	CHECK(!find("p/index.html", bytes, 0x1234abceULL, &n));
	CHECK(n.page == NULL && n.nparts == 0);
	/* A page in place that no longer holds the parts. */
	write_page("p/index.html", "<html></html>\n");
	CHECK(!find("p/index.html", bytes, 0x1234abcdULL, &n));
	unlink(record);
	write_page("p/index.html", page_text);
	CHECK(!find("p/index.html", bytes, 0x1234abcdULL, &n));
	CHECK(!bodies_find(NULL, "p/index.html", bytes, 0x1234abcdULL, &n));
}

static void test_damage_is_missed(void)
{
	write_page("p/index.html", page_text);
	write_page("q/index.html", "<p></p>\n");
	struct hash bytes = hash_bytes(page_text, strlen(page_text));
	struct body_note n;
	/* A line of another page, damaged every way, beside the good one. */
	const char *damaged[] = {
		"q/index.html\tzz\n",
		"q/index.html\t0000000000000001 0000000000000002 0000000000000003 0 1 0\n",        /* a part short */
		"q/index.html\t0000000000000001 0000000000000002 0000000000000003 0 0 1\t1 2\t=a\n", /* a field short */
		"q/index.html\t0000000000000001 0000000000000002 0000000000000003 0 0 1\t1 2\ta\tb\\q\n",
		"q/index.html\t0000000000000001 0000000000000002 0000000000000003 0 0 0\textra\n",
		"q/index.html\t0000000000000001 0000000000000002 0000000000000003 0 0 0", /* no newline */
	};
	for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
		write_record(damaged[i]);
		CHECK(!find("q/index.html", (struct hash){1, 2}, 3, &n));
		CHECK(find("p/index.html", bytes, 0x1234abcdULL, &n));
		body_note_free(&n);
	}
	/* The same line whole is found: the damage was what missed. */
	write_record("q/index.html\t0000000000000001 0000000000000002 0000000000000003 0 0 0\n");
	CHECK(find("q/index.html", (struct hash){1, 2}, 3, &n));
	body_note_free(&n);
	/* A record altered after it was written, though every line still
	 * reads (a heading's text): none of it is taken. */
	write_record("");
	FILE *g = fopen(record, "r+");
	char text[4096];
	size_t len = fread(text, 1, sizeof text - 1, g);
	text[len] = '\0';
	char *heading = strstr(text, "A\\tB");
	CHECK(heading != NULL);
	if (heading) {
		fseek(g, heading - text, SEEK_SET);
		fputc('Z', g);
	}
	fclose(g);
	struct bodies *altered = bodies_read(record, dir);
	CHECK(altered == NULL);
	bodies_free(altered);
	/* Not a record: another format's first line. */
	FILE *f = fopen(record, "w");
	fputs("folio-bodies 0\n", f);
	fclose(f);
	struct bodies *b = bodies_read(record, dir);
	CHECK(b == NULL);
	bodies_free(b);
}

int main(void)
{
	char tmpl[] = "/tmp/folio-test-bodies-XXXXXX";
	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(dir, sizeof dir, "%s/out", tmpl);
	snprintf(record, sizeof record, "%s/.out.folio-bodies", tmpl);
	mkdir(dir, 0755);
	char sub[96];
	snprintf(sub, sizeof sub, "%s/p", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/q", dir);
	mkdir(sub, 0755);
	RUN(test_a_note_comes_back);
	RUN(test_only_for_its_page);
	RUN(test_damage_is_missed);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpl);
	return harness_done();
}
