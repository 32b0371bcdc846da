/*
 * font: the project's TrueType faces, loaded once with FreeType.
 *
 * Every output (the diagrams' SVG and PNG, the PDF, the page as WOFF2)
 * uses the same files, from static/fonts/ or, for a face the site names
 * in site.yaml, the subset of its own font cut for the build (fontsub.h),
 * so a width measured here is the width everywhere.  Widths follow libharu's arithmetic exactly: each
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

/* The file names of the bundled faces in a fonts folder
 * ("folio-sans-regular.ttf"), and the names the web gives them (the same
 * stem, ".woff2"). */
extern const char *const font_face_files[FONT_COUNT];

/* The face's name as site.yaml's fonts: block spells it ("regular"). */
const char *font_face_key(enum font_face face);

/* Loads the four faces from dir (static/fonts); NULL after reporting. */
struct fontset *font_load(const char *dir, struct diag *d);

/* Loads the four faces from the files paths[face]; a face that cannot be
 * loaded is reported at at[face] (a site.yaml value) with the reason, or
 * at the file itself when at is NULL.  NULL after reporting. */
struct fontset *font_load_files(const char *const paths[FONT_COUNT], const struct pos *at, struct diag *d);

/* The characters Folio writes itself, besides the content's and the
 * strings': the PDF's list bullet (drawn with the regular face, so that
 * face must have it: FONT_BULLET) and the built-in theme's separators and
 * arrows (its templates and CSS), which a face keeps when it has them. */
#define FONT_BULLET 0x2022u
extern const char font_interface_chars[];

/* Makes fs note every character font_first_missing() finds outside
 * printable ASCII (font_used() lists them), from any thread, and the
 * interface characters. */
void font_track(struct fontset *fs);

/* Whether fs noted cp (font_track); printable ASCII always counts. */
bool font_used(const struct fontset *fs, uint32_t cp);

/* Whether the face has a glyph for cp. */
bool font_has(const struct fontset *fs, enum font_face face, uint32_t cp);

/* The face's PostScript name (name ID 6), "" when it has none. */
const char *font_ps_name(const struct fontset *fs, enum font_face face);
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

/* The first character of text (len bytes, valid UTF-8) one of the faces
 * in the mask (bits 1 << face) has no glyph for, or 0; *offset is set to
 * its byte offset and *lacking to the first face that lacks it. */
uint32_t font_first_missing(const struct fontset *fs, unsigned faces, const char *text, size_t len,
                            size_t *offset, enum font_face *lacking);

/* The file a face was loaded from, and the FreeType face (an FT_Face) for
 * painters that draw with it. */
const char *font_file(const struct fontset *fs, enum font_face face);
void *font_ft_face(const struct fontset *fs, enum font_face face);

/* Holds a face's FreeType face until font_release_face() lets it go,
 * even after its set is freed, and returns it: cairo keeps the faces it
 * drew with in a cache, by their address, beyond their set's life, and a
 * face freed meanwhile could come back at the same address as another
 * face, which cairo would then draw as the first (a regular text set in
 * bold).  cairo lets go when it drops the face from its cache. */
void *font_hold_face(const struct fontset *fs, enum font_face face);
void font_release_face(void *ft);

/* Decodes one UTF-8 character at *p and advances *p. */
uint32_t font_next_char(const char **p);

#endif
