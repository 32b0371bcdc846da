/*
 * body: parses and checks every Markdown text of content, and brings the
 * pattern bodies the loader left on disk back for their pages.
 */
#include "content/body.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "base/text.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/frontmatter.h"
#include "content/glyphs.h"
#include "content/images.h"
#include "content/load.h"
#include "content/markdown.h"
#include "content/mermaid.h"

/* ---- links ---------------------------------------------------------- */

void body_links_add(struct body_links *links, const char *url, struct pos at)
{
	size_t n = strcspn(url, "#?");
	const char *hash = strchr(url, '#');
	links->items = xgrow(links->items, &links->cap, links->len + 1, sizeof *links->items);
	links->items[links->len++] = (struct site_link){
		.path = xstrndup(url, n), .fragment = hash && hash[1] ? xstrdup(hash + 1) : NULL, .at = at};
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void body_links_add_same(struct body_links *links, const struct site_link *l, const char *file)
{
	links->items = xgrow(links->items, &links->cap, links->len + 1, sizeof *links->items);
	links->items[links->len++] = (struct site_link){xstrdup(l->path), dup_or_null(l->fragment),
	                                                dup_or_null(l->written), {file, l->at.line, l->at.col},
	                                                dup_or_null(l->copy)};
}

void body_resolve(struct buf *out, const char *base, const char *ref)
{
	size_t ref_path = strcspn(ref, "#?");
	if (ref_path == 0) {            /* "#id" or "?q": the page itself */
		buf_puts(out, base);
		buf_puts(out, ref);
		return;
	}
	const char *last = strrchr(base, '/');
	buf_put(out, base, (size_t)(last - base) + 1);          /* the page's folder */
	const char *seg = ref;
	while (seg < ref + ref_path) {
		size_t len = strcspn(seg, "/#?");
		bool slash = seg[len] == '/';
		if (len == 1 && seg[0] == '.') {
			/* nothing: the same folder */
		} else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out->len > 1) {     /* up a folder, never above "/" */
				out->len--;
				while (out->len > 0 && out->data[out->len - 1] != '/')
					out->len--;
				out->data[out->len] = '\0';
			}
		} else {
			buf_put(out, seg, len);
			if (slash)
				buf_putc(out, '/');
		}
		seg += len + (slash ? 1 : 0);
	}
	buf_puts(out, ref + ref_path);
}

void body_links_add_relative(struct body_links *links, const char *ref, struct pos at)
{
	struct buf path = BUF_INIT;
	body_resolve(&path, links->base, ref);
	body_links_add(links, buf_str(&path), at);
	links->items[links->len - 1].written = xstrdup(ref);
	buf_free(&path);
}

void body_links_add_copy(struct body_links *links, const char *url, const char *file, struct pos at)
{
	body_links_add(links, url, at);
	links->items[links->len - 1].copy = xstrdup(file);
}

void body_links_append(struct body_links *into, struct body_links *from)
{
	if (from->len == 0)
		return;
	into->items = xgrow(into->items, &into->cap, into->len + from->len, sizeof *into->items);
	memcpy(into->items + into->len, from->items, from->len * sizeof *from->items);
	into->len += from->len;
	free(from->items);
	*from = (struct body_links){.base = from->base};
}

void body_links_free(struct body_links *links)
{
	if (links == NULL)
		return;
	for (size_t i = 0; i < links->len; i++) {
		free(links->items[i].path);
		free(links->items[i].copy);
		free(links->items[i].fragment);
		free(links->items[i].written);
	}
	free(links->items);
	*links = (struct body_links){.base = links->base};
}

/* ---- parsing and checking ------------------------------------------- */

/* Where the checks of one text go. */
struct checker {
	const struct md *m;             /* the text checked */
	struct diag *d;
	const char *src;        /* the text the tree was parsed from */
	bool raw_html;
	struct body_links *links;       /* may be NULL */
};

/* The position of node n of a text that starts at at. */
static struct pos node_pos(cmark_node *n, struct pos at)
{
	struct pos here = at;
	if (cmark_node_get_start_line(n) > 0) {
		here.line = at.line + cmark_node_get_start_line(n) - 1;
		here.col = at.col - 1 + cmark_node_get_start_column(n);  /* the text may start mid-line */
	}
	return here;
}

/* Whether url leaves the site: a scheme ("https:") or a host ("//x"). */
static bool leaves_site(const char *url)
{
	const char *colon = strchr(url, ':');
	size_t before = strcspn(url, "/?#");
	return (colon && (size_t)(colon - url) < before) || (url[0] == '/' && url[1] == '/');
}

/* A link within the site: a site path is kept as written, a relative
 * link or a '#id' resolved against the page the text is shown on, and a
 * text shown on more than one place (links->base NULL) may not hold one,
 * since it would lead somewhere else from each. */
static void collect_link(const struct checker *c, const char *url, struct pos here)
{
	if (c->links == NULL || *url == '\0')
		return;
	if (url[0] == '/')
		body_links_add(c->links, url, here);
	else if (c->links->base)
		body_links_add_relative(c->links, url, here);
	else
		diag_error(c->d, here, "link to '%s' in a text shown on every page, where it would lead somewhere else from each; write a site path that starts with '/'",
		           url);
}

static void check_link(const struct checker *c, cmark_node *n, struct pos here)
{
	const char *url = cmark_node_get_url(n);
	if (url == NULL)
		url = "";
	const char *colon = strchr(url, ':');
	const char *slash = strchr(url, '/');
	bool has_scheme = colon && (slash == NULL || colon < slash);
	if (has_scheme && !text_starts_with(url, "https:") && !text_starts_with(url, "http:") &&
	    !text_starts_with(url, "mailto:")) {
		diag_error(c->d, here, "link to '%s': only https:, http: and mailto: links are allowed; write the link with one of them, or remove it", url);
	} else if (!leaves_site(url)) {
		collect_link(c, url, here);
	}
}

/* Whether an image's URL names another site: the pages' Content-Security-
 * Policy lets them load images from their own site only. */
static bool remote_image(const char *url)
{
	return text_starts_with(url, "https:") || text_starts_with(url, "http:") || text_starts_with(url, "//");
}

/* An image: a file of the site with a text alternative (an empty one only
 * when marked decorative), found and measured (images.h) when the text
 * knows its build; a file beside the Markdown is noted for the build to
 * publish. */
static void check_image(const struct checker *c, cmark_node *n, struct pos here)
{
	const char *url = cmark_node_get_url(n);
	if (url == NULL)
		url = "";
	const char *title = cmark_node_get_title(n);
	bool decorative = title && strcmp(title, IMAGE_DECORATIVE) == 0;
	if (cmark_node_first_child(n) == NULL && !decorative)
		diag_error(c->d, here,
		           "image '%s' has no alternative text; write it between the brackets: ![what it shows](%s), "
		           "or mark an image that only decorates: ![](%s \"" IMAGE_DECORATIVE "\")",
		           url, url, url);
	if (remote_image(url)) {
		diag_error(c->d, here,
		           "image '%s' is remote; the pages' Content-Security-Policy loads images from the site only: "
		           "download it into static/ and write its site path, such as /images/name.png",
		           url);
		return;
	}
	const char *colon = strchr(url, ':');
	const char *slash = strchr(url, '/');
	if (colon && (slash == NULL || colon < slash)) {
		diag_error(c->d, here, "image '%s' is not a file of the site; put the file in static/ and write its site path, such as /images/name.png", url);
		return;
	}
	/* Without its build (a text checked alone), a site path is still a
	 * link the build must produce. */
	if (c->m->image_source && !image_resolve(n, c->m->at.file, c->m->image_source, c->m->image_theme, here, c->d))
		return;
	const struct image *img = image_of(n);
	if (c->links && img && img->beside)
		body_links_add_copy(c->links, img->url, img->file, here);
	else if (c->links && url[0] == '/')
		body_links_add(c->links, url, here);
}

void body_images_from(struct md *m, const struct options *opt)
{
	m->image_source = opt ? opt->source : NULL;
	m->image_theme = opt ? opt->theme : NULL;
}

/* ---- GFM that would not come out as written ------------------------- */

/* The position of column col (from 1) of line line (from 1) of a text
 * that starts at at, as node_pos counts. */
static struct pos line_pos(struct pos at, int line, int col)
{
	struct pos here = at;
	here.line = at.line + line - 1;
	here.col = at.col - 1 + col;
	return here;
}

/* The start of line line (from 1) of src, or NULL past its end. */
static const char *line_start(const char *src, int line)
{
	const char *p = src;
	for (int k = 1; k < line && p; k++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return p && *p ? p : NULL;
}

/* Whether a line of src starts "|" after spaces and quote marks. */
static bool starts_with_pipe(const char *line)
{
	while (*line == ' ' || *line == '\t' || *line == '>')
		line++;
	return *line == '|';
}

/* A paragraph of two lines or more, each starting with "|", is a table
 * that did not parse (no delimiter row under its first line): it would
 * show its pipes. */
static void check_table_like(const struct checker *c, cmark_node *para, struct pos at)
{
	int first = cmark_node_get_start_line(para), last = cmark_node_get_end_line(para);
	if (first < 1 || last <= first)
		return;
	for (int line = first; line <= last; line++) {
		const char *p = line_start(c->src, line);
		if (p == NULL || !starts_with_pipe(p))
			return;
	}
	diag_warn(c->d, node_pos(para, at),
	          "these lines look like a table but show as text with their pipes; put a delimiter row such "
	          "as | --- | --- | under the header row, with as many cells as it");
}

/* A "Table: " paragraph names the table right after it; with none, it
 * would show as a paragraph. */
static void check_caption(const struct checker *c, cmark_node *para, struct pos at)
{
	cmark_node *first = cmark_node_first_child(para);
	if (first == NULL || cmark_node_get_type(first) != CMARK_NODE_TEXT ||
	    !text_starts_with(cmark_node_get_literal(first), "Table: ") || md_table_caption(para))
		return;
	diag_warn(c->d, node_pos(para, at),
	          "a 'Table: ' line is a caption only right above a table; it shows as text here; put the table "
	          "under it (a blank line between them), or reword the line");
}

/* Text that reads "[^label]" is a footnote reference with no definition:
 * cmark leaves it as it is written. */
static void check_undefined_note(const struct checker *c, cmark_node *text, struct pos at)
{
	const char *s = cmark_node_get_literal(text);
	const char *open = s ? strstr(s, "[^") : NULL;
	if (open == NULL)
		return;
	size_t len = strcspn(open + 2, "] \t\n[");
	if (len == 0 || open[2 + len] != ']')
		return;
	diag_warn(c->d, node_pos(text, at),
	          "footnote [^%.*s] has no definition and shows as written; add a line '[^%.*s]: the note' "
	          "to the text, or write \\[^%.*s] to mean the brackets",
	          (int)len, open + 2, (int)len, open + 2, (int)len, open + 2);
}

/* The label of a footnote definition line ("[^label]:" after at most three
 * spaces) into label (at most size - 1 bytes); false when it is none. */
static bool definition_label(const char *line, char *label, size_t size, int *col)
{
	int indent = 0;
	while (indent < 4 && line[indent] == ' ')
		indent++;
	if (indent > 3 || strncmp(line + indent, "[^", 2) != 0)
		return false;
	const char *name = line + indent + 2;
	size_t len = strcspn(name, "] \t\n[");
	if (len == 0 || len >= size || name[len] != ']' || name[len + 1] != ':')
		return false;
	memcpy(label, name, len);
	label[len] = '\0';
	*col = indent + 1;
	return true;
}

/* Whether a block of doc that holds its lines as written (code, HTML)
 * covers line, or a footnote definition starts there. */
static bool line_accounted(cmark_node *doc, int line, bool *kept)
{
	*kept = false;
	bool covered = false;
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; !covered && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_FOOTNOTE_DEFINITION && first == line)
			*kept = covered = true;
		if ((t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) && first <= line && line <= last)
			covered = true;
	}
	cmark_iter_free(it);
	return covered;
}

/* cmark drops a footnote definition that nothing references, and the
 * second of two with one label, without a word: both are found here
 * from the source lines that start like one. */
static void check_dropped_notes(const struct checker *c, cmark_node *doc, struct pos at)
{
	char **seen = NULL;
	size_t nseen = 0, cap = 0;
	int line = 1;
	for (const char *p = c->src; p && *p; line++) {
		char label[128];
		int col = 0;
		bool kept = false;
		if (definition_label(p, label, sizeof label, &col) && !line_accounted(doc, line, &kept)) {
			bool again = false;
			for (size_t i = 0; i < nseen && !again; i++)
				again = strcasecmp(seen[i], label) == 0;
			if (again)
				diag_warn(c->d, line_pos(at, line, col),
				          "footnote [^%s] is defined a second time and this definition is left out; "
				          "give it a label of its own, or delete it", label);
			else
				diag_warn(c->d, line_pos(at, line, col),
				          "footnote [^%s] is never referenced and is left out; reference it with [^%s] "
				          "where it belongs, or delete it", label, label);
		}
		if (kept || definition_label(p, label, sizeof label, &col)) {
			seen = xgrow(seen, &cap, nseen + 1, sizeof *seen);
			seen[nseen++] = xstrdup(label);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
}

/* Walks a Markdown tree for links into the site and for what content may
 * not hold: script URLs and images without a text alternative.  A Mermaid
 * block is read here, so its mistakes are found by `folio check` and
 * before anything is written, and its diagram hangs on its node for the
 * renderers (mermaid.h). */
static void check_markdown(const struct checker *c, cmark_node *doc, struct pos at)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
			if (!c->raw_html)
				diag_warn(c->d, node_pos(n, at), "raw HTML in Markdown is left out of the page; write it in Markdown, or set markdown: {raw_html: true} in site.yaml");
		} else if (type == CMARK_NODE_LINK) {
			check_link(c, n, node_pos(n, at));
		} else if (type == CMARK_NODE_IMAGE) {
			check_image(c, n, node_pos(n, at));
		} else if (type == CMARK_NODE_CODE_BLOCK && mermaid_is_block(n)) {
			mermaid_resolve(n, node_pos(n, at), c->d);
		} else if (type == CMARK_NODE_PARAGRAPH) {
			check_table_like(c, n, at);
			check_caption(c, n, at);
		} else if (type == CMARK_NODE_TEXT) {
			check_undefined_note(c, n, at);
		}
	}
	cmark_iter_free(it);
	check_dropped_notes(c, doc, at);
}

bool body_parse(struct md *m, const char *src, struct pos at, bool raw_html, struct body_links *links,
                struct diag *d)
{
	m->src = xstrdup(src);
	m->at = at;
	m->raw_html = raw_html;
	/* No CMARK_OPT_VALIDATE_UTF8: every text was checked while read
	 * (textfile_clean, libyaml); cmark need not walk it again. */
	m->doc = md_parse(m->src, strlen(m->src), CMARK_OPT_SMART);
	cmark_node *deep = md_too_deep(m->doc, MD_MAX_DEPTH);
	if (deep != NULL) {
		/* Refused before anything walks it: the renderers recurse. */
		struct pos here = at;
		if (cmark_node_get_start_line(deep) > 0)
			here.line = at.line + cmark_node_get_start_line(deep) - 1;
		diag_error(d, here, "Markdown nested more than %d levels deep; flatten the lists, quotes or emphasis",
		           MD_MAX_DEPTH);
		/* Emptied: the renderers get no part of it. */
		for (cmark_node *c; (c = cmark_node_first_child(m->doc)) != NULL;)
			cmark_node_free(c);     /* unlinks it too */
		return false;
	}
	struct checker c = {.m = m, .d = d, .src = m->src, .raw_html = raw_html, .links = links};
	check_markdown(&c, m->doc, at);
	if (!raw_html)
		md_strip_html(m->doc);
	return true;
}

void body_report_empty(struct diag *d, struct pos at)
{
	diag_error(d, at, "the text after the front matter is empty; write it in Markdown");
}

/* ---- bodies read back ----------------------------------------------- */

/* The fingerprint of a file's bytes that struct md keeps. */
static uint64_t file_hash(const char *bytes, size_t len)
{
	struct hash h = hash_bytes(bytes, len);
	return h.a ^ h.b;
}

/* Parses a body read back and, with check, checks it as the loader checks
 * every text kept in memory; without, its mistakes go nowhere. */
static bool parse_body(struct md *m, const char *src, const struct body_check *check, struct diag *d)
{
	struct diag quiet;
	diag_init(&quiet, NULL);
	struct diag *to = check ? d : &quiet;
	size_t errors_before = to->errors;
	bool ok = body_parse(m, src, m->at, m->raw_html, check ? check->links : NULL, to);
	if (ok && cmark_node_first_child(m->doc) == NULL) {
		body_report_empty(to, m->at);
		ok = false;
	}
	if (ok && check && check->fonts)
		ok = glyphs_check_markdown(m, check->fonts, d);
	ok = ok && to->errors == errors_before;
	diag_free(&quiet);
	return ok;
}

/* Whether text (len bytes, as read from m's file) is the file that was
 * loaded, its body starting where it did; *rest is then the body. */
static bool same_file(const struct md *m, char *text, size_t len, const char **rest)
{
	const char *file = m->at.file;
	const char *yaml;
	size_t yaml_len;
	int body_line = 0;
	struct diag quiet;
	diag_init(&quiet, NULL);
	/* The whole file must be the one loaded: its front matter is in the
	 * model beside this body. */
	bool same = file_hash(text, len) == m->hash && textfile_clean(text, &len, file, &quiet) &&
	            frontmatter_split(text, file, &yaml, &yaml_len, rest, &body_line, &quiet) &&
	            body_line == m->at.line;
	diag_free(&quiet);
	return same;
}

bool body_open(const struct md *m, struct body *b, const struct body_check *check, struct diag *d)
{
	*b = (struct body){.md = *m, .owned = false};
	if (!m->on_disk)
		return true;
	const char *file = m->at.file;
	size_t len = 0;
	char *text = textfile_read(file, file, LOAD_MAX_FILE_SIZE, &len, d);
	const char *rest = NULL;
	bool ok = false;
	if (text && same_file(m, text, len, &rest)) {
		b->md.on_disk = false;
		b->owned = true;
		ok = parse_body(&b->md, rest, check, d);
	} else if (text) {
		diag_error(d, m->at, "the file changed while Folio was building; build again");
	}
	free(text);
	return ok;
}

void body_close(struct body *b)
{
	if (b->owned) {
		free(b->md.src);
		cmark_node_free(b->md.doc);
	}
	b->md.src = NULL;
	b->md.doc = NULL;
	b->owned = false;
}

cmark_node *body_pitfall_sources(const struct site *site, cmark_node *doc)
{
	const char *word = model_string(site, "sources");
	size_t len = strlen(word);
	for (cmark_node *n = doc ? cmark_node_first_child(doc) : NULL; n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING || cmark_node_get_heading_level(n) != 2)
			continue;
		cmark_node *first = cmark_node_first_child(n);
		const char *words =
			first && cmark_node_get_type(first) == CMARK_NODE_TEXT ? cmark_node_get_literal(first) : NULL;
		if (words && strncmp(words, word, len) == 0 && (words[len] == '\0' || words[len] == ' '))
			return n;
	}
	return NULL;
}
