/*
 * tags: the playbook's logical structure, for a tagged PDF (PDF/UA-1).
 *
 * A tree of structure elements in reading order, built while the playbook
 * is laid out (blocks.h adds an element for each paragraph, heading, list,
 * table, figure...) and while it is drawn (links found in the text, the
 * cover), and written into the PDF by pdf_finish().  It is plain data: no
 * libharu, no geometry but a figure's box.
 *
 * Element 0 is the Document, the root.  An element's kids are other
 * elements and its content, in reading order: a marked-content sequence
 * of a page (its MCID, numbered by pdf.c per page) or an annotation (a
 * link's clickable area).  An element joins its parent's kids when it is
 * added, so the layout's order is the reading order; a pending one joins
 * only when its first content is marked, which puts a link found on a
 * line between the words before it and after it.
 *
 * A tree belongs to one thread at a time; it owns its texts.
 */
#ifndef FOLIO_TAGS_H
#define FOLIO_TAGS_H

#include <stdbool.h>
#include <stddef.h>

/* The standard structure types used (ISO 32000-1, 14.8.4): no role map is
 * needed. */
enum tag_role {
	TAG_DOCUMENT,
	TAG_SECT,
	TAG_H1,
	TAG_H2,
	TAG_H3,
	TAG_P,
	TAG_L,
	TAG_LI,
	TAG_LBL,
	TAG_LBODY,
	TAG_TABLE,
	TAG_THEAD,
	TAG_TBODY,
	TAG_TR,
	TAG_TH,
	TAG_TD,
	TAG_CAPTION,
	TAG_FIGURE,
	TAG_LINK,
	TAG_TOC,
	TAG_TOCI,
	TAG_NOTE,
	TAG_CODE,
	TAG_BLOCKQUOTE,
	TAG_ROLE_COUNT
};

/* The name of a role in the PDF ("H1", "BlockQuote"). */
const char *tags_role_name(enum tag_role role);

/* Whether role holds content (text, paths, images) rather than only
 * other elements: headings, paragraphs, labels, cells, captions,
 * figures, links and code. */
bool tags_role_holds_content(enum tag_role role);

/* A header cell's scope (TH). */
enum tag_scope { TAG_SCOPE_NONE, TAG_SCOPE_COLUMN, TAG_SCOPE_ROW };

enum tag_kid_kind { TAG_KID_ELEMENT, TAG_KID_CONTENT, TAG_KID_ANNOT };

struct tag_kid {
	enum tag_kid_kind kind;
	size_t id;              /* TAG_KID_ELEMENT: the element */
	size_t page;            /* TAG_KID_CONTENT and TAG_KID_ANNOT: the page (from 0) */
	size_t mcid;            /* TAG_KID_CONTENT: the sequence's MCID on that page */
	size_t annot;           /* TAG_KID_ANNOT: the annotation's number (pdf.c's, in order of creation) */
};

struct tag_element {
	enum tag_role role;
	size_t parent;          /* the Document's is itself, 0 */
	struct tag_kid *kids;   /* owned */
	size_t nkids, cap;
	char *alt;              /* owned; Figure: its description; NULL: none */
	char *actual;           /* owned; ActualText (a task's box: "[x]"); NULL: none */
	char *key;              /* owned; Link: its URL or "#n" for anchor n, to join a link's pieces */
	enum tag_scope scope;   /* TH */
	bool has_box;           /* Figure: box is set */
	size_t box_page;
	double box[4];          /* Figure: x0, y0, x1, y1 in PDF user space (y up) */
	bool attached;          /* joined its parent's kids */
};

struct tags;

/* A tree holding only the Document.  Caller frees. */
struct tags *tags_new(void);
void tags_free(struct tags *t);

/* A new element of role, the last kid of parent; returns its id (> 0). */
size_t tags_add(struct tags *t, size_t parent, enum tag_role role);

/* A new element of role under parent that joins parent's kids when its
 * first content is marked (tags_mark, tags_annot); returns its id. */
size_t tags_add_pending(struct tags *t, size_t parent, enum tag_role role);

/* A heading under parent, of level 1 to 3 but never more than one deeper
 * than the last heading added (a document's headings never skip a level:
 * the look stays the caller's). */
size_t tags_heading(struct tags *t, size_t parent, int level);

/* The Link of parent for key (a URL, or "#n" for anchor n): when
 * continues (the link's words start a line) and parent's last kid is a
 * link for the same key, that one (a link going on from the line
 * before), else a new pending one. */
size_t tags_link(struct tags *t, size_t parent, const char *key, bool continues);

void tags_set_alt(struct tags *t, size_t id, const char *alt);
void tags_set_actual(struct tags *t, size_t id, const char *text);
void tags_set_scope(struct tags *t, size_t id, enum tag_scope scope);
/* Grows id's box (a Figure's) to hold x0, y0, x1, y1 of page; the first
 * page it is set on stays its page. */
void tags_grow_box(struct tags *t, size_t id, size_t page, double x0, double y0, double x1, double y1);

/* The next content of id is the sequence mcid of page, or annotation
 * annot of page. */
void tags_mark(struct tags *t, size_t id, size_t page, size_t mcid);
void tags_annot(struct tags *t, size_t id, size_t page, size_t annot);

size_t tags_count(const struct tags *t);
const struct tag_element *tags_at(const struct tags *t, size_t id);

/* id's role. */
enum tag_role tags_role(const struct tags *t, size_t id);

#endif
