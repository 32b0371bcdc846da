#include "escape.h"

#include <string.h>

static void escape_with(struct buf *out, const char *s, size_t len, const char *special)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = strchr(special, '"') ? "&quot;" : NULL; break;
		default: break;
		}
		if (rep == NULL)
			continue;
		buf_put(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_put(out, s + start, len - start);
}

void escape_html_text(struct buf *out, const char *s, size_t len)
{
	escape_with(out, s, len, "");
}

void escape_html_attr(struct buf *out, const char *s, size_t len)
{
	escape_with(out, s, len, "\"");
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
