/*
 * text: small helpers over UTF-8 text.
 */
#ifndef FOLIO_TEXT_H
#define FOLIO_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when s[0..len) is valid UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF); otherwise stores the offset of the first bad byte. */
bool text_valid_utf8(const char *s, size_t len, size_t *bad_offset);

/* The 1-based line and column (in characters) of byte offset off in s. */
void text_line_col(const char *s, size_t off, int *line, int *col);

/* True when s is a non-empty run of [a-z0-9-]. */
bool text_is_slug(const char *s);

/* The value of one hexadecimal digit, either case; -1 for any other byte. */
int text_hex_digit(char c);

/* True when s starts with prefix. */
bool text_starts_with(const char *s, const char *prefix);
bool text_ends_with(const char *s, const char *suffix);

/* Collapses runs of white space into one space and trims both ends, in
 * place; returns s. */
char *text_squeeze_space(char *s);

/* Number of characters (code points) in valid UTF-8 text. */
size_t text_char_count(const char *s);

/* Number of words: runs of characters between ASCII white space. */
size_t text_word_count(const char *s);

/* A language tag in the case BCP 47 writes it, which file names follow:
 * the language in small letters, a region of two in capitals ("DE-at":
 * "de-AT"); other subtags as given.  Caller frees. */
char *text_language_tag(const char *tag);

/* The records Folio keeps beside a build (the units file, the bodies'
 * notes) are lines of fields separated by tabs: a field's '\', tab and
 * newline are written "\\", "\t" and "\n".  text_put_field() appends s
 * so escaped to b; text_unescape_field() undoes it in place, false when s
 * holds an unknown escape. */
struct buf;
void text_put_field(struct buf *b, const char *s);
bool text_unescape_field(char *s);

#endif
