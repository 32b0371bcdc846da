/*
 * estimate: the scope and cost estimator's formula, and its data for the
 * page's script.
 *
 * The formula (stated on the page from the content's assumptions):
 *   - the selected pattern with the largest figure counts in full;
 *   - every other selected pattern adds shared_percent of its own figure,
 *     because foundations (middleware, ID mapping, environments, tests)
 *     are shared;
 *   - the sum is multiplied by the volume and experience percentages;
 *   - the minimum and the maximum are computed separately, each rounded to
 *     whole units of effort (vocabulary.effort_unit), half up;
 *   - complexity is the highest complexity selected.
 * All arithmetic is on integers, so the page's script (static/js/
 * estimator.js), which does the same, gives the same figures.
 */
#ifndef FOLIO_ESTIMATE_H
#define FOLIO_ESTIMATE_H

#include <stddef.h>

#include "content/model.h"

struct estimate {
	struct pos at;
	long min;               /* in the resource's effort unit */
	long max;
	long complexity;        /* 1 to vocabulary.complexity_max; 0 when nothing is selected */
	struct str text;        /* the range in words, "20 to 40 weeks": NULL unless the
	                         * caller writes it (model_range), and then owned */
	struct str complexity_text;     /* the same for complexity, "5 of 5" (model_scale) */
};

extern const struct schema estimate_schema;

/* The estimate for the patterns[0..n), with the factors in percent. */
struct estimate estimate_patterns(const struct pattern *const *patterns, size_t n, long shared_percent,
                                  long volume_percent, long experience_percent);

/* Writes e's range in v's unit and its complexity on v's scale as site's
 * strings word them (e->text, "20 to 40 weeks", and e->complexity_text,
 * "5 of 5"), for a template; free them with estimate_free_words(). */
void estimate_words(struct estimate *e, const struct site *site, const struct vocabulary *v);

void estimate_free_words(struct estimate *e);

/* The estimator's data as JSON for an inline data block: patterns with
 * their ranges, complexity and risks, the factors, the shared share, and
 * the resource's effort unit and complexity scale for the script's words.
 * '<' is written as \u003c so the text can never end a <script>.
 * Caller frees. */
char *estimate_json(const struct resource *r);

#endif
