/*
 * Unit tests of mdblocks.h: Markdown read into blocks, checked block by
 * block.  Headings become sections or subsections (never chapters, and
 * only sections leave a mark); list markers hang in the margin, numbered
 * from the list's start, nested lists one indent further; code keeps its
 * lines (blank ones too) on a band in the monospaced face; quotes are
 * indented, breaks are rules, raw HTML is left out; links to site paths
 * become absolute.  The tree is freed before the blocks are looked at:
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
	mdblocks_add(w.b, doc, BLOCKS_MARGIN_X, BLOCKS_TEXT_W, heading_base);
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
	ts_free(ts);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
