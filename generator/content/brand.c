#include "content/brand.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "content/model.h"

/*
 * The theme's colours each brand colour meets.  They mirror the custom
 * properties of theme/static/css/site.css named in each row (the light
 * ones from :root, the dark ones from its prefers-color-scheme: dark
 * block, the band's from .section--cta) and one colour of the diagrams'
 * palette (diagram/paint.c, ROLE_HUB_TEXT); tests/unit/test_brand.c reads
 * site.css and paint.c's table and fails when a row no longer agrees.
 *
 * Contrast is symmetric, so "white text on the primary" is the same pair
 * as "the primary on a white page": each pair is listed once.
 */
#define LIGHT_GROUNDS \
	{"on", "the page background", ":root", "--bg", 0xffffff}, \
	{"on", "the alternate sections' background", ":root", "--bg-alt", 0xf3f6f9}, \
	{"on", "the hero background", ":root", "--bg-hero", 0xeaf1f7}, \
	{"on", "the cards' surface", ":root", "--surface", 0xffffff}
#define DARK_GROUNDS \
	{"on", "the dark page background", "dark", "--bg", 0x0d1722}, \
	{"on", "the dark alternate sections' background", "dark", "--bg-alt", 0x111f2d}, \
	{"on", "the dark hero background", "dark", "--bg-hero", 0x102236}, \
	{"on", "the dark cards' surface", "dark", "--surface", 0x162738}

/* The primary: headings and links on the light grounds; the call-to-action
 * band is drawn in it, under the band's text and muted text; the diagrams'
 * centre box is filled with it under white text (the page background's pair). */
static const struct brand_pair primary_pairs[] = {
	LIGHT_GROUNDS,
	{"under", "the call-to-action band's text", ".section--cta", "--text", 0xf2f7fb},
	{"under", "the call-to-action band's muted text", ".section--cta", "--muted", 0xc9d8e6},
};
/* The accent: kickers and markers on the light grounds, and the buttons'
 * background under their white text. */
static const struct brand_pair accent_pairs[] = {
	LIGHT_GROUNDS,
	{"under", "the buttons' text", ":root", "--btn-fg", 0xffffff},
};
/* The dark scheme's primary: links on the dark grounds, and the diagrams'
 * centre box under its dark text. */
static const struct brand_pair dark_primary_pairs[] = {
	DARK_GROUNDS,
	{"under", "the dark diagrams' centre box text", NULL, NULL, 0x0d1622},
};
static const struct brand_pair dark_accent_pairs[] = {
	DARK_GROUNDS,
	{"under", "the dark buttons' text", "dark", "--btn-fg", 0x05201d},
};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

const struct brand_pair *brand_pairs(enum brand_slot slot, size_t *n)
{
	switch (slot) {
	case BRAND_PRIMARY: *n = COUNT(primary_pairs); return primary_pairs;
	case BRAND_ACCENT: *n = COUNT(accent_pairs); return accent_pairs;
	case BRAND_DARK_PRIMARY: *n = COUNT(dark_primary_pairs); return dark_primary_pairs;
	default: *n = COUNT(dark_accent_pairs); return dark_accent_pairs;
	}
}

bool brand_parse_color(const char *text, uint32_t *rgb)
{
	size_t len = text ? strlen(text) : 0;
	if ((len != 7 && len != 4) || text[0] != '#')
		return false;
	uint32_t v = 0;
	for (size_t i = 1; i < len; i++) {
		int d = text_hex_digit(text[i]);
		if (d < 0)
			return false;
		/* #rgb: each digit stands for itself twice (#f80 is #ff8800). */
		v = len == 4 ? (v << 8) | (uint32_t)(d * 17) : (v << 4) | (uint32_t)d;
	}
	*rgb = v;
	return true;
}

/* An sRGB channel (0..255) made linear, as WCAG 2.x defines it. */
static double linear(uint32_t c8)
{
	double c = c8 / 255.0;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double brand_luminance(uint32_t rgb)
{
	return 0.2126 * linear((rgb >> 16) & 255) + 0.7152 * linear((rgb >> 8) & 255) + 0.0722 * linear(rgb & 255);
}

double brand_contrast(uint32_t a, uint32_t b)
{
	double la = brand_luminance(a), lb = brand_luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

uint32_t brand_mix(uint32_t a, uint32_t b, int percent)
{
	uint32_t out = 0;
	for (int shift = 16; shift >= 0; shift -= 8) {
		int ca = (int)((a >> shift) & 255), cb = (int)((b >> shift) & 255);
		int c = (ca * (100 - percent) + cb * percent + 50) / 100;
		out |= (uint32_t)c << shift;
	}
	return out;
}

void brand_hex(uint32_t rgb, char out[8])
{
	snprintf(out, 8, "#%06x", (unsigned)(rgb & 0xffffff));
}

/* The first pair of slot that rgb fails, or NULL. */
static const struct brand_pair *first_failure(uint32_t rgb, enum brand_slot slot)
{
	size_t n;
	const struct brand_pair *pairs = brand_pairs(slot, &n);
	for (size_t i = 0; i < n; i++)
		if (brand_contrast(rgb, pairs[i].rgb) < BRAND_MIN_CONTRAST)
			return &pairs[i];
	return NULL;
}

uint32_t brand_derive_dark(uint32_t light, enum brand_slot slot)
{
	for (int percent = 0; percent < 100; percent += 5) {
		uint32_t c = brand_mix(light, 0xffffff, percent);
		if (first_failure(c, slot) == NULL)
			return c;
	}
	return 0xffffff;
}

/* A ratio as the message shows it: cut (never rounded up) to two
 * decimals, without trailing zeros, so 4.48 is not shown as 4.5. */
static void ratio_text(double ratio, char out[16])
{
	snprintf(out, 16, "%.2f", floor(ratio * 100) / 100);
	char *end = out + strlen(out) - 1;
	while (*end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
}

static const char *const slot_keys[BRAND_SLOTS] = {"primary", "accent", "dark_primary", "dark_accent"};

/* What to do about a colour of slot that is too close to pair. */
static const char *advice(enum brand_slot slot, const struct brand_pair *pair)
{
	bool dark = slot == BRAND_DARK_PRIMARY || slot == BRAND_DARK_ACCENT;
	/* On a light ground, or under a light text, the colour must be darker. */
	bool make_darker = brand_luminance(pair->rgb) > 0.5;
	if (dark)
		return make_darker ? "choose a darker colour, or leave the key out to have one derived"
		                   : "choose a lighter colour, or leave the key out to have one derived";
	return make_darker ? "choose a darker colour" : "choose a lighter colour";
}

static bool check_slot(const struct str *s, uint32_t rgb, enum brand_slot slot, struct diag *d)
{
	const struct brand_pair *bad = first_failure(rgb, slot);
	if (bad == NULL)
		return true;
	char have[8], other[8], ratio[16];
	brand_hex(rgb, have);
	brand_hex(bad->rgb, other);
	ratio_text(brand_contrast(rgb, bad->rgb), ratio);
	diag_error(d, s->at, "brand.%s %s %s %s %s has contrast %s:1; WCAG AA needs %.1f:1 for text; %s",
	           slot_keys[slot], have, bad->relation, bad->what, other, ratio, BRAND_MIN_CONTRAST,
	           advice(slot, bad));
	return false;
}

/* Parses s into *rgb; false (reported) when it is not a colour. */
static bool parse_key(const struct str *s, const char *key, uint32_t *rgb, struct diag *d)
{
	if (brand_parse_color(s->v, rgb))
		return true;
	if (s->v[0] == '\0')     /* most often "key: #12324f": YAML took the colour for a comment */
		diag_error(d, s->at, "brand.%s is empty; write the colour in quotes, such as \"#12324f\" (unquoted, # starts "
		           "a YAML comment)", key);
	else
		diag_error(d, s->at, "brand.%s '%s' is not a colour; write it as \"#rrggbb\" or \"#rgb\", in quotes", key,
		           s->v);
	return false;
}

bool brand_resolve(struct brand *b, struct diag *d)
{
	struct str *given[BRAND_SLOTS] = {&b->primary, &b->accent, &b->dark_primary, &b->dark_accent};
	uint32_t rgb[BRAND_SLOTS] = {0};
	bool ok = true;
	for (int i = 0; i < BRAND_SLOTS; i++) {
		if (i <= BRAND_ACCENT && given[i]->v == NULL) {
			diag_error(d, b->at, "brand is missing '%s'; add it, such as %s: \"#12324f\"", slot_keys[i],
			           slot_keys[i]);
			ok = false;
		}
		if (given[i]->v == NULL)
			continue;
		bool parsed = parse_key(given[i], slot_keys[i], &rgb[i], d);
		ok = parsed && ok;
		if (parsed)
			ok = check_slot(given[i], rgb[i], (enum brand_slot)i, d) && ok;
	}
	if (b->dark_primary.v == NULL)
		rgb[BRAND_DARK_PRIMARY] = brand_derive_dark(rgb[BRAND_PRIMARY], BRAND_DARK_PRIMARY);
	if (b->dark_accent.v == NULL)
		rgb[BRAND_DARK_ACCENT] = brand_derive_dark(rgb[BRAND_ACCENT], BRAND_DARK_ACCENT);
	uint32_t theme = rgb[BRAND_PRIMARY];
	if (b->theme_color.v)
		ok = parse_key(&b->theme_color, "theme_color", &theme, d) && ok;
	b->rgb = (struct brand_rgb){rgb[BRAND_PRIMARY], rgb[BRAND_ACCENT], rgb[BRAND_DARK_PRIMARY],
	                            rgb[BRAND_DARK_ACCENT], theme};
	/* Templates read theme_color as written in the page: one spelling. */
	char hex[8];
	brand_hex(theme, hex);
	free(b->theme_color.v);
	b->theme_color.v = xstrdup(hex);
	if (b->theme_color.at.file == NULL)
		b->theme_color.at = b->primary.at;
	return ok;
}
