/*
 * test_brand: the brand colours' contrast arithmetic against pairs whose
 * ratio WCAG's own examples and checkers give, the parsing of colours,
 * the derived dark variants, the messages, and the table of the theme's
 * colours against the stylesheet and palette it mirrors.
 */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/brand.h"
#include "content/model.h"
#include "diagram/paint.h"

/* A ratio to two decimals, as contrast checkers show it. */
static double two_places(double ratio)
{
	return round(ratio * 100) / 100;
}

/* Known pairs: 21:1 is the scale's top (black on white, L 0 and 1), 1:1
 * its bottom; #777777 on white is the classic near miss at 4.48:1 and
 * #767676 the lightest grey that passes at 4.54:1; pure red on white is
 * 4:1 (L = 0.2126, 1.05 / 0.2626) and pure blue 8.59:1 (L = 0.0722,
 * 1.05 / 0.1222). */
static void test_contrast_of_known_pairs(void)
{
	CHECK(two_places(brand_contrast(0x000000, 0xffffff)) == 21.00);
	CHECK(two_places(brand_contrast(0xffffff, 0x000000)) == 21.00);
	CHECK(two_places(brand_contrast(0x123456, 0x123456)) == 1.00);
	CHECK(two_places(brand_contrast(0x777777, 0xffffff)) == 4.48);
	CHECK(two_places(brand_contrast(0x767676, 0xffffff)) == 4.54);
	CHECK(two_places(brand_contrast(0xff0000, 0xffffff)) == 4.00);
	CHECK(two_places(brand_contrast(0x0000ff, 0xffffff)) == 8.59);
	CHECK(fabs(brand_luminance(0xffffff) - 1.0) < 1e-9);
	CHECK(brand_luminance(0x000000) == 0.0);
}

static void test_parse_colors(void)
{
	uint32_t rgb = 0;
	CHECK(brand_parse_color("#12324f", &rgb) && rgb == 0x12324f);
	CHECK(brand_parse_color("#12324F", &rgb) && rgb == 0x12324f);
	CHECK(brand_parse_color("#f80", &rgb) && rgb == 0xff8800);
	static const char *const bad[] = {"", "#", "12324f", "#12324", "#12324f0", "#12g24f", "red", "#ff 000", NULL};
	for (size_t i = 0; bad[i]; i++) {
		rgb = 7;
		CHECK(!brand_parse_color(bad[i], &rgb));
		CHECK(rgb == 7);
	}
	CHECK(!brand_parse_color(NULL, &rgb));
	char hex[8];
	brand_hex(0x0a0b0c, hex);
	CHECK_STR(hex, "#0a0b0c");
}

static void test_mix(void)
{
	CHECK(brand_mix(0x000000, 0xffffff, 0) == 0x000000);
	CHECK(brand_mix(0x000000, 0xffffff, 100) == 0xffffff);
	CHECK(brand_mix(0x000000, 0xffffff, 50) == 0x808080);     /* 127.5 rounds up */
	CHECK(brand_mix(0x204060, 0x000000, 25) == 0x183048);
}

/* The derived dark variant passes every dark pair, and is the first 5%
 * step toward white that does. */
static void test_derived_dark_variant(void)
{
	static const uint32_t lights[] = {0x12324f, 0x0e6e66, 0x5a1e6e, 0xb5123b, 0x000000};
	for (size_t i = 0; i < sizeof lights / sizeof lights[0]; i++)
		for (enum brand_slot slot = BRAND_DARK_PRIMARY; slot <= BRAND_DARK_ACCENT; slot++) {
			uint32_t dark = brand_derive_dark(lights[i], slot);
			size_t n;
			const struct brand_pair *pairs = brand_pairs(slot, &n);
			int step = -1;
			for (int p = 0; p <= 100; p += 5)
				if (brand_mix(lights[i], 0xffffff, p) == dark) {
					step = p;
					break;
				}
			CHECK(step >= 0);
			for (size_t k = 0; k < n; k++)
				CHECK(brand_contrast(dark, pairs[k].rgb) >= 4.5);
			bool earlier_fails = step == 0;
			for (size_t k = 0; step > 0 && k < n; k++)
				earlier_fails |= brand_contrast(brand_mix(lights[i], 0xffffff, step - 5), pairs[k].rgb) < 4.5;
			CHECK(earlier_fails);
		}
}

static void set(struct str *s, const char *text, int line)
{
	s->v = text ? xstrdup(text) : NULL;
	s->at = (struct pos){"site.yaml", line, 12};
}

static void free_brand(struct brand *b)
{
	free(b->primary.v);
	free(b->accent.v);
	free(b->dark_primary.v);
	free(b->dark_accent.v);
	free(b->theme_color.v);
}

/* #88ccee on white: L = 0.2126 * 0.2462 + 0.7152 * 0.6038 + 0.0722 * 0.8550
 * = 0.5459 (channels 136, 204, 238 made linear), so 1.05 / 0.5959 = 1.76. */
static void test_resolve_refuses_a_low_contrast_accent(void)
{
	struct brand b = {.at = {"site.yaml", 10, 1}};
	set(&b.primary, "#12324f", 11);
	set(&b.accent, "#88ccee", 12);
	struct diag d;
	diag_init(&d, NULL);
	CHECK(!brand_resolve(&b, &d));
	CHECK_INT(d.nlines, 1);
	if (d.nlines)
		CHECK_STR(d.lines[0], "site.yaml:12:12: error: brand.accent #88ccee on the page background #ffffff has "
		                      "contrast 1.76:1; WCAG AA needs 4.5:1 for text; choose a darker colour");
	diag_free(&d);
	free_brand(&b);
}

/* A dark variant given too dark is refused with the advice to lighten it
 * or leave it out; a bad string is refused as not a colour. */
static void test_resolve_refuses_a_dark_variant_and_a_typo(void)
{
	struct brand b = {.at = {"site.yaml", 10, 1}};
	set(&b.primary, "#12324f", 11);
	set(&b.accent, "#0e6e66", 12);
	set(&b.dark_primary, "#12324f", 13);
	set(&b.theme_color, "navy", 14);
	struct diag d;
	diag_init(&d, NULL);
	CHECK(!brand_resolve(&b, &d));
	CHECK_INT(d.nlines, 2);
	if (d.nlines == 2) {
		CHECK_CONTAINS(d.lines[0], "site.yaml:13:12: error: brand.dark_primary #12324f on the dark page background "
		                           "#0d1722 has contrast 1.");
		CHECK_CONTAINS(d.lines[0], "choose a lighter colour, or leave the key out to have one derived");
		CHECK_STR(d.lines[1], "site.yaml:14:12: error: brand.theme_color 'navy' is not a colour; write it as "
		                      "\"#rrggbb\" or \"#rgb\", in quotes");
	}
	diag_free(&d);
	free_brand(&b);
}

static void test_resolve_fills_the_numbers(void)
{
	struct brand b = {.at = {"site.yaml", 10, 1}};
	set(&b.primary, "#5A1E6E", 11);
	set(&b.accent, "#b5123b", 12);
	struct diag d;
	diag_init(&d, NULL);
	CHECK(brand_resolve(&b, &d));
	CHECK_INT(d.nlines, 0);
	CHECK(b.rgb.primary == 0x5a1e6e && b.rgb.accent == 0xb5123b);
	CHECK(b.rgb.theme == 0x5a1e6e);
	CHECK_STR(b.theme_color.v, "#5a1e6e");
	CHECK(b.rgb.dark_primary == brand_derive_dark(0x5a1e6e, BRAND_DARK_PRIMARY));
	CHECK(b.rgb.dark_accent == brand_derive_dark(0xb5123b, BRAND_DARK_ACCENT));
	diag_free(&d);
	free_brand(&b);
}

/* ---- the table against theme/static/css/site.css ---------------------- */

/* The text of the block that opens at the first match of opener in css
 * (from its '{' to the matching '}'); NULL when absent.  Caller frees. */
static char *block_of(const char *css, const char *opener)
{
	const char *at = strstr(css, opener);
	if (at == NULL)
		return NULL;
	const char *open = strchr(at, '{');
	int depth = 0;
	for (const char *p = open; p && *p; p++) {
		depth += *p == '{';
		depth -= *p == '}';
		if (depth == 0)
			return xstrndup(open + 1, (size_t)(p - open - 1));
	}
	return NULL;
}

/* A custom property's colour in a block ("#fff" or "#rrggbb"); -1 when absent. */
static long property_in(const char *block, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = strstr(block, name); p; p = strstr(p + 1, name)) {
		bool starts = p == block || p[-1] == ' ' || p[-1] == ';' || p[-1] == '\n' || p[-1] == '{';
		if (!starts || p[len] != ':')
			continue;
		const char *v = p + len + 1;
		while (*v == ' ')
			v++;
		char hex[8] = {0};
		size_t n = strspn(v + 1, "0123456789abcdefABCDEF");
		if (*v != '#' || (n != 3 && n != 6))
			return -1;
		memcpy(hex, v + 1, n);
		long rgb = strtol(hex, NULL, 16);
		if (n == 3)
			rgb = ((rgb >> 8 & 15) * 17) << 16 | ((rgb >> 4 & 15) * 17) << 8 | (rgb & 15) * 17;
		return rgb;
	}
	return -1;
}

static void test_table_mirrors_site_css(void)
{
	struct diag d;
	diag_init(&d, stderr);
	size_t len;
	char *css = textfile_read(TEST_ROOT "/theme/static/css/site.css", "site.css", 1 << 20, &len, &d);
	diag_free(&d);
	CHECK(css != NULL);
	if (css == NULL)
		return;
	char *root = block_of(css, ":root {");
	char *dark_media = block_of(css, "@media (prefers-color-scheme: dark)");
	char *dark = dark_media ? block_of(dark_media, ":root {") : NULL;
	char *band = block_of(css, ".section--cta {");
	CHECK(root && dark && band);
	size_t checked = 0;
	for (enum brand_slot slot = 0; slot < BRAND_SLOTS && root && dark && band; slot++) {
		size_t n;
		const struct brand_pair *pairs = brand_pairs(slot, &n);
		for (size_t i = 0; i < n; i++) {
			if (pairs[i].css == NULL)
				continue;
			const char *block = strcmp(pairs[i].scope, ":root") == 0 ? root
			                    : strcmp(pairs[i].scope, "dark") == 0 ? dark
			                                                           : band;
			long want = property_in(block, pairs[i].css);
			if (want != (long)pairs[i].rgb)
				harness_note(__FILE__, __LINE__, "%s %s: table #%06lx, site.css #%06lx", pairs[i].scope,
				             pairs[i].css, (unsigned long)pairs[i].rgb, (unsigned long)want);
			checked++;
		}
	}
	CHECK(checked >= 20);
	free(root);
	free(dark_media);
	free(dark);
	free(band);
	free(css);
}

/* The one row not from site.css is the dark diagrams' centre box text. */
static void test_table_mirrors_the_palette(void)
{
	size_t n;
	const struct brand_pair *pairs = brand_pairs(BRAND_DARK_PRIMARY, &n);
	const double *fill = paint_style(NULL, ROLE_HUB_TEXT, true)->fill;
	uint32_t want = (uint32_t)lround(fill[0] * 255) << 16 | (uint32_t)lround(fill[1] * 255) << 8 |
	                (uint32_t)lround(fill[2] * 255);
	size_t found = 0;
	for (size_t i = 0; i < n; i++)
		if (pairs[i].css == NULL) {
			CHECK(pairs[i].rgb == want);
			found++;
		}
	CHECK_INT(found, 1);
	/* And the light centre box's text is white, the page background's pair. */
	const double *light = paint_style(NULL, ROLE_HUB_TEXT, false)->fill;
	CHECK(light[0] == 1 && light[1] == 1 && light[2] == 1);
}

/* The branded palette puts the primary where the theme has its navy and
 * keeps every kind's colour. */
static void test_branded_palette(void)
{
	struct paint_palette pal;
	paint_palette_branded(&pal, &(struct brand_rgb){0x336699, 0x993366, 0xaabbcc, 0xccbbaa, 0x336699});
	const struct paint_style *hub = paint_style(&pal, ROLE_HUB, false);
	CHECK(lround(hub->fill[0] * 255) == 0x33 && lround(hub->fill[1] * 255) == 0x66 &&
	      lround(hub->fill[2] * 255) == 0x99);
	const struct paint_style *dark_node = paint_style(&pal, ROLE_NODE, true);
	CHECK(lround(dark_node->stroke[0] * 255) == 0xaa && lround(dark_node->stroke[2] * 255) == 0xcc);
	CHECK(lround(pal.card_band[0] * 255) == 0x99 && lround(pal.card_band[2] * 255) == 0x66);
	for (int r = ROLE_EDGE_KIND; r <= ROLE_EDGE_KIND_LAST; r++)
		CHECK(memcmp(paint_style(&pal, (enum lay_role)r, false), paint_style(NULL, (enum lay_role)r, false),
		             sizeof(struct paint_style)) == 0);
}

int main(void)
{
	RUN(test_contrast_of_known_pairs);
	RUN(test_parse_colors);
	RUN(test_mix);
	RUN(test_derived_dark_variant);
	RUN(test_resolve_refuses_a_low_contrast_accent);
	RUN(test_resolve_refuses_a_dark_variant_and_a_typo);
	RUN(test_resolve_fills_the_numbers);
	RUN(test_table_mirrors_site_css);
	RUN(test_table_mirrors_the_palette);
	RUN(test_branded_palette);
	return harness_done();
}
