/* Unit tests of reload.h's pure parts: the script added to pages, and
 * build errors as the JSON the page shows. */
#define HARNESS_NAME "reload"
#include "harness.h"

#include "serve/reload.h"

static char *inject(const char *html, unsigned generation)
{
	size_t len;
	char *out = reload_inject(html, strlen(html), generation, &len);
	CHECK(strlen(out) == len);
	return out;
}

static void test_inject_before_head_end(void)
{
	char *out = inject("<html><head><title>x</title></head><body>y</body></html>", 7);
	CHECK_STR(out, "<html><head><title>x</title><script src=\"/__folio/reload.js\" data-build=\"7\" defer></script>"
	               "</head><body>y</body></html>");
	free(out);
	out = inject("<HTML><HEAD></HEAD></HTML>", 1);
	CHECK_STR(out, "<HTML><HEAD><script src=\"/__folio/reload.js\" data-build=\"1\" defer></script></HEAD></HTML>");
	free(out);
}

static void test_inject_without_head(void)
{
	char *out = inject("<p>fragment</p>", 2);
	CHECK_STR(out, "<p>fragment</p><script src=\"/__folio/reload.js\" data-build=\"2\" defer></script>");
	free(out);
	out = inject("", 3);
	CHECK_STR(out, "<script src=\"/__folio/reload.js\" data-build=\"3\" defer></script>");
	free(out);
}

static void test_errors_json(void)
{
	char *lines[] = {
		(char *)"/site/content/a.yaml:3:9: error: YAML syntax: bad; fix it",
		(char *)"/site/content/b.md:1:1: warning: description is short",
		(char *)"/site/static/fonts: error: no fonts",
		(char *)"folio: error: out of luck",
		(char *)"/elsewhere/x.md:12:4: error: a \"quoted\" <b>word</b>: error: twice",
	};
	char *json = reload_errors_json(lines, 5, "/site");
	CHECK_STR(json, "[{\"file\":\"content/a.yaml\",\"line\":3,\"col\":9,\"message\":\"YAML syntax: bad; fix it\"},"
	                "{\"file\":\"static/fonts\",\"line\":0,\"col\":0,\"message\":\"no fonts\"},"
	                "{\"file\":null,\"line\":0,\"col\":0,\"message\":\"out of luck\"},"
	                "{\"file\":\"/elsewhere/x.md\",\"line\":12,\"col\":4,"
	                "\"message\":\"a \\\"quoted\\\" <b>word</b>: error: twice\"}]");
	free(json);
	json = reload_errors_json(lines, 1, ".");
	CHECK_STR(json, "[{\"file\":\"/site/content/a.yaml\",\"line\":3,\"col\":9,\"message\":\"YAML syntax: bad; fix it\"}]");
	free(json);
	json = reload_errors_json(lines, 0, NULL);
	CHECK_STR(json, "[]");
	free(json);
}

static void test_errors_json_one_line(void)
{
	/* An event's data is one line: newlines in a message must be escaped. */
	char *lines[] = {(char *)"a.md:1:1: error: one\ntwo"};
	char *json = reload_errors_json(lines, 1, NULL);
	CHECK(strchr(json, '\n') == NULL);
	free(json);
}

static void test_script_uses_text_only(void)
{
	/* Messages go into the page as text, never as markup. */
	CHECK(strstr(reload_script, "innerHTML") == NULL);
	CHECK_CONTAINS(reload_script, "textContent");
	CHECK_CONTAINS(reload_script, "role', 'alert'");
}

int main(void)
{
	RUN(test_inject_before_head_end);
	RUN(test_inject_without_head);
	RUN(test_errors_json);
	RUN(test_errors_json_one_line);
	RUN(test_script_uses_text_only);
	return harness_done();
}
