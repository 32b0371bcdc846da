#include "web/brandcss.h"

#include "base/buf.h"

/* " name: #rrggbb;" */
static void property(struct buf *b, const char *name, uint32_t rgb)
{
	char hex[8];
	brand_hex(rgb, hex);
	buf_printf(b, " %s: %s;", name, hex);
}

/* The hero's soft glow: the accent, faint. */
static void glow(struct buf *b, uint32_t rgb)
{
	buf_printf(b, " --hero-glow: rgb(%u %u %u / 10%%);", (unsigned)(rgb >> 16) & 255, (unsigned)(rgb >> 8) & 255,
	           (unsigned)rgb & 255);
}

/*
 * Light scheme (and no preference): the primary draws headings, links and the secondary
 * buttons, and the call-to-action band (from a darker shade to the
 * primary); the accent draws kickers, markers and the buttons.  Hover
 * shades are darker still.  Dark scheme: the dark primary draws links and
 * the secondary buttons' outline, the dark accent kickers and buttons
 * (hover shades lighter); headings stay the theme's near-white, and the
 * band is a deeper shade of the primary.  Print keeps its black.
 */
char *brandcss_text(const struct brand_rgb *c)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "/* The publisher's colours (site.yaml's brand), over site.css: made by Folio. */\n");
	/* Not a bare :root: coming after site.css, it would also override the
	 * dark scheme's values there that this file does not set again. */
	buf_puts(&b, "@media not all and (prefers-color-scheme: dark) {\n  :root {\n   ");
	property(&b, "--heading", c->primary);
	property(&b, "--link", c->primary);
	property(&b, "--link-hover", brand_mix(c->primary, 0x000000, 30));
	property(&b, "--btn2-fg", c->primary);
	property(&b, "--btn2-border", c->primary);
	buf_puts(&b, "\n   ");
	property(&b, "--accent", c->accent);
	property(&b, "--btn-bg", c->accent);
	property(&b, "--btn-bg-hover", brand_mix(c->accent, 0x000000, 25));
	glow(&b, c->accent);
	buf_puts(&b, "\n   ");
	property(&b, "--band", brand_mix(c->primary, 0x000000, 25));
	property(&b, "--band-2", c->primary);
	buf_puts(&b, "\n  }\n}\n@media (prefers-color-scheme: dark) {\n  :root {\n   ");
	property(&b, "--link", c->dark_primary);
	property(&b, "--link-hover", brand_mix(c->dark_primary, 0xffffff, 40));
	property(&b, "--btn2-border", c->dark_primary);
	buf_puts(&b, "\n   ");
	property(&b, "--accent", c->dark_accent);
	property(&b, "--btn-bg", c->dark_accent);
	property(&b, "--btn-bg-hover", brand_mix(c->dark_accent, 0xffffff, 35));
	glow(&b, c->dark_accent);
	buf_puts(&b, "\n   ");
	property(&b, "--band", brand_mix(c->primary, 0x000000, 45));
	property(&b, "--band-2", brand_mix(c->primary, 0x000000, 25));
	buf_puts(&b, "\n  }\n}\n");
	/* site.css's print block sets these to black; this file comes later. */
	buf_puts(&b, "@media print {\n  :root { --heading: #000; --link: #000; --accent: #000; }\n}\n");
	return buf_detach(&b);
}
