#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/phrase.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "content/mermaid.h"

static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;

/* cmark-gfm's registry of extensions is a global list that its register
 * call fills without a lock: filled once, before any thread reads it. */
static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* The extensions of GitHub-flavoured Markdown that Folio renders.  The
 * tag filter is left out: raw HTML is either stripped or trusted. */
static const char *const gfm_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

/* cmark-gfm keeps the characters that start an extension's inline (the
 * '~' of strikethrough, the ':' and 'w' of autolinks) in one table for
 * the whole process, turning them on before it parses a text's inlines
 * and off again after (process_inlines, and a table's rows while they are
 * fed).  A text parsed while another thread's parse has turned them off
 * loses its strikethrough and its autolinks, now and then.  So one text
 * is parsed at a time; the trees themselves are then read in parallel
 * (settle_strings). */
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

/* cmark-gfm copies a node's text, URL, title or info string into a string
 * of its own the first time it is asked for it, and keeps that copy in
 * the node: a getter writes.  Two threads reading one tree (the footer,
 * shown on every page) could both make the copy, and one would be lost.
 * So each is asked for once here, while the tree has one reader. */
static void settle_strings(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		(void)cmark_node_get_literal(n);
		(void)cmark_node_get_url(n);
		(void)cmark_node_get_title(n);
		(void)cmark_node_get_fence_info(n);
	}
	cmark_iter_free(it);
}

cmark_node *md_parse(const char *src, size_t len, int options)
{
	pthread_once(&extensions_once, register_extensions);
	pthread_mutex_lock(&parse_lock);
	cmark_parser *parser = cmark_parser_new(options | CMARK_OPT_FOOTNOTES);
	for (size_t i = 0; i < sizeof gfm_extensions / sizeof gfm_extensions[0]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(gfm_extensions[i]);
		if (ext != NULL)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, src, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	pthread_mutex_unlock(&parse_lock);
	settle_strings(doc);
	return doc;
}

struct md_writer {
	struct buf *out;
	const struct md_html_options *opt;
	bool tight;             /* inside a tight list: paragraphs without <p> */
	struct buf url, encoded;        /* a link's URL on its way out, reused */
	struct buf phrase;      /* an accessible name on its way out, reused */
	/* Footnotes: note n (1..notes) is the n-th definition at the end of
	 * the document; refs[n] counts its references in the whole text,
	 * seen[n] those written so far. */
	int notes;
	int *refs, *seen;       /* owned; notes + 1 entries */
	int diagrams;           /* drawn so far, for their ids */
};

/* Whether n is the node of a GFM extension called name ("table", ...):
 * extension types are numbers given at run time. */
static bool is_ext(cmark_node *n, const char *name)
{
	return strcmp(cmark_node_get_type_string(n), name) == 0;
}

/* Where the caption's text starts in paragraph n when it starts with
 * prefix and says more than that; 0 when it is no caption. */
static size_t caption_text_at(cmark_node *n, const char *prefix)
{
	cmark_node *first = cmark_node_first_child(n);
	if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || first == NULL || cmark_node_get_type(first) != CMARK_NODE_TEXT)
		return 0;
	const char *text = cmark_node_get_literal(first);
	if (!text_starts_with(text, prefix))
		return 0;
	size_t at = strlen(prefix);
	while (text[at] == ' ')
		at++;
	/* "Table: " and nothing after it is no caption. */
	if (text[at] == '\0' && cmark_node_next(first) == NULL)
		return 0;
	return at;
}

size_t md_table_caption(cmark_node *n)
{
	cmark_node *next = cmark_node_next(n);
	return next && is_ext(next, "table") ? caption_text_at(n, "Table: ") : 0;
}

size_t md_figure_caption(cmark_node *n)
{
	cmark_node *prev = cmark_node_previous(n);
	return prev && mermaid_is_block(prev) ? caption_text_at(n, "Figure: ") : 0;
}

/* The offset at which paragraph n's text starts after a caption's
 * "Table: " or "Figure: "; 0 when it is no caption. */
static size_t caption_offset(cmark_node *n)
{
	size_t at = md_table_caption(n);
	return at ? at : md_figure_caption(n);
}

static void plain_text_into(struct buf *b, cmark_node *node)
{
	size_t caption = caption_offset(node);
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			buf_puts(b, cmark_node_get_literal(c) + (c == cmark_node_first_child(node) ? caption : 0));
			break;
		case CMARK_NODE_CODE:
			buf_puts(b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_CODE_BLOCK:
			/* A diagram's source is not what a reader sees: like an
			 * image, its picture stands apart from the words. */
			if (!mermaid_is_block(c))
				buf_puts(b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_FOOTNOTE_REFERENCE:     /* its number means nothing without the page */
		case CMARK_NODE_IMAGE:
			/* An image's alternative text stands in for a picture, not
			 * for words of the text: the page shows none of it. */
			break;
		default:
			plain_text_into(b, c);
			if ((cmark_node_get_type(c) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
				buf_putc(b, ' ');
		}
	}
}

char *md_plain_text(cmark_node *node)
{
	struct buf b = BUF_INIT;
	if (node)
		plain_text_into(&b, node);
	return text_squeeze_space(buf_detach(&b));
}

void md_slugify(struct buf *out, const char *text)
{
	bool dash = false;
	size_t start = out->len;
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len > start)
				buf_putc(out, '-');
			buf_putc(out, c);
			dash = false;
		} else {
			dash = true;
		}
	}
	if (out->len == start)
		buf_puts(out, "section");
}

static void put_url(struct md_writer *w, const char *url)
{
	buf_reset(&w->url);
	if (w->opt->link)
		w->opt->link(w->opt->link_ctx, url, &w->url);
	else
		buf_puts(&w->url, url);
	buf_reset(&w->encoded);
	escape_url(&w->encoded, buf_str(&w->url), w->url.len);
	escape_html_attr(w->out, buf_str(&w->encoded), w->encoded.len);
}

static void put_text(struct md_writer *w, const char *s)
{
	escape_html_text(w->out, s, strlen(s));
}

static void render_children(struct md_writer *w, cmark_node *node);
static void render_node(struct md_writer *w, cmark_node *n);

/* The level a heading is written at: shifted, kept within 1 to 6. */
static int heading_level(cmark_node *n, const struct md_html_options *opt)
{
	int level = cmark_node_get_heading_level(n) + opt->heading_shift;
	if (level > 6)
		level = 6;
	if (level < 1)
		level = 1;
	return level;
}

/* Writes the id of a heading whose plain text is title into out. */
static void heading_id(struct buf *out, const char *title, const struct md_html_options *opt)
{
	if (opt->id_prefix)
		buf_puts(out, opt->id_prefix);
	md_slugify(out, title);
}

static bool holds_link(cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_LINK || holds_link(c))
			return true;
	return false;
}

static void render_heading(struct md_writer *w, cmark_node *n)
{
	int level = heading_level(n, w->opt);
	char *title = md_plain_text(n);
	struct buf id = BUF_INIT;
	heading_id(&id, title, w->opt);
	bool self_link = w->opt->self_link_class && (level == 2 || level == 3) && !holds_link(n);
	buf_puts(w->out, "<h");
	buf_putc(w->out, (char)('0' + level));
	buf_puts(w->out, " id=\"");
	escape_html_attr(w->out, buf_str(&id), id.len);
	buf_puts(w->out, "\">");
	if (self_link) {
		buf_puts(w->out, "<a");
		if (*w->opt->self_link_class) {
			buf_puts(w->out, " class=\"");
			escape_html_attr(w->out, w->opt->self_link_class, strlen(w->opt->self_link_class));
			buf_putc(w->out, '"');
		}
		buf_puts(w->out, " href=\"#");
		buf_reset(&w->encoded);
		escape_url(&w->encoded, buf_str(&id), id.len);
		escape_html_attr(w->out, buf_str(&w->encoded), w->encoded.len);
		buf_puts(w->out, "\">");
	}
	render_children(w, n);
	if (self_link)
		buf_puts(w->out, "</a>");
	buf_puts(w->out, "</h");
	buf_putc(w->out, (char)('0' + level));
	buf_puts(w->out, ">\n");
	buf_free(&id);
	free(title);
}

static void render_list(struct md_writer *w, cmark_node *n)
{
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int start = cmark_node_get_list_start(n);
	if (ordered && start != 1)
		buf_printf(w->out, "<ol start=\"%d\">\n", start);
	else
		buf_puts(w->out, ordered ? "<ol>\n" : "<ul>\n");
	bool was_tight = w->tight;
	w->tight = cmark_node_get_list_tight(n);
	render_children(w, n);
	w->tight = was_tight;
	buf_puts(w->out, ordered ? "</ol>\n" : "</ul>\n");
}

static void render_link(struct md_writer *w, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	const char *title = cmark_node_get_title(n);
	buf_puts(w->out, "<a href=\"");
	put_url(w, url ? url : "");
	buf_putc(w->out, '"');
	if (title && *title) {
		buf_puts(w->out, " title=\"");
		escape_html_attr(w->out, title, strlen(title));
		buf_putc(w->out, '"');
	}
	if (url && (text_starts_with(url, "https:") || text_starts_with(url, "http:")))
		buf_puts(w->out, " rel=\"noopener\"");
	buf_putc(w->out, '>');
	render_children(w, n);
	buf_puts(w->out, "</a>");
}

/* An image with its text alternative, and, when the renderer knows them,
 * its size (so the page keeps its place before it loads) and the path of
 * its published file.  A decorative image has alt="". */
static void render_image(struct md_writer *w, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	struct md_image_info info = {NULL, 0, 0, false};
	bool known = w->opt->image && w->opt->image(w->opt->image_ctx, n, &info);
	char *alt = info.decorative ? xstrdup("") : md_plain_text(n);
	buf_puts(w->out, "<img src=\"");
	put_url(w, info.src ? info.src : url ? url : "");
	buf_puts(w->out, "\" alt=\"");
	escape_html_attr(w->out, alt, strlen(alt));
	buf_putc(w->out, '"');
	if (known && info.width > 0 && info.height > 0)
		buf_printf(w->out, " width=\"%ld\" height=\"%ld\"", info.width, info.height);
	buf_puts(w->out, known ? " loading=\"lazy\" decoding=\"async\">" : " loading=\"lazy\">");
	free(alt);
}

static void render_caption_text(struct md_writer *w, cmark_node *para, size_t skip);

/* A diagram's picture in a figure, with its caption when the next
 * paragraph is one; false when nothing draws it. */
static bool render_diagram(struct md_writer *w, cmark_node *n)
{
	if (w->opt->diagram == NULL || mermaid_of(n) == NULL)
		return false;
	cmark_node *caption = cmark_node_next(n);
	size_t skip = caption ? md_figure_caption(caption) : 0;
	char *title = skip ? md_plain_text(caption) : NULL;     /* without "Figure: " */
	struct buf prefix = BUF_INIT;
	buf_puts(&prefix, w->opt->id_prefix ? w->opt->id_prefix : w->opt->note_prefix ? w->opt->note_prefix : "");
	buf_printf(&prefix, "dg-%d-", ++w->diagrams);
	size_t start = w->out->len;
	buf_puts(w->out, "<figure class=\"figure figure--diagram\">\n<div class=\"figure__art\">\n");
	bool drawn = w->opt->diagram(w->opt->diagram_ctx, n, title, buf_str(&prefix), w->out);
	if (drawn) {
		buf_puts(w->out, "</div>\n");
		if (skip) {
			buf_puts(w->out, "<figcaption class=\"figure__caption\">");
			render_caption_text(w, caption, skip);
			buf_puts(w->out, "</figcaption>\n");
		}
		buf_puts(w->out, "</figure>\n");
	} else {
		w->out->len = start;
		w->diagrams--;
	}
	buf_free(&prefix);
	free(title);
	return drawn;
}

static void render_code_block(struct md_writer *w, cmark_node *n)
{
	if (render_diagram(w, n))
		return;
	const char *info = cmark_node_get_fence_info(n);
	const char *code = cmark_node_get_literal(n);
	buf_puts(w->out, "<pre><code");
	if (info && *info) {
		size_t len = strcspn(info, " \t");
		buf_puts(w->out, " class=\"language-");
		escape_html_attr(w->out, info, len);
		buf_putc(w->out, '"');
	}
	buf_putc(w->out, '>');
	put_text(w, code ? code : "");
	buf_puts(w->out, "</code></pre>\n");
}

/* ---- GitHub-flavoured Markdown ------------------------------------------ */

/* Writes ` name="phrase"`, phrase's placeholders filled from args; nothing
 * when the theme gave no phrase. */
static void put_phrase_attr(struct md_writer *w, const char *name, const char *phrase, const struct phrase_arg *args,
                            size_t nargs)
{
	if (phrase == NULL)
		return;
	buf_reset(&w->phrase);
	if (phrase_fill(&w->phrase, phrase, args, nargs, NULL) != PHRASE_OK)
		return;         /* the loader checked the theme's phrases */
	buf_printf(w->out, " %s=\"", name);
	escape_html_attr(w->out, buf_str(&w->phrase), w->phrase.len);
	buf_putc(w->out, '"');
}

/* Writes the id of a note (kind "fn") or of the ref-th reference to it
 * (kind "fnref"), as an attribute value's content. */
static void put_note_id(struct md_writer *w, const char *kind, int number, int ref)
{
	struct buf id = BUF_INIT;
	if (w->opt->id_prefix)
		buf_puts(&id, w->opt->id_prefix);
	else if (w->opt->note_prefix)
		buf_puts(&id, w->opt->note_prefix);
	buf_printf(&id, "%s-%d", kind, number);
	if (ref > 1)
		buf_printf(&id, "-%d", ref);
	escape_html_attr(w->out, buf_str(&id), id.len);
	buf_free(&id);
}

static void put_note_href(struct md_writer *w, const char *kind, int number, int ref)
{
	buf_puts(w->out, " href=\"#");
	/* The prefix comes from an element id: nothing in it needs %-escaping
	 * beyond what an attribute needs. */
	put_note_id(w, kind, number, ref);
	buf_putc(w->out, '"');
}

/* The note a reference points at (its literal is cmark's number), or 0. */
static int note_number(const struct md_writer *w, cmark_node *ref)
{
	const char *lit = cmark_node_get_literal(ref);
	int n = lit ? atoi(lit) : 0;
	return n >= 1 && n <= w->notes ? n : 0;
}

static void render_note_ref(struct md_writer *w, cmark_node *n)
{
	int number = note_number(w, n);
	if (number == 0)
		return;
	int ref = ++w->seen[number];
	char digits[16];
	snprintf(digits, sizeof digits, "%d", number);
	const struct phrase_arg args[] = {{"number", digits}};
	buf_puts(w->out, "<sup class=\"footnote-ref\"><a");
	put_note_href(w, "fn", number, 1);
	buf_puts(w->out, " id=\"");
	put_note_id(w, "fnref", number, ref);
	buf_putc(w->out, '"');
	put_phrase_attr(w, "aria-label", w->opt->note_ref, args, 1);
	buf_printf(w->out, ">%d</a></sup>", number);
}

/* The links from note number back to each of its references. */
static void render_back_links(struct md_writer *w, int number)
{
	char digits[16], nth[16];
	snprintf(digits, sizeof digits, "%d", number);
	for (int ref = 1; ref <= w->refs[number]; ref++) {
		snprintf(nth, sizeof nth, "%d", ref);
		const struct phrase_arg args[] = {{"number", digits}, {"ref", nth}};
		buf_puts(w->out, " <a class=\"footnote-back\"");
		put_note_href(w, "fnref", number, ref);
		if (w->refs[number] == 1)
			put_phrase_attr(w, "aria-label", w->opt->note_back, args, 1);
		else
			put_phrase_attr(w, "aria-label", w->opt->note_back_nth, args, 2);
		/* U+21A9 and U+FE0E: the arrow as text, never as an emoji. */
		buf_puts(w->out, ">\xe2\x86\xa9\xef\xb8\x8e");
		if (ref > 1)
			buf_printf(w->out, "<sup>%d</sup>", ref);
		buf_puts(w->out, "</a>");
	}
}

/* Note number: its blocks, the back links at the end of its last
 * paragraph (or after its last block when that is no paragraph). */
static void render_note(struct md_writer *w, cmark_node *def, int number)
{
	buf_puts(w->out, "<li id=\"");
	put_note_id(w, "fn", number, 1);
	buf_puts(w->out, "\">\n");
	cmark_node *last = cmark_node_last_child(def);
	for (cmark_node *c = cmark_node_first_child(def); c; c = cmark_node_next(c)) {
		if (c != last || cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH) {
			render_node(w, c);
			continue;
		}
		buf_puts(w->out, "<p>");
		render_children(w, c);
		render_back_links(w, number);
		buf_puts(w->out, "</p>\n");
	}
	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH) {
		buf_puts(w->out, "<p>");
		render_back_links(w, number);
		buf_puts(w->out, "</p>\n");
	}
	buf_puts(w->out, "</li>\n");
}

/* Counts what the blocks of doc before 'from' number, as if they had
 * been written: the diagrams they draw and the note references they
 * hold, so that a part written alone keeps the whole text's numbers. */
static void skip_to(struct md_writer *w, cmark_node *doc, const cmark_node *from)
{
	for (cmark_node *c = cmark_node_first_child(doc); c && c != from; c = cmark_node_next(c)) {
		cmark_iter *it = cmark_iter_new(c);
		for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
			cmark_node *n = cmark_iter_get_node(it);
			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE && note_number(w, n))
				w->seen[note_number(w, n)]++;
			else if (w->opt->diagram && mermaid_of(n))
				w->diagrams++;
		}
		cmark_iter_free(it);
	}
}

/* The document's blocks (those of opt's part), then its notes in a
 * section of their own when the part reaches the end. */
static void render_document(struct md_writer *w, cmark_node *doc)
{
	cmark_node *c = cmark_node_first_child(doc);
	if (w->opt->from) {
		skip_to(w, doc, w->opt->from);
		c = w->opt->from;
	}
	for (; c && c != w->opt->until && cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION;
	     c = cmark_node_next(c))
		render_node(w, c);
	if (c == NULL || w->opt->until)
		return;
	bool was_tight = w->tight;
	w->tight = false;
	buf_puts(w->out, "<section class=\"footnotes\">\n<ol>\n");
	for (int number = 1; c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION)
			render_note(w, c, number++);
	buf_puts(w->out, "</ol>\n</section>\n");
	w->tight = was_tight;
}

/* The caption paragraph's content, "Table: " or "Figure: " left out. */
static void render_caption_text(struct md_writer *w, cmark_node *para, size_t skip)
{
	cmark_node *first = cmark_node_first_child(para);
	put_text(w, cmark_node_get_literal(first) + skip);
	for (cmark_node *c = cmark_node_next(first); c; c = cmark_node_next(c))
		render_node(w, c);
}

static const char *align_class(uint8_t align)
{
	switch (align) {
	case 'l': return "align-left";
	case 'c': return "align-center";
	case 'r': return "align-right";
	default: return NULL;
	}
}

static void render_row(struct md_writer *w, cmark_node *row, const uint8_t *aligns, uint16_t ncols, bool head)
{
	buf_puts(w->out, "<tr>\n");
	uint16_t col = 0;
	for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell), col++) {
		const char *align = aligns && col < ncols ? align_class(aligns[col]) : NULL;
		buf_puts(w->out, head ? "<th scope=\"col\"" : "<td");
		if (align)
			buf_printf(w->out, " class=\"%s\"", align);
		buf_putc(w->out, '>');
		render_children(w, cell);
		buf_puts(w->out, head ? "</th>\n" : "</td>\n");
	}
	buf_puts(w->out, "</tr>\n");
}

/* The scrolling region's name: the caption, or the header cells. */
static void put_table_label(struct md_writer *w, cmark_node *table, cmark_node *caption, size_t skip)
{
	if (caption) {
		char *text = md_plain_text(caption);
		(void)skip;     /* md_plain_text leaves "Table: " out itself */
		buf_puts(w->out, " aria-label=\"");
		escape_html_attr(w->out, text, strlen(text));
		buf_putc(w->out, '"');
		free(text);
		return;
	}
	struct buf columns = BUF_INIT;
	cmark_node *head = cmark_node_first_child(table);
	for (cmark_node *cell = head ? cmark_node_first_child(head) : NULL; cell; cell = cmark_node_next(cell)) {
		char *text = md_plain_text(cell);
		if (*text) {
			if (columns.len)
				buf_puts(&columns, ", ");
			buf_puts(&columns, text);
		}
		free(text);
	}
	const struct phrase_arg args[] = {{"columns", buf_str(&columns)}};
	put_phrase_attr(w, "aria-label", w->opt->table, args, 1);
	buf_free(&columns);
}

static void render_table(struct md_writer *w, cmark_node *table)
{
	cmark_node *caption = cmark_node_previous(table);
	size_t skip = caption ? md_table_caption(caption) : 0;
	if (skip == 0)
		caption = NULL;
	const uint8_t *aligns = cmark_gfm_extensions_get_table_alignments(table);
	uint16_t ncols = cmark_gfm_extensions_get_table_columns(table);
	buf_puts(w->out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"");
	put_table_label(w, table, caption, skip);
	buf_puts(w->out, ">\n<table>\n");
	if (caption) {
		buf_puts(w->out, "<caption>");
		render_caption_text(w, caption, skip);
		buf_puts(w->out, "</caption>\n");
	}
	bool body = false;
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
		bool head = cmark_gfm_extensions_get_table_row_is_header(row);
		if (head)
			buf_puts(w->out, "<thead>\n");
		else if (!body)
			buf_puts(w->out, "<tbody>\n");
		body = body || !head;
		render_row(w, row, aligns, ncols, head);
		if (head)
			buf_puts(w->out, "</thead>\n");
	}
	if (body)
		buf_puts(w->out, "</tbody>\n");
	buf_puts(w->out, "</table>\n</div>\n");
}

/* A task list item: its checkbox, named by the first paragraph it labels. */
static void render_task(struct md_writer *w, cmark_node *item)
{
	const char *checked = cmark_gfm_extensions_get_tasklist_item_checked(item) ? " checked" : "";
	cmark_node *first = cmark_node_first_child(item);
	buf_puts(w->out, "<li class=\"task\">");
	if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
		if (!w->tight)
			buf_puts(w->out, "<p>");
		buf_printf(w->out, "<label><input type=\"checkbox\" disabled%s> ", checked);
		render_children(w, first);
		buf_puts(w->out, "</label>");
		if (!w->tight)
			buf_puts(w->out, "</p>\n");
		first = cmark_node_next(first);
	} else {
		char *text = md_plain_text(item);
		buf_printf(w->out, "<input type=\"checkbox\" disabled%s", checked);
		if (*text) {
			buf_puts(w->out, " aria-label=\"");
			escape_html_attr(w->out, text, strlen(text));
			buf_putc(w->out, '"');
		}
		buf_putc(w->out, '>');
		free(text);
	}
	for (cmark_node *c = first; c; c = cmark_node_next(c))
		render_node(w, c);
	buf_puts(w->out, "</li>\n");
}

/* Renders the nodes of the extensions; false for any other node. */
static bool render_gfm(struct md_writer *w, cmark_node *n)
{
	if (is_ext(n, "table")) {
		render_table(w, n);
	} else if (is_ext(n, "strikethrough")) {
		buf_puts(w->out, "<del>");
		render_children(w, n);
		buf_puts(w->out, "</del>");
	} else if (is_ext(n, "tasklist")) {
		render_task(w, n);
	} else if (md_table_caption(n) ||
	           (md_figure_caption(n) && w->opt->diagram && mermaid_of(cmark_node_previous(n)))) {
		/* written by the table or the diagram it names */
	} else {
		return false;
	}
	return true;
}

/* Elements whose only job is to wrap their children in one tag. */
static const char *wrapper_tag(cmark_node_type type)
{
	switch (type) {
	case CMARK_NODE_EMPH: return "em";
	case CMARK_NODE_STRONG: return "strong";
	case CMARK_NODE_BLOCK_QUOTE: return "blockquote";
	case CMARK_NODE_ITEM: return "li";
	default: return NULL;
	}
}

static void render_node(struct md_writer *w, cmark_node *n)
{
	if (render_gfm(w, n))
		return;
	cmark_node_type type = cmark_node_get_type(n);
	const char *tag = wrapper_tag(type);
	if (tag) {
		buf_putc(w->out, '<');
		buf_puts(w->out, tag);
		buf_putc(w->out, '>');
		if (type == CMARK_NODE_BLOCK_QUOTE)
			buf_putc(w->out, '\n');
		render_children(w, n);
		buf_puts(w->out, "</");
		buf_puts(w->out, tag);
		buf_puts(w->out, type == CMARK_NODE_ITEM || type == CMARK_NODE_BLOCK_QUOTE ? ">\n" : ">");
		return;
	}
	switch (type) {
	case CMARK_NODE_DOCUMENT:
		render_document(w, n);
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		render_note_ref(w, n);
		break;
	case CMARK_NODE_PARAGRAPH:
		if (w->tight) {
			render_children(w, n);
		} else {
			buf_puts(w->out, "<p>");
			render_children(w, n);
			buf_puts(w->out, "</p>\n");
		}
		break;
	case CMARK_NODE_HEADING:
		render_heading(w, n);
		break;
	case CMARK_NODE_LIST:
		render_list(w, n);
		break;
	case CMARK_NODE_CODE_BLOCK:
		render_code_block(w, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_puts(w->out, "<hr>\n");
		break;
	case CMARK_NODE_TEXT:
		put_text(w, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		buf_putc(w->out, '\n');
		break;
	case CMARK_NODE_LINEBREAK:
		buf_puts(w->out, "<br>\n");
		break;
	case CMARK_NODE_CODE:
		buf_puts(w->out, "<code>");
		put_text(w, cmark_node_get_literal(n));
		buf_puts(w->out, "</code>");
		break;
	case CMARK_NODE_LINK:
		render_link(w, n);
		break;
	case CMARK_NODE_IMAGE:
		render_image(w, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		/* Only there when the site opted in (markdown.raw_html): the
		 * loader removes it otherwise. */
		buf_puts(w->out, cmark_node_get_literal(n));
		break;
	default:
		break;  /* custom nodes: nothing to write */
	}
}

static void render_children(struct md_writer *w, cmark_node *node)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		render_node(w, c);
}

/* Nodes the iterator enters without ever leaving: they have no children. */
static bool is_leaf(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE: return true;
	default: return false;
	}
}

cmark_node *md_too_deep(cmark_node *doc, int max)
{
	cmark_node *found = NULL;
	int depth = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while (found == NULL && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			continue;
		}
		if (depth + 1 > max)
			found = n;
		if (!is_leaf(cmark_node_get_type(n)))
			depth++;
	}
	cmark_iter_free(it);
	return found;
}

void md_strip_html(cmark_node *doc)
{
	/* Collected first: the iterator must not see its tree change. */
	cmark_node **found = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE)) {
			found = xgrow(found, &cap, n + 1, sizeof *found);
			found[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++)
		cmark_node_free(found[i]);
	free(found);
}

/* Numbers doc's notes and counts the references to each. */
static void count_notes(struct md_writer *w, cmark_node *doc)
{
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION)
			w->notes++;
	w->refs = xcalloc((size_t)w->notes + 1, sizeof *w->refs);
	w->seen = xcalloc((size_t)w->notes + 1, sizeof *w->seen);
	if (w->notes == 0)
		return;
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE)
			w->refs[note_number(w, n)]++;
	}
	cmark_iter_free(it);
}

void md_render_html(struct buf *out, cmark_node *doc, const struct md_html_options *opt)
{
	static const struct md_html_options defaults = {.heading_shift = 0};
	struct md_writer w = {.out = out, .opt = opt ? opt : &defaults, .url = BUF_INIT, .encoded = BUF_INIT,
	                      .phrase = BUF_INIT};
	if (doc) {
		count_notes(&w, doc);
		render_node(&w, doc);
	}
	buf_free(&w.url);
	buf_free(&w.encoded);
	buf_free(&w.phrase);
	free(w.refs);
	free(w.seen);
}

void md_headings(cmark_node *doc, const struct md_html_options *opt, md_heading_fn fn, void *ctx)
{
	static const struct md_html_options defaults = {.heading_shift = 0};
	if (opt == NULL)
		opt = &defaults;
	if (doc == NULL)
		return;
	struct buf id = BUF_INIT;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	bool in_part = opt->from == NULL;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == opt->from)
			in_part = true;
		if (opt->until && n == opt->until)
			break;
		if (!in_part || ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		char *title = md_plain_text(n);
		buf_reset(&id);
		heading_id(&id, title, opt);
		fn(ctx, heading_level(n, opt), buf_str(&id), title);
		free(title);
	}
	cmark_iter_free(it);
	buf_free(&id);
}
