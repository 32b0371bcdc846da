#include "content/sitefonts.h"

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
