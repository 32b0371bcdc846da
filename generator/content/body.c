/*
 * body: parses and checks every Markdown text of content, and brings the
 * pattern bodies the loader left on disk back for their pages.
 */
#include "content/body.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/text.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/frontmatter.h"
#include "content/glyphs.h"
#include "content/load.h"
#include "content/markdown.h"

/* ---- links ---------------------------------------------------------- */

void body_links_add(struct body_links *links, const char *url, struct pos at)
{
	size_t n = strcspn(url, "#?");
	links->items = xgrow(links->items, &links->cap, links->len + 1, sizeof *links->items);
	links->items[links->len++] = (struct site_link){.path = xstrndup(url, n), .at = at};
}

void body_links_append(struct body_links *into, struct body_links *from)
{
	if (from->len == 0)
		return;
	into->items = xgrow(into->items, &into->cap, into->len + from->len, sizeof *into->items);
	memcpy(into->items + into->len, from->items, from->len * sizeof *from->items);
	into->len += from->len;
	free(from->items);
	*from = (struct body_links){.items = NULL};
}

void body_links_free(struct body_links *links)
{
	if (links == NULL)
		return;
	for (size_t i = 0; i < links->len; i++)
		free(links->items[i].path);
	free(links->items);
	*links = (struct body_links){.items = NULL};
}

/* ---- parsing and checking ------------------------------------------- */

/* Where the checks of one text go. */
struct checker {
	struct diag *d;
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

static void check_link(const struct checker *c, cmark_node *n, cmark_node_type type, struct pos here)
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
	} else if (url[0] == '/' && url[1] != '/' && c->links) {
		body_links_add(c->links, url, here);
	}
	/* A page served over https may not load a resource over http. */
	if (type == CMARK_NODE_IMAGE && text_starts_with(url, "http:"))
		diag_error(c->d, here, "image '%s' is loaded over http://; use https:// or a file under static/", url);
	if (type == CMARK_NODE_IMAGE && cmark_node_first_child(n) == NULL)
		diag_error(c->d, here, "image '%s' has no alternative text; write it between the brackets: ![what it shows](%s)", url, url);
}

/* Walks a Markdown tree for links into the site and for what content may
 * not hold: script URLs and images without a text alternative. */
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
		} else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
			check_link(c, n, type, node_pos(n, at));
		}
	}
	cmark_iter_free(it);
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
	struct checker c = {.d = d, .raw_html = raw_html, .links = links};
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
