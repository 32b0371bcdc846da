#include "content/glyphs.h"

#include <string.h>

#include "base/text.h"
#include "content/mermaid.h"

/* The faces a text may be drawn with: prose in any of the three (a
 * heading is bold, an emphasis italic), code in the mono face. */
#define PROSE_FACES ((1u << FONT_REGULAR) | (1u << FONT_BOLD) | (1u << FONT_ITALIC))
#define CODE_FACES (1u << FONT_MONO)

struct checker {
	const struct fontset *fs;
	struct diag *d;
	bool ok;
};

/* Reports the first missing character of text, written at `at`; col is
 * exact when the text is one line of the file, as most values are. */
static void check_text(struct checker *c, const char *text, unsigned faces, struct pos at)
{
	size_t off;
	enum font_face lacking;
	uint32_t cp = font_first_missing(c->fs, faces, text, strlen(text), &off, &lacking);
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
	/* The character itself, as it was written: it is valid UTF-8. */
	const char *from = text + off, *after = from;
	font_next_char(&after);
	const char *file = font_file(c->fs, lacking), *slash = strrchr(file, '/');
	diag_error(c->d, at,
	           "the %s font (%s) has no glyph for U+%04X '%.*s'; under fonts: in site.yaml choose a %s font "
	           "that has it, or replace the character",
	           font_face_key(lacking), slash ? slash + 1 : file, (unsigned)cp, (int)(after - from), from,
	           font_face_key(lacking));
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
		/* A diagram's labels are drawn in the prose faces, not as code. */
		bool diagram = mermaid_is_block(n);
		unsigned faces = type == CMARK_NODE_TEXT || diagram ? PROSE_FACES : CODE_FACES;
		size_t off;
		enum font_face lacking;
		/* Where the text is written is only looked for when it is reported. */
		if (font_first_missing(c->fs, faces, text, strlen(text), &off, &lacking) == 0)
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
		if (diagram)
			at.line++;      /* its text starts under the fence */
		check_text(c, text, faces, at);
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
	if (s->v && !(f->flags & SF_UNSHOWN))
		check_text(c, s->v, PROSE_FACES, s->at);
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
