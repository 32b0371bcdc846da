/*
 * rawpdf: the objects libharu has no API for, written through its
 * internal one (rawpdf.h).
 */
#include "pdf/rawpdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "base/xalloc.h"

/* ---- tagged PDF --------------------------------------------------------- */

/* TAGGED-BEGIN (the structure tree; the archival part is below) */
/* TAGGED-END */

/* ---- archival PDF ------------------------------------------------------- */

/* Included here, not at the top, so that this section stands alone. */
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "base/hash.h"

/* What the output intent says the profile is: sRGB, as the pages' colours
 * (DeviceRGB) are meant. */
#define SRGB_CONDITION "sRGB IEC61966-2.1"

/* The document's date in the two forms PDF/A wants to agree: the Info
 * dictionary's (PDF 1.7, 7.9.4) and XMP's (ISO 8601), both in UTC. */
struct dates {
	char pdf[64];           /* D:20260101000000Z (room for any int the compiler sees) */
	char xmp[64];           /* 2026-01-01T00:00:00Z */
};

static bool format_dates(long long epoch, struct dates *out)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	if ((long long)t != epoch || gmtime_r(&t, &tm) == NULL || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return false;
	int y = tm.tm_year + 1900, mo = tm.tm_mon + 1;
	snprintf(out->pdf, sizeof out->pdf, "D:%04d%02d%02d%02d%02d%02dZ", y, mo, tm.tm_mday, tm.tm_hour, tm.tm_min,
	         tm.tm_sec);
	snprintf(out->xmp, sizeof out->xmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, tm.tm_mday, tm.tm_hour, tm.tm_min,
	         tm.tm_sec);
	return true;
}

/* Text as XML character data.  XML 1.0 cannot hold the C0 controls but
 * tab, line feed and carriage return, so the others become spaces;
 * carriage return is written as a reference, which parsers keep. */
static void xml_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		case '\r': buf_puts(b, "&#13;"); break;
		default: buf_putc(b, c < 0x20 && c != '\t' && c != '\n' ? ' ' : (char)c); break;
		}
	}
}

/* <tag>value</tag>, or nothing when there is no value (the Info
 * dictionary then has no entry either). */
static void xmp_simple(struct buf *b, const char *tag, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "   <%s>", tag);
	xml_text(b, value);
	buf_printf(b, "</%s>\n", tag);
}

/* A language alternative: the x-default entry, which PDF/A compares with
 * the Info dictionary, and the same text under the document's language. */
static void xmp_alt(struct buf *b, const char *tag, const char *value, const char *language)
{
	if (value == NULL)
		return;
	buf_printf(b, "   <%s><rdf:Alt>\n    <rdf:li xml:lang=\"x-default\">", tag);
	xml_text(b, value);
	buf_puts(b, "</rdf:li>\n");
	if (language && *language) {
		buf_puts(b, "    <rdf:li xml:lang=\"");
		xml_text(b, language);
		buf_puts(b, "\">");
		xml_text(b, value);
		buf_puts(b, "</rdf:li>\n");
	}
	buf_printf(b, "   </rdf:Alt></%s>\n", tag);
}

/* PDF/A-2 accepts only the XMP schemas it lists unless the packet
 * describes the others itself (ISO 19005-2, 6.6.2.3.2): pdfuaid is not
 * listed, so its one property is described here. */
static const char pdfua_extension[] =
	"   <pdfaExtension:schemas><rdf:Bag>\n"
	"    <rdf:li rdf:parseType=\"Resource\">\n"
	"     <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n"
	"     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
	"     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
	"     <pdfaSchema:property><rdf:Seq>\n"
	"      <rdf:li rdf:parseType=\"Resource\">\n"
	"       <pdfaProperty:name>part</pdfaProperty:name>\n"
	"       <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
	"       <pdfaProperty:category>internal</pdfaProperty:category>\n"
	"       <pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
	"      </rdf:li>\n"
	"     </rdf:Seq></pdfaSchema:property>\n"
	"    </rdf:li>\n"
	"   </rdf:Bag></pdfaExtension:schemas>\n";

/* The XMP packet: one description holding every property. */
static void xmp_packet(struct buf *b, const struct rawpdf_meta *meta, const struct dates *when)
{
	buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	            " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	            "  <rdf:Description rdf:about=\"\"\n"
	            "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	            "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	            "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	            "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	            "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
	            "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
	            "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
	            "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n");
	xmp_alt(b, "dc:title", meta->title, meta->language);
	if (meta->author) {
		buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_text(b, meta->author);
		buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	xmp_alt(b, "dc:description", meta->description, meta->language);
	xmp_simple(b, "pdf:Producer", meta->producer);
	xmp_simple(b, "pdf:Keywords", meta->keywords);
	xmp_simple(b, "xmp:CreatorTool", meta->creator);
	xmp_simple(b, "xmp:CreateDate", when->xmp);
	xmp_simple(b, "xmp:ModifyDate", when->xmp);
	xmp_simple(b, "xmp:MetadataDate", when->xmp);
	buf_puts(b, "   <pdfuaid:part>1</pdfuaid:part>\n"
	            "   <pdfaid:part>2</pdfaid:part>\n"
	            "   <pdfaid:conformance>A</pdfaid:conformance>\n");
	buf_puts(b, pdfua_extension);
	buf_puts(b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>\n");
}

/* The error an internal call left in the document, passed to the error
 * handler as the public calls do; one is made up if a call failed
 * without leaving any. */
static HPDF_STATUS failure(HPDF_Doc doc)
{
	HPDF_STATUS status = HPDF_CheckError(&doc->error);
	return status != HPDF_OK ? status : HPDF_RaiseError(&doc->error, HPDF_INVALID_OBJECT, 0);
}

/* A stream object holding data[0..len), written through filter. */
static HPDF_Dict new_stream(HPDF_Doc doc, HPDF_UINT filter, const void *data, size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
	if (s == NULL)
		return NULL;
	s->filter = filter;
	if (HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return s;
}

/* The catalog's /Metadata, and the Info dictionary's dates in the form
 * that matches it (libharu's own, "Z00'00'", is a different string for
 * the same time). */
static HPDF_STATUS add_metadata(HPDF_Doc doc, const struct rawpdf_meta *meta, const struct dates *when)
{
	struct buf xmp = BUF_INIT;
	xmp_packet(&xmp, meta, when);
	/* Uncompressed, so that tools that do not parse PDF find it
	 * (PDF 1.7, 14.3.2). */
	HPDF_Dict s = new_stream(doc, HPDF_STREAM_FILTER_NONE, xmp.data, xmp.len);
	buf_free(&xmp);
	if (s == NULL || HPDF_Dict_AddName(s, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(s, "Subtype", "XML") != HPDF_OK || HPDF_Dict_Add(doc->catalog, "Metadata", s) != HPDF_OK)
		return failure(doc);
	HPDF_Dict info = doc->info;
	if (info == NULL)
		return HPDF_OK;
	static const char *const keys[] = {"CreationDate", "ModDate"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		HPDF_String date = HPDF_String_New(doc->mmgr, when->pdf, NULL);
		if (date == NULL || HPDF_Dict_Add(info, keys[i], date) != HPDF_OK)
			return failure(doc);
	}
	return HPDF_OK;
}

/* Readers show the title, not the file name (PDF/UA-1, 7.1). */
static HPDF_STATUS show_title(HPDF_Doc doc)
{
	HPDF_Dict prefs = HPDF_Dict_GetItem(doc->catalog, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (prefs == NULL) {
		prefs = HPDF_Dict_New(doc->mmgr);
		if (prefs == NULL || HPDF_Dict_Add(doc->catalog, "ViewerPreferences", prefs) != HPDF_OK)
			return failure(doc);
	}
	if (HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
		return failure(doc);
	return HPDF_OK;
}

/* /OutputIntents: the colour space the device-dependent colours (all of
 * the pages' RGB) mean, which PDF/A needs to render them the same
 * anywhere (ISO 19005-2, 6.2.3).  The profile is compressed. */
static HPDF_STATUS add_output_intent(HPDF_Doc doc, const void *icc, size_t len)
{
	HPDF_Dict profile = new_stream(doc, HPDF_STREAM_FILTER_FLATE_DECODE, icc, len);
	if (profile == NULL || HPDF_Dict_AddNumber(profile, "N", 3) != HPDF_OK)
		return failure(doc);
	HPDF_Dict intent = HPDF_Dict_New(doc->mmgr);
	HPDF_Array intents = HPDF_Array_New(doc->mmgr);
	if (intent == NULL || intents == NULL || HPDF_Array_Add(intents, intent) != HPDF_OK ||
	    HPDF_Dict_Add(doc->catalog, "OutputIntents", intents) != HPDF_OK)
		return failure(doc);
	if (HPDF_Dict_AddName(intent, "Type", "OutputIntent") != HPDF_OK ||
	    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1") != HPDF_OK ||
	    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(doc->mmgr, SRGB_CONDITION, NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(intent, "Info", HPDF_String_New(doc->mmgr, SRGB_CONDITION, NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(intent, "DestOutputProfile", profile) != HPDF_OK)
		return failure(doc);
	return HPDF_OK;
}

/* The trailer's /ID (PDF 1.7, 14.4), which PDF/A requires: a hash of what
 * the document says of itself, so a rebuild of the same content has the
 * same ID and the same bytes.  Both halves are equal: the file is never
 * updated in place. */
static HPDF_STATUS add_id(HPDF_Doc doc, const struct rawpdf_meta *meta)
{
	struct hasher h;
	hasher_init(&h);
	const char *fields[] = {meta->title, meta->author, meta->description, meta->keywords,
	                        meta->creator, meta->producer, meta->language};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		hasher_add_str(&h, fields[i]);
	char epoch[24];
	snprintf(epoch, sizeof epoch, "%lld", meta->epoch);
	hasher_add_str(&h, epoch);
	HPDF_BYTE id[16];
	for (int i = 0; i < 8; i++) {
		id[i] = (HPDF_BYTE)(h.h.a >> (56 - 8 * i));
		id[8 + i] = (HPDF_BYTE)(h.h.b >> (56 - 8 * i));
	}
	HPDF_Array ids = HPDF_Array_New(doc->mmgr);
	if (ids == NULL || HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, id, sizeof id)) != HPDF_OK ||
	    HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, id, sizeof id)) != HPDF_OK ||
	    HPDF_Dict_Add(doc->trailer, "ID", ids) != HPDF_OK)
		return failure(doc);
	return HPDF_OK;
}

HPDF_STATUS rawpdf_archival(HPDF_Doc doc, const struct rawpdf_meta *meta, const void *icc, size_t len)
{
	struct dates when;
	if (!format_dates(meta->epoch, &when))
		return HPDF_RaiseError(&doc->error, HPDF_INVALID_DATE_TIME, 0);
	if (icc == NULL || len == 0 || len > UINT32_MAX)
		return HPDF_RaiseError(&doc->error, HPDF_INVALID_PARAMETER, 0);
	HPDF_STATUS status = add_metadata(doc, meta, &when);
	if (status == HPDF_OK)
		status = show_title(doc);
	if (status == HPDF_OK)
		status = add_output_intent(doc, icc, len);
	if (status == HPDF_OK)
		status = add_id(doc, meta);
	/* What the catalog now holds (/Metadata, /OutputIntents, /Lang) is
	 * PDF 1.4 and later; PDF/UA-1 is built on PDF 1.7. */
	if (status == HPDF_OK)
		doc->pdf_version = HPDF_VER_17;
	return status;
}
