/*
 * draw: the playbook's pages put on paper.
 *
 * Draws what blocks.h laid out, where ts_paginate() placed it: lines of
 * words in the playbook's colours (one text object per run of a style, one
 * link area per link; struck words with a line through them, footnote
 * references raised), the bullets of list items and the boxes of tasks, the band behind code,
 * table rows with their rules and the header's band, rules, and diagrams
 * as vectors through the painter.  Also the pages drawn whole rather than
 * laid out: the cover, and the running header and footer of body pages.
 */
#ifndef FOLIO_DRAW_H
#define FOLIO_DRAW_H

#include <stddef.h>

#include "base/font.h"
#include "content/model.h"
#include "pdf/blocks.h"
#include "pdf/pdf.h"
#include "pdf/typeset.h"

/* Where each anchor of a document landed (blocks_new_anchors): v[a - 1]
 * for anchor a, set once its first placement is known. */
struct draw_anchor {
	bool set;
	size_t page;
	double y;
};

struct draw_anchors {
	struct draw_anchor *v;  /* owned */
	size_t n;
};

/* The anchors of the placed blocks (blocks_paginate) of a document with
 * n anchors, their pages counted from first_page.  Caller frees v. */
struct draw_anchors draw_find_anchors(const struct ts_placed *placed, size_t nplaced, size_t n, size_t first_page);

/* Draws one block (it, of height h) on page with its top at y; links to
 * anchors go where anchors says (NULL: there are none).  again: a table's
 * header row placed again on a later page, which a tagged document shows
 * as pagination, not as content read twice. */
void draw_block(struct pdf *pdf, const struct fontset *fs, size_t page, const struct blocks_item *it, double y,
                double h, const struct draw_anchors *anchors, bool again);

/* Draws r's cover on page 0: the resource and playbook titles, the
 * summary, the overview diagram unless with_diagram is false (the body
 * has it, and a picture is shown once), the edition (the resource's
 * updated date, or epoch's, in the words of site's strings edition and
 * date) and the publisher with the site's address.  In a tagged document
 * its elements go in the Sect sect. */
void draw_cover(struct pdf *pdf, const struct typesetter *ts, const struct site *site, const struct resource *r,
                long long epoch, size_t sect, bool with_diagram);

/* The running header of a body page (the chapter's name on the left when
 * there is one, the resource's on the right when both fit) and its footer,
 * "Page number of total" in the words of site's string page_of. */
void draw_running_matter(struct pdf *pdf, const struct fontset *fs, const struct site *site, size_t page,
                         const char *resource, const char *chapter, size_t number, size_t total);

#endif
