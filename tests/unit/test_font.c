/* font_first_missing(): the check that every character of a text can be
 * drawn, on the project's subset fonts. */
#define HARNESS_NAME "font"
#include "harness.h"

#include <stdint.h>

#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"

static struct fontset *fs;

/* 40 printable ASCII characters, none of them a control character. */
static const char plain[] = "The quick brown fox jumps over a lazy do";

static uint32_t first_missing(const char *text, size_t len, size_t *offset)
{
	*offset = (size_t)-1;
	enum font_face lacking;
	return font_first_missing(fs, 1u << FONT_REGULAR, text, len, offset, &lacking);
}

static void test_printable_ascii_is_drawn(void)
{
	char all[96];
	size_t n = 0;
	for (int c = ' '; c <= '~'; c++)
		all[n++] = (char)c;
	size_t off;
	for (size_t start = 0; start < 8; start++)
		CHECK(first_missing(all + start, n - start, &off) == 0);
	CHECK(first_missing("line one\nline\ttwo\r\n", 19, &off) == 0);
}

/* A character the fonts lack is found wherever it sits in the text: in
 * a run of eight plain bytes, at its edges, or in the short tail. */
static void test_missing_character_at_every_offset(void)
{
	/* U+E000, private use: in no subset font. */
	static const char missing[] = "\xEE\x80\x80";
	for (size_t at = 0; at + 1 < sizeof plain; at++) {
		char *text = xasprintf("%.*s%s%s", (int)at, plain, missing, plain + at);
		size_t off;
		CHECK(first_missing(text, strlen(text), &off) == 0xE000);
		CHECK(off == at);
		free(text);
	}
}

/* Bytes that look like ASCII but cannot be drawn: control characters and
 * DEL, which the fonts map to no glyph. */
static void test_control_characters_are_missing(void)
{
	static const unsigned char bad[] = {0x01, 0x1B, 0x1F, 0x7F};
	for (size_t i = 0; i < sizeof bad; i++) {
		for (size_t at = 0; at < 20; at += 3) {
			char text[64];
			memcpy(text, plain, sizeof plain);
			text[at] = (char)bad[i];
			size_t off;
			CHECK(first_missing(text, strlen(text), &off) == bad[i]);
			CHECK(off == at);
		}
	}
}

/* The text ends at its length or at a NUL byte, whichever comes first. */
static void test_text_ends_at_length_or_nul(void)
{
	char text[64];
	memcpy(text, plain, 16);
	memcpy(text + 16, "\xEE\x80\x80", 4);   /* with its NUL */
	size_t off;
	CHECK(first_missing(text, 16, &off) == 0);
	CHECK(first_missing(text, 19, &off) == 0xE000 && off == 16);
	text[10] = '\0';
	CHECK(first_missing(text, 19, &off) == 0);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	diag_free(&d);
	if (fs == NULL)
		return 2;
	RUN(test_printable_ascii_is_drawn);
	RUN(test_missing_character_at_every_offset);
	RUN(test_control_characters_are_missing);
	RUN(test_text_ends_at_length_or_nul);
	font_free(fs);
	return harness_done();
}
