#include "pdf/playbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diagram/diagram.h"
#include "content/estimate.h"
#include "content/body.h"
#include "pdf/pdf.h"
#include "pdf/typeset.h"
#include "base/xalloc.h"

#define MARGIN_X 56.0
#define TEXT_W (PDF_PAGE_WIDTH - 2 * MARGIN_X)
#define TOP 78.0
#define BOTTOM (PDF_PAGE_HEIGHT - 62.0)
#define BODY_SIZE 9.5
#define BODY_LEADING 13.5
#define SMALL_SIZE 8.0
#define SMALL_LEADING 10.5
#define CELL_PAD 4.0
#define LIST_INDENT 14.0

static const double ink[3] = {0.067, 0.129, 0.220};      /* navy text */
static const double muted[3] = {0.239, 0.290, 0.361};
static const double accent[3] = {0.0, 0.427, 0.467};     /* teal */
static const double link_blue[3] = {0.043, 0.345, 0.588};
static const double rule_grey[3] = {0.780, 0.812, 0.851};
static const double band[3] = {0.925, 0.945, 0.965};
static const double white[3] = {1, 1, 1};

/* What a block draws. */
enum item_kind { IT_LINE, IT_RULE, IT_DIAGRAM, IT_ROW, IT_MARK };

struct row_line {
	const struct ts_line **cells;   /* one per column; NULL where the cell has no more lines */
	size_t ncols;
	double *col_x;                  /* owned */
	double *col_w;                  /* owned */
	bool first, last, header;
};

struct item {
	enum item_kind kind;
	double x;
	const struct ts_line *line;     /* IT_LINE */
	double ascent;                  /* baseline below the block's top */
	const char *bullet;             /* IT_LINE: drawn at bullet_x on a list item's first line */
	double bullet_x;
	bool code;                      /* IT_LINE: a band behind */
	const struct layout *layout;    /* IT_DIAGRAM */
	double scale;
	struct row_line row;            /* IT_ROW */
	int level;                      /* IT_MARK: 1 chapter, 2 section */
	const char *title;
	long toc_target;                /* IT_LINE in the contents: the mark it links to, or -1 */
	const char *page_no;            /* IT_LINE in the contents: drawn at the right */
};

struct mark {
	int level;
	const char *title;
	size_t page;                    /* body page, set after pagination */
	double y;
};

struct doc {
	const struct typesetter *ts;
	const struct fontset *fs;
	const char *base_url;
	struct ts_block *blocks;
	size_t n, cap;
	struct item **items;            /* owned, one per block */
	size_t nitems, cap_items;
	struct ts_lines **lines;        /* owned line sets */
	size_t nlines, cap_lines;
	struct layout **layouts;        /* owned */
	size_t nlayouts, cap_layouts;
	char **strings;                 /* owned texts that items borrow */
	size_t nstrings, cap_strings;
	double pending_space;
	bool keep_with_previous;        /* the next block may not start a page */
	bool next_new_page;
	int tables;
	struct diag *d;                 /* for a body that cannot be read back */
	bool failed;
};

/* ---- building blocks ------------------------------------------------- */

static const char *keep_string(struct doc *doc, char *s)
{
	doc->strings = xgrow(doc->strings, &doc->cap_strings, doc->nstrings + 1, sizeof *doc->strings);
	doc->strings[doc->nstrings++] = s;
	return s;
}

static struct item *add_block(struct doc *doc, enum item_kind kind, double height, bool breakable)
{
	struct item *it = xcalloc(1, sizeof *it);
	it->kind = kind;
	it->toc_target = -1;
	doc->items = xgrow(doc->items, &doc->cap_items, doc->nitems + 1, sizeof *doc->items);
	doc->items[doc->nitems++] = it;
	doc->blocks = xgrow(doc->blocks, &doc->cap, doc->n + 1, sizeof *doc->blocks);
	doc->blocks[doc->n++] = (struct ts_block){height, doc->pending_space,
	                                          breakable && !doc->keep_with_previous, doc->next_new_page, 0, false,
	                                          it};
	doc->pending_space = 0;
	doc->keep_with_previous = false;
	doc->next_new_page = false;
	return it;
}

static void space(struct doc *doc, double h)
{
	if (h > doc->pending_space)
		doc->pending_space = h;
}

static struct ts_lines *break_lines(struct doc *doc, const struct ts_spans *spans, double width, bool justify)
{
	struct ts_lines *l = xcalloc(1, sizeof *l);
	ts_break(doc->ts, spans, width, justify, l);
	doc->lines = xgrow(doc->lines, &doc->cap_lines, doc->nlines + 1, sizeof *doc->lines);
	doc->lines[doc->nlines++] = l;
	return l;
}

/* Site paths in links become absolute: the PDF lives outside the site. */
static void absolute_links(struct doc *doc, struct ts_spans *spans)
{
	for (size_t i = 0; i < spans->n; i++) {
		char *link = spans->v[i].link;
		if (link && link[0] == '/') {
			spans->v[i].link = xasprintf("%s%s", doc->base_url, link + 1);
			free(link);
		}
	}
}

/* Lines of a paragraph: no orphan (a page break after its first line) and
 * no widow (before its last). */
static void add_lines(struct doc *doc, const struct ts_lines *l, double x, double leading, double size,
                      const char *bullet, double bullet_x, bool code)
{
	for (size_t i = 0; i < l->n; i++) {
		bool breakable = l->n < 4 ? i == 0 : (i == 0 || (i >= 2 && l->n - i >= 2));
		struct item *it = add_block(doc, IT_LINE, leading, breakable);
		it->x = x;
		it->line = &l->v[i];
		it->ascent = (leading - size) / 2 + size * 0.8;
		it->code = code;
		if (i == 0 && bullet) {
			it->bullet = bullet;
			it->bullet_x = bullet_x;
		}
	}
}

static void paragraph(struct doc *doc, struct ts_spans *spans, double x, double width, double size, double leading,
                      bool justify)
{
	absolute_links(doc, spans);
	struct ts_lines *l = break_lines(doc, spans, width, justify);
	add_lines(doc, l, x, leading, size, NULL, 0, false);
}

static void text_paragraph(struct doc *doc, const char *text, enum font_face face, double size, double leading,
                           enum ts_color color, double x, double width, bool justify)
{
	struct ts_spans s = {NULL, 0, 0};
	ts_spans_add(&s, text, face, size, color, NULL);
	paragraph(doc, &s, x, width, size, leading, justify);
	ts_spans_free(&s);
}

static void mark(struct doc *doc, int level, const char *title)
{
	struct item *it = add_block(doc, IT_MARK, 0, true);
	it->level = level;
	it->title = title;
	doc->keep_with_previous = true;
}

/* A chapter (level 1, on a new page) or section heading. */
static void heading(struct doc *doc, int level, const char *title)
{
	static const double sizes[] = {0, 20, 13, 10.5};
	if (level == 1)
		doc->next_new_page = true;
	space(doc, level == 1 ? 0 : level == 2 ? 16 : 10);
	if (level <= 2)
		mark(doc, level, title);
	double size = sizes[level];
	text_paragraph(doc, title, FONT_BOLD, size, size * 1.25, level == 1 ? TS_TEXT : TS_ACCENT, MARGIN_X, TEXT_W,
	               false);
	space(doc, level == 1 ? 12 : 5);
	doc->keep_with_previous = true;   /* a heading stays with what follows */
}

static void rule(struct doc *doc)
{
	space(doc, 6);
	add_block(doc, IT_RULE, 1, true);
	space(doc, 6);
}

/* ---- Markdown --------------------------------------------------------- */

static void markdown_blocks(struct doc *doc, cmark_node *parent, double x, double width, int heading_base);

static void list_items(struct doc *doc, cmark_node *list, double x, double width, int heading_base)
{
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int number = cmark_node_get_list_start(list);
	double indent = LIST_INDENT;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item), number++) {
		const char *bullet = ordered ? keep_string(doc, xasprintf("%d.", number)) : "•";
		bool first = true;
		for (cmark_node *b = cmark_node_first_child(item); b; b = cmark_node_next(b)) {
			if (cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH) {
				struct ts_spans s = {NULL, 0, 0};
				ts_spans_markdown(&s, b, FONT_REGULAR, BODY_SIZE, TS_TEXT);
				absolute_links(doc, &s);
				struct ts_lines *l = break_lines(doc, &s, width - indent, false);
				add_lines(doc, l, x + indent, BODY_LEADING, BODY_SIZE, first ? bullet : NULL, x, false);
				ts_spans_free(&s);
				space(doc, 2);
			} else {
				markdown_blocks(doc, b, x + indent, width - indent, heading_base);
			}
			first = false;
		}
		space(doc, 2);
	}
}

static void code_block(struct doc *doc, cmark_node *node, double x, double width)
{
	const char *code = cmark_node_get_literal(node);
	space(doc, 4);
	for (const char *p = code ? code : ""; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		struct ts_spans s = {NULL, 0, 0};
		ts_spans_add(&s, *line ? line : " ", FONT_MONO, SMALL_SIZE, TS_TEXT, NULL);
		struct ts_lines *l = break_lines(doc, &s, width - 12, false);
		add_lines(doc, l, x + 6, SMALL_LEADING, SMALL_SIZE, NULL, 0, true);
		ts_spans_free(&s);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
	space(doc, 6);
}

static void markdown_blocks(struct doc *doc, cmark_node *parent, double x, double width, int heading_base)
{
	for (cmark_node *b = cmark_node_first_child(parent); b; b = cmark_node_next(b)) {
		switch (cmark_node_get_type(b)) {
		case CMARK_NODE_PARAGRAPH: {
			struct ts_spans s = {NULL, 0, 0};
			ts_spans_markdown(&s, b, FONT_REGULAR, BODY_SIZE, TS_TEXT);
			paragraph(doc, &s, x, width, BODY_SIZE, BODY_LEADING, true);
			ts_spans_free(&s);
			space(doc, 6);
			break;
		}
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(b) + heading_base;
			struct ts_spans s = {NULL, 0, 0};
			ts_spans_markdown(&s, b, FONT_BOLD, 10.5, TS_ACCENT);
			struct buf title = BUF_INIT;
			for (size_t i = 0; i < s.n; i++)
				buf_puts(&title, s.v[i].text);
			ts_spans_free(&s);
			heading(doc, level > 3 ? 3 : level < 2 ? 2 : level, keep_string(doc, buf_detach(&title)));
			break;
		}
		case CMARK_NODE_LIST:
			list_items(doc, b, x, width, heading_base);
			space(doc, 4);
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block(doc, b, x, width);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			markdown_blocks(doc, b, x + 12, width - 12, heading_base);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			rule(doc);
			break;
		default:
			break;
		}
	}
}

/* m's blocks; a body left on disk is read back for the time it takes
 * (its page reports its mistakes). */
static void markdown(struct doc *doc, const struct md *m, int heading_base)
{
	struct body body;
	if (!body_open(m, &body, NULL, doc->d))
		doc->failed = true;
	else if (body.md.doc)
		markdown_blocks(doc, body.md.doc, MARGIN_X, TEXT_W, heading_base);
	body_close(&body);
}

/* ---- tables ------------------------------------------------------------ */

struct cell {
	struct ts_spans spans;
};

/* A table: rows[0] is the header.  Each row stays on one page unless it is
 * taller than a page; the header row repeats on every page. */
static void table(struct doc *doc, struct cell *cells, size_t rows, size_t cols)
{
	double *w = xcalloc(cols, sizeof *w);
	const struct ts_spans **spans = xcalloc(rows * cols, sizeof *spans);
	for (size_t i = 0; i < rows * cols; i++)
		spans[i] = &cells[i].spans;
	ts_column_widths(doc->fs, spans, rows, cols, TEXT_W, 2 * CELL_PAD, w);
	free(spans);
	int id = ++doc->tables;
	space(doc, 6);
	for (size_t r = 0; r < rows; r++) {
		const struct ts_lines **lines = xcalloc(cols, sizeof *lines);
		size_t height = 1;
		for (size_t c = 0; c < cols; c++) {
			struct ts_spans *s = &cells[r * cols + c].spans;
			absolute_links(doc, s);
			lines[c] = break_lines(doc, s, w[c] - 2 * CELL_PAD, false);
			if (lines[c]->n > height)
				height = lines[c]->n;
		}
		for (size_t k = 0; k < height; k++) {
			bool first = k == 0, last = k + 1 == height;
			double h = SMALL_LEADING + (first ? CELL_PAD : 0) + (last ? CELL_PAD : 0);
			struct item *it = add_block(doc, IT_ROW, h, first && r != 1);
			struct ts_block *blk = &doc->blocks[doc->n - 1];
			blk->table = id;
			blk->header = r == 0;
			it->row.cells = xcalloc(cols, sizeof *it->row.cells);
			it->row.ncols = cols;
			it->row.col_x = xcalloc(cols, sizeof(double));
			it->row.col_w = xcalloc(cols, sizeof(double));
			double x = MARGIN_X;
			for (size_t c = 0; c < cols; c++) {
				it->row.cells[c] = k < lines[c]->n ? &lines[c]->v[k] : NULL;
				it->row.col_x[c] = x;
				it->row.col_w[c] = w[c];
				x += w[c];
			}
			it->row.first = first;
			it->row.last = last;
			it->row.header = r == 0;
			it->ascent = (first ? CELL_PAD : 0) + (SMALL_LEADING - SMALL_SIZE) / 2 + SMALL_SIZE * 0.8;
		}
		free(lines);
	}
	for (size_t i = 0; i < rows * cols; i++)
		ts_spans_free(&cells[i].spans);
	free(w);
	space(doc, 8);
}

static void cell_text(struct cell *c, const char *text, enum font_face face)
{
	ts_spans_add(&c->spans, text ? text : "", face, SMALL_SIZE, TS_TEXT, NULL);
}

/* ---- chapters ----------------------------------------------------------- */

/* A list item: its marker (a bullet or number) in the margin, the text
 * hanging after it.  Takes the spans' links as absolute already. */
static void list_spans(struct doc *doc, const char *marker, const struct ts_spans *s, bool justify)
{
	struct ts_lines *l = break_lines(doc, s, TEXT_W - LIST_INDENT, justify);
	add_lines(doc, l, MARGIN_X + LIST_INDENT, BODY_LEADING, BODY_SIZE, marker, MARGIN_X, false);
	space(doc, 3);
}

/* A list item of plain text, with a bold lead-in when lead is set. */
static void list_item(struct doc *doc, const char *marker, const char *lead, const char *text)
{
	struct ts_spans s = {NULL, 0, 0};
	if (lead) {
		ts_spans_add(&s, lead, FONT_BOLD, BODY_SIZE, TS_TEXT, NULL);
		ts_spans_add(&s, ": ", FONT_BOLD, BODY_SIZE, TS_TEXT, NULL);
	}
	ts_spans_add(&s, text, FONT_REGULAR, BODY_SIZE, TS_TEXT, NULL);
	list_spans(doc, marker, &s, false);
	ts_spans_free(&s);
}

static void bullets_of_titled(struct doc *doc, const struct list *items)
{
	const struct titled_text *t = items->items;
	for (size_t i = 0; i < items->len; i++)
		list_item(doc, "•", t[i].title.v, t[i].text.v);
	space(doc, 6);
}

static void bullets_of_lines(struct doc *doc, const struct list *lines)
{
	const struct str *a = lines->items;
	for (size_t i = 0; i < lines->len; i++)
		list_item(doc, "•", NULL, a[i].v);
}

static void chapter_introduction(struct doc *doc, const struct resource *r)
{
	heading(doc, 1, "Introduction");
	text_paragraph(doc, r->summary.v, FONT_REGULAR, 11, 15.5, TS_TEXT, MARGIN_X, TEXT_W, true);
	space(doc, 8);
	if (r->why) {
		heading(doc, 2, r->why->title.v);
		markdown(doc, &r->why->intro, 2);
		bullets_of_titled(doc, &r->why->risks);
	}
	heading(doc, 2, "Who it is for");
	const struct audience *a = r->audiences.items;
	for (size_t i = 0; i < r->audiences.len; i++)
		list_item(doc, "•", a[i].name.v, a[i].use.v);
	if (r->cards) {
		heading(doc, 2, r->cards->title.v);
		bullets_of_titled(doc, &r->cards->items);
	}
	if (r->steps) {
		heading(doc, 2, r->steps->title.v);
		const struct titled_text *t = r->steps->items.items;
		for (size_t i = 0; i < r->steps->items.len; i++)
			list_item(doc, keep_string(doc, xasprintf("%zu.", i + 1)), t[i].title.v, t[i].text.v);
	}
}

static void diagram(struct doc *doc, struct layout *l)
{
	doc->layouts = xgrow(doc->layouts, &doc->cap_layouts, doc->nlayouts + 1, sizeof *doc->layouts);
	doc->layouts[doc->nlayouts++] = l;
	double scale = TEXT_W / l->width;
	if (scale > 0.8)
		scale = 0.8;
	if (l->height * scale > (BOTTOM - TOP) * 0.7)
		scale = (BOTTOM - TOP) * 0.7 / l->height;
	space(doc, 6);
	struct item *it = add_block(doc, IT_DIAGRAM, l->height * scale, true);
	it->layout = l;
	it->scale = scale;
	it->x = MARGIN_X + (TEXT_W - l->width * scale) / 2;
	space(doc, 10);
}

static void facts_line(struct doc *doc, const char *label, const char *value)
{
	struct ts_spans s = {NULL, 0, 0};
	ts_spans_add(&s, label, FONT_BOLD, BODY_SIZE, TS_TEXT, NULL);
	ts_spans_add(&s, " ", FONT_REGULAR, BODY_SIZE, TS_TEXT, NULL);
	ts_spans_add(&s, value, FONT_REGULAR, BODY_SIZE, TS_TEXT, NULL);
	paragraph(doc, &s, MARGIN_X, TEXT_W, BODY_SIZE, BODY_LEADING, false);
	ts_spans_free(&s);
	space(doc, 2);
}

static void chapter_pattern(struct doc *doc, const struct pattern *p)
{
	heading(doc, 1, p->title.v);
	text_paragraph(doc, p->summary.v, FONT_REGULAR, 11, 15.5, TS_TEXT, MARGIN_X, TEXT_W, true);
	space(doc, 6);
	diagram(doc, diagram_pattern(p, doc->fs));
	facts_line(doc, "Best for:", p->best_for.v);
	if (p->avoid_when.v)
		facts_line(doc, "Avoid when:", p->avoid_when.v);
	facts_line(doc, "Decision note:", p->decision.v);
	char *effort = p->effort ? xasprintf("%ld of 5; typical effort %ld to %ld weeks", p->complexity, p->effort->min,
	                                     p->effort->max)
	                         : xasprintf("%ld of 5", p->complexity);
	facts_line(doc, "Complexity:", keep_string(doc, effort));

	heading(doc, 2, "Connected systems");
	const struct system *sys = p->systems.items;
	size_t cols = 3;
	struct cell *cells = xcalloc((p->systems.len + 1) * cols, sizeof *cells);
	cell_text(&cells[0], "System", FONT_BOLD);
	cell_text(&cells[1], "Role", FONT_BOLD);
	cell_text(&cells[2], "Examples", FONT_BOLD);
	for (size_t i = 0; i < p->systems.len; i++) {
		struct cell *row = &cells[(i + 1) * cols];
		cell_text(&row[0], sys[i].name.v, FONT_BOLD);
		cell_text(&row[1], sys[i].role.v, FONT_REGULAR);
		struct buf ex = BUF_INIT;
		const struct str *e = sys[i].examples.items;
		for (size_t k = 0; k < sys[i].examples.len; k++)
			buf_printf(&ex, "%s%s", k ? ", " : "", e[k].v);
		cell_text(&row[2], ex.data ? ex.data : "", FONT_REGULAR);
		buf_free(&ex);
	}
	table(doc, cells, p->systems.len + 1, cols);
	free(cells);

	heading(doc, 2, "Data flows");
	const struct flow *f = p->flows.items;
	cols = 5;
	cells = xcalloc((p->flows.len + 1) * cols, sizeof *cells);
	static const char *const flow_heads[] = {"From", "To", "Data", "How", "System of record"};
	for (size_t c = 0; c < cols; c++)
		cell_text(&cells[c], flow_heads[c], FONT_BOLD);
	for (size_t i = 0; i < p->flows.len; i++) {
		struct cell *row = &cells[(i + 1) * cols];
		cell_text(&row[0], f[i].from_system->name.v, FONT_REGULAR);
		cell_text(&row[1], f[i].to_system->name.v, FONT_REGULAR);
		cell_text(&row[2], f[i].data.v, FONT_REGULAR);
		cell_text(&row[3], f[i].how_label.v, FONT_REGULAR);
		cell_text(&row[4], f[i].owner_system ? f[i].owner_system->name.v : "", FONT_REGULAR);
	}
	table(doc, cells, p->flows.len + 1, cols);
	free(cells);

	markdown(doc, &p->body, 1);

	if (p->pitfalls.len) {
		heading(doc, 2, "Common pitfalls");
		const struct pitfall *pit = p->pitfalls.items;
		for (size_t i = 0; i < p->pitfalls.len; i++) {
			struct ts_spans s = {NULL, 0, 0};
			ts_spans_add(&s, pit[i].title.v, FONT_BOLD, BODY_SIZE, TS_TEXT, NULL);
			ts_spans_add(&s, ". ", FONT_BOLD, BODY_SIZE, TS_TEXT, NULL);
			ts_spans_add(&s, pit[i].problem.v, FONT_REGULAR, BODY_SIZE, TS_TEXT, NULL);
			ts_spans_add(&s, " What to do: ", FONT_BOLD, BODY_SIZE, TS_ACCENT, NULL);
			ts_spans_add(&s, pit[i].remedy.v, FONT_REGULAR, BODY_SIZE, TS_TEXT, NULL);
			list_spans(doc, "•", &s, true);
			ts_spans_free(&s);
		}
	}
	if (p->mapping.len) {
		heading(doc, 2, "API mapping template");
		const struct mapping_row *m = p->mapping.items;
		cols = 5;
		cells = xcalloc((p->mapping.len + 1) * cols, sizeof *cells);
		static const char *const map_heads[] = {"Source", "Target", "Direction", "Transformation", "Record owner"};
		for (size_t c = 0; c < cols; c++)
			cell_text(&cells[c], map_heads[c], FONT_BOLD);
		for (size_t i = 0; i < p->mapping.len; i++) {
			struct cell *row = &cells[(i + 1) * cols];
			char *src = xasprintf("%s %s", m[i].source_ref ? m[i].source_ref->name.v : "", m[i].source.v);
			char *dst = xasprintf("%s %s", m[i].target_ref ? m[i].target_ref->name.v : "", m[i].target.v);
			cell_text(&row[0], src, FONT_REGULAR);
			cell_text(&row[1], dst, FONT_REGULAR);
			cell_text(&row[2], m[i].direction.v, FONT_REGULAR);
			cell_text(&row[3], m[i].transform.v ? m[i].transform.v : "", FONT_REGULAR);
			cell_text(&row[4], m[i].owner_ref ? m[i].owner_ref->name.v : "", FONT_REGULAR);
			free(src);
			free(dst);
		}
		table(doc, cells, p->mapping.len + 1, cols);
		free(cells);
	}
	if (p->effort && p->effort->assumptions.len) {
		heading(doc, 2, "What the effort range assumes");
		bullets_of_lines(doc, &p->effort->assumptions);
	}
}

static void chapter_matrix(struct doc *doc, const struct resource *r)
{
	const struct decision_matrix *m = r->matrix;
	heading(doc, 1, m->title.v);
	markdown(doc, &m->guide, 1);
	size_t cols = m->criteria.len + 1;
	const struct list *patterns = &r->patterns->items;
	struct cell *cells = xcalloc((patterns->len + 1) * cols, sizeof *cells);
	cell_text(&cells[0], "Pattern", FONT_BOLD);
	const struct criterion *crit = m->criteria.items;
	for (size_t c = 1; c < cols; c++)
		cell_text(&cells[c], crit[c - 1].name.v, FONT_BOLD);
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		struct cell *row = &cells[(i + 1) * cols];
		cell_text(&row[0], p->label.v, FONT_BOLD);
		const struct rating *rt = p->ratings.items;
		for (size_t c = 1; c < cols && c - 1 < p->ratings.len; c++)
			cell_text(&row[c], rt[c - 1].value.v, FONT_REGULAR);
	}
	table(doc, cells, patterns->len + 1, cols);
	free(cells);
	heading(doc, 2, "The criteria");
	for (size_t c = 0; c < m->criteria.len; c++)
		if (crit[c].text.v)
			facts_line(doc, keep_string(doc, xasprintf("%s:", crit[c].name.v)), crit[c].text.v);
}

static void chapter_connectors(struct doc *doc, const struct connectors *c)
{
	heading(doc, 1, c->title.v);
	markdown(doc, &c->intro, 1);
	size_t cols = c->vendors.len + 1;
	struct cell *cells = xcalloc((c->rows.len + 1) * cols, sizeof *cells);
	cell_text(&cells[0], "Area", FONT_BOLD);
	const struct vendor *v = c->vendors.items;
	for (size_t k = 1; k < cols; k++)
		cell_text(&cells[k], v[k - 1].name.v, FONT_BOLD);
	struct buf sources = BUF_INIT;
	size_t source_no = 0;
	const struct connector_row *rows = c->rows.items;
	for (size_t i = 0; i < c->rows.len; i++) {
		struct cell *row = &cells[(i + 1) * cols];
		cell_text(&row[0], rows[i].area->name.v, FONT_BOLD);
		const struct connector_cell *const *cc = rows[i].cells.items;
		for (size_t k = 0; k < rows[i].cells.len && k + 1 < cols; k++) {
			const struct connector_cell *cell = cc[k];
			if (cell == NULL)
				continue;
			ts_spans_add(&row[k + 1].spans, cell->level_label.v, FONT_BOLD, SMALL_SIZE, TS_TEXT, NULL);
			ts_spans_add(&row[k + 1].spans, ". ", FONT_BOLD, SMALL_SIZE, TS_TEXT, NULL);
			ts_spans_add(&row[k + 1].spans, cell->note.v, FONT_REGULAR, SMALL_SIZE, TS_TEXT, NULL);
			const struct str *src = cell->sources.items;
			for (size_t s = 0; s < cell->sources.len; s++) {
				char *ref = xasprintf(" [%zu]", ++source_no);
				ts_spans_add(&row[k + 1].spans, ref, FONT_REGULAR, SMALL_SIZE, TS_LINK, src[s].v);
				free(ref);
				buf_printf(&sources, "%zu\t%s\n", source_no, src[s].v);
			}
		}
	}
	table(doc, cells, c->rows.len + 1, cols);
	free(cells);
	text_paragraph(doc, c->note.v, FONT_ITALIC, SMALL_SIZE, SMALL_LEADING, TS_MUTED, MARGIN_X, TEXT_W, false);
	heading(doc, 2, "Sources");
	for (const char *p = sources.data ? sources.data : ""; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		char *tab = strchr(line, '\t');
		*tab = '\0';
		struct ts_spans s = {NULL, 0, 0};
		char *num = xasprintf("[%s] ", line);
		ts_spans_add(&s, num, FONT_REGULAR, SMALL_SIZE, TS_MUTED, NULL);
		ts_spans_add(&s, tab + 1, FONT_REGULAR, SMALL_SIZE, TS_LINK, tab + 1);
		paragraph(doc, &s, MARGIN_X, TEXT_W, SMALL_SIZE, SMALL_LEADING, false);
		ts_spans_free(&s);
		free(num);
		free(line);
		p += len + (p[len] == '\n');
	}
	buf_free(&sources);
}

static void chapter_worksheet(struct doc *doc, const struct resource *r)
{
	const struct estimator *e = r->estimator;
	heading(doc, 1, e->title.v);
	markdown(doc, &e->intro, 1);
	heading(doc, 2, "How the estimate is worked out");
	bullets_of_lines(doc, &e->assumptions);
	heading(doc, 2, "Worksheet");
	const struct list *patterns = &r->patterns->items;
	size_t cols = 5;
	struct cell *cells = xcalloc((patterns->len + 1) * cols, sizeof *cells);
	static const char *const heads[] = {"Tick", "System to connect", "Typical effort", "Complexity", "Main risks"};
	for (size_t c = 0; c < cols; c++)
		cell_text(&cells[c], heads[c], FONT_BOLD);
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		struct cell *row = &cells[(i + 1) * cols];
		cell_text(&row[0], "[  ]", FONT_MONO);
		cell_text(&row[1], p->label.v, FONT_BOLD);
		char *eff = p->effort ? xasprintf("%ld to %ld weeks", p->effort->min, p->effort->max) : xstrdup("");
		cell_text(&row[2], eff, FONT_REGULAR);
		free(eff);
		char *cx = xasprintf("%ld of 5", p->complexity);
		cell_text(&row[3], cx, FONT_REGULAR);
		free(cx);
		struct buf risks = BUF_INIT;
		const struct pitfall *pit = p->pitfalls.items;
		for (size_t k = 0; k < p->pitfalls.len; k++)
			buf_printf(&risks, "%s%s", k ? "; " : "", pit[k].title.v);
		cell_text(&row[4], risks.data ? risks.data : "", FONT_REGULAR);
		buf_free(&risks);
	}
	table(doc, cells, patterns->len + 1, cols);
	free(cells);
	static const char *const factor_heads[] = {"Data volume", "Team experience"};
	const struct list *factors[] = {&e->volumes, &e->experience};
	for (size_t t = 0; t < 2; t++) {
		cells = xcalloc((factors[t]->len + 1) * 2, sizeof *cells);
		cell_text(&cells[0], factor_heads[t], FONT_BOLD);
		cell_text(&cells[1], "Effort multiplied by", FONT_BOLD);
		const struct estimator_factor *f = factors[t]->items;
		for (size_t i = 0; i < factors[t]->len; i++) {
			cell_text(&cells[(i + 1) * 2], f[i].label.v, FONT_REGULAR);
			char *pc = xasprintf("%ld %%", f[i].percent);
			cell_text(&cells[(i + 1) * 2 + 1], pc, FONT_REGULAR);
			free(pc);
		}
		table(doc, cells, factors[t]->len + 1, 2);
		free(cells);
	}
	text_paragraph(doc, "Your estimate: ______ to ______ weeks; complexity ____ of 5.", FONT_BOLD, BODY_SIZE,
	               BODY_LEADING * 1.6, TS_TEXT, MARGIN_X, TEXT_W, false);
}

static void chapter_faq(struct doc *doc, const struct resource *r)
{
	heading(doc, 1, r->faq->title.v ? r->faq->title.v : "Questions and answers");
	const struct list *faqs = &r->faq->items;
	for (size_t i = 0; i < faqs->len; i++) {
		const struct faq *q = schema_list_at(&model_faq_schema, faqs, i);
		space(doc, 8);
		text_paragraph(doc, q->question.v, FONT_BOLD, 10.5, 14, TS_TEXT, MARGIN_X, TEXT_W, false);
		doc->keep_with_previous = true;
		space(doc, 2);
		markdown(doc, &q->answer, 2);
	}
}

static void chapter_help(struct doc *doc, const struct site *site, const struct resource *r)
{
	heading(doc, 1, r->help->title.v);
	markdown(doc, &r->help->intro, 1);
	bullets_of_titled(doc, &r->help->services);
	const struct call_to_action *const *actions = r->actions.items;
	for (size_t i = 0; i < r->actions.len; i++) {
		const char *url = actions[i]->url.v;
		char *absolute = url[0] == '/' ? xasprintf("%s%s", site->base_url.v, url + 1) : xstrdup(url);
		struct ts_spans s = {NULL, 0, 0};
		ts_spans_add(&s, actions[i]->label.v, FONT_BOLD, BODY_SIZE, TS_TEXT, NULL);
		ts_spans_add(&s, ": ", FONT_BOLD, BODY_SIZE, TS_TEXT, NULL);
		if (actions[i]->text.v) {
			ts_spans_add(&s, actions[i]->text.v, FONT_REGULAR, BODY_SIZE, TS_TEXT, NULL);
			ts_spans_add(&s, " ", FONT_REGULAR, BODY_SIZE, TS_TEXT, NULL);
		}
		ts_spans_add(&s, absolute, FONT_REGULAR, BODY_SIZE, TS_LINK, absolute);
		paragraph(doc, &s, MARGIN_X, TEXT_W, BODY_SIZE, BODY_LEADING, false);
		ts_spans_free(&s);
		free(absolute);
		space(doc, 6);
	}
}

/* ---- drawing ------------------------------------------------------------ */

static const double *color_of(enum ts_color c)
{
	switch (c) {
	case TS_MUTED: return muted;
	case TS_ACCENT: return accent;
	case TS_LINK: return link_blue;
	case TS_WHITE: return white;
	default: return ink;
	}
}

static bool same_style(const struct ts_word *a, const struct ts_word *b)
{
	return a->face == b->face && a->size == b->size && a->color == b->color;
}

/* Draws a line in as few pieces as its look allows: neighbouring words of
 * one style that sit one natural space apart (every ragged line, and the
 * last line of a paragraph) are one piece, spaces included. */
static void draw_text(struct pdf *pdf, const struct fontset *fs, size_t page, const struct ts_line *line, double x,
                      double baseline)
{
	struct pdf_run *runs = xcalloc(line->n ? line->n : 1, sizeof *runs);
	char **texts = xcalloc(line->n ? line->n : 1, sizeof *texts);
	size_t n = 0;
	for (size_t i = 0; i < line->n;) {
		const struct ts_word *w = &line->words[i];
		struct buf text = BUF_INIT;
		buf_puts(&text, w->text);
		double end = w->x + w->width;
		size_t j = i + 1;
		for (; j < line->n && same_style(w, &line->words[j]); j++) {
			const struct ts_word *next = &line->words[j];
			double gap = next->x - end;
			double blank = font_width(fs, w->face, " ", w->size);
			if (gap < blank - 0.01 || gap > blank + 0.01)
				break;
			buf_putc(&text, ' ');
			buf_puts(&text, next->text);
			end = next->x + next->width;
		}
		texts[n] = buf_detach(&text);
		runs[n] = (struct pdf_run){x + w->x, w->face, w->size, color_of(w->color), texts[n]};
		n++;
		i = j;
	}
	pdf_text_runs(pdf, page, baseline, runs, n);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(runs);
}

/* Draws a line's words; each link gets one clickable area over all of its
 * words on the line, not one per word. */
static void draw_words(struct pdf *pdf, const struct fontset *fs, size_t page, const struct ts_line *line, double x,
                       double baseline)
{
	draw_text(pdf, fs, page, line, x, baseline);
	for (size_t i = 0; i < line->n;) {
		const struct ts_word *w = &line->words[i];
		size_t j = i + 1;
		while (w->link && j < line->n && line->words[j].link && strcmp(line->words[j].link, w->link) == 0)
			j++;
		if (w->link) {
			const struct ts_word *end = &line->words[j - 1];
			pdf_link_uri(pdf, page, x + w->x, baseline - w->size * 0.85, end->x + end->width - w->x, w->size * 1.1,
			             w->link);
		}
		i = j;
	}
}

static void draw_row(struct pdf *pdf, const struct fontset *fs, size_t page, const struct item *it, double y, double h)
{
	const struct row_line *row = &it->row;
	double left = row->col_x[0], right = row->col_x[row->ncols - 1] + row->col_w[row->ncols - 1];
	if (row->header)
		pdf_rect(pdf, page, left, y, right - left, h, 0, band, NULL, 0);
	if (row->first && !row->header)
		pdf_line(pdf, page, left, y, right, y, rule_grey, 0.5, 0);
	if (row->last && row->header)
		pdf_line(pdf, page, left, y + h, right, y + h, muted, 0.75, 0);
	for (size_t c = 0; c < row->ncols; c++)
		if (row->cells[c])
			draw_words(pdf, fs, page, row->cells[c], row->col_x[c] + CELL_PAD, y + it->ascent);
}

static void draw_item(struct pdf *pdf, const struct fontset *fs, size_t page, const struct item *it, double y, double h)
{
	switch (it->kind) {
	case IT_LINE:
		if (it->code)
			pdf_rect(pdf, page, it->x - 6, y, MARGIN_X + TEXT_W - (it->x - 6), h, 0, band, NULL, 0);
		if (it->bullet)
			pdf_text(pdf, page, it->bullet_x, y + it->ascent, FONT_REGULAR, BODY_SIZE, accent, it->bullet);
		draw_words(pdf, fs, page, it->line, it->x, y + it->ascent);
		if (it->page_no) {
			double w = font_width(fs, FONT_REGULAR, it->page_no, BODY_SIZE);
			pdf_text(pdf, page, MARGIN_X + TEXT_W - w, y + it->ascent, FONT_REGULAR, BODY_SIZE, ink, it->page_no);
		}
		break;
	case IT_RULE:
		pdf_line(pdf, page, MARGIN_X, y, MARGIN_X + TEXT_W, y, rule_grey, 0.75, 0);
		break;
	case IT_DIAGRAM:
		pdf_paint_layout(pdf, page, it->layout, it->x, y, it->scale);
		break;
	case IT_ROW:
		draw_row(pdf, fs, page, it, y, h);
		break;
	case IT_MARK:
		break;
	}
}

static void doc_free(struct doc *doc)
{
	for (size_t i = 0; i < doc->nitems; i++) {
		free(doc->items[i]->row.cells);
		free(doc->items[i]->row.col_x);
		free(doc->items[i]->row.col_w);
		free(doc->items[i]);
	}
	for (size_t i = 0; i < doc->nlines; i++) {
		ts_lines_free(doc->lines[i]);
		free(doc->lines[i]);
	}
	for (size_t i = 0; i < doc->nlayouts; i++)
		layout_free(doc->layouts[i]);
	for (size_t i = 0; i < doc->nstrings; i++)
		free(doc->strings[i]);
	free(doc->items);
	free(doc->lines);
	free(doc->layouts);
	free(doc->strings);
	free(doc->blocks);
}

/* ---- the whole document --------------------------------------------------- */

static char *edition(const struct resource *r, long long epoch)
{
	static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
	                                     "August", "September", "October", "November", "December"};
	int y = 1970, m = 1, d = 1;
	if (r->updated.v == NULL || sscanf(r->updated.v, "%d-%d-%d", &y, &m, &d) != 3) {
		time_t t = (time_t)epoch;
		struct tm tm;
		gmtime_r(&t, &tm);
		y = tm.tm_year + 1900;
		m = tm.tm_mon + 1;
		d = tm.tm_mday;
	}
	return xasprintf("%d %s %d", d, months[(m - 1) % 12], y);
}

static void draw_cover(struct pdf *pdf, const struct typesetter *ts, const struct site *site, const struct resource *r,
                       long long epoch)
{
	const struct fontset *fs = ts_fonts(ts);
	pdf_rect(pdf, 0, 0, 0, PDF_PAGE_WIDTH, 14, 0, accent, NULL, 0);
	pdf_text(pdf, 0, MARGIN_X, 120, FONT_BOLD, 12, accent, r->title.v);
	struct ts_spans s = {NULL, 0, 0};
	ts_spans_add(&s, r->playbook->title.v, FONT_BOLD, 32, TS_TEXT, NULL);
	struct ts_lines lines;
	ts_break(ts, &s, TEXT_W, false, &lines);
	double y = 170;
	for (size_t i = 0; i < lines.n; i++, y += 38)
		draw_words(pdf, fs, 0, &lines.v[i], MARGIN_X, y);
	ts_lines_free(&lines);
	ts_spans_free(&s);
	ts_spans_add(&s, r->playbook->summary.v, FONT_REGULAR, 12.5, TS_MUTED, NULL);
	ts_break(ts, &s, TEXT_W * 0.85, false, &lines);
	y += 6;
	for (size_t i = 0; i < lines.n; i++, y += 17)
		draw_words(pdf, fs, 0, &lines.v[i], MARGIN_X, y);
	ts_lines_free(&lines);
	ts_spans_free(&s);

	struct layout *l = diagram_overview(r, fs);
	double scale = TEXT_W / l->width;
	double room = 640 - (y + 30);
	if (l->height * scale > room)
		scale = room / l->height;
	pdf_paint_layout(pdf, 0, l, MARGIN_X + (TEXT_W - l->width * scale) / 2, y + 30, scale);
	layout_free(l);

	char *ed = edition(r, epoch);
	char *line = xasprintf("Edition of %s", ed);
	pdf_line(pdf, 0, MARGIN_X, 700, MARGIN_X + TEXT_W, 700, rule_grey, 0.75, 0);
	pdf_text(pdf, 0, MARGIN_X, 724, FONT_BOLD, 12, ink, site->publisher->name.v);
	pdf_text(pdf, 0, MARGIN_X, 742, FONT_REGULAR, 9.5, muted, line);
	pdf_text(pdf, 0, MARGIN_X, 758, FONT_REGULAR, 9.5, link_blue, site->base_url.v);
	pdf_link_uri(pdf, 0, MARGIN_X, 749, font_width(fs, FONT_REGULAR, site->base_url.v, 9.5), 12, site->base_url.v);
	free(line);
	free(ed);
}

/* The chapter's name on the left of every page (also where the contents
 * links land), the resource's on the right when both fit; the page number
 * at the foot. */
static void running_matter(struct pdf *pdf, const struct fontset *fs, size_t page, const char *resource,
                           const char *chapter, size_t number, size_t total)
{
	const double size = 7.5;
	double used = 0;
	if (chapter) {
		pdf_text(pdf, page, MARGIN_X, 44, FONT_BOLD, size, muted, chapter);
		used = font_width(fs, FONT_BOLD, chapter, size) + 24;
	}
	double w = font_width(fs, FONT_REGULAR, resource, size);
	if (used + w <= TEXT_W)
		pdf_text(pdf, page, MARGIN_X + TEXT_W - w, 44, FONT_REGULAR, size, muted, resource);
	pdf_line(pdf, page, MARGIN_X, 52, MARGIN_X + TEXT_W, 52, rule_grey, 0.5, 0);
	char *foot = xasprintf("Page %zu of %zu", number, total);
	w = font_width(fs, FONT_REGULAR, foot, size);
	pdf_text(pdf, page, MARGIN_X + TEXT_W - w, PDF_PAGE_HEIGHT - 34, FONT_REGULAR, size, muted, foot);
	free(foot);
}

/* Whether the caller no longer wants the playbook: checked between steps
 * of a few milliseconds at most, so that a dropped one stops soon. */
static bool dropped(const struct playbook_options *opt)
{
	return opt->cancel && atomic_load_explicit(opt->cancel, memory_order_relaxed);
}

/* The body: every chapter, in order (up to the chapter where the
 * playbook was dropped). */
static void build_body(struct doc *doc, const struct site *site, const struct resource *r,
                       const struct playbook_options *opt)
{
	chapter_introduction(doc, r);
	const struct list *patterns = &r->patterns->items;
	for (size_t i = 0; i < patterns->len && !dropped(opt); i++)
		chapter_pattern(doc, schema_list_at(&model_pattern_schema, patterns, i));
	if (dropped(opt))
		return;
	if (r->matrix)
		chapter_matrix(doc, r);
	if (r->connectors)
		chapter_connectors(doc, r->connectors);
	if (r->estimator)
		chapter_worksheet(doc, r);
	if (r->faq && r->faq->items.len)
		chapter_faq(doc, r);
	if (r->help)
		chapter_help(doc, site, r);
}

/* The contents: one line per chapter and section, with its page number. */
static void build_contents(struct doc *toc, struct mark *marks, size_t nmarks)
{
	text_paragraph(toc, "Contents", FONT_BOLD, 20, 25, TS_TEXT, MARGIN_X, TEXT_W, false);
	space(toc, 14);
	for (size_t i = 0; i < nmarks; i++) {
		bool chapter = marks[i].level == 1;
		double indent = chapter ? 0 : 14;
		struct ts_spans s = {NULL, 0, 0};
		ts_spans_add(&s, marks[i].title, chapter ? FONT_BOLD : FONT_REGULAR, chapter ? 10.5 : BODY_SIZE, TS_TEXT, NULL);
		struct ts_lines *l = break_lines(toc, &s, TEXT_W - indent - 40, false);
		if (chapter)
			space(toc, 7);
		size_t first = toc->n;
		add_lines(toc, l, MARGIN_X + indent, chapter ? 15 : 13, chapter ? 10.5 : BODY_SIZE, NULL, 0, false);
		struct item *it = toc->items[first];
		it->toc_target = (long)i;
		it->page_no = keep_string(toc, xasprintf("%zu", marks[i].page + 1));
		ts_spans_free(&s);
	}
}

static struct mark *collect_marks(const struct ts_placed *placed, size_t n, size_t *nmarks)
{
	struct mark *marks = NULL;
	size_t cap = 0;
	*nmarks = 0;
	for (size_t i = 0; i < n; i++) {
		const struct item *it = placed[i].block->payload;
		if (it->kind != IT_MARK)
			continue;
		marks = xgrow(marks, &cap, *nmarks + 1, sizeof *marks);
		marks[(*nmarks)++] = (struct mark){it->level, it->title, placed[i].page, placed[i].y};
	}
	return marks;
}

bool playbook_build(const struct site *site, const struct resource *r, const struct fontset *fs,
                    const struct playbook_options *opt, struct buf *out, size_t *pages, struct diag *d)
{
	if (dropped(opt))
		return false;
	struct typesetter *ts = ts_new(fs);
	struct doc body = {0}, toc = {0};
	body.ts = toc.ts = ts;
	body.fs = toc.fs = fs;
	body.base_url = toc.base_url = site->base_url.v;
	body.d = toc.d = d;
	build_body(&body, site, r, opt);
	size_t nbody, body_pages;
	struct ts_placed *placed = ts_paginate(body.blocks, body.n, TOP, BOTTOM, &nbody, &body_pages);
	size_t nmarks;
	struct mark *marks = collect_marks(placed, nbody, &nmarks);
	build_contents(&toc, marks, nmarks);
	size_t ntoc, toc_pages;
	struct ts_placed *toc_placed = ts_paginate(toc.blocks, toc.n, TOP, BOTTOM, &ntoc, &toc_pages);
	size_t front = 1 + toc_pages;

	struct buf keywords = BUF_INIT;
	for (size_t i = 0; i < r->patterns->items.len; i++)
		buf_printf(&keywords, "%s%s", i ? ", " : "",
		           ((const struct pattern *)schema_list_at(&model_pattern_schema, &r->patterns->items, i))->label.v);
	struct pdf_info info = {r->playbook->title.v, site->publisher->name.v, r->summary.v,
	                        keywords.data ? keywords.data : "", opt->creator, opt->epoch};
	struct pdf *pdf = body.failed || dropped(opt) ? NULL : pdf_new(fs, &info, r->playbook->file.v, d);
	bool ok = pdf != NULL && !dropped(opt);
	if (ok) {
		for (size_t i = 0; i < front + body_pages; i++)
			pdf_add_page(pdf);
		draw_cover(pdf, ts, site, r, opt->epoch);
		for (size_t i = 0; i < ntoc; i++) {
			const struct item *it = toc_placed[i].block->payload;
			size_t page = 1 + toc_placed[i].page;
			draw_item(pdf, fs, page, it, toc_placed[i].y, toc_placed[i].block->height);
			if (it->toc_target >= 0) {
				const struct mark *m = &marks[it->toc_target];
				pdf_link_page(pdf, page, MARGIN_X, toc_placed[i].y, TEXT_W, toc_placed[i].block->height,
				              front + m->page, m->y);
			}
		}
		const char *chapter = NULL;
		size_t next_mark = 0;
		for (size_t i = 0; i < nbody && !dropped(opt); i++) {
			const struct item *it = placed[i].block->payload;
			draw_item(pdf, fs, front + placed[i].page, it, placed[i].y, placed[i].block->height);
		}
		for (size_t p = 0; p < body_pages; p++) {
			while (next_mark < nmarks && marks[next_mark].page <= p) {
				if (marks[next_mark].level == 1)
					chapter = marks[next_mark].title;
				next_mark++;
			}
			running_matter(pdf, fs, front + p, r->title.v, chapter, p + 1, body_pages);
		}
		size_t chapter_outline = 0;
		pdf_outline(pdf, 0, "Contents", 1, TOP);
		for (size_t i = 0; i < nmarks; i++) {
			if (marks[i].level == 1)
				chapter_outline = pdf_outline(pdf, 0, marks[i].title, front + marks[i].page, marks[i].y);
			else
				pdf_outline(pdf, chapter_outline, marks[i].title, front + marks[i].page, marks[i].y);
		}
		pdf_page_labels(pdf, 0, PDF_LABEL_ROMAN, 1);
		pdf_page_labels(pdf, front, PDF_LABEL_DECIMAL, 1);
		*pages = front + body_pages;
		ok = !dropped(opt) && pdf_finish_until(pdf, out, opt->cancel);
	}
	pdf_free(pdf);
	buf_free(&keywords);
	free(marks);
	free(placed);
	free(toc_placed);
	doc_free(&body);
	doc_free(&toc);
	ts_free(ts);
	return ok;
}
