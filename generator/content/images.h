/*
 * images: the images Markdown texts show, found, sniffed and measured.
 *
 * An image of a Markdown text is a file of the site's static/ (a site
 * path, "/images/x.png"; the site's static/ before the theme's) or a
 * file beside the Markdown file ("diagram.png", "img/x.svg"), which the
 * build publishes in the folder of the page that shows the text.  Its
 * type is read from its bytes (PNG, JPEG or SVG, nothing else) and its
 * size in pixels from its header (an SVG's from its width and height or
 * its viewBox).  body.c resolves every image of a text as it checks it
 * and hangs the result on the image's node (cmark's user data, freed with
 * the tree), so each renderer reads a plain record: the HTML writer its
 * size, the playbook its bytes (image_read, which checks they are the
 * bytes measured), the Markdown copies its URL.  No renderer opens the
 * file itself.
 */
#ifndef FOLIO_IMAGES_H
#define FOLIO_IMAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/options.h"

enum image_kind { IMAGE_UNKNOWN, IMAGE_PNG, IMAGE_JPEG, IMAGE_SVG };

/* Largest image file accepted. */
#define IMAGE_MAX_BYTES (20u << 20)

/* The title that marks an image as decorative (the only way to an empty
 * alt): ![](file.png "decorative"). */
#define IMAGE_DECORATIVE "decorative"

/* An image as the renderers see it.  Owned by its node. */
struct image {
	enum image_kind kind;
	long width, height;     /* pixels; an SVG's CSS pixels */
	char *alt;              /* its text alternative, without markup; "" when decorative */
	bool decorative;
	char *url;              /* site path of the published file */
	char *file;             /* the file read, as messages name it */
	bool beside;            /* a file beside its Markdown, which the build copies to url */
	uint64_t hash;          /* of its bytes as measured */
	struct pos at;          /* where the Markdown shows it */
};

/* The type of data[0..len) by its first bytes; SVG when it is XML whose
 * root element is <svg>.  Thread-safe. */
enum image_kind image_sniff(const void *data, size_t len);

/* "PNG", "JPEG" or "SVG". */
const char *image_kind_name(enum image_kind kind);

/* The size in pixels an image of kind gives in its bytes (a PNG's IHDR, a
 * JPEG's frame header, an SVG's width and height or else its viewBox);
 * false when they say none.  Thread-safe. */
bool image_size(enum image_kind kind, const void *data, size_t len, long *width, long *height);

/* Resolves the image node n of the Markdown text of file md_file (as
 * messages name it; the site's folder source and the theme's, which may
 * be NULL, locate static/ and content/), shown at
 * at: finds the file, sniffs and measures it, and hangs the record on n.
 * A mistake is reported to d at at; false then, n left without a record.
 * The caller has checked the URL is no remote one.  Thread-safe. */
bool image_resolve(cmark_node *n, const char *md_file, const char *source, const char *theme, struct pos at,
                   struct diag *d);

/* The record image_resolve hung on n, or NULL. */
const struct image *image_of(cmark_node *n);

/* Appends the image's bytes to out, read again for a renderer that embeds
 * them; false after reporting to d when the file is gone or changed since
 * it was measured.  Thread-safe. */
bool image_read(const struct image *img, struct buf *out, struct diag *d);

#endif
