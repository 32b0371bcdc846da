#include "content/estimate.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/escape.h"
#include "base/xalloc.h"

static const struct field estimate_fields[] = {
	SCHEMA_FIELD(struct estimate, min, "min", SK_INT, 0),
	SCHEMA_FIELD(struct estimate, max, "max", SK_INT, 0),
	SCHEMA_FIELD(struct estimate, complexity, "complexity", SK_INT, 0),
	SCHEMA_FIELD(struct estimate, text, "text", SK_LINE, 0),
	SCHEMA_FIELD(struct estimate, complexity_text, "complexity_text", SK_LINE, 0),
	SCHEMA_FIELD(struct estimate, unit_meaning, "unit_meaning", SK_LINE, 0),
	SCHEMA_FIELD(struct estimate, sharing, "sharing", SK_LINE, 0),
	SCHEMA_FIELD(struct estimate, cost_formula, "cost_formula", SK_LINE, 0),
	SCHEMA_END};
const struct schema estimate_schema = {"estimate", sizeof(struct estimate), offsetof(struct estimate, at),
                                       estimate_fields};

/* Effort units (weeks, by default) from a sum in hundredths of a unit
 * times two percentages: millionths of a unit, rounded half up. */
static long round_units(long hundredths, long volume_percent, long experience_percent)
{
	long long micro = (long long)hundredths * volume_percent * experience_percent;
	return (long)((micro + 500000) / 1000000);
}

/* Whether a and b build on a common foundation.  A resource that lists
 * no foundations does not say which patterns share, so all of them do. */
static bool share_foundation(const struct list *foundations, const struct pattern *a, const struct pattern *b)
{
	if (foundations == NULL || foundations->len == 0)
		return true;
	const struct estimator_foundation *f = foundations->items;
	for (size_t i = 0; i < foundations->len; i++) {
		const struct pattern *const *refs = f[i].pattern_refs.items;
		bool has_a = false, has_b = false;
		for (size_t k = 0; k < f[i].pattern_refs.len; k++) {
			has_a |= refs[k] == a;
			has_b |= refs[k] == b;
		}
		if (has_a && has_b)
			return true;
	}
	return false;
}

static long effort_min(const struct pattern *p) { return p->effort ? p->effort->min : 0; }
static long effort_max(const struct pattern *p) { return p->effort ? p->effort->max : 0; }

/* Whether patterns[j] is larger than patterns[i]: the larger upper bound,
 * then the larger lower bound, then the earlier one, so exactly one
 * pattern of a group is the largest. */
static bool larger(const struct pattern *const *patterns, size_t j, size_t i)
{
	long mj = effort_max(patterns[j]), mi = effort_max(patterns[i]);
	if (mj != mi)
		return mj > mi;
	long lj = effort_min(patterns[j]), li = effort_min(patterns[i]);
	if (lj != li)
		return lj > li;
	return j < i;
}

/* full[i]: whether patterns[i] counts in full.  The patterns fall into
 * groups linked by shared foundations (a shares with b, b with c: one
 * group); in each, the largest counts in full, so a pattern that shares
 * nothing with the others is a group of one and counts in full. */
static void mark_full(const struct pattern *const *patterns, size_t n, const struct list *foundations, bool *full)
{
	size_t *group = xcalloc(n, sizeof *group);
	for (size_t i = 0; i < n; i++)
		group[i] = i;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (group[j] != group[i] && share_foundation(foundations, patterns[i], patterns[j])) {
				size_t old = group[j];
				for (size_t k = 0; k < n; k++)
					if (group[k] == old)
						group[k] = group[i];
			}
	for (size_t i = 0; i < n; i++) {
		full[i] = true;
		for (size_t j = 0; j < n && full[i]; j++)
			if (j != i && group[j] == group[i] && larger(patterns, j, i))
				full[i] = false;
	}
	free(group);
}

struct estimate estimate_patterns(const struct pattern *const *patterns, size_t n, const struct list *foundations,
                                  long shared_percent, long volume_percent, long experience_percent)
{
	struct estimate e = {.min = 0};
	if (n == 0)
		return e;
	bool *full = xcalloc(n, sizeof *full);
	mark_full(patterns, n, foundations, full);
	long min_hundredths = 0, max_hundredths = 0;
	for (size_t i = 0; i < n; i++) {
		long share = full[i] ? 100 : shared_percent;
		min_hundredths += effort_min(patterns[i]) * share;
		max_hundredths += effort_max(patterns[i]) * share;
		if (patterns[i]->complexity > e.complexity)
			e.complexity = patterns[i]->complexity;
	}
	free(full);
	e.min = round_units(min_hundredths, volume_percent, experience_percent);
	e.max = round_units(max_hundredths, volume_percent, experience_percent);
	return e;
}

void estimate_words(struct estimate *e, const struct site *site, const struct vocabulary *v)
{
	struct buf words = BUF_INIT;
	model_range(&words, site, e->min, e->max, v->effort_unit.v);
	e->text.v = buf_detach(&words);
	model_scale(&words, site, e->complexity, v->complexity_max);
	e->complexity_text.v = buf_detach(&words);
}

/* The phrase key with its number (the placeholder name, written as the
 * site writes numbers) and the resource's unit filled in. */
static char *phrase_with_number(const struct site *site, const char *key, const char *name, long value,
                                const char *unit)
{
	struct buf number = BUF_INIT, out = BUF_INIT;
	model_number(&number, site, value);
	const struct phrase_arg args[] = {{name, buf_str(&number)}, {"unit", unit}};
	model_phrase(&out, site, key, args, 2);
	buf_free(&number);
	return buf_detach(&out);
}

void estimate_explain(struct estimate *e, const struct site *site, const struct resource *r)
{
	const struct estimator *est = r->estimator;
	const char *unit = r->vocabulary ? r->vocabulary->effort_unit.v : "";
	if (est == NULL)
		return;
	if (est->team_assumed > 0)
		e->unit_meaning.v = phrase_with_number(site, "estimate_unit_meaning", "team", est->team_assumed, unit);
	/* Without foundations every pattern shares, and the rule says so. */
	const char *rule = est->foundations.len ? "estimate_sharing_groups" : "estimate_sharing_all";
	e->sharing.v = phrase_with_number(site, rule, "percent", est->shared_percent, unit);
	if (est->cost)
		e->cost_formula.v = phrase_with_number(site, "estimate_cost_formula", "days", est->cost->days_per_unit, unit);
}

void estimate_free_words(struct estimate *e)
{
	free(e->text.v);
	free(e->complexity_text.v);
	free(e->unit_meaning.v);
	free(e->sharing.v);
	free(e->cost_formula.v);
	e->text.v = e->complexity_text.v = e->unit_meaning.v = e->sharing.v = e->cost_formula.v = NULL;
}

static json_t *factors_json(const struct list *factors)
{
	json_t *arr = json_array();
	const struct estimator_factor *f = factors->items;
	for (size_t i = 0; i < factors->len; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I}", "id", f[i].id.v, "label", f[i].label.v, "percent",
		                                     (json_int_t)f[i].percent));
	return arr;
}

static json_t *strings_json(const struct list *lines)
{
	json_t *arr = json_array();
	const struct str *line = lines->items;
	for (size_t i = 0; i < lines->len; i++)
		json_array_append_new(arr, json_string(line[i].v));
	return arr;
}

static json_t *pattern_json(const struct pattern *p)
{
	json_t *risks = json_array();
	const struct pitfall *pit = p->pitfalls.items;
	for (size_t i = 0; i < p->pitfalls.len; i++)
		json_array_append_new(risks, json_string(pit[i].title.v));
	json_t *assumptions = p->effort ? strings_json(&p->effort->assumptions) : json_array();
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:o, s:o}", "slug", p->slug.v, "label", p->label.v, "min",
	                 (json_int_t)effort_min(p), "max", (json_int_t)effort_max(p), "complexity",
	                 (json_int_t)p->complexity, "risks", risks, "assumptions", assumptions);
}

/* The foundations with the slugs of the patterns that build on them: the
 * script's share_foundation(). */
static json_t *foundations_json(const struct list *foundations)
{
	json_t *arr = json_array();
	const struct estimator_foundation *f = foundations->items;
	for (size_t i = 0; i < foundations->len; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o}", "id", f[i].id.v, "label", f[i].label.v, "patterns",
		                                     strings_json(&f[i].patterns)));
	return arr;
}

/* What the script needs to turn effort into cost; null without a cost. */
static json_t *cost_json(const struct estimator_cost *c)
{
	if (c == NULL)
		return json_null();
	return json_pack("{s:I, s:s}", "days_per_unit", (json_int_t)c->days_per_unit, "currency",
	                 c->currency.v ? c->currency.v : "");
}

char *estimate_json(const struct resource *r)
{
	const struct estimator *e = r->estimator;
	if (e == NULL)
		return xstrdup("{}");
	json_t *patterns = json_array();
	const struct list *items = &r->patterns->items;
	for (size_t i = 0; i < items->len; i++)
		json_array_append_new(patterns, pattern_json(schema_list_at(&model_pattern_schema, items, i)));
	const struct vocabulary *v = r->vocabulary;
	json_t *root = json_pack("{s:I, s:o, s:o, s:o, s:s, s:I}", "shared_percent", (json_int_t)e->shared_percent,
	                         "volumes", factors_json(&e->volumes), "experience", factors_json(&e->experience),
	                         "patterns", patterns, "effort_unit", v ? v->effort_unit.v : "",
	                         "complexity_max", (json_int_t)(v ? v->complexity_max : 0));
	json_object_set_new(root, "foundations", foundations_json(&e->foundations));
	json_object_set_new(root, "team_assumed", json_integer((json_int_t)e->team_assumed));
	json_object_set_new(root, "cost", cost_json(e->cost));
	char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(root);
	if (text == NULL)
		return xstrdup("{}");
	struct buf b = BUF_INIT;
	escape_json_in_script(&b, text);
	free(text);
	return buf_detach(&b);
}
