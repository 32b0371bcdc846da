/*
 * mdblocks: turns a cmark tree into the playbook's blocks (mdblocks.h).
 */
#include "pdf/mdblocks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/svgdraw.h"
#include "base/xalloc.h"
#include "content/images.h"
#include "diagram/pngenc.h"

/* ---- images --------------------------------------------------------- */

#define CSS_PX_PT 0.75          /* a CSS pixel in points */
#define MIN_PRINT_DPI 150.0     /* a PNG or JPEG is never enlarged past this */
#define SVG_PRINT_DPI 300.0     /* an SVG is drawn at this resolution */
#define IMAGE_MAX_PAGE 0.8      /* the most of the text area's height an image takes */

/* Reads a PNG from memory for cairo. */
struct png_reader {
	const unsigned char *data;
	size_t len, at;
};

static cairo_status_t read_png(void *closure, unsigned char *out, unsigned int length)
{
	struct png_reader *r = closure;
	if (r->len - r->at < length)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->at, length);
	r->at += length;
	return CAIRO_STATUS_SUCCESS;
}

/* A PNG's pixels encoded again by pngenc: 8 bits a channel, straight
 * alpha, not interlaced, which libharu always reads. */
static bool png_for_pdf(const struct buf *file, struct buf *out)
{
	struct png_reader r = {(const unsigned char *)file->data, file->len, 0};
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
	bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && pngenc_surface(s, out);
	cairo_surface_destroy(s);
	return ok;
}

/* An SVG drawn by librsvg at SVG_PRINT_DPI for w x h points, as a PNG. */
static bool svg_for_pdf(const struct buf *file, double w, double h, struct buf *out, char **why)
{
	struct svgdraw *svg = svgdraw_open_data(file->data, file->len, why);
	if (svg == NULL)
		return false;
	int pw = (int)lround(w / 72 * SVG_PRINT_DPI), ph = (int)lround(h / 72 * SVG_PRINT_DPI);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw > 0 ? pw : 1, ph > 0 ? ph : 1);
	cairo_t *cr = cairo_create(s);
	bool ok = svgdraw_render(svg, cr, 0, 0, pw, ph, why);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	ok = ok && pngenc_surface(s, out);
	cairo_surface_destroy(s);
	svgdraw_free(svg);
	return ok;
}

/* The size an image is drawn at in width: a PNG or JPEG across the column,
 * but never enlarged past MIN_PRINT_DPI (a warning says so); an SVG at its
 * own size, at most the column's width; either at most IMAGE_MAX_PAGE of
 * the text area's height. */
static void drawn_size(const struct image *img, const char *url, double width, struct diag *d, double *w, double *h)
{
	if (img->kind == IMAGE_SVG) {
		*w = img->width * CSS_PX_PT;
		if (*w > width)
			*w = width;
	} else {
		double at_min = img->width / MIN_PRINT_DPI * 72;
		*w = width;
		if (at_min < width) {
			*w = at_min;
			if (d)
				diag_warn(d, img->at,
				          "image '%s' (%s) is %ld px wide: across the column it would print at %.0f dpi, so the PDF shows it at %.0f dpi, %.1f cm wide; give a file of at least %.0f px for a sharp print across the column",
				          url, img->file, img->width, img->width / (width / 72), MIN_PRINT_DPI, at_min / 72 * 2.54,
				          ceil(width / 72 * MIN_PRINT_DPI));
		}
	}
	*h = *w * img->height / img->width;
	double max_h = (BLOCKS_BOTTOM - BLOCKS_TOP) * IMAGE_MAX_PAGE;
	if (*h > max_h) {
		*w *= max_h / *h;
		*h = max_h;
	}
}

/* An image the content stage found (images.h) as a block of its own. */
static void image_block(struct blocks *b, cmark_node *node, const struct image *img, double x, double width)
{
	struct diag *d = blocks_diag(b);
	struct diag quiet;
	diag_init(&quiet, NULL);
	struct diag *to = d ? d : &quiet;
	struct blocks_image *bi = xcalloc(1, sizeof *bi);
	drawn_size(img, cmark_node_get_url(node), width, d, &bi->width, &bi->height);
	bi->alt = blocks_keep(b, xstrdup(img->alt));
	bi->decorative = img->decorative;
	struct buf file = BUF_INIT;
	char *why = NULL;
	bool ok = image_read(img, &file, to);
	if (ok && img->kind == IMAGE_JPEG) {
		bi->kind = PDF_IMAGE_JPEG;
		buf_put(&bi->data, file.data, file.len);
	} else if (ok) {
		bi->kind = PDF_IMAGE_PNG;
		ok = img->kind == IMAGE_PNG ? png_for_pdf(&file, &bi->data)
		                            : svg_for_pdf(&file, bi->width, bi->height, &bi->data, &why);
		if (!ok)
			diag_error(to, img->at, "image '%s' cannot be drawn for the PDF (%s); save it again from an image editor",
			           cmark_node_get_url(node), why ? why : "its pixels cannot be read");
	}
	if (ok) {
		blocks_image(b, bi, x);
	} else {
		buf_free(&bi->data);
		free(bi);
	}
	free(why);
	buf_free(&file);
	diag_free(&quiet);
}

/* The images found in a paragraph (images.h), each as a block after it. */
static void paragraph_images(struct blocks *b, cmark_node *para, double x, double width)
{
	cmark_iter *it = cmark_iter_new(para);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		const struct image *img = image_of(n);
		if (ev == CMARK_EVENT_ENTER && img)
			image_block(b, n, img, x, width);
	}
	cmark_iter_free(it);
}

/* Whether spans hold a word: a paragraph of images alone has none. */
static bool has_words(const struct ts_spans *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].text[strspn(s->v[i].text, " \t\n")] != '\0')
			return true;
	return false;
}

/* ---- text ----------------------------------------------------------- */

static void list_items(struct blocks *b, cmark_node *list, double x, double width, int heading_base)
{
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int number = cmark_node_get_list_start(list);
	double indent = BLOCKS_LIST_INDENT;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item), number++) {
		const char *bullet = ordered ? blocks_keep(b, xasprintf("%d.", number)) : "•";
		bool first = true;
		for (cmark_node *child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
			if (cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) {
				struct ts_spans s = {NULL, 0, 0};
				ts_spans_markdown(&s, child, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT);
				blocks_absolute_links(b, &s);
				struct ts_lines *l = blocks_break(b, &s, width - indent, false);
				blocks_lines(b, l, x + indent, BLOCKS_BODY_LEADING, BLOCKS_BODY_SIZE, first ? bullet : NULL, x,
				             false);
				ts_spans_free(&s);
				paragraph_images(b, child, x + indent, width - indent);
				blocks_space(b, 2);
			} else {
				mdblocks_add(b, child, x + indent, width - indent, heading_base);
			}
			first = false;
		}
		blocks_space(b, 2);
	}
}

static void code_block(struct blocks *b, cmark_node *node, double x, double width)
{
	const char *code = cmark_node_get_literal(node);
	blocks_space(b, 4);
	for (const char *p = code ? code : ""; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		struct ts_spans s = {NULL, 0, 0};
		ts_spans_add(&s, *line ? line : " ", FONT_MONO, BLOCKS_SMALL_SIZE, TS_TEXT, NULL);
		struct ts_lines *l = blocks_break(b, &s, width - 12, false);
		blocks_lines(b, l, x + 6, BLOCKS_SMALL_LEADING, BLOCKS_SMALL_SIZE, NULL, 0, true);
		ts_spans_free(&s);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
	blocks_space(b, 6);
}

/* A heading's text, without its styles: the title of a section. */
static void heading(struct blocks *b, cmark_node *node, int heading_base)
{
	int level = cmark_node_get_heading_level(node) + heading_base;
	struct ts_spans s = {NULL, 0, 0};
	ts_spans_markdown(&s, node, FONT_BOLD, 10.5, TS_ACCENT);
	struct buf title = BUF_INIT;
	for (size_t i = 0; i < s.n; i++)
		buf_puts(&title, s.v[i].text);
	ts_spans_free(&s);
	blocks_heading(b, level > 3 ? 3 : level < 2 ? 2 : level, blocks_keep(b, buf_detach(&title)));
}

void mdblocks_add(struct blocks *b, cmark_node *parent, double x, double width, int heading_base)
{
	for (cmark_node *node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_PARAGRAPH: {
			struct ts_spans s = {NULL, 0, 0};
			ts_spans_markdown(&s, node, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT);
			if (has_words(&s))
				blocks_paragraph(b, &s, x, width, BLOCKS_BODY_SIZE, BLOCKS_BODY_LEADING, true);
			ts_spans_free(&s);
			paragraph_images(b, node, x, width);
			blocks_space(b, 6);
			break;
		}
		case CMARK_NODE_HEADING:
			heading(b, node, heading_base);
			break;
		case CMARK_NODE_LIST:
			list_items(b, node, x, width, heading_base);
			blocks_space(b, 4);
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block(b, node, x, width);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			mdblocks_add(b, node, x + 12, width - 12, heading_base);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			blocks_rule(b);
			break;
		default:
			break;
		}
	}
}
