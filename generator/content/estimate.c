#include "content/estimate.h"

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

/* One figure: the largest counts fully, the others at shared_percent. */
static long combine(const long *figures, size_t n, long shared_percent)
{
	size_t largest = 0;
	for (size_t i = 1; i < n; i++)
		if (figures[i] > figures[largest])
			largest = i;
	long hundredths = 0;
	for (size_t i = 0; i < n; i++)
		hundredths += figures[i] * (i == largest ? 100 : shared_percent);
	return hundredths;
}

struct estimate estimate_patterns(const struct pattern *const *patterns, size_t n, long shared_percent,
                                  long volume_percent, long experience_percent)
{
	struct estimate e = {.min = 0};
	if (n == 0)
		return e;
	long *mins = xcalloc(n, sizeof *mins);
	long *maxs = xcalloc(n, sizeof *maxs);
	for (size_t i = 0; i < n; i++) {
		mins[i] = patterns[i]->effort ? patterns[i]->effort->min : 0;
		maxs[i] = patterns[i]->effort ? patterns[i]->effort->max : 0;
		if (patterns[i]->complexity > e.complexity)
			e.complexity = patterns[i]->complexity;
	}
	e.min = round_units(combine(mins, n, shared_percent), volume_percent, experience_percent);
	e.max = round_units(combine(maxs, n, shared_percent), volume_percent, experience_percent);
	free(mins);
	free(maxs);
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

void estimate_free_words(struct estimate *e)
{
	free(e->text.v);
	free(e->complexity_text.v);
	e->text.v = e->complexity_text.v = NULL;
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

static json_t *pattern_json(const struct pattern *p)
{
	json_t *risks = json_array();
	const struct pitfall *pit = p->pitfalls.items;
	for (size_t i = 0; i < p->pitfalls.len; i++)
		json_array_append_new(risks, json_string(pit[i].title.v));
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:o}", "slug", p->slug.v, "label", p->label.v, "min",
	                 (json_int_t)(p->effort ? p->effort->min : 0), "max",
	                 (json_int_t)(p->effort ? p->effort->max : 0), "complexity", (json_int_t)p->complexity,
	                 "risks", risks);
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
	char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(root);
	if (text == NULL)
		return xstrdup("{}");
	struct buf b = BUF_INIT;
	escape_json_in_script(&b, text);
	free(text);
	return buf_detach(&b);
}
