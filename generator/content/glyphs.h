/*
 * glyphs: every character of the content must be one the fonts can draw.
 *
 * libharu and cairo draw nothing, silently, for a character a font lacks;
 * this check turns that into an error naming the file, line and column.
 */
#ifndef FOLIO_GLYPHS_H
#define FOLIO_GLYPHS_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/font.h"
#include "content/model.h"

/* Reports each text value of obj (described by s, and what it holds)
 * with a character missing from the fonts; returns false when there was
 * one.  The loader checks the content this way as it reads it. */
bool glyphs_check(const struct schema *s, const void *obj, const struct fontset *fs, struct diag *d);

/* The same check for one Markdown text (the loader checks a pattern body
 * this way before it leaves it on disk, where glyphs_check() does not
 * look).  Thread-safe, as glyphs_check() is. */
bool glyphs_check_markdown(const struct md *m, const struct fontset *fs, struct diag *d);

#endif
