/* Unit tests of a resource's own words (content/vocabulary.h): the
 * defaults, from the theme's strings, the lookups of flow kinds,
 * directions and support levels, and the messages for what a resource
 * does not declare. */
#define HARNESS_NAME "vocabulary"
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "content/load.h"
#include "content/loader.h"
#include "content/vocabulary.h"

/* A resource.yaml with every required key, before the block a test adds
 * (12 lines, so the block starts on line 13). */
static const char base[] =
	"title: T\n"
	"summary: S\n"
	"description: A resource that the unit tests read from memory, with its own words.\n"
	"audiences: [{name: A, use: U}]\n"
	"why: {title: W, intro: I}\n"
	"cards: {title: C, items: [{title: C, text: T}]}\n"
	"steps: {title: S, items: [{title: S, text: T}]}\n"
	"patterns: {title: P}\n"
	"help: {title: H, intro: I}\n"
	"playbook: {title: P, file: p.pdf, summary: S}\n"
	"weight: 1\n"
	"draft: false\n";

static const char kinds[] =
	"vocabulary:\n"
	"  flow_kinds:\n"
	"    - {id: ticket, label: printed ticket}\n"
	"    - {id: call, label: called out, line: dashed}\n"
	"    - {id: batch-cook, label: batch cook, line: heavy}\n"
	"  effort_unit: shifts\n"
	"  complexity_max: 3\n"
	"  mapping:\n"
	"    title: Hand-over sheet\n"
	"    columns: {owner: Station in charge}\n"
	"    directions: [{id: handed, label: handed over}]\n";

/* A support matrix; its one cell's level is left to fill in (%s). */
static const char support[] =
	"support:\n"
	"  title: Stations\n"
	"  intro: What each kitchen does.\n"
	"  checked: 2026-03-01\n"
	"  note: As seen.\n"
	"  levels:\n"
	"    - {id: full, label: Fully staffed}\n"
	"    - {id: none, label: Not seen, unsourced: true}\n"
	"  products: [{id: north, name: North}]\n"
	"  areas: [{id: grill, name: Grill}]\n"
	"  cells:\n"
	"    - {product: north, area: grill, level: %s, note: N}\n";

static const char *only_line(const struct diag *d)
{
	if (d->nlines == 0)
		return "(none)";
	if (d->nlines > 1)
		return "(several)";
	return d->lines[0];
}

/* base followed by block, read as a resource.yaml; NULL after errors. */
static struct site *read_resource(const char *block, struct diag *d)
{
	char *text = xasprintf("%s%s", base, block);
	struct site *site = load_text(LOAD_RESOURCE_YAML, text, strlen(text), d);
	free(text);
	return site;
}

static const struct resource *first(const struct site *site)
{
	return site->resources.items;
}

/* Read from memory, with no strings file, a resource that declares
 * nothing has no flow kind and, for each default word, the name of its
 * string. */
static void test_defaults_without_strings(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = read_resource("", &d);
	CHECK(site != NULL);
	const struct vocabulary *v = site ? first(site)->vocabulary : NULL;
	CHECK(v != NULL);       /* filled in although the resource declares nothing */
	if (v) {
		CHECK_INT(v->flow_kinds.len, 0);
		CHECK_STR(v->effort_unit.v, "default_effort_unit");
		CHECK_INT(v->complexity_max, 5);
		CHECK_STR(v->mapping->title.v, "default_mapping_title");
		CHECK_STR(v->mapping->columns->owner.v, "default_mapping_owner");
		CHECK_INT(v->mapping->directions.len, 2);
		CHECK(vocabulary_direction(v, "one-way") != NULL);
		CHECK(vocabulary_direction(v, "two-way") != NULL);
		CHECK(vocabulary_direction(v, "both") == NULL);
		CHECK(vocabulary_flow_kind(v, "realtime") == NULL);
	}
	model_free(site);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

/* ---- a site on disk, with the theme's strings ------------------------ */

static char work[] = "/tmp/folio-test-vocabulary-XXXXXX";

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

static void write_file(const char *rel, const char *text)
{
	char *path = xasprintf("%s/site/%s", work, rel);
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		exit(2);
	free(path);
}

/* A matrix, a support matrix and an estimator, none with their words. */
static const char sections[] =
	"updated: 2026-03-02\n"
	"matrix:\n"
	"  title: M\n"
	"  guide: G\n"
	"  criteria: [{id: c, name: C}]\n"
	"support:\n"
	"  title: S\n"
	"  intro: I\n"
	"  checked: 2026-03-01\n"
	"  note: N\n"
	"  levels: [{id: none, label: None, unsourced: true}]\n"
	"  products: [{id: p, name: P}]\n"
	"  areas: [{id: a, name: A}]\n"
	"  cells: [{product: p, area: a, level: none, note: N}]\n"
	"estimator:\n"
	"  title: E\n"
	"  intro: I\n"
	"  assumptions: [A]\n"
	"  shared_percent: 50\n"
	"  volumes: [{id: v, label: V, percent: 100}]\n"
	"  experience: [{id: x, label: X, percent: 100}]\n";

static const char pattern[] =
	"---\n"
	"title: P\n"
	"summary: A pattern that the unit tests read from disk, to see its derived texts.\n"
	"best_for: B\n"
	"decision: D\n"
	"complexity: 2\n"
	"effort: {min: 1, max: 3}\n"
	"systems: [{id: a, name: A, role: R}, {id: b, name: B, role: R}]\n"
	"flows: [{from: a, to: b, data: D}]\n"
	"ratings: [{criterion: c, value: V}]\n"
	"---\n"
	"Text.\n";

/* The site in work with site.yaml's strings (a mapping's lines, or "")
 * and a resource of base, sections and more (more: vocabulary, or ""),
 * read with the theme's strings; NULL after errors. */
static struct site *load_on_disk(const char *strings, const char *more, struct diag *d)
{
	char *cmd = xasprintf("cp '%s/tests/fixtures/minimal/content/site.yaml' '%s/site/content/site.yaml'", TEST_ROOT,
	                      work);
	if (!run(cmd))
		exit(2);
	free(cmd);
	char *site_yaml = xasprintf("%s/site/content/site.yaml", work);
	FILE *f = fopen(site_yaml, "a");
	if (f == NULL || fputs(strings, f) < 0 || fclose(f) != 0)
		exit(2);
	free(site_yaml);
	char *resource = xasprintf("%s%s%s", base, sections, more);
	write_file("content/resources/r/resource.yaml", resource);
	free(resource);
	write_file("content/resources/r/patterns/p.md", pattern);
	char *source = xasprintf("%s/site", work);
	struct options opt = {.source = source, .jobs = 1};
	static const char *const templates[] = {TEST_ROOT "/theme/templates", NULL};
	struct site *site = load_site(&opt, templates, NULL, d);
	free(source);
	return site;
}

static const struct resource *the_resource(const struct site *site)
{
	for (size_t i = 0; i < site->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		if (strcmp(r->slug.v, "r") == 0)
			return r;
	}
	return NULL;
}

/* A resource that declares nothing has the words of the theme's
 * strings, today's English. */
static void test_defaults(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_on_disk("", "", &d);
	CHECK(site != NULL);
	CHECK_STR(d.nlines ? d.lines[0] : "(none)", "(none)");
	const struct resource *r = site ? the_resource(site) : NULL;
	CHECK(r != NULL);
	if (r) {
		const struct vocabulary *v = r->vocabulary;
		CHECK_INT(v->flow_kinds.len, 0);
		CHECK_STR(v->effort_unit.v, "weeks");
		CHECK_INT(v->complexity_max, 5);
		CHECK_STR(v->mapping->title.v, "Field mapping");
		CHECK_STR(v->mapping->columns->source.v, "Source");
		CHECK_STR(v->mapping->columns->target.v, "Target");
		CHECK_STR(v->mapping->columns->direction.v, "Direction");
		CHECK_STR(v->mapping->columns->transform.v, "Transformation");
		CHECK_STR(v->mapping->columns->owner.v, "Record owner");
		CHECK_INT(v->mapping->directions.len, 2);
		const struct mapping_direction *one = vocabulary_direction(v, "one-way");
		const struct mapping_direction *two = vocabulary_direction(v, "two-way");
		CHECK(one && two);
		if (one && two) {
			CHECK_STR(one->label.v, "one-way");
			CHECK_STR(two->label.v, "two-way");
		}
		CHECK_STR(r->matrix->caption.v, "The patterns compared");
		CHECK_STR(r->support->caption.v, "What each product supports, by area");
		CHECK_STR(r->support->area_label.v, "Area");
		CHECK_STR(r->estimator->legend.v, "Patterns to include");
		CHECK_STR(r->estimator->hint.v, "Tick at least one pattern to see an estimate.");
		CHECK_STR(r->estimator->pattern_label.v, "Pattern");
	}
	model_free(site);
	diag_free(&d);
}

/* site.yaml's strings word the defaults; a resource's own words still
 * win over them, and a direction keeps its id. */
static void test_defaults_overridden(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_on_disk("strings:\n"
	                                 "  default_effort_unit: sprints\n"
	                                 "  default_mapping_owner: Keeper\n"
	                                 "  default_direction_two_way: both ways\n"
	                                 "  default_area_label: Station\n"
	                                 "  default_estimator_hint: Pick one.\n",
	                                 "vocabulary: {mapping: {columns: {owner: Owner of the row}}}\n", &d);
	CHECK(site != NULL);
	CHECK_STR(d.nlines ? d.lines[0] : "(none)", "(none)");
	const struct resource *r = site ? the_resource(site) : NULL;
	CHECK(r != NULL);
	if (r) {
		const struct vocabulary *v = r->vocabulary;
		CHECK_STR(v->effort_unit.v, "sprints");
		CHECK_STR(v->mapping->columns->owner.v, "Owner of the row");
		CHECK_STR(v->mapping->columns->source.v, "Source");
		const struct mapping_direction *two = vocabulary_direction(v, "two-way");
		CHECK(two != NULL && strcmp(two->label.v, "both ways") == 0);
		CHECK_STR(r->support->area_label.v, "Station");
		CHECK_STR(r->estimator->hint.v, "Pick one.");
		CHECK_STR(r->estimator->legend.v, "Patterns to include");
	}
	model_free(site);
	diag_free(&d);
}

/* Declared words replace the defaults one by one, and kinds are looked
 * up by id and numbered in their order. */
static void test_declared_kinds(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = read_resource(kinds, &d);
	CHECK(site != NULL);
	if (site) {
		const struct vocabulary *v = first(site)->vocabulary;
		CHECK_INT(v->flow_kinds.len, 3);
		const struct flow_kind *ticket = vocabulary_flow_kind(v, "ticket");
		const struct flow_kind *call = vocabulary_flow_kind(v, "call");
		const struct flow_kind *cook = vocabulary_flow_kind(v, "batch-cook");
		CHECK(ticket && call && cook);
		if (ticket && call && cook) {
			CHECK_INT(ticket->rank, 1);
			CHECK_INT(call->rank, 2);
			CHECK_INT(cook->rank, 3);
			CHECK_STR(ticket->line.v, "solid");     /* the default */
			CHECK_STR(call->label.v, "called out");
			CHECK_INT(model_line_of(cook->line.v), MODEL_LINE_HEAVY);
		}
		CHECK(vocabulary_flow_kind(v, "tickets") == NULL);
		CHECK(vocabulary_flow_kind(v, NULL) == NULL);
		CHECK(vocabulary_flow_kind(NULL, "ticket") == NULL);
		CHECK_STR(v->effort_unit.v, "shifts");
		CHECK_INT(v->complexity_max, 3);
		CHECK_STR(v->mapping->title.v, "Hand-over sheet");
		CHECK_STR(v->mapping->columns->owner.v, "Station in charge");
		CHECK_STR(v->mapping->columns->source.v, "default_mapping_source");      /* no strings file */
		CHECK_INT(v->mapping->directions.len, 1);
		CHECK(vocabulary_direction(v, "handed") != NULL);
		CHECK(vocabulary_direction(v, "one-way") == NULL);
	}
	model_free(site);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

/* A flow names a declared kind, or is told which ones there are. */
static void test_link_flow(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = read_resource(kinds, &d);
	CHECK(site != NULL);
	if (site == NULL)
		return;
	const struct vocabulary *v = first(site)->vocabulary;
	struct loader ld = {.d = &d};
	struct pos at = {"p.md", 20, 10};
	struct flow f = {.how = {xstrdup("cal"), at}};
	CHECK(!vocabulary_link_flow(&ld, v, &f));
	CHECK_STR(only_line(&d), "p.md:20:10: error: 'how' is 'cal', not one of the flow kinds (ticket, call, "
	                         "batch-cook); did you mean 'call'?");
	CHECK(f.kind == NULL && f.how_label.v == NULL);
	diag_free(&d);

	diag_init(&d, NULL);
	free(f.how.v);
	f.how.v = xstrdup("stream");
	CHECK(!vocabulary_link_flow(&ld, v, &f));
	CHECK_STR(only_line(&d), "p.md:20:10: error: 'how' is 'stream', not one of the flow kinds declared under "
	                         "vocabulary.flow_kinds (ticket, call, batch-cook); write one of them, or declare it there");
	diag_free(&d);

	diag_init(&d, NULL);
	free(f.how.v);
	f.how.v = xstrdup("call");
	CHECK(vocabulary_link_flow(&ld, v, &f));
	CHECK(f.kind == vocabulary_flow_kind(v, "call"));
	CHECK_STR(f.how_label.v, "called out");
	CHECK_INT(d.nlines, 0);

	/* No how: a plain arrow, not a mistake; no vocabulary: not checked. */
	struct flow plain = {.data = {NULL, at}};
	CHECK(vocabulary_link_flow(&ld, v, &plain) && plain.kind == NULL);
	CHECK(vocabulary_link_flow(&ld, NULL, &f));
	CHECK_INT(d.nlines, 0);
	free(f.how.v);
	free(f.how_label.v);
	diag_free(&d);
	model_free(site);
}

/* A mapping row's direction is one of the declared directions. */
static void test_link_direction(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = read_resource(kinds, &d);
	CHECK(site != NULL);
	if (site == NULL)
		return;
	struct loader ld = {.d = &d};
	struct pos at = {"p.md", 30, 16};
	struct mapping_row m = {.direction = {xstrdup("one-way"), at}};
	CHECK(!vocabulary_link_direction(&ld, first(site)->vocabulary, &m));
	CHECK_STR(only_line(&d), "p.md:30:16: error: 'direction' is 'one-way', not one of the directions declared under "
	                         "vocabulary.mapping.directions (handed); write one of them, or declare it there");
	diag_free(&d);
	diag_init(&d, NULL);
	free(m.direction.v);
	m.direction.v = xstrdup("handed");
	CHECK(vocabulary_link_direction(&ld, first(site)->vocabulary, &m));
	CHECK_STR(m.direction_label.v, "handed over");
	free(m.direction.v);
	free(m.direction_label.v);
	diag_free(&d);
	model_free(site);
}

/* Seven kinds are one more than the palette has colours for. */
static void test_too_many_kinds(void)
{
	struct diag d;
	diag_init(&d, NULL);
	CHECK(read_resource("vocabulary:\n  flow_kinds:\n"
	                    "    - {id: a, label: A}\n    - {id: b, label: B}\n    - {id: c, label: C}\n"
	                    "    - {id: d, label: D}\n    - {id: e, label: E}\n    - {id: f, label: F}\n"
	                    "    - {id: g, label: G}\n",
	                    &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/resource.yaml:21:7: error: flow kind 'g' is one too many: "
	                         "Folio draws at most 6 flow kinds, each in a style of its own (7 declared); merge or "
	                         "drop some");
	diag_free(&d);
}

static void test_bad_kinds(void)
{
	struct diag d;
	diag_init(&d, NULL);
	CHECK(read_resource("vocabulary:\n  flow_kinds:\n    - {id: a, label: A, line: dashd}\n", &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/resource.yaml:15:31: error: 'line' is 'dashd', which is "
	                         "none of solid, dashed, dotted, heavy; did you mean 'dashed'?");
	diag_free(&d);

	diag_init(&d, NULL);
	CHECK(read_resource("vocabulary:\n  flow_kinds:\n    - {id: a, label: A}\n    - {id: a, label: B}\n", &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/resource.yaml:16:12: error: flow kind id 'a' is used "
	                         "twice (also at line 15); give each its own id");
	diag_free(&d);

	diag_init(&d, NULL);
	CHECK(read_resource("vocabulary:\n  complexity_max: 11\n", &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/resource.yaml:14:19: error: 'complexity_max' must be from "
	                         "2 to 10, not 11; write a number in that range");
	diag_free(&d);
}

/* Support levels: looked up by id, numbered, and a cell names one. */
static void test_levels(void)
{
	struct diag d;
	diag_init(&d, NULL);
	char *block = xasprintf(support, "ful");
	CHECK(read_resource(block, &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/resource.yaml:24:44: error: 'level' is 'ful', not one of "
	                         "the levels (full, none); did you mean 'full'?");
	diag_free(&d);
	free(block);

	/* Fixed, the cell cites no source at a level that needs one. */
	block = xasprintf(support, "full");
	diag_init(&d, NULL);
	CHECK(read_resource(block, &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/resource.yaml:24:7: error: cell at level 'full' needs at "
	                         "least one source URL under sources; add one, or use level: none");
	diag_free(&d);
	free(block);

	/* At the level that needs none, the resource reads. */
	block = xasprintf(support, "none");
	diag_init(&d, NULL);
	struct site *site = read_resource(block, &d);
	CHECK(site != NULL);
	if (site) {
		const struct support *s = first(site)->support;
		const struct support_level *none = vocabulary_level(s, "none");
		CHECK(none != NULL && none->rank == 2 && none->unsourced);
		CHECK(vocabulary_level(s, "full") != NULL && vocabulary_level(s, "full")->rank == 1);
		CHECK(vocabulary_level(s, "nothing") == NULL);
		const struct support_cell *cell = s->cells.items;
		CHECK(cell->level_ref == none);
		CHECK_STR(cell->level_label.v, "Not seen");
		CHECK_STR(s->area_label.v, "default_area_label");      /* no strings file */
		CHECK_STR(s->caption.v, "default_support_caption");
	}
	model_free(site);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
	free(block);
}

/* Seven levels are one more than the theme has styles for. */
static void test_too_many_levels(void)
{
	char *block = xasprintf(support, "none");
	char *levels = strstr(block, "  products:");
	char *seven = xasprintf("%.*s    - {id: l3, label: C}\n    - {id: l4, label: D}\n    - {id: l5, label: E}\n"
	                        "    - {id: l6, label: F}\n    - {id: l7, label: G}\n%s",
	                        (int)(levels - block), block, levels);
	struct diag d;
	diag_init(&d, NULL);
	CHECK(read_resource(seven, &d) == NULL);
	CHECK_STR(only_line(&d), "(memory)/content/resources/r/resource.yaml:25:7: error: support level 'l7' is one too "
	                         "many: Folio draws at most 6 support levels, each in a style of its own (7 declared); "
	                         "merge or drop some");
	diag_free(&d);
	free(seven);
	free(block);
}

/* The first pattern of r, or NULL. */
static const struct pattern *the_pattern(const struct resource *r)
{
	return r && r->patterns->items.len ? r->patterns->items.items : NULL;
}

/* A pattern's complexity and effort, and the resource's date, written
 * out for templates, in the theme's words... */
static void test_derived_texts(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_on_disk("", "", &d);
	CHECK(site != NULL);
	const struct resource *r = site ? the_resource(site) : NULL;
	const struct pattern *p = the_pattern(r);
	CHECK(p != NULL);
	if (p) {
		CHECK_STR(p->complexity_text.v, "2 of 5");
		CHECK_STR(p->effort->text.v, "1 to 3 weeks");
		CHECK_STR(r->updated_text.v, "2 March 2026");
	}
	model_free(site);
	diag_free(&d);
}

/* ...and in a site's, on the resource's scale and in its unit. */
static void test_derived_texts_overridden(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct site *site = load_on_disk("strings:\n"
	                                 "  scale_value: \"{value}/{max}\"\n"
	                                 "  effort_range: \"{unit}: {min}\u2013{max}\"\n"
	                                 "  date: \"{day}. {month} {year}\"\n"
	                                 "  month_3: M\u00e4rz\n",
	                                 "vocabulary: {effort_unit: Wochen, complexity_max: 3}\n", &d);
	CHECK(site != NULL);
	CHECK_STR(d.nlines ? d.lines[0] : "(none)", "(none)");
	const struct resource *r = site ? the_resource(site) : NULL;
	const struct pattern *p = the_pattern(r);
	CHECK(p != NULL);
	if (p) {
		CHECK_STR(p->complexity_text.v, "2/3");
		CHECK_STR(p->effort->text.v, "Wochen: 1\u2013" "3");
		CHECK_STR(r->updated_text.v, "2. M\u00e4rz 2026");
	}
	model_free(site);
	diag_free(&d);
}

/* Templates read them by these names. */
static void test_derived_rows(void)
{
	const struct field *f = schema_field(&model_pattern_schema, "complexity_text");
	CHECK(f != NULL && (f->flags & SF_DERIVED));
	f = schema_field(&model_resource_schema, "updated_text");
	CHECK(f != NULL && (f->flags & SF_DERIVED));
	f = schema_field(schema_field(&model_pattern_schema, "effort")->sub, "text");
	CHECK(f != NULL && (f->flags & SF_DERIVED));
}

int main(void)
{
	if (mkdtemp(work) == NULL)
		return 2;
	char *setup = xasprintf("mkdir -p '%s/site/content/resources/r/patterns' && cp -R "
	                        "'%s/tests/fixtures/minimal/static' '%s/site/'",
	                        work, TEST_ROOT, work);
	if (!run(setup))
		return 2;
	free(setup);
	RUN(test_defaults_without_strings);
	RUN(test_defaults);
	RUN(test_defaults_overridden);
	RUN(test_derived_texts);
	RUN(test_derived_texts_overridden);
	RUN(test_derived_rows);
	RUN(test_declared_kinds);
	RUN(test_link_flow);
	RUN(test_link_direction);
	RUN(test_too_many_kinds);
	RUN(test_bad_kinds);
	RUN(test_levels);
	RUN(test_too_many_levels);
	char *clean = xasprintf("rm -rf '%s'", work);
	run(clean);
	free(clean);
	return harness_done();
}
