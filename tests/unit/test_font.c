/* font_first_missing(): the check that every character of a text can be
 * drawn, on the project's subset fonts. */
#define HARNESS_NAME "font"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/fontsub.h"
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

/* The bundled faces with the fixture's serif (a Latin-1 cut) as bold. */
#define SERIF TEST_ROOT "/tests/fixtures/own-fonts/fonts/DejaVuSerif-Latin1.ttf"

static struct fontset *with_serif_bold(const char *bold)
{
	const char *paths[FONT_COUNT];
	for (int i = 0; i < FONT_COUNT; i++)
		paths[i] = font_file(fs, (enum font_face)i);
	paths[FONT_BOLD] = bold;
	struct diag d;
	diag_init(&d, stderr);
	struct fontset *set = font_load_files(paths, NULL, &d);
	diag_free(&d);
	return set;
}

/* A character is looked for in every face of the mask, and the first
 * face without it is named. */
static void test_the_face_that_lacks_is_named(void)
{
	struct fontset *set = with_serif_bold(SERIF);
	CHECK(set != NULL);
	if (set == NULL)
		return;
	static const char text[] = "Caf\xC3\xA9 \xC4\x80";    /* "Café Ā": U+0100 is past Latin-1 */
	unsigned prose = (1u << FONT_REGULAR) | (1u << FONT_BOLD) | (1u << FONT_ITALIC);
	size_t off = 0;
	enum font_face lacking = FONT_COUNT;
	CHECK(font_first_missing(set, prose, text, strlen(text), &off, &lacking) == 0x100);
	CHECK(off == 6 && lacking == FONT_BOLD);
	CHECK(font_first_missing(set, 1u << FONT_REGULAR, text, strlen(text), &off, &lacking) == 0);
	font_free(set);
}

/* Once tracked, a set notes the characters the check passed, and the
 * interface's own marks; printable ASCII always counts. */
static void test_tracking_notes_what_was_checked(void)
{
	struct fontset *set = with_serif_bold(SERIF);
	CHECK(set != NULL);
	if (set == NULL)
		return;
	static const char text[] = "Gr\xC3\xB6\xC3\x9F" "e";   /* "Größe" */
	size_t off;
	enum font_face lacking;
	CHECK(font_first_missing(set, 1u << FONT_REGULAR, text, strlen(text), &off, &lacking) == 0);
	CHECK(!font_used(set, 0xF6));           /* not tracked yet */
	font_track(set);
	CHECK(font_first_missing(set, 1u << FONT_REGULAR, text, strlen(text), &off, &lacking) == 0);
	CHECK(font_used(set, 0xF6) && font_used(set, 0xDF) && font_used(set, 'G') && font_used(set, '~'));
	CHECK(!font_used(set, 0xFC) && !font_used(set, 0x7F) && !font_used(set, 0x10FFFF + 1));
	CHECK(font_used(set, FONT_BULLET) && font_used(set, 0x2192));
	font_free(set);
}

/* A subset maps exactly printable ASCII and the characters noted that
 * the face has, is the same bytes every time, and compresses to WOFF2. */
static void test_subset_holds_what_was_noted(void)
{
	struct fontset *set = with_serif_bold(SERIF);
	CHECK(set != NULL);
	if (set == NULL)
		return;
	font_track(set);
	static const char text[] = "\xC3\xA6\xC4\x80";      /* "æĀ": the serif lacks Ā */
	size_t off;
	enum font_face lacking;
	font_first_missing(set, 1u << FONT_REGULAR, text, strlen(text), &off, &lacking);
	struct diag d;
	diag_init(&d, stderr);
	struct buf one = BUF_INIT, two = BUF_INIT, woff2 = BUF_INIT;
	CHECK(fontsub_subset(set, FONT_BOLD, &one, &d) && fontsub_subset(set, FONT_BOLD, &two, &d));
	CHECK(one.len > 0 && one.len == two.len && memcmp(one.data, two.data, one.len) == 0);
	CHECK(fontsub_woff2(one.data, one.len, &woff2) && woff2.len > 4 && memcmp(woff2.data, "wOF2", 4) == 0);
	char path[] = "/tmp/folio-test-subset-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, one.data, one.len) == (ssize_t)one.len);
	if (fd >= 0)
		close(fd);
	struct fontset *cut = with_serif_bold(path);
	CHECK(cut != NULL);
	for (uint32_t cp = 0x20; cut && cp < 0x3000; cp++) {
		bool want = font_used(set, cp) && font_has(set, FONT_BOLD, cp);
		if (font_has(cut, FONT_BOLD, cp) != want) {
			printf("# U+%04X: in the subset %d, wanted %d\n", (unsigned)cp, font_has(cut, FONT_BOLD, cp), want);
			CHECK(false);
		}
	}
	CHECK(cut == NULL || strcmp(font_ps_name(cut, FONT_BOLD), "DejaVuSerif") == 0);
	font_free(cut);
	unlink(path);
	buf_free(&one);
	buf_free(&two);
	buf_free(&woff2);
	diag_free(&d);
	font_free(set);
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
	RUN(test_the_face_that_lacks_is_named);
	RUN(test_tracking_notes_what_was_checked);
	RUN(test_subset_holds_what_was_noted);
	font_free(fs);
	return harness_done();
}
