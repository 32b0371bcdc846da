/* Unit tests of escape.h: one escaping function per output context. */
#define HARNESS_NAME "escape"
#include "harness.h"

#include "escape.h"

typedef void (*escape_fn)(struct buf *, const char *, size_t);

/* Escapes s with fn into a fresh string; the caller frees it. */
static char *esc(escape_fn fn, const char *s)
{
	struct buf b = BUF_INIT;
	fn(&b, s, strlen(s));
	return buf_detach(&b);
}

#define CHECK_ESC(fn, in, want)            \
	do {                               \
		char *got_ = esc(fn, in);  \
		CHECK_STR(got_, want);     \
		free(got_);                \
	} while (0)

static void test_html_text(void)
{
	CHECK_ESC(escape_html_text, "", "");
	CHECK_ESC(escape_html_text, "plain words", "plain words");
	CHECK_ESC(escape_html_text, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	CHECK_ESC(escape_html_text, "Tom & Jerry", "Tom &amp; Jerry");
	CHECK_ESC(escape_html_text, "&amp;", "&amp;amp;");
	/* Quotes need no escaping between tags. */
	CHECK_ESC(escape_html_text, "say \"hi\" it's", "say \"hi\" it's");
	CHECK_ESC(escape_html_text, "caf\xC3\xA9 \xE2\x86\x92 ok", "caf\xC3\xA9 \xE2\x86\x92 ok");
	CHECK_ESC(escape_html_text, "<<>>", "&lt;&lt;&gt;&gt;");
}

static void test_html_attr(void)
{
	CHECK_ESC(escape_html_attr, "", "");
	CHECK_ESC(escape_html_attr, "a\"b", "a&quot;b");
	CHECK_ESC(escape_html_attr, "\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
	CHECK_ESC(escape_html_attr, "<&>", "&lt;&amp;&gt;");
	/* Values are always written in double quotes: a single quote is safe. */
	CHECK_ESC(escape_html_attr, "it's", "it's");
	CHECK_ESC(escape_html_attr, "a=1&b=2", "a=1&amp;b=2");
}

static void test_length_is_respected(void)
{
	struct buf b = BUF_INIT;
	escape_html_text(&b, "<ab", 1);
	CHECK_STR(buf_str(&b), "&lt;");
	buf_reset(&b);
	escape_html_attr(&b, "x\"y", 2);
	CHECK_STR(buf_str(&b), "x&quot;");
	buf_reset(&b);
	escape_url(&b, "a b", 2);
	CHECK_STR(buf_str(&b), "a%20");
	buf_reset(&b);
	/* Output is appended to what the buffer holds. */
	buf_puts(&b, "pre:");
	escape_html_text(&b, "&", 1);
	CHECK_STR(buf_str(&b), "pre:&amp;");
	buf_free(&b);
}

static void test_url(void)
{
	CHECK_ESC(escape_url, "", "");
	/* Reserved characters and existing escapes stay as written. */
	CHECK_ESC(escape_url, "https://example.org/a/b?x=1&y=2#frag", "https://example.org/a/b?x=1&y=2#frag");
	CHECK_ESC(escape_url, "/a%20b/", "/a%20b/");
	CHECK_ESC(escape_url, "mailto:a@b.org", "mailto:a@b.org");
	CHECK_ESC(escape_url, "../x/(1)!*'$,;=:~", "../x/(1)!*'$,;=:~");
	/* Spaces, quotes and angle brackets are percent-encoded. */
	CHECK_ESC(escape_url, "a b", "a%20b");
	CHECK_ESC(escape_url, "\"><script>", "%22%3E%3Cscript%3E");
	CHECK_ESC(escape_url, "\\^`{|}", "%5C%5E%60%7B%7C%7D");
	/* Control characters, DEL and non-ASCII bytes, with upper-case hex. */
	CHECK_ESC(escape_url, "\t\x01\x7F", "%09%01%7F");
	CHECK_ESC(escape_url, "caf\xC3\xA9", "caf%C3%A9");
	CHECK_ESC(escape_url, "/\xE2\x82\xAC/", "/%E2%82%AC/");
}

int main(void)
{
	RUN(test_html_text);
	RUN(test_html_attr);
	RUN(test_length_is_respected);
	RUN(test_url);
	return harness_done();
}
