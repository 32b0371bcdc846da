/*
 * paint_svg: the SVG painter.
 *
 * Text stays text (<text> elements: selectable, searchable, translatable),
 * each system and flow is a <g> with a readable id and class, colours are
 * presentation attributes of the light palette with classes for the dark
 * one (paint_dark_css), and the picture carries role="img" with a <title>
 * and <desc> from the content.
 */
#ifndef FOLIO_PAINT_SVG_H
#define FOLIO_PAINT_SVG_H

#include <stdbool.h>

#include "base/buf.h"
#include "diagram/layout.h"
#include "diagram/paint.h"

struct svg_options {
	const char *id_prefix;  /* makes every id unique on a page, e.g. "dg-p-" */
	const char *title;
	const char *desc;
	bool standalone;        /* a file of its own: XML declaration and the dark CSS inside */
	const struct paint_palette *palette;    /* NULL: the theme's */
};

/* Appends the SVG of lay to out. */
void svg_write(struct buf *out, const struct layout *lay, const struct svg_options *opt);

/* Appends to file the SVG of lay as a file of its own (no id prefix,
 * standalone) and to page the same for a page (opt's prefix, not
 * standalone), drawing lay once: the bytes svg_write() gives for each. */
void svg_write_both(struct buf *file, struct buf *page, const struct layout *lay, const struct svg_options *opt);

#endif
