/*
 * source: where a build finds its inputs.  The source folder holds
 * content/, and may hold templates/ and static/ of its own; the theme
 * (Folio's built-in one, or another given with --theme) holds the
 * templates and static files that the source's own override file by file.
 * The fonts are the source's own (static/fonts) or the theme's.
 */
#ifndef FOLIO_SOURCE_H
#define FOLIO_SOURCE_H

#include <stdbool.h>

#include "base/options.h"

/* Whether dir is a theme: a folder that has a templates/ folder. */
bool source_is_theme(const char *dir);

/* The built-in theme, found from this program's place: a checkout
 * (build/folio: ../theme) or an install under any prefix
 * (PREFIX/bin/folio: ../share/folio/theme), whatever PREFIX it was built
 * with.  The path is relative to the working folder when the theme is
 * inside it (messages then name theme/templates/...), else absolute.
 * NULL when there is none; caller frees. */
char *source_theme(void);

/* The folder of the fonts: the source's static/fonts when it has them,
 * else the theme's (opt->theme/static/fonts).  NULL when there are none;
 * caller frees. */
char *source_fonts(const struct options *opt);

#endif
