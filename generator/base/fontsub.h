/*
 * fontsub: a face of a font set cut to the characters a site uses, as
 * TrueType (for FreeType, cairo and libharu, which loads from a file) and
 * as WOFF2 (for the page).
 *
 * HarfBuzz's subsetter keeps the face's outlines and advances and drops
 * what the bundled fonts drop (scripts/make-fonts.sh says why): the
 * OpenType layout tables (GSUB, GPOS, GDEF, kern), since libharu cannot
 * kern or shape and the browser must not draw other widths than the PDF;
 * hinting, since nothing draws hinted; glyph names; and variations, a
 * variable font being pinned at its default instance.  The result depends
 * on the font's bytes and the characters only: the same inputs give the
 * same bytes.
 */
#ifndef FOLIO_FONTSUB_H
#define FOLIO_FONTSUB_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"

/* Appends to ttf the face of fs cut to printable ASCII and the characters
 * fs noted (font_track) that the face has; false after reporting. */
bool fontsub_subset(const struct fontset *fs, enum font_face face, struct buf *ttf, struct diag *d);

/* Appends to woff2 the TrueType font ttf (len bytes) compressed as WOFF2;
 * false when the encoder refuses it. */
bool fontsub_woff2(const void *ttf, size_t len, struct buf *woff2);

#endif
