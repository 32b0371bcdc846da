/*
 * font: the project's TrueType faces, loaded once with FreeType.
 *
 * Every output (the diagrams' SVG and PNG, the PDF, the page as WOFF2)
 * uses the same files from static/fonts/, so a width measured here is the
 * width everywhere.  Widths follow libharu's arithmetic exactly: each
 * glyph's advance in 1/1000 em, truncated, with no kerning; so text that
 * fits in the layout fits in the PDF too.
 */
#ifndef FOLIO_FONT_H
#define FOLIO_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

enum font_face { FONT_REGULAR, FONT_BOLD, FONT_ITALIC, FONT_MONO, FONT_COUNT };

struct fontset;

/* Loads the four faces from dir (static/fonts); NULL after reporting. */
struct fontset *font_load(const char *dir, struct diag *d);
void font_free(struct fontset *fs);

/* The same faces loaded again, for another thread to draw with: a
 * FreeType face must not be used by two threads at once.  (Measuring and
 * checking text, below, is thread-safe on one set.)  NULL after reporting. */
struct fontset *font_copy(const struct fontset *fs, struct diag *d);

/* Width of UTF-8 text at size (in the caller's unit, px or pt). */
double font_width(const struct fontset *fs, enum font_face face, const char *text, double size);

/* Ascender and descender (positive, below the baseline) as fractions of
 * the size. */
double font_ascent(const struct fontset *fs, enum font_face face);
double font_descent(const struct fontset *fs, enum font_face face);

/* The first character of text (len bytes, valid UTF-8) the face has no
 * glyph for, or 0; *offset is set to its byte offset. */
uint32_t font_first_missing(const struct fontset *fs, enum font_face face, const char *text, size_t len,
                            size_t *offset);

/* The file a face was loaded from, and the FreeType face (an FT_Face) for
 * painters that draw with it. */
const char *font_file(const struct fontset *fs, enum font_face face);
void *font_ft_face(const struct fontset *fs, enum font_face face);

/* Decodes one UTF-8 character at *p and advances *p. */
uint32_t font_next_char(const char **p);

#endif
