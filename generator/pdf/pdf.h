/*
 * pdf: the PDF document, drawn with libharu.
 *
 * A thin, safe layer over libharu for the playbook: pages in A4 or US
 * Letter (struct pdf_info's paper), text in the project's four TrueType
 * faces (embedded, with a ToUnicode map that poppler accepts), shapes,
 * links, outlines, page labels and metadata.
 * Coordinates are points with the origin at the TOP left and y going
 * down, like the diagram layout; this module flips them for PDF.
 *
 * libharu's errors are sticky and silent: an error handler records the
 * first one, every later call becomes a no-op, and pdf_finish() reports
 * it and fails, so a broken file is never written.
 */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "content/brand.h"
#include "diagram/layout.h"
#include "diagram/paint.h"
#include "pdf/tags.h"

/* The paper a document's pages are cut to; zero, the default, is A4. */
enum pdf_paper { PDF_PAPER_A4, PDF_PAPER_LETTER };

/* A page's size in points. */
struct pdf_size {
	double width, height;
};

/* The size of paper: A4 is 595.276 x 841.89 pt, US Letter 612 x 792. */
struct pdf_size pdf_paper_size(enum pdf_paper paper);

struct pdf_info {
	const char *title;
	const char *author;      /* the publisher */
	const char *subject;
	const char *keywords;
	const char *creator;     /* "Folio 0.1.0" */
	long long epoch;         /* creation and modification date (SOURCE_DATE_EPOCH) */
	const char *language;    /* BCP 47 tag, the catalog's /Lang; NULL: none */
	enum pdf_paper paper;    /* the size of every page */
	struct tags *tags;       /* the structure tree (borrowed: it must outlive pdf_finish);
	                          * NULL: an untagged document, where pdf_tag and pdf_artifact
	                          * do nothing and the file claims PDF/A-2b, not A-2a and UA-1 */
};

enum pdf_label_style { PDF_LABEL_ROMAN, PDF_LABEL_DECIMAL };

struct pdf;

/* A new document using the faces of fs (their files are embedded); shown
 * names the output in messages.  NULL after reporting an error. */
struct pdf *pdf_new(const struct fontset *fs, const struct pdf_info *info, const char *shown, struct diag *d);
void pdf_free(struct pdf *p);

/* The colours of a playbook that stand for its publisher (RGB from 0 to
 * 1), and its diagrams' palette. */
struct pdf_brand_ink {
	double heading[3];      /* the titles: the primary */
	double accent[3];       /* subheadings, labels, bullets, the cover's band: the accent */
	double link[3];         /* links: the primary */
	struct paint_palette palette;
};

/* Draws p in a publisher's colours from now on. */
void pdf_use_brand(struct pdf *p, const struct brand_rgb *brand);

/* p's brand colours, or NULL: the theme's. */
const struct pdf_brand_ink *pdf_brand_ink(const struct pdf *p);

/* Adds a page of the document's paper; returns its index (0-based). */
size_t pdf_add_page(struct pdf *p);
/* The size of p's pages. */
struct pdf_size pdf_page_size(const struct pdf *p);
size_t pdf_page_count(const struct pdf *p);

/* ---- tagging (PDF/UA) --------------------------------------------------
 *
 * A document given a structure tree (pdf_info's tags) is a tagged PDF: every
 * thing drawn is either the content of an element of the tree or an
 * artifact.  The caller says which before drawing (pdf_tag, pdf_artifact)
 * and it holds until said otherwise; this module opens and closes the
 * marked-content sequences (BDC/EMC, numbered per page), tells the tree
 * where its content went (tags_mark), and at pdf_finish writes the tree,
 * its parent tree, and what a tagged document declares.  Consecutive
 * drawings for one element on a page share one sequence.  A link area
 * drawn while the current element is a Link becomes its annotation
 * (tags_annot). */

/* p's tree, or NULL: an untagged document. */
struct tags *pdf_tags(const struct pdf *p);

/* What is drawn from now on is the content of element id (> 0) of the
 * tree. */
void pdf_tag(struct pdf *p, size_t id);

/* What is drawn from now on is an artifact of this kind. */
enum pdf_artifact {
	PDF_ARTIFACT_LAYOUT,    /* rules, bands, boxes: decoration */
	PDF_ARTIFACT_HEADER,    /* the running header */
	PDF_ARTIFACT_FOOTER,    /* the page number */
	PDF_ARTIFACT_PAGE,      /* pagination: a table's header row repeated on a new page */
};
void pdf_artifact(struct pdf *p, enum pdf_artifact kind);

/* One run of text, its baseline starting at x, y.  rgb may be NULL (black). */
void pdf_text(struct pdf *p, size_t page, double x, double y, enum font_face face, double size,
              const double *rgb, const char *text);

/* One piece of a line of text: where it starts, in which face, size and
 * colour (rgb may be NULL: black). */
struct pdf_run {
	double x;
	enum font_face face;
	double size;
	const double *rgb;
	const char *text;
	size_t tag;             /* the element it belongs to; 0: what pdf_tag set */
};

/* Pieces sharing the baseline y, drawn as one text object: face, size and
 * colour are set only when they change, which keeps pages small. */
void pdf_text_runs(struct pdf *p, size_t page, double y, const struct pdf_run *runs, size_t n);

/* A rectangle with corner radius r (0: square); fill or stroke may be NULL. */
void pdf_rect(struct pdf *p, size_t page, double x, double y, double w, double h, double r,
              const double *fill, const double *stroke, double line_width);
void pdf_line(struct pdf *p, size_t page, double x1, double y1, double x2, double y2, const double *rgb,
              double width, double dash);

/* Clickable areas: to a URL (percent-encoded here), or to a place in the
 * document (page and y of the target).  text says where it goes, for
 * those who cannot see it (the annotation's /Contents): the link's words. */
void pdf_link_uri(struct pdf *p, size_t page, double x, double y, double w, double h, const char *url,
                  const char *text);
void pdf_link_page(struct pdf *p, size_t page, double x, double y, double w, double h, size_t target,
                   double target_y, const char *text);

/* A bookmark under parent (0: top level) pointing at page, y; returns its
 * handle for children (never 0).  Bookmarks start closed below the top. */
size_t pdf_outline(struct pdf *p, size_t parent, const char *title, size_t page, double y);

/* Pages from first on are labelled in style, starting at number. */
void pdf_page_labels(struct pdf *p, size_t first, enum pdf_label_style style, int number);

/* Draws a diagram layout (CSS pixels) at x, y scaled by scale, as vectors,
 * through the same painter interface as the SVG and PNG (paint.h). */
void pdf_paint_layout(struct pdf *p, size_t page, const struct layout *lay, double x, double y, double scale);

/* The image types libharu embeds as they are. */
enum pdf_image_kind { PDF_IMAGE_PNG, PDF_IMAGE_JPEG };

/* Draws the image in data[0..len) (a PNG or a JPEG file's bytes) into the
 * w x h box at x, y.  Bytes libharu cannot read fail the document. */
void pdf_image(struct pdf *p, size_t page, double x, double y, double w, double h, enum pdf_image_kind kind,
               const void *data, size_t len);

/* Writes the document into out.  Returns false after reporting the first
 * libharu error (out is then empty). */
bool pdf_finish(struct pdf *p, struct buf *out);

/* pdf_finish, but it gives up without a word (false, out empty) once
 * *stop is true, even half way through writing; stop may be NULL. */
bool pdf_finish_until(struct pdf *p, struct buf *out, const atomic_bool *stop);

#endif
