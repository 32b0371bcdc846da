/*
 * glyphs: every character of the content must be one the fonts can draw.
 *
 * libharu and cairo draw nothing, silently, for a character a font lacks;
 * this check turns that into an error naming the file, line and column.
 */
#ifndef FOLIO_GLYPHS_H
#define FOLIO_GLYPHS_H

#include <stdbool.h>

#include "diag.h"
#include "font.h"
#include "model.h"

/* Reports each text value with a character missing from the fonts;
 * returns false when there was one. */
bool glyphs_check_site(const struct site *site, const struct fontset *fs, struct diag *d);

/* The same check for one Markdown text (the loader checks a body this
 * way before it leaves it on disk, where glyphs_check_site() does not
 * look).  Thread-safe. */
bool glyphs_check_markdown(const struct md *m, const struct fontset *fs, struct diag *d);

#endif
