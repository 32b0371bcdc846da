/*
 * blocks: lays out the playbook's text, tables and diagrams as blocks for
 * pagination, each with the page-break rule it needs (blocks.h).
 */
#include "pdf/blocks.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

/* What a sum of widths may lose to rounding, in points. */
#define WIDTH_SLACK 1e-6

/* How deep elements may be opened: a chapter's Sect, then lists and
 * quotes nested as deep as the loader allows Markdown, each item two deep
 * (LI, LBody), and a table or a note; deeper ones go under the innermost
 * that fitted. */
enum { BLOCKS_MAX_OPEN = 64 };

struct blocks {
	const struct typesetter *ts;
	struct pdf_size page;
	const char *base_url;
	struct ts_block *blocks;
	size_t n, cap;
	struct blocks_item **items;     /* owned, one per block */
	size_t nitems, cap_items;
	struct ts_lines **lines;        /* owned line sets */
	size_t nlines, cap_lines;
	struct layout **layouts;        /* owned */
	size_t nlayouts, cap_layouts;
	struct blocks_image **images;   /* owned */
	size_t nimages, cap_images;
	struct diag *d;                 /* may be NULL */
	char **strings;                 /* owned texts that items borrow */
	size_t nstrings, cap_strings;
	double pending_space;
	bool keep_with_previous;        /* the next block may not start a page */
	bool next_new_page;
	int tables;
	size_t anchors;                 /* handed out: 1 .. anchors */
	char **cited;                   /* owned addresses, cited[n - 1] numbered n */
	size_t ncited, cap_cited;
	struct tags *tags;              /* borrowed; NULL: no structure */
	size_t open[BLOCKS_MAX_OPEN];   /* the elements opened, innermost last */
	size_t nopen;
	size_t too_deep;                /* opened past BLOCKS_MAX_OPEN, not yet closed */
};

struct blocks *blocks_new(const struct typesetter *ts, const char *base_url)
{
	struct blocks *b = xcalloc(1, sizeof *b);
	b->ts = ts;
	b->page = pdf_paper_size(PDF_PAPER_A4);
	b->base_url = base_url;
	return b;
}

void blocks_free(struct blocks *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nitems; i++) {
		free(b->items[i]->row.cells);
		free(b->items[i]->row.col_x);
		free(b->items[i]->row.col_w);
		free(b->items[i]->row.cell_dx);
		free(b->items[i]->cell_tags);
		free(b->items[i]);
	}
	for (size_t i = 0; i < b->nlines; i++) {
		ts_lines_free(b->lines[i]);
		free(b->lines[i]);
	}
	for (size_t i = 0; i < b->nlayouts; i++)
		layout_free(b->layouts[i]);
	for (size_t i = 0; i < b->nimages; i++) {
		buf_free(&b->images[i]->data);
		free(b->images[i]);
	}
	free(b->images);
	for (size_t i = 0; i < b->nstrings; i++)
		free(b->strings[i]);
	free(blocks_take_citations(b));
	free(b->items);
	free(b->lines);
	free(b->layouts);
	free(b->strings);
	free(b->blocks);
	free(b);
}

double blocks_text_width_on(struct pdf_size page)
{
	return page.width - 2 * BLOCKS_MARGIN_X;
}

void blocks_set_paper(struct blocks *b, enum pdf_paper paper)
{
	b->page = pdf_paper_size(paper);
}

double blocks_text_width(const struct blocks *b)
{
	return blocks_text_width_on(b->page);
}

double blocks_bottom(const struct blocks *b)
{
	return b->page.height - BLOCKS_MARGIN_BOTTOM;
}

const struct fontset *blocks_fonts(const struct blocks *b)
{
	return ts_fonts(b->ts);
}

const char *blocks_keep(struct blocks *b, char *s)
{
	b->strings = xgrow(b->strings, &b->cap_strings, b->nstrings + 1, sizeof *b->strings);
	b->strings[b->nstrings++] = s;
	return s;
}

/* ---- structure --------------------------------------------------------- */

void blocks_use_tags(struct blocks *b, struct tags *t)
{
	b->tags = t;
}

struct tags *blocks_tags(const struct blocks *b)
{
	return b->tags;
}

static size_t innermost(const struct blocks *b)
{
	return b->nopen ? b->open[b->nopen - 1] : 0;
}

size_t blocks_add_tag(struct blocks *b, enum tag_role role)
{
	if (b->tags == NULL)
		return 0;
	if (role == TAG_H1 || role == TAG_H2 || role == TAG_H3)
		return tags_heading(b->tags, innermost(b), role == TAG_H1 ? 1 : role == TAG_H2 ? 2 : 3);
	return tags_add(b->tags, innermost(b), role);
}

size_t blocks_open(struct blocks *b, enum tag_role role)
{
	size_t id = blocks_add_tag(b, role);
	if (id && b->nopen < BLOCKS_MAX_OPEN)
		b->open[b->nopen++] = id;
	else if (id)
		b->too_deep++;
	return id;
}

void blocks_enter(struct blocks *b, size_t id)
{
	if (b->tags && id && b->nopen < BLOCKS_MAX_OPEN)
		b->open[b->nopen++] = id;
}

void blocks_close(struct blocks *b)
{
	if (b->too_deep)
		b->too_deep--;
	else if (b->nopen)
		b->nopen--;
}

/* The element a run of lines is the content of: the innermost open one
 * when it holds content, else a new P under it. */
static size_t lines_tag(struct blocks *b)
{
	if (b->tags == NULL)
		return 0;
	size_t in = innermost(b);
	if (in && tags_role_holds_content(tags_role(b->tags, in)))
		return in;
	return tags_add(b->tags, in, TAG_P);
}

/* A new block of height; breakable: a page may begin with it, unless the
 * last block asked to keep it. */
static struct blocks_item *add_block(struct blocks *b, enum blocks_kind kind, double height, bool breakable)
{
	struct blocks_item *it = xcalloc(1, sizeof *it);
	it->kind = kind;
	it->toc_target = -1;
	b->items = xgrow(b->items, &b->cap_items, b->nitems + 1, sizeof *b->items);
	b->items[b->nitems++] = it;
	b->blocks = xgrow(b->blocks, &b->cap, b->n + 1, sizeof *b->blocks);
	b->blocks[b->n++] = (struct ts_block){height, b->pending_space, breakable && !b->keep_with_previous,
	                                      b->next_new_page, 0, false, it};
	b->pending_space = 0;
	b->keep_with_previous = false;
	b->next_new_page = false;
	return it;
}

void blocks_space(struct blocks *b, double h)
{
	if (h > b->pending_space)
		b->pending_space = h;
}

void blocks_keep_together(struct blocks *b)
{
	b->keep_with_previous = true;
}

struct ts_lines *blocks_break(struct blocks *b, const struct ts_spans *spans, double width, bool justify)
{
	struct ts_lines *l = xcalloc(1, sizeof *l);
	ts_break(b->ts, spans, width, justify, l);
	b->lines = xgrow(b->lines, &b->cap_lines, b->nlines + 1, sizeof *b->lines);
	b->lines[b->nlines++] = l;
	return l;
}

void blocks_absolute_links(struct blocks *b, struct ts_spans *spans)
{
	for (size_t i = 0; i < spans->n; i++) {
		char *link = spans->v[i].link;
		if (link && link[0] == '/') {
			spans->v[i].link = xasprintf("%s%s", b->base_url, link + 1);
			free(link);
		}
	}
}

size_t blocks_cite(struct blocks *b, const char *url)
{
	for (size_t i = 0; i < b->ncited; i++)
		if (strcmp(b->cited[i], url) == 0)
			return i + 1;
	if (b->ncited == b->cap_cited) {
		b->cap_cited = b->cap_cited ? 2 * b->cap_cited : 8;
		b->cited = xrealloc(b->cited, b->cap_cited * sizeof *b->cited);
	}
	b->cited[b->ncited++] = xstrdup(url);
	return b->ncited;
}

char *blocks_take_citations(struct blocks *b)
{
	if (b->ncited == 0)
		return NULL;
	struct buf list = BUF_INIT;
	for (size_t i = 0; i < b->ncited; i++) {
		buf_printf(&list, "%zu\t%s\n", i + 1, b->cited[i]);
		free(b->cited[i]);
	}
	free(b->cited);
	b->cited = NULL;
	b->ncited = b->cap_cited = 0;
	return buf_detach(&list);
}

struct blocks_item *blocks_lines(struct blocks *b, const struct ts_lines *l, double x, double leading, double size,
                                 const char *bullet, double bullet_x, bool code)
{
	struct blocks_item *first = NULL;
	size_t tag = l->n ? lines_tag(b) : 0;
	for (size_t i = 0; i < l->n; i++) {
		bool breakable = l->n < 4 ? i == 0 : (i == 0 || (i >= 2 && l->n - i >= 2));
		struct blocks_item *it = add_block(b, BLOCKS_LINE, leading, breakable);
		it->x = x;
		it->line = &l->v[i];
		it->ascent = (leading - size) / 2 + size * 0.8;
		it->code = code;
		it->band_x = x - 6;
		it->tag = tag;
		if (i == 0 && bullet) {
			it->bullet = bullet;
			it->bullet_x = bullet_x;
		}
		if (i == 0)
			first = it;
	}
	return first;
}

void blocks_paragraph(struct blocks *b, struct ts_spans *spans, double x, double width, double size, double leading,
                      bool justify)
{
	blocks_absolute_links(b, spans);
	struct ts_lines *l = blocks_break(b, spans, width, justify);
	blocks_lines(b, l, x, leading, size, NULL, 0, false);
}

void blocks_hanging(struct blocks *b, struct ts_spans *spans, double x, double width, double indent, double size,
                    double leading)
{
	blocks_absolute_links(b, spans);
	struct ts_lines *l = blocks_break(b, spans, width - indent, false);
	blocks_lines(b, l, x, leading, size, NULL, 0, false);
	for (size_t i = 1; i < l->n; i++)       /* the lines blocks_lines just added, after the first */
		b->items[b->nitems - l->n + i]->x = x + indent;
}

void blocks_text(struct blocks *b, const char *text, enum font_face face, double size, double leading,
                 enum ts_color color, double x, double width, bool justify)
{
	struct ts_spans s = {.v = NULL};
	ts_spans_add(&s, text, face, size, color, NULL);
	blocks_paragraph(b, &s, x, width, size, leading, justify);
	ts_spans_free(&s);
}

/* Where a chapter or section starts: for the contents and bookmarks. */
static void mark(struct blocks *b, int level, const char *title)
{
	struct blocks_item *it = add_block(b, BLOCKS_MARK, 0, true);
	it->level = level;
	it->title = title;
	b->keep_with_previous = true;
}

void blocks_heading(struct blocks *b, int level, const char *title)
{
	static const double sizes[] = {0, 20, 13, 10.5};
	if (level == 1)
		b->next_new_page = true;
	blocks_space(b, level == 1 ? 0 : level == 2 ? 16 : 10);
	if (level <= 2)
		mark(b, level, title);
	double size = sizes[level];
	if (level == 1 && b->tags) {    /* a chapter: a Sect of its own */
		b->nopen = b->too_deep = 0;
		blocks_open(b, TAG_SECT);
	}
	blocks_open(b, level == 1 ? TAG_H1 : level == 2 ? TAG_H2 : TAG_H3);
	blocks_text(b, title, FONT_BOLD, size, size * 1.25, level == 1 ? TS_HEADING : TS_ACCENT,
	            BLOCKS_MARGIN_X, blocks_text_width(b), false);
	blocks_close(b);
	blocks_space(b, level == 1 ? 12 : 5);
	b->keep_with_previous = true;   /* a heading stays with what follows */
}

void blocks_rule(struct blocks *b)
{
	blocks_rule_at(b, BLOCKS_MARGIN_X, blocks_text_width(b));
}

void blocks_rule_at(struct blocks *b, double x, double width)
{
	blocks_space(b, 6);
	struct blocks_item *it = add_block(b, BLOCKS_RULE, 1, true);
	it->x = x;
	it->width = width;
	blocks_space(b, 6);
}

long blocks_new_anchors(struct blocks *b, size_t n)
{
	long first = (long)b->anchors + 1;
	b->anchors += n;
	return first;
}

size_t blocks_anchor_count(const struct blocks *b)
{
	return b->anchors;
}

size_t blocks_count(const struct blocks *b)
{
	return b->n;
}

struct blocks_item *blocks_item_at(struct blocks *b, size_t i)
{
	return i < b->n ? b->items[i] : NULL;
}

void blocks_list_item(struct blocks *b, const char *marker, const struct ts_spans *s, bool justify)
{
	struct ts_lines *l = blocks_break(b, s, blocks_text_width(b) - BLOCKS_LIST_INDENT, justify);
	bool in_list = b->tags && tags_role(b->tags, innermost(b)) == TAG_L;
	if (b->tags && !in_list)        /* an item on its own is a list of one */
		blocks_open(b, TAG_L);
	blocks_open(b, TAG_LI);
	size_t label = blocks_add_tag(b, TAG_LBL);
	blocks_open(b, TAG_LBODY);
	struct blocks_item *it = blocks_lines(b, l, BLOCKS_MARGIN_X + BLOCKS_LIST_INDENT, BLOCKS_BODY_LEADING,
	                                      BLOCKS_BODY_SIZE, marker, BLOCKS_MARGIN_X, false);
	if (it)
		it->bullet_tag = label;
	blocks_close(b);
	blocks_close(b);
	if (b->tags && !in_list)
		blocks_close(b);
	blocks_space(b, 3);
}

void blocks_cell(struct ts_spans *cell, const char *text, enum font_face face)
{
	ts_spans_add(cell, text ? text : "", face, BLOCKS_SMALL_SIZE, TS_TEXT, NULL);
}

/* Where a cell's line sits in its column, after the padding: right- and
 * centre-aligned lines are moved by what they leave free. */
static double cell_shift(const struct ts_line *line, double column, char align)
{
	double room = column - 2 * BLOCKS_CELL_PAD - (line ? line->width : 0);
	if (room <= 0)
		return 0;
	return align == 'r' ? room : align == 'c' ? room / 2 : 0;
}

/* A table's layout: its columns, and where it starts. */
struct table_shape {
	int id;
	size_t cols;
	double x;
	const double *w;
	const char *align;      /* may be NULL */
	const size_t *cell_tags;        /* the row's cells' elements; NULL: untagged */
};

/* The k-th of height lines of a table row (lines: each cell's); a page
 * may break before the row's first line, except between the header and
 * the first row. */
static void table_row_line(struct blocks *b, const struct table_shape *t, size_t r, const struct ts_lines *const *lines,
                           size_t k, size_t height)
{
	bool first = k == 0, last = k + 1 == height;
	double h = BLOCKS_SMALL_LEADING + (first ? BLOCKS_CELL_PAD : 0) + (last ? BLOCKS_CELL_PAD : 0);
	struct blocks_item *it = add_block(b, BLOCKS_ROW, h, first && r != 1);
	struct ts_block *blk = &b->blocks[b->n - 1];
	size_t cols = t->cols;
	blk->table = t->id;
	blk->header = r == 0;
	it->row.cells = xcalloc(cols, sizeof *it->row.cells);
	it->row.ncols = cols;
	it->row.col_x = xcalloc(cols, sizeof(double));
	it->row.col_w = xcalloc(cols, sizeof(double));
	it->row.cell_dx = xcalloc(cols, sizeof(double));
	double x = t->x;
	for (size_t c = 0; c < cols; c++) {
		it->row.cells[c] = k < lines[c]->n ? &lines[c]->v[k] : NULL;
		it->row.col_x[c] = x;
		it->row.col_w[c] = t->w[c];
		it->row.cell_dx[c] = cell_shift(it->row.cells[c], t->w[c], t->align ? t->align[c] : 'l');
		x += t->w[c];
	}
	it->row.first = first;
	it->row.last = last;
	it->row.header = r == 0;
	if (t->cell_tags) {
		it->cell_tags = xcalloc(cols, sizeof *it->cell_tags);
		memcpy(it->cell_tags, t->cell_tags, cols * sizeof *it->cell_tags);
	}
	it->ascent = (first ? BLOCKS_CELL_PAD : 0) + (BLOCKS_SMALL_LEADING - BLOCKS_SMALL_SIZE) / 2 +
	             BLOCKS_SMALL_SIZE * 0.8;
}

/* The Table a table's rows go in: the one the caller opened for its
 * caption (taken over, and closed with the table), or a new one. */
static void open_table(struct blocks *b)
{
	if (b->tags && tags_role(b->tags, innermost(b)) != TAG_TABLE)
		blocks_open(b, TAG_TABLE);
}

/* Row r's TR, under the THead (row 0) or the TBody (the first body row
 * closes the THead and opens it), and its cells' TH or TD in tags. */
static void row_tags(struct blocks *b, size_t r, size_t cols, size_t *tags)
{
	if (r <= 1) {
		if (r == 1)
			blocks_close(b);
		blocks_open(b, r == 0 ? TAG_THEAD : TAG_TBODY);
	}
	blocks_open(b, TAG_TR);
	for (size_t c = 0; c < cols; c++) {
		tags[c] = blocks_add_tag(b, r == 0 ? TAG_TH : TAG_TD);
		if (r == 0)
			tags_set_scope(b->tags, tags[c], TAG_SCOPE_COLUMN);
	}
	blocks_close(b);
}

void blocks_table(struct blocks *b, struct ts_spans *cells, size_t rows, size_t cols)
{
	blocks_table_in(b, cells, rows, cols, BLOCKS_MARGIN_X, blocks_text_width(b), NULL);
}

void blocks_table_in(struct blocks *b, struct ts_spans *cells, size_t rows, size_t cols, double x, double width,
                     const char *align)
{
	double *w = xcalloc(cols, sizeof *w);
	const struct ts_spans **spans = xcalloc(rows * cols, sizeof *spans);
	for (size_t i = 0; i < rows * cols; i++)
		spans[i] = &cells[i];
	ts_column_widths(ts_fonts(b->ts), spans, rows, cols, width, 2 * BLOCKS_CELL_PAD, w);
	free(spans);
	struct table_shape shape = {++b->tables, cols, x, w, align, NULL};
	size_t *cell_tags = b->tags ? xcalloc(cols, sizeof *cell_tags) : NULL;
	open_table(b);
	blocks_space(b, 6);
	for (size_t r = 0; r < rows; r++) {
		if (cell_tags)
			row_tags(b, r, cols, cell_tags);
		shape.cell_tags = cell_tags;
		const struct ts_lines **lines = xcalloc(cols, sizeof *lines);
		size_t height = 1;
		for (size_t c = 0; c < cols; c++) {
			struct ts_spans *s = &cells[r * cols + c];
			blocks_absolute_links(b, s);
			/* A column as wide as its widest word sets it whole: the
			 * widths add up what they measured, to the last bit. */
			lines[c] = blocks_break(b, s, w[c] - 2 * BLOCKS_CELL_PAD + WIDTH_SLACK, false);
			if (lines[c]->n > height)
				height = lines[c]->n;
		}
		for (size_t k = 0; k < height; k++)
			table_row_line(b, &shape, r, lines, k, height);
		free(lines);
	}
	for (size_t i = 0; i < rows * cols; i++)
		ts_spans_free(&cells[i]);
	free(w);
	free(cell_tags);
	if (b->tags) {
		blocks_close(b);        /* the THead or TBody */
		blocks_close(b);        /* the Table */
	}
	blocks_space(b, 8);
}

void blocks_diagram(struct blocks *b, struct layout *lay, const char *alt)
{
	blocks_diagram_in(b, lay, BLOCKS_MARGIN_X, blocks_text_width(b), alt);
}

void blocks_diagram_in(struct blocks *b, struct layout *lay, double x, double width, const char *alt)
{
	b->layouts = xgrow(b->layouts, &b->cap_layouts, b->nlayouts + 1, sizeof *b->layouts);
	b->layouts[b->nlayouts++] = lay;
	double scale = width / lay->width;
	if (scale > 0.8)
		scale = 0.8;
	if (lay->height * scale > (blocks_bottom(b) - BLOCKS_TOP) * 0.7)
		scale = (blocks_bottom(b) - BLOCKS_TOP) * 0.7 / lay->height;
	blocks_space(b, 6);
	struct blocks_item *it = add_block(b, BLOCKS_DIAGRAM, lay->height * scale, true);
	it->layout = lay;
	it->scale = scale;
	it->x = x + (width - lay->width * scale) / 2;
	it->tag = blocks_add_tag(b, TAG_FIGURE);
	if (it->tag)
		tags_set_alt(b->tags, it->tag, alt);
	blocks_space(b, 10);
}

void blocks_image(struct blocks *b, struct blocks_image *img, double x)
{
	b->images = xgrow(b->images, &b->cap_images, b->nimages + 1, sizeof *b->images);
	b->images[b->nimages++] = img;
	blocks_space(b, 6);
	struct blocks_item *it = add_block(b, BLOCKS_IMAGE, img->height, true);
	it->image = img;
	it->x = x;
	/* a decorative image is an artifact: it has nothing to say */
	if (!img->decorative) {
		it->tag = blocks_add_tag(b, TAG_FIGURE);
		if (it->tag)
			tags_set_alt(b->tags, it->tag, img->alt);
	}
	blocks_space(b, 8);
}

void blocks_set_diag(struct blocks *b, struct diag *d)
{
	b->d = d;
}

struct diag *blocks_diag(const struct blocks *b)
{
	return b->d;
}

struct ts_placed *blocks_paginate(const struct blocks *b, size_t *nplaced, size_t *pages)
{
	return ts_paginate(b->blocks, b->n, BLOCKS_TOP, blocks_bottom(b), nplaced, pages);
}
