/*
 * Line breaking, as properties on random paragraphs: no line is ever
 * wider than its measure, every word comes out in order (hyphenated or cut
 * pieces put back together); and justified lines but the last fill the
 * measure.
 */
#define HARNESS_NAME "typeset"
#include "harness.h"

#include "buf.h"
#include "diag.h"
#include "font.h"
#include "typeset.h"

static struct fontset *fs;
static struct typesetter *ts;

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned next_rand(unsigned bound)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % bound);
}

static const char *const words[] = {"integration", "the", "CRM", "architecture", "of", "orders",
                                    "synchronisation", "a", "is", "customer", "data", "warehouse",
                                    "Supercalifragilisticexpialidociousandthensome", "café", "über",
                                    "—", "API", "middleware", "and", "rate-limited", "x"};

/* The text of lines with the hyphens added at breaks taken out again. */
static void rejoin(const struct ts_lines *l, struct buf *out)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t w = 0; w < l->v[i].n; w++) {
			const char *t = l->v[i].words[w].text;
			size_t len = strlen(t);
			bool last_of_line = w + 1 == l->v[i].n && i + 1 < l->n;
			buf_put(out, t, len);
			/* a hyphen the breaking added goes; spaces do not matter */
			if (last_of_line && len > 1 && t[len - 1] == '-')
				out->data[--out->len] = '\0';
			buf_putc(out, ' ');
		}
}

/* Words of a text without spaces, for comparing content. */
static void squash(const char *in, struct buf *out)
{
	for (const char *p = in; *p; p++)
		if (*p != ' ')
			buf_putc(out, *p);
}

static void test_random_paragraphs(void)
{
	for (int round = 0; round < 400; round++) {
		struct ts_spans spans = {NULL, 0, 0};
		struct buf text = BUF_INIT;
		size_t n = 1 + next_rand(60);
		for (size_t i = 0; i < n; i++) {
			const char *w = words[next_rand(sizeof words / sizeof words[0])];
			enum font_face face = (enum font_face)next_rand(4);
			struct buf piece = BUF_INIT;
			buf_printf(&piece, "%s%s", w, i + 1 < n ? " " : "");
			ts_spans_add(&spans, piece.data, face, 9 + next_rand(4), TS_TEXT, next_rand(5) ? NULL : "https://x.test/");
			buf_puts(&text, piece.data);
			buf_free(&piece);
		}
		double measure = 40 + next_rand(400);
		bool justify = next_rand(2);
		struct ts_lines lines;
		ts_break(ts, &spans, measure, justify, &lines);
		bool ok = lines.n > 0;
		for (size_t i = 0; i < lines.n; i++) {
			const struct ts_line *l = &lines.v[i];
			for (size_t w = 0; w < l->n; w++) {
				double right = l->words[w].x + font_width(fs, l->words[w].face, l->words[w].text, l->words[w].size);
				if (right > measure + 0.01) {
					harness_note(__FILE__, __LINE__, "round %d: line %zu ends at %.2f, measure %.2f (word '%s' at %.2f, width %.2f, %s)",
					             round, i, right, measure, l->words[w].text, l->words[w].x, l->words[w].width,
					             justify ? "justified" : "ragged");
					ok = false;
				}
				if (l->words[w].x < -0.01)
					ok = false;
			}
		}
		struct buf got = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
		rejoin(&lines, &got);
		squash(got.data ? got.data : "", &a);
		squash(text.data, &b);
		if (strcmp(a.data ? a.data : "", b.data ? b.data : "") != 0) {
			harness_note(__FILE__, __LINE__, "round %d: text changed: '%s' vs '%s'", round, a.data, b.data);
			ok = false;
		}
		CHECK(ok);
		buf_free(&got);
		buf_free(&a);
		buf_free(&b);
		buf_free(&text);
		ts_lines_free(&lines);
		ts_spans_free(&spans);
		if (!ok)
			break;
	}
}

static void test_justified_lines_fill_the_measure(void)
{
	struct ts_spans spans = {NULL, 0, 0};
	ts_spans_add(&spans,
	             "Integration architecture decides how data moves between the CRM and the systems around it, "
	             "which system owns each record, and what happens when two of them disagree about a customer.",
	             FONT_REGULAR, 10, TS_TEXT, NULL);
	struct ts_lines lines;
	ts_break(ts, &spans, 200, true, &lines);
	CHECK(lines.n >= 3);
	for (size_t i = 0; i + 1 < lines.n; i++) {
		const struct ts_line *l = &lines.v[i];
		const struct ts_word *w = &l->words[l->n - 1];
		double right = w->x + w->width;
		CHECK(right > 199.5 && right < 200.01);
	}
	const struct ts_line *last = &lines.v[lines.n - 1];
	CHECK(last->words[last->n - 1].x + last->words[last->n - 1].width < 200);
	ts_lines_free(&lines);
	ts_spans_free(&spans);
}

static void test_hyphenates_when_it_helps(void)
{
	struct ts_spans spans = {NULL, 0, 0};
	ts_spans_add(&spans, "synchronisation synchronisation synchronisation synchronisation", FONT_REGULAR, 10,
	             TS_TEXT, NULL);
	struct ts_lines lines;
	ts_break(ts, &spans, 100, true, &lines);
	bool hyphen = false;
	for (size_t i = 0; i + 1 < lines.n; i++) {
		const char *t = lines.v[i].words[lines.v[i].n - 1].text;
		hyphen |= t[strlen(t) - 1] == '-';
	}
	CHECK(hyphen);
	ts_lines_free(&lines);
	ts_spans_free(&spans);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/static/fonts", &d);
	if (fs == NULL)
		return 1;
	ts = ts_new(fs);
	RUN(test_random_paragraphs);
	RUN(test_justified_lines_fill_the_measure);
	RUN(test_hyphenates_when_it_helps);
	ts_free(ts);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
