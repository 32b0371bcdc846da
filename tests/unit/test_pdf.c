/*
 * Unit tests of pdf.h: a three-page document with every feature (text in
 * the four faces, shapes, a diagram, links, bookmarks, page labels,
 * metadata) comes out the same twice, and misuse fails with a diagnostic
 * instead of a broken file.  When poppler-utils and qpdf are installed the
 * file is also read back with them: valid structure, four embedded fonts
 * with a usable ToUnicode map, the text extractable, the bookmarks and
 * labels in place.  A US Letter document has pages of that size.  Set
 * FOLIO_PDF_OUT to keep the sample file (tests/pdf-smoke.sh does).
 */
#define HARNESS_NAME "pdf"
#include "harness.h"

#include <unistd.h>

#include <libdeflate.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "diagram/layout.h"
#include "pdf/pdf.h"

#define SAMPLE "Café — “quotes” → ✓"
#define EPOCH 1767225600LL      /* 2026-01-01T00:00:00Z, as in tests/lib.sh */

static struct fontset *fs;

static const struct pdf_info info = {"Ops Playbook — café edition", "José Müller", "Integration “patterns”",
                                     "crm, orders", "Folio 0.1.0", EPOCH, "en", PDF_PAPER_A4, NULL};

static void page_one(struct pdf *p, size_t page, size_t target)
{
	static const double navy[3] = {17 / 255.0, 33 / 255.0, 56 / 255.0};
	static const double teal[3] = {0, 109 / 255.0, 119 / 255.0};
	static const double pale[3] = {0.93, 0.96, 0.98};
	pdf_text(p, page, 56, 80, FONT_BOLD, 20, navy, "Bold heading");
	pdf_text(p, page, 56, 110, FONT_REGULAR, 12, NULL, SAMPLE);
	pdf_text(p, page, 56, 130, FONT_ITALIC, 12, teal, "Italic aside");
	pdf_text(p, page, 56, 150, FONT_MONO, 10, NULL, "mono_code(42);");
	pdf_rect(p, page, 56, 170, 220, 70, 10, pale, navy, 1.5);
	pdf_text(p, page, 70, 210, FONT_REGULAR, 12, navy, "Inside the box");
	pdf_rect(p, page, 300, 170, 100, 70, 0, teal, NULL, 0);
	pdf_line(p, page, 56, 270, 540, 270, teal, 2, 6);
	pdf_line(p, page, 56, 290, 540, 290, NULL, 0.5, 0);
	pdf_text(p, page, 56, 320, FONT_REGULAR, 12, teal, "A link outside");
	pdf_link_uri(p, page, 56, 308, 100, 16, "https://example.com/a b/café?q=\"x\"", "an example");
	pdf_text(p, page, 56, 345, FONT_REGULAR, 12, teal, "Go to the end");
	pdf_link_page(p, page, 56, 333, 100, 16, target, 100, "back");
}

/* Three boxes, two flows: a small lanes diagram. */
static void page_diagram(struct pdf *p, size_t page)
{
	struct lay_box_in boxes[] = {{"shop", "Shop", "web"}, {"orders", "Orders", NULL}, {"stock", "Stock", NULL}};
	struct lay_flow_in flows[] = {{0, 1, "checkout", "event", lay_edge_role(1, LAY_STROKE_DASHED)},
	                              {1, 2, "reserve", NULL, lay_edge_role(0, LAY_STROKE_SOLID)}};
	struct layout *lay = layout_lanes(boxes, 3, flows, 2, fs);
	pdf_text(p, page, 56, 80, FONT_BOLD, 16, NULL, "Diagram");
	pdf_paint_layout(p, page, lay, 56, 100, 0.75);
	layout_free(lay);
}

/* The whole sample; returns pdf_finish's result. */
static bool build_sample(struct buf *out, struct diag *d)
{
	struct pdf *p = pdf_new(fs, &info, "sample.pdf", d);
	if (p == NULL)
		return false;
	size_t first = pdf_add_page(p), second = pdf_add_page(p), third = pdf_add_page(p);
	page_one(p, first, third);
	page_diagram(p, second);
	pdf_text(p, third, 56, 100, FONT_REGULAR, 12, NULL, "The end");
	pdf_link_page(p, third, 56, 88, 60, 16, first, 0, "first");
	size_t top = pdf_outline(p, 0, "Front “matter”", first, 0);
	pdf_outline(p, top, "Shapes — and links", first, 160);
	size_t body = pdf_outline(p, 0, "Diagram", second, 0);
	size_t flows = pdf_outline(p, body, "Café flows", second, 100);
	pdf_outline(p, flows, "Reserve", second, 200);
	pdf_outline(p, 0, "The end", third, 0);
	pdf_page_labels(p, first, PDF_LABEL_ROMAN, 1);
	pdf_page_labels(p, second, PDF_LABEL_DECIMAL, 1);
	CHECK_INT(pdf_page_count(p), 3);
	bool ok = pdf_finish(p, out);
	pdf_free(p);
	return ok;
}

/* The PDF holds NUL bytes (compressed streams): no strstr. */
static bool contains(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			return true;
	return false;
}

static void test_deterministic(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct buf a = BUF_INIT, b = BUF_INIT;
	CHECK(build_sample(&a, &d));
	CHECK(build_sample(&b, &d));
	CHECK_INT(d.errors, 0);
	CHECK(a.len > 1000 && strncmp(a.data, "%PDF-", 5) == 0);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	CHECK(contains(&a, "/ID [ <"));                       /* from the metadata, not the clock */
	buf_free(&a);
	buf_free(&b);
	diag_free(&d);
}

/* The first needle in pdf from at on, or NULL. */
static const char *find_from(const struct buf *pdf, const char *at, const char *needle)
{
	size_t n = strlen(needle);
	for (; at + n <= pdf->data + pdf->len; at++)
		if (memcmp(at, needle, n) == 0)
			return at;
	return NULL;
}

/* Appends what pdf's object streams hold, inflated: every dictionary is
 * in one (pdf/objstm.h), as plain text. */
static void inflate_objects(const struct buf *pdf, struct buf *text)
{
	static const char key[] = "/Type /ObjStm";
	struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
	for (const char *at = pdf->data; (at = find_from(pdf, at, key));) {
		const char *length = strstr(at, "/Length "), *data = strstr(at, "stream\n");
		CHECK(length != NULL && data != NULL);
		if (length == NULL || data == NULL)
			break;
		size_t n = strtoul(length + 8, NULL, 10), got = 0;
		data += strlen("stream\n");
		CHECK((size_t)(data - pdf->data) + n <= pdf->len);
		buf_reserve(text, 64 * n);
		CHECK(libdeflate_zlib_decompress(z, data, n, text->data + text->len, 64 * n, &got) == LIBDEFLATE_SUCCESS);
		text->len += got;
		text->data[text->len] = '\0';
		at = data + n;
	}
	libdeflate_free_decompressor(z);
}

/* Links can be read in the dictionaries, inflated (libharu writes some
 * characters of strings in octal). */
static void test_links_in_the_bytes(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct buf pdf = BUF_INIT, a = BUF_INIT;
	CHECK(build_sample(&pdf, &d));
	CHECK(!contains(&pdf, "/Border [ 0 0 0 ]"));       /* compressed... */
	inflate_objects(&pdf, &a);                          /* ...until inflated */
	CHECK(contains(&a, "/Border [ 0 0 0 ]"));
	CHECK(contains(&a, "/XYZ 0 741.89"));                 /* y 100 on the page... */
	CHECK(contains(&a, " null ]"));                       /* ...at the reader's zoom */
	CHECK(contains(&a, "/Count -1"));                     /* "Café flows" starts closed */
	CHECK(contains(&a, "(D:20260101000000Z)"));           /* the XMP's date, in PDF's form */
	buf_free(&a);
	buf_free(&pdf);
	diag_free(&d);
}

/* A US Letter document: 612 x 792 pt pages, and y counted from the top
 * of that page (a link's landing place 100 pt down is 692 pt up). */
static void test_letter_pages(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pdf_info letter = info;
	letter.paper = PDF_PAPER_LETTER;
	struct pdf *p = pdf_new(fs, &letter, "letter.pdf", &d);
	CHECK(p != NULL);
	if (p == NULL)
		return;
	CHECK(pdf_page_size(p).width == 612 && pdf_page_size(p).height == 792);
	size_t first = pdf_add_page(p), second = pdf_add_page(p);
	pdf_text(p, first, 56, 100, FONT_REGULAR, 12, NULL, "Letter");
	pdf_link_page(p, second, 56, 88, 60, 16, first, 100, "up");
	struct buf pdf = BUF_INIT, out = BUF_INIT;
	CHECK(pdf_finish(p, &pdf));
	CHECK_INT(d.errors, 0);
	inflate_objects(&pdf, &out);
	CHECK(contains(&out, "/MediaBox [ 0 0 612 792 ]"));
	CHECK(!contains(&out, "841.89"));
	CHECK(contains(&out, "/XYZ 0 692"));
	buf_free(&pdf);
	buf_free(&out);
	pdf_free(p);
	diag_free(&d);
}

/* Misuse: the first problem is reported once, by pdf_finish, and no
 * document comes out. */
static void check_fails(void (*misuse)(struct pdf *, size_t), const char *message)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pdf *p = pdf_new(fs, &info, "bad.pdf", &d);
	CHECK(p != NULL);
	if (p == NULL)
		return;
	size_t page = pdf_add_page(p);
	misuse(p, page);
	/* Everything after the failure is a no-op. */
	pdf_text(p, page, 10, 10, FONT_REGULAR, 12, NULL, "after");
	pdf_add_page(p);
	struct buf out = BUF_INIT;
	buf_puts(&out, "stale");
	CHECK(!pdf_finish(p, &out));
	CHECK_INT(out.len, 0);
	CHECK_INT(d.errors, 1);
	if (d.nlines == 1) {
		CHECK(strncmp(d.lines[0], "bad.pdf: error: ", 16) == 0);
		CHECK_CONTAINS(d.lines[0], message);
	}
	buf_free(&out);
	pdf_free(p);
	diag_free(&d);
}

static void link_nowhere(struct pdf *p, size_t page)
{
	pdf_link_page(p, page, 0, 0, 10, 10, page + 5, 0, "nowhere");
}

static void bad_utf8(struct pdf *p, size_t page)
{
	pdf_text(p, page, 10, 10, FONT_REGULAR, 12, NULL, "caf\xC3\x28 \xFF");
}

static void beyond_bmp(struct pdf *p, size_t page)
{
	pdf_outline(p, 0, "smile \xF0\x9F\x98\x80", page, 0);
}

static void huge_font(struct pdf *p, size_t page)
{
	pdf_text(p, page, 10, 10, FONT_REGULAR, 700, NULL, "too big");
}

static void missing_page(struct pdf *p, size_t page)
{
	pdf_rect(p, page + 1, 0, 0, 10, 10, 0, NULL, (const double[3]){0, 0, 0}, 1);
}

static void test_errors(void)
{
	check_fails(link_nowhere, "goes to page 6, which does not exist");
	check_fails(bad_utf8, "text is not valid UTF-8 (byte 3)");
	check_fails(beyond_bmp, "U+1F600");
	check_fails(huge_font, "libharu error 0x");
	check_fails(missing_page, "page 2 does not exist");
	pdf_free(NULL);
}

static void test_no_pages(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pdf *p = pdf_new(fs, &info, "empty.pdf", &d);
	struct buf out = BUF_INIT;
	CHECK(p && !pdf_finish(p, &out));
	CHECK(d.nlines == 1 && strstr(d.lines[0], "no pages") != NULL);
	pdf_free(p);
	buf_free(&out);
	diag_free(&d);
}

/* libharu cannot save a font subset without outlines: faces that are
 * never used, or used for spaces only, must still work. */
static void test_unused_faces(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct pdf *p = pdf_new(fs, &info, "plain.pdf", &d);
	size_t page = pdf_add_page(p);
	pdf_text(p, page, 56, 100, FONT_REGULAR, 12, NULL, "Only the regular face");
	pdf_text(p, page, 56, 120, FONT_MONO, 12, NULL, "    ");
	struct buf out = BUF_INIT;
	CHECK(pdf_finish(p, &out));
	CHECK_INT(d.errors, 0);
	pdf_free(p);
	buf_free(&out);
	diag_free(&d);
}

/* libharu keys fonts by PostScript name: a second face with the same
 * name would silently be drawn with the first, so loading such a set
 * fails, naming both faces. */
static void test_same_font_name(void)
{
	char dir[] = "/tmp/folio-test-pdf-fonts-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	         "cp '%s'/*.ttf '%s' && cp '%s/folio-sans-regular.ttf' '%s/folio-sans-bold.ttf'",
	         TEST_ROOT "/theme/static/fonts", dir, TEST_ROOT "/theme/static/fonts", dir);
	CHECK(system(cmd) == 0);
	struct diag d;
	diag_init(&d, NULL);
	struct fontset *twins = font_load(dir, &d);
	CHECK(twins == NULL);
	CHECK_INT(d.errors, 1);
	if (d.nlines == 1)
		CHECK_CONTAINS(d.lines[0], "has the PostScript name 'FolioSans-Regular', as the regular font has");
	font_free(twins);
	diag_free(&d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

/* ---- reading the file back with poppler and qpdf ---------------------- */

static bool have(const char *tool)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	if (system(cmd) == 0)
		return true;
	printf("# skipped: %s is not installed (apt-get install poppler-utils qpdf)\n", tool);
	return false;
}

/* Runs "tool file after", stdout and stderr together, into out; returns
 * its exit status. */
static int run(const char *tool, const char *file, const char *after, struct buf *out)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s '%s' %s 2>&1", tool, file, after);
	buf_reset(out);
	FILE *f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(out, chunk, n);
	int status = pclose(f);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* pdffonts: every font embedded and with a ToUnicode map ("uni yes"). */
static void check_fonts(const char *file, struct buf *out)
{
	CHECK_INT(run("pdffonts", file, "", out), 0);
	int fonts = 0, good = 0;
	char *save = NULL;
	bool body = false;
	for (char *line = strtok_r(out->data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "----", 4) == 0) {
			body = true;
			continue;
		}
		if (!body)
			continue;
		fonts++;
		/* ... emb sub uni object-number generation */
		char emb[8], sub[8], uni[8];
		const char *tail = strstr(line, "Identity-H");
		if (tail && sscanf(tail, "Identity-H %7s %7s %7s", emb, sub, uni) == 3 && strcmp(emb, "yes") == 0 &&
		    strcmp(uni, "yes") == 0)
			good++;
	}
	CHECK_INT(fonts, 4);
	CHECK_INT(good, 4);
}

static void check_text(const char *file, struct buf *out)
{
	CHECK_INT(run("pdftotext -enc UTF-8", file, "-", out), 0);
	CHECK_CONTAINS(buf_str(out), SAMPLE);
	CHECK_CONTAINS(buf_str(out), "Bold heading");
	CHECK_CONTAINS(buf_str(out), "mono_code(42);");
	static const char *const labels[] = {"Shop", "Orders", "Stock", "checkout", "reserve", "event"};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		CHECK_CONTAINS(buf_str(out), labels[i]);
	/* libharu's own ToUnicode map makes poppler warn; ours must not. */
	CHECK(strstr(buf_str(out), "Syntax Warning") == NULL);
	CHECK(strstr(buf_str(out), "Syntax Error") == NULL);
}

static void check_info(const char *file, struct buf *out)
{
	CHECK_INT(run("pdfinfo -isodates", file, "", out), 0);
	CHECK_CONTAINS(buf_str(out), "Title:           Ops Playbook — café edition");
	CHECK_CONTAINS(buf_str(out), "Author:          José Müller");
	CHECK_CONTAINS(buf_str(out), "Creator:         Folio 0.1.0");
	CHECK_CONTAINS(buf_str(out), "Producer:        Folio 0.1.0 with libharu");
	CHECK_CONTAINS(buf_str(out), "CreationDate:    2026-01-01T00:00:00Z");
	CHECK_CONTAINS(buf_str(out), "Pages:           3");
	CHECK_CONTAINS(buf_str(out), "Page size:       595.276 x 841.89 pts (A4)");
	CHECK(strstr(buf_str(out), "Syntax") == NULL);
}

static void check_qpdf(const char *file, struct buf *out)
{
	CHECK_INT(run("qpdf --check", file, "", out), 0);
	CHECK_CONTAINS(buf_str(out), "No syntax or stream encoding errors found");
	CHECK_INT(run("qpdf --json=2 --json-key=outlines --json-key=pagelabels", file, "", out), 0);
	const char *json = buf_str(out);
	CHECK_CONTAINS(json, "\"title\": \"Front “matter”\"");
	CHECK_CONTAINS(json, "\"title\": \"Shapes — and links\"");
	CHECK_CONTAINS(json, "\"title\": \"Café flows\"");
	CHECK_CONTAINS(json, "\"/S\": \"/r\"");
	CHECK_CONTAINS(json, "\"/S\": \"/D\"");
	CHECK_CONTAINS(json, "\"open\": false,\n          \"title\": \"Café flows\"");
	CHECK_INT(run("qpdf --json=2 --json-key=qpdf", file, "", out), 0);
	CHECK_CONTAINS(buf_str(out), "\"/URI\": \"u:https://example.com/a%20b/caf%C3%A9?q=%22x%22\"");
}

static bool write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return false;
	bool ok = fwrite(b->data, 1, b->len, f) == b->len;
	return fclose(f) == 0 && ok;
}

static void test_tools_read_it_back(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct buf pdf = BUF_INIT, out = BUF_INIT;
	CHECK(build_sample(&pdf, &d));
	char path[] = "/tmp/folio-test-pdf-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		close(fd);
		CHECK(write_file(path, &pdf));
		if (have("qpdf"))
			check_qpdf(path, &out);
		if (have("pdffonts"))
			check_fonts(path, &out);
		if (have("pdftotext"))
			check_text(path, &out);
		if (have("pdfinfo"))
			check_info(path, &out);
		unlink(path);
	}
	const char *keep = getenv("FOLIO_PDF_OUT");
	if (keep && *keep)
		CHECK(write_file(keep, &pdf));
	buf_free(&pdf);
	buf_free(&out);
	diag_free(&d);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	RUN(test_deterministic);
	RUN(test_links_in_the_bytes);
	RUN(test_letter_pages);
	RUN(test_errors);
	RUN(test_no_pages);
	RUN(test_unused_faces);
	RUN(test_same_font_name);
	RUN(test_tools_read_it_back);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
