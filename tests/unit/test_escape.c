/* Unit tests of escape.h: one escaping function per output context. */
#define HARNESS_NAME "escape"
#include "harness.h"

#include "base/escape.h"

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

/* The reference: one byte at a time, as the HTML spec's escaping rules
 * read. */
static void naive(struct buf *b, const char *s, size_t len, bool quotes)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '&')
			buf_puts(b, "&amp;");
		else if (s[i] == '<')
			buf_puts(b, "&lt;");
		else if (s[i] == '>')
			buf_puts(b, "&gt;");
		else if (s[i] == '"' && quotes)
			buf_puts(b, "&quot;");
		else
			buf_putc(b, s[i]);
	}
}

/* Long runs are scanned eight bytes at a time: every special character at
 * every offset of a 40-byte text (and next to bytes of 0x80 and above,
 * whose high bit the word test must not mistake) comes out as one byte
 * at a time would have it. */
static void test_special_at_every_offset(void)
{
	static const char specials[] = "&<>\"";
	char text[41];
	for (size_t k = 0; k < 4; k++) {
		for (size_t at = 0; at < 40; at++) {
			for (size_t i = 0; i < 40; i++)
				text[i] = (char)(i % 3 == 0 ? 0xC3 : 'a' + (int)(i % 26));
			text[at] = specials[k];
			text[40] = '\0';
			for (int quotes = 0; quotes < 2; quotes++) {
				struct buf got = BUF_INIT, want = BUF_INIT;
				(quotes ? escape_html_attr : escape_html_text)(&got, text, 40);
				naive(&want, text, 40, quotes);
				CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0);
				buf_free(&got);
				buf_free(&want);
			}
		}
	}
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
	RUN(test_special_at_every_offset);
	RUN(test_url);
	return harness_done();
}
