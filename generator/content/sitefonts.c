#include "content/sitefonts.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"

/* The site.yaml value naming each face (NULL when left out). */
static const struct str *chosen(const struct site_fonts *f, enum font_face face)
{
	const struct str *all[FONT_COUNT] = {&f->regular, &f->bold, &f->italic, &f->mono};
	return all[face]->v ? all[face] : NULL;
}

/* Whether rel names a file inside the site's fonts/ folder, without a
 * way out of it. */
static bool inside_fonts_dir(const char *rel)
{
	if (!text_starts_with(rel, SITEFONTS_DIR "/") || strstr(rel, "..") != NULL)
		return false;
	return true;
}

/* Whether path, once links are followed, is still inside the site's
 * fonts/ folder: a link must not publish a font from elsewhere on the
 * machine, as static/ copies no link. */
static bool stays_inside(const struct loader *ld, const char *path)
{
	char *dir = path_in(ld->opt->source, SITEFONTS_DIR);
	char real_dir[PATH_MAX], real_file[PATH_MAX];
	bool ok = realpath(dir, real_dir) && realpath(path, real_file) &&
	          strncmp(real_file, real_dir, strlen(real_dir)) == 0 && real_file[strlen(real_dir)] == '/';
	free(dir);
	return ok;
}

/* Whether the file starts as a WOFF or WOFF2 web font does. */
static bool is_web_font(const char *path)
{
	char magic[4] = {0};
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return false;
	size_t n = fread(magic, 1, sizeof magic, f);
	fclose(f);
	return n == 4 && (memcmp(magic, "wOFF", 4) == 0 || memcmp(magic, "wOF2", 4) == 0);
}

/* The path of a face's file, or NULL after reporting why it cannot be. */
static char *face_path(struct loader *ld, enum font_face face, const struct str *value)
{
	if (!inside_fonts_dir(value->v)) {
		diag_error(ld->d, value->at,
		           "the %s font '%s' is not in the site's " SITEFONTS_DIR "/ folder; put the file there and "
		           "name it as " SITEFONTS_DIR "/NAME.ttf",
		           font_face_key(face), value->v);
		return NULL;
	}
	char *path = path_in(ld->opt->source, value->v);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(ld->d, value->at, "the %s font '%s' does not exist; check the name, or leave %s out for "
		           "the bundled font", font_face_key(face), value->v, font_face_key(face));
		free(path);
		return NULL;
	}
	const char *wrong = !stays_inside(ld, path) ? "is a link that leads out of the site's " SITEFONTS_DIR
	                                              "/ folder; put the font file itself there"
	                    : is_web_font(path) ? "is a web font (WOFF); name the TrueType or OpenType file it "
	                                          "was made from: Folio makes the WOFF2 itself"
	                                        : NULL;
	if (wrong) {
		diag_error(ld->d, value->at, "the %s font '%s' %s", font_face_key(face), value->v, wrong);
		free(path);
		return NULL;
	}
	return path;
}

bool sitefonts_open(struct loader *ld)
{
	const struct site_fonts *f = ld->site->fonts;
	if (f == NULL || ld->fonts == NULL)
		return true;
	char *owned[FONT_COUNT] = {NULL};
	const char *paths[FONT_COUNT];
	struct pos at[FONT_COUNT];
	bool ok = true;
	for (int i = 0; i < FONT_COUNT; i++) {
		enum font_face face = (enum font_face)i;
		const struct str *value = chosen(f, face);
		paths[i] = font_file(ld->fonts, face);
		at[i] = value ? value->at : f->at;
		if (value == NULL)
			continue;
		owned[i] = face_path(ld, face, value);
		ok &= owned[i] != NULL;
		if (owned[i])
			paths[i] = owned[i];
	}
	struct fontset *fs = ok ? font_load_files(paths, at, ld->d) : NULL;
	for (int i = 0; i < FONT_COUNT; i++)
		free(owned[i]);
	if (fs == NULL)
		return false;
	if (chosen(f, FONT_REGULAR) && !font_has(fs, FONT_REGULAR, FONT_BULLET)) {
		diag_error(ld->d, f->regular.at, "the regular font '%s' has no glyph for U+2022 '\u2022', which the PDF "
		           "draws before list items; choose a regular font that has it", f->regular.v);
		font_free(fs);
		return false;
	}
	font_track(fs);
	ld->site->own_fonts = fs;
	ld->fonts = fs;
	return true;
}
