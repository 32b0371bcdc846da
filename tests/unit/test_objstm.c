/*
 * Unit tests of objstm_pack (objstm.h): a libharu document saved through
 * rawpdf_save, as pdf.c saves the playbook, is rewritten, and the result
 * is read back by independent readers: tests/objstmcheck.py compares it
 * object by object with the classic file under pikepdf (same numbers,
 * same values, compressed streams byte for byte, plain ones deflated to
 * the same decoded bytes, the trailer's /Root, /Info and /ID kept) and
 * runs qpdf --check.  The document has an uncompressed page
 * whose text is "endobj" and "endstream" (the keywords a scan would
 * stop at), compressed pages, and enough outline items for several
 * object streams.  The same input gives the same bytes; input that is not
 * what libharu writes fails with a reason and adds nothing.  Objects the
 * caller writes as text (objstm_more) are read by poppler where they went.
 */
#define HARNESS_NAME "objstm"
#include "harness.h"

#include <sys/wait.h>
#include <unistd.h>

#include <hpdf.h>

#include "base/buf.h"
#include "pdf/objstm.h"
#include "pdf/rawpdf.h"
#include "pdf/srgb.h"

/* More than two object streams' worth (objstm.c puts 200 in each). */
#define OUTLINES 450

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *data)
{
	(void)data;
	fprintf(stderr, "libharu error 0x%04X (detail %u)\n", (unsigned)error_no, (unsigned)detail_no);
}

static bool collect(void *data, const void *bytes, size_t n)
{
	buf_put(data, bytes, n);
	return true;
}

static void text_page(HPDF_Doc doc, const char *text)
{
	HPDF_Page page = HPDF_AddPage(doc);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, HPDF_GetFont(doc, "Helvetica", NULL), 12);
	HPDF_Page_TextOut(page, 50, 700, text);
	HPDF_Page_EndText(page);
}

/* An uncompressed image with a soft mask: its dictionary refers to
 * another object ("/SMask 12 0 R"), as a PNG with alpha's does. */
static void plain_image(HPDF_Doc doc)
{
	static const unsigned char rgb[2 * 2 * 3] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255};
	static const unsigned char alpha[2 * 2] = {255, 128, 64, 0};
	HPDF_Image image = HPDF_LoadRawImageFromMem(doc, rgb, 2, 2, HPDF_CS_DEVICE_RGB, 8);
	HPDF_Image mask = HPDF_LoadRawImageFromMem(doc, alpha, 2, 2, HPDF_CS_DEVICE_GRAY, 8);
	CHECK(image != NULL && mask != NULL);
	CHECK_INT(HPDF_Image_AddSMask(image, mask), HPDF_OK);  /* libharu writes it, drawn or not */
}

/* The classic file libharu writes: one uncompressed page (and image), two compressed
 * ones, OUTLINES outline items, the archival identity (an info
 * dictionary, an uncompressed XMP stream, the ICC profile, a trailer ID). */
static void classic(struct buf *out)
{
	static const struct rawpdf_meta meta = {"Packed", "A. Author", "About packing", "pdf", "Folio 0.1.0",
	                                        "Folio 0.1.0 with libharu 2.3.0", 1767225600LL, "en", true};
	HPDF_Doc doc = HPDF_New(on_error, NULL);
	CHECK_INT(rawpdf_archival(doc, &meta, pdf_srgb_icc, pdf_srgb_icc_len), HPDF_OK);
	text_page(doc, "endobj 99 0 obj endstream stream");
	plain_image(doc);
	HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
	text_page(doc, "Second page");
	text_page(doc, "Third page");
	HPDF_Outline root = HPDF_CreateOutline(doc, NULL, "Contents", NULL);
	for (int i = 0; i < OUTLINES; i++) {
		char title[32];
		snprintf(title, sizeof title, "Item %d", i);
		HPDF_CreateOutline(doc, root, title, NULL);
	}
	buf_reset(out);
	CHECK_INT(rawpdf_save(doc, collect, out), HPDF_OK);
	HPDF_Free(doc);
}

static size_t count(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle), found = 0;
	for (size_t i = 0; i + n <= b->len; i++)
		found += memcmp(b->data + i, needle, n) == 0;
	return found;
}

static bool pack(const struct buf *in, struct buf *out, char *why, size_t size)
{
	return objstm_pack(in->data, in->len, NULL, out, why, size);
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		CHECK(fwrite(b->data, 1, b->len, f) == b->len);
		fclose(f);
	}
}

/* Runs tests/objstmcheck.py on the two files; every line it prints is a
 * check, "ok" or "not ok" with the reason. */
static void independent_check(const struct buf *in, const struct buf *out)
{
	char dir[] = "/tmp/test_objstm.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char a[64], b[64], cmd[512];
	snprintf(a, sizeof a, "%s/classic.pdf", dir);
	snprintf(b, sizeof b, "%s/packed.pdf", dir);
	write_file(a, in);
	write_file(b, out);
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/tests/objstmcheck.py %s %s 2>&1", TEST_ROOT, a, b);
	FILE *p = popen(cmd, "r");
	CHECK(p != NULL);
	char line[1024];
	int ok = 0;
	while (p && fgets(line, sizeof line, p)) {
		if (strncmp(line, "ok\t", 3) == 0)
			ok++;
		else
			CHECK_STR(line, "ok");
	}
	int status = p ? pclose(p) : -1;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(ok >= 9);
	unlink(a);
	unlink(b);
	rmdir(dir);
}

static void test_same_objects(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	char why[256];
	classic(&in);
	CHECK(count(&in, "endobj 99 0 obj endstream") == 1);   /* the page is uncompressed */
	CHECK(count(&in, "/ID [") == 1);
	if (!pack(&in, &out, why, sizeof why)) {
		CHECK_STR(why, "packed");
		buf_free(&in);
		return;
	}
	CHECK(memcmp(out.data, "%PDF-1.7\n%\267\276\255\252\n", 15) == 0);
	CHECK_INT(count(&out, "/Type /ObjStm"), 3);      /* 450 outlines and the rest, 200 a stream */
	CHECK_INT(count(&out, "/Type /XRef"), 1);
	CHECK_INT(count(&out, "xref\r\n") + count(&out, "trailer"), 0);
	CHECK_INT(count(&out, "<x:xmpmeta"), 1);        /* the XMP is still plain text */
	CHECK_INT(count(&out, "endobj 99 0 obj endstream"), 0); /* the plain page is deflated */
	CHECK(out.len < in.len / 2);
	independent_check(&in, &out);
	buf_free(&in);
	buf_free(&out);
}

static void test_deterministic(void)
{
	struct buf in = BUF_INIT, again = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	char why[256];
	classic(&in);
	classic(&again);
	CHECK(pack(&in, &a, why, sizeof why));
	CHECK(pack(&again, &b, why, sizeof why));
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	buf_free(&in);
	buf_free(&again);
	buf_free(&a);
	buf_free(&b);
}

/* in with the first "from" replaced by "to" (of the same length). */
static void replace(struct buf *in, const char *from, const char *to)
{
	size_t n = strlen(from);
	for (size_t i = 0; i + n <= in->len; i++)
		if (memcmp(in->data + i, from, n) == 0) {
			memcpy(in->data + i, to, n);
			return;
		}
	CHECK_STR(from, "in the file");
}

/* Packing in must fail, saying something with expect in it, and leave
 * out as it was. */
static void refuses(const struct buf *in, const char *expect)
{
	struct buf out = BUF_INIT;
	buf_puts(&out, "kept");
	char why[256];
	CHECK(!pack(in, &out, why, sizeof why));
	CHECK_STR(out.data, "kept");
	if (strstr(why, expect) == NULL)
		CHECK_STR(why, expect);
	buf_free(&out);
}

static void test_refuses_what_libharu_does_not_write(void)
{
	struct buf in = BUF_INIT;
	classic(&in);
	struct buf cut = BUF_INIT;
	buf_put(&cut, in.data, in.len - 40);           /* startxref cut off */
	refuses(&cut, "no startxref");
	buf_reset(&cut);
	buf_put(&cut, in.data, in.len / 2);            /* cut in the middle */
	refuses(&cut, "startxref");
	refuses(&(struct buf){"", 0, 0}, "no startxref");

	struct buf edit = BUF_INIT;
	buf_put(&edit, in.data, in.len);
	replace(&edit, " 00000 n", " 00001 n");         /* object 1, generation 1 */
	refuses(&edit, "generation 1");

	buf_reset(&edit);
	buf_put(&edit, in.data, in.len);
	replace(&edit, "/Root", "/Prev");               /* a key the rewrite would lose */
	refuses(&edit, "/Prev");

	buf_reset(&edit);
	buf_put(&edit, in.data, in.len);
	replace(&edit, "\n2 0 obj", "\n7 0 obj");        /* the table points at another object */
	refuses(&edit, "object 2 is not at offset");

	buf_reset(&edit);
	buf_put(&edit, in.data, in.len);
	replace(&edit, "ET\n\nendstream", "ET\nXendstream"); /* the plain page longer than its /Length */
	refuses(&edit, "/Length is not its bytes' length");
	buf_free(&edit);
	buf_free(&cut);
	buf_free(&in);
}

/* The objects test_added_objects adds: the info dictionary replaced by
 * one whose /Keywords is the added object after it (first's number). */
static void write_added(void *data, size_t first, struct objstm_added *a)
{
	(void)data;
	buf_printf(&a->text, "<</Title(Replaced)/Keywords %zu 0 R>>", first);
	objstm_added_end(a);
	buf_puts(&a->text, "(Added later)");
	objstm_added_end(a);
}

/* The number after key in the classic file's trailer ("/Info 12 0 R"),
 * which follows the streams (their bytes may hold a NUL: no strstr). */
static size_t trailer_number(const struct buf *in, const char *key)
{
	const char *trailer = NULL;
	for (size_t i = 0; i + 7 <= in->len; i++)
		if (memcmp(in->data + i, "trailer", 7) == 0)
			trailer = in->data + i;
	const char *at = trailer ? strstr(trailer, key) : NULL;
	CHECK(at != NULL);
	return at ? strtoul(at + strlen(key), NULL, 10) : 0;
}

/* Objects written by the caller: poppler reads the replaced info
 * dictionary, and through it the added string, by its new number. */
static void test_added_objects(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	char why[256];
	classic(&in);
	struct objstm_more more = {trailer_number(&in, "/Info "), write_added, NULL};
	CHECK(objstm_pack(in.data, in.len, &more, &out, why, sizeof why));
	char dir[] = "/tmp/test_objstm.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[64], cmd[256], line[256];
	snprintf(path, sizeof path, "%s/added.pdf", dir);
	write_file(path, &out);
	snprintf(cmd, sizeof cmd, "pdfinfo %s 2>&1", path);
	FILE *p = popen(cmd, "r");
	bool title = false, keywords = false;
	while (p && fgets(line, sizeof line, p)) {
		title |= strcmp(line, "Title:           Replaced\n") == 0;
		keywords |= strcmp(line, "Keywords:        Added later\n") == 0;
	}
	CHECK(p != NULL && pclose(p) == 0);
	CHECK(title && keywords);
	/* a stand-in that is not a plain object of the file is refused */
	more.stand_in = 0;
	buf_reset(&out);
	CHECK(!objstm_pack(in.data, in.len, &more, &out, why, sizeof why));
	CHECK_CONTAINS(why, "not a plain object");
	CHECK_INT(out.len, 0);
	unlink(path);
	rmdir(dir);
	buf_free(&in);
	buf_free(&out);
}

int main(void)
{
	RUN(test_same_objects);
	RUN(test_deterministic);
	RUN(test_refuses_what_libharu_does_not_write);
	RUN(test_added_objects);
	return harness_done();
}
