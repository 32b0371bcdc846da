/*
 * svgdraw: SVG documents drawn on cairo with librsvg, which is loaded on
 * first use rather than linked.
 *
 * With GLib, Pango and what they bring, librsvg is twenty of the
 * sixty-five libraries the program would otherwise load at every start,
 * some 7 ms, a third of what a build with nothing to do took; most builds
 * draw no SVG.  It is loaded once and never unloaded (GLib cannot be).
 * The favicons (web/icons) and the playbook's images (pdf/) draw through
 * here.  Thread-safe: each document belongs to one thread at a time.
 */
#ifndef FOLIO_SVGDRAW_H
#define FOLIO_SVGDRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

struct svgdraw;

/* Opens the SVG file at path, or the SVG in data[0..len); NULL with *why
 * set (allocated: the caller frees it) when librsvg cannot be loaded or
 * cannot read it.  The caller frees the result with svgdraw_free(). */
struct svgdraw *svgdraw_open_file(const char *path, char **why);
struct svgdraw *svgdraw_open_data(const void *data, size_t len, char **why);

/* Whether librsvg itself is missing (Folio's installation, not the
 * file, is then at fault).  Meaningful after an open failed. */
bool svgdraw_missing(void);

/* Draws the document fitted into the w x h box at x, y of cr (its aspect
 * kept, centred).  False with *why set (allocated) when librsvg fails. */
bool svgdraw_render(struct svgdraw *s, cairo_t *cr, double x, double y, double w, double h, char **why);

/* NULL is a no-op. */
void svgdraw_free(struct svgdraw *s);

#endif
