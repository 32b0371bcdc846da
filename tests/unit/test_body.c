/* body.h: the links list, Markdown parsed and checked, and pattern bodies
 * left on disk after loading (struct md) brought back with body_open(). */
#define HARNESS_NAME "test_body"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/font.h"
#include "base/hash.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/body.h"
#include "content/load.h"
#include "content/markdown.h"
#include "content/model.h"

static char work[64];
static char *source;            /* work/site: a copy of the default content */
static struct fontset *fonts;

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

static struct site *load(bool with_fonts, struct diag *d)
{
	struct options opt = {.source = source};
	static const char *const templates[] = {TEST_ROOT "/theme/templates", NULL};
	return load_site(&opt, templates, with_fonts ? fonts : NULL, d);
}

static char *html_of(cmark_node *doc)
{
	struct buf out = BUF_INIT;
	md_render_html(&out, doc, NULL);
	char *html = xstrdup(out.data ? out.data : "");
	buf_free(&out);
	return html;
}

/* Runs "cp FILE FILE.keep" (how "keep") or "mv FILE.keep FILE" (how
 * "restore") for a file a test changes. */
static bool keep_or_restore(const char *file, const char *how)
{
	bool keep = strcmp(how, "keep") == 0;
	char *cmd = keep ? xasprintf("cp '%s' '%s.keep'", file, file) : xasprintf("mv '%s.keep' '%s'", file, file);
	bool ok = run(cmd);
	free(cmd);
	return ok;
}

static const struct pattern *first_pattern(const struct site *site)
{
	const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, 0);
	return schema_list_at(&model_pattern_schema, &r->patterns->items, 0);
}

/* ---- the module on its own ------------------------------------------ */

/* A fragment or query is dropped; append keeps the order and empties the
 * list it takes from; freeing empties, and NULL is nothing. */
static void test_links_list(void)
{
	struct pos at = {"f.md", 3, 7};
	struct body_links a = {.items = NULL}, b = {.items = NULL};
	body_links_add(&a, "/one/#part", at);
	body_links_add(&a, "/two/?q=1", at);
	body_links_add(&b, "/three/", at);
	body_links_append(&a, &b);
	CHECK(b.items == NULL && b.len == 0);
	CHECK_INT(a.len, 3);
	if (a.len == 3) {
		CHECK_STR(a.items[0].path, "/one/");
		CHECK_STR(a.items[1].path, "/two/");
		CHECK_STR(a.items[2].path, "/three/");
		CHECK(a.items[2].at.line == 3 && a.items[2].at.col == 7);
	}
	body_links_append(&a, &b);     /* nothing to take */
	CHECK_INT(a.len, 3);
	body_links_free(&a);
	CHECK(a.items == NULL && a.len == 0);
	body_links_free(NULL);
}

/* Links to site paths are collected in the order they are written, each
 * at its line and column in the file; other links are not. */
static void test_parse_collects_links_in_order(void)
{
	static const char text[] = "See [b](/b/) and [a](/a/#x).\n\n"
	                           "- [far](https://example.com/) and [net](//example.com/)\n"
	                           "- ![c](/c.svg)\n";
	struct diag d;
	diag_init(&d, NULL);
	struct body_links links = {.items = NULL};
	body_links_add(&links, "/before/", (struct pos){"x.md", 1, 1});
	struct md m = {.src = NULL};
	struct pos at = {"p.md", 10, 1};
	CHECK(body_parse(&m, text, at, false, &links, &d));
	CHECK(d.nlines == 0);
	CHECK_INT(links.len, 4);
	static const char *const want[] = {"/before/", "/b/", "/a/", "/c.svg"};
	static const int line[] = {1, 10, 10, 13}, col[] = {1, 5, 18, 3};
	for (size_t i = 0; i < 4 && i < links.len; i++) {
		CHECK_STR(links.items[i].path, want[i]);
		CHECK_INT(links.items[i].at.line, line[i]);
		CHECK_INT(links.items[i].at.col, col[i]);
	}
	CHECK_STR(m.src, text);
	CHECK(m.doc != NULL && !m.on_disk);
	free(m.src);
	cmark_node_free(m.doc);
	body_links_free(&links);
	diag_free(&d);
}

/* What a relative reference names from a page, worked out by hand as a
 * browser follows it (RFC 3986, section 5.2). */
static void test_resolve_relative(void)
{
	static const char *const cases[][3] = {
		{"/r/patterns/a/", "../b/", "/r/patterns/b/"},
		{"/r/patterns/a/", "../../", "/r/"},
		{"/r/patterns/a/", "pitfalls/", "/r/patterns/a/pitfalls/"},
		{"/r/patterns/a/", "./x/#y", "/r/patterns/a/x/#y"},
		{"/r/patterns/a/", "#guide-pitfalls", "/r/patterns/a/#guide-pitfalls"},
		{"/r/", "../../../x/", "/x/"},              /* never above the root */
		{"/css/site.css", "../fonts/a.woff2", "/fonts/a.woff2"},
		{"/css/site.css", "b.png?v=2", "/css/b.png?v=2"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf out = BUF_INIT;
		body_resolve(&out, cases[i][0], cases[i][1]);
		CHECK_STR(buf_str(&out), cases[i][2]);
		buf_free(&out);
	}
}

/* Relative links and fragments are kept resolved against the page that
 * shows the text, with what was written; in a text shown on every page
 * (no base) they are an error. */
static void test_relative_links_and_fragments(void)
{
	static const char text[] = "[a](../b/#c) [d](#e) [f](/g/#h) [i](mailto:x@example.com)\n";
	struct diag d;
	diag_init(&d, NULL);
	struct body_links links = {.base = "/r/patterns/a/"};
	struct md m = {.src = NULL};
	CHECK(body_parse(&m, text, (struct pos){"p.md", 1, 1}, false, &links, &d));
	CHECK(d.nlines == 0);
	CHECK_INT(links.len, 3);
	static const char *const path[] = {"/r/patterns/b/", "/r/patterns/a/", "/g/"};
	static const char *const fragment[] = {"c", "e", "h"};
	static const char *const written[] = {"../b/#c", "#e", NULL};
	for (size_t i = 0; i < 3 && i < links.len; i++) {
		CHECK_STR(links.items[i].path, path[i]);
		CHECK_STR(links.items[i].fragment, fragment[i]);
		if (written[i])
			CHECK_STR(links.items[i].written, written[i]);
		else
			CHECK(links.items[i].written == NULL);
	}
	free(m.src);
	cmark_node_free(m.doc);
	body_links_free(&links);
	CHECK_STR(links.base, "/r/patterns/a/");   /* kept for the next text */
	links.base = NULL;
	CHECK(body_parse(&m, "[x](y/)\n", (struct pos){"site.yaml", 3, 9}, false, &links, &d));
	CHECK_INT(links.len, 0);
	CHECK_INT(d.errors, 1);
	CHECK(d.nlines == 1 && strstr(d.lines[0], "site.yaml:3:9: error: link to 'y/' in a text shown on every page") != NULL);
	free(m.src);
	cmark_node_free(m.doc);
	diag_free(&d);
}

/* Writes text to the file path; its hash as the loader keeps it. */
static uint64_t write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	struct hash h = hash_bytes(text, strlen(text));
	return h.a ^ h.b;
}

/* A body on disk is read back from its file, after the front matter, and
 * its links are collected; a text in memory is lent as it is. */
static void test_open_from_disk(void)
{
	char *file = xasprintf("%s/page.md", work);
	struct md m = {.at = {file, 4, 1}, .on_disk = true};
	m.hash = write_file(file, "---\ntitle: T\n---\nText with [a](/one/) and [b](/two/#x).\n");
	struct diag d;
	diag_init(&d, NULL);
	struct body_links links = {.items = NULL};
	struct body_check check = {.fonts = NULL, .links = &links};
	struct body b;
	CHECK(body_open(&m, &b, &check, &d));
	CHECK(b.owned && !b.md.on_disk && b.md.doc != NULL);
	CHECK_STR(b.md.src, "Text with [a](/one/) and [b](/two/#x).\n");
	CHECK(d.nlines == 0);
	CHECK_INT(links.len, 2);
	if (links.len == 2) {
		CHECK_STR(links.items[0].path, "/one/");
		CHECK_STR(links.items[1].path, "/two/");
		CHECK(links.items[1].at.file == file && links.items[1].at.line == 4);
	}
	body_close(&b);
	CHECK(b.md.src == NULL && b.md.doc == NULL && !b.owned);

	/* In memory: lent, not copied, and not checked again. */
	struct md kept = b.md;
	CHECK(body_parse(&kept, "Kept.\n", (struct pos){file, 4, 1}, false, NULL, &d));
	CHECK(body_open(&kept, &b, &check, &d));
	CHECK(!b.owned && b.md.doc == kept.doc && b.md.src == kept.src);
	body_close(&b);
	CHECK_INT(links.len, 2);
	free(kept.src);
	cmark_node_free(kept.doc);
	body_links_free(&links);
	diag_free(&d);
	unlink(file);
	free(file);
}

/* A file changed since it was loaded is refused with one error at the
 * body, and nothing is collected from it. */
static void test_changed_file_refused(void)
{
	char *file = xasprintf("%s/changed.md", work);
	struct md m = {.at = {file, 4, 1}, .on_disk = true};
	m.hash = write_file(file, "---\ntitle: T\n---\nA [link](/one/).\n");
	write_file(file, "---\ntitle: T\n---\nA [link](/one/), edited.\n");
	struct diag d;
	diag_init(&d, NULL);
	struct body_links links = {.items = NULL};
	struct body_check check = {.fonts = NULL, .links = &links};
	struct body b;
	CHECK(!body_open(&m, &b, &check, &d));
	body_close(&b);
	CHECK_INT(d.errors, 1);
	char *want = xasprintf("%s:4:1: error: the file changed while Folio was building; build again", file);
	CHECK_STR(d.nlines ? d.lines[0] : NULL, want);
	CHECK_INT(links.len, 0);
	free(want);
	diag_free(&d);
	unlink(file);
	free(file);
}

/* ---- bodies a load left on disk ------------------------------------- */

/* With fonts, pattern bodies are let go; questions stay; without fonts
 * everything stays. */
static void test_what_is_kept(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *lean = load(true, &d), *full = load(false, &d);
	CHECK(lean != NULL && full != NULL && d.errors == 0);
	for (size_t i = 0; lean && i < lean->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &lean->resources, i);
		for (size_t k = 0; k < r->patterns->items.len; k++) {
			const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, k);
			CHECK(p->body.on_disk && p->body.src == NULL && p->body.doc == NULL);
		}
		for (size_t k = 0; k < r->faq->items.len; k++) {
			const struct faq *q = schema_list_at(&model_faq_schema, &r->faq->items, k);
			CHECK(!q->answer.on_disk && q->answer.doc != NULL);
		}
	}
	CHECK(full && !first_pattern(full)->body.on_disk && first_pattern(full)->body.doc != NULL);
	model_free(lean);
	model_free(full);
	diag_free(&d);
}

/* A body read back is the text and the tree a resident load gives. */
static void test_read_back_is_the_same(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *lean = load(true, &d), *full = load(false, &d);
	CHECK(lean != NULL && full != NULL);
	size_t compared = 0;
	for (size_t i = 0; lean && full && i < lean->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &lean->resources, i);
		const struct resource *fr = schema_list_at(&model_resource_schema, &full->resources, i);
		for (size_t k = 0; k < r->patterns->items.len; k++) {
			const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, k);
			const struct pattern *fp = schema_list_at(&model_pattern_schema, &fr->patterns->items, k);
			struct body b;
			CHECK(body_open(&p->body, &b, NULL, &d));
			CHECK(b.owned);
			CHECK_STR(b.md.src, fp->body.src);
			CHECK(b.md.at.line == fp->body.at.line && b.md.at.col == fp->body.at.col);
			char *got = html_of(b.md.doc), *want = html_of(fp->body.doc);
			CHECK_STR(got, want);
			free(got);
			free(want);
			body_close(&b);
			compared++;
		}
	}
	CHECK(compared >= 6);
	CHECK(d.errors == 0);
	model_free(lean);
	model_free(full);
	diag_free(&d);
}

/* An edit between loading and rendering is an error, never a mix of two
 * versions: a changed body, the same body moved down a line, and the same
 * body under a changed front matter. */
static void test_changed_file_is_an_error(void)
{
	static const char *const edits[] = {
		"printf 'One more sentence.\\n' >>",
		"sed -i '1a\\# a comment in the front matter' ",
		/* The body as it was, the front matter beside it in the model not. */
		"sed -i 's/^title: /title: Retitled /' ",
	};
	for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
		struct diag d;
		diag_init(&d, NULL);
		struct site *site = load(true, &d);
		CHECK(site != NULL);
		if (site == NULL)
			return;
		const struct pattern *p = first_pattern(site);
		char *cmd = xasprintf("%s'%s'", edits[e], p->body.at.file);
		CHECK(keep_or_restore(p->body.at.file, "keep") && run(cmd));
		struct body b;
		CHECK(!body_open(&p->body, &b, NULL, &d));
		body_close(&b);
		CHECK(d.errors == 1);
		char *want = xasprintf("%s:%d:1: error: the file changed while Folio was building; build again",
		                       p->body.at.file, p->body.at.line);
		CHECK_STR(d.nlines ? d.lines[0] : NULL, want);
		CHECK(keep_or_restore(p->body.at.file, "restore"));
		free(want);
		free(cmd);
		model_free(site);
		diag_free(&d);
	}
}

/* A body left on disk is not parsed while loading; read back with a
 * check, its mistakes are reported and its links collected; read back
 * without, it is refused without a word. */
static void test_checked_when_read_back(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load(true, &d);
	CHECK(site != NULL);
	if (site == NULL)
		return;
	const struct pattern *p = first_pattern(site);
	CHECK(keep_or_restore(p->body.at.file, "keep"));
	/* The same text with one link changed, so that it is still the body
	 * that was loaded: the hash would refuse any other. */
	struct body b;
	CHECK(body_open(&p->body, &b, NULL, &d));
	char *src = xstrdup(b.md.src);
	body_close(&b);
	size_t errors = d.errors;

	struct body_links links = {.items = NULL};
	struct body_check check = {.fonts = fonts, .links = &links};
	CHECK(body_open(&p->body, &b, &check, &d));
	body_close(&b);
	CHECK(d.errors == errors);
	size_t before = links.len;

	/* Each mistake on its own: a link with a scheme Folio refuses, and a
	 * character the fonts lack. */
	static const char *const bad[] = {"[a](javascript:void)", "\xEE\x80\x80", "[up](/resources/#top)"};
	static const char *const said[] = {"only https:, http: and mailto: links are allowed", "the regular font (folio-sans-regular.ttf) has no glyph for U+E000"};
	for (size_t i = 0; i < 3; i++) {
		struct md m = p->body;
		char *text = xasprintf("%s\n%s\n", src, bad[i]);
		char *body_file = xasprintf("%s.body", p->body.at.file);
		FILE *f = fopen(body_file, "w");
		CHECK(f != NULL);
		/* The front matter as it was (the body starts on the same line). */
		char *head = xasprintf("head -n %d '%s.keep' > '%s' && cat '%s' >> '%s'", p->body.at.line - 1,
		                       p->body.at.file, p->body.at.file, body_file, p->body.at.file);
		if (f) {
			fputs(text, f);
			fclose(f);
		}
		CHECK(run(head));
		/* As loaded: the fingerprint of the whole new file. */
		size_t len;
		char *bytes = textfile_read(p->body.at.file, p->body.at.file, LOAD_MAX_FILE_SIZE, &len, &d);
		CHECK(bytes != NULL);
		struct hash h = hash_bytes(bytes ? bytes : "", bytes ? len : 0);
		m.hash = h.a ^ h.b;
		free(bytes);
		struct diag quiet_d, loud;
		diag_init(&quiet_d, NULL);
		diag_init(&loud, NULL);
		if (i == 2) {
			/* No mistake: its link to a site path is noted. */
			CHECK(body_open(&m, &b, &check, &loud));
			body_close(&b);
			CHECK(loud.nlines == 0);
			CHECK(links.len == before + 1);
			if (links.len == before + 1)
				CHECK_STR(links.items[before].path, "/resources/");
		} else {
			/* Without a check, a mistake in the Markdown refuses the body
			 * without a word; the fonts are not looked at. */
			CHECK(body_open(&m, &b, NULL, &quiet_d) == (i == 1));
			body_close(&b);
			CHECK(quiet_d.nlines == 0);
			CHECK(!body_open(&m, &b, &check, &loud));
			body_close(&b);
			CHECK(loud.errors == 1);
			CHECK(loud.nlines == 1 && strstr(loud.lines[0], said[i]) != NULL);
			if (loud.nlines)
				CHECK(strncmp(loud.lines[0], p->body.at.file, strlen(p->body.at.file)) == 0);
		}
		diag_free(&quiet_d);
		diag_free(&loud);
		unlink(body_file);
		free(head);
		free(body_file);
		free(text);
	}
	CHECK(keep_or_restore(p->body.at.file, "restore"));
	body_links_free(&links);
	free(src);
	model_free(site);
	diag_free(&d);
}

int main(void)
{
	snprintf(work, sizeof work, "%s", "/tmp/folio-body.XXXXXX");
	if (mkdtemp(work) == NULL)
		return 2;
	source = xasprintf("%s/site", work);
	char *copy = xasprintf("mkdir -p '%s' && cp -R '%s/content' '%s/static' '%s/'", source, TEST_ROOT, TEST_ROOT, source);
	if (!run(copy))
		return 2;
	free(copy);
	struct diag d;
	diag_init(&d, stderr);
	fonts = font_load(TEST_ROOT "/theme/static/fonts", &d);
	diag_free(&d);
	if (fonts == NULL)
		return 2;
	RUN(test_links_list);
	RUN(test_parse_collects_links_in_order);
	RUN(test_resolve_relative);
	RUN(test_relative_links_and_fragments);
	RUN(test_open_from_disk);
	RUN(test_changed_file_refused);
	RUN(test_what_is_kept);
	RUN(test_read_back_is_the_same);
	RUN(test_changed_file_is_an_error);
	RUN(test_checked_when_read_back);
	font_free(fonts);
	char *clean = xasprintf("rm -rf '%s'", work);
	run(clean);
	free(clean);
	free(source);
	return harness_done();
}
