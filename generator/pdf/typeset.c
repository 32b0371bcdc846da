#include "pdf/typeset.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "content/images.h"

/* Where Debian installs the hyphenation patterns (the hyphen-* packages). */
#define HYPHEN_DIR "/usr/share/hyphen"
#define INFINITE_PENALTY 10000
#define HYPHEN_PENALTY 50
#define FLAGGED_DEMERITS 3000
#define MAX_BADNESS 10000
#define FITNESS_DEMERITS 3000
/* Between two spans of one word ("**bold**text"): a break of last resort,
 * so that a word made of pieces wider together than the measure can still
 * be set without a line running over. */
#define SPAN_JOIN_PENALTY 5000

struct typesetter {
	const struct fontset *fs;
	HyphenDict *dict;       /* shared (see shared_dict); NULL: no hyphenation */
	bool capital_nouns;     /* the language capitalises every noun (see whole_name) */
};

/* ---- hyphenation patterns -------------------------------------------- */

/* The region Debian's file of a language is named after when the tag has
 * none ("de" is in hyph_de_DE.dic). */
static const char *const default_region[][2] = {{"de", "DE"}, {"en", "US"}};

/* The language subtag of tag, lowercase ("de" of "de-AT"); caller frees. */
static char *primary_subtag(const char *tag)
{
	char *primary = text_language_tag(tag);
	primary[strcspn(primary, "-")] = '\0';
	return primary;
}

/* hyph_<name>.dic in HYPHEN_DIR, when it exists (caller frees). */
static char *dict_file(const char *name)
{
	char *path = xasprintf("%s/hyph_%s.dic", HYPHEN_DIR, name);
	FILE *f = fopen(path, "rb");
	if (f) {
		fclose(f);
		return path;
	}
	free(path);
	return NULL;
}

char *ts_hyphen_file(const char *language)
{
	if (language == NULL || *language == '\0')
		return NULL;
	/* The tag as Debian names files: de_AT, sr_Latn_RS... */
	char *full = text_language_tag(language);
	for (char *c = full; *c; c++)
		if (*c == '-')
			*c = '_';
	size_t nprimary = strcspn(full, "_");
	char *found = full[nprimary] ? dict_file(full) : NULL;
	full[nprimary] = '\0';         /* the language alone: "de" */
	for (size_t i = 0; !found && i < sizeof default_region / sizeof default_region[0]; i++)
		if (strcmp(full, default_region[i][0]) == 0) {
			char *name = xasprintf("%s_%s", full, default_region[i][1]);
			found = dict_file(name);
			free(name);
		}
	if (found == NULL)
		found = dict_file(full);
	free(full);
	return found;
}

char *ts_hyphen_package(const char *language)
{
	char *primary = primary_subtag(language ? language : "");
	char *package = strcmp(primary, "en") == 0 ? xstrdup("hyphen-en-us") : xasprintf("hyphen-%s", primary);
	free(primary);
	return package;
}

/* The patterns read so far, one per file, kept until the process ends:
 * reading them takes longer than setting a playbook's chapter, and every
 * playbook of every build (the preview's too) of the same language uses
 * the same.  libhyphen only reads a loaded dictionary, so typesetters on
 * several threads share it; the lock guards only the list. */
static struct loaded_dict {
	char *path;
	HyphenDict *dict;       /* NULL: the file could not be read */
} *loaded;
static size_t nloaded, loaded_cap;
static pthread_mutex_t loaded_lock = PTHREAD_MUTEX_INITIALIZER;

static HyphenDict *shared_dict(const char *language)
{
	char *path = ts_hyphen_file(language);
	if (path == NULL)
		return NULL;
	HyphenDict *dict = NULL;
	pthread_mutex_lock(&loaded_lock);
	size_t i = 0;
	while (i < nloaded && strcmp(loaded[i].path, path) != 0)
		i++;
	if (i < nloaded) {
		dict = loaded[i].dict;
	} else {
		dict = hnj_hyphen_load(path);
		loaded = xgrow(loaded, &loaded_cap, nloaded + 1, sizeof *loaded);
		loaded[nloaded++] = (struct loaded_dict){path, dict};
		path = NULL;
	}
	pthread_mutex_unlock(&loaded_lock);
	free(path);
	return dict;
}

/* Whether language writes every noun with a capital (German and
 * Luxembourgish do), so that a capital says nothing of a name. */
static bool capitalises_nouns(const char *language)
{
	char *primary = primary_subtag(language ? language : "");
	bool nouns = strcmp(primary, "de") == 0 || strcmp(primary, "lb") == 0;
	free(primary);
	return nouns;
}

struct typesetter *ts_new(const struct fontset *fs, const char *language)
{
	struct typesetter *ts = xcalloc(1, sizeof *ts);
	ts->fs = fs;
	ts->dict = shared_dict(language);
	ts->capital_nouns = capitalises_nouns(language);
	return ts;
}

void ts_free(struct typesetter *ts)
{
	free(ts);
}

const struct fontset *ts_fonts(const struct typesetter *ts)
{
	return ts->fs;
}

/* ---- spans ----------------------------------------------------------- */

void ts_spans_add(struct ts_spans *s, const char *text, enum font_face face, double size, enum ts_color color,
                  const char *link)
{
	if (text == NULL || *text == '\0')
		return;
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = (struct ts_span){.text = xstrdup(text), .face = face, .size = size, .color = color,
	                                .link = link && *link ? xstrdup(link) : NULL};
}

void ts_spans_free(struct ts_spans *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].text);
		free(s->v[i].link);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

static enum font_face combine_face(enum font_face base, cmark_node_type type)
{
	if (type == CMARK_NODE_STRONG)
		return base == FONT_MONO ? FONT_MONO : FONT_BOLD;
	if (type == CMARK_NODE_EMPH)
		return base == FONT_REGULAR ? FONT_ITALIC : base;
	return base;
}

/* How the inlines of one level are set: the face, size, colour, link and
 * strike their parents give them. */
struct inline_style {
	enum font_face face;
	double size;
	enum ts_color color;
	const char *link;
	bool strike;
};

static void add_span(struct ts_spans *s, const char *text, const struct inline_style *st, enum font_face face,
                     double size)
{
	size_t before = s->n;
	ts_spans_add(s, text, face, size, st->color, st->link);
	if (s->n > before)
		s->v[s->n - 1].strike = st->strike;
}

/* cmark-gfm writes the note's number as the reference's literal. */
static void add_note_reference(struct ts_spans *s, cmark_node *ref, const struct inline_style *st)
{
	const char *number = cmark_node_get_literal(ref);
	size_t before = s->n;
	ts_spans_add(s, number, st->face == FONT_MONO ? FONT_REGULAR : st->face, st->size * 0.7, st->color, NULL);
	if (s->n > before) {
		s->v[s->n - 1].super = true;
		s->v[s->n - 1].note = atoi(number);
	}
}

static void add_inlines(struct ts_spans *s, cmark_node *node, const struct inline_style *st)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		struct inline_style inner = *st;
		switch (type) {
		case CMARK_NODE_TEXT:
			add_span(s, cmark_node_get_literal(c), st, st->face, st->size);
			break;
		case CMARK_NODE_CODE:
			add_span(s, cmark_node_get_literal(c), st, FONT_MONO, st->size * 0.9);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			add_span(s, " ", st, st->face, st->size);
			break;
		case CMARK_NODE_LINK:
			inner.color = TS_LINK;
			inner.link = cmark_node_get_url(c);
			add_inlines(s, c, &inner);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			inner.face = combine_face(st->face, type);
			add_inlines(s, c, &inner);
			break;
		case CMARK_NODE_IMAGE:
			/* One the caller draws apart is left out (struct
			 * ts_spans); any other is its alternative text. */
			if (!s->images_apart || image_of(c) == NULL)
				add_inlines(s, c, &inner);
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			add_note_reference(s, c, st);
			break;
		default:
			/* An extension's inline is known by its name only. */
			if (strcmp(cmark_node_get_type_string(c), "strikethrough") == 0) {
				inner.strike = true;
				add_inlines(s, c, &inner);
			}
			break;                                        /* raw HTML is left out */
		}
	}
}

void ts_spans_markdown(struct ts_spans *s, cmark_node *block, enum font_face face, double size, enum ts_color color)
{
	struct inline_style st = {face, size, color, NULL, false};
	add_inlines(s, block, &st);
}

/* ---- items: boxes, glue and penalties -------------------------------- */

enum kind { BOX, GLUE, PENALTY };

struct item {
	enum kind kind;
	double width, stretch, shrink;
	int penalty;
	bool flagged;           /* a hyphen break: draws a hyphen */
	char *text;             /* BOX: owned */
	const struct ts_span *span;
};

struct items {
	struct item *v;
	size_t n, cap;
};

static void push(struct items *it, struct item x)
{
	it->v = xgrow(it->v, &it->cap, it->n + 1, sizeof *it->v);
	it->v[it->n++] = x;
}

static double width_of(const struct typesetter *ts, const struct ts_span *sp, const char *text)
{
	return font_width(ts->fs, sp->face, text, sp->size);
}

/* Adds a box, cut between characters into pieces no wider than measure. */
static void push_box(const struct typesetter *ts, struct items *it, const struct ts_span *sp, const char *text,
                     size_t len, double measure)
{
	char *word = xstrndup(text, len);
	double w = width_of(ts, sp, word);
	if (w <= measure) {
		push(it, (struct item){BOX, w, 0, 0, 0, false, word, sp});
		return;
	}
	const char *p = word;
	while (*p) {
		struct buf piece = BUF_INIT;
		const char *start = p;
		for (;;) {
			const char *next = p;
			font_next_char(&next);
			struct buf trial = BUF_INIT;
			buf_put(&trial, start, (size_t)(next - start));
			bool fits = width_of(ts, sp, trial.data) <= measure;
			buf_free(&trial);
			if (!fits && p > start)
				break;
			p = next;
			if (*p == '\0')
				break;
		}
		buf_put(&piece, start, (size_t)(p - start));
		char *t = buf_detach(&piece);
		push(it, (struct item){BOX, width_of(ts, sp, t), 0, 0, 0, false, t, sp});
		if (*p)
			push(it, (struct item){PENALTY, 0, 0, 0, 0, false, NULL, sp});
	}
	free(word);
}

/* A word as libhyphen reads it: lowercase, in the dictionary's encoding
 * (UTF-8, or ISO 8859-1 as Debian's German patterns are), with where each
 * character ends in it and in the word as written. */
struct hyph_word {
	char *text;             /* owned */
	size_t len;
	size_t *ends;           /* owned: per character, 2 numbers: in text, in the word */
	size_t chars;
};

/* The code point of a letter libhyphen's patterns may know at w (ASCII
 * and Latin-1 letters: ä, ß, é...), lowercased, and its length in *n;
 * 0 for anything else. */
static unsigned letter_at(const unsigned char *w, size_t left, size_t *n)
{
	if (w[0] < 0x80) {
		*n = 1;
		return isalpha(w[0]) ? (unsigned)tolower(w[0]) : 0;
	}
	if (w[0] != 0xC3 || left < 2 || (w[1] & 0xC0) != 0x80)
		return 0;
	*n = 2;
	unsigned c = 0xC0 + (w[1] & 0x3F);
	if (c == 0xD7 || c == 0xF7)     /* the signs of multiplication and division */
		return 0;
	return c <= 0xDE ? c + 0x20 : c;
}

/* Whether the letter at w is a capital: ASCII or Latin-1 (À to Þ). */
static bool capital_at(const unsigned char *w, size_t left)
{
	if (w[0] < 0x80)
		return isupper(w[0]);
	return w[0] == 0xC3 && left >= 2 && w[1] >= 0x80 && w[1] <= 0x9E && w[1] != 0x97;
}

/* Whether the word w (letters only) is a name or an acronym the
 * typesetter keeps whole: a reader takes "Sales-force" or "Hub-Spot" for
 * two words, and the patterns know common words, not brands.  A capital
 * after the first letter ("HubSpot", "API") marks one in any language.
 * A first capital marks one only where the language does not capitalise
 * every noun: in German it starts most nouns, which hyphenation is for,
 * so there only the first rule applies (a German name of one capital
 * may break, as German typesetting allows).  English also capitalises a
 * sentence's first word, which then stays whole: a small loss. */
static bool whole_name(const struct typesetter *ts, const char *w, size_t len)
{
	const unsigned char *u = (const unsigned char *)w;
	if (!ts->capital_nouns && capital_at(u, len))
		return true;
	for (size_t i = 1; i < len; i++)
		if ((u[i] & 0xC0) != 0x80 && capital_at(u + i, len - i))
			return true;
	return false;
}

/* How a dictionary's patterns are written (its first line). */
enum hyph_encoding {
	HYPH_UTF8,
	HYPH_LATIN1,    /* ISO 8859-1: Latin-1 letters are single bytes */
	HYPH_OTHER      /* another 8-bit set (ISO 8859-2, KOI8-R...): only ASCII
	                 * letters are known to be where UTF-8 has them */
};

static enum hyph_encoding encoding_of(const HyphenDict *dict)
{
	if (dict->utf8)
		return HYPH_UTF8;
	return strcmp(dict->cset, "ISO8859-1") == 0 || strcmp(dict->cset, "ISO-8859-1") == 0 ? HYPH_LATIN1
	                                                                                      : HYPH_OTHER;
}

/* w as libhyphen reads it; false when a character is no letter, or one
 * the dictionary's encoding cannot say. */
static bool hyph_word_make(const char *w, size_t len, enum hyph_encoding enc, struct hyph_word *out)
{
	*out = (struct hyph_word){xcalloc(2 * len + 1, 1), 0, xcalloc(2 * len, sizeof(size_t)), 0};
	for (size_t i = 0; i < len;) {
		size_t n;
		unsigned c = letter_at((const unsigned char *)w + i, len - i, &n);
		if (c == 0 || (c >= 0x80 && enc == HYPH_OTHER))
			return false;
		if (c >= 0x80 && enc == HYPH_UTF8) {
			out->text[out->len++] = (char)0xC3;
			out->text[out->len++] = (char)(0x80 | (c - 0xC0));
		} else {
			out->text[out->len++] = (char)c;
		}
		i += n;
		out->ends[2 * out->chars] = out->len;
		out->ends[2 * out->chars + 1] = i;
		out->chars++;
	}
	return true;
}

static void hyph_word_free(struct hyph_word *hw)
{
	free(hw->text);
	free(hw->ends);
}

/* Adds a word with its hyphenation points as flagged penalties.  Only
 * justified text is hyphenated: ragged lines (headings, lists, cells)
 * read better whole. */
static void push_word(const struct typesetter *ts, struct items *it, const struct ts_span *sp, const char *w,
                      size_t len, double measure, bool justify)
{
	struct hyph_word hw = {NULL, 0, NULL, 0};
	bool plain = justify && len >= 6 && sp->face != FONT_MONO && ts->dict != NULL &&
	             hyph_word_make(w, len, encoding_of(ts->dict), &hw) && hw.chars >= 6 && !whole_name(ts, w, len);
	if (!plain) {
		hyph_word_free(&hw);
		push_box(ts, it, sp, w, len, measure);
		return;
	}
	char *hyphens = xcalloc(hw.len + 5, 1);
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int rc = hnj_hyphen_hyphenate3(ts->dict, hw.text, (int)hw.len, hyphens, NULL, &rep, &pos, &cut, 2, 3, 2, 3);
	double hyphen = width_of(ts, sp, "-");
	size_t start = 0;
	for (size_t k = 0; rc == 0 && rep == NULL && k + 1 < hw.chars; k++) {
		if (!(hyphens[hw.ends[2 * k] - 1] & 1))
			continue;
		size_t end = hw.ends[2 * k + 1];      /* the break, in the word as written */
		/* room for the hyphen when the line breaks here */
		push_box(ts, it, sp, w + start, end - start, measure - hyphen);
		push(it, (struct item){PENALTY, hyphen, 0, 0, HYPHEN_PENALTY, true, NULL, sp});
		start = end;
	}
	push_box(ts, it, sp, w + start, len - start, measure);
	if (rep) {
		for (size_t i = 0; i < hw.len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	free(hyphens);
	hyph_word_free(&hw);
}

/* A space between words; spaces spaces wide (code keeps runs of them). */
static void push_glue(const struct typesetter *ts, struct items *it, const struct ts_span *sp, bool justify,
                      size_t spaces)
{
	double space = width_of(ts, sp, " ") * (double)spaces;
	/* Ragged lines may stretch a lot (nothing is stretched when drawn);
	 * justified ones as TeX does. */
	double stretch = justify ? space / 2 : space * 6;
	double shrink = justify ? space / 3 : 0;
	push(it, (struct item){GLUE, space, stretch, shrink, 0, false, NULL, sp});
}

static void build_items(const struct typesetter *ts, const struct ts_spans *spans, double measure, bool justify,
                        struct items *it)
{
	bool last_was_space = true;
	for (size_t s = 0; s < spans->n; s++) {
		const struct ts_span *sp = &spans->v[s];
		const char *p = sp->text;
		while (*p) {
			if (*p == ' ' || *p == '\n' || *p == '\t') {
				size_t run = sp->keep_spaces ? strspn(p, " ") : 0;
				if (!last_was_space)
					push_glue(ts, it, sp, justify, run > 1 ? run : 1);
				last_was_space = true;
				p += run > 1 ? run : 1;
				continue;
			}
			size_t len = strcspn(p, " \n\t");
			if (!last_was_space && it->n && it->v[it->n - 1].kind == BOX)
				push(it, (struct item){PENALTY, 0, 0, 0, SPAN_JOIN_PENALTY, false, NULL, sp});
			push_word(ts, it, sp, p, len, measure, justify);
			last_was_space = false;
			p += len;
		}
	}
	while (it->n && it->v[it->n - 1].kind == GLUE)
		it->n--;
	/* The end: a glue that fills the last line, then a forced break. */
	const struct ts_span *last = spans->n ? &spans->v[spans->n - 1] : NULL;
	push(it, (struct item){GLUE, 0, 1e6, 0, 0, false, NULL, last});
	push(it, (struct item){PENALTY, 0, 0, 0, -INFINITE_PENALTY, false, NULL, last});
}

static void free_items(struct items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->v[i].text);
	free(it->v);
}

/* ---- Knuth-Plass ------------------------------------------------------ */

struct node {
	size_t pos;             /* the break: item index */
	size_t line;
	int fitness;
	double width, stretch, shrink;  /* totals after the break */
	double demerits;
	struct node *prev;
	struct node *next_active;
	bool active;
};

struct sums {
	double *width, *stretch, *shrink;   /* totals of items [0, i) */
};

static bool legal_break(const struct items *it, size_t i)
{
	const struct item *x = &it->v[i];
	if (x->kind == PENALTY)
		return x->penalty < INFINITE_PENALTY;
	return x->kind == GLUE && i > 0 && it->v[i - 1].kind == BOX;
}

static int fitness_of(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/* The first item of a line that starts after a break at b: glue and
 * penalties right after a break are dropped. */
static size_t line_start(const struct items *it, size_t b)
{
	size_t i = b + 1;
	while (i < it->n && it->v[i].kind != BOX && !(it->v[i].kind == PENALTY && it->v[i].penalty <= -INFINITE_PENALTY))
		i++;
	return i;
}

static void after_break(const struct items *it, const struct sums *s, size_t b, double *w, double *st, double *sh)
{
	size_t i = line_start(it, b);
	*w = s->width[i];
	*st = s->stretch[i];
	*sh = s->shrink[i];
}

/* The cheapest breaks with adjustment ratios up to tolerance; returns the
 * last node of the best chain, or NULL when none exists.  All nodes go on
 * *all so the caller can free them. */
static struct node *knuth_plass(const struct items *it, const struct sums *s, double measure, double tolerance,
                                struct node ***all, size_t *nall, size_t *cap)
{
	struct node *start = xcalloc(1, sizeof *start);
	start->active = true;
	start->fitness = 1;
	*all = xgrow(*all, cap, *nall + 1, sizeof **all);
	(*all)[(*nall)++] = start;
	struct node *active = start;
	for (size_t b = 0; b < it->n && active; b++) {
		if (!legal_break(it, b))
			continue;
		const struct item *x = &it->v[b];
		bool forced = x->kind == PENALTY && x->penalty <= -INFINITE_PENALTY;
		struct node *best[4] = {NULL, NULL, NULL, NULL};
		double best_d[4] = {DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX};
		struct node **link = &active;
		for (struct node *a = active; a;) {
			double width = s->width[b] - a->width + (x->kind == PENALTY ? x->width : 0);
			double r;
			if (width < measure) {
				double st = s->stretch[b] - a->stretch;
				r = st > 0 ? (measure - width) / st : 1e9;
			} else if (width > measure) {
				double sh = s->shrink[b] - a->shrink;
				r = sh > 0 ? (measure - width) / sh : -1e9;
			} else {
				r = 0;
			}
			struct node *next = a->next_active;
			/* A node dies once even the boxes alone overflow: a hyphen's
			 * width at this one break says nothing of later breaks. */
			double boxes = s->width[b] - a->width - (s->shrink[b] - a->shrink);
			if (boxes > measure || forced) {
				*link = next;       /* deactivate */
				a->active = false;
			} else {
				link = &a->next_active;
			}
			if (r >= -1 && r <= tolerance) {
				/* Capped as TeX caps it: a line with no space to
				 * stretch (one long word in a cell) has r of 1e9, and
				 * the square of its uncapped badness would swamp every
				 * other line's demerits, leaving the rest of the
				 * paragraph's breaks to chance. */
				double badness = fmin(100 * fabs(r) * fabs(r) * fabs(r), MAX_BADNESS);
				double p = x->kind == PENALTY ? x->penalty : 0;
				double d = (1 + badness) * (1 + badness);
				if (p >= 0)
					d += p * p;
				else if (p > -INFINITE_PENALTY)
					d -= p * p;
				if (x->kind == PENALTY && x->flagged && it->v[a->pos].kind == PENALTY && it->v[a->pos].flagged)
					d += FLAGGED_DEMERITS;
				int fit = fitness_of(r);
				if (abs(fit - a->fitness) > 1)
					d += FITNESS_DEMERITS;
				d += a->demerits;
				if (d < best_d[fit]) {
					best_d[fit] = d;
					best[fit] = a;
				}
			}
			a = next;
		}
		for (int f = 0; f < 4; f++) {
			if (best[f] == NULL)
				continue;
			struct node *n = xcalloc(1, sizeof *n);
			n->pos = b;
			n->line = best[f]->line + 1;
			n->fitness = f;
			n->demerits = best_d[f];
			n->prev = best[f];
			n->active = true;
			after_break(it, s, b, &n->width, &n->stretch, &n->shrink);
			n->next_active = active;
			active = n;
			*all = xgrow(*all, cap, *nall + 1, sizeof **all);
			(*all)[(*nall)++] = n;
		}
	}
	struct node *best = NULL;
	for (size_t i = 0; i < *nall; i++) {
		struct node *n = (*all)[i];
		if (n->pos == it->n - 1 && n != start && (best == NULL || n->demerits < best->demerits))
			best = n;
	}
	return best;
}

/* ---- lines ------------------------------------------------------------ */

static void add_word(struct ts_line *line, size_t *cap, const struct item *x, double at, double width,
                     const char *text)
{
	line->words = xgrow(line->words, cap, line->n + 1, sizeof *line->words);
	const struct ts_span *sp = x->span;
	line->words[line->n++] = (struct ts_word){xstrdup(text),  at,         width,      sp->face,
	                                          sp->size,       sp->color,  sp->link ? xstrdup(sp->link) : NULL,
	                                          sp->strike,     sp->super,  sp->target, sp->anchor,
	                                          false};
	if (x->span->size > line->size)
		line->size = x->span->size;
}

/* Sets items [from, to] as one line: glue stretched or shrunk by r. */
static struct ts_line set_line(const struct items *it, size_t from, size_t to, double r, bool justify)
{
	struct ts_line line = {NULL, 0, 0, 0};
	bool hyphen = false;
	size_t cap = 0;
	double x = 0;
	size_t i = from;
	while (i < to && it->v[i].kind != BOX)
		i++;
	struct buf joined = BUF_INIT;
	const struct item *first = NULL;
	double first_x = 0;
	for (; i <= to && i < it->n; i++) {
		const struct item *x_item = &it->v[i];
		if (x_item->kind == BOX) {
			/* Pieces of one word (hyphenation points) are drawn as one. */
			if (first && first->span == x_item->span && i > 0 && it->v[i - 1].kind == PENALTY) {
				buf_puts(&joined, x_item->text);
			} else {
				if (first)
					add_word(&line, &cap, first, first_x, x - first_x, joined.data);
				buf_reset(&joined);
				buf_puts(&joined, x_item->text);
				first = x_item;
				first_x = x;
			}
			x += x_item->width;
		} else if (x_item->kind == GLUE && i < to) {
			if (first)
				add_word(&line, &cap, first, first_x, x - first_x, joined.data);
			first = NULL;
			double g = x_item->width;
			if (justify)
				g += r >= 0 ? r * x_item->stretch : r * x_item->shrink;
			x += g;
		} else if (x_item->kind == PENALTY && i == to && x_item->flagged) {
			buf_puts(&joined, "-");
			hyphen = true;
			x += x_item->width;
		}
	}
	if (first)
		add_word(&line, &cap, first, first_x, x - first_x, joined.data);
	if (hyphen && line.n)
		line.words[line.n - 1].hyphenated = true;
	buf_free(&joined);
	line.width = x;
	return line;
}

/* Last resort, never needed in practice (every box fits the measure, so
 * the loose pass succeeds): a break at every legal place, so that each
 * line holds one box and none can overflow. */
static size_t every_break(const struct items *it, size_t *breaks)
{
	size_t n = 0;
	for (size_t b = 0; b < it->n; b++)
		if (legal_break(it, b))
			breaks[n++] = b;
	return n;
}

void ts_break(const struct typesetter *ts, const struct ts_spans *spans, double width, bool justify,
              struct ts_lines *out)
{
	memset(out, 0, sizeof *out);
	if (spans->n == 0)
		return;
	struct items it = {NULL, 0, 0};
	build_items(ts, spans, width, justify, &it);
	struct sums s;
	s.width = xcalloc(it.n + 1, sizeof(double));
	s.stretch = xcalloc(it.n + 1, sizeof(double));
	s.shrink = xcalloc(it.n + 1, sizeof(double));
	for (size_t i = 0; i < it.n; i++) {
		bool counts = it.v[i].kind != PENALTY;
		s.width[i + 1] = s.width[i] + (counts ? it.v[i].width : 0);
		s.stretch[i + 1] = s.stretch[i] + (it.v[i].kind == GLUE ? it.v[i].stretch : 0);
		s.shrink[i + 1] = s.shrink[i] + (it.v[i].kind == GLUE ? it.v[i].shrink : 0);
	}
	struct node **all = NULL;
	size_t nall = 0, cap = 0;
	struct node *last = knuth_plass(&it, &s, width, justify ? 2 : 1e9, &all, &nall, &cap);
	if (last == NULL)
		last = knuth_plass(&it, &s, width, 1e9, &all, &nall, &cap);
	size_t *breaks = xcalloc(it.n + 1, sizeof *breaks);
	size_t nb = 0;
	if (last) {
		for (struct node *n = last; n && n->prev; n = n->prev)
			breaks[nb++] = n->pos;
		for (size_t i = 0; i < nb / 2; i++) {
			size_t t = breaks[i];
			breaks[i] = breaks[nb - 1 - i];
			breaks[nb - 1 - i] = t;
		}
	} else {
		nb = every_break(&it, breaks);
	}
	out->v = xcalloc(nb ? nb : 1, sizeof *out->v);
	size_t from = 0;
	for (size_t k = 0; k < nb; k++) {
		size_t b = breaks[k];
		double natural = s.width[b] - s.width[from] + (it.v[b].kind == PENALTY ? it.v[b].width : 0);
		double st = s.stretch[b] - s.stretch[from], sh = s.shrink[b] - s.shrink[from];
		double r = natural < width ? (st > 0 ? (width - natural) / st : 0) : (sh > 0 ? (width - natural) / sh : 0);
		bool last_line = k + 1 == nb;
		if (r < -1)
			r = -1;
		/* The last line is not stretched, but it may need to shrink. */
		if (last_line && r > 0)
			r = 0;
		out->v[out->n++] = set_line(&it, from, b, r, justify);
		from = line_start(&it, b);
	}
	for (size_t i = 0; i < nall; i++)
		free(all[i]);
	free(all);
	free(breaks);
	free(s.width);
	free(s.stretch);
	free(s.shrink);
	free_items(&it);
}

void ts_lines_free(struct ts_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t w = 0; w < l->v[i].n; w++) {
			free(l->v[i].words[w].text);
			free(l->v[i].words[w].link);
		}
		free(l->v[i].words);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- tables ----------------------------------------------------------- */

/* The widest word and the whole width of a cell's text. */
static void cell_extent(const struct fontset *fs, const struct ts_spans *s, double *word, double *whole)
{
	*word = *whole = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct ts_span *sp = &s->v[i];
		*whole += font_width(fs, sp->face, sp->text, sp->size);
		for (const char *p = sp->text; *p;) {
			size_t len = strcspn(p, " ");
			char *w = xstrndup(p, len);
			double ww = font_width(fs, sp->face, w, sp->size);
			free(w);
			if (ww > *word)
				*word = ww;
			p += len;
			while (*p == ' ')
				p++;
		}
	}
}

void ts_column_widths(const struct fontset *fs, const struct ts_spans *const *cells, size_t rows, size_t cols,
                      double total, double pad, double *widths)
{
	double *least = xcalloc(cols, sizeof *least), *most = xcalloc(cols, sizeof *most);
	double sum_least = 0, sum_most = 0;
	for (size_t c = 0; c < cols; c++) {
		for (size_t r = 0; r < rows; r++) {
			double word, whole;
			cell_extent(fs, cells[r * cols + c], &word, &whole);
			if (word > least[c])
				least[c] = word;
			if (whole > most[c])
				most[c] = whole;
		}
		least[c] += pad;
		most[c] += pad;
		sum_least += least[c];
		sum_most += most[c];
	}
	for (size_t c = 0; c < cols; c++) {
		if (sum_most <= total)
			widths[c] = most[c] + (total - sum_most) / (double)cols;
		else if (sum_least >= total)
			widths[c] = total / (double)cols;
		else
			widths[c] = least[c] + (total - sum_least) * (most[c] - least[c]) / (sum_most - sum_least);
	}
	free(least);
	free(most);
}

/* ---- pages ------------------------------------------------------------ */

struct pager {
	struct ts_placed *out;
	size_t n, cap;
	size_t page;
	double y, top;
	bool empty;             /* nothing on the current page yet */
	bool fresh;             /* nothing but repeated header rows on it */
	size_t page_start;      /* placements before this one are on earlier pages */
};

static void place(struct pager *pg, const struct ts_block *b)
{
	if (!pg->empty)
		pg->y += b->space_before;
	pg->out = xgrow(pg->out, &pg->cap, pg->n + 1, sizeof *pg->out);
	pg->out[pg->n++] = (struct ts_placed){b, pg->page, pg->y};
	pg->y += b->height;
	pg->empty = false;
}

/* Starts a new page; a table's header rows come first when its rows go on. */
static void new_page(struct pager *pg, const struct ts_block *blocks, size_t n, const struct ts_block *next)
{
	pg->page++;
	pg->y = pg->top;
	pg->empty = true;
	pg->fresh = true;
	pg->page_start = pg->n;
	if (next == NULL || next->table == 0 || next->header)
		return;
	for (const struct ts_block *b = blocks; b < next && b < blocks + n; b++)
		if (b->table == next->table && b->header)
			place(pg, b);
}

/* The end of the run of blocks that must stay together with blocks[i]. */
static size_t group_end(const struct ts_block *blocks, size_t n, size_t i)
{
	size_t j = i + 1;
	while (j < n && !blocks[j].break_before && !blocks[j].new_page)
		j++;
	return j;
}

static double group_height(const struct ts_block *blocks, size_t i, size_t j, bool at_top)
{
	double h = 0;
	for (size_t k = i; k < j; k++)
		h += (k == i && at_top ? 0 : blocks[k].space_before) + blocks[k].height;
	return h;
}

struct ts_placed *ts_paginate(const struct ts_block *blocks, size_t n, double top, double bottom, size_t *nplaced,
                              size_t *pages)
{
	struct pager pg = {NULL, 0, 0, 0, top, top, true, true, 0};
	size_t i = 0;
	while (i < n) {
		if (blocks[i].new_page && !pg.empty)
			new_page(&pg, blocks, n, &blocks[i]);
		size_t j = group_end(blocks, n, i);
		double h = group_height(blocks, i, j, pg.empty);
		if (pg.y + h <= bottom + 0.001) {
			for (size_t k = i; k < j; k++)
				place(&pg, &blocks[k]);
			pg.fresh = false;
			i = j;
		} else if (!pg.fresh) {
			new_page(&pg, blocks, n, &blocks[i]);
		} else {
			/* Taller than a page: fill this one and go on on the next.
			 * Repeated header rows give way when not even the first
			 * block fits below them. */
			if (pg.y + blocks[i].space_before + blocks[i].height > bottom + 0.001 && pg.n > pg.page_start) {
				pg.n = pg.page_start;
				pg.y = top;
				pg.empty = true;
			}
			size_t k = i;
			do
				place(&pg, &blocks[k++]);
			while (k < j && pg.y + blocks[k].space_before + blocks[k].height <= bottom + 0.001);
			pg.fresh = false;
			i = k;
			if (i < n && i < j)
				new_page(&pg, blocks, n, &blocks[i]);
		}
	}
	*nplaced = pg.n;
	*pages = n ? pg.page + 1 : 0;
	return pg.out;
}
