#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/text.h"
#include "base/xalloc.h"

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

cmark_node *md_parse(const char *src, size_t len, int options)
{
	pthread_once(&extensions_once, register_extensions);
	cmark_parser *parser = cmark_parser_new(options | CMARK_OPT_FOOTNOTES);
	for (size_t i = 0; i < sizeof gfm_extensions / sizeof gfm_extensions[0]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(gfm_extensions[i]);
		if (ext != NULL)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, src, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

struct md_writer {
	struct buf *out;
	const struct md_html_options *opt;
	bool tight;             /* inside a tight list: paragraphs without <p> */
	struct buf url, encoded;        /* a link's URL on its way out, reused */
};

static void plain_text_into(struct buf *b, cmark_node *node)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			buf_puts(b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			break;
		case CMARK_NODE_IMAGE:
			/* Its alternative text stands in for a picture, not for
			 * words of the text: the page shows none of it. */
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

static void render_code_block(struct md_writer *w, cmark_node *n)
{
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
		render_children(w, n);
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

void md_render_html(struct buf *out, cmark_node *doc, const struct md_html_options *opt)
{
	static const struct md_html_options defaults = {.heading_shift = 0};
	struct md_writer w = {out, opt ? opt : &defaults, false, BUF_INIT, BUF_INIT};
	if (doc)
		render_node(&w, doc);
	buf_free(&w.url);
	buf_free(&w.encoded);
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
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
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
