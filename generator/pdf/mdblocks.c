/*
 * mdblocks: turns a cmark tree into the playbook's blocks (mdblocks.h).
 */
#include "pdf/mdblocks.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

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
			blocks_paragraph(b, &s, x, width, BLOCKS_BODY_SIZE, BLOCKS_BODY_LEADING, true);
			ts_spans_free(&s);
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
