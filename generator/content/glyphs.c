#include "content/glyphs.h"

#include <string.h>

#include "base/text.h"

struct checker {
	const struct fontset *fs;
	struct diag *d;
	bool ok;
};

/* Reports the first missing character of text, written at `at`; col is
 * exact when the text is one line of the file, as most values are. */
static void check_text(struct checker *c, const char *text, enum font_face face, struct pos at)
{
	size_t off;
	uint32_t cp = font_first_missing(c->fs, face, text, strlen(text), &off);
	if (cp == 0)
		return;
	int line, col;
	text_line_col(text, off, &line, &col);
	if (line == 1)
		at.col += col - 1;
	else {
		at.line += line - 1;
		at.col = col;
	}
	diag_error(c->d, at, "the fonts cannot draw U+%04X; replace the character or add it to scripts/make-fonts.sh",
	           (unsigned)cp);
	c->ok = false;
}

static void check_md_tree(struct checker *c, const struct md *m)
{
	cmark_iter *it = cmark_iter_new(m->doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_TEXT && type != CMARK_NODE_CODE &&
		                                type != CMARK_NODE_CODE_BLOCK))
			continue;
		const char *text = cmark_node_get_literal(n);
		enum font_face face = type == CMARK_NODE_TEXT ? FONT_REGULAR : FONT_MONO;
		size_t off;
		/* Where the text is written is only looked for when it is reported. */
		if (font_first_missing(c->fs, face, text, strlen(text), &off) == 0)
			continue;
		struct pos at = m->at;
		/* inline nodes carry no position: use their paragraph's */
		cmark_node *placed = n;
		while (placed && cmark_node_get_start_line(placed) == 0)
			placed = cmark_node_parent(placed);
		if (placed) {
			at.line = m->at.line + cmark_node_get_start_line(placed) - 1;
			at.col = m->at.col - 1 + cmark_node_get_start_column(placed);
		}
		check_text(c, text, face, at);
	}
	cmark_iter_free(it);
}

static void visit(void *ctx, const struct field *f, const void *slot)
{
	struct checker *c = ctx;
	if (f->kind == SK_MARKDOWN) {
		const struct md *m = slot;
		if (m->doc)
			check_md_tree(c, m);
		return;
	}
	const struct str *s = slot;
	if (s->v)
		check_text(c, s->v, FONT_REGULAR, s->at);
}

bool glyphs_check(const struct schema *s, const void *obj, const struct fontset *fs, struct diag *d)
{
	struct checker c = {fs, d, true};
	schema_walk(s, obj, visit, &c);
	return c.ok;
}

bool glyphs_check_markdown(const struct md *m, const struct fontset *fs, struct diag *d)
{
	struct checker c = {fs, d, true};
	if (m->doc)
		check_md_tree(&c, m);
	return c.ok;
}
