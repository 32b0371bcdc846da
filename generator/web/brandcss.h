/*
 * brandcss: the stylesheet that puts the theme in a publisher's colours.
 *
 * css/brand.css, written only for a site with a brand block and linked by
 * the theme's head after site.css, sets the custom properties of site.css
 * that stand for the brand (see brandcss.c for which).  The colours were
 * checked for contrast when site.yaml was read (content/brand.h); the
 * shades made here from them only move away from the backgrounds they
 * meet, so they pass as well.
 */
#ifndef FOLIO_BRANDCSS_H
#define FOLIO_BRANDCSS_H

#include "content/brand.h"

/* The stylesheet's text; caller frees. */
char *brandcss_text(const struct brand_rgb *brand);

#endif
