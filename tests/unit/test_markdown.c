/* Unit tests of markdown.h: HTML from a cmark tree, plain text, slugs. */
#define HARNESS_NAME "markdown"
#include "harness.h"


#include "content/markdown.h"

#include <pthread.h>

/* Renders src (parsed with cmark's defaults) with opt, raw HTML removed
 * as the loader does by default; caller frees. */
static char *html_opts(const char *src, int cmark_options, const struct md_html_options *opt)
{
	cmark_node *doc = md_parse(src, strlen(src), cmark_options);
	md_strip_html(doc);
	struct buf b = BUF_INIT;
	md_render_html(&b, doc, opt);
	cmark_node_free(doc);
	return buf_detach(&b);
}

static char *html(const char *src)
{
	return html_opts(src, CMARK_OPT_DEFAULT, NULL);
}

#define CHECK_HTML(src, want)               \
	do {                                \
		char *got_ = html(src);     \
		CHECK_STR(got_, want);      \
		free(got_);                 \
	} while (0)

static void test_paragraphs_and_inlines(void)
{
	CHECK_HTML("Hello *world* and **bold** `code`.\n",
	           "<p>Hello <em>world</em> and <strong>bold</strong> <code>code</code>.</p>\n");
	CHECK_HTML("one\ntwo\n\nthree\n", "<p>one\ntwo</p>\n<p>three</p>\n");
	CHECK_HTML("hard  \nbreak\n", "<p>hard<br>\nbreak</p>\n");
	CHECK_HTML("> quoted\n", "<blockquote>\n<p>quoted</p>\n</blockquote>\n");
	CHECK_HTML("a\n\n***\n", "<p>a</p>\n<hr>\n");
	CHECK_HTML("", "");
}

static void test_text_is_escaped(void)
{
	/* Escaped angle brackets are text, and text is escaped. */
	CHECK_HTML("a \\<script\\>alert(1)\\</script\\> & b\n",
	           "<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b</p>\n");
	CHECK_HTML("`<b>&amp;</b>`\n", "<p><code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code></p>\n");
	CHECK_HTML("```c x\nif (a < b && c) {}\n```\n",
	           "<pre><code class=\"language-c\">if (a &lt; b &amp;&amp; c) {}\n</code></pre>\n");
	CHECK_HTML("    <indented code>\n", "<pre><code>&lt;indented code&gt;\n</code></pre>\n");
	/* Entities in the source are decoded by cmark, then escaped again. */
	CHECK_HTML("&lt;tag&gt; &amp; &copy;\n", "<p>&lt;tag&gt; &amp; \xC2\xA9</p>\n");
	/* A fence info string with a quote cannot break out of the attribute. */
	CHECK_HTML("```a\"b\nx\n```\n", "<pre><code class=\"language-a&quot;b\">x\n</code></pre>\n");
}

static void test_raw_html_is_left_out(void)
{
	/* Inline HTML tags are dropped; the text between them stays, escaped. */
	CHECK_HTML("Hello <script>alert(1)</script> & bye\n", "<p>Hello alert(1) &amp; bye</p>\n");
	CHECK_HTML("a <b onclick=\"x()\">b</b> c\n", "<p>a b c</p>\n");
	/* HTML blocks are dropped whole. */
	CHECK_HTML("<div>\n<script>alert(1)</script>\n</div>\n\nafter\n", "<p>after</p>\n");
	CHECK_HTML("<!-- comment -->\n\ntext\n", "<p>text</p>\n");
	CHECK_HTML("<script>\nalert(1)\n</script>\n", "");
}

/* With markdown.raw_html the loader keeps the HTML, and it is written as
 * it is, between escaped Markdown. */
static void test_raw_html_when_kept(void)
{
	const char *src = "<div class=\"x\">\n<b>x</b>\n</div>\n\na <i>b</i> & c\n";
	cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
	struct buf b = BUF_INIT;
	md_render_html(&b, doc, NULL);
	CHECK_STR(buf_str(&b), "<div class=\"x\">\n<b>x</b>\n</div>\n<p>a <i>b</i> &amp; c</p>\n");
	buf_free(&b);
	cmark_node_free(doc);
}

/* Nesting depth: the document is level 1, each quote one more, then the
 * paragraph and its text. */
static void test_too_deep(void)
{
	char src[128];
	for (int k = 28; k <= 31; k++) {
		memset(src, '>', (size_t)k);
		strcpy(src + k, " x\n");
		cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
		cmark_node *deep = md_too_deep(doc, 32);
		if (k <= 29)
			CHECK(deep == NULL);
		else
			CHECK(deep != NULL && cmark_node_get_type(deep) == (k == 30 ? CMARK_NODE_TEXT : CMARK_NODE_PARAGRAPH));
		cmark_node_free(doc);
	}
}

static void test_headings(void)
{
	CHECK_HTML("# Hello, World!\n", "<h1 id=\"hello-world\">Hello, World!</h1>\n");
	struct md_html_options opt = {.heading_shift = 1, .id_prefix = "x-"};
	char *got = html_opts("# Top\n\n## Sub *part*\n", CMARK_OPT_DEFAULT, &opt);
	CHECK_STR(got, "<h2 id=\"x-top\">Top</h2>\n<h3 id=\"x-sub-part\">Sub <em>part</em></h3>\n");
	free(got);
	/* Levels are capped at 6 and never go below 1. */
	struct md_html_options deep = {.heading_shift = 2};
	got = html_opts("##### Five\n###### Six\n", CMARK_OPT_DEFAULT, &deep);
	CHECK_STR(got, "<h6 id=\"five\">Five</h6>\n<h6 id=\"six\">Six</h6>\n");
	free(got);
	struct md_html_options up = {.heading_shift = -3};
	got = html_opts("## Two\n", CMARK_OPT_DEFAULT, &up);
	CHECK_STR(got, "<h1 id=\"two\">Two</h1>\n");
	free(got);
	/* The id prefix is an attribute value: it is escaped. */
	struct md_html_options odd = {.id_prefix = "a\"b-"};
	got = html_opts("# T\n", CMARK_OPT_DEFAULT, &odd);
	CHECK_STR(got, "<h1 id=\"a&quot;b-t\">T</h1>\n");
	free(got);
	/* A heading with no letters or digits still gets an id. */
	CHECK_HTML("# ... !\n", "<h1 id=\"section\">... !</h1>\n");
	CHECK_HTML("# <b>x</b> & y\n", "<h1 id=\"x-y\">x &amp; y</h1>\n");
}

static void test_self_links(void)
{
	/* h2 and h3 (after the shift) link to their own id; others do not. */
	struct md_html_options opt = {.heading_shift = 1, .id_prefix = "g-", .self_link_class = "self"};
	char *got = html_opts("# One *em*\n\n## Two\n\n### Three\n", CMARK_OPT_DEFAULT, &opt);
	CHECK_STR(got, "<h2 id=\"g-one-em\"><a class=\"self\" href=\"#g-one-em\">One <em>em</em></a></h2>\n"
	               "<h3 id=\"g-two\"><a class=\"self\" href=\"#g-two\">Two</a></h3>\n"
	               "<h4 id=\"g-three\">Three</h4>\n");
	free(got);
	/* A heading holding a link keeps it and gets none: links cannot nest. */
	struct md_html_options plain = {.self_link_class = "self"};
	got = html_opts("## See [x](/y/)\n", CMARK_OPT_DEFAULT, &plain);
	CHECK_STR(got, "<h2 id=\"see-x\">See <a href=\"/y/\">x</a></h2>\n");
	free(got);
	/* The class is an attribute value: escaped; an empty one is left out. */
	struct md_html_options odd = {.id_prefix = "a\"b-", .self_link_class = "x\"y"};
	got = html_opts("## T\n", CMARK_OPT_DEFAULT, &odd);
	CHECK_STR(got, "<h2 id=\"a&quot;b-t\"><a class=\"x&quot;y\" href=\"#a%22b-t\">T</a></h2>\n");
	free(got);
	struct md_html_options bare = {.self_link_class = ""};
	got = html_opts("## T\n", CMARK_OPT_DEFAULT, &bare);
	CHECK_STR(got, "<h2 id=\"t\"><a href=\"#t\">T</a></h2>\n");
	free(got);
}

/* md_headings' callback: appends "level id text;" to a buffer. */
static void note_heading(void *ctx, int level, const char *id, const char *text)
{
	buf_printf(ctx, "%d %s %s;", level, id, text);
}

static void test_headings_listed(void)
{
	const char *src = "Intro\n\n## When *to* use it\n\ntext\n\n> ### Quoted\n\n# Top\n\n###### Deep\n";
	cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
	struct buf b = BUF_INIT;
	md_headings(doc, NULL, note_heading, &b);
	CHECK_STR(buf_str(&b), "2 when-to-use-it When to use it;3 quoted Quoted;1 top Top;6 deep Deep;");
	/* The levels and ids are the ones the HTML gets under the same options. */
	buf_reset(&b);
	struct md_html_options opt = {.heading_shift = 1, .id_prefix = "p-"};
	md_headings(doc, &opt, note_heading, &b);
	CHECK_STR(buf_str(&b), "3 p-when-to-use-it When to use it;4 p-quoted Quoted;2 p-top Top;6 p-deep Deep;");
	struct buf written = BUF_INIT;
	md_render_html(&written, doc, &opt);
	CHECK(strstr(buf_str(&written), "<h3 id=\"p-when-to-use-it\">") != NULL);
	CHECK(strstr(buf_str(&written), "<h2 id=\"p-top\">") != NULL);
	buf_free(&written);
	cmark_node_free(doc);
	/* No document, no heading. */
	buf_reset(&b);
	md_headings(NULL, NULL, note_heading, &b);
	CHECK_INT(b.len, 0);
	buf_free(&b);
}

/* A text written in two parts (from/until) is the whole text cut at one
 * block: together they make the same HTML, the notes come with the part
 * that reaches the end, and the second part's note references keep their
 * numbers; md_headings lists each part's headings only. */
static void test_parts(void)
{
	const char *src = "Intro[^a].\n\n## First\n\nx[^a].\n\n## Sources for it\n\ny[^a].\n\n[^a]: Note.\n";
	cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
	cmark_node *cut = cmark_node_next(cmark_node_next(cmark_node_next(cmark_node_first_child(doc))));
	CHECK_INT(cmark_node_get_type(cut), CMARK_NODE_HEADING);
	struct md_html_options whole = {.id_prefix = "g-"};
	struct md_html_options before = {.id_prefix = "g-", .until = cut};
	struct md_html_options after = {.id_prefix = "g-", .from = cut};
	struct buf all = BUF_INIT, parts = BUF_INIT, first = BUF_INIT;
	md_render_html(&all, doc, &whole);
	md_render_html(&first, doc, &before);
	md_render_html(&parts, doc, &before);
	md_render_html(&parts, doc, &after);
	CHECK_STR(buf_str(&parts), buf_str(&all));
	CHECK(strstr(buf_str(&first), "footnotes") == NULL);
	CHECK(strstr(buf_str(&first), "Sources") == NULL);
	CHECK(strstr(buf_str(&all), "id=\"g-fnref-1-3\"") != NULL);
	struct buf heads = BUF_INIT;
	md_headings(doc, &before, note_heading, &heads);
	CHECK_STR(buf_str(&heads), "2 g-first First;");
	buf_reset(&heads);
	md_headings(doc, &after, note_heading, &heads);
	CHECK_STR(buf_str(&heads), "2 g-sources-for-it Sources for it;");
	buf_free(&heads);
	buf_free(&all);
	buf_free(&parts);
	buf_free(&first);
	cmark_node_free(doc);
}

static void test_slugify(void)
{
	struct buf b = BUF_INIT;
	md_slugify(&b, "Hello, World!");
	CHECK_STR(buf_str(&b), "hello-world");
	buf_reset(&b);
	md_slugify(&b, "  --When NOT to use it?--  ");
	CHECK_STR(buf_str(&b), "when-not-to-use-it");
	buf_reset(&b);
	md_slugify(&b, "Caf\xC3\xA9 au lait 2");  /* non-ASCII letters separate words */
	CHECK_STR(buf_str(&b), "caf-au-lait-2");
	buf_reset(&b);
	md_slugify(&b, "");
	CHECK_STR(buf_str(&b), "section");
	buf_reset(&b);
	/* It appends: a prefix already in the buffer is kept and not followed by '-'. */
	buf_puts(&b, "faq-");
	md_slugify(&b, " Why?");
	CHECK_STR(buf_str(&b), "faq-why");
	buf_reset(&b);
	buf_puts(&b, "p-");
	md_slugify(&b, "!!!");
	CHECK_STR(buf_str(&b), "p-section");
	buf_free(&b);
}

/* A link callback that records what it saw and prefixes site paths. */
struct seen {
	char urls[8][128];
	int n;
};

static void relative_link(void *ctx, const char *url, struct buf *out)
{
	struct seen *s = ctx;
	if (s->n < 8)
		snprintf(s->urls[s->n++], sizeof s->urls[0], "%s", url);
	if (url[0] == '/' && url[1] != '/') {
		buf_puts(out, "../../");
		buf_puts(out, url + 1);
	} else {
		buf_puts(out, url);
	}
}

static void test_links_go_through_callback(void)
{
	struct seen s = {{{0}}, 0};
	struct md_html_options opt = {.link = relative_link, .link_ctx = &s};
	char *got = html_opts("See [the pattern](/resources/x/patterns/y/#top \"The \\\"Y\\\" pattern\") "
	                      "and [docs](https://e.org/a?b=1&c=2).\n",
	                      CMARK_OPT_DEFAULT, &opt);
	CHECK_STR(got, "<p>See <a href=\"../../resources/x/patterns/y/#top\" title=\"The &quot;Y&quot; pattern\">the pattern</a> "
	               "and <a href=\"https://e.org/a?b=1&amp;c=2\" rel=\"noopener\">docs</a>.</p>\n");
	free(got);
	CHECK_INT(s.n, 2);
	CHECK_STR(s.urls[0], "/resources/x/patterns/y/#top");
	CHECK_STR(s.urls[1], "https://e.org/a?b=1&c=2");

	/* Images too; the alt text is plain text. */
	s.n = 0;
	got = html_opts("![A *small* \"logo\"](/images/logo.svg)\n", CMARK_OPT_DEFAULT, &opt);
	CHECK_STR(got, "<p><img src=\"../../images/logo.svg\" alt=\"A small &quot;logo&quot;\" loading=\"lazy\"></p>\n");
	free(got);
	CHECK_INT(s.n, 1);
}

static void test_link_urls_are_encoded(void)
{
	/* Without a callback URLs are written as they are, but encoded. */
	CHECK_HTML("[a](<x y>)\n", "<p><a href=\"x%20y\">a</a></p>\n");
	CHECK_HTML("[a](/caf\xC3\xA9/)\n", "<p><a href=\"/caf%C3%A9/\">a</a></p>\n");
	CHECK_HTML("[mail](mailto:a@b.org)\n", "<p><a href=\"mailto:a@b.org\">mail</a></p>\n");
	CHECK_HTML("<https://e.org/>\n", "<p><a href=\"https://e.org/\" rel=\"noopener\">https://e.org/</a></p>\n");
}

static void test_lists(void)
{
	/* Tight lists have no <p> in their items; loose lists do. */
	CHECK_HTML("- a\n- b\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
	CHECK_HTML("- a\n\n- b\n", "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>\n");
	CHECK_HTML("1. x\n2. y\n", "<ol>\n<li>x</li>\n<li>y</li>\n</ol>\n");
	CHECK_HTML("3. x\n4. y\n", "<ol start=\"3\">\n<li>x</li>\n<li>y</li>\n</ol>\n");
	/* A tight list inside a loose one, and a paragraph after a tight list. */
	CHECK_HTML("- a\n\n- b\n  - c\n  - d\n", "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n<ul>\n<li>c</li>\n<li>d</li>\n</ul>\n</li>\n</ul>\n");
	CHECK_HTML("- a\n\npara\n", "<ul>\n<li>a</li>\n</ul>\n<p>para</p>\n");
}

static void test_smart_punctuation(void)
{
	/* The loader parses with CMARK_OPT_SMART: quotes and dashes become typographic. */
	char *got = html_opts("\"It's\" -- here...\n", CMARK_OPT_SMART, NULL);
	CHECK_STR(got, "<p>\xE2\x80\x9CIt\xE2\x80\x99s\xE2\x80\x9D \xE2\x80\x93 here\xE2\x80\xA6</p>\n");
	free(got);
}

static void test_plain_text(void)
{
	const char *src = "# Title\n\nSome *emph* and `code`.\n\n- one\n- two\n\nA <b>bold</b> word\nand a [link](/x/).\n";
	cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
	char *text = md_plain_text(doc);
	CHECK_STR(text, "Title Some emph and code. one two A bold word and a link.");
	free(text);
	/* Plain text of one node: a heading's inline content. */
	cmark_node *heading = cmark_node_first_child(doc);
	text = md_plain_text(heading);
	CHECK_STR(text, "Title");
	free(text);
	cmark_node_free(doc);
	text = md_plain_text(NULL);
	CHECK_STR(text, "");
	free(text);
}

static void test_null_document(void)
{
	struct buf b = BUF_INIT;
	md_render_html(&b, NULL, NULL);
	CHECK_INT(b.len, 0);
	buf_free(&b);
}

/* ---- GitHub-flavoured Markdown ---- */

static const struct md_html_options gfm_labels = {.id_prefix = "q-",
                                                  .note_ref = "Note {number}",
                                                  .note_back = "Back {number}",
                                                  .note_back_nth = "Back {ref} to {number}",
                                                  .table = "Table of {columns}"};

static void test_gfm_table(void)
{
	char *got = html_opts("Table: Stock *levels*\n\n| Item | Count | Where | Note |\n|:--|:-:|--:|---|\n"
	                      "| `a\\|b` | **2** | ~~x~~ | [l](/p/) |\n",
	                      CMARK_OPT_DEFAULT, &gfm_labels);
	CHECK_STR(got, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Stock levels\">\n<table>\n"
	               "<caption>Stock <em>levels</em></caption>\n<thead>\n<tr>\n"
	               "<th scope=\"col\" class=\"align-left\">Item</th>\n<th scope=\"col\" class=\"align-center\">Count</th>\n"
	               "<th scope=\"col\" class=\"align-right\">Where</th>\n<th scope=\"col\">Note</th>\n</tr>\n</thead>\n"
	               "<tbody>\n<tr>\n<td class=\"align-left\"><code>a|b</code></td>\n"
	               "<td class=\"align-center\"><strong>2</strong></td>\n<td class=\"align-right\"><del>x</del></td>\n"
	               "<td><a href=\"/p/\">l</a></td>\n</tr>\n</tbody>\n</table>\n</div>\n");
	free(got);
	/* Without a caption the region is named by the phrase and the header
	 * cells; a header alone has no <tbody>; without the phrase no name. */
	got = html_opts("| A | *B* |\n|---|---|\n", CMARK_OPT_DEFAULT, &gfm_labels);
	CHECK_STR(got, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table of A, B\">\n<table>\n"
	               "<thead>\n<tr>\n<th scope=\"col\">A</th>\n<th scope=\"col\"><em>B</em></th>\n</tr>\n</thead>\n"
	               "</table>\n</div>\n");
	free(got);
	got = html("| A |\n|---|\n| 1 |\n");
	CHECK(strstr(got, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\">\n") == got);
	free(got);
	/* "Table: " away from a table is a paragraph like any other. */
	CHECK_HTML("Table: none\n\nText.\n", "<p>Table: none</p>\n<p>Text.</p>\n");
}

static void test_gfm_footnotes(void)
{
	char *got = html_opts("A[^x] b[^y] c[^x].\n\n[^y]: Why.\n[^x]: Ex *it*.\n\n    ```\n    more\n    ```\n[^z]: Unused.\n",
	                      CMARK_OPT_DEFAULT, &gfm_labels);
	/* Numbered by first reference; the second reference to a note has an
	 * id of its own; each reference gets a link back, after the note's
	 * last block when that is no paragraph; the unused note is left out. */
	CHECK_STR(got, "<p>A<sup class=\"footnote-ref\"><a href=\"#q-fn-1\" id=\"q-fnref-1\" aria-label=\"Note 1\">1</a></sup> "
	               "b<sup class=\"footnote-ref\"><a href=\"#q-fn-2\" id=\"q-fnref-2\" aria-label=\"Note 2\">2</a></sup> "
	               "c<sup class=\"footnote-ref\"><a href=\"#q-fn-1\" id=\"q-fnref-1-2\" aria-label=\"Note 1\">1</a></sup>.</p>\n"
	               "<section class=\"footnotes\">\n<ol>\n<li id=\"q-fn-1\">\n<p>Ex <em>it</em>.</p>\n"
	               "<pre><code>more\n</code></pre>\n<p> "
	               "<a class=\"footnote-back\" href=\"#q-fnref-1\" aria-label=\"Back 1 to 1\">\xe2\x86\xa9\xef\xb8\x8e</a> "
	               "<a class=\"footnote-back\" href=\"#q-fnref-1-2\" aria-label=\"Back 2 to 1\">\xe2\x86\xa9\xef\xb8\x8e<sup>2</sup></a>"
	               "</p>\n</li>\n<li id=\"q-fn-2\">\n<p>Why. "
	               "<a class=\"footnote-back\" href=\"#q-fnref-2\" aria-label=\"Back 2\">\xe2\x86\xa9\xef\xb8\x8e</a></p>\n"
	               "</li>\n</ol>\n</section>\n");
	free(got);
	/* Without an id prefix the note prefix makes the notes' ids, and
	 * headings keep bare ids. */
	struct md_html_options notes_only = {.note_prefix = "why-"};
	got = html_opts("# H\n\nA[^1].\n\n[^1]: One.\n", CMARK_OPT_DEFAULT, &notes_only);
	CHECK(strstr(got, "<h1 id=\"h\">") != NULL);
	CHECK(strstr(got, "href=\"#why-fn-1\" id=\"why-fnref-1\"") != NULL);
	CHECK(strstr(got, "<li id=\"why-fn-1\">") != NULL);
	free(got);
	/* Without a prefix or phrases: bare ids, no names. */
	CHECK_HTML("A[^1].\n\n[^1]: One.\n",
	           "<p>A<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>.</p>\n"
	           "<section class=\"footnotes\">\n<ol>\n<li id=\"fn-1\">\n<p>One. "
	           "<a class=\"footnote-back\" href=\"#fnref-1\">\xe2\x86\xa9\xef\xb8\x8e</a></p>\n</li>\n</ol>\n</section>\n");
}

static void test_gfm_inlines_and_tasks(void)
{
	CHECK_HTML("~~old~~ and ~one~\n", "<p><del>old</del> and <del>one</del></p>\n");
	/* Autolinks go through the same callback as other links. */
	struct seen s = {{{0}}, 0};
	struct md_html_options opt = {.link = relative_link, .link_ctx = &s};
	char *got = html_opts("See https://e.org/a and www.e.org.\n", CMARK_OPT_DEFAULT, &opt);
	CHECK_STR(got, "<p>See <a href=\"https://e.org/a\" rel=\"noopener\">https://e.org/a</a> and "
	               "<a href=\"http://www.e.org\" rel=\"noopener\">www.e.org</a>.</p>\n");
	free(got);
	CHECK_INT(s.n, 2);
	CHECK_STR(s.urls[1], "http://www.e.org");
	/* Task items: the checkbox as written, labelled by the item's text. */
	CHECK_HTML("- [x] Done *now*\n- [ ] Open\n- Plain\n",
	           "<ul>\n<li class=\"task\"><label><input type=\"checkbox\" disabled checked> Done <em>now</em></label></li>\n"
	           "<li class=\"task\"><label><input type=\"checkbox\" disabled> Open</label></li>\n<li>Plain</li>\n</ul>\n");
	CHECK_HTML("1. [ ] One\n\n   More.\n",
	           "<ol>\n<li class=\"task\"><p><label><input type=\"checkbox\" disabled> One</label></p>\n"
	           "<p>More.</p>\n</li>\n</ol>\n");
}

static void test_gfm_plain_text(void)
{
	const char *src = "Intro[^a].\n\nTable: The *caption*\n\n| A | B |\n|---|---|\n| 1 | ~~2~~ |\n\n"
	                  "- [x] done\n\n[^a]: The note.\n";
	cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
	char *plain = md_plain_text(doc);
	CHECK_STR(plain, "Intro. The caption A B 1 2 done The note.");
	free(plain);
	/* md_table_caption: the caption's text starts after "Table: ". */
	cmark_node *caption = cmark_node_next(cmark_node_first_child(doc));
	CHECK_INT(md_table_caption(caption), 7);
	CHECK_INT(md_table_caption(cmark_node_first_child(doc)), 0);
	cmark_node_free(doc);
}

/* Texts parsed on several threads at once keep their extensions: each
 * tree has its strikethrough and its autolink, whatever the others do
 * (cmark-gfm turns the characters that start them on and off for the
 * whole process around each parse). */
enum { PARSE_THREADS = 4, PARSES_EACH = 300 };

static int count_kind(cmark_node *doc, const char *kind)
{
	int n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;)
		if (ev == CMARK_EVENT_ENTER && strcmp(cmark_node_get_type_string(cmark_iter_get_node(it)), kind) == 0)
			n++;
	cmark_iter_free(it);
	return n;
}

static void *parse_many(void *arg)
{
	int *lost = arg;
	const char *src = "| a | b |\n|---|---|\n| ~~x~~ | y |\n\nSee ~~old~~ www.example.com and ~~more~~.\n";
	for (int i = 0; i < PARSES_EACH; i++) {
		cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
		if (count_kind(doc, "strikethrough") != 3 || count_kind(doc, "link") != 1)
			(*lost)++;
		cmark_node_free(doc);
	}
	return NULL;
}

static void test_parses_on_threads_keep_extensions(void)
{
	pthread_t threads[PARSE_THREADS];
	int lost[PARSE_THREADS] = {0};
	for (int i = 0; i < PARSE_THREADS; i++)
		CHECK(pthread_create(&threads[i], NULL, parse_many, &lost[i]) == 0);
	int total = 0;
	for (int i = 0; i < PARSE_THREADS; i++) {
		pthread_join(threads[i], NULL);
		total += lost[i];
	}
	CHECK_INT(total, 0);
}

/* A tree read by several threads at once, as the site's footer is by
 * every page: each gets the same HTML, and no thread's reading writes to
 * the tree (cmark-gfm copies a node's strings on first reading; a copy
 * two threads made at once would leak, which the ASan pass reports).
 * Many fresh trees, each read first by all the threads together. */
enum { SHARED_THREADS = 4, SHARED_ROUNDS = 2000 };

struct shared_reads {
	pthread_barrier_t start, done;
	cmark_node *doc;                        /* this round's */
	char *html[SHARED_THREADS];
};

struct shared_reader {
	struct shared_reads *all;
	int index;
};

static void *read_shared(void *arg)
{
	struct shared_reader *me = arg;
	struct shared_reads *all = me->all;
	for (int round = 0; round < SHARED_ROUNDS; round++) {
		pthread_barrier_wait(&all->start);
		struct buf b = BUF_INIT;
		md_render_html(&b, all->doc, NULL);
		all->html[me->index] = buf_detach(&b);
		pthread_barrier_wait(&all->done);
	}
	return NULL;
}

static void test_one_tree_read_on_threads(void)
{
	static const char src[] = "An [empty]() link, [one](/a/ \"its title\"), `code` and ![an image](/i.png).\n\n"
	                          "```sh\nls -l\n```\n";
	struct shared_reads all;
	pthread_barrier_init(&all.start, NULL, SHARED_THREADS + 1);
	pthread_barrier_init(&all.done, NULL, SHARED_THREADS + 1);
	struct shared_reader readers[SHARED_THREADS];
	pthread_t threads[SHARED_THREADS];
	for (int i = 0; i < SHARED_THREADS; i++) {
		readers[i] = (struct shared_reader){&all, i};
		CHECK(pthread_create(&threads[i], NULL, read_shared, &readers[i]) == 0);
	}
	size_t differ = 0;
	for (int round = 0; round < SHARED_ROUNDS; round++) {
		all.doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
		pthread_barrier_wait(&all.start);
		pthread_barrier_wait(&all.done);
		for (int i = 1; i < SHARED_THREADS; i++)
			differ += strcmp(all.html[i], all.html[0]) != 0;
		for (int i = 0; i < SHARED_THREADS; i++)
			free(all.html[i]);
		cmark_node_free(all.doc);
	}
	for (int i = 0; i < SHARED_THREADS; i++)
		pthread_join(threads[i], NULL);
	CHECK_INT(differ, 0);
	pthread_barrier_destroy(&all.start);
	pthread_barrier_destroy(&all.done);
}

int main(void)
{
	RUN(test_paragraphs_and_inlines);
	RUN(test_parses_on_threads_keep_extensions);
	RUN(test_text_is_escaped);
	RUN(test_raw_html_is_left_out);
	RUN(test_raw_html_when_kept);
	RUN(test_too_deep);
	RUN(test_headings);
	RUN(test_self_links);
	RUN(test_headings_listed);
	RUN(test_parts);
	RUN(test_slugify);
	RUN(test_links_go_through_callback);
	RUN(test_link_urls_are_encoded);
	RUN(test_lists);
	RUN(test_smart_punctuation);
	RUN(test_plain_text);
	RUN(test_null_document);
	RUN(test_gfm_table);
	RUN(test_gfm_footnotes);
	RUN(test_gfm_inlines_and_tasks);
	RUN(test_gfm_plain_text);
	RUN(test_one_tree_read_on_threads);
	return harness_done();
}
