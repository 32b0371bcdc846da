/* Pattern bodies left on disk after loading (struct md, load_body_open). */
#define HARNESS_NAME "test_body"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/font.h"
#include "base/textfile.h"
#include "content/load.h"
#include "content/markdown.h"
#include "content/model.h"
#include "base/hash.h"
#include "base/xalloc.h"

static char work[64];
static char *source;            /* work/site: a copy of the default content */
static struct fontset *fonts;

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

static struct site *load(bool with_fonts, struct diag *d)
{
	struct load_options opt = {source, false, NULL, with_fonts ? fonts : NULL, 0};
	return load_site(&opt, d);
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
			struct load_body b;
			CHECK(load_body_open(&p->body, &b, NULL, &d));
			CHECK(b.owned);
			CHECK_STR(b.md.src, fp->body.src);
			CHECK(b.md.at.line == fp->body.at.line && b.md.at.col == fp->body.at.col);
			char *got = html_of(b.md.doc), *want = html_of(fp->body.doc);
			CHECK_STR(got, want);
			free(got);
			free(want);
			load_body_close(&b);
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
		struct load_body b;
		CHECK(!load_body_open(&p->body, &b, NULL, &d));
		load_body_close(&b);
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
 * check, its mistakes are reported and its links noted; read back
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
	struct load_body b;
	CHECK(load_body_open(&p->body, &b, NULL, &d));
	char *src = xstrdup(b.md.src);
	load_body_close(&b);
	size_t errors = d.errors;

	struct site *notes = xcalloc(1, sizeof *notes);
	struct load_check check = {fonts, notes};
	CHECK(load_body_open(&p->body, &b, &check, &d));
	load_body_close(&b);
	CHECK(d.errors == errors);
	size_t links = notes->nlinks;

	/* Each mistake on its own: a link with a scheme Folio refuses, and a
	 * character the fonts lack. */
	static const char *const bad[] = {"[a](javascript:void)", "\xEE\x80\x80", "[up](/resources/#top)"};
	static const char *const said[] = {"only https:, http: and mailto: links are allowed", "the fonts cannot draw U+E000"};
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
			CHECK(load_body_open(&m, &b, &check, &loud));
			load_body_close(&b);
			CHECK(loud.nlines == 0);
			CHECK(notes->nlinks == links + 1);
			if (notes->nlinks == links + 1)
				CHECK_STR(notes->links[links].path, "/resources/");
		} else {
			/* Without a check, a mistake in the Markdown refuses the body
			 * without a word; the fonts are not looked at. */
			CHECK(load_body_open(&m, &b, NULL, &quiet_d) == (i == 1));
			load_body_close(&b);
			CHECK(quiet_d.nlines == 0);
			CHECK(!load_body_open(&m, &b, &check, &loud));
			load_body_close(&b);
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
	model_free(notes);
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
	fonts = font_load(TEST_ROOT "/static/fonts", &d);
	diag_free(&d);
	if (fonts == NULL)
		return 2;
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
