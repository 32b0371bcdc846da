/* Unit tests of template.h: small templates written to a temporary folder. */
#define HARNESS_NAME "template"
#include "harness.h"

#include <stddef.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "content/markdown.h"
#include "web/template.h"

/* ---- a small model of our own, described by schemas like model.c's ---- */

struct kid {
	struct pos at;
	struct str name;
	struct str url;
};

static const struct field kid_fields[] = {
	{.key = "name", .kind = SK_LINE, .offset = offsetof(struct kid, name)},
	{.key = "url", .kind = SK_LINK, .offset = offsetof(struct kid, url)},
	{.key = NULL}};
static const struct schema kid_schema = {"kid", sizeof(struct kid), offsetof(struct kid, at), kid_fields};

struct thing {
	struct pos at;
	struct str title;
	struct str empty;       /* "" */
	struct str missing;     /* NULL: absent */
	long count;
	long zero;
	bool yes;
	bool no;
	struct md body;
	struct list kids;       /* struct kid */
	struct list tags;       /* struct str */
	struct list none;       /* struct kid, empty */
	struct kid *child;
	struct kid *nochild;
};

static const struct field thing_fields[] = {
	{.key = "title", .kind = SK_LINE, .offset = offsetof(struct thing, title)},
	{.key = "empty", .kind = SK_LINE, .offset = offsetof(struct thing, empty)},
	{.key = "missing", .kind = SK_LINE, .offset = offsetof(struct thing, missing)},
	{.key = "count", .kind = SK_INT, .offset = offsetof(struct thing, count)},
	{.key = "zero", .kind = SK_INT, .offset = offsetof(struct thing, zero)},
	{.key = "yes", .kind = SK_BOOL, .offset = offsetof(struct thing, yes)},
	{.key = "no", .kind = SK_BOOL, .offset = offsetof(struct thing, no)},
	{.key = "body", .kind = SK_MARKDOWN, .offset = offsetof(struct thing, body)},
	{.key = "kids", .kind = SK_LIST, .offset = offsetof(struct thing, kids), .sub = &kid_schema},
	{.key = "tags", .kind = SK_LINES, .offset = offsetof(struct thing, tags)},
	{.key = "none", .kind = SK_LIST, .offset = offsetof(struct thing, none), .sub = &kid_schema},
	{.key = "child", .kind = SK_OBJECT, .offset = offsetof(struct thing, child), .sub = &kid_schema},
	{.key = "nochild", .kind = SK_OBJECT, .offset = offsetof(struct thing, nochild), .sub = &kid_schema},
	{.key = NULL}};
static const struct schema thing_schema = {"thing", sizeof(struct thing), offsetof(struct thing, at), thing_fields};

static struct kid kids[3];
static struct kid child;
static struct str tags[2];
static struct thing thing;
static char title[] = "Fish & \"Chips\" <b>";
static char empty[] = "";
static char body_src[] = "# Head\n\nSome *text* & [more](/kids/).\n";

/* The theme's strings, sorted by name as a site's are. */
static char k0[] = "back_to_top", v0[] = "Back to top", k1[] = "on_this_page", v1[] = "On this page";
static char k2[] = "quote", v2[] = "\"Fish\" & <chips> {{x}}";
static struct text_pair phrases[] = {{.key.v = k0, .value.v = v0}, {.key.v = k1, .value.v = v1},
                                     {.key.v = k2, .value.v = v2}};
static const struct list phrase_list = {phrases, sizeof phrases / sizeof phrases[0]};

static void make_model(void)
{
	static char names[3][4] = {"Ann", "Bob", "Cy"};
	static char urls[3][16] = {"/kids/ann/", "/kids/bob/", "/kids/cy/"};
	for (int i = 0; i < 3; i++) {
		kids[i].name.v = names[i];
		kids[i].url.v = urls[i];
	}
	static char dee[] = "Dee", dee_url[] = "/kids/dee/";
	child.name.v = dee;
	child.url.v = dee_url;
	static char t0[] = "a<b", t1[] = "c";
	tags[0].v = t0;
	tags[1].v = t1;
	thing.title.v = title;
	thing.empty.v = empty;
	thing.missing.v = NULL;
	thing.count = 3;
	thing.zero = 0;
	thing.yes = true;
	thing.no = false;
	thing.body.src = body_src;
	thing.body.doc = md_parse(body_src, strlen(body_src), CMARK_OPT_DEFAULT);
	thing.kids.items = kids;
	thing.kids.len = 3;
	thing.tags.items = tags;
	thing.tags.len = 2;
	thing.none.items = NULL;
	thing.none.len = 0;
	thing.child = &child;
	thing.nochild = NULL;
}

/* ---- a temporary templates folder ---- */

static char dir[64];

static void write_template(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *slash = strrchr(path, '/');
	if (slash && strchr(name, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

/* Renders name with the variable t (and r, a list) into a fresh string;
 * *ok gets tpl_render's result.  Caller frees. */
static char *render_root(const char *name, const char *root, struct diag *d, bool *ok)
{
	struct tpl_set *set = tpl_new(dir, "templates");
	tpl_set_strings(set, &phrase_list);
	struct tpl_var vars[] = {{"t", tval_object(&thing_schema, &thing)},
	                         {"markup", tval_html("<svg><g/></svg>")},
	                         {"home", tval_link("/")}};
	struct buf out = BUF_INIT;
	*ok = tpl_render(set, name, vars, sizeof vars / sizeof vars[0], &(struct tpl_page){.root = root}, &out, d);
	tpl_free(set);
	return buf_detach(&out);
}

static char *render(const char *name, struct diag *d, bool *ok)
{
	return render_root(name, "", d, ok);
}

/* Renders a one-off template that must succeed; returns its output. */
static char *render_good(const char *text, const char *root)
{
	write_template("case.html", text);
	struct diag d;
	diag_init(&d, NULL);
	bool ok = false;
	char *out = render_root("case.html", root, &d, &ok);
	CHECK(ok);
	for (size_t i = 0; i < d.nlines; i++)
		harness_note(__FILE__, __LINE__, "unexpected diagnostic: %s", d.lines[i]);
	diag_free(&d);
	return out;
}

#define CHECK_RENDER(text, root, want)                         \
	do {                                                   \
		char *got_ = render_good(text, root);          \
		CHECK_STR(got_, want);                         \
		free(got_);                                    \
	} while (0)

/* Renders a template that must fail; returns the first diagnostic. */
static char first_error[1024];

static const char *render_bad(const char *name, const char *text)
{
	write_template(name, text);
	struct diag d;
	diag_init(&d, NULL);
	bool ok = true;
	char *out = render(name, &d, &ok);
	CHECK(!ok);
	snprintf(first_error, sizeof first_error, "%s", d.nlines ? d.lines[0] : "(none)");
	free(out);
	diag_free(&d);
	return first_error;
}

/* ---- tests ---- */

static void test_text_is_escaped(void)
{
	CHECK_RENDER("<div><p data-f-text=\"t.title\">placeholder</p><i data-f-text=\"t.count\">x</i>"
	             "<b data-f-text=\"t.yes\">x</b><s data-f-text=\"t.missing\">x</s><u data-f-text=\"t.body\">x</u></div>",
	             "",
	             "<div><p>Fish &amp; \"Chips\" &lt;b&gt;</p><i>3</i><b>true</b><s></s><u>Head Some text &amp; more.</u></div>\n");
	/* Markup copied from the template is escaped the same way. */
	CHECK_RENDER("<p title=\"a &quot;b&quot; &amp; c &lt;\">x &amp; y &lt; z &#160;</p>", "",
	             "<p title=\"a &quot;b&quot; &amp; c &lt;\">x &amp; y &lt; z \xC2\xA0</p>\n");
}

static void test_if_unless(void)
{
	CHECK_RENDER("<div>"
	             "<b data-f-if=\"t.title\">1</b><b data-f-if=\"t.empty\">2</b><b data-f-if=\"t.missing\">3</b>"
	             "<b data-f-if=\"t.count\">4</b><b data-f-if=\"t.zero\">5</b><b data-f-if=\"t.yes\">6</b>"
	             "<b data-f-if=\"t.no\">7</b><b data-f-if=\"t.kids\">8</b><b data-f-if=\"t.none\">9</b>"
	             "<b data-f-if=\"t.child\">10</b><b data-f-if=\"t.nochild\">11</b><b data-f-if=\"t.nochild.name\">12</b>"
	             "<i data-f-unless=\"t.missing\">13</i><i data-f-unless=\"t.title\">14</i>"
	             "<b data-f-if=\"t.title\" data-f-unless=\"t.yes\">15</b><b data-f-if=\"t.body\">16</b>"
	             "</div>",
	             "", "<div><b>1</b><b>4</b><b>6</b><b>8</b><b>10</b><i>13</i><b>16</b></div>\n");
}

static void test_each_and_loop(void)
{
	CHECK_RENDER("<ul><li data-f-each=\"k in t.kids\" data-f-attr-data-i=\"{loop.index}/{loop.length}\">"
	             "<span data-f-text=\"k.name\">n</span><b data-f-if=\"loop.first\">F</b><i data-f-if=\"loop.last\">L</i>"
	             "</li></ul>",
	             "",
	             "<ul><li data-i=\"1/3\"><span>Ann</span><b>F</b></li><li data-i=\"2/3\"><span>Bob</span></li>"
	             "<li data-i=\"3/3\"><span>Cy</span><i>L</i></li></ul>\n");
	/* Lists of lines, an empty list, and the separator idiom of the real templates. */
	CHECK_RENDER("<p><span data-f-each=\"tag in t.tags\" data-f-text=\"tag\">x</span>"
	             "<b data-f-each=\"k in t.none\">never</b>|"
	             "<span data-f-each=\"tag in t.tags\" data-f-omit=\"\"><em data-f-text=\"tag\">x</em>"
	             "<span data-f-unless=\"loop.last\" data-f-omit=\"\">, </span></span></p>",
	             "", "<p><span>a&lt;b</span><span>c</span>|<em>a&lt;b</em>, <em>c</em></p>\n");
	/* An inner loop has its own loop variable. */
	CHECK_RENDER("<p><b data-f-each=\"k in t.kids\" data-f-if=\"loop.last\"><i data-f-each=\"tag in t.tags\" "
	             "data-f-text=\"loop.index\">x</i>/<u data-f-text=\"loop.index\">x</u></b></p>",
	             "", "<p><b><i>1</i><i>2</i>/<u>3</u></b></p>\n");
	/* The length of a list. */
	CHECK_RENDER("<p data-f-text=\"t.kids.length\">x</p>", "", "<p>3</p>\n");
}

static void test_attr_interpolation(void)
{
	CHECK_RENDER("<a href=\"#\" class=\"x\" data-f-attr-href=\"{t.child.url}\" data-f-attr-title=\"Go to {t.title}!\" "
	             "data-f-attr-data-x=\"{t.missing}\" data-f-attr-data-y=\"{{literal}\" data-f-attr-data-n=\"{t.count} items\" "
	             "data-f-attr-hidden=\"{t.no}\" data-f-attr-data-b=\"{t.yes}\">x</a>",
	             "../../",
	             "<a href=\"../../kids/dee/\" class=\"x\" title=\"Go to Fish &amp; &quot;Chips&quot; &lt;b&gt;!\" "
	             "data-y=\"{literal}\" data-n=\"3 items\" data-b=\"true\">x</a>\n");
	/* An attribute the markup has is left out too when its value is missing. */
	CHECK_RENDER("<img src=\"default.png\" data-f-attr-src=\"{t.missing}\" alt=\"\"/>", "", "<img alt=\"\">\n");
	CHECK_RENDER("<img src=\"default.png\" data-f-attr-src=\"{t.nochild.url}\" alt=\"\"/>", "", "<img alt=\"\">\n");
	/* Site paths become relative to the page; other URLs stay. */
	CHECK_RENDER("<p><a href=\"/css/site.css\">1</a><a href=\"//cdn.example.org/x.js\">2</a>"
	             "<a href=\"https://example.org/\">3</a><a href=\"#top\">4</a><a data-f-attr-href=\"{home}\">5</a>"
	             "<form action=\"/send/\"/><img src=\"/i.png\" alt=\"\"/><a title=\"/not-a-url/\">6</a></p>",
	             "../",
	             "<p><a href=\"../css/site.css\">1</a><a href=\"//cdn.example.org/x.js\" rel=\"noopener\">2</a>"
	             "<a href=\"https://example.org/\" rel=\"noopener\">3</a><a href=\"#top\">4</a><a href=\"../\">5</a>"
	             "<form action=\"../send/\"></form><img src=\"../i.png\" alt=\"\"><a title=\"/not-a-url/\">6</a></p>\n");
	/* A link to another site gets rel="noopener", from markup or a value,
	 * unless the template gives its own rel. */
	CHECK_RENDER("<p><a data-f-attr-href=\"{t.child.url}\">1</a><a href=\"http://example.org/\" rel=\"me\">2</a>"
	             "<a href=\"#\" data-f-attr-href=\"https://x.example/{t.count}\">3</a><link href=\"https://x.example/\"/></p>",
	             "",
	             "<p><a href=\"kids/dee/\">1</a><a href=\"http://example.org/\" rel=\"me\">2</a>"
	             "<a href=\"https://x.example/3\" rel=\"noopener\">3</a><link href=\"https://x.example/\"></p>\n");
	/* From the root folder, "/" is "./". */
	CHECK_RENDER("<p><a href=\"/\">1</a><a data-f-attr-href=\"{home}#x\">2</a><a href=\"/a/\">3</a></p>", "",
	             "<p><a href=\"./\">1</a><a href=\"./#x\">2</a><a href=\"a/\">3</a></p>\n");
}

/* Names are told apart whole: by their first eight bytes and, past
 * them, the rest; an inner let hides an outer one of the same name only
 * inside its element. */
static void test_names_alike(void)
{
	CHECK_RENDER("<div data-f-let=\"abcdefgh=t.count, abcdefghi=t.title, abcdefg=t.yes, abcdefgj=t.zero\">"
	             "<i data-f-text=\"abcdefghi\">x</i><b data-f-text=\"abcdefgh\">x</b><u data-f-text=\"abcdefg\">x</u>"
	             "<q data-f-text=\"abcdefgj\">x</q>"
	             "<span data-f-let=\"abcdefgh=t.zero\"><s data-f-text=\"abcdefgh\">x</s></span>"
	             "<s data-f-text=\"abcdefgh\">x</s></div>",
	             "",
	             "<div><i>Fish &amp; \"Chips\" &lt;b&gt;</i><b>3</b><u>true</u><q>0</q><span><s>0</s></span>"
	             "<s>3</s></div>\n");
}

static void test_include_and_let(void)
{
	write_template("partials/kid.html", "<em data-f-text=\"who.name\">n</em>\n");
	CHECK_RENDER("<div><span data-f-include=\"partials/kid.html\" data-f-let=\"who=t.child\">x</span>"
	             "<b data-f-each=\"k in t.kids\" data-f-include=\"partials/kid.html\" data-f-let=\"who=k\">y</b></div>",
	             "", "<div><em>Dee</em><em>Ann</em><em>Bob</em><em>Cy</em></div>\n");
	CHECK_RENDER("<p data-f-let=\"a=t.title, n = t.count\"><b data-f-text=\"a\">x</b><i data-f-text=\"n\">y</i></p>", "",
	             "<p><b>Fish &amp; \"Chips\" &lt;b&gt;</b><i>3</i></p>\n");
	/* A name bound by let or each ends with its element. */
	CHECK_STR(render_bad("scope.html", "<div><p data-f-let=\"a=t.title\">x</p><b data-f-text=\"a.x\">y</b></div>\n"),
	          "templates/scope.html:1:40: error: unknown name 'a'; use a name the page gives, or one that data-f-each or data-f-let binds");
	CHECK_STR(render_bad("scope2.html", "<div><p data-f-each=\"k in t.kids\">x</p><b data-f-text=\"k.name\">y</b></div>\n"),
	          "templates/scope2.html:1:43: error: unknown name 'k'; use a name the page gives, or one that data-f-each or data-f-let binds");
}

static void test_layout_slot_fill(void)
{
	write_template("layout.html",
	               "<!DOCTYPE html>\n<html lang=\"en\"><body><header>H</header><main data-f-slot=\"main\">default main</main>"
	               "<aside data-f-slot=\"side\"><p>default side</p></aside></body></html>\n");
	CHECK_RENDER("<html data-f-layout=\"layout.html\"><body><main data-f-fill=\"main\" class=\"m\">"
	             "<h1 data-f-text=\"t.title\">x</h1></main></body></html>",
	             "",
	             "<!DOCTYPE html>\n<html lang=\"en\"><body><header>H</header><main class=\"m\"><h1>Fish &amp; \"Chips\" &lt;b&gt;</h1>"
	             "</main><aside><p>default side</p></aside></body></html>\n");
	/* Without a layout there is no DOCTYPE unless the page has one. */
	CHECK_RENDER("<p>x</p>", "", "<p>x</p>\n");
	CHECK_RENDER("<!DOCTYPE html>\n<p>x</p>", "", "<!DOCTYPE html>\n<p>x</p>\n");
}

static void test_omit(void)
{
	CHECK_RENDER("<div><span data-f-omit=\"\">a<b>b</b></span><p data-f-omit=\"\" data-f-text=\"t.count\">x</p></div>", "",
	             "<div>a<b>b</b>3</div>\n");
}

static void test_void_elements(void)
{
	CHECK_RENDER("<div><br/><img src=\"x.png\" alt=\"\"/><input type=\"text\" required=\"\"/><hr/><meta charset=\"utf-8\"/>"
	             "<p/><span></span><textarea></textarea></div>",
	             "",
	             "<div><br><img src=\"x.png\" alt=\"\"><input type=\"text\" required=\"\"><hr><meta charset=\"utf-8\">"
	             "<p></p><span></span><textarea></textarea></div>\n");
}

static void test_raw_text_elements(void)
{
	CHECK_RENDER("<div><script>if (a &lt; b &amp;&amp; c) { x = \"&gt;\"; }</script>"
	             "<script><![CDATA[if (a < b) {}]]></script><style>p > a { color: red }</style><p>a &lt; b</p></div>",
	             "",
	             "<div><script>if (a < b && c) { x = \">\"; }</script><script>if (a < b) {}</script>"
	             "<style>p > a { color: red }</style><p>a &lt; b</p></div>\n");
	/* data-f-html writes markup Folio generated, as it is. */
	CHECK_RENDER("<figure data-f-html=\"markup\">x</figure>", "", "<figure><svg><g/></svg></figure>\n");
}

/* The indentation between tags keeps only its line breaks (a browser
 * shows any run of white space with a break in it alike); text with
 * words in it, white space without a break, a blank line's breaks, and
 * everything inside pre, textarea, script and style stay as written. */
static void test_indentation_keeps_its_line_breaks(void)
{
	CHECK_RENDER("<div>\n  <p>a  b\n    c</p>\n\n    <span>x</span> <span>y</span>\n"
	             "  <pre>\n  keep\n    <b>this</b>\n  </pre>\n  <textarea>\n  kept\n  </textarea>\n"
	             "  <script>\n  var a;\n  </script>\n  <style>\n  p { }\n  </style>\n</div>",
	             "",
	             "<div>\n<p>a  b\n    c</p>\n\n<span>x</span> <span>y</span>\n"
	             "<pre>\n  keep\n    <b>this</b>\n  </pre>\n<textarea>\n  kept\n  </textarea>\n"
	             "<script>\n  var a;\n  </script>\n<style>\n  p { }\n  </style>\n</div>\n");
	/* Within markup that depends on the page too. */
	CHECK_RENDER("<ul data-f-if=\"t.yes\">\n  <li data-f-each=\"k in t.kids\" data-f-text=\"k.name\">k</li>\n</ul>", "",
	             "<ul>\n<li>Ann</li><li>Bob</li><li>Cy</li>\n</ul>\n");
}

static void test_markdown(void)
{
	CHECK_RENDER("<div id=\"g\" data-f-md=\"t.body\" data-f-md-shift=\"1\">x</div>", "../",
	             "<div id=\"g\"><h2 id=\"g-head\">Head</h2>\n<p>Some <em>text</em> &amp; <a href=\"../kids/\">more</a>.</p>\n</div>\n");
	CHECK_RENDER("<div data-f-md=\"t.body\">x</div>", "",
	             "<div><h1 id=\"head\">Head</h1>\n<p>Some <em>text</em> &amp; <a href=\"kids/\">more</a>.</p>\n</div>\n");
	/* data-f-md-self-links: the h2 and h3 link to themselves, with that class. */
	CHECK_RENDER("<div id=\"g\" data-f-md=\"t.body\" data-f-md-shift=\"1\" data-f-md-self-links=\"self\">x</div>", "",
	             "<div id=\"g\"><h2 id=\"g-head\"><a class=\"self\" href=\"#g-head\">Head</a></h2>\n"
	             "<p>Some <em>text</em> &amp; <a href=\"kids/\">more</a>.</p>\n</div>\n");
}

/* ---- Markdown parts (tpl_md_parts) ---- */

/* What a page told of its parts, and what it is to find. */
struct parts_seen {
	int part[4];
	struct hash key[4];
	size_t at[4], len[4];
	size_t n;
	const char *markup;     /* what find gives; NULL: it finds nothing */
	struct hash found_key;  /* the key find was asked for */
	bool missed;
};

static void parts_note(void *ctx, int part, struct hash key, size_t at, size_t len)
{
	struct parts_seen *p = ctx;
	if (p->n < 4) {
		p->part[p->n] = part;
		p->key[p->n] = key;
		p->at[p->n] = at;
		p->len[p->n++] = len;
	}
}

static bool parts_find(void *ctx, int part, struct hash key, struct buf *out)
{
	struct parts_seen *p = ctx;
	(void)part;
	p->found_key = key;
	if (p->markup)
		buf_puts(out, p->markup);
	return p->markup != NULL;
}

/* Renders text with g, a part of t.body numbered 7 (without its tree when
 * tree is false), into a fresh string. */
static char *render_parts(const char *text, bool tree, const char *root, struct parts_seen *seen)
{
	write_template("case.html", text);
	struct tpl_set *set = tpl_new(dir, "templates");
	tpl_set_strings(set, &phrase_list);
	struct tval g = {.kind = TV_MD, .obj = tree ? thing.body.doc : NULL, .md_part = 7};
	struct tpl_var vars[] = {{"g", g}, {"t", tval_object(&thing_schema, &thing)}};
	struct tpl_md_parts parts = {parts_note, parts_find, seen, &seen->missed};
	struct diag d;
	diag_init(&d, NULL);
	struct buf out = BUF_INIT;
	CHECK(tpl_render(set, "case.html", vars, 2, &(struct tpl_page){.root = root, .md_parts = &parts}, &out, &d));
	CHECK(d.nlines == 0);
	diag_free(&d);
	tpl_free(set);
	return buf_detach(&out);
}

static void test_markdown_parts(void)
{
	/* A part with its tree is written as Markdown is, and told where. */
	struct parts_seen seen = {.n = 0};
	char *page = render_parts("<div><p>Before</p><div data-f-md=\"g\">x</div></div>", true, "", &seen);
	CHECK(seen.n == 1 && seen.part[0] == 7 && !seen.missed);
	const char *markup = "<h1 id=\"head\">Head</h1>\n<p>Some <em>text</em> &amp; <a href=\"kids/\">more</a>.</p>\n";
	CHECK(seen.at[0] == (size_t)(strstr(page, "<h1") - page));
	CHECK(seen.len[0] == strlen(markup));
	CHECK(strncmp(page + seen.at[0], markup, seen.len[0]) == 0);
	struct hash plain = seen.key[0];
	/* A value that is no part is not told of. */
	seen = (struct parts_seen){.n = 0};
	free(page);
	page = render_parts("<div data-f-md=\"t.body\">x</div>", true, "", &seen);
	CHECK(seen.n == 0);
	free(page);
	/* Written otherwise (shifted, with ids, from elsewhere), another key. */
	const char *others[] = {"<div data-f-md=\"g\" data-f-md-shift=\"1\">x</div>",
	                        "<div id=\"a\" data-f-md=\"g\">x</div>",
	                        "<div data-f-md=\"g\" data-f-md-self-links=\"s\">x</div>"};
	for (size_t i = 0; i < 3; i++) {
		seen = (struct parts_seen){.n = 0};
		free(render_parts(others[i], true, "", &seen));
		CHECK(seen.n == 1 && !hash_same(seen.key[0], plain));
	}
	seen = (struct parts_seen){.n = 0};
	free(render_parts("<div data-f-md=\"g\">x</div>", true, "../", &seen));
	CHECK(seen.n == 1 && !hash_same(seen.key[0], plain));
	/* Without its tree, the part is what find gives for the same key,
	 * noted where it now is. */
	seen = (struct parts_seen){.n = 0, .markup = "<p>Kept</p>\n"};
	page = render_parts("<section data-f-if=\"g\"><div data-f-md=\"g\">x</div></section>", false, "", &seen);
	CHECK_STR(page, "<section><div><p>Kept</p>\n</div></section>\n");
	CHECK(hash_same(seen.found_key, plain) && !seen.missed);
	CHECK(seen.n == 1 && seen.at[0] == strlen("<section><div>") && seen.len[0] == strlen("<p>Kept</p>\n"));
	free(page);
	/* Missed: find has nothing, or the page wants the text of the part. */
	seen = (struct parts_seen){.n = 0};
	free(render_parts("<div data-f-md=\"g\">x</div>", false, "", &seen));
	CHECK(seen.missed);
	seen = (struct parts_seen){.n = 0, .markup = "<p>Kept</p>\n"};
	free(render_parts("<p data-f-text=\"g\">x</p>", false, "", &seen));
	CHECK(seen.missed);
}

static void test_comments_are_dropped(void)
{
	CHECK_RENDER("<p><!-- a note for designers -->x<?pi y?></p>", "", "<p>x</p>\n");
}

static void test_unknown_attribute(void)
{
	CHECK_STR(render_bad("bad_attr.html", "<div>\n  <p data-f-tetx=\"t.title\">x</p>\n</div>\n"),
	          "templates/bad_attr.html:2:6: error: unknown template attribute 'data-f-tetx'; did you mean 'data-f-text'?");
	CHECK_STR(render_bad("bad_attr2.html", "<div>\n<p class=\"a\" data-f-frobnicate=\"\">x</p>\n</div>\n"),
	          "templates/bad_attr2.html:2:14: error: unknown template attribute 'data-f-frobnicate'; remove it, or use one that folio-templates(7) lists");
}

static void test_unknown_field(void)
{
	CHECK_STR(render_bad("bad_field.html", "<div>\n<p class=\"a\" data-f-text=\"t.titel\">x</p>\n</div>\n"),
	          "templates/bad_field.html:2:14: error: unknown field 'titel' of thing; did you mean 'title'?");
	CHECK_STR(render_bad("bad_field2.html", "<div>\n\n<a href=\"#\" data-f-attr-href=\"{t.child.link}\">x</a>\n</div>\n"),
	          "templates/bad_field2.html:3:13: error: unknown field 'link' of kid; write one of its fields: name, url");
	CHECK_STR(render_bad("bad_name.html", "<p data-f-if=\"nope.title\">x</p>\n"),
	          "templates/bad_name.html:1:4: error: unknown name 'nope'; use a name the page gives, or one that data-f-each or data-f-let binds");
	CHECK_STR(render_bad("bad_deep.html", "<p data-f-text=\"t.title.more\">x</p>\n"),
	          "templates/bad_deep.html:1:4: error: 't.title.more' has no field 'more', as it is not an object; remove '.more'");
}

static void test_strings(void)
{
	/* A phrase goes wherever a value does, escaped for where it goes,
	 * braces and all: the templates show it as written. */
	CHECK_RENDER("<nav aria-label=\"x\" data-f-attr-aria-label=\"{strings.on_this_page}\" "
	             "data-f-attr-title=\"{strings.quote}\"><p data-f-text=\"strings.back_to_top\">y</p>"
	             "<i data-f-text=\"strings.quote\">q</i><b data-f-if=\"strings.quote\" data-f-omit=\"\">z</b></nav>",
	             "",
	             "<nav aria-label=\"On this page\" title=\"&quot;Fish&quot; &amp; &lt;chips&gt; {{x}}\"><p>Back to top</p>"
	             "<i>\"Fish\" &amp; &lt;chips&gt; {{x}}</i>z</nav>\n");
	/* Bound to a name for a partial, like any value. */
	write_template("partials/phrase.html", "<b data-f-text=\"words\">w</b>\n");
	CHECK_RENDER("<p data-f-include=\"partials/phrase.html\" data-f-let=\"words=strings.back_to_top\">x</p>", "",
	             "<b>Back to top</b>\n");
}

static void test_unknown_string(void)
{
	CHECK_STR(render_bad("s1.html", "<div>\n<p class=\"a\" data-f-text=\"strings.on_this_pag\">x</p>\n</div>\n"),
	          "templates/s1.html:2:14: error: unknown string 'on_this_pag'; did you mean 'on_this_page'?");
	CHECK_STR(render_bad("s2.html", "<a href=\"#\" data-f-attr-title=\"Go {strings.nothing_like_it}\">x</a>\n"),
	          "templates/s2.html:1:13: error: unknown string 'nothing_like_it'; add it to the theme's strings "
	          "(strings/en.yaml and each language's file) or fix the name");
	CHECK_STR(render_bad("s3.html", "<p data-f-text=\"strings.back_to_top.x\">x</p>\n"),
	          "templates/s3.html:1:4: error: 'strings.back_to_top.x' is no string; write strings.NAME");
	CHECK_STR(render_bad("s4.html", "<p data-f-if=\"strings\">x</p>\n"),
	          "templates/s4.html:1:4: error: 'strings' is no string; write strings.NAME");
	CHECK_STR(render_bad("s5.html", "<ul><li data-f-each=\"strings in t.kids\">x</li></ul>\n"),
	          "templates/s5.html:1:9: error: 'strings' names the theme's strings; choose another name");
	CHECK_STR(render_bad("s6.html", "<p data-f-let=\"strings=t.title\">x</p>\n"),
	          "templates/s6.html:1:4: error: 'strings' names the theme's strings; choose another name");
	/* Reported once, by the check: the page that meets it adds nothing. */
	struct diag once;
	diag_init(&once, NULL);
	bool rendered = true;
	write_template("s9.html", "<p data-f-text=\"strings.nope\">x</p>\n");
	free(render("s9.html", &once, &rendered));
	CHECK(!rendered);
	CHECK_INT(once.errors, 1);
	diag_free(&once);
	/* Found when the template is checked, before any page, even where
	 * no page would show it. */
	write_template("s7.html", "<div><p data-f-if=\"t.no\"><b data-f-text=\"strings.nope\">x</b></p></div>\n");
	struct tpl_set *set = tpl_new(dir, "templates");
	tpl_set_strings(set, &phrase_list);
	struct diag d;
	diag_init(&d, NULL);
	CHECK(!tpl_check(set, "s7.html", &d));
	CHECK_INT(d.nlines, 1);
	if (d.nlines)
		CHECK_STR(d.lines[0], "templates/s7.html:1:29: error: unknown string 'nope'; add it to the theme's strings "
		                      "(strings/en.yaml and each language's file) or fix the name");
	diag_free(&d);
	tpl_free(set);
	/* A set given no strings knows none. */
	set = tpl_new(dir, "templates");
	diag_init(&d, NULL);
	write_template("s8.html", "<p data-f-text=\"strings.back_to_top\">x</p>\n");
	CHECK(!tpl_check(set, "s8.html", &d));
	if (d.nlines)
		CHECK_STR(d.lines[0], "templates/s8.html:1:4: error: unknown string 'back_to_top'; add it to the theme's "
		                      "strings (strings/en.yaml and each language's file) or fix the name");
	diag_free(&d);
	tpl_free(set);
}

static void test_attribute_on_a_later_line(void)
{
	/* A start tag written over several lines: the error names the attribute's own line. */
	CHECK_STR(render_bad("multi.html", "<div>\n<p class=\"a\"\n   id=\"b\"\n   data-f-text=\"t.titel\">x</p>\n</div>\n"),
	          "templates/multi.html:4:4: error: unknown field 'titel' of thing; did you mean 'title'?");
}

static void test_attribute_shared_by_a_line(void)
{
	/* Three elements on one line carry data-f-text: the error names the
	 * column of the one that is wrong, not of the last. */
	CHECK_STR(render_bad("shared.html", "<p>\n<span data-f-text=\"t.count\">1</span><span data-f-text=\"t.cuont\">2</span>"
	                                    "<span data-f-text=\"t.title\">3</span>\n</p>\n"),
	          "templates/shared.html:2:43: error: unknown field 'cuont' of thing; did you mean 'count'?");
}

static void test_wrong_kinds(void)
{
	CHECK_STR(render_bad("k1.html", "<p data-f-text=\"t.kids\">x</p>\n"),
	          "templates/k1.html:1:4: error: 't.kids' is a list or an object, not text; name one of its fields, or go through a list with data-f-each");
	CHECK_STR(render_bad("k2.html", "<p data-f-each=\"k in t.title\">x</p>\n"),
	          "templates/k2.html:1:4: error: 't.title' is not a list; give data-f-each a list");
	CHECK_STR(render_bad("k3.html", "<p data-f-md=\"t.title\">x</p>\n"),
	          "templates/k3.html:1:4: error: 't.title' is not Markdown; show it with data-f-text");
	CHECK_STR(render_bad("k4.html", "<p data-f-each=\"k of t.kids\">x</p>\n"),
	          "templates/k4.html:1:4: error: data-f-each must read 'item in list.path', not 'k of t.kids'; write it such as 'item in resource.cards.items'");
	CHECK_STR(render_bad("k5.html", "<p data-f-attr-title=\"{t.child}\">x</p>\n"),
	          "templates/k5.html:1:4: error: 't.child' is a list or an object, not text; name one of its fields");
	CHECK_STR(render_bad("k6.html", "<p data-f-attr-title=\"{t.title\">x</p>\n"),
	          "templates/k6.html:1:4: error: '{' without '}' in '{t.title'; write '{{' for a literal brace");
}

static void test_malformed_xml(void)
{
	const char *e = render_bad("bad_xml.html", "<div>\n<p>x</div>\n");
	CHECK_CONTAINS(e, "templates/bad_xml.html:2:");
	CHECK_CONTAINS(e, ": error: template is not well-formed: Opening and ending tag mismatch: p line 2 and div; "
	                  "close every element, quote every attribute and write &#160; for &nbsp;");
	e = render_bad("bad_amp.html", "<div>\n\n<p>fish & chips</p>\n</div>\n");
	CHECK_CONTAINS(e, "templates/bad_amp.html:3:");
	CHECK_CONTAINS(e, ": error: template is not well-formed: ");
	e = render_bad("bad_nbsp.html", "<p>a&nbsp;b</p>\n");
	CHECK_CONTAINS(e, "templates/bad_nbsp.html:1:");
	CHECK_CONTAINS(e, "nbsp");
	e = render_bad("bad_quote.html", "<p>\n<a href=x>y</a>\n</p>\n");
	CHECK_CONTAINS(e, "templates/bad_quote.html:2:");
}

static void test_missing_templates(void)
{
	struct diag d;
	diag_init(&d, NULL);
	bool ok = true;
	char *out = render("nope.html", &d, &ok);
	CHECK(!ok);
	CHECK_INT(d.nlines, 1);
	if (d.nlines)
		CHECK_STR(d.lines[0], "templates: error: cannot read template templates/nope.html; create it or fix the name");
	free(out);
	diag_free(&d);
	CHECK_STR(render_bad("inc.html", "<div>\n <p data-f-include=\"partials/none.html\">x</p>\n</div>\n"),
	          "templates/inc.html:2:5: error: cannot read template templates/partials/none.html; create it or fix the name");
	CHECK_STR(render_bad("inc2.html", "<p data-f-include=\"../secret.html\">x</p>\n"),
	          "templates/inc2.html:1:4: error: template name '../secret.html' must be a .html file inside templates/; write a name such as partials/card.html");
	CHECK_STR(render_bad("lay.html", "<html data-f-layout=\"missing-layout.html\"><body/></html>\n"),
	          "templates/lay.html:1:7: error: cannot read template templates/missing-layout.html; create it or fix the name");
}

static void test_self_include(void)
{
	write_template("partials/loop.html", "<b data-f-include=\"partials/loop.html\">x</b>\n");
	struct diag d;
	diag_init(&d, NULL);
	write_template("self.html", "<div data-f-include=\"partials/loop.html\">x</div>\n");
	bool ok = true;
	char *out = render("self.html", &d, &ok);
	CHECK(!ok);
	CHECK_INT(d.errors, 1);
	if (d.nlines)
		CHECK_STR(d.lines[0], "templates/partials/loop.html:1:4: error: templates nest deeper than 64 levels; see that no include includes itself, directly or through another");
	free(out);
	diag_free(&d);
}

static void test_check_without_render(void)
{
	write_template("checked.html", "<div><p data-f-include=\"partials/kid.html\">x</p><i data-f-bogus=\"\">y</i></div>\n");
	struct tpl_set *set = tpl_new(dir, "templates");
	struct diag d;
	diag_init(&d, NULL);
	CHECK(!tpl_check(set, "checked.html", &d));
	CHECK_INT(d.nlines, 1);
	if (d.nlines)
		CHECK_STR(d.lines[0], "templates/checked.html:1:52: error: unknown template attribute 'data-f-bogus'; remove it, or use one that folio-templates(7) lists");
	/* A template is read once: checking again reports nothing new. */
	diag_free(&d);
	diag_init(&d, NULL);
	tpl_check(set, "checked.html", &d);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
	tpl_free(set);
}

/* A set of two folders (a site's templates/ over a theme's): each file,
 * partials included, comes from the first that has it, and messages name
 * the file that was read. */
static void test_folders_in_order(void)
{
	char site[96], theme[96];
	snprintf(site, sizeof site, "%s/over/site", dir);
	snprintf(theme, sizeof theme, "%s/over/theme", dir);
	char mkdirs[256];
	snprintf(mkdirs, sizeof mkdirs, "mkdir -p '%s/partials' '%s/partials'", site, theme);
	CHECK(system(mkdirs) == 0);
	write_template("over/theme/page.html",
	               "<div><p data-f-include=\"partials/a.html\">x</p><p data-f-include=\"partials/b.html\">x</p></div>\n");
	write_template("over/theme/partials/a.html", "<b>theme a</b>\n");
	write_template("over/theme/partials/b.html", "<b>theme b</b>\n");
	write_template("over/site/partials/a.html", "<b>site a</b>\n");
	struct tpl_set *set = tpl_new(site, "templates");
	tpl_add_dir(set, theme, "theme/templates");
	struct diag d;
	diag_init(&d, NULL);
	struct buf out = BUF_INIT;
	CHECK(tpl_render(set, "page.html", NULL, 0, &(struct tpl_page){.root = ""}, &out, &d));
	CHECK_STR(buf_str(&out), "<div><b>site a</b><b>theme b</b></div>\n");
	tpl_free(set);
	diag_free(&d);

	/* A mistake in the theme's file names it; one in the site's names the site's. */
	write_template("over/theme/partials/b.html", "<b data-f-tetx=\"x\">theme b</b>\n");
	write_template("over/site/partials/a.html", "<b>site\n<i data-f-bogus=\"\">a</i></b>\n");
	set = tpl_new(site, "templates");
	tpl_add_dir(set, theme, "theme/templates");
	diag_init(&d, NULL);
	CHECK(!tpl_check(set, "page.html", &d));
	CHECK_INT(d.nlines, 2);
	if (d.nlines == 2) {
		CHECK_STR(d.lines[0], "templates/partials/a.html:2:4: error: unknown template attribute 'data-f-bogus'; remove it, or use one that folio-templates(7) lists");
		CHECK_STR(d.lines[1], "theme/templates/partials/b.html:1:4: error: unknown template attribute 'data-f-tetx'; did you mean 'data-f-text'?");
	}
	tpl_free(set);
	diag_free(&d);

	/* A template neither folder has. */
	set = tpl_new(site, "templates");
	tpl_add_dir(set, theme, "theme/templates");
	diag_init(&d, NULL);
	CHECK(!tpl_check(set, "none.html", &d));
	if (d.nlines)
		CHECK_STR(d.lines[0], "templates: error: cannot read template templates/none.html (the theme has none either); create it or fix the name");
	tpl_free(set);
	diag_free(&d);
	buf_free(&out);
}

/* Which templates a page reads: its layout and the partials they
 * include, however deep, those on some pages only among them. */
static void test_reads(void)
{
	write_template("r-layout.html", "<html><head data-f-include=\"partials/r-head.html\">h</head>"
	                                "<body><main data-f-slot=\"main\">m</main></body></html>\n");
	write_template("partials/r-head.html", "<head><meta data-f-include=\"partials/r-meta.html\"/></head>\n");
	write_template("partials/r-meta.html", "<meta name=\"r\" content=\"1\"/>\n");
	write_template("partials/r-some.html", "<b>on some pages</b>\n");
	write_template("partials/r-twice.html", "<i>twice</i>\n");
	write_template("partials/r-other.html", "<b>no page reads it</b>\n");
	write_template("r-page.html", "<html data-f-layout=\"r-layout.html\"><body><main data-f-fill=\"main\">"
	                              "<p data-f-if=\"t.no\" data-f-include=\"partials/r-some.html\">x</p>"
	                              "<p data-f-include=\"partials/r-twice.html\">x</p>"
	                              "<p data-f-include=\"partials/r-twice.html\">x</p></main></body></html>\n");
	write_template("r-plain.html", "<p>plain</p>\n");
	struct tpl_set *set = tpl_new(dir, "templates");
	struct diag d;
	diag_init(&d, NULL);
	CHECK(tpl_check(set, "r-page.html", &d));
	CHECK(tpl_check(set, "r-plain.html", &d));
	CHECK(tpl_check(set, "partials/r-other.html", &d));
	CHECK(tpl_reads(set, "r-page.html", "r-page.html"));
	CHECK(tpl_reads(set, "r-page.html", "r-layout.html"));
	CHECK(tpl_reads(set, "r-page.html", "partials/r-head.html"));
	CHECK(tpl_reads(set, "r-page.html", "partials/r-meta.html"));
	CHECK(tpl_reads(set, "r-page.html", "partials/r-some.html"));
	CHECK(tpl_reads(set, "r-page.html", "partials/r-twice.html"));
	CHECK(!tpl_reads(set, "r-page.html", "partials/r-other.html"));
	CHECK(!tpl_reads(set, "r-page.html", "r-plain.html"));
	CHECK(!tpl_reads(set, "r-plain.html", "r-layout.html"));
	CHECK(tpl_reads(set, "partials/r-head.html", "partials/r-meta.html"));
	CHECK(!tpl_reads(set, "partials/r-meta.html", "partials/r-head.html"));
	/* A template never checked is read by no page, nor reads any. */
	CHECK(!tpl_reads(set, "r-unchecked.html", "r-unchecked.html"));
	CHECK_INT(d.errors, 0);
	diag_free(&d);
	tpl_free(set);
}

int main(void)
{
	char tmpl[] = "/tmp/folio-test-tpl-XXXXXX";
	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(dir, sizeof dir, "%s", tmpl);
	make_model();
	RUN(test_text_is_escaped);
	RUN(test_if_unless);
	RUN(test_each_and_loop);
	RUN(test_attr_interpolation);
	RUN(test_names_alike);
	RUN(test_include_and_let);
	RUN(test_layout_slot_fill);
	RUN(test_reads);
	RUN(test_omit);
	RUN(test_void_elements);
	RUN(test_raw_text_elements);
	RUN(test_indentation_keeps_its_line_breaks);
	RUN(test_markdown);
	RUN(test_markdown_parts);
	RUN(test_comments_are_dropped);
	RUN(test_unknown_attribute);
	RUN(test_unknown_field);
	RUN(test_strings);
	RUN(test_unknown_string);
	RUN(test_attribute_on_a_later_line);
	RUN(test_attribute_shared_by_a_line);
	RUN(test_wrong_kinds);
	RUN(test_malformed_xml);
	RUN(test_missing_templates);
	RUN(test_self_include);
	RUN(test_check_without_render);
	RUN(test_folders_in_order);
	cmark_node_free(thing.body.doc);
	remove_dir();
	xmlCleanupParser();
	return harness_done();
}
