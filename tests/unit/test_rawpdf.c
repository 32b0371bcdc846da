/*
 * Unit tests of rawpdf_archival (rawpdf.h): a one-page libharu document
 * given the archival identity is saved and its bytes read: the version
 * line, the uncompressed XMP packet (parsed with libxml2, so escaping
 * mistakes show as parse errors or wrong values), the Info dates in the
 * same form, the viewer preference, the output intent and an ID that
 * follows the metadata and nothing else.  tests/pdfacheck.py checks the
 * same on the real playbook, with the ICC bytes.
 */
#define HARNESS_NAME "rawpdf"
#include "harness.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <hpdf.h>

#include "base/buf.h"
#include "pdf/rawpdf.h"
#include "pdf/srgb.h"

#define EPOCH 1767225600LL      /* 2026-01-01T00:00:00Z */

/* Every character XML treats specially, and some beyond ASCII. */
static const struct rawpdf_meta meta = {
	"Fish & <Chips> \"to go\" it's", "José Müller", "About a < b", "crm, orders",
	"Folio 0.1.0", "Folio 0.1.0 with libharu 2.3.0", EPOCH, "de-CH", true,
};

static HPDF_STATUS last_error;

static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *data)
{
	(void)detail_no;
	(void)data;
	last_error = error_no;
}

/* A one-page document with m's identity, saved into out; returns what
 * rawpdf_archival returned. */
static HPDF_STATUS save(const struct rawpdf_meta *m, const void *icc, size_t len, struct buf *out)
{
	last_error = HPDF_OK;
	HPDF_Doc doc = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
	HPDF_AddPage(doc);
	HPDF_STATUS status = rawpdf_archival(doc, m, icc, len);
	buf_reset(out);
	if (status == HPDF_OK && HPDF_SaveToStream(doc) == HPDF_OK) {
		HPDF_UINT32 size = HPDF_GetStreamSize(doc);
		buf_grow(out, size);
		HPDF_ReadFromStream(doc, (HPDF_BYTE *)out->data, &size);
		out->len = size;
		out->data[size] = '\0';
	}
	HPDF_Free(doc);
	return status;
}

/* The first needle in data[0..len): PDF bytes have NULs, so no strstr. */
static const char *find(const char *data, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(data + i, needle, n) == 0)
			return data + i;
	return NULL;
}

static bool has(const struct buf *b, const char *needle)
{
	return find(b->data, b->len, needle) != NULL;
}

/* The XMP packet's bytes, from its opening to its closing processing
 * instruction, as a string the caller frees; NULL when absent. */
static char *xmp_of(const struct buf *b)
{
	const char *start = find(b->data, b->len, "<?xpacket begin");
	const char *close = "<?xpacket end=\"r\"?>";
	const char *end = start ? find(start, b->len - (size_t)(start - b->data), close) : NULL;
	if (end == NULL)
		return NULL;
	size_t n = (size_t)(end - start) + strlen(close);
	char *s = malloc(n + 1);
	memcpy(s, start, n);
	s[n] = '\0';
	return s;
}

/* The text of the node path finds in xmp, or "" (static storage). */
static const char *xmp_value(xmlDoc *doc, const char *path)
{
	static char value[512];
	value[0] = '\0';
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	static const char *const ns[][2] = {
		{"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}, {"dc", "http://purl.org/dc/elements/1.1/"},
		{"pdf", "http://ns.adobe.com/pdf/1.3/"}, {"xmp", "http://ns.adobe.com/xap/1.0/"},
		{"pdfaid", "http://www.aiim.org/pdfa/ns/id/"}, {"pdfuaid", "http://www.aiim.org/pdfua/ns/id/"},
		{"pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"},
		{"pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"},
		{"pdfaProperty", "http://www.aiim.org/pdfa/ns/property#"},
	};
	for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
		xmlXPathRegisterNs(ctx, (const xmlChar *)ns[i][0], (const xmlChar *)ns[i][1]);
	xmlXPathObject *r = xmlXPathEvalExpression((const xmlChar *)path, ctx);
	if (r && r->nodesetval && r->nodesetval->nodeNr > 0) {
		xmlChar *text = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
		snprintf(value, sizeof value, "%s", (const char *)text);
		xmlFree(text);
	}
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return value;
}

static void test_version_line(void)
{
	struct buf out = BUF_INIT;
	CHECK_INT(save(&meta, pdf_srgb_icc, pdf_srgb_icc_len, &out), HPDF_OK);
	/* The version, then libharu's comment of bytes above 127, which
	 * tells transfer programs the file is binary. */
	CHECK(out.len > 16 && memcmp(out.data, "%PDF-1.7\n%\267\276\255\252\n", 15) == 0);
	buf_free(&out);
}

static void test_xmp_values(void)
{
	struct buf out = BUF_INIT;
	save(&meta, pdf_srgb_icc, pdf_srgb_icc_len, &out);
	char *xmp = xmp_of(&out);
	CHECK(xmp != NULL);
	CHECK(has(&out, "/Type /Metadata"));
	CHECK(has(&out, "/Subtype /XML"));
	xmlDoc *doc = xmp ? xmlReadMemory(xmp, (int)strlen(xmp), "xmp.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR) : NULL;
	CHECK(doc != NULL);
	if (doc) {
		CHECK_STR(xmp_value(doc, "//dc:title/rdf:Alt/rdf:li[@xml:lang='x-default']"), meta.title);
		CHECK_STR(xmp_value(doc, "//dc:title/rdf:Alt/rdf:li[@xml:lang='de-CH']"), meta.title);
		CHECK_STR(xmp_value(doc, "//dc:creator/rdf:Seq/rdf:li"), "José Müller");
		CHECK_STR(xmp_value(doc, "//dc:description/rdf:Alt/rdf:li[@xml:lang='x-default']"), "About a < b");
		CHECK_STR(xmp_value(doc, "//pdf:Producer"), meta.producer);
		CHECK_STR(xmp_value(doc, "//pdf:Keywords"), "crm, orders");
		CHECK_STR(xmp_value(doc, "//xmp:CreatorTool"), "Folio 0.1.0");
		CHECK_STR(xmp_value(doc, "//xmp:CreateDate"), "2026-01-01T00:00:00Z");
		CHECK_STR(xmp_value(doc, "//xmp:ModifyDate"), "2026-01-01T00:00:00Z");
		CHECK_STR(xmp_value(doc, "//xmp:MetadataDate"), "2026-01-01T00:00:00Z");
		CHECK_STR(xmp_value(doc, "//pdfuaid:part"), "1");
		CHECK_STR(xmp_value(doc, "//pdfaid:part"), "2");
		CHECK_STR(xmp_value(doc, "//pdfaid:conformance"), "A");
		const char *schema = "//pdfaExtension:schemas/rdf:Bag/rdf:li[pdfaSchema:prefix='pdfuaid']";
		char path[256];
		snprintf(path, sizeof path, "%s/pdfaSchema:namespaceURI", schema);
		CHECK_STR(xmp_value(doc, path), "http://www.aiim.org/pdfua/ns/id/");
		snprintf(path, sizeof path, "%s/pdfaSchema:property/rdf:Seq/rdf:li[pdfaProperty:name='part']/pdfaProperty:valueType", schema);
		CHECK_STR(xmp_value(doc, path), "Integer");
		xmlFreeDoc(doc);
	}
	free(xmp);
	buf_free(&out);
}

/* A document without a structure tree claims only what it keeps: PDF/A
 * level B, neither level A nor PDF/UA, and describes no pdfuaid schema. */
static void test_untagged_claims_level_b(void)
{
	struct rawpdf_meta m = meta;
	m.tagged = false;
	struct buf out = BUF_INIT;
	CHECK_INT(save(&m, pdf_srgb_icc, pdf_srgb_icc_len, &out), HPDF_OK);
	char *xmp = xmp_of(&out);
	xmlDoc *doc = xmp ? xmlReadMemory(xmp, (int)strlen(xmp), "xmp.xml", NULL, XML_PARSE_NONET) : NULL;
	CHECK(doc != NULL);
	if (doc) {
		CHECK_STR(xmp_value(doc, "//pdfaid:part"), "2");
		CHECK_STR(xmp_value(doc, "//pdfaid:conformance"), "B");
		CHECK_STR(xmp_value(doc, "//pdfuaid:part"), "");
		CHECK_STR(xmp_value(doc, "//pdfaSchema:prefix"), "");
		xmlFreeDoc(doc);
	}
	free(xmp);
	buf_free(&out);
}

/* Without a language the alternatives have the x-default entry only. */
static void test_xmp_without_language(void)
{
	struct rawpdf_meta m = meta;
	m.language = NULL;
	m.keywords = NULL;
	struct buf out = BUF_INIT;
	CHECK_INT(save(&m, pdf_srgb_icc, pdf_srgb_icc_len, &out), HPDF_OK);
	char *xmp = xmp_of(&out);
	CHECK(xmp != NULL);
	if (xmp) {
		CHECK_CONTAINS(xmp, "<rdf:li xml:lang=\"x-default\">Fish &amp; &lt;Chips&gt; &quot;to go&quot; it&apos;s</rdf:li>");
		CHECK(strstr(xmp, "xml:lang=\"de-CH\"") == NULL);
		CHECK(strstr(xmp, "pdf:Keywords") == NULL);
	}
	free(xmp);
	buf_free(&out);
}

/* The Info dates are the XMP's, in PDF's form: the same string for the
 * same time, which PDF/A checks. */
static void test_info_dates(void)
{
	struct buf out = BUF_INIT;
	HPDF_Doc doc = HPDF_New(on_error, NULL);
	HPDF_AddPage(doc);
	HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, "x");
	CHECK_INT(rawpdf_archival(doc, &meta, pdf_srgb_icc, pdf_srgb_icc_len), HPDF_OK);
	HPDF_SaveToStream(doc);
	HPDF_UINT32 size = HPDF_GetStreamSize(doc);
	buf_grow(&out, size);
	HPDF_ReadFromStream(doc, (HPDF_BYTE *)out.data, &size);
	out.len = size;
	HPDF_Free(doc);
	CHECK(has(&out, "/CreationDate (D:20260101000000Z)"));
	CHECK(has(&out, "/ModDate (D:20260101000000Z)"));
	buf_free(&out);
}

static void test_catalog_entries(void)
{
	struct buf out = BUF_INIT;
	save(&meta, pdf_srgb_icc, pdf_srgb_icc_len, &out);
	CHECK(has(&out, "/ViewerPreferences <<\n/DisplayDocTitle true\n>>"));
	CHECK(has(&out, "/OutputIntents ["));
	CHECK(has(&out, "/S /GTS_PDFA1"));
	CHECK(has(&out, "/OutputConditionIdentifier (sRGB IEC61966-2.1)"));
	CHECK(has(&out, "/DestOutputProfile "));
	CHECK(has(&out, "/N 3"));
	buf_free(&out);
}

/* The trailer's two IDs (32 hex digits each) into id; false when absent
 * or when the two differ. */
static bool trailer_id(const struct buf *b, char id[33])
{
	const char *at = find(b->data, b->len, "/ID [ <");
	if (at == NULL || (size_t)(at - b->data) + 7 + 32 + 3 + 32 > b->len)
		return false;
	at += 7;
	memcpy(id, at, 32);
	id[32] = '\0';
	for (int i = 0; i < 32; i++)
		if (!strchr("0123456789ABCDEFabcdef", id[i]))
			return false;
	return memcmp(at + 32, "> <", 3) == 0 && memcmp(at + 35, id, 32) == 0;
}

/* Same metadata, same ID; another title or date, another ID. */
static void test_id_follows_metadata(void)
{
	struct buf out = BUF_INIT;
	char first[33] = "", again[33] = "", retitled[33] = "", redated[33] = "";
	save(&meta, pdf_srgb_icc, pdf_srgb_icc_len, &out);
	CHECK(trailer_id(&out, first));
	save(&meta, pdf_srgb_icc, pdf_srgb_icc_len, &out);
	CHECK(trailer_id(&out, again));
	struct rawpdf_meta m = meta;
	m.title = "Another title";
	save(&m, pdf_srgb_icc, pdf_srgb_icc_len, &out);
	CHECK(trailer_id(&out, retitled));
	m = meta;
	m.epoch = EPOCH + 1;
	save(&m, pdf_srgb_icc, pdf_srgb_icc_len, &out);
	CHECK(trailer_id(&out, redated));
	CHECK_STR(again, first);
	CHECK(strcmp(retitled, first) != 0);
	CHECK(strcmp(redated, first) != 0);
	buf_free(&out);
}

/* A date XMP cannot write and a missing profile fail, through the
 * document's error handler. */
static void test_refusals(void)
{
	struct buf out = BUF_INIT;
	struct rawpdf_meta m = meta;
	m.epoch = 400000000000LL;       /* year 14645 */
	CHECK_INT(save(&m, pdf_srgb_icc, pdf_srgb_icc_len, &out), HPDF_INVALID_DATE_TIME);
	CHECK_INT(last_error, HPDF_INVALID_DATE_TIME);
	CHECK_INT(save(&meta, NULL, 0, &out), HPDF_INVALID_PARAMETER);
	CHECK_INT(last_error, HPDF_INVALID_PARAMETER);
	buf_free(&out);
}

int main(void)
{
	RUN(test_version_line);
	RUN(test_xmp_values);
	RUN(test_untagged_claims_level_b);
	RUN(test_xmp_without_language);
	RUN(test_info_dates);
	RUN(test_catalog_entries);
	RUN(test_id_follows_metadata);
	RUN(test_refusals);
	return harness_done();
}
