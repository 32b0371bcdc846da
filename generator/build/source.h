/*
 * source: where a build finds its inputs.  The source folder holds
 * content/, templates/ and static/; the fonts are the site's own
 * (static/fonts) or those installed with Folio.
 */
#ifndef FOLIO_SOURCE_H
#define FOLIO_SOURCE_H

/* The folder of the fonts: the source's static/fonts when it has them,
 * else the ones found from this program's place, which works for a
 * checkout (build/folio: ../static/fonts) and for any install prefix
 * (PREFIX/bin/folio: ../share/folio/fonts), whatever PREFIX it was built
 * with.  NULL when there are none; caller frees. */
char *source_fonts(const char *source);

#endif
