/*
 * bodies: what each pattern page's body became in it, kept for the next
 * build.
 *
 * Reading, parsing and writing the Markdown of the pattern bodies is a
 * quarter of a build's work.  After an edit of the templates alone, every
 * body is as it was and so is its markup, which the pages in place hold.
 * So a build notes, for each pattern page, where in it each part of its
 * body was written and with which key (web/template.h, tpl_md_parts), the
 * headings of its contents, the hash of the page's bytes and the hash of
 * its body's file.  An update after a template edit takes each part's
 * markup from the page in place instead of parsing the body again.
 *
 * A note is used only for a page whose bytes are those it was noted from
 * (the hash the units file keeps, which the walk of the output checks
 * before the update is put in place) and whose body's file is the one
 * loaded; a part asked for with another key is missed, and that page is
 * made from its parsed body.  So a stale note is never trusted, only
 * missed: the record is written by a build that made every pattern page,
 * and left as it is by one that made some (a note of a page made again
 * then no longer matches its bytes).
 *
 * It is kept beside the build record, ".<output name>.folio-bodies": a
 * first line with the hash of the others, which a record that does not
 * match is not read at all, then one line a page, fields separated by
 * tabs, with '\', tab and newline escaped.
 */
#ifndef FOLIO_BODIES_H
#define FOLIO_BODIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/hash.h"

/* A part of a body as a page wrote it (tpl_md_parts' note). */
struct body_part_note {
	int part;
	struct hash key;
	size_t at, len;         /* where its markup is in the page */
	char *markup;           /* owned; bodies_find() reads it, else NULL */
};

/* A heading of a body's contents: of its part (0 before the sources of
 * its pitfalls, 1 from them on), as md_headings gives it. */
struct body_heading {
	int part;
	int level;
	char *id, *text;        /* owned */
};

/* What a pattern page's body became in it. */
struct body_note {
	char *page;             /* its file in the output, "a/b/index.html"; owned */
	struct hash page_bytes; /* of the page as written */
	uint64_t source;        /* of its body's file as loaded (struct md's hash) */
	bool sources;           /* the body has the heading of its pitfalls' sources */
	struct body_part_note *parts;
	size_t nparts, cap_parts;
	struct body_heading *headings;
	size_t nheadings, cap_headings;
};

void body_note_part(struct body_note *n, int part, struct hash key, size_t at, size_t len);
void body_note_heading(struct body_note *n, int part, int level, const char *id, const char *text);

/* The markup of part written with key, from a note bodies_find() gave;
 * NULL when it has none. */
const struct body_part_note *body_note_markup(const struct body_note *n, int part, struct hash key);

/* Frees what n holds and empties it. */
void body_note_free(struct body_note *n);

/* Appends n to lines as a line of the record. */
void bodies_put(struct buf *lines, const struct body_note *n);

/* Writes lines[0..len) (bodies_put's) as the record at path,
 * atomically (a temporary file renamed over it); when it cannot be
 * written the old one is removed. */
void bodies_write(const char *path, const char *lines, size_t len);

/* The record at path, of the pages in output folder out, read whole and
 * found by page; NULL when there is none.  Only read afterwards: any
 * thread may look in it. */
struct bodies *bodies_read(const char *path, const char *out);
void bodies_free(struct bodies *b);

/* The note of page (its file in the output) into *n, with every part's
 * markup read from the page in place, when the record has one for a page
 * whose bytes hash to page_bytes and whose body's file hashed to source
 * and the page holds it; false (*n empty) otherwise.  b may be NULL. */
bool bodies_find(const struct bodies *b, const char *page, struct hash page_bytes, uint64_t source,
                 struct body_note *n);

#endif
