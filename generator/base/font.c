#include "base/font.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "base/word.h"
#include "base/xalloc.h"

/* Advances are cached for the characters the subset fonts cover. */
#define CACHE_LIMIT 0x2800

static const char *const face_files[FONT_COUNT] = {
	"folio-sans-regular.ttf", "folio-sans-bold.ttf", "folio-sans-italic.ttf", "folio-mono-regular.ttf"};

struct face {
	FT_Face ft;
	char *path;
	int *milli;             /* advance in 1/1000 em per code point; -1: no glyph */
	bool has_ascii;         /* draws every printable ASCII character */
	double ascent, descent;
};

struct fontset {
	FT_Library lib;
	struct face faces[FONT_COUNT];
	/* FreeType faces serve one thread at a time; characters past the
	 * cache are looked up under this lock, so threads may share a set to
	 * measure and check text (drawing still needs a set per thread). */
	pthread_mutex_t lock;
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

struct fontset *font_load(const char *dir, struct diag *d)
{
	struct fontset *fs = xcalloc(1, sizeof *fs);
	pthread_mutex_init(&fs->lock, NULL);
	if (FT_Init_FreeType(&fs->lib) != 0) {
		struct pos at = {dir, 0, 0};
		diag_error(d, at, "cannot start FreeType");
		pthread_mutex_destroy(&fs->lock);
		free(fs);
		return NULL;
	}
	for (int i = 0; i < FONT_COUNT; i++) {
		struct face *f = &fs->faces[i];
		f->path = xasprintf("%s/%s", dir, face_files[i]);
		if (FT_New_Face(fs->lib, f->path, 0, &f->ft) != 0) {
			struct pos at = {f->path, 0, 0};
			diag_error(d, at, "cannot load this TrueType font; regenerate the fonts with scripts/make-fonts.sh");
			f->ft = NULL;
			font_free(fs);
			return NULL;
		}
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
	return fs;
}

struct fontset *font_copy(const struct fontset *fs, struct diag *d)
{
	const char *path = fs->faces[0].path;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	struct fontset *copy = font_load(dir, d);
	free(dir);
	return copy;
}

void font_free(struct fontset *fs)
{
	if (fs == NULL)
		return;
	for (int i = 0; i < FONT_COUNT; i++) {
		if (fs->faces[i].ft)
			FT_Done_Face(fs->faces[i].ft);
		free(fs->faces[i].milli);
		free(fs->faces[i].path);
	}
	FT_Done_FreeType(fs->lib);
	pthread_mutex_destroy(&fs->lock);
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

uint32_t font_first_missing(const struct fontset *fs, enum font_face face, const char *text, size_t len,
                            size_t *offset)
{
	const struct face *f = &fs->faces[face];
	const char *end = text + len;
	for (const char *p = text; p < end && *p;) {
		/* Most text is printable ASCII, which a face that draws all of
		 * it need not look at one character at a time. */
		if (f->has_ascii && end - p >= 8 && printable_ascii8(p)) {
			p += 8;
			continue;
		}
		const char *here = p;
		uint32_t cp = (unsigned char)*p < 0x80 ? (uint32_t)(unsigned char)*p++ : font_next_char(&p);
		if (cp == '\n' || cp == '\t' || cp == '\r')
			continue;
		if (milli_of(fs, f, cp) < 0) {
			*offset = (size_t)(here - text);
			return cp;
		}
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
