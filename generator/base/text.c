#include "base/text.h"

#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/word.h"
#include "base/xalloc.h"

bool text_valid_utf8(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* Most text is ASCII: eight bytes at a time while it lasts. */
		while (i + 8 <= len && !word_has_high(word_at(s + i)))
			i += 8;
		if (i >= len)
			break;
		unsigned c = p[i];
		size_t need;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			min = 0x10000;
		} else {
			goto bad;
		}
		unsigned cp = c & (0x3F >> need);
		for (size_t k = 1; k <= need; k++) {
			if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

void text_line_col(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && s[i]; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

bool text_is_slug(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

bool text_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool text_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *text_squeeze_space(char *s)
{
	char *w = s;
	bool pending = false;
	for (const char *r = s; *r; r++) {
		if (is_space(*r)) {
			pending = w != s;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = false;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

size_t text_char_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

size_t text_word_count(const char *s)
{
	size_t n = 0;
	bool in_word = false;
	for (; *s; s++) {
		bool space = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v';
		if (!space && !in_word)
			n++;
		in_word = !space;
	}
	return n;
}

int text_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* tag in the case files are named in, as BCP 47 writes it: the language
 * in small letters, a region of two in capitals ("DE-at": "de-AT"); tags
 * are the same in any case.  Caller frees. */
char *text_language_tag(const char *tag)
{
	char *out = xstrdup(tag);
	size_t start = 0;
	for (size_t i = 0;; i++) {
		if (out[i] != '-' && out[i] != '\0')
			continue;
		bool language = start == 0, region = start > 0 && i - start == 2;
		for (size_t k = start; k < i; k++) {
			if (language && out[k] >= 'A' && out[k] <= 'Z')
				out[k] = (char)(out[k] - 'A' + 'a');
			else if (region && out[k] >= 'a' && out[k] <= 'z')
				out[k] = (char)(out[k] - 'a' + 'A');
		}
		if (out[i] == '\0')
			return out;
		start = i + 1;
	}
}

void text_put_field(struct buf *b, const char *s)
{
	/* Runs without a character to escape go in whole: a record is
	 * megabytes of paths and ids, and nearly none has one. */
	for (;;) {
		size_t plain = strcspn(s, "\\\t\n");
		buf_put(b, s, plain);
		s += plain;
		if (*s == '\0')
			return;
		buf_puts(b, *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : "\\n");
		s++;
	}
}

bool text_unescape_field(char *s)
{
	s = strchr(s, '\\');  /* nearly every field has none */
	if (s == NULL)
		return true;
	char *out = s;
	for (; *s; s++) {
		if (*s != '\\') {
			*out++ = *s;
			continue;
		}
		s++;
		if (*s == '\\')
			*out++ = '\\';
		else if (*s == 't')
			*out++ = '\t';
		else if (*s == 'n')
			*out++ = '\n';
		else
			return false;
	}
	*out = '\0';
	return true;
}
