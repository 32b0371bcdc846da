/* images.h: the type and size sniffers on bytes written here by hand
 * from the formats' definitions, and images found beside a text or in
 * static/ (files made in a temporary folder). */
#define HARNESS_NAME "test_images"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/xalloc.h"
#include "content/images.h"
#include "content/markdown.h"

/* The first 33 bytes of a PNG: signature, then the IHDR chunk (length 13,
 * "IHDR", width and height big-endian, depth 8, colour type 2, CRC left
 * zero: the size does not need it). */
static size_t png_head(unsigned char *out, unsigned long w, unsigned long h)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	memcpy(out, sig, 8);
	const unsigned char ihdr[25] = {0, 0, 0, 13, 'I', 'H', 'D', 'R',
	                                (unsigned char)(w >> 24), (unsigned char)(w >> 16), (unsigned char)(w >> 8), (unsigned char)w,
	                                (unsigned char)(h >> 24), (unsigned char)(h >> 16), (unsigned char)(h >> 8), (unsigned char)h,
	                                8, 2, 0, 0, 0, 0, 0, 0, 0};
	memcpy(out + 8, ihdr, sizeof ihdr);
	return 33;
}

static void test_png(void)
{
	unsigned char b[33];
	size_t n = png_head(b, 1600, 1000);
	long w = 0, h = 0;
	CHECK_INT(image_sniff(b, n), IMAGE_PNG);
	CHECK(image_size(IMAGE_PNG, b, n, &w, &h));
	CHECK_INT(w, 1600);
	CHECK_INT(h, 1000);
	png_head(b, 70000, 3);  /* wider than 16 bits */
	CHECK(image_size(IMAGE_PNG, b, n, &w, &h) && w == 70000 && h == 3);
	CHECK(!image_size(IMAGE_PNG, b, 20, &w, &h));   /* cut before the height */
	png_head(b, 0, 5);
	CHECK(!image_size(IMAGE_PNG, b, n, &w, &h));    /* no pixels */
	memcpy(b + 12, "IDAT", 4);
	png_head(b, 4, 4);
	memcpy(b + 12, "IDAT", 4);
	CHECK(!image_size(IMAGE_PNG, b, n, &w, &h));    /* IHDR must come first */
}

static void test_jpeg(void)
{
	/* SOI, an APP0 of 16 bytes, a fill byte, a DQT of 4, then SOF2
	 * (progressive): length 11, precision 8, height 600, width 800. */
	static const unsigned char j[] = {0xff, 0xd8,
	                                  0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	                                  0xff, 0xff, 0xdb, 0x00, 0x04, 0x00, 0x01,
	                                  0xff, 0xc2, 0x00, 0x0b, 0x08, 0x02, 0x58, 0x03, 0x20, 0x01, 0x01, 0x11, 0x00};
	long w = 0, h = 0;
	CHECK_INT(image_sniff(j, sizeof j), IMAGE_JPEG);
	CHECK(image_size(IMAGE_JPEG, j, sizeof j, &w, &h));
	CHECK_INT(w, 800);
	CHECK_INT(h, 600);
	/* DHT (0xc4) sits among the SOF numbers but is no frame header. */
	static const unsigned char dht[] = {0xff, 0xd8, 0xff, 0xc4, 0x00, 0x07, 0x00, 0x01, 0x00, 0x02, 0x00,
	                                    0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00};
	CHECK(image_size(IMAGE_JPEG, dht, sizeof dht, &w, &h) && w == 32 && h == 16);
	CHECK(!image_size(IMAGE_JPEG, j, 30, &w, &h));  /* ends before the frame header */
	static const unsigned char scan_first[] = {0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xc0};
	CHECK(!image_size(IMAGE_JPEG, scan_first, sizeof scan_first, &w, &h));
}

static bool svg(const char *text, long *w, long *h)
{
	return image_sniff(text, strlen(text)) == IMAGE_SVG && image_size(IMAGE_SVG, text, strlen(text), w, h);
}

static void test_svg(void)
{
	long w = 0, h = 0;
	CHECK(svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\"/>", &w, &h) && w == 300 && h == 200);
	CHECK(svg("<svg width=\"300px\" height=\"20.4px\"/>", &w, &h) && w == 300 && h == 20);
	CHECK(svg("<svg width=\"1in\" height=\"2.54cm\"/>", &w, &h) && w == 96 && h == 96);
	CHECK(svg("<?xml version=\"1.0\"?>\n<!-- a comment -->\n<svg viewBox=\"0 0 600 8\"/>", &w, &h) && w == 600 &&
	      h == 8);
	CHECK(svg("\xef\xbb\xbf  <svg viewBox=\"10,10,40,20\" width=\"100%\"/>", &w, &h) && w == 40 && h == 20);
	/* One length and a viewBox: the other from the viewBox's proportions. */
	CHECK(svg("<svg width=\"120\" viewBox=\"0 0 60 30\"/>", &w, &h) && w == 120 && h == 60);
	CHECK(svg("<svg height=\"10\" viewBox=\"0 0 60 30\"/>", &w, &h) && w == 20 && h == 10);
	/* No size at all, or relative sizes without a viewBox. */
	CHECK(!svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>", &w, &h));
	CHECK(!svg("<svg width=\"50%\" height=\"2em\"/>", &w, &h));
	CHECK(!svg("<svg viewBox=\"0 0 -4 4\"/>", &w, &h));
}

static void test_not_images(void)
{
	static const unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0};
	CHECK_INT(image_sniff(gif, sizeof gif), IMAGE_UNKNOWN);
	const char *html = "<html><body>not an image</body></html>";
	CHECK_INT(image_sniff(html, strlen(html)), IMAGE_UNKNOWN);
	const char *broken = "<svg width=\"3\"";
	CHECK_INT(image_sniff(broken, strlen(broken)), IMAGE_UNKNOWN);
	CHECK_INT(image_sniff("", 0), IMAGE_UNKNOWN);
	CHECK_INT(image_sniff("\x89PNG", 4), IMAGE_UNKNOWN);
	/* The extension says nothing: a PNG's bytes are a PNG. */
	unsigned char b[33];
	png_head(b, 2, 2);
	CHECK_INT(image_sniff(b, sizeof b), IMAGE_PNG);
}

/* ---- finding files -------------------------------------------------- */

static char work[64];

static void write_file(const char *rel, const void *data, size_t len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", work, rel);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

/* Resolves the one image of the Markdown src, as if it were written in
 * content/rel; its record (NULL when refused), the message in *message. */
static const struct image *resolve(cmark_node **doc, const char *src, const char *rel, struct buf *message)
{
	struct options opt = {.source = work};
	char file[256];
	snprintf(file, sizeof file, "%s/content/%s", work, rel);
	*doc = md_parse(src, strlen(src), 0);
	cmark_node *img = cmark_node_first_child(cmark_node_first_child(*doc));
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	struct diag d;
	diag_init(&d, mem);
	struct pos at = {file, 3, 1};
	bool ok = image_resolve(img, file, opt.source, opt.theme, at, &d);
	diag_free(&d);
	fclose(mem);
	buf_reset(message);
	buf_puts(message, text ? text : "");
	free(text);
	return ok ? image_of(img) : NULL;
}

static void test_found_beside_and_in_static(void)
{
	snprintf(work, sizeof work, "/tmp/folio-images-XXXXXX");
	CHECK(mkdtemp(work) != NULL);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "mkdir -p %s/content/resources/r/patterns/img %s/content/pages %s/static/images", work,
	         work, work);
	CHECK(system(cmd) == 0);
	unsigned char png[33];
	png_head(png, 64, 48);
	write_file("content/resources/r/patterns/img/a.png", png, sizeof png);
	write_file("static/images/b.png", png, sizeof png);
	struct buf message = BUF_INIT;
	cmark_node *doc;

	const struct image *img = resolve(&doc, "![A](img/a.png)", "resources/r/patterns/p.md", &message);
	CHECK(img != NULL);
	if (img) {
		CHECK_STR(img->url, "/resources/r/patterns/p/img/a.png");     /* under the pattern's page */
		CHECK(img->beside);
		CHECK_INT(img->width, 64);
		CHECK_INT(img->height, 48);
		CHECK_STR(img->alt, "A");
		struct buf bytes = BUF_INIT;
		struct diag quiet;
		diag_init(&quiet, NULL);
		CHECK(image_read(img, &bytes, &quiet) && bytes.len == sizeof png);
		diag_free(&quiet);
		buf_free(&bytes);
	}
	cmark_node_free(doc);

	img = resolve(&doc, "![](/images/b.png \"decorative\")", "pages/about.md", &message);
	CHECK(img != NULL && img->decorative && !img->beside);
	if (img)
		CHECK_STR(img->url, "/images/b.png");
	cmark_node_free(doc);

	/* A FAQ answer's image goes under its resource's page. */
	char faq[512];
	snprintf(faq, sizeof faq, "mkdir -p %s/content/resources/r/faq && cp %s/static/images/b.png '%s/content/resources/r/faq/c d.png'", work, work, work);
	CHECK(system(faq) == 0);
	img = resolve(&doc, "![C](<c d.png>)", "resources/r/faq/q.md", &message);
	CHECK(img != NULL);
	if (img)
		CHECK_STR(img->url, "/resources/r/c d.png");
	cmark_node_free(doc);

	CHECK(resolve(&doc, "![A](missing.png)", "pages/about.md", &message) == NULL);
	CHECK_CONTAINS(buf_str(&message), "image 'missing.png' not found; put it in static/ or beside ");
	cmark_node_free(doc);
	CHECK(resolve(&doc, "![A](../static/images/b.png)", "pages/about.md", &message) == NULL);
	CHECK_CONTAINS(buf_str(&message), "is outside the folder of");
	cmark_node_free(doc);

	/* A link that leads out of content/ publishes nothing. */
	snprintf(cmd, sizeof cmd, "ln -s %s/static/images/b.png %s/content/pages/link.png", work, work);
	CHECK(system(cmd) == 0);
	CHECK(resolve(&doc, "![A](link.png)", "pages/about.md", &message) == NULL);
	cmark_node_free(doc);

	buf_free(&message);
	snprintf(cmd, sizeof cmd, "rm -rf %s", work);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	RUN(test_png);
	RUN(test_jpeg);
	RUN(test_svg);
	RUN(test_not_images);
	RUN(test_found_beside_and_in_static);
	return harness_done();
}
