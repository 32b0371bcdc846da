#include "base/font.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "base/word.h"
#include "base/xalloc.h"

/* Advances are cached for the characters the subset fonts cover. */
#define CACHE_LIMIT 0x2800

/* Every Unicode code point, one bit each: the characters noted. */
#define CODE_POINTS 0x110000u

const char *const font_face_files[FONT_COUNT] = {
	"folio-sans-regular.ttf", "folio-sans-bold.ttf", "folio-sans-italic.ttf", "folio-mono-regular.ttf"};

const char font_interface_chars[] = "\u2022\u00B7\u00D7\u00A9\u2190\u2191\u2192";

const char *font_face_key(enum font_face face)
{
	static const char *const keys[FONT_COUNT] = {"regular", "bold", "italic", "mono"};
	return keys[face];
}

struct face {
	FT_Face ft;
	char *path;
	int *milli;             /* advance in 1/1000 em per code point; -1: no glyph */
	bool has_ascii;         /* draws every printable ASCII character */
	double ascent, descent;
};

/* One FreeType library for every set.  A painter may hold a face beyond
 * its set's life (font_hold_face), and FreeType frees a library's faces
 * with it, so the library stays for the life of the process.  Faces are
 * made and let go under ft_lock, as FreeType asks of a library that
 * threads share; using a face needs no lock (one thread a face). */
static FT_Library shared_lib;
static FT_Error shared_error;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t ft_lock = PTHREAD_MUTEX_INITIALIZER;

static void start_freetype(void)
{
	shared_error = FT_Init_FreeType(&shared_lib);
}

static FT_Library freetype(void)
{
	pthread_once(&shared_once, start_freetype);
	return shared_error == 0 ? shared_lib : NULL;
}

struct fontset {
	struct face faces[FONT_COUNT];
	/* FreeType faces serve one thread at a time; characters past the
	 * cache are looked up under this lock, so threads may share a set to
	 * measure and check text (drawing still needs a set per thread). */
	pthread_mutex_t lock;
	_Atomic uint64_t *used;         /* NULL: not noted (font_track) */
};

uint32_t font_next_char(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c = s[0];
	int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (extra)
		c &= 0x3Fu >> extra;
	/* Only continuation bytes are taken: a sequence cut short (by the end
	 * of the string or a broken word) never steps over the NUL. */
	int i = 1;
	for (; i <= extra && (s[i] & 0xC0) == 0x80; i++)
		c = (c << 6) | (s[i] & 0x3F);
	*p += i;
	return i <= extra ? 0xFFFDu : c;
}

/* libharu: advance * 1000 / units per em, truncated. */
static int glyph_milli(FT_Face ft, uint32_t cp)
{
	FT_UInt index = FT_Get_Char_Index(ft, cp);
	if (index == 0)
		return -1;
	if (FT_Load_Glyph(ft, index, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0)
		return -1;
	return (int)(ft->glyph->advance.x * 1000 / ft->units_per_EM);
}

static int milli_of(const struct fontset *fs, const struct face *f, uint32_t cp)
{
	if (cp < CACHE_LIMIT)
		return f->milli[cp];
	pthread_mutex_t *lock = (pthread_mutex_t *)&fs->lock;   /* a lock is never const */
	pthread_mutex_lock(lock);
	int milli = glyph_milli(f->ft, cp);
	pthread_mutex_unlock(lock);
	return milli;
}

/* Reports that the face's file cannot be used, at the value that named
 * it when there is one. */
static void face_error(struct diag *d, const struct pos *at, enum font_face face, const char *path,
                       const char *what)
{
	if (at) {
		diag_error(d, at[face], "the %s font '%s' %s", font_face_key(face), path, what);
	} else {
		struct pos here = {path, 0, 0};
		diag_error(d, here, "%s", what);
	}
}

/* Opens the face's file into f; false after reporting. */
static bool open_face(FT_Library lib, struct face *f, enum font_face face, const struct pos *at, struct diag *d)
{
	pthread_mutex_lock(&ft_lock);
	FT_Error err = FT_New_Face(lib, f->path, 0, &f->ft);
	pthread_mutex_unlock(&ft_lock);
	if (err != 0) {
		f->ft = NULL;
		face_error(d, at, face, f->path,
		           at ? "cannot be read as a font; name a TrueType (.ttf) or OpenType (.otf) file"
		              : "cannot load this TrueType font; regenerate the fonts with scripts/make-fonts.sh");
		return false;
	}
	/* libharu embeds glyf outlines only: a CFF font would be refused
	 * when the PDF is made, far from the value that chose it. */
	FT_ULong glyf = 0;
	if (FT_Load_Sfnt_Table(f->ft, TTAG_glyf, 0, NULL, &glyf) != 0 || glyf == 0) {
		face_error(d, at, face, f->path,
		           "has PostScript (CFF) outlines, which the PDF cannot embed; choose the TrueType "
		           "build of the font (glyf outlines, usually a .ttf)");
		return false;
	}
	return true;
}

/* Fills the face's advances and metrics from its FreeType face. */
static void measure_face(struct face *f)
{
	/* Only the characters the (subset) font maps: a few hundred. */
	f->milli = xmalloc(CACHE_LIMIT * sizeof *f->milli);
	for (uint32_t cp = 0; cp < CACHE_LIMIT; cp++)
		f->milli[cp] = -1;
	FT_UInt index;
	for (FT_ULong cp = FT_Get_First_Char(f->ft, &index); index != 0; cp = FT_Get_Next_Char(f->ft, cp, &index))
		if (cp < CACHE_LIMIT)
			f->milli[cp] = glyph_milli(f->ft, (uint32_t)cp);
	f->has_ascii = true;
	for (uint32_t cp = ' '; cp <= '~'; cp++)
		f->has_ascii &= f->milli[cp] >= 0;
	f->ascent = (double)f->ft->ascender / f->ft->units_per_EM;
	f->descent = -(double)f->ft->descender / f->ft->units_per_EM;
}

/* libharu keys the fonts of a PDF by PostScript name and draws a second
 * font of the same name with the first: two faces must not share one. */
static bool names_distinct(const struct fontset *fs, const struct pos *at, struct diag *d)
{
	for (int i = 1; i < FONT_COUNT; i++) {
		for (int k = 0; k < i; k++) {
			const char *name = font_ps_name(fs, (enum font_face)i);
			if (strcmp(name, font_ps_name(fs, (enum font_face)k)) != 0)
				continue;
			char *what = xasprintf("has the PostScript name '%s', as the %s font has, so the PDF would draw "
			                       "one with the other; choose a font of its own for each face",
			                       name, font_face_key((enum font_face)k));
			face_error(d, at, (enum font_face)i, fs->faces[i].path, what);
			free(what);
			return false;
		}
	}
	return true;
}

struct fontset *font_load_files(const char *const paths[FONT_COUNT], const struct pos *at, struct diag *d)
{
	struct fontset *fs = xcalloc(1, sizeof *fs);
	pthread_mutex_init(&fs->lock, NULL);
	FT_Library lib = freetype();
	if (lib == NULL) {
		struct pos where = {paths[0], 0, 0};
		diag_error(d, where, "cannot start FreeType; check that libfreetype is installed and memory is free, then build again");
		pthread_mutex_destroy(&fs->lock);
		free(fs);
		return NULL;
	}
	bool ok = true;
	for (int i = 0; i < FONT_COUNT; i++) {
		struct face *f = &fs->faces[i];
		f->path = xstrdup(paths[i]);
		if (open_face(lib, f, (enum font_face)i, at, d))
			measure_face(f);
		else
			ok = false;
	}
	if (!ok || !names_distinct(fs, at, d)) {
		font_free(fs);
		return NULL;
	}
	return fs;
}

struct fontset *font_load(const char *dir, struct diag *d)
{
	char *paths[FONT_COUNT];
	for (int i = 0; i < FONT_COUNT; i++)
		paths[i] = xasprintf("%s/%s", dir, font_face_files[i]);
	struct fontset *fs = font_load_files((const char *const *)paths, NULL, d);
	for (int i = 0; i < FONT_COUNT; i++)
		free(paths[i]);
	return fs;
}

struct fontset *font_copy(const struct fontset *fs, struct diag *d)
{
	const char *paths[FONT_COUNT];
	for (int i = 0; i < FONT_COUNT; i++)
		paths[i] = fs->faces[i].path;
	return font_load_files(paths, NULL, d);
}

static void note_used(const struct fontset *fs, uint32_t cp);

void font_track(struct fontset *fs)
{
	if (fs->used != NULL)
		return;
	fs->used = xcalloc(CODE_POINTS / 64, sizeof *fs->used);
	for (const char *p = font_interface_chars; *p;)
		note_used(fs, font_next_char(&p));
}

/* Notes cp as used, when fs notes them. */
static void note_used(const struct fontset *fs, uint32_t cp)
{
	if (fs->used == NULL || cp >= CODE_POINTS)
		return;
	uint64_t bit = (uint64_t)1 << (cp % 64);
	_Atomic uint64_t *word = &fs->used[cp / 64];
	/* Most characters come again and again: a read spares the write. */
	if ((atomic_load_explicit(word, memory_order_relaxed) & bit) == 0)
		atomic_fetch_or_explicit(word, bit, memory_order_relaxed);
}

bool font_used(const struct fontset *fs, uint32_t cp)
{
	if (cp >= ' ' && cp <= '~')
		return true;
	if (fs->used == NULL || cp >= CODE_POINTS)
		return false;
	return (atomic_load_explicit(&fs->used[cp / 64], memory_order_relaxed) >> (cp % 64)) & 1;
}

bool font_has(const struct fontset *fs, enum font_face face, uint32_t cp)
{
	return milli_of(fs, &fs->faces[face], cp) >= 0;
}

const char *font_ps_name(const struct fontset *fs, enum font_face face)
{
	const char *name = FT_Get_Postscript_Name(fs->faces[face].ft);
	return name ? name : "";
}

void font_free(struct fontset *fs)
{
	if (fs == NULL)
		return;
	for (int i = 0; i < FONT_COUNT; i++) {
		if (fs->faces[i].ft)
			font_release_face(fs->faces[i].ft);
		free(fs->faces[i].milli);
		free(fs->faces[i].path);
	}
	pthread_mutex_destroy(&fs->lock);
	free((void *)fs->used);
	free(fs);
}

double font_width(const struct fontset *fs, enum font_face face, const char *text, double size)
{
	const struct face *f = &fs->faces[face];
	long milli = 0;
	for (const char *p = text; *p;) {
		int w = milli_of(fs, f, font_next_char(&p));
		milli += w > 0 ? w : 0;
	}
	return (double)milli * size / 1000.0;
}

double font_ascent(const struct fontset *fs, enum font_face face)
{
	return fs->faces[face].ascent;
}

double font_descent(const struct fontset *fs, enum font_face face)
{
	return fs->faces[face].descent;
}

/* Whether the 8 bytes at p are all printable ASCII (0x20 to 0x7E). */
static bool printable_ascii8(const char *p)
{
	uint64_t w = word_at(p);
	return !word_has_high(w) && !word_has_below(w, 0x20) && !word_has_byte(w, 0x7F);
}

/* Whether every face in the mask draws every printable ASCII character. */
static bool faces_have_ascii(const struct fontset *fs, unsigned faces)
{
	for (int i = 0; i < FONT_COUNT; i++)
		if ((faces >> i & 1) && !fs->faces[i].has_ascii)
			return false;
	return true;
}

/* The first face of the mask without a glyph for cp, or FONT_COUNT. */
static enum font_face face_lacking(const struct fontset *fs, unsigned faces, uint32_t cp)
{
	for (int i = 0; i < FONT_COUNT; i++)
		if ((faces >> i & 1) && milli_of(fs, &fs->faces[i], cp) < 0)
			return (enum font_face)i;
	return FONT_COUNT;
}

uint32_t font_first_missing(const struct fontset *fs, unsigned faces, const char *text, size_t len,
                            size_t *offset, enum font_face *lacking)
{
	bool ascii = faces_have_ascii(fs, faces);
	const char *end = text + len;
	for (const char *p = text; p < end && *p;) {
		/* Most text is printable ASCII, which faces that draw all of
		 * it need not look at one character at a time. */
		if (ascii && end - p >= 8 && printable_ascii8(p)) {
			p += 8;
			continue;
		}
		const char *here = p;
		uint32_t cp = (unsigned char)*p < 0x80 ? (uint32_t)(unsigned char)*p++ : font_next_char(&p);
		if (cp == '\n' || cp == '\t' || cp == '\r' || (ascii && cp >= ' ' && cp <= '~'))
			continue;
		enum font_face missing = face_lacking(fs, faces, cp);
		if (missing != FONT_COUNT) {
			*offset = (size_t)(here - text);
			*lacking = missing;
			return cp;
		}
		if (cp > '~')
			note_used(fs, cp);
	}
	return 0;
}

const char *font_file(const struct fontset *fs, enum font_face face)
{
	return fs->faces[face].path;
}

void *font_ft_face(const struct fontset *fs, enum font_face face)
{
	return fs->faces[face].ft;
}

void *font_hold_face(const struct fontset *fs, enum font_face face)
{
	pthread_mutex_lock(&ft_lock);
	FT_Reference_Face(fs->faces[face].ft);
	pthread_mutex_unlock(&ft_lock);
	return fs->faces[face].ft;
}

void font_release_face(void *ft)
{
	pthread_mutex_lock(&ft_lock);
	FT_Done_Face(ft);
	pthread_mutex_unlock(&ft_lock);
}
