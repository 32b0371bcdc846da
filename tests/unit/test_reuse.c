/*
 * reuse: what a PNG's key tells apart, and when a file of the previous
 * build is taken.
 */
#define HARNESS_NAME "reuse"
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "diagram/layout.h"
#include "diagram/paint_svg.h"
#include "output/reuse.h"

static const struct fontset *fs;

static bool same(struct hash x, struct hash y)
{
	return x.a == y.a && x.b == y.b;
}

static struct layout *two_boxes(const char *label)
{
	struct lay_box_in boxes[] = {{"crm", "CRM", NULL}, {"erp", "ERP", "Invoices"}};
	struct lay_flow_in flows[] = {{1, 0, label, "nightly", lay_edge_role(2, LAY_STROKE_DOTTED)}};
	return layout_lanes(boxes, 2, flows, 1, fs);
}

static void svg_of(const struct layout *lay, struct buf *out)
{
	struct svg_options opt = {"", "t", "d", false, NULL};
	svg_write(out, lay, &opt);
}

/* A shift of a hundredth of a pixel changes the PNG's key, though the SVG
 * (rounded to tenths) stays the same: the key is not the SVG. */
static void test_diagram_key_sees_every_coordinate(void)
{
	struct layout *a = two_boxes("Invoices"), *b = two_boxes("Invoices");
	CHECK(same(reuse_key_diagram(a, NULL, 1), reuse_key_diagram(b, NULL, 1)));
	CHECK(!same(reuse_key_diagram(a, NULL, 1), reuse_key_diagram(a, NULL, 2)));
	struct buf before = BUF_INIT, after = BUF_INIT;
	svg_of(b, &before);
	b->nodes[0].box.x += 0.01;
	svg_of(b, &after);
	CHECK_STR(before.data, after.data);
	CHECK(!same(reuse_key_diagram(a, NULL, 1), reuse_key_diagram(b, NULL, 1)));
	struct layout *c = two_boxes("Credit notes");
	CHECK(!same(reuse_key_diagram(a, NULL, 1), reuse_key_diagram(c, NULL, 1)));
	buf_free(&before);
	buf_free(&after);
	layout_free(a);
	layout_free(b);
	layout_free(c);
}

static void test_card_key_sees_every_field(void)
{
	struct layout *lay = two_boxes("Invoices");
	struct paint_cairo_card base = {"Title", "Context", "Publisher", lay, NULL};
	struct hash k = reuse_key_card(&base);
	struct paint_cairo_card no_context = {"Title", NULL, "Publisher", lay, NULL};
	struct paint_cairo_card empty_context = {"Title", "", "Publisher", lay, NULL};
	struct paint_cairo_card other_title = {"Title 2", "Context", "Publisher", lay, NULL};
	struct paint_cairo_card no_motif = {"Title", "Context", "Publisher", NULL, NULL};
	struct paint_cairo_card moved = {"TitleC", "ontext", "Publisher", lay, NULL};
	CHECK(same(k, reuse_key_card(&base)));
	CHECK(!same(reuse_key_card(&no_context), reuse_key_card(&empty_context)));
	CHECK(!same(k, reuse_key_card(&other_title)));
	CHECK(!same(k, reuse_key_card(&no_motif)));
	CHECK(!same(k, reuse_key_card(&moved)));
	CHECK(!same(k, reuse_key_diagram(lay, NULL, 1)));
	/* A brand's palette draws other pixels: another key, for cards and diagrams. */
	struct paint_palette branded, other;
	paint_palette_branded(&branded, &(struct brand_rgb){0x5a1e6e, 0xb5123b, 0xd3b1e0, 0xf07090, 0x5a1e6e});
	paint_palette_branded(&other, &(struct brand_rgb){0x5a1e6e, 0xb5123c, 0xd3b1e0, 0xf07090, 0x5a1e6e});
	struct paint_cairo_card in_brand = {"Title", "Context", "Publisher", lay, &branded};
	struct paint_cairo_card in_other = {"Title", "Context", "Publisher", lay, &other};
	CHECK(!same(k, reuse_key_card(&in_brand)));
	CHECK(!same(reuse_key_card(&in_brand), reuse_key_card(&in_other)));
	CHECK(!same(reuse_key_diagram(lay, NULL, 1), reuse_key_diagram(lay, &branded, 1)));
	layout_free(lay);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A noted PNG is taken by the next build while its bytes are as noted,
 * and not once they changed; a playbook only when carrying them. */
static void test_previous_files_taken_only_as_noted(void)
{
	char dir[] = "/tmp/folio-reuse.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *png_path = xasprintf("%s/a.png", dir), *pdf_path = xasprintf("%s/p.pdf", dir);
	write_file(png_path, "png bytes");
	write_file(pdf_path, "pdf bytes");
	struct hash key = {1, 2}, other = {3, 4};
	struct reuse *first = reuse_new(NULL, NULL, 0, false);
	reuse_note_png(first, key, "a.png", hash_bytes("png bytes", 9));
	reuse_note_playbook(first, "p.pdf", 7, hash_bytes("pdf bytes", 9));
	size_t n;
	struct reuse_kept *kept = reuse_noted(first, &n);
	CHECK(n == 2);

	struct reuse *next = reuse_new(dir, kept, n, true);
	struct buf got = BUF_INIT;
	CHECK(reuse_png(next, key, &got));
	CHECK_STR(buf_str(&got), "png bytes");
	buf_reset(&got);
	CHECK(!reuse_png(next, other, &got));
	size_t pages = 0;
	CHECK(reuse_playbook(next, "p.pdf", &got, &pages));
	CHECK(pages == 7);
	CHECK(reuse_count(next) == 1);
	write_file(png_path, "png bytez");
	buf_reset(&got);
	CHECK(!reuse_png(next, key, &got));
	CHECK(got.len == 0);
	reuse_free(next);

	struct reuse *whole = reuse_new(dir, kept, n, false);
	CHECK(!reuse_playbook(whole, "p.pdf", &got, &pages));
	reuse_free(whole);

	reuse_kept_free(kept, n);
	reuse_free(first);
	buf_free(&got);
	unlink(png_path);
	unlink(pdf_path);
	rmdir(dir);
	free(png_path);
	free(pdf_path);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	struct fontset *fonts = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fonts == NULL)
		return 1;
	fs = fonts;
	RUN(test_diagram_key_sees_every_coordinate);
	RUN(test_card_key_sees_every_field);
	RUN(test_previous_files_taken_only_as_noted);
	font_free(fonts);
	diag_free(&d);
	return harness_done();
}
