/* Markdown to PDF paragraphs: every block of a cmark tree becomes spans
 * (faces, links), is hyphenated and broken into lines (Knuth-Plass) at a
 * measure the first byte picks, justified or not; the lines are then
 * paginated.  No line may be wider than its measure. */
#include <stdlib.h>

#include <cmark-gfm.h>

#include "content/markdown.h"
#include "fuzz.h"
#include "pdf/typeset.h"

static struct typesetter *ts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ts = ts_new(fuzz_fonts(), "en");
	return 0;
}

static void set_block(cmark_node *b, double width, bool justify, struct ts_block **blocks, size_t *n,
                      size_t *cap)
{
	struct ts_spans s = {.v = NULL};
	bool heading = cmark_node_get_type(b) == CMARK_NODE_HEADING;
	ts_spans_markdown(&s, b, heading ? FONT_BOLD : FONT_REGULAR, heading ? 14 : 9.5, TS_TEXT);
	struct ts_lines lines = {NULL, 0};
	ts_break(ts, &s, width, justify, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		if (lines.v[i].width > width + 0.01)
			__builtin_trap();
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*blocks = realloc(*blocks, *cap * sizeof **blocks);
			if (*blocks == NULL)
				abort();
		}
		struct ts_block blk = {lines.v[i].size * 1.4, i == 0 ? 6 : 0, i == 0 || i + 2 < lines.n, false, 0, false,
		                       NULL};
		(*blocks)[(*n)++] = blk;
	}
	ts_lines_free(&lines);
	ts_spans_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	double width = 20 + (data[0] & 0x7f) * 4;
	bool justify = data[0] & 0x80;
	cmark_node *doc = md_parse((const char *)data + 1, size - 1, CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
	/* What the loader refuses never reaches the typesetter. */
	if (md_too_deep(doc, MD_MAX_DEPTH) != NULL) {
		cmark_node_free(doc);
		return 0;
	}
	struct ts_block *blocks = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *b = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(b);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING))
			set_block(b, width, justify, &blocks, &n, &cap);
	}
	cmark_iter_free(it);
	size_t nplaced = 0, pages = 0;
	struct ts_placed *placed = ts_paginate(blocks, n, 50, 790, &nplaced, &pages);
	free(placed);
	free(blocks);
	cmark_node_free(doc);
	return 0;
}
