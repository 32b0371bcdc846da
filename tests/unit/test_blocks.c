/*
 * Unit tests of blocks.h: the page-break rules it sets, seen on the pages
 * that come out.  A paragraph is pushed down a page one line at a time
 * and never leaves one line alone on a page; a heading never ends a page
 * and a chapter starts one; a table's first row never leaves its header
 * and each page it continues on starts with the header again.  Also: the
 * largest space asked for wins and is dropped at the top of a page, links
 * to site paths become absolute, a diagram is scaled to fit.  On US
 * Letter, lines, tables and diagrams take its text area and pages end at
 * its bottom.
 */
#define HARNESS_NAME "blocks"
#include "harness.h"

#include <math.h>

#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "pdf/blocks.h"

#define BASE_URL "https://example.test/"

/* The text area from the papers' sizes in points and the margins: A4,
 * the paper of a list not told otherwise, and US Letter, wider and
 * shorter. */
#define A4_TEXT_W (595.276 - 2 * BLOCKS_MARGIN_X)
#define A4_BOTTOM (841.89 - BLOCKS_MARGIN_BOTTOM)
#define LETTER_TEXT_W (612 - 2 * BLOCKS_MARGIN_X)
#define LETTER_BOTTOM (792 - BLOCKS_MARGIN_BOTTOM)

/* Words enough for a paragraph of several lines at any width. */
#define PROSE "The integration keeps the customer records of both systems in step: each change is sent once, " \
              "checked against the rules of the receiving side, and written back with its new identifier so " \
              "that the next change finds it. A failed call is retried a few times and then parked for a " \
              "person to look at, with the reason in words, the record as it was and the record as it came."

static struct fontset *fs;
static struct typesetter *ts;

/* n lines without words: a paragraph of n lines, as far as pages go. */
static struct ts_lines lines_of(size_t n)
{
	return (struct ts_lines){xcalloc(n, sizeof(struct ts_line)), n};
}

static bool is_line_of(const struct blocks_item *it, const struct ts_lines *l)
{
	return it->kind == BLOCKS_LINE && it->line >= l->v && it->line < l->v + l->n;
}

/* k one-line paragraphs of body text. */
static void fill(struct blocks *b, const struct ts_lines *one, size_t k)
{
	for (size_t i = 0; i < k; i++)
		blocks_lines(b, one, BLOCKS_MARGIN_X, BLOCKS_BODY_LEADING, BLOCKS_BODY_SIZE, NULL, 0, false);
}

static const struct blocks_item *item_at(const struct ts_placed *p)
{
	return p->block->payload;
}

/* Paragraphs of 1 to 9 lines after 0 to 70 lines of filler, so that a
 * page ends at every line of each: one of fewer than four lines is never
 * split; a longer one leaves at least two lines on each page. */
static void test_paragraphs_leave_no_widow_or_orphan(void)
{
	struct ts_lines one = lines_of(1);
	bool split = false;
	for (size_t n = 1; n <= 9; n++) {
		struct ts_lines para = lines_of(n);
		for (size_t k = 0; k <= 70; k++) {
			struct blocks *b = blocks_new(ts, BASE_URL);
			fill(b, &one, k);
			blocks_lines(b, &para, BLOCKS_MARGIN_X, BLOCKS_BODY_LEADING, BLOCKS_BODY_SIZE, NULL, 0, false);
			fill(b, &one, 3);
			size_t np, pages;
			struct ts_placed *p = blocks_paginate(b, &np, &pages);
			size_t *on_page = xcalloc(pages, sizeof *on_page);
			size_t seen = 0;
			for (size_t i = 0; i < np; i++)
				if (is_line_of(item_at(&p[i]), &para)) {
					CHECK(item_at(&p[i])->line == &para.v[seen]);
					on_page[p[i].page]++;
					seen++;
				}
			CHECK_INT(seen, n);
			size_t used = 0;
			for (size_t pg = 0; pg < pages; pg++) {
				if (on_page[pg] == 0)
					continue;
				used++;
				if (n >= 4 && on_page[pg] < 2)
					harness_note(__FILE__, __LINE__, "%zu lines after %zu: %zu alone on page %zu", n, k,
					             on_page[pg], pg);
			}
			if (n < 4)
				CHECK_INT(used, 1);
			split |= used > 1;
			free(on_page);
			free(p);
			blocks_free(b);
		}
		free(para.v);
	}
	CHECK(split);   /* the pages did end inside paragraphs */
	free(one.v);
}

/* A section heading after 0 to 70 lines: its mark, its line and the
 * line after it share a page. */
static void test_heading_stays_with_what_follows(void)
{
	struct ts_lines one = lines_of(1), after = lines_of(1);
	bool moved = false;
	for (size_t k = 0; k <= 70; k++) {
		struct blocks *b = blocks_new(ts, BASE_URL);
		fill(b, &one, k);
		blocks_heading(b, 2, "A section");
		blocks_lines(b, &after, BLOCKS_MARGIN_X, BLOCKS_BODY_LEADING, BLOCKS_BODY_SIZE, NULL, 0, false);
		size_t np, pages;
		struct ts_placed *p = blocks_paginate(b, &np, &pages);
		size_t mark = np, title = np, next = np;
		for (size_t i = 0; i < np; i++) {
			const struct blocks_item *it = item_at(&p[i]);
			if (it->kind == BLOCKS_MARK)
				mark = i;
			else if (mark < np && title == np)
				title = i;
			else if (is_line_of(it, &after))
				next = i;
		}
		CHECK(mark < title && title < next && next < np);
		if (next < np) {
			CHECK_INT(item_at(&p[mark])->level, 2);
			CHECK_STR(item_at(&p[mark])->title, "A section");
			CHECK_INT(p[mark].page, p[next].page);
			CHECK_INT(p[title].page, p[next].page);
			/* pushed to the next page while the heading itself would
			 * have fitted on the page before */
			double end = k ? p[mark - 1].y + p[mark - 1].block->height : BLOCKS_TOP;
			moved |= k && p[mark - 1].page < p[mark].page &&
			         end + p[mark].block->space_before + p[title].block->height <= A4_BOTTOM;
		}
		free(p);
		blocks_free(b);
	}
	CHECK(moved);
	free(one.v);
	free(after.v);
}

/* A chapter heading begins a page, at its top, whatever came before. */
static void test_chapter_starts_a_page(void)
{
	struct ts_lines one = lines_of(1);
	static const size_t before[] = {0, 1, 20, 51, 60};
	for (size_t t = 0; t < sizeof before / sizeof before[0]; t++) {
		struct blocks *b = blocks_new(ts, BASE_URL);
		fill(b, &one, before[t]);
		blocks_heading(b, 1, "A chapter");
		size_t np, pages;
		struct ts_placed *p = blocks_paginate(b, &np, &pages);
		size_t last_fill = 0, mark = np;
		for (size_t i = 0; i < np; i++) {
			if (is_line_of(item_at(&p[i]), &one))
				last_fill = p[i].page;
			if (item_at(&p[i])->kind == BLOCKS_MARK)
				mark = i;
		}
		CHECK(mark + 1 < np);
		if (mark + 1 < np) {
			CHECK_INT(item_at(&p[mark])->level, 1);
			CHECK_INT(p[mark + 1].page, before[t] ? last_fill + 1 : 0);
			CHECK(p[mark + 1].y == BLOCKS_TOP);
		}
		free(p);
		blocks_free(b);
	}
	free(one.v);
}

/* A table of 80 rows after 0 to 70 lines: the first row shares the
 * header's page, every page the rows go on to starts with the header,
 * and each row comes once, in order. */
static void test_table_keeps_its_header(void)
{
	struct ts_lines one = lines_of(1);
	const size_t rows = 80, cols = 2;
	for (size_t k = 0; k <= 70; k++) {
		struct blocks *b = blocks_new(ts, BASE_URL);
		fill(b, &one, k);
		struct ts_spans *cells = xcalloc(rows * cols, sizeof *cells);
		for (size_t r = 0; r < rows; r++)
			for (size_t c = 0; c < cols; c++) {
				char *text = xasprintf("r%zu", r);
				blocks_cell(&cells[r * cols + c], text, r ? FONT_REGULAR : FONT_BOLD);
				free(text);
			}
		blocks_table(b, cells, rows, cols);
		free(cells);
		size_t np, pages;
		struct ts_placed *p = blocks_paginate(b, &np, &pages);
		size_t header_page = pages, body_rows = 0, last_page = pages;
		for (size_t i = 0; i < np; i++) {
			const struct blocks_item *it = item_at(&p[i]);
			if (it->kind != BLOCKS_ROW)
				continue;
			if (it->row.header) {
				if (header_page == pages)
					header_page = p[i].page;
			} else {
				char want[16];
				snprintf(want, sizeof want, "r%zu", body_rows + 1);
				CHECK_STR(it->row.cells[0]->words[0].text, want);
				if (body_rows == 0)
					CHECK_INT(p[i].page, header_page);
				if (p[i].page != last_page && body_rows > 0)
					CHECK(item_at(&p[i - 1])->row.header && p[i - 1].page == p[i].page);
				body_rows++;
			}
			last_page = p[i].page;
		}
		CHECK_INT(body_rows, rows - 1);
		CHECK(pages > 1);
		free(p);
		blocks_free(b);
	}
	free(one.v);
}

/* Of spaces asked for in a row the largest is kept; at the top of a
 * page none is. */
static void test_space_is_the_largest_asked(void)
{
	struct ts_lines one = lines_of(1);
	struct blocks *b = blocks_new(ts, BASE_URL);
	fill(b, &one, 1);
	blocks_space(b, 6);
	blocks_space(b, 20);
	blocks_space(b, 4);
	fill(b, &one, 48);
	/* one more line would fit, not with this space before it */
	double end = BLOCKS_TOP + 49 * BLOCKS_BODY_LEADING + 20;
	CHECK(end + BLOCKS_BODY_LEADING <= A4_BOTTOM && end + 30 + BLOCKS_BODY_LEADING > A4_BOTTOM);
	blocks_space(b, 30);
	fill(b, &one, 1);
	size_t np, pages;
	struct ts_placed *p = blocks_paginate(b, &np, &pages);
	CHECK_INT(np, 50);
	CHECK_INT(pages, 2);
	if (np == 50) {
		CHECK(p[0].y == BLOCKS_TOP);
		CHECK(p[1].y == BLOCKS_TOP + BLOCKS_BODY_LEADING + 20);
		CHECK_INT(p[48].page, 0);
		CHECK_INT(p[49].page, 1);
		CHECK(p[49].y == BLOCKS_TOP);
	}
	free(p);
	blocks_free(b);
	free(one.v);
}

/* Links to site paths go to the site's address; others stay. */
static void test_links_become_absolute(void)
{
	struct blocks *b = blocks_new(ts, BASE_URL);
	struct ts_spans s = {.v = NULL};
	ts_spans_add(&s, "guide ", FONT_REGULAR, 9, TS_LINK, "/guides/crm/");
	ts_spans_add(&s, "elsewhere ", FONT_REGULAR, 9, TS_LINK, "https://other.test/x");
	ts_spans_add(&s, "plain", FONT_REGULAR, 9, TS_TEXT, NULL);
	blocks_paragraph(b, &s, BLOCKS_MARGIN_X, A4_TEXT_W, 9, 12, false);
	CHECK_STR(s.v[0].link, BASE_URL "guides/crm/");
	CHECK_STR(s.v[1].link, "https://other.test/x");
	CHECK(s.v[2].link == NULL);
	size_t np, pages;
	struct ts_placed *p = blocks_paginate(b, &np, &pages);
	CHECK_INT(np, 1);
	if (np == 1) {
		const struct ts_line *line = item_at(&p[0])->line;
		CHECK_INT(line->n, 3);
		if (line->n == 3)
			CHECK_STR(line->words[0].link, BASE_URL "guides/crm/");
	}
	ts_spans_free(&s);
	free(p);
	blocks_free(b);
}

/* Cited addresses are numbered in the order they come, an address cited
 * again keeps its number, and taking the list starts the numbers again. */
static void test_citations_are_numbered_once(void)
{
	struct blocks *b = blocks_new(ts, BASE_URL);
	CHECK(blocks_take_citations(b) == NULL);
	CHECK_INT(blocks_cite(b, "https://a.test/"), 1);
	CHECK_INT(blocks_cite(b, "https://b.test/x"), 2);
	CHECK_INT(blocks_cite(b, "https://a.test/"), 1);
	char *list = blocks_take_citations(b);
	CHECK_STR(list, "1\thttps://a.test/\n2\thttps://b.test/x\n");
	free(list);
	CHECK(blocks_take_citations(b) == NULL);
	CHECK_INT(blocks_cite(b, "https://b.test/x"), 1);
	blocks_free(b);         /* frees what is still cited */
}

/* A diagram is never wider than the text area, nor taller than 0.7 of
 * it, nor larger than 0.8 of its size; and it is centred. */
static void test_diagram_fits(void)
{
	static const double sizes[][2] = {{100, 80}, {2000, 300}, {400, 5000}, {700, 700}};
	const double room = (A4_BOTTOM - BLOCKS_TOP) * 0.7;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct blocks *b = blocks_new(ts, BASE_URL);
		struct layout *lay = xcalloc(1, sizeof *lay);
		lay->width = sizes[i][0];
		lay->height = sizes[i][1];
		blocks_diagram(b, lay, "a diagram");
		size_t np, pages;
		struct ts_placed *p = blocks_paginate(b, &np, &pages);
		CHECK_INT(np, 1);
		if (np != 1) {
			free(p);
			blocks_free(b);
			continue;
		}
		const struct blocks_item *it = item_at(&p[0]);
		double w = lay->width * it->scale, h = lay->height * it->scale;
		CHECK(it->layout == lay);
		CHECK(it->scale <= 0.8 + 1e-9);
		CHECK(w <= A4_TEXT_W + 1e-9);
		CHECK(h <= room + 1e-9);
		/* as large as those allow: one of them is reached */
		CHECK(it->scale > 0.8 - 1e-9 || w > A4_TEXT_W - 1e-6 || h > room - 1e-6);
		CHECK(it->x - BLOCKS_MARGIN_X > BLOCKS_MARGIN_X + A4_TEXT_W - (it->x + w) - 1e-6);
		CHECK(it->x - BLOCKS_MARGIN_X < BLOCKS_MARGIN_X + A4_TEXT_W - (it->x + w) + 1e-6);
		CHECK(p[0].block->height == h);
		free(p);
		blocks_free(b);
	}
}

/* The width of l's widest line. */
static double widest(const struct ts_lines *l)
{
	double w = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].width > w)
			w = l->v[i].width;
	return w;
}

/* On Letter, text takes its width: a paragraph's lines are no wider than
 * Letter's text area and some are wider than A4's would be; a list
 * item's lines and a table's columns end at Letter's right margin. */
static void test_letter_text_is_wider(void)
{
	struct blocks *b = blocks_new(ts, BASE_URL);
	blocks_set_paper(b, PDF_PAPER_LETTER);
	CHECK(blocks_text_width(b) == LETTER_TEXT_W);
	struct ts_spans s = {.v = NULL};
	ts_spans_add(&s, PROSE PROSE, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
	struct ts_lines *para = blocks_break(b, &s, blocks_text_width(b), false);
	CHECK(para->n > 4);
	CHECK(widest(para) <= LETTER_TEXT_W);
	CHECK(widest(para) > A4_TEXT_W);
	blocks_list_item(b, "*", &s, false);
	ts_spans_free(&s);
	double right = 0;
	for (size_t i = 0; i < blocks_count(b); i++) {
		const struct blocks_item *it = blocks_item_at(b, i);
		if (it->kind == BLOCKS_LINE && it->x + it->line->width > right)
			right = it->x + it->line->width;
	}
	CHECK(right <= BLOCKS_MARGIN_X + LETTER_TEXT_W);
	CHECK(right > BLOCKS_MARGIN_X + A4_TEXT_W);
	struct ts_spans *cells = xcalloc(4, sizeof *cells);
	for (size_t i = 0; i < 4; i++)
		blocks_cell(&cells[i], i < 2 ? "Head" : PROSE, i < 2 ? FONT_BOLD : FONT_REGULAR);
	blocks_table(b, cells, 2, 2);
	free(cells);
	const struct blocks_row *row = &blocks_item_at(b, blocks_count(b) - 1)->row;
	CHECK(row->ncols == 2 && row->col_x[0] == BLOCKS_MARGIN_X);
	if (row->ncols == 2)
		CHECK(fabs(row->col_x[1] + row->col_w[1] - (BLOCKS_MARGIN_X + LETTER_TEXT_W)) < 0.01);
	blocks_free(b);
}

/* On Letter, pages end at Letter's bottom: as many one-line paragraphs
 * on the first page as its text area's height holds, fewer than A4's;
 * and a tall diagram is scaled to 0.7 of that height. */
static void test_letter_pages_are_shorter(void)
{
	struct ts_lines one = lines_of(1);
	struct blocks *b = blocks_new(ts, BASE_URL);
	blocks_set_paper(b, PDF_PAPER_LETTER);
	CHECK(blocks_bottom(b) == LETTER_BOTTOM);
	fill(b, &one, 60);
	struct layout *lay = xcalloc(1, sizeof *lay);
	lay->width = 400;
	lay->height = 5000;
	blocks_diagram(b, lay, "a tall diagram");
	size_t np, pages, first_page = 0;
	struct ts_placed *p = blocks_paginate(b, &np, &pages);
	for (size_t i = 0; i < np; i++) {
		CHECK(p[i].y + p[i].block->height <= LETTER_BOTTOM + 1e-9);
		first_page += p[i].page == 0;
	}
	size_t letter_lines = (size_t)((LETTER_BOTTOM - BLOCKS_TOP) / BLOCKS_BODY_LEADING);
	CHECK_INT(first_page, letter_lines);
	CHECK(letter_lines < (size_t)((A4_BOTTOM - BLOCKS_TOP) / BLOCKS_BODY_LEADING));
	const struct blocks_item *it = item_at(&p[np - 1]);
	CHECK(it->kind == BLOCKS_DIAGRAM);
	CHECK(fabs(lay->height * it->scale - (LETTER_BOTTOM - BLOCKS_TOP) * 0.7) < 1e-6);
	free(p);
	blocks_free(b);
	free(one.v);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	ts = ts_new(fs, "en");
	RUN(test_paragraphs_leave_no_widow_or_orphan);
	RUN(test_heading_stays_with_what_follows);
	RUN(test_chapter_starts_a_page);
	RUN(test_table_keeps_its_header);
	RUN(test_space_is_the_largest_asked);
	RUN(test_links_become_absolute);
	RUN(test_citations_are_numbered_once);
	RUN(test_diagram_fits);
	RUN(test_letter_text_is_wider);
	RUN(test_letter_pages_are_shorter);
	ts_free(ts);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
