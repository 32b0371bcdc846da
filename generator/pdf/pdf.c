#include "pdf/pdf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "diagram/paint.h"
#include "pdf/objstm.h"
#include "pdf/rawpdf.h"
#include "pdf/srgb.h"

/* Bézier handle length for a quarter circle of radius 1. */
#define KAPPA 0.5523

/* libharu's dash lengths are whole numbers from 1 to this. */
#define DASH_MAX 100

struct pdf {
	HPDF_Doc doc;
	HPDF_Font fonts[FONT_COUNT];
	HPDF_Page *pages;
	size_t npages, pages_cap;
	HPDF_Outline *outlines;         /* handle h is outlines[h - 1] */
	size_t noutlines, outlines_cap;
	/* The first failure, sticky like libharu's own state: either a
	 * libharu code, or a misuse of this interface found here. */
	HPDF_STATUS error_no, detail_no;
	char *problem;                  /* owned: the whole message */
	char *shown;                    /* owned: names the output in messages */
	struct diag *d;
	struct pdf_brand_ink *ink;      /* owned; NULL: the theme's colours */
	struct tagging *tagging;        /* owned; NULL: an untagged document */
	HPDF_Annotation *annots;        /* the link annotations, in order of creation */
	size_t nannots, annots_cap;
	struct pdf_size page;           /* every page's size */
};

/* What a page's content stream has open: nothing, an element's sequence
 * or an artifact. */
enum open_kind { OPEN_NONE, OPEN_ELEMENT, OPEN_ARTIFACT };

struct page_marks {
	enum open_kind open;
	size_t open_id;                 /* OPEN_ELEMENT: the element */
	enum pdf_artifact open_artifact;
	size_t mcids;                   /* sequences opened: the next one's MCID */
};

/* A tagged document's state (pdf_use_tags). */
struct tagging {
	struct tags *tree;              /* borrowed */
	size_t current;                 /* what is drawn belongs to this element; 0: an artifact */
	enum pdf_artifact artifact;
	struct page_marks *pages;       /* owned, one per page */
	size_t npages;
	struct rawpdf_tree *written;    /* owned; the tree, once finish_tags made it, to be packed */
};

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct pdf *p = user_data;
	if (p->error_no == 0 && p->problem == NULL) {
		p->error_no = error_no;
		p->detail_no = detail_no;
	}
}

static bool broken(const struct pdf *p)
{
	return p->error_no != 0 || p->problem != NULL;
}

/* Keeps message (taken over) as the failure, unless something failed
 * before; pdf_new or pdf_finish reports it. */
static void record(struct pdf *p, char *message)
{
	if (p->problem == NULL)
		p->problem = message;
	else
		free(message);
}

/* Records a misuse of this interface: a bug in the caller. */
static void fail(struct pdf *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct pdf *p, const char *fmt, ...)
{
	if (broken(p))
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	record(p, xasprintf("%s while writing the PDF; this is a bug in Folio: report it, with the content that makes it happen", msg));
}

/* Internal libharu calls set the error without calling the handler. */
static void check_status(struct pdf *p, HPDF_STATUS status)
{
	if (status != HPDF_OK && !broken(p)) {
		p->error_no = status;
		p->detail_no = 0;
	}
}

/* The page, or NULL when the document already failed or the page does
 * not exist. */
static HPDF_Page page_at(struct pdf *p, size_t page)
{
	if (broken(p))
		return NULL;
	if (page >= p->npages) {
		fail(p, "page %zu does not exist (the document has %zu)", page + 1, p->npages);
		return NULL;
	}
	return p->pages[page];
}

/* libharu turns invalid UTF-8 into wrong characters and drops characters
 * beyond the BMP, silently: both are refused here. */
static bool usable_text(struct pdf *p, const char *what, const char *s)
{
	size_t bad = 0;
	if (!text_valid_utf8(s, strlen(s), &bad)) {
		fail(p, "%s is not valid UTF-8 (byte %zu)", what, bad);
		return false;
	}
	for (const char *q = s; *q;) {
		uint32_t c = font_next_char(&q);
		if (c > 0xFFFF) {
			fail(p, "%s has U+%04X, beyond the characters libharu can draw (U+FFFF)", what, (unsigned)c);
			return false;
		}
	}
	return true;
}

/* y from the top of p's pages, as PDF counts it: from the bottom. */
static HPDF_REAL flip(const struct pdf *p, double y)
{
	return (HPDF_REAL)(p->page.height - y);
}

/* ---- fonts ----------------------------------------------------------- */

static void fix_to_unicode(struct pdf *p, HPDF_Font font, const char *name, const struct buf *cmap)
{
	HPDF_STATUS status = rawpdf_to_unicode(font, cmap);
	if (status == HPDF_INVALID_OBJECT)
		fail(p, "libharu wrote no ToUnicode map for font %s", name);
	else
		check_status(p, status);
}

static void load_fonts(struct pdf *p, const struct fontset *fs)
{
	struct buf cmap = BUF_INIT;
	rawpdf_identity_cmap(&cmap);
	const char *names[FONT_COUNT] = {NULL};
	for (int i = 0; i < FONT_COUNT && !broken(p); i++) {
		const char *file = font_file(fs, (enum font_face)i);
		/* The name is the PostScript name, decorated for bold and
		 * italic ("FolioSans-Bold,Bold"): GetFont needs it as is. */
		names[i] = HPDF_LoadTTFontFromFile(p->doc, file, HPDF_TRUE);
		if (names[i] == NULL) {
			/* The handler has the code; the message names the file. */
			record(p, xasprintf("libharu cannot load the font %s (error 0x%04X, detail %u); choose "
			                    "a TrueType font, one with glyf outlines, not CFF",
			                    file, (unsigned)p->error_no, (unsigned)p->detail_no));
			break;
		}
		for (int k = 0; k < i; k++)
			if (strcmp(names[k], names[i]) == 0)
				record(p, xasprintf("the fonts %s and %s have the same PostScript name '%s', so libharu "
				                    "would draw both with the first; give each its own name",
				                    font_file(fs, (enum font_face)k), file, names[i]));
		p->fonts[i] = HPDF_GetFont(p->doc, names[i], "UTF-8");
		if (p->fonts[i] == NULL || broken(p))
			break;
		fix_to_unicode(p, p->fonts[i], names[i], &cmap);
		/* libharu fails to save (0x1033) a subset whose glyphs have no
		 * outlines, as the mono face's is when unused or used for spaces
		 * only.  Measuring a character marks its glyph for the subset:
		 * one small outline per face keeps every subset non-empty. */
		HPDF_Font_GetUnicodeWidth(p->fonts[i], 'x');
	}
	buf_free(&cmap);
}

/* ---- metadata -------------------------------------------------------- */

static void info_text(struct pdf *p, HPDF_InfoType type, const char *what, const char *value)
{
	if (value == NULL || broken(p) || !usable_text(p, what, value))
		return;
	HPDF_SetInfoAttr(p->doc, type, value);
}

/* The document's language, /Lang in the catalog (PDF 1.7, 14.9.2), which
 * screen readers and text-to-speech use to pick a voice: libharu has no
 * call for it, so it goes into the catalog's dictionary directly.  The
 * tag is plain ASCII (the loader checked it), so it is a literal string. */
static void set_language(struct pdf *p, const char *language)
{
	if (language == NULL || *language == '\0' || broken(p))
		return;
	check_status(p, rawpdf_language(p->doc, language));
}

static void set_info(struct pdf *p, const struct pdf_info *info)
{
	if (info == NULL)
		return;
	info_text(p, HPDF_INFO_TITLE, "the title", info->title);
	info_text(p, HPDF_INFO_AUTHOR, "the author", info->author);
	info_text(p, HPDF_INFO_SUBJECT, "the subject", info->subject);
	info_text(p, HPDF_INFO_KEYWORDS, "the keywords", info->keywords);
	info_text(p, HPDF_INFO_CREATOR, "the creator", info->creator);
	char *producer = info->creator ? xasprintf("%s with libharu %s", info->creator, HPDF_VERSION_TEXT) : NULL;
	if (producer)
		info_text(p, HPDF_INFO_PRODUCER, "the producer", producer);
	/* Dates only from the given epoch, never the clock: the same input
	 * gives the same bytes. */
	time_t t = (time_t)info->epoch;
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		fail(p, "the date %lld cannot be written", info->epoch);
	/* The dates, the XMP copy of all the above, the output intent and
	 * the ID: what PDF/A and PDF/UA ask of the file (rawpdf.h). */
	struct rawpdf_meta meta = {info->title, info->author, info->subject, info->keywords,
	                           info->creator, producer, info->epoch, info->language, info->tags != NULL};
	if (!broken(p))
		check_status(p, rawpdf_archival(p->doc, &meta, pdf_srgb_icc, pdf_srgb_icc_len));
	free(producer);
}

/* ---- tagging --------------------------------------------------------- */

struct tags *pdf_tags(const struct pdf *p)
{
	return p->tagging ? p->tagging->tree : NULL;
}

void pdf_tag(struct pdf *p, size_t id)
{
	if (p->tagging)
		p->tagging->current = id;
}

void pdf_artifact(struct pdf *p, enum pdf_artifact kind)
{
	if (p->tagging) {
		p->tagging->current = 0;
		p->tagging->artifact = kind;
	}
}

static struct page_marks *marks_of(struct tagging *tg, size_t page)
{
	if (page >= tg->npages) {
		tg->pages = xrealloc(tg->pages, (page + 1) * sizeof *tg->pages);
		memset(tg->pages + tg->npages, 0, (page + 1 - tg->npages) * sizeof *tg->pages);
		tg->npages = page + 1;
	}
	return &tg->pages[page];
}

static void close_marks(struct pdf *p, size_t page)
{
	struct page_marks *m = marks_of(p->tagging, page);
	if (m->open != OPEN_NONE)
		check_status(p, rawpdf_end_marked(p->pages[page]));
	m->open = OPEN_NONE;
}

static void open_artifact(struct pdf *p, size_t page, enum pdf_artifact kind)
{
	static const char *const types[][2] = {
		[PDF_ARTIFACT_LAYOUT] = {"Layout", NULL},
		[PDF_ARTIFACT_HEADER] = {"Pagination", "Header"},
		[PDF_ARTIFACT_FOOTER] = {"Pagination", "Footer"},
		[PDF_ARTIFACT_PAGE] = {"Pagination", NULL},
	};
	check_status(p, rawpdf_begin_artifact(p->pages[page], types[kind][0], types[kind][1]));
	struct page_marks *m = marks_of(p->tagging, page);
	m->open = OPEN_ARTIFACT;
	m->open_artifact = kind;
}

/* Opens the next sequence of page for element id and tells the tree. */
static void open_element(struct pdf *p, size_t page, size_t id)
{
	struct page_marks *m = marks_of(p->tagging, page);
	size_t mcid = m->mcids++;
	check_status(p, rawpdf_begin_marked(p->pages[page], tags_role(p->tagging->tree, id), mcid));
	m->open = OPEN_ELEMENT;
	m->open_id = id;
	tags_mark(p->tagging->tree, id, page, mcid);
}

/* Makes what page has open the sequence of id (0: the current element or
 * artifact) before something is drawn there: drawings in a row for one
 * element share a sequence. */
static void mark_for(struct pdf *p, size_t page, size_t id)
{
	struct tagging *tg = p->tagging;
	if (tg == NULL || tg->tree == NULL || broken(p))
		return;
	if (id == 0)
		id = tg->current;
	const struct page_marks *m = marks_of(tg, page);
	bool open = id ? m->open == OPEN_ELEMENT && m->open_id == id
	               : m->open == OPEN_ARTIFACT && m->open_artifact == tg->artifact;
	if (open)
		return;
	close_marks(p, page);
	if (id)
		open_element(p, page, id);
	else
		open_artifact(p, page, tg->artifact);
}

/* Closes every page's open sequence and writes the structure tree. */
static void finish_tags(struct pdf *p)
{
	struct tagging *tg = p->tagging;
	if (tg == NULL || tg->tree == NULL || broken(p))
		return;
	for (size_t i = 0; i < p->npages; i++)
		close_marks(p, i);
	struct rawpdf_annots annots = {p->annots, p->nannots};
	check_status(p, rawpdf_struct_tree(p->doc, tg->tree, p->pages, p->npages, &annots, &tg->written));
}

/* A link annotation made: its text and print flag, and in a tagged
 * document its place in the tree, under the current Link (or a Link of
 * its own under the current element). */
static void annotated(struct pdf *p, size_t page, HPDF_Annotation a, const char *text)
{
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	check_status(p, rawpdf_annot_text(p->doc, a, text));
	p->annots = xgrow(p->annots, &p->annots_cap, p->nannots + 1, sizeof *p->annots);
	size_t number = p->nannots++;
	p->annots[number] = a;
	struct tagging *tg = p->tagging;
	if (tg == NULL || tg->tree == NULL)
		return;
	size_t id = tg->current;
	if (tags_role(tg->tree, id) != TAG_LINK)
		id = tags_add_pending(tg->tree, id, TAG_LINK);
	tags_annot(tg->tree, id, page, number);
}

/* ---- the document ---------------------------------------------------- */

static void report(struct pdf *p)
{
	struct pos at = {p->shown, 0, 0};
	if (p->problem)
		diag_error(p->d, at, "%s", p->problem);
	else
		diag_error(p->d, at,
		           "libharu error 0x%04X (detail %u) while writing the PDF; check the font files, and if "
		           "they are sound report it as a bug in Folio (hpdf_error.h lists the codes)",
		           (unsigned)p->error_no, (unsigned)p->detail_no);
}

struct pdf_size pdf_paper_size(enum pdf_paper paper)
{
	/* A4 is 210 x 297 mm, Letter 8.5 x 11 in; A4's points are rounded as
	 * every playbook so far was written with them. */
	if (paper == PDF_PAPER_LETTER)
		return (struct pdf_size){612, 792};
	return (struct pdf_size){595.276, 841.89};
}

struct pdf *pdf_new(const struct fontset *fs, const struct pdf_info *info, const char *shown, struct diag *d)
{
	struct pdf *p = xcalloc(1, sizeof *p);
	p->shown = xstrdup(shown);
	p->d = d;
	p->page = pdf_paper_size(info ? info->paper : PDF_PAPER_A4);
	p->doc = HPDF_New(on_error, p);
	if (p->doc == NULL) {
		diag_error(d, (struct pos){p->shown, 0, 0}, "libharu could not start a document; check that memory is free, then build again");
		pdf_free(p);
		return NULL;
	}
	/* nothing: objstm deflates the streams, with libdeflate, for less
	 * than libharu's zlib costs (objstm.c) */
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_NONE);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	if (!broken(p))
		load_fonts(p, fs);
	if (info && info->tags) {
		p->tagging = xcalloc(1, sizeof *p->tagging);
		p->tagging->tree = info->tags;
	}
	set_info(p, info);
	if (info)
		set_language(p, info->language);
	if (broken(p)) {
		report(p);
		pdf_free(p);
		return NULL;
	}
	return p;
}

void pdf_free(struct pdf *p)
{
	if (p == NULL)
		return;
	if (p->doc)
		HPDF_Free(p->doc);
	free(p->pages);
	free(p->outlines);
	free(p->annots);
	if (p->tagging) {
		free(p->tagging->pages);
		rawpdf_tree_free(p->tagging->written);
		free(p->tagging);
	}
	free(p->problem);
	free(p->shown);
	free(p->ink);
	free(p);
}

static void rgb_of(double out[3], uint32_t rgb)
{
	out[0] = ((rgb >> 16) & 255) / 255.0;
	out[1] = ((rgb >> 8) & 255) / 255.0;
	out[2] = (rgb & 255) / 255.0;
}

void pdf_use_brand(struct pdf *p, const struct brand_rgb *brand)
{
	if (p->ink == NULL)
		p->ink = xcalloc(1, sizeof *p->ink);
	rgb_of(p->ink->heading, brand->primary);
	rgb_of(p->ink->accent, brand->accent);
	rgb_of(p->ink->link, brand->primary);
	paint_palette_branded(&p->ink->palette, brand);
}

const struct pdf_brand_ink *pdf_brand_ink(const struct pdf *p)
{
	return p->ink;
}

size_t pdf_add_page(struct pdf *p)
{
	/* After a failure the index is still one past the last page, so the
	 * caller's arithmetic stays sane; every later call is a no-op. */
	size_t index = p->npages;
	if (broken(p))
		return index;
	HPDF_Page page = HPDF_AddPage(p->doc);
	if (page == NULL)
		return index;
	HPDF_Page_SetWidth(page, (HPDF_REAL)p->page.width);
	HPDF_Page_SetHeight(page, (HPDF_REAL)p->page.height);
	p->pages = xgrow(p->pages, &p->pages_cap, p->npages + 1, sizeof *p->pages);
	p->pages[p->npages++] = page;
	return index;
}

size_t pdf_page_count(const struct pdf *p)
{
	return p->npages;
}

struct pdf_size pdf_page_size(const struct pdf *p)
{
	return p->page;
}

/* Where libharu writes the document: straight into the caller's buffer,
 * refusing once the caller has dropped the document.  libharu passes a
 * failed write up and stops saving, so even the long part (subsetting the
 * fonts) ends soon after stop is set. */
struct sink {
	struct buf *out;
	const atomic_bool *stop;        /* may be NULL */
	bool stopped;
};

static bool sink_write(void *data, const void *bytes, size_t n)
{
	struct sink *s = data;
	if (s->stop && atomic_load_explicit(s->stop, memory_order_relaxed)) {
		s->stopped = true;
		return false;
	}
	buf_put(s->out, bytes, n);
	return true;
}

static void save(struct pdf *p, struct sink *s)
{
	if (rawpdf_save(p->doc, sink_write, s) == HPDF_FAILD_TO_ALLOC_MEM)
		fail(p, "libharu could not start writing");
}

/* libharu's classic file, rewritten with object streams into out, with
 * the structure tree written into them (rawpdf.h): a tagged document's
 * thousands of small objects then take a third of the room (objstm.h). */
static void pack(struct pdf *p, const struct buf *classic, struct buf *out)
{
	char why[256];
	struct rawpdf_tree *tree = p->tagging ? p->tagging->written : NULL;
	struct objstm_more more = tree ? rawpdf_tree_more(tree) : (struct objstm_more){0, NULL, NULL};
	if (!objstm_pack(classic->data, classic->len, tree ? &more : NULL, out, why, sizeof why))
		fail(p, "the file libharu wrote could not be compressed (%s)", why);
}

bool pdf_finish(struct pdf *p, struct buf *out)
{
	return pdf_finish_until(p, out, NULL);
}

bool pdf_finish_until(struct pdf *p, struct buf *out, const atomic_bool *stop)
{
	buf_reset(out);
	if (!broken(p) && p->npages == 0)
		fail(p, "the document has no pages");
	finish_tags(p);
	struct buf classic = BUF_INIT;
	struct sink s = {&classic, stop, false};
	if (!broken(p))
		save(p, &s);
	if (s.stopped) {
		buf_free(&classic);
		return false;
	}
	if (!broken(p) && classic.len == 0)
		fail(p, "libharu wrote an empty document");
	if (!broken(p))
		pack(p, &classic, out);
	buf_free(&classic);
	if (broken(p)) {
		buf_reset(out);
		report(p);
		return false;
	}
	return true;
}

/* A figure's box (its /BBox) grows by what is drawn for it at x, y, w, h. */
static void figure_box(struct pdf *p, size_t page, double x, double y, double w, double h)
{
	struct tagging *tg = p->tagging;
	if (tg && tg->tree && tags_role(tg->tree, tg->current) == TAG_FIGURE)
		tags_grow_box(tg->tree, tg->current, page, x, flip(p, y + h), x + w, flip(p, y));
}

/* ---- drawing --------------------------------------------------------- */

static void fill_rgb(HPDF_Page page, const double *rgb)
{
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1], (HPDF_REAL)rgb[2]);
}

static void stroke_rgb(HPDF_Page page, const double *rgb)
{
	HPDF_Page_SetRGBStroke(page, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1], (HPDF_REAL)rgb[2]);
}

void pdf_text(struct pdf *p, size_t page, double x, double y, enum font_face face, double size,
              const double *rgb, const char *text)
{
	static const double black[3] = {0, 0, 0};
	HPDF_Page pg = page_at(p, page);
	if (pg == NULL || !usable_text(p, "text", text))
		return;
	if ((unsigned)face >= FONT_COUNT) {
		fail(p, "font face %d does not exist", (int)face);
		return;
	}
	if (*text == '\0')
		return;
	mark_for(p, page, 0);
	HPDF_Page_BeginText(pg);
	HPDF_Page_SetFontAndSize(pg, p->fonts[face], (HPDF_REAL)size);
	fill_rgb(pg, rgb ? rgb : black);
	HPDF_Page_TextOut(pg, (HPDF_REAL)x, flip(p, y), text);
	HPDF_Page_EndText(pg);
}

void pdf_text_runs(struct pdf *p, size_t page, double y, const struct pdf_run *runs, size_t n)
{
	static const double black[3] = {0, 0, 0};
	HPDF_Page pg = page_at(p, page);
	if (pg == NULL || n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (!usable_text(p, "text", runs[i].text) || (unsigned)runs[i].face >= FONT_COUNT) {
			if ((unsigned)runs[i].face >= FONT_COUNT)
				fail(p, "font face %d does not exist", (int)runs[i].face);
			return;
		}
	/* Runs of one element share the sequence open around the text
	 * object; runs of several (a link in a line) get sequences inside it,
	 * for a sequence may hold whole text objects or lie within one, but
	 * not straddle its end. */
	bool mixed = false;
	for (size_t i = 1; i < n; i++)
		mixed |= runs[i].tag != runs[0].tag;
	if (mixed && p->tagging)
		close_marks(p, page);
	else
		mark_for(p, page, runs[0].tag);
	HPDF_Page_BeginText(pg);
	int face = -1;
	double size = -1, x = 0;
	const double *rgb = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct pdf_run *r = &runs[i];
		if (mixed)
			mark_for(p, page, r->tag);
		if ((int)r->face != face || r->size != size) {
			HPDF_Page_SetFontAndSize(pg, p->fonts[r->face], (HPDF_REAL)r->size);
			face = (int)r->face;
			size = r->size;
		}
		const double *want = r->rgb ? r->rgb : black;
		if (rgb == NULL || rgb[0] != want[0] || rgb[1] != want[1] || rgb[2] != want[2]) {
			fill_rgb(pg, want);
			rgb = want;
		}
		/* Td moves from the start of the previous piece */
		HPDF_Page_MoveTextPos(pg, (HPDF_REAL)(r->x - x), i == 0 ? flip(p, y) : 0);
		x = r->x;
		if (*r->text)
			HPDF_Page_ShowText(pg, r->text);
	}
	if (mixed && p->tagging)
		close_marks(p, page);
	HPDF_Page_EndText(pg);
}

/* The outline of a rectangle with rounded corners, built in PDF space
 * (x0, y0 the bottom left): libharu has no arc_to, so each corner is a
 * Bézier quarter circle. */
static void rounded_path(HPDF_Page pg, double x0, double y0, double w, double h, double r)
{
	double x1 = x0 + w, y1 = y0 + h, k = r * KAPPA;
	HPDF_Page_MoveTo(pg, (HPDF_REAL)(x0 + r), (HPDF_REAL)y0);
	HPDF_Page_LineTo(pg, (HPDF_REAL)(x1 - r), (HPDF_REAL)y0);
	HPDF_Page_CurveTo(pg, (HPDF_REAL)(x1 - r + k), (HPDF_REAL)y0, (HPDF_REAL)x1, (HPDF_REAL)(y0 + r - k),
	                  (HPDF_REAL)x1, (HPDF_REAL)(y0 + r));
	HPDF_Page_LineTo(pg, (HPDF_REAL)x1, (HPDF_REAL)(y1 - r));
	HPDF_Page_CurveTo(pg, (HPDF_REAL)x1, (HPDF_REAL)(y1 - r + k), (HPDF_REAL)(x1 - r + k), (HPDF_REAL)y1,
	                  (HPDF_REAL)(x1 - r), (HPDF_REAL)y1);
	HPDF_Page_LineTo(pg, (HPDF_REAL)(x0 + r), (HPDF_REAL)y1);
	HPDF_Page_CurveTo(pg, (HPDF_REAL)(x0 + r - k), (HPDF_REAL)y1, (HPDF_REAL)x0, (HPDF_REAL)(y1 - r + k),
	                  (HPDF_REAL)x0, (HPDF_REAL)(y1 - r));
	HPDF_Page_LineTo(pg, (HPDF_REAL)x0, (HPDF_REAL)(y0 + r));
	HPDF_Page_CurveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)(y0 + r - k), (HPDF_REAL)(x0 + r - k), (HPDF_REAL)y0,
	                  (HPDF_REAL)(x0 + r), (HPDF_REAL)y0);
	HPDF_Page_ClosePath(pg);
}

void pdf_rect(struct pdf *p, size_t page, double x, double y, double w, double h, double r,
              const double *fill, const double *stroke, double line_width)
{
	HPDF_Page pg = page_at(p, page);
	bool stroked = stroke != NULL && line_width > 0;
	if (pg == NULL || (fill == NULL && !stroked) || w <= 0 || h <= 0)
		return;
	mark_for(p, page, 0);
	/* libharu enforces the operator order: state first, then the path. */
	if (fill)
		fill_rgb(pg, fill);
	if (stroked) {
		stroke_rgb(pg, stroke);
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)line_width);
	}
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	double y0 = p->page.height - y - h;
	if (r > 0)
		rounded_path(pg, x, y0, w, h, r);
	else
		HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)y0, (HPDF_REAL)w, (HPDF_REAL)h);
	if (fill && stroked)
		HPDF_Page_FillStroke(pg);
	else if (fill)
		HPDF_Page_Fill(pg);
	else
		HPDF_Page_Stroke(pg);
}

void pdf_line(struct pdf *p, size_t page, double x1, double y1, double x2, double y2, const double *rgb,
              double width, double dash)
{
	static const double black[3] = {0, 0, 0};
	HPDF_Page pg = page_at(p, page);
	if (pg == NULL || width <= 0)
		return;
	mark_for(p, page, 0);
	stroke_rgb(pg, rgb ? rgb : black);
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)width);
	if (dash > 0) {
		/* Whole points only (HPDF_UINT16), from 1 to DASH_MAX. */
		double rounded = dash + 0.5;
		HPDF_UINT16 on = (HPDF_UINT16)(rounded < 1 ? 1 : rounded > DASH_MAX ? DASH_MAX : rounded);
		HPDF_Page_SetDash(pg, &on, 1, 0);
	}
	HPDF_Page_MoveTo(pg, (HPDF_REAL)x1, flip(p, y1));
	HPDF_Page_LineTo(pg, (HPDF_REAL)x2, flip(p, y2));
	HPDF_Page_Stroke(pg);
	if (dash > 0)
		HPDF_Page_SetDash(pg, NULL, 0, 0);
}

/* ---- links and outlines ---------------------------------------------- */

/* A PDF URI is 7-bit ASCII: bytes beyond it and the characters a URI may
 * not hold are written as %XX; an existing %XX is kept as it is. */
static char *uri_encode(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;
	for (const unsigned char *s = (const unsigned char *)url; *s; s++) {
		if (*s <= 0x20 || *s >= 0x7F || strchr("\"<>\\^`{|}", *s) != NULL) {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*s >> 4]);
			buf_putc(&b, hex[*s & 0xF]);
		} else {
			buf_putc(&b, (char)*s);
		}
	}
	return buf_detach(&b);
}

static HPDF_Rect annot_rect(const struct pdf *p, double x, double y, double w, double h)
{
	HPDF_Rect r = {(HPDF_REAL)x, flip(p, y + h), (HPDF_REAL)(x + w), flip(p, y)};
	return r;
}

void pdf_link_uri(struct pdf *p, size_t page, double x, double y, double w, double h, const char *url,
                  const char *text)
{
	HPDF_Page pg = page_at(p, page);
	if (pg == NULL)
		return;
	char *uri = uri_encode(url);
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg, annot_rect(p, x, y, w, h), uri);
	free(uri);
	if (a != NULL)
		annotated(p, page, a, text ? text : url);
}

/* A destination at the top left of y on page.  libharu refuses the zoom
 * null ("keep the reader's zoom") and any zoom it accepts would change
 * the reader's, so the zoom it wrote is replaced with null. */
static HPDF_Destination destination(struct pdf *p, size_t page, double y)
{
	HPDF_Page pg = page_at(p, page);
	if (pg == NULL)
		return NULL;
	HPDF_Destination dst = HPDF_Page_CreateDestination(pg);
	if (dst == NULL || HPDF_Destination_SetXYZ(dst, 0, flip(p, y), 1) != HPDF_OK)
		return NULL;
	check_status(p, rawpdf_keep_zoom(dst));
	return broken(p) ? NULL : dst;
}

void pdf_link_page(struct pdf *p, size_t page, double x, double y, double w, double h, size_t target,
                   double target_y, const char *text)
{
	HPDF_Page pg = page_at(p, page);
	if (pg == NULL)
		return;
	if (target >= p->npages) {
		fail(p, "a link on page %zu goes to page %zu, which does not exist (the document has %zu)", page + 1,
		     target + 1, p->npages);
		return;
	}
	HPDF_Destination dst = destination(p, target, target_y);
	if (dst == NULL)
		return;
	HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(pg, annot_rect(p, x, y, w, h), dst);
	if (a != NULL)
		annotated(p, page, a, text);
}

size_t pdf_outline(struct pdf *p, size_t parent, const char *title, size_t page, double y)
{
	/* The handle the item gets, returned even after a failure so the
	 * caller's children still have a (never used) parent. */
	size_t handle = p->noutlines + 1;
	if (broken(p) || !usable_text(p, "a bookmark title", title))
		return handle;
	if (parent > p->noutlines) {
		fail(p, "bookmark '%s' has parent %zu, which does not exist", title, parent);
		return handle;
	}
	HPDF_Outline up = parent ? p->outlines[parent - 1] : NULL;
	HPDF_Outline o = HPDF_CreateOutline(p->doc, up, title, HPDF_GetEncoder(p->doc, "UTF-8"));
	HPDF_Destination dst = o ? destination(p, page, y) : NULL;
	if (dst == NULL)
		return handle;
	HPDF_Outline_SetDestination(o, dst);
	/* Items are open by default: only the top level shows its children. */
	if (parent)
		HPDF_Outline_SetOpened(o, HPDF_FALSE);
	p->outlines = xgrow(p->outlines, &p->outlines_cap, p->noutlines + 1, sizeof *p->outlines);
	p->outlines[p->noutlines++] = o;
	return handle;
}

void pdf_page_labels(struct pdf *p, size_t first, enum pdf_label_style style, int number)
{
	if (broken(p))
		return;
	if (number < 1) {
		fail(p, "page labels must start at 1 or more, not %d", number);
		return;
	}
	HPDF_PageNumStyle st = style == PDF_LABEL_ROMAN ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN : HPDF_PAGE_NUM_STYLE_DECIMAL;
	HPDF_AddPageLabel(p->doc, (HPDF_UINT)first, st, (HPDF_UINT)number, NULL);
}

/* ---- diagrams -------------------------------------------------------- */

/* The painter's state: layout pixels map to page points as
 * (x0 + x * scale, y0 + y * scale), still y down; pdf_* flip. */
struct pdf_painter {
	struct pdf *p;
	size_t page;
	double x0, y0, scale;
};

static void pp_group_begin(void *ctx, const char *id, const char *cls)
{
	(void)ctx;
	(void)id;
	(void)cls;
}

static void pp_group_end(void *ctx)
{
	(void)ctx;
}

static void pp_rect(void *ctx, struct lay_rect box, double radius, enum lay_role role)
{
	struct pdf_painter *pp = ctx;
	const struct paint_style *st = paint_style(pp->p->ink ? &pp->p->ink->palette : NULL, role, false);
	double s = pp->scale;
	pdf_rect(pp->p, pp->page, pp->x0 + box.x * s, pp->y0 + box.y * s, box.w * s, box.h * s, radius * s,
	         st->fill[0] >= 0 ? st->fill : NULL, st->width > 0 ? st->stroke : NULL, st->width * s);
}

static void pp_line(void *ctx, double x1, double y1, double x2, double y2, enum lay_role role)
{
	struct pdf_painter *pp = ctx;
	const struct paint_style *st = paint_style(pp->p->ink ? &pp->p->ink->palette : NULL, role, false);
	double s = pp->scale;
	pdf_line(pp->p, pp->page, pp->x0 + x1 * s, pp->y0 + y1 * s, pp->x0 + x2 * s, pp->y0 + y2 * s, st->stroke,
	         st->width * s, st->dash * s);
}

/* Filled and stroked with a round join, like the cairo painter, so the
 * tip is not sharper than the line behind it. */
static void pp_arrow_head(void *ctx, double x, double y, double dx, double dy, enum lay_role role)
{
	struct pdf_painter *pp = ctx;
	HPDF_Page pg = page_at(pp->p, pp->page);
	if (pg == NULL)
		return;
	const struct paint_style *st = paint_style(pp->p->ink ? &pp->p->ink->palette : NULL, role, false);
	double pts[6];
	paint_head_points(x, y, dx, dy, pts);
	mark_for(pp->p, pp->page, 0);
	fill_rgb(pg, st->stroke);
	stroke_rgb(pg, st->stroke);
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)pp->scale);
	HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
	for (int i = 0; i < 3; i++) {
		HPDF_REAL px = (HPDF_REAL)(pp->x0 + pts[2 * (size_t)i] * pp->scale);
		HPDF_REAL py = flip(pp->p, pp->y0 + pts[2 * (size_t)i + 1] * pp->scale);
		if (i == 0)
			HPDF_Page_MoveTo(pg, px, py);
		else
			HPDF_Page_LineTo(pg, px, py);
	}
	HPDF_Page_ClosePath(pg);
	HPDF_Page_FillStroke(pg);
	HPDF_Page_SetLineJoin(pg, HPDF_MITER_JOIN);
}

static void pp_text(void *ctx, double x, double y, double width, const char *text, enum font_face face,
                    double size, enum lay_role role)
{
	(void)width;   /* drawn with the layout's own fonts: x is where the text starts */
	struct pdf_painter *pp = ctx;
	const struct paint_style *st = paint_style(pp->p->ink ? &pp->p->ink->palette : NULL, role, false);
	double s = pp->scale;
	pdf_text(pp->p, pp->page, pp->x0 + x * s, pp->y0 + y * s, face, size * s, st->fill, text);
}

static void pp_trace(struct pdf_painter *pp, HPDF_Page pg, const struct paint_path *path)
{
	const double *pt = path->pts;
	double s = pp->scale;
#define PX(k) ((HPDF_REAL)(pp->x0 + pt[2 * (size_t)(k)] * s))
#define PY(k) flip(pp->p, pp->y0 + pt[2 * (size_t)(k) + 1] * s)
	for (size_t i = 0; i < path->nops; i++) {
		switch (path->ops[i]) {
		case PAINT_MOVE: HPDF_Page_MoveTo(pg, PX(0), PY(0)); pt += 2; break;
		case PAINT_LINE: HPDF_Page_LineTo(pg, PX(0), PY(0)); pt += 2; break;
		case PAINT_CURVE: HPDF_Page_CurveTo(pg, PX(0), PY(0), PX(1), PY(1), PX(2), PY(2)); pt += 6; break;
		case PAINT_CLOSE: HPDF_Page_ClosePath(pg); break;
		}
	}
#undef PX
#undef PY
}

static void pp_path(void *ctx, const struct paint_path *path, enum lay_role role)
{
	struct pdf_painter *pp = ctx;
	HPDF_Page pg = page_at(pp->p, pp->page);
	if (pg == NULL || path->nops == 0)
		return;
	const struct paint_style *st = paint_style(pp->p->ink ? &pp->p->ink->palette : NULL, role, false);
	bool fill = path->fill && st->fill[0] >= 0, stroke = st->width > 0, dashed = st->dash > 0 && !path->solid;
	if (!fill && !stroke)
		return;
	mark_for(pp->p, pp->page, 0);
	if (fill)
		fill_rgb(pg, st->fill);
	if (stroke) {
		stroke_rgb(pg, st->stroke);
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(st->width * pp->scale));
		if (dashed) {
			double rounded = st->dash * pp->scale + 0.5;
			HPDF_UINT16 on = (HPDF_UINT16)(rounded < 1 ? 1 : rounded > DASH_MAX ? DASH_MAX : rounded);
			HPDF_Page_SetDash(pg, &on, 1, 0);
		}
	}
	pp_trace(pp, pg, path);
	if (fill && stroke)
		HPDF_Page_FillStroke(pg);
	else if (fill)
		HPDF_Page_Fill(pg);
	else
		HPDF_Page_Stroke(pg);
	if (stroke && dashed)
		HPDF_Page_SetDash(pg, NULL, 0, 0);
}

void pdf_paint_layout(struct pdf *p, size_t page, const struct layout *lay, double x, double y, double scale)
{
	if (page_at(p, page) == NULL)
		return;
	figure_box(p, page, x, y, lay->width * scale, lay->height * scale);
	struct pdf_painter pp = {p, page, x, y, scale};
	struct painter painter = {&pp, pp_group_begin, pp_group_end, pp_rect, pp_line, pp_arrow_head, pp_text, pp_path};
	paint_layout(lay, &painter, "");
}

void pdf_image(struct pdf *p, size_t page, double x, double y, double w, double h, enum pdf_image_kind kind,
               const void *data, size_t len)
{
	HPDF_Page pg = page_at(p, page);
	if (pg == NULL)
		return;
	if (len > UINT32_MAX) {
		fail(p, "an image of %zu bytes is too large to embed", len);
		return;
	}
	HPDF_Image img = kind == PDF_IMAGE_PNG ? HPDF_LoadPngImageFromMem(p->doc, data, (HPDF_UINT)len)
	                                       : HPDF_LoadJpegImageFromMem(p->doc, data, (HPDF_UINT)len);
	if (img == NULL || broken(p))
		return;
	figure_box(p, page, x, y, w, h);
	mark_for(p, page, 0);
	check_status(p, HPDF_Page_DrawImage(pg, img, (HPDF_REAL)x, flip(p, y + h), (HPDF_REAL)w, (HPDF_REAL)h));
}
