/* Unit tests of text.h: UTF-8 validation, positions, slugs, white space. */
#define HARNESS_NAME "text"
#include "harness.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xalloc.h"

/* Valid when the whole of s (len bytes) is valid. */
static int valid(const char *s, size_t len)
{
	size_t bad = 12345;
	bool ok = text_valid_utf8(s, len, &bad);
	return ok && bad == 12345;  /* bad_offset untouched on success */
}

/* The offset text_valid_utf8 reports, or -1 when it finds s valid. */
static long bad_at(const char *s, size_t len)
{
	size_t bad = 0;
	return text_valid_utf8(s, len, &bad) ? -1 : (long)bad;
}

static void test_utf8_valid_sequences(void)
{
	CHECK(valid("", 0));
	CHECK(valid("plain ASCII", 11));
	CHECK(valid("\xC3\xA9", 2));                 /* U+00E9 e acute, 2 bytes */
	CHECK(valid("\xC2\x80", 2));                 /* U+0080, smallest 2-byte */
	CHECK(valid("\xDF\xBF", 2));                 /* U+07FF, largest 2-byte */
	CHECK(valid("\xE0\xA0\x80", 3));             /* U+0800, smallest 3-byte */
	CHECK(valid("\xE2\x82\xAC", 3));             /* U+20AC euro sign */
	CHECK(valid("\xED\x9F\xBF", 3));             /* U+D7FF, just below the surrogates */
	CHECK(valid("\xEE\x80\x80", 3));             /* U+E000, just above them */
	CHECK(valid("\xEF\xBF\xBF", 3));             /* U+FFFF */
	CHECK(valid("\xEF\xBB\xBF", 3));             /* U+FEFF, the byte-order mark */
	CHECK(valid("\xF0\x90\x80\x80", 4));         /* U+10000, smallest 4-byte */
	CHECK(valid("\xF0\x9D\x84\x9E", 4));         /* U+1D11E musical G clef */
	CHECK(valid("\xF4\x8F\xBF\xBF", 4));         /* U+10FFFF, the last code point */
	CHECK(valid("a\0b", 3));                     /* NUL is valid UTF-8 */
	CHECK(valid("caf\xC3\xA9 \xE2\x82\xAC 5", 11));
}

static void test_utf8_overlong(void)
{
	CHECK_INT(bad_at("\xC0\x80", 2), 0);          /* NUL in 2 bytes */
	CHECK_INT(bad_at("\xC1\xBF", 2), 0);          /* U+007F in 2 bytes */
	CHECK_INT(bad_at("\xE0\x80\x80", 3), 0);      /* NUL in 3 bytes */
	CHECK_INT(bad_at("\xE0\x9F\xBF", 3), 0);      /* U+07FF in 3 bytes */
	CHECK_INT(bad_at("\xF0\x80\x80\x80", 4), 0);  /* NUL in 4 bytes */
	CHECK_INT(bad_at("\xF0\x8F\xBF\xBF", 4), 0);  /* U+FFFF in 4 bytes */
	CHECK_INT(bad_at("ok \xC0\xAF", 5), 3);       /* overlong '/', after text */
}

static void test_utf8_surrogates(void)
{
	CHECK_INT(bad_at("\xED\xA0\x80", 3), 0);      /* U+D800 */
	CHECK_INT(bad_at("\xED\xAF\xBF", 3), 0);      /* U+DBFF */
	CHECK_INT(bad_at("\xED\xB0\x80", 3), 0);      /* U+DC00 */
	CHECK_INT(bad_at("\xED\xBF\xBF", 3), 0);      /* U+DFFF */
	CHECK_INT(bad_at("x\xED\xA0\x80\xED\xB0\x80", 7), 1);  /* a CESU-8 pair */
}

static void test_utf8_beyond_10ffff(void)
{
	CHECK_INT(bad_at("\xF4\x90\x80\x80", 4), 0);  /* U+110000 */
	CHECK_INT(bad_at("\xF4\xBF\xBF\xBF", 4), 0);
	CHECK_INT(bad_at("\xF5\x80\x80\x80", 4), 0);  /* lead byte that can never start a character */
	CHECK_INT(bad_at("\xF7\xBF\xBF\xBF", 4), 0);
	CHECK_INT(bad_at("\xF8\x88\x80\x80\x80", 5), 0);  /* old 5-byte form */
	CHECK_INT(bad_at("\xFE", 1), 0);
	CHECK_INT(bad_at("ab\xFF", 3), 2);
}

static void test_utf8_truncated_and_stray(void)
{
	CHECK_INT(bad_at("a\xC3", 2), 1);             /* 2-byte lead at the end */
	CHECK_INT(bad_at("\xE2\x82", 2), 0);          /* 3-byte sequence cut short */
	CHECK_INT(bad_at("ab\xF0\x9D\x84", 5), 2);    /* 4-byte sequence cut short */
	CHECK_INT(bad_at("\xC3\xA9", 1), 0);          /* len cuts a valid character */
	CHECK_INT(bad_at("\xE2\x82\xAC", 2), 0);
	CHECK_INT(bad_at("\x80", 1), 0);              /* continuation byte alone */
	CHECK_INT(bad_at("ab\xBF", 3), 2);
	CHECK_INT(bad_at("\xC3\x28", 2), 0);          /* lead byte, then ASCII */
	CHECK_INT(bad_at("\xE2\x28\xA1", 3), 0);
	CHECK_INT(bad_at("\xE2\x82\x28", 3), 0);
	CHECK_INT(bad_at("\xC3\xA9\xC3", 3), 2);      /* good character, then a cut one */
	/* A NULL bad_offset is allowed. */
	CHECK(!text_valid_utf8("\xFF", 1, NULL));
}

/* The bad byte's offset is exact wherever it falls among runs of ASCII
 * (which are checked eight bytes at a time), and a sequence split across
 * such a boundary is still whole. */
static void test_utf8_offsets_after_ascii(void)
{
	char text[64];
	for (size_t at = 0; at < 40; at++) {
		memset(text, 'a', sizeof text);
		text[at] = (char)0xFF;
		size_t bad = 99;
		CHECK(!text_valid_utf8(text, sizeof text, &bad));
		CHECK(bad == at);
		memset(text, 'a', sizeof text);
		memcpy(text + at, "\xE2\x82\xAC", 3);   /* the euro sign */
		CHECK(text_valid_utf8(text, sizeof text, NULL));
		CHECK(!text_valid_utf8(text, at + 2, &bad));   /* cut short */
		CHECK(bad == at);
	}
}

static void test_line_col(void)
{
	int line = 0, col = 0;
	text_line_col("abc", 0, &line, &col);
	CHECK_INT(line, 1);
	CHECK_INT(col, 1);
	text_line_col("abc", 2, &line, &col);
	CHECK_INT(line, 1);
	CHECK_INT(col, 3);
	text_line_col("ab\ncd\nef", 4, &line, &col);    /* the 'd' */
	CHECK_INT(line, 2);
	CHECK_INT(col, 2);
	text_line_col("ab\ncd\nef", 6, &line, &col);    /* the 'e' */
	CHECK_INT(line, 3);
	CHECK_INT(col, 1);
	/* Columns count characters, not bytes: "\xC3\xA9" is one column. */
	text_line_col("\xC3\xA9t\xC3\xA9 x", 6, &line, &col);  /* the 'x' */
	CHECK_INT(line, 1);
	CHECK_INT(col, 5);
	text_line_col("a\n\xE2\x82\xAC\xFF", 5, &line, &col);  /* the byte after the euro sign */
	CHECK_INT(line, 2);
	CHECK_INT(col, 2);
}

static void test_slug(void)
{
	CHECK(text_is_slug("crm-erp"));
	CHECK(text_is_slug("a"));
	CHECK(text_is_slug("2026-plan-3"));
	CHECK(text_is_slug("-"));
	CHECK(!text_is_slug(""));
	CHECK(!text_is_slug("Bad_Name"));
	CHECK(!text_is_slug("bad_name"));
	CHECK(!text_is_slug("Upper"));
	CHECK(!text_is_slug("with space"));
	CHECK(!text_is_slug("dot.md"));
	CHECK(!text_is_slug("caf\xC3\xA9"));
	CHECK(!text_is_slug("a/b"));
}

static void test_starts_ends(void)
{
	CHECK(text_starts_with("https://x", "https:"));
	CHECK(text_starts_with("abc", ""));
	CHECK(!text_starts_with("ab", "abc"));
	CHECK(!text_starts_with("http://x", "https:"));
	CHECK(text_ends_with("file.md", ".md"));
	CHECK(text_ends_with("x", ""));
	CHECK(!text_ends_with("md", ".md"));
	CHECK(!text_ends_with("file.mdx", ".md"));
}

static void test_squeeze_space(void)
{
	char a[] = "  one \t two\n\nthree  ";
	CHECK_STR(text_squeeze_space(a), "one two three");
	char b[] = "";
	CHECK_STR(text_squeeze_space(b), "");
	char c[] = " \n\t ";
	CHECK_STR(text_squeeze_space(c), "");
	char d[] = "single";
	CHECK_STR(text_squeeze_space(d), "single");
	char e[] = "a\r\nb\fc\vd";
	CHECK_STR(text_squeeze_space(e), "a b c d");
	/* Returns its argument: the squeeze is in place. */
	char f[] = " x ";
	CHECK(text_squeeze_space(f) == f);
}

static void test_char_count(void)
{
	CHECK_INT(text_char_count(""), 0);
	CHECK_INT(text_char_count("abc"), 3);
	CHECK_INT(text_char_count("caf\xC3\xA9"), 4);
	CHECK_INT(text_char_count("\xE2\x82\xAC\xF0\x9D\x84\x9E"), 2);
}

static void test_word_count(void)
{
	CHECK_INT(text_word_count(""), 0);
	CHECK_INT(text_word_count("   \n\t "), 0);
	CHECK_INT(text_word_count("one"), 1);
	CHECK_INT(text_word_count("  two\twords\n"), 2);
	/* Punctuation and hyphens belong to their word; UTF-8 is not a space. */
	CHECK_INT(text_word_count("go-live, end to end: caf\xC3\xA9."), 5);
	CHECK_INT(text_word_count("a\r\nb\fc\vd"), 4);
}

/* Every byte: the sixteen digits of either case, and -1 for the rest. */
static void test_hex_digit(void)
{
	const char *digits = "0123456789abcdef";
	for (int c = 0; c < 256; c++) {
		const char *at = c ? strchr(digits, tolower(c)) : NULL;
		int want = at ? (int)(at - digits) : -1;
		CHECK_INT(text_hex_digit((char)c), want);
	}
}

/* The case BCP 47 writes a tag in: language small, a two-letter region
 * in capitals, a script as given. */
static void test_language_tag(void)
{
	static const char *const cases[][2] = {
		{"de", "de"}, {"DE-at", "de-AT"}, {"en-gb", "en-GB"}, {"sr-Latn-rs", "sr-Latn-RS"}, {"EN", "en"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *tag = text_language_tag(cases[i][0]);
		CHECK_STR(tag, cases[i][1]);
		free(tag);
	}
}

static void test_fields(void)
{
	struct buf b = BUF_INIT;
	text_put_field(&b, "plain/path.html");
	CHECK_STR(buf_str(&b), "plain/path.html");
	buf_reset(&b);
	text_put_field(&b, "a\tb\nc\\d");
	CHECK_STR(buf_str(&b), "a\\tb\\nc\\\\d");
	CHECK(strchr(buf_str(&b), '\t') == NULL && strchr(buf_str(&b), '\n') == NULL);
	char *back = xstrdup(buf_str(&b));
	CHECK(text_unescape_field(back));
	CHECK_STR(back, "a\tb\nc\\d");
	free(back);
	char unknown[] = "a\\qb", cut[] = "ab\\";
	CHECK(!text_unescape_field(unknown));
	CHECK(!text_unescape_field(cut));
	buf_free(&b);
}

int main(void)
{
	RUN(test_hex_digit);
	RUN(test_utf8_valid_sequences);
	RUN(test_word_count);
	RUN(test_utf8_overlong);
	RUN(test_utf8_surrogates);
	RUN(test_utf8_beyond_10ffff);
	RUN(test_utf8_truncated_and_stray);
	RUN(test_utf8_offsets_after_ascii);
	RUN(test_line_col);
	RUN(test_slug);
	RUN(test_starts_ends);
	RUN(test_squeeze_space);
	RUN(test_char_count);
	RUN(test_language_tag);
	RUN(test_fields);
	return harness_done();
}
