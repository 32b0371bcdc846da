/* Unit tests of jsonld.h: the graph is written without jansson, so jansson
 * checks it: it must parse, hold the text it was given, and be laid out
 * exactly as json_dumps() lays out the same value, less the indentation. */
#define HARNESS_NAME "jsonld"
#include "harness.h"

#include <jansson.h>

#include "web/jsonld.h"

/* Every ASCII byte a JSON string must escape or may keep, '<' and '/'
 * (escaped for a <script> element), and UTF-8 from two to four bytes. */
static char hostile[160];

static void make_hostile(void)
{
	size_t n = 0;
	for (int c = 1; c < 0x80; c++)
		hostile[n++] = (char)c;
	static const char utf8[] = "\xC3\xA9 \xE2\x80\xA8 \xF0\x9F\x98\x80";
	memcpy(hostile + n, utf8, sizeof utf8);
}

/* What jansson writes for the value our text parses to, made safe for
 * <script> as jsonld_page() makes it, without the indentation at the
 * start of each line (no string holds a raw line break: JSON escapes it). */
static char *jansson_layout(const char *ours)
{
	json_error_t err;
	json_t *v = json_loads(ours, 0, &err);
	if (v == NULL) {
		harness_note(__FILE__, __LINE__, "not JSON: %s at line %d", err.text, err.line);
		return strdup("");
	}
	char *text = json_dumps(v, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ESCAPE_SLASH);
	json_decref(v);
	size_t n = 0;
	for (const char *c = text; *c; c++)
		n += *c == '<' ? 6 : 1;
	char *safe = malloc(n + 1), *o = safe;
	bool indent = false;    /* in the spaces that start a line */
	for (const char *c = text; *c; c++) {
		if (*c == ' ' && indent)
			continue;
		indent = *c == '\n';
		if (*c == '<') {
			memcpy(o, "\\u003c", 6);
			o += 6;
		} else {
			*o++ = *c;
		}
	}
	*o = '\0';
	free(text);
	return safe;
}

static struct publisher publisher;
static struct site site;
static struct resource resource;
static struct pattern pattern;
static struct titled_text steps[2];
static struct card_section step_section;
static struct pattern_section pattern_section;
static struct playbook playbook;
static struct page_section sections[3];

static void make_model(void)
{
	publisher.name.v = hostile;
	publisher.url.v = "https://example.org/";
	publisher.logo_url.v = "/img/logo.svg";
	site.title.v = "Site \"title\" </script>";
	site.base_url.v = "https://example.org/docs/";
	site.language.v = "en-GB";
	site.publisher = &publisher;
	pattern.title.v = hostile;
	pattern.summary.v = NULL;       /* written as "" */
	pattern.url.v = "/r/p/";
	steps[0].title.v = "One";
	steps[0].text.v = hostile;
	steps[1].title.v = "Two\ttabs";
	steps[1].text.v = "";
	step_section.title.v = "Steps";
	step_section.items.items = steps;
	step_section.items.len = 2;
	pattern_section.title.v = "Patterns";
	pattern_section.items.items = &pattern;
	pattern_section.items.len = 1;
	playbook.title.v = "Playbook";
	playbook.summary.v = hostile;
	playbook.url.v = "/r/playbook.pdf";
	resource.title.v = "Resource & co";
	resource.url.v = "/r/";
	resource.steps = &step_section;
	resource.patterns = &pattern_section;
	resource.playbook = &playbook;
	sections[0].kind = SECTION_STEPS;
	sections[1].kind = SECTION_PATTERNS;
	sections[2].kind = SECTION_PLAYBOOK;
	resource.contents.items = sections;
	resource.contents.len = 3;
}

static char *page_graph(const char *kind, const struct resource *r, const struct pattern *p)
{
	struct jsonld_page page = {kind, p ? p->url.v : r ? r->url.v : "/", hostile, hostile, "/og.png", "2026-01-01",
	                           r, p, NULL};
	return jsonld_page(&site, &page);
}

static void check_page(const char *kind, const struct resource *r, const struct pattern *p)
{
	char *ours = page_graph(kind, r, p);
	char *want = jansson_layout(ours);
	CHECK_STR(ours, want);
	CHECK(strchr(ours, '<') == NULL);
	CHECK_CONTAINS(ours, "\\u001F");
	free(want);
	free(ours);
}

static void test_pages_match_jansson(void)
{
	check_page("home", NULL, NULL);
	check_page("404", NULL, NULL);
	check_page("pattern", &resource, &pattern);
	check_page("resource", &resource, NULL);
}

/* The graph's node of a type, NULL when there is none. */
static json_t *node_of(json_t *graph, const char *type)
{
	for (size_t i = 0; i < json_array_size(graph); i++) {
		json_t *t = json_object_get(json_array_get(graph, i), "@type");
		if (json_is_string(t) && strcmp(json_string_value(t), type) == 0)
			return json_array_get(graph, i);
	}
	return NULL;
}

/* What validators read by name has one where it is read: each pattern of
 * the list, the article's author; and the PDF carries no Book property. */
static void test_named_where_read(void)
{
	char *text = page_graph("resource", &resource, NULL);
	json_t *v = json_loads(text, 0, NULL);
	json_t *graph = json_object_get(v, "@graph");
	json_t *items = json_object_get(node_of(graph, "ItemList"), "itemListElement");
	CHECK(json_array_size(items) > 0);
	for (size_t i = 0; i < json_array_size(items); i++)
		CHECK_STR(json_string_value(json_object_get(json_array_get(items, i), "name")), pattern.title.v);
	json_t *pdf = node_of(graph, "DigitalDocument");
	CHECK(pdf != NULL);
	CHECK(json_object_get(pdf, "numberOfPages") == NULL);
	json_decref(v);
	free(text);

	text = page_graph("pattern", &resource, &pattern);
	v = json_loads(text, 0, NULL);
	json_t *author = json_object_get(node_of(json_object_get(v, "@graph"), "TechArticle"), "author");
	CHECK_STR(json_string_value(json_object_get(author, "name")), site.publisher->name.v);
	CHECK_STR(json_string_value(json_object_get(author, "@type")), "Organization");
	json_decref(v);
	free(text);
}

static void test_text_survives(void)
{
	struct jsonld_page page = {"home", "/", hostile, "", "/og.png", "2026-01-01", NULL, NULL, NULL};
	char *ours = jsonld_page(&site, &page);
	json_t *v = json_loads(ours, 0, NULL);
	CHECK(v != NULL);
	json_t *graph = json_object_get(v, "@graph");
	CHECK_STR(json_string_value(json_object_get(json_array_get(graph, 0), "name")), hostile);
	CHECK_STR(json_string_value(json_object_get(json_array_get(graph, 2), "name")), hostile);
	CHECK_STR(json_string_value(json_object_get(json_array_get(graph, 2), "description")), "");
	json_decref(v);
	free(ours);
}

/* Strings are scanned eight bytes at a time: each byte that must be
 * escaped, at every offset of a 40-byte name, is written as jansson
 * would write it, and reads back as the same text. */
static void test_escapes_at_every_offset(void)
{
	static const char *const specials[] = {"\x01", "\x1F", "\"", "\\", "/", "<", "\xC3\xA9", "\n"};
	for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
		for (size_t at = 0; at < 40; at++) {
			char name[64];
			memset(name, 'a' + (int)(at % 26), 40);
			name[40] = '\0';
			size_t n = strlen(specials[k]);
			memcpy(name + at, specials[k], n);
			name[at + n < 40 ? 40 : at + n] = '\0';
			struct jsonld_page page = {"home", "/", name, "", "/og.png", "2026-01-01", NULL, NULL, NULL};
			char *ours = jsonld_page(&site, &page);
			char *want = jansson_layout(ours);
			CHECK_STR(ours, want);
			json_t *v = json_loads(ours, 0, NULL);
			json_t *graph = v ? json_object_get(v, "@graph") : NULL;
			CHECK_STR(json_string_value(json_object_get(json_array_get(graph, 2), "name")), name);
			json_decref(v);
			free(want);
			free(ours);
		}
	}
}

int main(void)
{
	make_hostile();
	make_model();
	RUN(test_pages_match_jansson);
	RUN(test_named_where_read);
	RUN(test_escapes_at_every_offset);
	RUN(test_text_survives);
	return harness_done();
}
