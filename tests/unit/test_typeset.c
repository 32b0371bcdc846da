/*
 * Line breaking, as properties on random paragraphs: no line is ever
 * wider than its measure, every word comes out in order (hyphenated or cut
 * pieces put back together); and justified lines but the last fill the
 * measure.
 */
#define HARNESS_NAME "typeset"
#include "harness.h"

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "pdf/typeset.h"

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
		struct ts_spans spans = {.v = NULL};
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
	struct ts_spans spans = {.v = NULL};
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

/* A word made of several spans ("**bold**text") that is wider than the
 * measure only together (found by fuzzing): its lines still fit, and a
 * word of two short spans is not broken between them. */
static void test_word_of_spans_wider_than_the_measure(void)
{
	struct ts_spans spans = {.v = NULL};
	ts_spans_add(&spans, "[[[[[[[[[[[[", FONT_REGULAR, 10, TS_TEXT, NULL);
	ts_spans_add(&spans, "x", FONT_BOLD, 10, TS_TEXT, NULL);
	ts_spans_add(&spans, "]()]()]()]()]()]()]()]()]()]()]()]()]()]()]()]()]()]()]()]()", FONT_REGULAR, 10, TS_TEXT, NULL);
	for (int justify = 0; justify < 2; justify++) {
		struct ts_lines lines;
		ts_break(ts, &spans, 120, justify, &lines);
		CHECK(lines.n >= 2);
		for (size_t i = 0; i < lines.n; i++)
			CHECK(lines.v[i].width <= 120.01);
		ts_lines_free(&lines);
	}
	ts_spans_free(&spans);
	ts_spans_add(&spans, "Read the ", FONT_REGULAR, 10, TS_TEXT, NULL);
	ts_spans_add(&spans, "playbook", FONT_BOLD, 10, TS_TEXT, NULL);
	ts_spans_add(&spans, ", then the patterns.", FONT_REGULAR, 10, TS_TEXT, NULL);
	struct ts_lines lines;
	ts_break(ts, &spans, 70, false, &lines);
	bool comma_alone = false;
	for (size_t i = 0; i < lines.n; i++)
		comma_alone |= lines.v[i].n > 0 && lines.v[i].words[0].text[0] == ',';
	CHECK(!comma_alone);
	ts_lines_free(&lines);
	ts_spans_free(&spans);
}

/* The patterns of a language are Debian's file for it. */
static void test_hyphen_files(void)
{
	static const struct {
		const char *language, *file;
	} cases[] = {
		{"de", "/usr/share/hyphen/hyph_de_DE.dic"}, {"de-AT", "/usr/share/hyphen/hyph_de_AT.dic"},
		{"DE-at", "/usr/share/hyphen/hyph_de_AT.dic"}, {"en", "/usr/share/hyphen/hyph_en_US.dic"},
		{"zz", NULL}, {"zz-ZZ", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *file = ts_hyphen_file(cases[i].language);
		if (cases[i].file == NULL)
			CHECK(file == NULL);
		else
			CHECK_STR(file ? file : "(none)", cases[i].file);
		free(file);
	}
	char *package = ts_hyphen_package("fr-CA");
	CHECK_STR(package, "hyphen-fr");
	free(package);
	package = ts_hyphen_package("en-GB");
	CHECK_STR(package, "hyphen-en-us");
	free(package);
}

/* German words, umlauts and ß included, break only where German
 * hyphenates them (Debian's patterns are ISO 8859-1: the typesetter
 * converts), and come back whole. */
static void test_hyphenates_german(void)
{
	/* The points a German dictionary gives: Qua-li-täts-si-che-rungs-maß-nah-men. */
	static const char word[] = "Qualitätssicherungsmaßnahmen";
	static const char *const pieces[] = {"Qua", "li", "täts", "si", "che", "rungs", "maß", "nah", "men"};
	struct typesetter *de = ts_new(fs, "de");
	struct ts_spans spans = {.v = NULL};
	for (int i = 0; i < 6; i++)
		ts_spans_add(&spans, i ? " Qualitätssicherungsmaßnahmen" : "Qualitätssicherungsmaßnahmen", FONT_REGULAR,
		             10, TS_TEXT, NULL);
	struct ts_lines lines;
	ts_break(de, &spans, 110, true, &lines);
	size_t broken = 0;
	for (size_t i = 0; i + 1 < lines.n; i++) {
		const char *t = lines.v[i].words[lines.v[i].n - 1].text;
		size_t len = strlen(t);
		if (len < 2 || t[len - 1] != '-')
			continue;
		broken++;
		/* the part before the hyphen ends the word's text at a valid
		 * point (it starts where the line before broke it) */
		bool valid = false;
		size_t at = 0;
		for (size_t k = 0; k < sizeof pieces / sizeof pieces[0] && !valid; k++) {
			at += strlen(pieces[k]);
			valid = at >= len - 1 && strncmp(t, word + at - (len - 1), len - 1) == 0;
		}
		CHECK(valid);
		if (!valid)
			fprintf(stderr, "  broken as '%s'\n", t);
	}
	CHECK(broken > 0);
	struct buf joined = BUF_INIT, squashed = BUF_INIT;
	rejoin(&lines, &joined);
	squash(buf_str(&joined), &squashed);
	struct buf want = BUF_INIT;
	for (int i = 0; i < 6; i++)
		buf_puts(&want, word);
	CHECK_STR(buf_str(&squashed), buf_str(&want));
	buf_free(&joined);
	buf_free(&squashed);
	buf_free(&want);
	ts_lines_free(&lines);
	ts_spans_free(&spans);
	ts_free(de);
}

static void test_hyphenates_when_it_helps(void)
{
	struct ts_spans spans = {.v = NULL};
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

/* How many lines but the last of word, six times over in justified text
 * of a narrow measure, end with a hyphen the breaking added. */
static size_t hyphen_breaks(struct typesetter *with, const char *word)
{
	struct ts_spans spans = {.v = NULL};
	for (int i = 0; i < 6; i++) {
		ts_spans_add(&spans, i ? " " : "", FONT_REGULAR, 10, TS_TEXT, NULL);
		ts_spans_add(&spans, word, FONT_REGULAR, 10, TS_TEXT, NULL);
	}
	struct ts_lines lines;
	ts_break(with, &spans, 100, true, &lines);
	size_t broken = 0;
	for (size_t i = 0; i + 1 < lines.n; i++)
		broken += lines.v[i].n && lines.v[i].words[lines.v[i].n - 1].hyphenated;
	ts_lines_free(&lines);
	ts_spans_free(&spans);
	return broken;
}

/* Names and acronyms stay whole: in English a word with any capital, in
 * German (which capitalises its nouns) one with a capital after its
 * first letter; the same letters in lower case do break, so the rule and
 * not the dictionary keeps them whole. */
static void test_names_stay_whole(void)
{
	CHECK(hyphen_breaks(ts, "synchronisation") > 0);
	CHECK_INT(hyphen_breaks(ts, "Synchronisation"), 0);
	CHECK_INT(hyphen_breaks(ts, "Salesforce"), 0);
	CHECK_INT(hyphen_breaks(ts, "synchroNisation"), 0);
	struct typesetter *de = ts_new(fs, "de-AT");
	CHECK(hyphen_breaks(de, "Synchronisation") > 0);    /* a German noun */
	CHECK(hyphen_breaks(de, "marketingautomation") > 0);
	CHECK_INT(hyphen_breaks(de, "MarketingAutomation"), 0);
	CHECK_INT(hyphen_breaks(de, "ÜberSynchronisation"), 0);
	ts_free(de);
}

/* A ragged cell whose one long word must stand alone on a line (no space
 * to stretch) still fills its other lines: none but the last is left at
 * less than half the measure, though each would take the next word. */
static void test_lone_word_keeps_lines_full(void)
{
	struct ts_spans spans = {.v = NULL};
	ts_spans_add(&spans, "Kind. ", FONT_BOLD, 7.5, TS_TEXT, NULL);
	ts_spans_add(&spans, "alpha, betagamma, Processingenginesservice, inbound hooks, token 2.0; make, worker, "
	             "relay (third party)", FONT_REGULAR, 7.5, TS_TEXT, NULL);
	for (int i = 0; i < 6; i++)
		ts_spans_add(&spans, " [4]", FONT_REGULAR, 7.5, TS_LINK, "https://example.org/");
	struct ts_lines lines;
	const double measure = 95;
	ts_break(ts, &spans, measure, false, &lines);
	for (size_t i = 0; i + 1 < lines.n; i++) {
		double next = font_width(fs, FONT_REGULAR, lines.v[i + 1].words[0].text, 7.5) +
		              font_width(fs, FONT_REGULAR, " ", 7.5);
		bool short_line = lines.v[i].width < measure / 2 && lines.v[i].width + next <= measure;
		CHECK(!short_line);
		if (short_line)
			fprintf(stderr, "  line %zu is %.1f pt of %.0f\n", i, lines.v[i].width, measure);
	}
	ts_lines_free(&lines);
	ts_spans_free(&spans);
}

/* Random tables: the columns fill the measure exactly, and every line of
 * every cell fits its column. */
static void test_random_tables(void)
{
	for (int round = 0; round < 200; round++) {
		size_t rows = 1 + next_rand(8), cols = 1 + next_rand(7);
		struct ts_spans *cells = xcalloc(rows * cols, sizeof *cells);
		const struct ts_spans **ptrs = xcalloc(rows * cols, sizeof *ptrs);
		for (size_t i = 0; i < rows * cols; i++) {
			size_t n = next_rand(12);
			for (size_t k = 0; k < n; k++)
				ts_spans_add(&cells[i], words[next_rand(sizeof words / sizeof words[0])], (enum font_face)next_rand(4),
				             8, TS_TEXT, NULL);
			for (size_t k = 0; k + 1 < cells[i].n; k++) {
				char *spaced = xasprintf("%s ", cells[i].v[k].text);
				free(cells[i].v[k].text);
				cells[i].v[k].text = spaced;
			}
			ptrs[i] = &cells[i];
		}
		double total = 100 + next_rand(400), pad = 8;
		double *w = xcalloc(cols, sizeof *w);
		ts_column_widths(fs, ptrs, rows, cols, total, pad, w);
		double sum = 0;
		bool ok = true;
		for (size_t c = 0; c < cols; c++)
			sum += w[c];
		if (sum > total + 0.01 || sum < total - 0.01) {
			harness_note(__FILE__, __LINE__, "round %d: columns add up to %.2f, not %.2f", round, sum, total);
			ok = false;
		}
		for (size_t i = 0; i < rows * cols && ok; i++) {
			double measure = w[i % cols] - pad;
			struct ts_lines lines;
			ts_break(ts, &cells[i], measure, false, &lines);
			for (size_t l = 0; l < lines.n; l++)
				for (size_t k = 0; k < lines.v[l].n; k++) {
					const struct ts_word *word = &lines.v[l].words[k];
					if (word->x + font_width(fs, word->face, word->text, word->size) > measure + 0.01) {
						harness_note(__FILE__, __LINE__, "round %d: '%s' overflows a %.1f column", round, word->text,
						             measure);
						ok = false;
					}
				}
			ts_lines_free(&lines);
		}
		CHECK(ok);
		for (size_t i = 0; i < rows * cols; i++)
			ts_spans_free(&cells[i]);
		free(cells);
		free(ptrs);
		free(w);
		if (!ok)
			break;
	}
}

/* Random block streams, with runs of unbreakable blocks taller than a
 * page: nothing goes below the page's bottom, order is kept, pages begin
 * only where a break is allowed (headings stay with what follows, no
 * widow or orphan) unless a run was taller than a page, and a table's
 * header row starts every page its rows continue on. */
static void test_random_pagination(void)
{
	const double top = 50, bottom = 750;
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + next_rand(300);
		struct ts_block *b = xcalloc(n, sizeof *b);
		int table = 0;
		bool in_table = false, table_started = false;
		for (size_t i = 0; i < n; i++) {
			/* single blocks always fit a page (pictures are scaled to);
			 * runs of unbreakable ones often do not */
			double h = next_rand(50) == 0 ? 200 + next_rand(400) : 5 + next_rand(30);
			b[i] = (struct ts_block){h, (double)next_rand(12), next_rand(3) != 0, next_rand(40) == 0, 0, false, NULL};
			/* tables are runs of rows, the first one the header */
			if (!in_table && next_rand(30) == 0) {
				table++;
				in_table = true;
				table_started = false;
			} else if (in_table && next_rand(12) == 0) {
				in_table = false;
			}
			if (in_table) {
				b[i].table = table;
				b[i].header = !table_started;
				table_started = true;
				if (b[i].header)
					b[i].height = 15;
			}
		}
		size_t np, pages;
		struct ts_placed *p = ts_paginate(b, n, top, bottom, &np, &pages);
		bool ok = np >= n;
		size_t next = 0;
		for (size_t i = 0; i < np && ok; i++) {
			const struct ts_block *blk = p[i].block;
			bool first_on_page = i == 0 || p[i - 1].page != p[i].page;
			if (p[i].y + blk->height > bottom + 0.01) {
				harness_note(__FILE__, __LINE__, "round %d: block %zu ends at %.1f", round, (size_t)(blk - b),
				             p[i].y + blk->height);
				ok = false;
			}
			if (p[i].y < top - 0.01)
				ok = false;
			bool repeat = blk->header && (size_t)(blk - b) < next;
			if (!repeat) {
				if ((size_t)(blk - b) != next) {
					harness_note(__FILE__, __LINE__, "round %d: block %zu placed out of order", round, (size_t)(blk - b));
					ok = false;
				}
				next++;
			}
			/* a page begins only where a break is allowed, unless the run
			 * of blocks it cuts was taller than a whole page */
			if (first_on_page && i > 0 && !repeat && !blk->break_before && !blk->new_page) {
				size_t k = (size_t)(blk - b);
				while (k > 0 && !b[k].break_before && !b[k].new_page)
					k--;
				double run = 0;
				for (size_t m = k; m < n && (m == k || (!b[m].break_before && !b[m].new_page)); m++)
					run += b[m].space_before + b[m].height;
				if (run <= bottom - top) {
					harness_note(__FILE__, __LINE__, "round %d: page %zu begins inside an unbreakable run", round,
					             p[i].page);
					ok = false;
				}
			}
			/* a continued table starts the page with its header */
			if (first_on_page && i > 0 && blk->table && !blk->header && p[i - 1].block->table == blk->table) {
				harness_note(__FILE__, __LINE__, "round %d: page %zu continues table %d without its header", round,
				             p[i].page, blk->table);
				ok = false;
			}
		}
		CHECK(ok);
		CHECK(pages >= 1);
		free(p);
		free(b);
		if (!ok)
			break;
	}
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	ts = ts_new(fs, "en");
	RUN(test_random_paragraphs);
	RUN(test_justified_lines_fill_the_measure);
	RUN(test_hyphenates_when_it_helps);
	RUN(test_hyphen_files);
	RUN(test_hyphenates_german);
	RUN(test_names_stay_whole);
	RUN(test_lone_word_keeps_lines_full);
	RUN(test_word_of_spans_wider_than_the_measure);
	RUN(test_random_tables);
	RUN(test_random_pagination);
	ts_free(ts);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
