/*
 * sitefonts: the publisher's own fonts, named in site.yaml's fonts:.
 *
 * Each face named there is opened with FreeType in place of the bundled
 * one; the faces left out stay the bundled ones.  The set is what the
 * loader checks the content against, and it notes every character the
 * check passes (font_track): the build subsets the site's faces to those.
 */
#ifndef FOLIO_SITEFONTS_H
#define FOLIO_SITEFONTS_H

#include <stdbool.h>

#include "content/loader.h"

/* Where a site keeps its font files: a folder of the site folder, which
 * the incremental build and the preview watch. */
#define SITEFONTS_DIR "fonts"

/* With fonts: in site.yaml, opens the site's faces over ld->fonts (the
 * bundled ones) into ld->site->own_fonts and makes ld check against them;
 * false after reporting, at the value, a file missing, outside fonts/,
 * unreadable, with CFF outlines or with another face's PostScript name. */
bool sitefonts_open(struct loader *ld);

#endif
