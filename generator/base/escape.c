#include "base/escape.h"

#include <stdbool.h>
#include <string.h>

#include "base/word.h"

/* Copies the runs that need no escaping whole: most text has no byte to
 * escape, or a few.  Eight bytes at a time are passed over when none of
 * them is special; a table decides for the others. */
static void escape_with(struct buf *out, const char *s, size_t len, bool quotes)
{
	static const unsigned char special[256] = {['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 2};
	size_t start = 0;
	for (size_t i = 0; i < len;) {
		if (len - i >= 8) {
			uint64_t w = word_at(s + i);
			if (!word_has_byte(w, '&') && !word_has_byte(w, '<') && !word_has_byte(w, '>') &&
			    !(quotes && word_has_byte(w, '"'))) {
				i += 8;
				continue;
			}
		}
		unsigned char kind = special[(unsigned char)s[i]];
		if (kind == 0 || (kind == 2 && !quotes)) {
			i++;
			continue;
		}
		buf_put(out, s + start, i - start);
		switch (s[i]) {
		case '&': buf_put(out, "&amp;", 5); break;
		case '<': buf_put(out, "&lt;", 4); break;
		case '>': buf_put(out, "&gt;", 4); break;
		default: buf_put(out, "&quot;", 6); break;
		}
		start = ++i;
	}
	buf_put(out, s + start, len - start);
}

void escape_html_text(struct buf *out, const char *s, size_t len)
{
	escape_with(out, s, len, false);
}

void escape_html_attr(struct buf *out, const char *s, size_t len)
{
	escape_with(out, s, len, true);
}

void escape_url(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c > ' ' && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' &&
		    c != '`' && c != '{' && c != '|' && c != '}') {
			buf_putc(out, (char)c);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		}
	}
}

void escape_json_in_script(struct buf *out, const char *json)
{
	for (const char *c = json; *c;) {
		size_t run = strcspn(c, "<");
		buf_put(out, c, run);
		c += run;
		if (*c == '<') {
			buf_puts(out, "\\u003c");
			c++;
		}
	}
}
