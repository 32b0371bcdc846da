/*
 * objstm: rewrites a PDF that libharu wrote into PDF 1.5's compressed form.
 *
 * libharu writes every object on its own, uncompressed, with a classic
 * cross-reference table: a tagged playbook's thousands of structure
 * elements (a few dozen bytes of dictionary each, plus "N 0 obj",
 * "endobj" and a 20-byte xref line) then more than double the file.
 * libharu cannot write object streams, so the bytes it wrote are
 * rewritten here: objects that carry a stream are copied as they are (the
 * XMP metadata stays uncompressed, as PDF/A wants), every other object
 * goes into FlateDecode object streams, and a cross-reference stream
 * replaces the table and the trailer (keeping its /Root, /Info and /ID).
 * PDF/A-2 and PDF/UA-1 allow both (ISO 19005-2, 6.1.2 and 6.1.4).
 *
 * The input is Folio's own writer's output, so anything unexpected in it
 * (no cross-reference table, an object of a generation other than 0, a
 * trailer key this rewrite would lose) is a bug, reported rather than
 * turned into a broken file.
 */
#ifndef FOLIO_OBJSTM_H
#define FOLIO_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Objects a caller adds as PDF text: value k is text[end[k - 1]..end[k])
 * (value 0 from 0), each a whole object's value ("<</S/P/K[0]>>"). */
struct objstm_added {
	struct buf text;
	size_t *end;            /* owned */
	size_t n, cap;
};

/* Ends the value being written: what text got since the last one. */
void objstm_added_end(struct objstm_added *a);

/*
 * Objects written by the caller rather than by libharu, whose object
 * model (a dozen allocations and a slow number formatter a dictionary)
 * costs a tagged playbook more than its pages.  They are numbered only
 * here, once the file's own objects are counted, since libharu numbers
 * some of its objects (a font's) only while saving: write(data, first, a)
 * appends the values, value 0 replaces the object stand_in (one libharu
 * wrote, so that its objects can refer to what is added: the catalog to
 * the structure tree), and value k > 0 becomes object first + k - 1.
 */
struct objstm_more {
	size_t stand_in;
	void (*write)(void *data, size_t first, struct objstm_added *a);
	void *data;
};

/* Appends the compressed form of pdf[0..len), with more's objects (NULL:
 * none), to out.  The same input gives the same bytes.  On false, out is
 * left as it was (its length) and why[0..size) says what was unexpected,
 * in one line. */
bool objstm_pack(const char *pdf, size_t len, const struct objstm_more *more, struct buf *out, char *why,
                 size_t size);

#endif
