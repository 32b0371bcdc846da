/*
 * brand: the publisher's colours (site.yaml's brand block) as numbers,
 * checked for contrast against the theme they are drawn on.
 *
 * The loader calls brand_resolve() once site.yaml is read: it parses the
 * colours (#rrggbb or #rgb), derives the dark scheme's variants that are
 * not given, and refuses any colour whose contrast with a background it is
 * drawn on (or with a text drawn on it) is under WCAG AA's 4.5:1.  The
 * renderers read the numbers in struct brand_rgb and never the text.
 *
 * Contrast is WCAG 2.x's: the relative luminance L of each colour, then
 * (L1 + 0.05) / (L2 + 0.05) with L1 the lighter.  Every pair is held to
 * 4.5:1, the threshold for body text, even where a colour only draws a
 * border or a large heading, so one rule covers every use.
 */
#ifndef FOLIO_BRAND_H
#define FOLIO_BRAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

struct brand;

/* The contrast every brand colour must reach against what it meets. */
#define BRAND_MIN_CONTRAST 4.5

/* A brand's colours, 0xRRGGBB. */
struct brand_rgb {
	uint32_t primary;       /* headings, links, the call-to-action band, diagram outlines */
	uint32_t accent;        /* kickers, markers, buttons, the PDF's subheadings and cover band */
	uint32_t dark_primary;  /* the same roles in the dark colour scheme */
	uint32_t dark_accent;
	uint32_t theme;         /* the browser's theme-color */
};

/* Which brand colour a pair checks. */
enum brand_slot { BRAND_PRIMARY, BRAND_ACCENT, BRAND_DARK_PRIMARY, BRAND_DARK_ACCENT, BRAND_SLOTS };

/* One colour of the theme a brand colour meets: a background it is drawn
 * on, or a text drawn on it.  css names the custom property of
 * theme/static/css/site.css the value mirrors (scope: ":root", "dark" for
 * the prefers-color-scheme: dark block, or a selector), or is NULL for a
 * colour the diagrams' palette holds (diagram/paint.c). */
struct brand_pair {
	const char *relation;   /* "on" (a background) or "under" (a text) */
	const char *what;       /* for messages: "the page background" */
	const char *scope;
	const char *css;
	uint32_t rgb;
};

/* The theme's colours that slot is checked against; *n gets their count. */
const struct brand_pair *brand_pairs(enum brand_slot slot, size_t *n);

/* Parses "#rrggbb" or "#rgb" (either case) into *rgb. */
bool brand_parse_color(const char *text, uint32_t *rgb);

/* WCAG 2.x relative luminance, 0 (black) to 1 (white). */
double brand_luminance(uint32_t rgb);

/* WCAG 2.x contrast ratio of two colours, 1 to 21. */
double brand_contrast(uint32_t a, uint32_t b);

/* a moved percent (0..100) of the way toward b, channel by channel,
 * rounded: a deterministic mix. */
uint32_t brand_mix(uint32_t a, uint32_t b, int percent);

/* "#rrggbb" of rgb into out (8 bytes). */
void brand_hex(uint32_t rgb, char out[8]);

/* The lightest step toward white (0, 5, ... 100 percent) at which light
 * passes every pair of slot (a dark scheme's slot): the derived dark
 * variant of a light colour. */
uint32_t brand_derive_dark(uint32_t light, enum brand_slot slot);

/* Parses, derives and checks b (read from site.yaml); reports each
 * problem at its key's value.  False when any was found. */
bool brand_resolve(struct brand *b, struct diag *d);

#endif
