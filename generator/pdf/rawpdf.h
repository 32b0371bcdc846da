/*
 * rawpdf: what the playbook's PDF needs and libharu has no API for.
 *
 * libharu 2.3.0 draws text, paths and images, and writes pages, fonts,
 * links, outlines and page labels; it knows nothing of tagged PDF
 * (PDF/UA) or of archival PDF (PDF/A): no marked content, no structure
 * tree, no XMP metadata, no output intent, no document ID unless the file
 * is encrypted.  Its internal API (hpdf_objects.h, hpdf_doc.h, installed
 * with libhpdf-dev) can write any object, dictionary or stream into the
 * document, so what is missing is written here, and only here: the rest
 * of Folio goes through pdf.h.
 *
 * Every function returns libharu's status (HPDF_OK, or the error it
 * raised, which the document's error handler has seen too).
 */
#ifndef FOLIO_RAWPDF_H
#define FOLIO_RAWPDF_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

#include "base/buf.h"
#include "pdf/objstm.h"
#include "pdf/tags.h"

/* ---- what libharu writes wrongly or cannot say ------------------------- */

/* The ToUnicode map libharu writes is a copy of its encoding CMap (a
 * begincidrange table), which poppler rejects.  The codes it writes are
 * the characters' BMP code points, so the right map is the identity:
 * rawpdf_identity_cmap appends it to b, rawpdf_to_unicode puts it in
 * font's ToUnicode stream (HPDF_INVALID_OBJECT: the font has none). */
void rawpdf_identity_cmap(struct buf *b);
HPDF_STATUS rawpdf_to_unicode(HPDF_Font font, const struct buf *cmap);

/* The catalog's /Lang (a BCP 47 tag): libharu has no call for it. */
HPDF_STATUS rawpdf_language(HPDF_Doc doc, const char *language);

/* Makes dst (an /XYZ destination libharu made with zoom 1) keep the
 * reader's zoom: libharu refuses zoom null, and any zoom it accepts
 * would change the reader's. */
HPDF_STATUS rawpdf_keep_zoom(HPDF_Destination dst);

/* Saves doc through write(data, bytes, n), which returns false to stop
 * (libharu then gives up soon, even half way through); libharu saves only
 * into files and memory of its own, or into the stream a document holds.
 * HPDF_FAILD_TO_ALLOC_MEM: writing could not start. */
HPDF_STATUS rawpdf_save(HPDF_Doc doc, bool (*write)(void *data, const void *bytes, size_t n), void *data);

/* ---- tagged PDF (PDF/UA-1) -------------------------------------------- */

/* Opens a marked-content sequence of structure type role with its MCID on
 * page's content stream: "/P <</MCID 3>> BDC". */
HPDF_STATUS rawpdf_begin_marked(HPDF_Page page, enum tag_role role, size_t mcid);

/* Opens an artifact: "/Artifact <</Type /Pagination /Subtype /Header>>
 * BDC"; subtype may be NULL. */
HPDF_STATUS rawpdf_begin_artifact(HPDF_Page page, const char *type, const char *subtype);

/* Closes the sequence opened last: "EMC". */
HPDF_STATUS rawpdf_end_marked(HPDF_Page page);

/* Gives a link annotation what PDF/UA and PDF/A ask of it: its text
 * (/Contents: where it goes, for those who cannot see it) and the print
 * flag (/F 4).  rawpdf_struct_tree gives it its /StructParent. */
HPDF_STATUS rawpdf_annot_text(HPDF_Doc doc, HPDF_Annotation annot, const char *contents);

/* The link annotations of the document, to build the structure tree. */
struct rawpdf_annots {
	HPDF_Annotation *v;     /* by number, in order of creation */
	size_t n;
};

/*
 * Makes t the document's structure tree: a StructTreeRoot in the catalog
 * with the Document element, every element as a StructElem (its kids,
 * /Pg, /Alt, /ActualText, a TH's /Scope, a Figure's /BBox as a Layout
 * attribute), the ParentTree (page i's key is i, annotation k's is
 * npages + k), each page's /StructParents and /Tabs /S, and /MarkInfo
 * <</Marked true>> in the catalog.  Which element each sequence of a
 * page belongs to is read from t's kids (pdf.c numbers a page's
 * sequences from 0 and marks each one in the tree).
 *
 * libharu's objects get what they say of the tree now, and the catalog a
 * stand-in for the root; the tree itself, thousands of small objects, is
 * written as PDF text when the file is packed (objstm.h), rather than
 * built as libharu objects: *out is what that needs (caller frees with
 * rawpdf_tree_free, after packing; t must live as long), and
 * rawpdf_tree_more gives it to objstm_pack.
 */
struct rawpdf_tree;
HPDF_STATUS rawpdf_struct_tree(HPDF_Doc doc, const struct tags *t, HPDF_Page *pages, size_t npages,
                               const struct rawpdf_annots *annots, struct rawpdf_tree **out);
struct objstm_more rawpdf_tree_more(struct rawpdf_tree *tree);
void rawpdf_tree_free(struct rawpdf_tree *tree);

/* ---- archival PDF (PDF/A-2) and the document's identity ---------------- */

/* What the document says of itself, in its information dictionary and
 * its XMP metadata alike (PDF/A wants both to agree). */
struct rawpdf_meta {
	const char *title;
	const char *author;
	const char *description;
	const char *keywords;
	const char *creator;    /* the application: "Folio 0.1.0" */
	const char *producer;   /* "Folio 0.1.0 with libharu 2.3.0" */
	long long epoch;        /* creation and modification date */
	const char *language;   /* BCP 47; NULL: none (then "x-default" in XMP) */
	bool tagged;            /* a tagged document: PDF/UA-1 and PDF/A-2a; else PDF/A-2b */
};

/*
 * Makes the document a PDF/UA-1 and PDF/A-2a one as far as the file
 * itself goes: the catalog's /Metadata (an XMP stream, uncompressed, with
 * dc:title, dc:creator, dc:description, pdf:Producer, pdf:Keywords,
 * xmp:CreatorTool, xmp:CreateDate, xmp:ModifyDate, xmp:MetadataDate,
 * pdfuaid:part 1, pdfaid:part 2 and pdfaid:conformance A, with the
 * extension schema PDF/A asks for pdfuaid), /ViewerPreferences
 * <</DisplayDocTitle true>>, an /OutputIntents entry with the sRGB ICC
 * profile icc[0..len), the file's version 1.7, and a document /ID in the
 * trailer derived from the metadata (the same content gives the same
 * ID).
 */
HPDF_STATUS rawpdf_archival(HPDF_Doc doc, const struct rawpdf_meta *meta, const void *icc, size_t len);

#endif
