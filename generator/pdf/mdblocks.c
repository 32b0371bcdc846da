/*
 * mdblocks: turns a cmark tree into the playbook's blocks (mdblocks.h).
 */
#include "pdf/mdblocks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "base/buf.h"
#include "base/svgdraw.h"
#include "base/xalloc.h"
#include "content/images.h"
#include "content/markdown.h"
#include "content/mermaid.h"
#include "diagram/diagram.h"
#include "diagram/pngenc.h"

/* Tabs in code stop every this many columns (as most editors show them). */
#define TAB_COLUMNS 4
/* Nested blocks stop moving right once their column would be narrower. */
#define NARROWEST_COLUMN 120.0
/* The caption a paragraph gives the table after it. */
#define CAPTION_PREFIX "Table: "

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
 * the text area's height, text_h. */
static void drawn_size(const struct image *img, const char *url, double width, double text_h, struct diag *d, double *w,
                       double *h)
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
	double max_h = text_h * IMAGE_MAX_PAGE;
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
	drawn_size(img, cmark_node_get_url(node), width, blocks_bottom(b) - BLOCKS_TOP, d, &bi->width, &bi->height);
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

/* One Markdown text being set: where its blocks go, and its footnotes. */
struct mdblocks_text {
	struct blocks *b;
	const struct site *site;        /* its words, for a diagram's description; may be NULL */
	cmark_node *doc;        /* borrowed: its notes are set from it */
	double x, width;
	int heading_base;
	double size, leading;   /* of its paragraphs: the body's, a note's */
	size_t notes;           /* its footnote definitions (cmark puts them last) */
	long anchors;           /* the first of 2 * notes: note n lands at anchors + 2(n-1), its reference after */
	bool *referenced;       /* owned, per note: its first reference has been set */
	cmark_node *next;       /* the first of doc's children not yet set (NULL: all are) */
};

static void add_node(struct mdblocks_text *w, cmark_node *node, double x, double width);

static bool is_extension(cmark_node *node, const char *name)
{
	return strcmp(cmark_node_get_type_string(node), name) == 0;
}

static long note_anchor(const struct mdblocks_text *w, int note)
{
	return w->anchors + 2 * (long)(note - 1);
}

/* Footnote references link to their note; the first of each note is
 * where the note links back to. */
static void link_notes(struct mdblocks_text *w, struct ts_spans *s)
{
	for (size_t i = 0; i < s->n; i++) {
		int note = s->v[i].note;
		if (note < 1 || (size_t)note > w->notes)
			continue;
		s->v[i].target = note_anchor(w, note);
		if (!w->referenced[note - 1]) {
			s->v[i].anchor = note_anchor(w, note) + 1;
			w->referenced[note - 1] = true;
		}
	}
}

/* Whether a link's words already are its address (an autolink, with or
 * without its scheme): the page shows it, nothing needs citing. */
static bool shows_address(const char *words, const char *url)
{
	static const char *const schemes[] = {"https://", "http://", "mailto:"};
	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
		size_t len = strlen(schemes[i]);
		if (strncmp(url, schemes[i], len) == 0 && strcmp(words, url + len) == 0)
			return true;
	}
	return strcmp(words, url) == 0;
}

/* Appends span to s, which takes over what it owns. */
static void move_span(struct ts_spans *s, struct ts_span span)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = span;
}

/* Paper shows no link's address: each linked run of words is followed by
 * its address's number, " [n]" (blocks_cite), itself a link to it, and
 * the chapter lists the numbered addresses at its end. */
static void cite_links(struct mdblocks_text *w, struct ts_spans *s)
{
	blocks_absolute_links(w->b, s);
	struct ts_spans out = {.images_apart = s->images_apart};
	struct buf words = BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		struct ts_span span = s->v[i];
		move_span(&out, span);
		if (span.link == NULL)
			continue;
		buf_puts(&words, span.text);
		bool run_goes_on = i + 1 < s->n && s->v[i + 1].link && strcmp(s->v[i + 1].link, span.link) == 0;
		if (run_goes_on)
			continue;
		if (!shows_address(buf_str(&words), span.link)) {
			char *number = xasprintf(" [%zu]", blocks_cite(w->b, span.link));
			ts_spans_add(&out, number, FONT_REGULAR, span.size, TS_LINK, span.link);
			free(number);
		}
		buf_reset(&words);
	}
	buf_free(&words);
	free(s->v);             /* its spans now belong to out */
	*s = out;
}

/* A block's inline content as spans, their notes linked and their
 * links' addresses cited. */
static void spans_of(struct mdblocks_text *w, struct ts_spans *s, cmark_node *node, enum font_face face, double size)
{
	ts_spans_markdown(s, node, face, size, TS_TEXT);
	link_notes(w, s);
	cite_links(w, s);
}

/* Where a nested block's column starts: indent further in, unless the
 * column would get too narrow (nesting is bounded, pages are not wide). */
static double indented(double width, double indent)
{
	return width - indent >= NARROWEST_COLUMN ? indent : 0;
}

/* The text a paragraph starts with, when it starts with text. */
static const char *leading_text(cmark_node *paragraph)
{
	cmark_node *first = cmark_node_first_child(paragraph);
	return first && cmark_node_get_type(first) == CMARK_NODE_TEXT ? cmark_node_get_literal(first) : NULL;
}

/* Whether node is a paragraph "Table: ..." right before a table: its
 * caption, set with it rather than as a paragraph.  The caption may be
 * marked up ("Table: *Sizes*"), but not empty. */
static bool is_caption(cmark_node *node)
{
	cmark_node *next = cmark_node_next(node);
	const char *text = cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH ? leading_text(node) : NULL;
	size_t len = strlen(CAPTION_PREFIX);
	return text && next && is_extension(next, "table") && strncmp(text, CAPTION_PREFIX, len) == 0 &&
	       (text[len] != '\0' || cmark_node_next(cmark_node_first_child(node)) != NULL);
}

static void paragraph(struct mdblocks_text *w, cmark_node *node, double x, double width)
{
	struct ts_spans s = {.images_apart = true};       /* paragraph_images() draws them */
	spans_of(w, &s, node, FONT_REGULAR, w->size);
	if (has_words(&s))
		blocks_paragraph(w->b, &s, x, width, w->size, w->leading, true);
	ts_spans_free(&s);
	paragraph_images(w->b, node, x, width);
	blocks_space(w->b, 6);
}

/* The marker of a list item: a drawn box for a task, else bullet (kept
 * by the blocks); label is its Lbl, which says what a box shows as the
 * Markdown would. */
static void give_marker(struct blocks *b, struct blocks_item *it, const char *bullet, enum blocks_box box, double x,
                        size_t label)
{
	it->bullet = box == BLOCKS_NO_BOX ? bullet : NULL;
	it->box = box;
	it->bullet_x = x;
	it->bullet_tag = label;
	if (label && box != BLOCKS_NO_BOX)
		tags_set_actual(blocks_tags(b), label, box == BLOCKS_BOX_TICKED ? "[x]" : "[ ]");
}

static void list_item(struct mdblocks_text *w, cmark_node *item, const char *bullet, double x, double width)
{
	enum blocks_box box = BLOCKS_NO_BOX;
	if (is_extension(item, "tasklist"))
		box = cmark_gfm_extensions_get_tasklist_item_checked(item) ? BLOCKS_BOX_TICKED : BLOCKS_BOX_OPEN;
	double indent = indented(width, BLOCKS_LIST_INDENT);
	bool marked = false;
	blocks_open(w->b, TAG_LI);
	size_t label = blocks_add_tag(w->b, TAG_LBL);
	blocks_open(w->b, TAG_LBODY);
	for (cmark_node *child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
		size_t before = blocks_count(w->b);
		if (cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) {
			struct ts_spans s = {.images_apart = true};       /* paragraph_images() draws them */
			spans_of(w, &s, child, FONT_REGULAR, w->size);
			blocks_absolute_links(w->b, &s);
			struct ts_lines *l = blocks_break(w->b, &s, width - indent, false);
			blocks_lines(w->b, l, x + indent, w->leading, w->size, NULL, 0, false);
			ts_spans_free(&s);
			paragraph_images(w->b, child, x + indent, width - indent);
			blocks_space(w->b, 2);
		} else {
			add_node(w, child, x + indent, width - indent);
		}
		/* The marker goes on the item's first line, whatever block it is in. */
		for (size_t i = before; !marked && i < blocks_count(w->b); i++) {
			struct blocks_item *it = blocks_item_at(w->b, i);
			if (it->kind == BLOCKS_LINE) {
				give_marker(w->b, it, bullet, box, x, label);
				marked = true;
			}
		}
	}
	blocks_close(w->b);
	blocks_close(w->b);
	blocks_space(w->b, 2);
}

static void list(struct mdblocks_text *w, cmark_node *node, double x, double width)
{
	bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	int number = cmark_node_get_list_start(node);
	blocks_open(w->b, TAG_L);
	for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item), number++) {
		const char *bullet = ordered ? blocks_keep(w->b, xasprintf("%d.", number)) : "•";
		list_item(w, item, bullet, x, width);
	}
	blocks_close(w->b);
	blocks_space(w->b, 4);
}

/* A line of code with its tabs expanded; *indent is set to the number of
 * columns before its first character that is not a space. */
static char *code_line(const char *p, size_t len, size_t *indent)
{
	struct buf line = BUF_INIT;
	size_t column = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\t') {
			do
				buf_putc(&line, ' ');
			while (++column % TAB_COLUMNS);
			continue;
		}
		buf_putc(&line, p[i]);
		/* a UTF-8 continuation byte is no column of its own */
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			column++;
	}
	char *text = line.data ? buf_detach(&line) : xstrdup("");
	*indent = strspn(text, " ");
	return text;
}

/* Code line by line on a band, in the monospaced face; a line's leading
 * spaces move it right by as many of the face's spaces (the typesetter
 * would otherwise take them for the gap before the first word and drop
 * them), and runs of spaces inside it keep their width (keep_spaces). */
static void code_block(struct mdblocks_text *w, cmark_node *node, double x, double width)
{
	const char *code = cmark_node_get_literal(node);
	double space = font_width(blocks_fonts(w->b), FONT_MONO, " ", BLOCKS_SMALL_SIZE);
	blocks_space(w->b, 4);
	blocks_open(w->b, TAG_CODE);
	for (const char *p = code ? code : ""; *p;) {
		size_t len = strcspn(p, "\n"), indent;
		char *line = code_line(p, len, &indent);
		double shift = (double)indent * space;
		if (width - 12 - shift < NARROWEST_COLUMN / 2)
			shift = 0;
		struct ts_spans s = {.v = NULL};
		ts_spans_add(&s, line[indent] ? line + indent : " ", FONT_MONO, BLOCKS_SMALL_SIZE, TS_TEXT, NULL);
		s.v[0].keep_spaces = true;
		struct ts_lines *l = blocks_break(w->b, &s, width - 12 - shift, false);
		size_t first = blocks_count(w->b);
		blocks_lines(w->b, l, x + 6 + shift, BLOCKS_SMALL_LEADING, BLOCKS_SMALL_SIZE, NULL, 0, true);
		for (size_t i = first; i < blocks_count(w->b); i++)
			blocks_item_at(w->b, i)->band_x = x;    /* the band stays put under an indented line */
		ts_spans_free(&s);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
	blocks_close(w->b);
	blocks_space(w->b, 6);
}

/* A heading's text, without its styles or note numbers: the title of a
 * section. */
static void heading(struct mdblocks_text *w, cmark_node *node)
{
	int level = cmark_node_get_heading_level(node) + w->heading_base;
	struct ts_spans s = {.v = NULL};
	ts_spans_markdown(&s, node, FONT_BOLD, 10.5, TS_ACCENT);
	struct buf title = BUF_INIT;
	for (size_t i = 0; i < s.n; i++)
		if (!s.v[i].super)
			buf_puts(&title, s.v[i].text);
	ts_spans_free(&s);
	blocks_heading(w->b, level > 3 ? 3 : level < 2 ? 2 : level, blocks_keep(w->b, buf_detach(&title)));
}

/* A table's caption line: the paragraph before it, without "Table: ",
 * the first thing in the table's element. */
static void caption(struct mdblocks_text *w, cmark_node *paragraph, double x, double width)
{
	struct ts_spans s = {.v = NULL};
	spans_of(w, &s, paragraph, FONT_BOLD, BLOCKS_SMALL_SIZE);
	if (s.n > 0) {
		char *rest = xstrdup(s.v[0].text + strlen(CAPTION_PREFIX));
		free(s.v[0].text);
		s.v[0].text = rest;
	}
	blocks_space(w->b, 6);
	blocks_paragraph(w->b, &s, x, width, BLOCKS_SMALL_SIZE, BLOCKS_SMALL_LEADING, false);
	ts_spans_free(&s);
	blocks_keep_together(w->b);
}

/* A GFM table through the playbook's tables (blocks_table_in): the
 * header row bold and repeated on each page, cells in the small size,
 * each column aligned as its delimiter row says. */
static void table(struct mdblocks_text *w, cmark_node *node, double x, double width)
{
	size_t cols = cmark_gfm_extensions_get_table_columns(node), rows = 0;
	for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row))
		rows++;
	cmark_node *prev = cmark_node_previous(node);
	bool captioned = prev && is_caption(prev);
	if (captioned && (cols == 0 || rows == 0))
		caption(w, prev, x, width);
	if (cols == 0 || rows == 0)
		return;
	if (captioned) {        /* blocks_table_in takes over the Table opened here */
		blocks_open(w->b, TAG_TABLE);
		blocks_open(w->b, TAG_CAPTION);
		caption(w, prev, x, width);
		blocks_close(w->b);
	}
	const uint8_t *aligns = cmark_gfm_extensions_get_table_alignments(node);
	char *align = xcalloc(cols, 1);
	for (size_t c = 0; aligns && c < cols; c++)
		align[c] = (char)aligns[c];
	struct ts_spans *cells = xcalloc(rows * cols, sizeof *cells);
	size_t r = 0;
	for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row), r++) {
		enum font_face face = cmark_gfm_extensions_get_table_row_is_header(row) ? FONT_BOLD : FONT_REGULAR;
		size_t c = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell && c < cols; cell = cmark_node_next(cell), c++)
			spans_of(w, &cells[r * cols + c], cell, face, BLOCKS_SMALL_SIZE);
	}
	blocks_table_in(w->b, cells, rows, cols, x, width, align);
	free(cells);
	free(align);
}

/* The notes of a text after a short rule, in the small size, each
 * starting with its number: a link back to its first reference, where
 * the reference's link lands. */
static void footnote(struct mdblocks_text *w, cmark_node *def, int number, double x, double width)
{
	if (number == 1) {
		blocks_rule_at(w->b, x, width / 3);
		blocks_keep_together(w->b);     /* never a rule alone at a page's foot */
	}
	double size = w->size, leading = w->leading;
	blocks_open(w->b, TAG_NOTE);
	w->size = BLOCKS_SMALL_SIZE;
	w->leading = BLOCKS_SMALL_LEADING;
	bool numbered = false;
	for (cmark_node *child = cmark_node_first_child(def); child; child = cmark_node_next(child)) {
		if (numbered || cmark_node_get_type(child) != CMARK_NODE_PARAGRAPH) {
			add_node(w, child, x, width);
			continue;
		}
		struct ts_spans s = {.v = NULL};
		char *label = xasprintf("%d.", number);
		ts_spans_add(&s, label, FONT_BOLD, BLOCKS_SMALL_SIZE, w->referenced[number - 1] ? TS_LINK : TS_TEXT, NULL);
		free(label);
		s.v[0].anchor = note_anchor(w, number);
		if (w->referenced[number - 1])
			s.v[0].target = note_anchor(w, number) + 1;
		ts_spans_add(&s, " ", FONT_REGULAR, BLOCKS_SMALL_SIZE, TS_TEXT, NULL);
		spans_of(w, &s, child, FONT_REGULAR, BLOCKS_SMALL_SIZE);
		blocks_paragraph(w->b, &s, x, width, BLOCKS_SMALL_SIZE, BLOCKS_SMALL_LEADING, true);
		ts_spans_free(&s);
		blocks_space(w->b, 4);
		numbered = true;
	}
	blocks_close(w->b);
	w->size = size;
	w->leading = leading;
}

/* A diagram's caption, below it and kept with it: the paragraph after
 * it without "Figure: ". */
static void figure_caption(struct mdblocks_text *w, cmark_node *paragraph, size_t skip, double x, double width)
{
	struct ts_spans s = {.v = NULL};
	spans_of(w, &s, paragraph, FONT_ITALIC, BLOCKS_SMALL_SIZE);
	if (s.n > 0) {
		char *rest = xstrdup(s.v[0].text + skip);
		free(s.v[0].text);
		s.v[0].text = rest;
	}
	blocks_keep_together(w->b);
	blocks_paragraph(w->b, &s, x, width, BLOCKS_SMALL_SIZE, BLOCKS_SMALL_LEADING, false);
	ts_spans_free(&s);
	blocks_space(w->b, 8);
}

/* A Mermaid block that was parsed, drawn as vectors in the column with
 * its caption; false when there is none to draw. */
static bool diagram(struct mdblocks_text *w, cmark_node *node, double x, double width)
{
	const struct mmd_diagram *m = mermaid_of(node);
	struct layout *lay = m ? diagram_mermaid(m, blocks_fonts(w->b)) : NULL;
	if (lay == NULL)
		return false;
	char *alt = w->site ? diagram_mermaid_desc(w->site, m) : NULL;
	blocks_diagram_in(w->b, lay, x, width, alt);
	free(alt);
	cmark_node *next = cmark_node_next(node);
	size_t skip = next ? md_figure_caption(next) : 0;
	if (skip)
		figure_caption(w, next, skip, x, width);
	return true;
}

/* Whether paragraph node is the caption of a diagram drawn before it. */
static bool is_figure_caption(cmark_node *node)
{
	return md_figure_caption(node) && mermaid_of(cmark_node_previous(node));
}

static void add_node(struct mdblocks_text *w, cmark_node *node, double x, double width)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		if (!is_caption(node) && !is_figure_caption(node))
			paragraph(w, node, x, width);
		break;
	case CMARK_NODE_HEADING:
		heading(w, node);
		break;
	case CMARK_NODE_LIST:
		list(w, node, x, width);
		break;
	case CMARK_NODE_CODE_BLOCK:
		if (!diagram(w, node, x, width))
			code_block(w, node, x, width);
		break;
	case CMARK_NODE_BLOCK_QUOTE: {
		double indent = indented(width, 12);
		blocks_open(w->b, TAG_BLOCKQUOTE);
		for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child))
			add_node(w, child, x + indent, width - indent);
		blocks_close(w->b);
		break;
	}
	case CMARK_NODE_THEMATIC_BREAK:
		blocks_rule_at(w->b, x, width);
		break;
	default:
		if (is_extension(node, "table"))
			table(w, node, x, width);
		break;           /* raw HTML is left out; a note is set by footnote() */
	}
}

struct mdblocks_text *mdblocks_start(struct blocks *b, const struct site *site, cmark_node *doc, double x,
                                     double width, int heading_base)
{
	struct mdblocks_text *w = xcalloc(1, sizeof *w);
	*w = (struct mdblocks_text){.b = b, .site = site, .doc = doc, .x = x, .width = width, .heading_base = heading_base,
	                            .size = BLOCKS_BODY_SIZE, .leading = BLOCKS_BODY_LEADING};
	for (cmark_node *node = cmark_node_first_child(doc); node; node = cmark_node_next(node))
		if (cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION)
			w->notes++;
	w->anchors = w->notes ? blocks_new_anchors(b, 2 * w->notes) : 0;
	w->referenced = xcalloc(w->notes ? w->notes : 1, sizeof *w->referenced);
	w->next = cmark_node_first_child(doc);
	return w;
}

void mdblocks_continue(struct mdblocks_text *w, const cmark_node *stop)
{
	if (w == NULL)
		return;
	for (; w->next && w->next != stop; w->next = cmark_node_next(w->next))
		if (cmark_node_get_type(w->next) != CMARK_NODE_FOOTNOTE_DEFINITION)
			add_node(w, w->next, w->x, w->width);
}

struct mdblocks_text *mdblocks_add_held(struct blocks *b, const struct site *site, cmark_node *doc, double x,
                                        double width, int heading_base)
{
	struct mdblocks_text *w = mdblocks_start(b, site, doc, x, width, heading_base);
	mdblocks_continue(w, NULL);
	if (w->notes == 0) {
		mdblocks_notes(w);
		return NULL;
	}
	return w;
}

void mdblocks_notes(struct mdblocks_text *w)
{
	if (w == NULL)
		return;
	int number = 0;
	for (cmark_node *node = cmark_node_first_child(w->doc); node; node = cmark_node_next(node))
		if (cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION)
			footnote(w, node, ++number, w->x, w->width);
	free(w->referenced);
	free(w);
}

void mdblocks_add(struct blocks *b, const struct site *site, cmark_node *doc, double x, double width, int heading_base)
{
	mdblocks_notes(mdblocks_add_held(b, site, doc, x, width, heading_base));
}
