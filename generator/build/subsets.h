/*
 * subsets: the publisher's own fonts (site.yaml's fonts:) cut to the
 * characters the site uses, for one build.
 *
 * Each face the site names is subset (base/fontsub.h) into a folder of
 * its own under TMPDIR, as fonts/<bundled name>.ttf, which FreeType,
 * cairo and libharu load (libharu only loads from a file), and as
 * fonts/<bundled name>.woff2 for the page: the theme's CSS names the
 * bundled files, so it needs no change.  The folder is copied into the
 * output before the static folders, so its files win over the theme's.
 * The faces the site leaves out stay the bundled files as they are.
 *
 * The subsets are made again at every build that is not skipped: they
 * depend on the font files (in the site's fonts/ folder, which the build
 * fingerprints) and on the characters of the content, and a change of
 * either is a change of the inputs (build/fingerprint.h).
 */
#ifndef FOLIO_SUBSETS_H
#define FOLIO_SUBSETS_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/font.h"
#include "content/model.h"

struct subsets {
	char *dir;                      /* owned; the folder holding fonts/ */
	struct fontset *fonts;          /* owned: the faces to draw with */
};

/* With site->own_fonts, cuts the site's faces into a new folder and loads
 * them (with the bundled faces it does not replace) into s->fonts; false
 * after reporting.  Without, true with s empty. */
bool subsets_make(const struct site *site, struct subsets *s, struct diag *d);

/* Frees s->fonts and removes the folder. */
void subsets_free(struct subsets *s);

#endif
