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
	struct estimate r = estimate_patterns(sel, 1, 60, 100, 100);
	CHECK(r.min == 8 && r.max == 16 && r.complexity == 4);
}

static void test_two_patterns_high_volume_new_team(void)
{
	/* min: 8 + 0.6 * 3 = 9.8; * 1.30 * 1.25 = 15.925 -> 16
	 * max: 16 + 0.6 * 6 = 19.6; * 1.30 * 1.25 = 31.85 -> 32 */
	struct effort e1, e2;
	struct pattern erp = make(8, 16, 4, &e1), mkt = make(3, 6, 2, &e2);
	const struct pattern *sel[] = {&mkt, &erp};
	struct estimate r = estimate_patterns(sel, 2, 60, 130, 125);
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
	struct estimate r = estimate_patterns(sel, 3, 60, 100, 85);
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
	struct estimate r = estimate_patterns(sel, 1, 60, 90, 100);
	CHECK(r.min == 3);
	CHECK(r.max == 5);
}

static void test_nothing_selected(void)
{
	struct estimate r = estimate_patterns(NULL, 0, 60, 100, 100);
	CHECK(r.min == 0 && r.max == 0 && r.complexity == 0);
}

int main(void)
{
	RUN(test_one_pattern_at_neutral_factors);
	RUN(test_two_patterns_high_volume_new_team);
	RUN(test_three_patterns_experienced_team);
	RUN(test_half_rounds_up);
	RUN(test_nothing_selected);
	return harness_done();
}
