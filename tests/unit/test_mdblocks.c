/*
 * Unit tests of mdblocks.h: Markdown read into blocks, checked block by
 * block.  Headings become sections or subsections (never chapters, and
 * only sections leave a mark); list markers hang in the margin, numbered
 * from the list's start, nested lists one indent further; code keeps its
 * lines (blank ones too) on a band in the monospaced face; quotes are
 * indented, breaks are rules, raw HTML is left out; links to site paths
 * become absolute.  GitHub's extensions: tables as the playbook's table
 * rows (caption, bold header, alignments, markup in cells), footnotes
 * after their text with anchors linking both ways, struck spans, drawn
 * task boxes; blocks nested in list items at the item's indent, and code
 * lines' leading spaces kept.  The tree is freed before the blocks are looked at:
 * they own what they show.
 */
#define HARNESS_NAME "mdblocks"
#include "harness.h"

#include <cmark-gfm.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "content/markdown.h"
#include "pdf/blocks.h"
#include "pdf/mdblocks.h"

#define BASE_URL "https://example.test/"
/* The text area's width on A4, the paper of a list not told otherwise. */
#define TEXT_W (595.276 - 2 * BLOCKS_MARGIN_X)
#define LONG "a list item long enough to take more than one line of the text area, " \
             "which is a little under five hundred points wide at the body size"

static struct fontset *fs;
static struct typesetter *ts;

/* The blocks of md, in order. */
struct walked {
	struct blocks *b;
	struct ts_placed *placed;
	size_t n;
};

static struct walked walk(const char *md, int heading_base)
{
	cmark_node *doc = md_parse(md, strlen(md), CMARK_OPT_DEFAULT);
	struct walked w = {blocks_new(ts, BASE_URL), NULL, 0};
	mdblocks_add(w.b, NULL, doc, BLOCKS_MARGIN_X, TEXT_W, heading_base);
	cmark_node_free(doc);
	size_t pages;
	w.placed = blocks_paginate(w.b, &w.n, &pages);
	return w;
}

static void walked_free(struct walked *w)
{
	free(w->placed);
	blocks_free(w->b);
}

static const struct blocks_item *at(const struct walked *w, size_t i)
{
	return i < w->n ? w->placed[i].block->payload : NULL;
}

/* A line's words, space-separated. */
static char *text_of(const struct blocks_item *it)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; it && it->kind == BLOCKS_LINE && i < it->line->n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", it->line->words[i].text);
	return b.data ? buf_detach(&b) : xstrdup("");
}

#define CHECK_LINE(w, i, want)                            \
	do {                                              \
		char *got_ = text_of(at(w, i));           \
		CHECK_STR(got_, want);                    \
		free(got_);                               \
	} while (0)

static void test_headings_are_sections(void)
{
	struct walked w = walk("# Top\n\n## Sub\n\n#### Deep\n", 1);
	CHECK_INT(w.n, 4);
	if (w.n == 4) {
		CHECK_INT(at(&w, 0)->kind, BLOCKS_MARK);
		CHECK_INT(at(&w, 0)->level, 2);
		CHECK_STR(at(&w, 0)->title, "Top");
		CHECK_LINE(&w, 1, "Top");
		CHECK_LINE(&w, 2, "Sub");       /* level 3: no mark */
		CHECK_LINE(&w, 3, "Deep");      /* level 5, held at 3 */
		CHECK(w.placed[2].block->space_before == 10);
		for (size_t i = 2; i < 4; i++)   /* a subsection's size */
			CHECK(at(&w, i)->line->n == 1 && at(&w, i)->line->words[0].size == 10.5);
	}
	walked_free(&w);

	w = walk("# Never a chapter\n", 0);
	CHECK_INT(w.n, 2);
	if (w.n == 2) {
		CHECK_INT(at(&w, 0)->kind, BLOCKS_MARK);
		CHECK_INT(at(&w, 0)->level, 2);
		CHECK(!w.placed[0].block->new_page);
	}
	walked_free(&w);
}

static void test_list_markers_hang(void)
{
	struct walked w = walk("3. three\n4. four\n\n- dot\n- " LONG "\n", 0);
	CHECK(w.n > 4);
	if (w.n > 4) {
		static const char *const bullets[] = {"3.", "4.", "•", "•"};
		static const char *const texts[] = {"three", "four", "dot"};
		for (size_t i = 0; i < 4; i++) {
			CHECK_STR(at(&w, i)->bullet, bullets[i]);
			CHECK(at(&w, i)->bullet_x == BLOCKS_MARGIN_X);
			CHECK(at(&w, i)->x == BLOCKS_MARGIN_X + BLOCKS_LIST_INDENT);
			if (i < 3)
				CHECK_LINE(&w, i, texts[i]);
		}
		/* the long item's next lines hang after the marker, without it */
		for (size_t i = 4; i < w.n; i++) {
			CHECK(at(&w, i)->bullet == NULL);
			CHECK(at(&w, i)->x == BLOCKS_MARGIN_X + BLOCKS_LIST_INDENT);
		}
	}
	walked_free(&w);

	/* so does an item's second paragraph */
	w = walk("- first\n\n  second\n", 0);
	CHECK_INT(w.n, 2);
	if (w.n == 2) {
		CHECK_STR(at(&w, 0)->bullet, "•");
		CHECK_LINE(&w, 1, "second");
		CHECK(at(&w, 1)->bullet == NULL);
		CHECK(at(&w, 1)->x == BLOCKS_MARGIN_X + BLOCKS_LIST_INDENT);
	}
	walked_free(&w);
}

static void test_code_keeps_its_lines(void)
{
	struct walked w = walk("```\nfirst(1);\n\nthird(3);\n```\n", 0);
	CHECK_INT(w.n, 3);
	if (w.n == 3) {
		CHECK_LINE(&w, 0, "first(1);");
		CHECK_LINE(&w, 2, "third(3);");
		for (size_t i = 0; i < 3; i++) {
			CHECK(at(&w, i)->code);
			CHECK(at(&w, i)->x == BLOCKS_MARGIN_X + 6);
		}
		CHECK_INT(at(&w, 0)->line->words[0].face, FONT_MONO);
	}
	walked_free(&w);
}

static void test_quotes_rules_and_html(void)
{
	struct walked w = walk("> quoted\n\n---\n\n<div>raw</div>\n\nafter\n", 0);
	CHECK_INT(w.n, 3);
	if (w.n == 3) {
		CHECK_LINE(&w, 0, "quoted");
		CHECK(at(&w, 0)->x == BLOCKS_MARGIN_X + 12);
		CHECK(!at(&w, 0)->code);
		CHECK_INT(at(&w, 1)->kind, BLOCKS_RULE);
		CHECK_LINE(&w, 2, "after");
		CHECK(at(&w, 2)->x == BLOCKS_MARGIN_X);
	}
	walked_free(&w);
}

static void test_links_become_absolute(void)
{
	struct walked w = walk("See [the guide](/guides/crm/) or [elsewhere](https://other.test/x).\n", 0);
	CHECK_INT(w.n, 1);
	if (w.n == 1) {
		const struct ts_line *line = at(&w, 0)->line;
		bool site = false, other = false;
		for (size_t i = 0; i < line->n; i++) {
			const char *link = line->words[i].link;
			site |= link && strcmp(link, BASE_URL "guides/crm/") == 0;
			other |= link && strcmp(link, "https://other.test/x") == 0;
			CHECK(link == NULL || link[0] != '/');
		}
		CHECK(site);
		CHECK(other);
	}
	walked_free(&w);

	w = walk("- [listed](/in/a/list/)\n", 0);
	CHECK_INT(w.n, 1);
	if (w.n == 1 && at(&w, 0)->line->n == 1)
		CHECK_STR(at(&w, 0)->line->words[0].link, BASE_URL "in/a/list/");
	walked_free(&w);
}

/* The placed blocks of kind, in order (at most max). */
static size_t of_kind(const struct walked *w, enum blocks_kind kind, const struct blocks_item **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		if (at(w, i)->kind == kind && n < max)
			out[n++] = at(w, i);
	return n;
}

static void test_tables_are_table_rows(void)
{
	struct walked w = walk("Table: Sizes *by* kind\n\n| Kind | Size |\n|:-----|-----:|\n| `mono` | *slanted* |\n"
	                       "| a | 1 |\n",
	                       0);
	/* the caption, then three rows of one line each; no paragraph "Table:" */
	CHECK_INT(w.n, 4);
	if (w.n == 4) {
		CHECK_LINE(&w, 0, "Sizes by kind");
		CHECK_INT(at(&w, 0)->line->words[0].face, FONT_BOLD);
		CHECK(at(&w, 0)->line->words[0].size == BLOCKS_SMALL_SIZE);
		CHECK(!w.placed[1].block->break_before);    /* the caption stays with its table */
		const struct blocks_row *head = &at(&w, 1)->row, *first = &at(&w, 2)->row, *last = &at(&w, 3)->row;
		CHECK_INT(at(&w, 1)->kind, BLOCKS_ROW);
		CHECK(head->header && w.placed[1].block->header);
		CHECK(!first->header && w.placed[2].block->table == w.placed[1].block->table);
		CHECK_INT(head->ncols, 2);
		CHECK_STR(head->cells[0]->words[0].text, "Kind");
		CHECK_INT(head->cells[0]->words[0].face, FONT_BOLD);
		CHECK_STR(first->cells[0]->words[0].text, "mono");
		CHECK_INT(first->cells[0]->words[0].face, FONT_MONO);
		CHECK_STR(first->cells[1]->words[0].text, "slanted");
		CHECK_INT(first->cells[1]->words[0].face, FONT_ITALIC);
		CHECK_INT(last->cells[0]->words[0].face, FONT_REGULAR);
		/* left column flush at its padding; the right one pushed to its right edge */
		CHECK(last->cell_dx[0] == 0);
		double room = last->col_w[1] - 2 * BLOCKS_CELL_PAD - last->cells[1]->width;
		CHECK(room > 0 && last->cell_dx[1] > room - 0.01 && last->cell_dx[1] < room + 0.01);
		CHECK(last->col_x[0] == BLOCKS_MARGIN_X);
		CHECK(last->col_x[1] + last->col_w[1] < BLOCKS_MARGIN_X + TEXT_W + 0.01);
	}
	walked_free(&w);

	/* a caption all marked up is still a caption */
	w = walk("Table: *Slanted*\n\n| a |\n|---|\n| b |\n", 0);
	CHECK_INT(w.n, 3);
	if (w.n == 3) {
		CHECK_LINE(&w, 0, "Slanted");
		CHECK_INT(at(&w, 0)->line->words[0].face, FONT_BOLD);    /* no bold italic face: bold */
	}
	walked_free(&w);

	/* a paragraph "Table: ..." with no table after it is a paragraph */
	w = walk("Table: not a caption\n", 0);
	CHECK_INT(w.n, 1);
	if (w.n == 1)
		CHECK_LINE(&w, 0, "Table: not a caption");
	walked_free(&w);
}

static void test_footnotes_link_both_ways(void)
{
	struct walked w = walk("One[^x] two[^y] again[^x].\n\n[^y]: Why.\n[^x]: Ex.\n\n    second paragraph\n", 0);
	const struct blocks_item *lines[8], *rules[2];
	size_t n = of_kind(&w, BLOCKS_LINE, lines, 8);
	CHECK_INT(n, 4);
	CHECK_INT(of_kind(&w, BLOCKS_RULE, rules, 2), 1);
	if (n == 4) {
		/* "One" "1" "two" "2" "again" "1" ".": numbers in order of first reference */
		const struct ts_line *text = lines[0]->line;
		const struct ts_word *refs[3];
		size_t nrefs = 0;
		for (size_t i = 0; i < text->n; i++)
			if (text->words[i].super && nrefs < 3)
				refs[nrefs++] = &text->words[i];
		CHECK_INT(nrefs, 3);
		if (nrefs == 3) {
			CHECK_STR(refs[0]->text, "1");
			CHECK_STR(refs[1]->text, "2");
			CHECK_STR(refs[2]->text, "1");
			CHECK(refs[0]->size < BLOCKS_BODY_SIZE);
			CHECK(refs[0]->target > 0 && refs[0]->target == refs[2]->target);
			CHECK(refs[0]->anchor > 0 && refs[2]->anchor == 0);   /* only the first is landed on */
			/* the notes, after a short rule: "1. Ex." (x first referenced), then "2. Why." */
			CHECK(rules[0]->width < TEXT_W / 2);
			CHECK_LINE(&w, 2, "1. Ex.");
			const struct ts_word *one = &lines[1]->line->words[0], *two = &lines[3]->line->words[0];
			CHECK_STR(one->text, "1.");
			CHECK(one->anchor == refs[0]->target);
			CHECK(one->target == refs[0]->anchor);
			CHECK(one->size == BLOCKS_SMALL_SIZE);
			CHECK(two->anchor == refs[1]->target && two->target == refs[1]->anchor);
			/* the note's second paragraph, without a number */
			CHECK_STR(lines[2]->line->words[0].text, "second");
		}
	}
	walked_free(&w);
}

static void test_strikes_and_task_boxes(void)
{
	struct walked w = walk("~~gone now~~ kept\n\n- [ ] open\n- [x] done\n- plain\n", 0);
	CHECK_INT(w.n, 4);
	if (w.n == 4) {
		const struct ts_line *line = at(&w, 0)->line;
		CHECK(line->n == 3 && line->words[0].strike && line->words[1].strike && !line->words[2].strike);
		CHECK_INT(at(&w, 1)->box, BLOCKS_BOX_OPEN);
		CHECK_INT(at(&w, 2)->box, BLOCKS_BOX_TICKED);
		CHECK_INT(at(&w, 3)->box, BLOCKS_NO_BOX);
		CHECK(at(&w, 1)->bullet == NULL && at(&w, 1)->bullet_x == BLOCKS_MARGIN_X);
		CHECK_STR(at(&w, 3)->bullet, "•");
		CHECK_LINE(&w, 1, "open");
	}
	walked_free(&w);
}

static void test_items_hold_any_block(void)
{
	const double item = BLOCKS_MARGIN_X + BLOCKS_LIST_INDENT;
	struct walked w = walk("- outer\n  - inner\n  ```\n  code\n  ```\n  > quoted\n\n  | t |\n  |---|\n  | c |\n", 0);
	CHECK_INT(w.n, 6);
	if (w.n == 6) {
		CHECK_LINE(&w, 0, "outer");
		CHECK_LINE(&w, 1, "inner");
		CHECK(at(&w, 1)->x == item + BLOCKS_LIST_INDENT && at(&w, 1)->bullet_x == item);
		CHECK_LINE(&w, 2, "code");
		CHECK(at(&w, 2)->code && at(&w, 2)->x == item + 6);
		CHECK_LINE(&w, 3, "quoted");
		CHECK(at(&w, 3)->x == item + 12);
		CHECK_INT(at(&w, 4)->kind, BLOCKS_ROW);
		CHECK(at(&w, 4)->row.col_x[0] == item);
	}
	walked_free(&w);

	/* an item that starts with code has its marker on the code's line */
	w = walk("1. ```\n   code first\n   ```\n", 0);
	CHECK_INT(w.n, 1);
	if (w.n == 1)
		CHECK_STR(at(&w, 0)->bullet, "1.");
	walked_free(&w);

	/* nesting as deep as the loader allows stays inside the text area */
	struct buf deep = BUF_INIT;
	for (int i = 0; i < MD_MAX_DEPTH / 2 - 1; i++)
		buf_printf(&deep, "%*s- level %d\n", 2 * i, "", i);
	w = walk(deep.data, 0);
	CHECK_INT(w.n, MD_MAX_DEPTH / 2 - 1);
	for (size_t i = 0; i < w.n; i++)
		CHECK(at(&w, i)->x + at(&w, i)->line->width <= BLOCKS_MARGIN_X + TEXT_W);
	walked_free(&w);
	buf_free(&deep);
}

static void test_code_keeps_its_indents(void)
{
	struct walked w = walk("```\nflush\n    four\n\ttab\n  \tstop\n```\n", 0);
	double four = font_width(fs, FONT_MONO, "    ", BLOCKS_SMALL_SIZE);
	CHECK_INT(w.n, 4);
	if (w.n == 4) {
		double x0 = at(&w, 0)->x;
		CHECK_LINE(&w, 1, "four");
		CHECK(at(&w, 1)->x > x0 + four - 0.01 && at(&w, 1)->x < x0 + four + 0.01);
		CHECK(at(&w, 2)->x > x0 + four - 0.01 && at(&w, 2)->x < x0 + four + 0.01);   /* a tab: 4 columns */
		CHECK(at(&w, 3)->x > x0 + four - 0.01 && at(&w, 3)->x < x0 + four + 0.01);   /* to the next stop */
		CHECK_LINE(&w, 3, "stop");
		for (size_t i = 0; i < 4; i++)      /* one band under them all */
			CHECK(at(&w, i)->band_x == BLOCKS_MARGIN_X);
	}
	walked_free(&w);

	/* runs of spaces inside a line keep their width: "=" lines up */
	w = walk("```\nx   = 1\nabc = 2\n```\n", 0);
	CHECK_INT(w.n, 2);
	if (w.n == 2 && at(&w, 0)->line->n == 3 && at(&w, 1)->line->n == 3) {
		double x1 = at(&w, 0)->line->words[1].x, x2 = at(&w, 1)->line->words[1].x;
		CHECK(x1 > four - 0.01 && x1 < four + 0.01);      /* "x" and three spaces */
		CHECK(x1 > x2 - 0.01 && x1 < x2 + 0.01);
	}
	walked_free(&w);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	ts = ts_new(fs, "en");
	RUN(test_headings_are_sections);
	RUN(test_list_markers_hang);
	RUN(test_code_keeps_its_lines);
	RUN(test_quotes_rules_and_html);
	RUN(test_links_become_absolute);
	RUN(test_tables_are_table_rows);
	RUN(test_footnotes_link_both_ways);
	RUN(test_strikes_and_task_boxes);
	RUN(test_items_hold_any_block);
	RUN(test_code_keeps_its_indents);
	ts_free(ts);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
