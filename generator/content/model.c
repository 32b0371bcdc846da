#include "content/model.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/font.h"
#include "base/xalloc.h"

/* Table rows: key, kind, flags, member; variants add a sub-schema, a range
 * or a list of choices. */
#define ROW(T, m, key, kind, flags) SCHEMA_FIELD(T, m, key, kind, flags)
#define SUB(T, m, key, kind, flags, sub, lo, hi) {key, kind, flags, offsetof(T, m), &(sub), lo, hi, NULL, SK_LINE}
#define INT(T, m, key, flags, lo, hi) {key, SK_INT, flags, offsetof(T, m), NULL, lo, hi, NULL, SK_LINE}
#define LINES(T, m, key, flags, lo, hi, item) {key, SK_LINES, flags, offsetof(T, m), NULL, lo, hi, NULL, item}
#define ENUM(T, m, key, flags, choices) {key, SK_ENUM, flags, offsetof(T, m), NULL, 0, 0, choices, SK_LINE}
#define END SCHEMA_END
#define SCHEMA(var, T, label, rows) \
	const struct schema var = {label, sizeof(T), offsetof(T, at), rows}

#define REQ SF_REQUIRED
#define DER SF_DERIVED

static const struct field link_item_fields[] = {
	ROW(struct link_item, label, "label", SK_LINE, REQ),
	ROW(struct link_item, url, "url", SK_LINK, REQ),
	END};
static SCHEMA(link_item_schema, struct link_item, "a link", link_item_fields);

static const struct field cta_fields[] = {
	ROW(struct call_to_action, id, "id", SK_SLUG, REQ),
	ROW(struct call_to_action, label, "label", SK_LINE, REQ),
	ROW(struct call_to_action, url, "url", SK_LINK, REQ | SF_FRAGMENT),
	ROW(struct call_to_action, text, "text", SK_LINE, 0),
	END};
static SCHEMA(cta_schema, struct call_to_action, "a call to action", cta_fields);

static const struct field publisher_fields[] = {
	ROW(struct publisher, name, "name", SK_LINE, REQ),
	ROW(struct publisher, url, "url", SK_URL, REQ),
	ROW(struct publisher, logo, "logo", SK_PATH, REQ),
	ROW(struct publisher, icon, "icon", SK_PATH, 0),
	ROW(struct publisher, description, "description", SK_LINE, 0),
	ROW(struct publisher, logo_url, "logo_url", SK_LINK, DER),
	ROW(struct publisher, icon_svg_url, "icon_svg_url", SK_LINK, DER),
	END};
static SCHEMA(publisher_schema, struct publisher, "site.yaml's publisher", publisher_fields);

/* The publisher's colours; brand_resolve() parses and checks them, and
 * requires primary and accent itself (an unquoted "#..." reads as empty). */
static const struct field brand_fields[] = {
	ROW(struct brand, primary, "primary", SK_LINE, 0),
	ROW(struct brand, accent, "accent", SK_LINE, 0),
	ROW(struct brand, dark_primary, "dark_primary", SK_LINE, 0),
	ROW(struct brand, dark_accent, "dark_accent", SK_LINE, 0),
	ROW(struct brand, theme_color, "theme_color", SK_LINE, 0),
	END};
static SCHEMA(brand_schema, struct brand, "site.yaml's brand", brand_fields);

static const struct field lead_form_fields[] = {
	ROW(struct lead_form, endpoint, "endpoint", SK_URL, REQ | SF_HTTPS),
	ROW(struct lead_form, title, "title", SK_LINE, REQ),
	ROW(struct lead_form, text, "text", SK_LINE, 0),
	END};
static SCHEMA(lead_form_schema, struct lead_form, "site.yaml's lead_form", lead_form_fields);

static const struct field markdown_fields[] = {
	ROW(struct markdown_settings, raw_html, "raw_html", SK_BOOL, 0),
	END};
static SCHEMA(markdown_schema, struct markdown_settings, "site.yaml's markdown", markdown_fields);

static const struct field footer_fields[] = {
	ROW(struct footer, text, "text", SK_MARKDOWN, 0),
	SUB(struct footer, links, "links", SK_LIST, 0, link_item_schema, 0, 0),
	END};
static SCHEMA(footer_schema, struct footer, "site.yaml's footer", footer_fields);

static const struct field titled_text_fields[] = {
	ROW(struct titled_text, title, "title", SK_LINE, REQ),
	ROW(struct titled_text, text, "text", SK_LINE, REQ),
	END};
static SCHEMA(titled_text_schema, struct titled_text, "a list item", titled_text_fields);

static const struct field audience_fields[] = {
	ROW(struct audience, name, "name", SK_LINE, REQ),
	ROW(struct audience, use, "use", SK_LINE, REQ),
	END};
static SCHEMA(audience_schema, struct audience, "an audience", audience_fields);

static const struct field why_fields[] = {
	ROW(struct why, title, "title", SK_LINE, REQ),
	ROW(struct why, intro, "intro", SK_MARKDOWN, REQ),
	SUB(struct why, risks, "risks", SK_LIST, 0, titled_text_schema, 0, 0),
	END};
static SCHEMA(why_schema, struct why, "resource.yaml's why", why_fields);

static const struct field card_section_fields[] = {
	ROW(struct card_section, title, "title", SK_LINE, REQ),
	ROW(struct card_section, intro, "intro", SK_LINE, 0),
	SUB(struct card_section, items, "items", SK_LIST, REQ, titled_text_schema, 1, 0),
	END};
static SCHEMA(card_section_schema, struct card_section, "resource.yaml's cards or steps", card_section_fields);

static const struct field overview_fields[] = {
	ROW(struct overview, title, "title", SK_LINE, REQ),
	ROW(struct overview, hub, "hub", SK_LINE, 0),
	ROW(struct overview, text, "text", SK_MARKDOWN, REQ),
	END};
static SCHEMA(overview_schema, struct overview, "resource.yaml's overview", overview_fields);

static const struct field help_fields[] = {
	ROW(struct help, title, "title", SK_LINE, REQ),
	ROW(struct help, intro, "intro", SK_MARKDOWN, REQ),
	SUB(struct help, services, "services", SK_LIST, 0, titled_text_schema, 0, 0),
	END};
static SCHEMA(help_schema, struct help, "resource.yaml's help", help_fields);

const char *const model_papers[] = {"a4", "letter", NULL};

enum model_paper model_paper_of(const char *name)
{
	for (int i = 0; name && i < MODEL_PAPERS; i++)
		if (strcmp(model_papers[i], name) == 0)
			return (enum model_paper)i;
	return MODEL_PAPER_A4;
}

static const struct field playbook_fields[] = {
	ROW(struct playbook, title, "title", SK_LINE, REQ),
	ROW(struct playbook, file, "file", SK_LINE, REQ),
	ROW(struct playbook, summary, "summary", SK_LINE, REQ),
	LINES(struct playbook, includes, "includes", 0, 0, 0, SK_LINE),
	ENUM(struct playbook, paper, "paper", 0, model_papers),
	ROW(struct playbook, url, "url", SK_LINK, DER),
	END};
static SCHEMA(playbook_schema, struct playbook, "resource.yaml's playbook", playbook_fields);

static const struct field trust_fields[] = {
	ROW(struct trust, title, "title", SK_LINE, REQ),
	LINES(struct trust, points, "points", REQ, 1, 0, SK_LINE),
	END};
static SCHEMA(trust_schema, struct trust, "resource.yaml's trust", trust_fields);

static const struct field next_step_fields[] = {
	ROW(struct next_step, title, "title", SK_LINE, REQ),
	ROW(struct next_step, text, "text", SK_MARKDOWN, REQ),
	ROW(struct next_step, form, "form", SK_BOOL, 0),
	ROW(struct next_step, without_form, "without_form", SK_MARKDOWN, 0),
	ROW(struct next_step, shown, "shown", SK_BOOL, DER),
	END};
static SCHEMA(next_step_schema, struct next_step, "a next step", next_step_fields);

static const struct field next_fields[] = {
	ROW(struct next_section, title, "title", SK_LINE, REQ),
	SUB(struct next_section, steps, "steps", SK_LIST, REQ, next_step_schema, 1, 0),
	END};
static SCHEMA(next_schema, struct next_section, "resource.yaml's next", next_fields);

static const struct field related_item_fields[] = {
	ROW(struct related_item, title, "title", SK_LINE, REQ),
	ROW(struct related_item, url, "url", SK_LINK, REQ),
	ROW(struct related_item, text, "text", SK_LINE, 0),
	END};
static SCHEMA(related_item_schema, struct related_item, "a related item", related_item_fields);

static const struct field related_fields[] = {
	ROW(struct related, title, "title", SK_LINE, REQ),
	SUB(struct related, items, "items", SK_LIST, REQ, related_item_schema, 1, 0),
	END};
static SCHEMA(related_schema, struct related, "resource.yaml's related", related_fields);

static const struct field system_fields[] = {
	ROW(struct system, id, "id", SK_SLUG, REQ),
	ROW(struct system, name, "name", SK_LINE, REQ),
	ROW(struct system, role, "role", SK_LINE, REQ),
	LINES(struct system, examples, "examples", 0, 0, 0, SK_LINE),
	END};
static SCHEMA(system_schema, struct system, "a system", system_fields);

const char *const model_line_styles[] = {"solid", "dashed", "dotted", "heavy", NULL};

enum model_line model_line_of(const char *name)
{
	for (int i = 0; name && i < MODEL_LINES; i++)
		if (strcmp(model_line_styles[i], name) == 0)
			return (enum model_line)i;
	return MODEL_LINE_SOLID;
}

static const struct field flow_kind_fields[] = {
	ROW(struct flow_kind, id, "id", SK_SLUG, REQ),
	ROW(struct flow_kind, label, "label", SK_LINE, REQ),
	ENUM(struct flow_kind, line, "line", 0, model_line_styles),
	INT(struct flow_kind, rank, "rank", DER, 0, 0),
	END};
static SCHEMA(flow_kind_schema, struct flow_kind, "a flow kind", flow_kind_fields);

static const struct field mapping_columns_fields[] = {
	ROW(struct mapping_columns, source, "source", SK_LINE, 0),
	ROW(struct mapping_columns, target, "target", SK_LINE, 0),
	ROW(struct mapping_columns, direction, "direction", SK_LINE, 0),
	ROW(struct mapping_columns, transform, "transform", SK_LINE, 0),
	ROW(struct mapping_columns, owner, "owner", SK_LINE, 0),
	END};
static SCHEMA(mapping_columns_schema, struct mapping_columns, "vocabulary.mapping.columns", mapping_columns_fields);

static const struct field mapping_direction_fields[] = {
	ROW(struct mapping_direction, id, "id", SK_SLUG, REQ),
	ROW(struct mapping_direction, label, "label", SK_LINE, REQ),
	END};
static SCHEMA(mapping_direction_schema, struct mapping_direction, "a mapping direction", mapping_direction_fields);

static const struct field mapping_words_fields[] = {
	ROW(struct mapping_words, title, "title", SK_LINE, 0),
	SUB(struct mapping_words, columns, "columns", SK_OBJECT, 0, mapping_columns_schema, 0, 0),
	SUB(struct mapping_words, directions, "directions", SK_LIST, 0, mapping_direction_schema, 1, 0),
	END};
static SCHEMA(mapping_words_schema, struct mapping_words, "vocabulary.mapping", mapping_words_fields);

static const struct field vocabulary_fields[] = {
	SUB(struct vocabulary, flow_kinds, "flow_kinds", SK_LIST, 0, flow_kind_schema, 1, 0),
	ROW(struct vocabulary, effort_unit, "effort_unit", SK_LINE, 0),
	INT(struct vocabulary, complexity_max, "complexity_max", 0, MODEL_COMPLEXITY_MAX_LOW, MODEL_COMPLEXITY_MAX_HIGH),
	SUB(struct vocabulary, mapping, "mapping", SK_OBJECT, 0, mapping_words_schema, 0, 0),
	END};
static SCHEMA(vocabulary_schema, struct vocabulary, "resource.yaml's vocabulary", vocabulary_fields);

static const struct field flow_fields[] = {
	ROW(struct flow, from, "from", SK_SLUG, REQ),
	ROW(struct flow, to, "to", SK_SLUG, REQ),
	ROW(struct flow, data, "data", SK_LINE, REQ),
	ROW(struct flow, how, "how", SK_SLUG, 0),
	ROW(struct flow, owner, "owner", SK_SLUG, 0),
	ROW(struct flow, how_label, "how_label", SK_LINE, DER),
	SUB(struct flow, kind, "kind", SK_REF, DER, flow_kind_schema, 0, 0),
	SUB(struct flow, from_system, "from_system", SK_REF, DER, system_schema, 0, 0),
	SUB(struct flow, to_system, "to_system", SK_REF, DER, system_schema, 0, 0),
	SUB(struct flow, owner_system, "owner_system", SK_REF, DER, system_schema, 0, 0),
	END};
static SCHEMA(flow_schema, struct flow, "a flow", flow_fields);

static const struct field effort_fields[] = {
	INT(struct effort, min, "min", REQ, 0, 10000),
	INT(struct effort, max, "max", REQ, 0, 10000),
	LINES(struct effort, assumptions, "assumptions", 0, 0, 0, SK_LINE),
	ROW(struct effort, text, "text", SK_LINE, DER),
	END};
static SCHEMA(effort_schema, struct effort, "a pattern's effort", effort_fields);

static const struct field pitfall_fields[] = {
	ROW(struct pitfall, title, "title", SK_LINE, REQ),
	ROW(struct pitfall, problem, "problem", SK_LINE, REQ),
	ROW(struct pitfall, remedy, "remedy", SK_LINE, REQ),
	END};
static SCHEMA(pitfall_schema, struct pitfall, "a pitfall", pitfall_fields);

static const struct field mapping_fields[] = {
	ROW(struct mapping_row, source_system, "source_system", SK_SLUG, REQ),
	ROW(struct mapping_row, source, "source", SK_LINE, REQ),
	ROW(struct mapping_row, target_system, "target_system", SK_SLUG, REQ),
	ROW(struct mapping_row, target, "target", SK_LINE, REQ),
	ROW(struct mapping_row, direction, "direction", SK_SLUG, REQ),
	ROW(struct mapping_row, transform, "transform", SK_LINE, 0),
	ROW(struct mapping_row, owner, "owner", SK_SLUG, REQ),
	ROW(struct mapping_row, direction_label, "direction_label", SK_LINE, DER),
	SUB(struct mapping_row, source_ref, "source_ref", SK_REF, DER, system_schema, 0, 0),
	SUB(struct mapping_row, target_ref, "target_ref", SK_REF, DER, system_schema, 0, 0),
	SUB(struct mapping_row, owner_ref, "owner_ref", SK_REF, DER, system_schema, 0, 0),
	END};
static SCHEMA(mapping_schema, struct mapping_row, "a mapping row", mapping_fields);

static const struct field criterion_fields[] = {
	ROW(struct criterion, id, "id", SK_SLUG, REQ),
	ROW(struct criterion, name, "name", SK_LINE, REQ),
	ROW(struct criterion, text, "text", SK_LINE, 0),
	END};
static SCHEMA(criterion_schema, struct criterion, "a criterion", criterion_fields);

static const struct field rating_fields[] = {
	ROW(struct rating, criterion, "criterion", SK_SLUG, REQ),
	ROW(struct rating, value, "value", SK_LINE, REQ),
	SUB(struct rating, ref, "ref", SK_REF, DER, criterion_schema, 0, 0),
	END};
static SCHEMA(rating_schema, struct rating, "a rating", rating_fields);

static const struct field pattern_fields[] = {
	ROW(struct pattern, slug, "slug", SK_SLUG, DER),
	ROW(struct pattern, url, "url", SK_LINK, DER),
	ROW(struct pattern, title, "title", SK_LINE, REQ),
	ROW(struct pattern, summary, "summary", SK_LINE, REQ),
	INT(struct pattern, weight, "weight", 0, -100000, 100000),
	ROW(struct pattern, draft, "draft", SK_BOOL, 0),
	ROW(struct pattern, short_title, "short", SK_LINE, 0),
	ROW(struct pattern, label, "label", SK_LINE, DER),
	ROW(struct pattern, best_for, "best_for", SK_LINE, REQ),
	ROW(struct pattern, avoid_when, "avoid_when", SK_LINE, 0),
	ROW(struct pattern, decision, "decision", SK_LINE, REQ),
	/* SF_SCALE: up to the resource's vocabulary.complexity_max */
	{"complexity", SK_INT, REQ | SF_SCALE, offsetof(struct pattern, complexity), NULL, 1, MODEL_COMPLEXITY_MAX_DEFAULT,
	 NULL, SK_LINE},
	ROW(struct pattern, complexity_text, "complexity_text", SK_LINE, DER),
	SUB(struct pattern, effort, "effort", SK_OBJECT, REQ, effort_schema, 0, 0),
	SUB(struct pattern, systems, "systems", SK_LIST, REQ, system_schema, 1, 12),
	SUB(struct pattern, flows, "flows", SK_LIST, REQ, flow_schema, 1, 20),
	SUB(struct pattern, pitfalls, "pitfalls", SK_LIST, 0, pitfall_schema, 0, 0),
	SUB(struct pattern, mapping, "mapping", SK_LIST, 0, mapping_schema, 0, 40),
	SUB(struct pattern, ratings, "ratings", SK_LIST, 0, rating_schema, 0, 0),
	ROW(struct pattern, body, "body", SK_MARKDOWN, DER),
	END};
SCHEMA(model_pattern_schema, struct pattern, "a pattern", pattern_fields);

static const struct field faq_fields[] = {
	ROW(struct faq, slug, "slug", SK_SLUG, DER),
	ROW(struct faq, anchor, "anchor", SK_LINE, DER),
	ROW(struct faq, question, "question", SK_LINE, REQ),
	INT(struct faq, weight, "weight", 0, -100000, 100000),
	ROW(struct faq, draft, "draft", SK_BOOL, 0),
	ROW(struct faq, quick, "quick", SK_BOOL, 0),
	ROW(struct faq, answer, "answer", SK_MARKDOWN, DER),
	END};
SCHEMA(model_faq_schema, struct faq, "a FAQ entry", faq_fields);

static const struct field pattern_section_fields[] = {
	ROW(struct pattern_section, title, "title", SK_LINE, REQ),
	ROW(struct pattern_section, intro, "intro", SK_LINE, 0),
	SUB(struct pattern_section, items, "items", SK_LIST, DER, model_pattern_schema, 0, 0),
	END};
static SCHEMA(pattern_section_schema, struct pattern_section, "resource.yaml's patterns", pattern_section_fields);

static const struct field faq_section_fields[] = {
	ROW(struct faq_section, title, "title", SK_LINE, REQ),
	ROW(struct faq_section, intro, "intro", SK_LINE, 0),
	ROW(struct faq_section, quick_title, "quick_title", SK_LINE, 0),
	SUB(struct faq_section, items, "items", SK_LIST, DER, model_faq_schema, 0, 0),
	SUB(struct faq_section, quick, "quick", SK_REFS, DER, model_faq_schema, 0, 0),
	SUB(struct faq_section, more, "more", SK_REFS, DER, model_faq_schema, 0, 0),
	END};
static SCHEMA(faq_section_schema, struct faq_section, "resource.yaml's faq", faq_section_fields);

static const struct field matrix_fields[] = {
	ROW(struct decision_matrix, title, "title", SK_LINE, REQ),
	ROW(struct decision_matrix, guide, "guide", SK_MARKDOWN, REQ),
	ROW(struct decision_matrix, caption, "caption", SK_LINE, 0),
	SUB(struct decision_matrix, criteria, "criteria", SK_LIST, REQ, criterion_schema, 1, 12),
	END};
static SCHEMA(matrix_schema, struct decision_matrix, "resource.yaml's matrix", matrix_fields);

static const struct field product_fields[] = {
	ROW(struct product, id, "id", SK_SLUG, REQ),
	ROW(struct product, name, "name", SK_LINE, REQ),
	END};
static SCHEMA(product_schema, struct product, "a product", product_fields);

static const struct field area_fields[] = {
	ROW(struct area, id, "id", SK_SLUG, REQ),
	ROW(struct area, name, "name", SK_LINE, REQ),
	ROW(struct area, pattern, "pattern", SK_SLUG, 0),
	SUB(struct area, pattern_ref, "pattern_ref", SK_REF, DER, model_pattern_schema, 0, 0),
	END};
static SCHEMA(area_schema, struct area, "an area", area_fields);

static const struct field level_fields[] = {
	ROW(struct support_level, id, "id", SK_SLUG, REQ),
	ROW(struct support_level, label, "label", SK_LINE, REQ),
	ROW(struct support_level, unsourced, "unsourced", SK_BOOL, 0),
	INT(struct support_level, rank, "rank", DER, 0, 0),
	END};
static SCHEMA(level_schema, struct support_level, "a support level", level_fields);

static const struct field cell_fields[] = {
	ROW(struct support_cell, product, "product", SK_SLUG, REQ),
	ROW(struct support_cell, area, "area", SK_SLUG, REQ),
	ROW(struct support_cell, level, "level", SK_SLUG, REQ),
	ROW(struct support_cell, note, "note", SK_LINE, REQ),
	LINES(struct support_cell, sources, "sources", 0, 0, 0, SK_URL),
	ROW(struct support_cell, level_label, "level_label", SK_LINE, DER),
	SUB(struct support_cell, level_ref, "level_ref", SK_REF, DER, level_schema, 0, 0),
	SUB(struct support_cell, product_ref, "product_ref", SK_REF, DER, product_schema, 0, 0),
	END};
static SCHEMA(cell_schema, struct support_cell, "a support cell", cell_fields);

static const struct field row_fields[] = {
	SUB(struct support_row, area, "area", SK_REF, DER, area_schema, 0, 0),
	SUB(struct support_row, cells, "cells", SK_REFS, DER, cell_schema, 0, 0),
	END};
static SCHEMA(row_schema, struct support_row, "a support row", row_fields);

static const struct field support_fields[] = {
	ROW(struct support, title, "title", SK_LINE, REQ),
	ROW(struct support, intro, "intro", SK_MARKDOWN, REQ),
	ROW(struct support, checked, "checked", SK_DATE, REQ),
	ROW(struct support, checked_text, "checked_text", SK_LINE, DER),
	ROW(struct support, note, "note", SK_LINE, REQ),
	ROW(struct support, caption, "caption", SK_LINE, 0),
	ROW(struct support, area_label, "area_label", SK_LINE, 0),
	SUB(struct support, levels, "levels", SK_LIST, REQ, level_schema, 1, 0),
	SUB(struct support, products, "products", SK_LIST, REQ, product_schema, 1, 8),
	SUB(struct support, areas, "areas", SK_LIST, REQ, area_schema, 1, 20),
	SUB(struct support, cells, "cells", SK_LIST, REQ, cell_schema, 1, 160),
	SUB(struct support, rows, "rows", SK_LIST, DER, row_schema, 0, 0),
	END};
static SCHEMA(support_schema, struct support, "resource.yaml's support", support_fields);

static const struct field factor_fields[] = {
	ROW(struct estimator_factor, id, "id", SK_SLUG, REQ),
	ROW(struct estimator_factor, label, "label", SK_LINE, REQ),
	INT(struct estimator_factor, percent, "percent", REQ, 10, 1000),
	END};
static SCHEMA(factor_schema, struct estimator_factor, "an estimator factor", factor_fields);

static const struct field foundation_fields[] = {
	ROW(struct estimator_foundation, id, "id", SK_SLUG, REQ),
	ROW(struct estimator_foundation, label, "label", SK_LINE, REQ),
	LINES(struct estimator_foundation, patterns, "patterns", REQ, 1, 0, SK_SLUG),
	SUB(struct estimator_foundation, pattern_refs, "pattern_refs", SK_REFS, DER, model_pattern_schema, 0, 0),
	END};
static SCHEMA(foundation_schema, struct estimator_foundation, "an estimator foundation", foundation_fields);

static const struct field cost_fields[] = {
	INT(struct estimator_cost, days_per_unit, "days_per_unit", REQ, 1, 366),
	ROW(struct estimator_cost, currency, "currency", SK_LINE, 0),
	END};
static SCHEMA(cost_schema, struct estimator_cost, "the estimator's cost", cost_fields);

static const struct field estimator_fields[] = {
	ROW(struct estimator, title, "title", SK_LINE, REQ),
	ROW(struct estimator, intro, "intro", SK_MARKDOWN, REQ),
	ROW(struct estimator, legend, "legend", SK_LINE, 0),
	ROW(struct estimator, hint, "hint", SK_LINE, 0),
	ROW(struct estimator, pattern_label, "pattern_label", SK_LINE, 0),
	LINES(struct estimator, assumptions, "assumptions", REQ, 1, 0, SK_LINE),
	INT(struct estimator, shared_percent, "shared_percent", REQ, 0, 100),
	SUB(struct estimator, volumes, "volumes", SK_LIST, REQ, factor_schema, 1, 8),
	SUB(struct estimator, experience, "experience", SK_LIST, REQ, factor_schema, 1, 8),
	INT(struct estimator, team_assumed, "team_assumed", 0, 1, 1000),
	SUB(struct estimator, foundations, "foundations", SK_LIST, 0, foundation_schema, 0, 32),
	SUB(struct estimator, cost, "cost", SK_OBJECT, 0, cost_schema, 0, 0),
	END};
static SCHEMA(estimator_schema, struct estimator, "resource.yaml's estimator", estimator_fields);

static const struct field custom_section_fields[] = {
	ROW(struct custom_section, title, "title", SK_LINE, REQ),
	ROW(struct custom_section, body, "body", SK_MARKDOWN, REQ),
	ROW(struct custom_section, anchor, "anchor", SK_SLUG, 0),
	END};
static SCHEMA(custom_section_schema, struct custom_section, "a custom section", custom_section_fields);

/* The built-in sections, in their default order (enum section_kind). */
const struct model_section model_sections[SECTION_CUSTOM] = {
	[SECTION_ANSWERS] = {"answers", "faq"},
	[SECTION_WHY] = {"why", "why"},
	[SECTION_HELPS] = {"helps", "cards"},
	[SECTION_STEPS] = {"steps", "steps"},
	[SECTION_PATTERNS] = {"patterns", "patterns"},
	[SECTION_OVERVIEW] = {"overview", "overview"},
	[SECTION_MATRIX] = {"decision-matrix", "matrix"},
	[SECTION_SUPPORT] = {"support", "support"},
	[SECTION_ESTIMATOR] = {"estimator", "estimator"},
	[SECTION_PLAYBOOK] = {"playbook", "playbook"},
	[SECTION_TRUST] = {"trust", "trust"},
	[SECTION_HELP] = {"help", "help"},
	[SECTION_FAQ] = {"faq", "faq"},
	[SECTION_RELATED] = {"related", "related"},
};

/* A page section's object, under the name templates test it by. */
#define SECTION_REF(kind, name, sub) \
	{name, SK_REF, DER, offsetof(struct page_section, refs[kind]), &(sub), 0, 0, NULL, SK_LINE}

static const struct field page_section_fields[] = {
	ROW(struct page_section, id, "id", SK_SLUG, DER),
	ROW(struct page_section, title, "title", SK_LINE, DER),
	SECTION_REF(SECTION_ANSWERS, "answers", faq_section_schema),
	SECTION_REF(SECTION_WHY, "why", why_schema),
	SECTION_REF(SECTION_HELPS, "cards", card_section_schema),
	SECTION_REF(SECTION_STEPS, "steps", card_section_schema),
	SECTION_REF(SECTION_PATTERNS, "patterns", pattern_section_schema),
	SECTION_REF(SECTION_OVERVIEW, "overview", overview_schema),
	SECTION_REF(SECTION_MATRIX, "matrix", matrix_schema),
	SECTION_REF(SECTION_SUPPORT, "support", support_schema),
	SECTION_REF(SECTION_ESTIMATOR, "estimator", estimator_schema),
	SECTION_REF(SECTION_HELP, "help", help_schema),
	SECTION_REF(SECTION_PLAYBOOK, "playbook", playbook_schema),
	SECTION_REF(SECTION_TRUST, "trust", trust_schema),
	SECTION_REF(SECTION_FAQ, "faq", faq_section_schema),
	SECTION_REF(SECTION_RELATED, "related", related_schema),
	SECTION_REF(SECTION_CUSTOM, "custom", custom_section_schema),
	END};
SCHEMA(model_page_section_schema, struct page_section, "a page section", page_section_fields);

static const struct field resource_fields[] = {
	ROW(struct resource, slug, "slug", SK_SLUG, DER),
	ROW(struct resource, url, "url", SK_LINK, DER),
	ROW(struct resource, title, "title", SK_LINE, REQ),
	ROW(struct resource, kicker, "kicker", SK_LINE, 0),
	ROW(struct resource, summary, "summary", SK_LINE, REQ),
	ROW(struct resource, description, "description", SK_LINE, REQ),
	INT(struct resource, weight, "weight", 0, -100000, 100000),
	ROW(struct resource, draft, "draft", SK_BOOL, 0),
	ROW(struct resource, updated, "updated", SK_DATE, 0),
	ROW(struct resource, updated_text, "updated_text", SK_LINE, DER),
	SUB(struct resource, audiences, "audiences", SK_LIST, 0, audience_schema, 1, 0),
	SUB(struct resource, why, "why", SK_OBJECT, 0, why_schema, 0, 0),
	SUB(struct resource, cards, "cards", SK_OBJECT, 0, card_section_schema, 0, 0),
	SUB(struct resource, steps, "steps", SK_OBJECT, 0, card_section_schema, 0, 0),
	SUB(struct resource, patterns, "patterns", SK_OBJECT, 0, pattern_section_schema, 0, 0),
	SUB(struct resource, overview, "overview", SK_OBJECT, 0, overview_schema, 0, 0),
	SUB(struct resource, help, "help", SK_OBJECT, 0, help_schema, 0, 0),
	SUB(struct resource, playbook, "playbook", SK_OBJECT, 0, playbook_schema, 0, 0),
	SUB(struct resource, trust, "trust", SK_OBJECT, 0, trust_schema, 0, 0),
	SUB(struct resource, next, "next", SK_OBJECT, 0, next_schema, 0, 0),
	SUB(struct resource, faq, "faq", SK_OBJECT, 0, faq_section_schema, 0, 0),
	SUB(struct resource, related, "related", SK_OBJECT, 0, related_schema, 0, 0),
	SUB(struct resource, matrix, "matrix", SK_OBJECT, 0, matrix_schema, 0, 0),
	SUB(struct resource, support, "support", SK_OBJECT, 0, support_schema, 0, 0),
	SUB(struct resource, estimator, "estimator", SK_OBJECT, 0, estimator_schema, 0, 0),
	SUB(struct resource, vocabulary, "vocabulary", SK_OBJECT, 0, vocabulary_schema, 0, 0),
	LINES(struct resource, cta, "cta", 0, 0, 0, SK_LINE),
	LINES(struct resource, sections, "sections", 0, 1, 0, SK_SLUG),
	SUB(struct resource, custom_sections, "custom_sections", SK_LIST, 0, custom_section_schema, 1, 0),
	SUB(struct resource, actions, "actions", SK_LIST, DER, cta_schema, 0, 0),
	SUB(struct resource, contents, "contents", SK_LIST, DER, model_page_section_schema, 0, 0),
	END};
SCHEMA(model_resource_schema, struct resource, "resource.yaml", resource_fields);

const char *const model_page_types[] = {"about", "contact", "page", NULL};
const char *const model_page_menus[] = {"header", "footer", "both", "none", NULL};

static const struct field page_fields[] = {
	ROW(struct plain_page, slug, "slug", SK_SLUG, DER),
	ROW(struct plain_page, url, "url", SK_LINK, DER),
	ROW(struct plain_page, title, "title", SK_LINE, REQ),
	ROW(struct plain_page, description, "description", SK_LINE, REQ),
	ENUM(struct plain_page, type, "type", 0, model_page_types),
	INT(struct plain_page, weight, "weight", 0, -100000, 100000),
	ROW(struct plain_page, draft, "draft", SK_BOOL, 0),
	ENUM(struct plain_page, menu, "menu", 0, model_page_menus),
	ROW(struct plain_page, body, "body", SK_MARKDOWN, DER),
	END};
SCHEMA(model_page_schema, struct plain_page, "a page", page_fields);

/* The publisher's own fonts: file names no reader sees. */
static const struct field site_fonts_fields[] = {
	ROW(struct site_fonts, regular, "regular", SK_LINE, SF_UNSHOWN),
	ROW(struct site_fonts, bold, "bold", SK_LINE, SF_UNSHOWN),
	ROW(struct site_fonts, italic, "italic", SK_LINE, SF_UNSHOWN),
	ROW(struct site_fonts, mono, "mono", SK_LINE, SF_UNSHOWN),
	END};
static SCHEMA(site_fonts_schema, struct site_fonts, "site.yaml's fonts", site_fonts_fields);

static const struct field site_fields[] = {
	ROW(struct site, title, "title", SK_LINE, REQ),
	ROW(struct site, tagline, "tagline", SK_LINE, 0),
	ROW(struct site, description, "description", SK_LINE, REQ),
	ROW(struct site, base_url, "base_url", SK_URL, REQ),
	ROW(struct site, language, "language", SK_LINE, REQ),
	SUB(struct site, publisher, "publisher", SK_OBJECT, REQ, publisher_schema, 0, 0),
	SUB(struct site, brand, "brand", SK_OBJECT, 0, brand_schema, 0, 0),
	SUB(struct site, calls_to_action, "calls_to_action", SK_LIST, 0, cta_schema, 0, 0),
	SUB(struct site, lead_form, "lead_form", SK_OBJECT, 0, lead_form_schema, 0, 0),
	SUB(struct site, navigation, "navigation", SK_LIST, 0, link_item_schema, 0, 0),
	SUB(struct site, footer, "footer", SK_OBJECT, 0, footer_schema, 0, 0),
	SUB(struct site, markdown, "markdown", SK_OBJECT, 0, markdown_schema, 0, 0),
	SUB(struct site, strings, "strings", SK_MAP, 0, schema_text_pair, 0, 0),
	SUB(struct site, resources, "resources", SK_LIST, DER, model_resource_schema, 0, 0),
	SUB(struct site, pages, "pages", SK_LIST, DER, model_page_schema, 0, 0),
	SUB(struct site, fonts, "fonts", SK_OBJECT, 0, site_fonts_schema, 0, 0),
	END};
SCHEMA(model_site_schema, struct site, "site.yaml", site_fields);

void model_free(struct site *site)
{
	if (site == NULL)
		return;
	for (size_t i = 0; i < site->nlinks; i++) {
		free(site->links[i].path);
		free(site->links[i].copy);
		free(site->links[i].fragment);
		free(site->links[i].written);
	}
	free(site->links);
	free(site->read);
	schema_free_fields(&model_site_schema, site);
	font_free(site->own_fonts);
	for (size_t i = 0; i < site->npaths; i++)
		free(site->paths[i]);
	free(site->paths);
	free(site);
}

static int compare_key(const void *key, const void *pair)
{
	return strcmp(key, ((const struct text_pair *)pair)->key.v);
}

const char *model_string(const struct site *site, const char *key)
{
	if (site->strings.len == 0)     /* no strings file was read (load_text): bsearch wants an array */
		return key;
	const struct text_pair *found =
		bsearch(key, site->strings.items, site->strings.len, sizeof(struct text_pair), compare_key);
	return found ? found->value.v : key;
}

void model_phrase(struct buf *out, const struct site *site, const char *key, const struct phrase_arg *args,
                  size_t nargs)
{
	const char *phrase = model_string(site, key);
	struct buf filled = BUF_INIT;
	/* Fails only for a string the loader did not check: shown as written. */
	if (phrase_fill(&filled, phrase, args, nargs, NULL) == PHRASE_OK)
		buf_put(out, buf_str(&filled), filled.len);
	else
		buf_puts(out, phrase);
	buf_free(&filled);
}

/* The mark called key, or fallback for a site with no strings (load_text). */
static const char *number_mark(const struct site *site, const char *key, const char *fallback)
{
	const char *mark = model_string(site, key);
	return mark == key ? fallback : mark;
}

void model_decimal(struct buf *out, const struct site *site, long scaled, int decimals)
{
	buf_put_number(out, scaled, decimals, number_mark(site, "number_group", ","),
	               number_mark(site, "number_decimal", "."));
}

void model_number(struct buf *out, const struct site *site, long value)
{
	model_decimal(out, site, value, 0);
}

char *model_number_text(const struct site *site, long value)
{
	struct buf b = BUF_INIT;
	model_number(&b, site, value);
	return buf_detach(&b);
}

void model_scale(struct buf *out, const struct site *site, long value, long max)
{
	char *v = model_number_text(site, value), *m = model_number_text(site, max);
	const struct phrase_arg args[] = {{"value", v}, {"max", m}};
	model_phrase(out, site, "scale_value", args, 2);
	free(v);
	free(m);
}

void model_range(struct buf *out, const struct site *site, long min, long max, const char *unit)
{
	char *lo = model_number_text(site, min), *hi = model_number_text(site, max);
	const struct phrase_arg args[] = {{"min", lo}, {"max", hi}, {"unit", unit}};
	model_phrase(out, site, "effort_range", args, 3);
	free(lo);
	free(hi);
}

void model_date(struct buf *out, const struct site *site, const char *iso)
{
	int y, m, d;
	char extra;
	if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 || m > 12) {
		buf_puts(out, iso);
		return;
	}
	char month_key[16], day[16], year[16];
	snprintf(month_key, sizeof month_key, "month_%d", m);
	snprintf(day, sizeof day, "%d", d);
	snprintf(year, sizeof year, "%d", y);
	const struct phrase_arg args[] = {{"day", day}, {"month", model_string(site, month_key)}, {"year", year}};
	model_phrase(out, site, "date", args, sizeof args / sizeof args[0]);
}
