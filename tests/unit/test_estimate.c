/*
 * The estimator's formula against figures worked out by hand.
 *
 * Formula (estimate.h): the largest figure counts fully, each other one
 * at shared_percent; times volume% and experience%; min and max rounded
 * half up separately; complexity is the highest.
 */
#define HARNESS_NAME "estimate"
#include "harness.h"

#include "content/estimate.h"

static struct pattern make(long min, long max, long complexity, struct effort *e)
{
	struct pattern p;
	memset(&p, 0, sizeof p);
	e->min = min;
	e->max = max;
	p.effort = e;
	p.complexity = complexity;
	return p;
}

static void test_one_pattern_at_neutral_factors(void)
{
	struct effort e;
	struct pattern erp = make(8, 16, 4, &e);
	const struct pattern *sel[] = {&erp};
	struct estimate r = estimate_patterns(sel, 1, NULL, 60, 100, 100);
	CHECK(r.min == 8 && r.max == 16 && r.complexity == 4);
}

static void test_two_patterns_high_volume_new_team(void)
{
	/* min: 8 + 0.6 * 3 = 9.8; * 1.30 * 1.25 = 15.925 -> 16
	 * max: 16 + 0.6 * 6 = 19.6; * 1.30 * 1.25 = 31.85 -> 32 */
	struct effort e1, e2;
	struct pattern erp = make(8, 16, 4, &e1), mkt = make(3, 6, 2, &e2);
	const struct pattern *sel[] = {&mkt, &erp};
	struct estimate r = estimate_patterns(sel, 2, NULL, 60, 130, 125);
	CHECK(r.min == 16);
	CHECK(r.max == 32);
	CHECK(r.complexity == 4);
}

static void test_three_patterns_experienced_team(void)
{
	/* min: largest 6, others 4 and 3 at 60%: 6 + 2.4 + 1.8 = 10.2; * 0.85 = 8.67 -> 9
	 * max: largest 12, others 8 and 10: 12 + 4.8 + 6 = 22.8; * 0.85 = 19.38 -> 19 */
	struct effort a, b, c;
	struct pattern bi = make(6, 12, 3, &a), sup = make(4, 8, 2, &b), shop = make(3, 10, 3, &c);
	const struct pattern *sel[] = {&bi, &sup, &shop};
	struct estimate r = estimate_patterns(sel, 3, NULL, 60, 100, 85);
	CHECK(r.min == 9);
	CHECK(r.max == 19);
	CHECK(r.complexity == 3);
}

static void test_half_rounds_up(void)
{
	/* 5 at 90%: 4.5 -> 5; 3 at 90% = 2.7 -> 3 */
	struct effort e;
	struct pattern p = make(3, 5, 1, &e);
	const struct pattern *sel[] = {&p};
	struct estimate r = estimate_patterns(sel, 1, NULL, 60, 90, 100);
	CHECK(r.min == 3);
	CHECK(r.max == 5);
}

static void test_nothing_selected(void)
{
	struct estimate r = estimate_patterns(NULL, 0, NULL, 60, 100, 100);
	CHECK(r.min == 0 && r.max == 0 && r.complexity == 0);
}

/* A site whose strings are pairs[0..n), sorted by key. */
static struct site site_of(struct text_pair *pairs, size_t n)
{
	struct site site;
	memset(&site, 0, sizeof site);
	site.strings.items = pairs;
	site.strings.len = n;
	return site;
}

/* The estimate in words, for the templates: in the resource's unit and
 * on its scale, as the site's strings put them. */
static void test_words(void)
{
	struct effort e;
	struct pattern p = make(4, 8, 3, &e);
	const struct pattern *sel[] = {&p};
	struct estimate r = estimate_patterns(sel, 1, NULL, 60, 100, 100);
	struct vocabulary v = {.effort_unit = {(char *)"shifts", {NULL, 0, 0}}, .complexity_max = 4};
	struct text_pair english[] = {{.key.v = (char *)"effort_range", .value.v = (char *)"{min} to {max} {unit}"},
	                              {.key.v = (char *)"scale_value", .value.v = (char *)"{value} of {max}"}};
	struct site site = site_of(english, 2);
	estimate_words(&r, &site, &v);
	CHECK_STR(r.text.v, "4 to 8 shifts");
	CHECK_STR(r.complexity_text.v, "3 of 4");
	estimate_free_words(&r);
	CHECK(r.text.v == NULL && r.complexity_text.v == NULL);
	struct text_pair own[] = {{.key.v = (char *)"effort_range", .value.v = (char *)"{unit}: {min}-{max}"},
	                          {.key.v = (char *)"scale_value", .value.v = (char *)"{value}/{max}"}};
	site = site_of(own, 2);
	estimate_words(&r, &site, &v);
	CHECK_STR(r.text.v, "shifts: 4-8");
	CHECK_STR(r.complexity_text.v, "3/4");
	estimate_free_words(&r);
}

int main(void)
{
	RUN(test_one_pattern_at_neutral_factors);
	RUN(test_two_patterns_high_volume_new_team);
	RUN(test_three_patterns_experienced_team);
	RUN(test_half_rounds_up);
	RUN(test_nothing_selected);
	RUN(test_words);
	return harness_done();
}
