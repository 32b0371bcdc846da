/*
 * icons: the favicon set, drawn from the publisher's mark.
 *
 * From publisher.icon (or, without one, publisher.logo), an SVG or PNG
 * under static/ (the site's or the theme's), it writes at the root of the
 * site:
 *   favicon.ico            16, 32 and 48 pixels (PNG entries)
 *   apple-touch-icon.png   180 pixels on an opaque white ground
 *   icon-192.png, icon-512.png
 *   manifest.webmanifest   the site's name and those two icons
 * The mark is fitted, centred, into each square.
 */
#ifndef FOLIO_ICONS_H
#define FOLIO_ICONS_H

#include <stdbool.h>

#include "base/diag.h"
#include "content/model.h"
#include "output/output.h"

/* Draws and writes the set from the mark found in the first of the
 * folders static_dirs[0..ndirs) that has it (the site's static/, then the
 * theme's); false after reporting an error at the site file's icon (or
 * logo) entry. */
bool icons_write(const struct site *site, const char *const *static_dirs, size_t ndirs, struct output *o,
                 struct diag *d);

#endif
