#include "build/subsets.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fontsub.h"
#include "base/xalloc.h"

/* Whether site.yaml names the face. */
static bool site_names(const struct site_fonts *f, enum font_face face)
{
	const struct str *all[FONT_COUNT] = {&f->regular, &f->bold, &f->italic, &f->mono};
	return all[face]->v != NULL;
}

/* Writes len bytes to path; false after reporting. */
static bool write_file(const char *path, const void *data, size_t len, struct diag *d)
{
	FILE *f = fopen(path, "wb");
	bool ok = f != NULL && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok) {
		struct pos at = {path, 0, 0};
		diag_error(d, at, "cannot write: %s; set TMPDIR to a folder with room", strerror(errno));
	}
	return ok;
}

/* The face's file name in fonts/ with the extension ext ("woff2"). */
static char *face_file(const struct subsets *s, enum font_face face, const char *ext)
{
	const char *ttf = font_face_files[face];
	return xasprintf("%s/fonts/%.*s.%s", s->dir, (int)(strlen(ttf) - strlen(".ttf")), ttf, ext);
}

/* Cuts one face into fonts/, as TrueType and WOFF2; false after
 * reporting. */
static bool cut_face(const struct fontset *fs, enum font_face face, const struct subsets *s, struct diag *d)
{
	struct buf ttf = BUF_INIT, woff2 = BUF_INIT;
	char *ttf_path = face_file(s, face, "ttf"), *woff2_path = face_file(s, face, "woff2");
	bool ok = fontsub_subset(fs, face, &ttf, d);
	if (ok && !fontsub_woff2(ttf.data, ttf.len, &woff2)) {
		struct pos at = {font_file(fs, face), 0, 0};
		diag_error(d, at, "the WOFF2 encoder refuses this font cut to the characters used; choose another "
		           "font file");
		ok = false;
	}
	ok = ok && write_file(ttf_path, ttf.data, ttf.len, d) && write_file(woff2_path, woff2.data, woff2.len, d);
	free(ttf_path);
	free(woff2_path);
	buf_free(&ttf);
	buf_free(&woff2);
	return ok;
}

/* A new folder with fonts/ in it, into s->dir; false after reporting. */
static bool make_folder(struct subsets *s, struct diag *d)
{
	const char *tmp = getenv("TMPDIR");
	s->dir = xasprintf("%s/folio-fonts.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *fonts = NULL;
	bool ok = mkdtemp(s->dir) != NULL;
	if (ok) {
		fonts = xasprintf("%s/fonts", s->dir);
		ok = mkdir(fonts, 0755) == 0;
	}
	if (!ok) {
		struct pos at = {s->dir, 0, 0};
		diag_error(d, at, "cannot create a folder for the fonts cut to the site: %s; set TMPDIR",
		           strerror(errno));
		if (fonts == NULL) {
			free(s->dir);
			s->dir = NULL;
		}
	}
	free(fonts);
	return ok;
}

bool subsets_make(const struct site *site, struct subsets *s, struct diag *d)
{
	*s = (struct subsets){NULL, NULL};
	const struct fontset *own = site->own_fonts;
	if (own == NULL)
		return true;
	if (!make_folder(s, d))
		return false;
	char *cut[FONT_COUNT] = {NULL};
	const char *paths[FONT_COUNT];
	bool ok = true;
	for (int i = 0; i < FONT_COUNT && ok; i++) {
		enum font_face face = (enum font_face)i;
		paths[i] = font_file(own, face);
		if (!site_names(site->fonts, face))
			continue;
		ok = cut_face(own, face, s, d);
		paths[i] = cut[i] = face_file(s, face, "ttf");
	}
	if (ok)
		s->fonts = font_load_files(paths, NULL, d);
	for (int i = 0; i < FONT_COUNT; i++)
		free(cut[i]);
	return s->fonts != NULL;
}

void subsets_free(struct subsets *s)
{
	font_free(s->fonts);
	s->fonts = NULL;
	if (s->dir == NULL)
		return;
	for (int i = 0; i < FONT_COUNT; i++) {
		static const char *const exts[] = {"ttf", "woff2"};
		for (size_t k = 0; k < 2; k++) {
			char *path = face_file(s, (enum font_face)i, exts[k]);
			unlink(path);
			free(path);
		}
	}
	char *fonts = xasprintf("%s/fonts", s->dir);
	rmdir(fonts);
	free(fonts);
	rmdir(s->dir);
	free(s->dir);
	s->dir = NULL;
}
