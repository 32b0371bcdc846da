/* Unit tests of urlpath.h: which file a request path names, and which it
 * must never name. */
#define HARNESS_NAME "urlpath"
#include "harness.h"

#include "serve/urlpath.h"

/* Resolves a C string; returns the result and sets *rel (caller frees). */
static enum urlpath_result resolve(const char *raw, char **rel, bool *slash)
{
	return urlpath_resolve(raw, strlen(raw), rel, slash);
}

#define CHECK_OK(raw, want_rel, want_slash)                           \
	do {                                                          \
		char *rel_;                                           \
		bool slash_;                                          \
		CHECK_INT(resolve(raw, &rel_, &slash_), URLPATH_OK);  \
		CHECK_STR(rel_, want_rel);                            \
		CHECK(slash_ == (want_slash));                        \
		free(rel_);                                           \
	} while (0)

#define CHECK_REFUSED(raw, want)                               \
	do {                                                   \
		char *rel_;                                    \
		bool slash_;                                   \
		CHECK_INT(resolve(raw, &rel_, &slash_), want); \
		CHECK(rel_ == NULL);                           \
	} while (0)

static void test_plain_paths(void)
{
	CHECK_OK("/", "", true);
	CHECK_OK("/index.html", "index.html", false);
	CHECK_OK("/resources/crm/", "resources/crm", true);
	CHECK_OK("/resources/crm", "resources/crm", false);
	CHECK_OK("/css/site.css?v=3", "css/site.css", false);
	CHECK_OK("/a/#frag", "a", true);
	/* Empty and "." segments name the same folder. */
	CHECK_OK("//a//b/./c", "a/b/c", false);
	CHECK_OK("/./", "", true);
}

static void test_percent_decoding(void)
{
	CHECK_OK("/caf%C3%A9.html", "caf\xC3\xA9.html", false);
	CHECK_OK("/a%20b", "a b", false);
	CHECK_OK("/%61%62c", "abc", false);
	CHECK_OK("/100%25", "100%", false);
	/* A broken escape is refused, not passed through. */
	CHECK_REFUSED("/a%", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a%2", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a%zz", URLPATH_FORBIDDEN);
}

static void test_traversal(void)
{
	CHECK_REFUSED("/..", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/../etc/passwd", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a/../../etc/passwd", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a/..", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/%2e%2e/etc/passwd", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/%2E%2E/etc/passwd", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/.%2e/x", URLPATH_FORBIDDEN);
	/* An encoded separator could hide "..": refused whatever it separates. */
	CHECK_REFUSED("/..%2fetc%2fpasswd", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a%2Fb", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a%5c..%5c..", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a\\b", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/index.html%00.png", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a%0ab", URLPATH_FORBIDDEN);
	CHECK_REFUSED("/a%7f", URLPATH_FORBIDDEN);
	CHECK_REFUSED("relative", URLPATH_FORBIDDEN);
	CHECK_REFUSED("", URLPATH_FORBIDDEN);
}

static void test_nul_byte_in_raw(void)
{
	char *rel;
	bool slash;
	static const char raw[] = "/index.html\0/../../etc/passwd";
	CHECK_INT(urlpath_resolve(raw, sizeof raw - 1, &rel, &slash), URLPATH_FORBIDDEN);
	CHECK(rel == NULL);
}

static void test_hidden(void)
{
	CHECK_REFUSED("/.folio-build", URLPATH_HIDDEN);
	CHECK_REFUSED("/a/.git/config", URLPATH_HIDDEN);
	CHECK_REFUSED("/%2efolio-build", URLPATH_HIDDEN);
}

static void test_long_path(void)
{
	char raw[5000];
	memset(raw, 'a', sizeof raw - 1);
	raw[0] = '/';
	raw[sizeof raw - 1] = '\0';
	CHECK_REFUSED(raw, URLPATH_FORBIDDEN);
}

static void test_types(void)
{
	CHECK_STR(urlpath_type("index.html"), "text/html; charset=utf-8");
	CHECK_STR(urlpath_type("css/site.css"), "text/css; charset=utf-8");
	CHECK_STR(urlpath_type("js/estimator.js"), "text/javascript; charset=utf-8");
	CHECK_STR(urlpath_type("a/b.svg"), "image/svg+xml");
	CHECK_STR(urlpath_type("og.png"), "image/png");
	CHECK_STR(urlpath_type("playbook.pdf"), "application/pdf");
	CHECK_STR(urlpath_type("sitemap.xml"), "application/xml");
	CHECK_STR(urlpath_type("llms.txt"), "text/plain; charset=utf-8");
	CHECK_STR(urlpath_type("index.html.md"), "text/markdown; charset=utf-8");
	CHECK_STR(urlpath_type("fonts/x.woff2"), "font/woff2");
	CHECK_STR(urlpath_type("data.json"), "application/json");
	CHECK_STR(urlpath_type("favicon.ico"), "image/vnd.microsoft.icon");
	CHECK_STR(urlpath_type("IMAGE.PNG"), "image/png");
	CHECK_STR(urlpath_type("README"), "application/octet-stream");
	CHECK_STR(urlpath_type("dir.css/file"), "application/octet-stream");
}

int main(void)
{
	RUN(test_plain_paths);
	RUN(test_percent_decoding);
	RUN(test_traversal);
	RUN(test_nul_byte_in_raw);
	RUN(test_hidden);
	RUN(test_long_path);
	RUN(test_types);
	return harness_done();
}
