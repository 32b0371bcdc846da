/* Markdown to HTML nodes: cmark's parse (as the loader calls it), raw
 * HTML removed (the default), then Folio's HTML renderer with heading shifts, id prefixes, self links and
 * the link hook, the list of headings, and the plain-text renderer. */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "base/buf.h"
#include "content/markdown.h"
#include "fuzz.h"

static void relative_link(void *ctx, const char *url, struct buf *out)
{
	(void)ctx;
	if (url[0] == '/')
		buf_puts(out, "../..");
	buf_puts(out, url);
}

/* md_headings' callback: a level the HTML cannot have is a bug. */
static void check_heading(void *ctx, int level, const char *id, const char *text)
{
	(void)ctx;
	(void)text;
	if (level < 1 || level > 6 || id[0] == '\0')
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int shift = data[0] % 7;
	cmark_node *doc = md_parse((const char *)data + 1, size - 1, CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
	/* What the loader refuses never reaches a renderer. */
	if (md_too_deep(doc, MD_MAX_DEPTH) != NULL) {
		cmark_node_free(doc);
		return 0;
	}
	md_strip_html(doc);     /* as the loader does unless the site opts in */
	struct md_html_options opt = {.heading_shift = shift,
	                              .id_prefix = shift % 2 ? "faq-x-" : NULL,
	                              .link = shift % 3 ? relative_link : NULL,
	                              .self_link_class = shift % 5 ? "self" : NULL,
	                              .note_ref = "n{number}",
	                              .note_back = "b{number}",
	                              .note_back_nth = "b{ref}{number}",
	                              .table = "t{columns}",
	                              .note_prefix = shift % 7 ? "n-" : NULL};
	struct buf html = BUF_INIT;
	md_render_html(&html, doc, &opt);
	md_headings(doc, &opt, check_heading, NULL);
	/* Raw HTML is never passed through: no tag the renderer did not write. */
	if (strstr(buf_str(&html), "<script") != NULL)
		__builtin_trap();
	char *plain = md_plain_text(doc);
	struct buf slug = BUF_INIT;
	md_slugify(&slug, plain);
	buf_free(&slug);
	free(plain);
	buf_free(&html);
	cmark_node_free(doc);
	return 0;
}
