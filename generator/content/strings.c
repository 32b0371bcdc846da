#include "content/strings.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/path.h"
#include "base/phrase.h"
#include "base/text.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/decode.h"
#include "content/load.h"
#include "content/ytree.h"

/*
 * The strings the code writes itself: each must exist, and one with
 * placeholders (space-separated) must have exactly those, in any order.
 * Braces mean something only in those few; every other string, the
 * templates' included, is shown as it is written.  user says where the
 * string shows, for messages.
 */
static const struct wanted {
	const char *key;
	const char *placeholders;
	const char *user;
} wanted[] = {
	{"contents", "", "the playbook's contents"},
	{"edition", "date", "the playbook's cover"},
	{"page_of", "page pages", "the playbook's page footers"},
	{"date", "day month year", "dates"},
	{"month_1", "", "dates"},
	{"month_2", "", "dates"},
	{"month_3", "", "dates"},
	{"month_4", "", "dates"},
	{"month_5", "", "dates"},
	{"month_6", "", "dates"},
	{"month_7", "", "dates"},
	{"month_8", "", "dates"},
	{"month_9", "", "dates"},
	{"month_10", "", "dates"},
	{"month_11", "", "dates"},
	{"month_12", "", "dates"},
	{"not_found_title", "", "the 404 page's title"},
	{"scale_value", "value max", "a rating on its scale: complexity"},
	{"effort_range", "min max unit", "a range of effort"},
	{"diagram_flow", "from to data how", "the text of a pattern's diagram"},
	{"diagram_flow_plain", "from to data", "the text of a pattern's diagram, for a flow of no kind"},
	{"diagram_overview", "hub spokes", "the text of a resource's overview diagram"},
	{"published_by", "publisher url", "llms.txt"},
	{"resources", "", "llms.txt"},
	{"patterns", "", "llms.txt and the Markdown copies"},
	{"downloads", "", "llms.txt"},
	{"pages", "", "llms.txt"},
	{"part_of", "resource", "the Markdown copies"},
	{"who_it_is_for", "", "the playbook and the Markdown copies"},
	{"quick_answers", "", "the Markdown copies"},
	{"questions", "", "the Markdown copies"},
	{"download_pdf", "", "the Markdown copies"},
	{"best_for", "", "the playbook and the Markdown copies"},
	{"avoid_when", "", "the playbook and the Markdown copies"},
	{"decision_note", "", "the playbook and the Markdown copies"},
	{"complexity", "", "the playbook and the Markdown copies"},
	{"typical_effort", "", "the playbook and the Markdown copies"},
	{"systems_title", "", "the playbook and the Markdown copies"},
	{"data_flows", "", "the playbook and the Markdown copies"},
	{"flow_from", "", "the playbook and the Markdown copies"},
	{"flow_to", "", "the playbook and the Markdown copies"},
	{"flow_data", "", "the playbook and the Markdown copies"},
	{"flow_how", "", "the playbook and the Markdown copies"},
	{"flow_owner", "", "the playbook and the Markdown copies"},
	{"pitfalls", "", "the playbook and the Markdown copies"},
	{"what_to_do", "", "the playbook and the Markdown copies"},
	{"pattern", "", "the playbook and the Markdown copies"},
	{"effort_assumptions", "", "the playbook and the Markdown copies"},
	{"source_link", "number", "the Markdown copies: a support cell's sources"},
	{"md_note_ref", "number", "a footnote reference in Markdown, for screen readers"},
	{"md_note_back", "number", "the link from a footnote back to its reference, for screen readers"},
	{"md_note_back_nth", "number ref", "the links from a footnote back to each of its references, for screen readers"},
	{"md_table", "columns", "a Markdown table without a caption, for screen readers"},
	{"default_effort_unit", "", "a resource without vocabulary.effort_unit"},
	{"default_mapping_title", "", "a resource without vocabulary.mapping.title"},
	{"default_mapping_source", "", "a resource without vocabulary.mapping.columns.source"},
	{"default_mapping_target", "", "a resource without vocabulary.mapping.columns.target"},
	{"default_mapping_direction", "", "a resource without vocabulary.mapping.columns.direction"},
	{"default_mapping_transform", "", "a resource without vocabulary.mapping.columns.transform"},
	{"default_mapping_owner", "", "a resource without vocabulary.mapping.columns.owner"},
	{"default_direction_one_way", "", "a resource without vocabulary.mapping.directions"},
	{"default_direction_two_way", "", "a resource without vocabulary.mapping.directions"},
	{"default_matrix_caption", "", "a decision matrix without caption"},
	{"default_support_caption", "", "a support matrix without caption"},
	{"default_area_label", "", "a support matrix without area_label"},
	{"default_estimator_legend", "", "an estimator without legend"},
	{"default_estimator_hint", "", "an estimator without hint"},
	{"default_estimator_pattern_label", "", "an estimator without pattern_label"},
	{"playbook_introduction", "", "the playbook"},
	{"playbook_complexity_effort", "complexity effort", "the playbook's pattern facts"},
	{"playbook_system", "", "the playbook"},
	{"playbook_role", "", "the playbook"},
	{"examples", "", "the playbook"},
	{"playbook_criteria", "", "the playbook"},
	{"playbook_worksheet", "", "the playbook"},
	{"playbook_tick", "", "the playbook"},
	{"playbook_multiplied_by", "", "the playbook"},
	{"playbook_percent", "value", "the playbook's estimator factors"},
	{"playbook_your_estimate", "unit scale", "the playbook's worksheet"},
	{"playbook_cost_low", "unit days", "the playbook's worksheet, for an estimator with a cost"},
	{"playbook_cost_high", "unit days", "the playbook's worksheet, for an estimator with a cost"},
	{"playbook_questions", "", "the playbook"},
	{"estimate_result", "min max unit complexity scale", "the estimator's result, filled in the browser"},
	{"estimate_unit_meaning", "unit team", "an estimator with team_assumed"},
	{"estimate_sharing_groups", "percent", "an estimator with foundations"},
	{"estimate_sharing_all", "percent", "an estimator without foundations"},
	{"estimate_cost_formula", "unit days", "an estimator with a cost"},
	{"estimate_cost_result", "min max currency", "the estimator's cost, filled in the browser"},
	{"estimate_counted_shared", "percent foundations", "the estimator's result, filled in the browser"},
	{"estimate_counted_shared_all", "percent", "the estimator's result, filled in the browser"},
	/* Mermaid diagrams in Markdown (diagram/mermaid.c) */
	{"diagram_mermaid_flowchart", "", "the title and text of a Mermaid flowchart"},
	{"diagram_mermaid_sequence", "", "the title and text of a Mermaid sequence diagram"},
	{"diagram_mermaid_dir_tb", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_dir_bt", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_dir_lr", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_dir_rl", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_flow_intro", "name direction nodes edges", "the text of a Mermaid diagram"},
	{"diagram_mermaid_edge", "from to", "the text of a Mermaid diagram"},
	{"diagram_mermaid_edge_label", "from to label", "the text of a Mermaid diagram"},
	{"diagram_mermaid_link", "from to", "the text of a Mermaid diagram"},
	{"diagram_mermaid_link_label", "from to label", "the text of a Mermaid diagram"},
	{"diagram_mermaid_unlinked", "nodes", "the text of a Mermaid diagram"},
	{"diagram_mermaid_group", "group nodes", "the text of a Mermaid diagram"},
	{"diagram_mermaid_and", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_seq_intro", "name participants", "the text of a Mermaid diagram"},
	{"diagram_mermaid_message", "number from to text", "the text of a Mermaid diagram"},
	{"diagram_mermaid_message_plain", "number from to", "the text of a Mermaid diagram"},
	{"diagram_mermaid_note_left", "who text", "the text of a Mermaid diagram"},
	{"diagram_mermaid_note_right", "who text", "the text of a Mermaid diagram"},
	{"diagram_mermaid_note_over", "who text", "the text of a Mermaid diagram"},
	{"diagram_mermaid_activate", "who", "the text of a Mermaid diagram"},
	{"diagram_mermaid_deactivate", "who", "the text of a Mermaid diagram"},
	{"diagram_mermaid_block_loop", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_block_alt", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_block_else", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_block_opt", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_block_par", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_block_and", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_block_rect", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_end_loop", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_end_alt", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_end_opt", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_end_par", "", "the text of a Mermaid diagram"},
	{"diagram_mermaid_end_rect", "", "the text of a Mermaid diagram"},
};
#define NWANTED (sizeof wanted / sizeof wanted[0])

static int compare_pairs(const void *a, const void *b)
{
	return strcmp(((const struct text_pair *)a)->key.v, ((const struct text_pair *)b)->key.v);
}

static int compare_key(const void *key, const void *pair)
{
	return strcmp(key, ((const struct text_pair *)pair)->key.v);
}

static struct text_pair *find(const struct list *sorted, const char *key)
{
	return bsearch(key, sorted->items, sorted->len, sizeof(struct text_pair), compare_key);
}

static void free_pairs(struct list *pairs)
{
	struct text_pair *p = pairs->items;
	for (size_t i = 0; i < pairs->len; i++) {
		free(p[i].key.v);
		free(p[i].value.v);
	}
	free(p);
	pairs->items = NULL;
	pairs->len = 0;
}

/* A name templates can write after "strings.": a-z first, then a-z, 0-9, '_'. */
static bool valid_key(const char *key)
{
	if (*key < 'a' || *key > 'z')
		return false;
	for (const char *c = key; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
	return true;
}

/* The path of name in the first of dirs that has it as a regular file;
 * NULL when none has (caller frees). */
static char *find_file(const char *const *dirs, const char *name)
{
	for (size_t i = 0; dirs[i]; i++) {
		char *path = path_in(dirs[i], name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return path;
		free(path);
	}
	return NULL;
}

/* Reads the strings file name (from the first of dirs that has it) into
 * pairs, sorted by key; *shown gets its path as messages name it. */
static bool read_file(struct loader *ld, const char *const *dirs, const char *name, struct list *pairs,
                      const char **shown)
{
	char *path = find_file(dirs, name);
	if (path == NULL) {
		char *expected = dirs[0] ? path_in(dirs[0], name) : xstrdup(name);
		*shown = loader_intern_path(ld, expected);
		free(expected);
		struct pos at = {*shown, 0, 0};
		diag_error(ld->d, at, "the theme's strings are missing; put Folio's templates/%s back", name);
		return false;
	}
	*shown = loader_intern_path(ld, path);
	free(path);
	size_t len;
	char *text = textfile_read(*shown, *shown, LOAD_MAX_FILE_SIZE, &len, ld->d);
	bool ok = text != NULL && textfile_clean(text, &len, *shown, ld->d);
	struct ynode *root = ok ? ytree_parse(text, len, *shown, 1, ld->d) : NULL;
	ok = root != NULL && decode_map(ld, name, pairs, root);
	if (ok && pairs->len == 0) {
		diag_error(ld->d, root->at, "the theme's strings file holds no strings; put Folio's templates/%s back",
		           name);
		ok = false;
	}
	struct text_pair *p = pairs->items;
	for (size_t i = 0; i < pairs->len; i++)
		if (!valid_key(p[i].key.v)) {
			diag_error(ld->d, p[i].at, "string name '%s' must use only a-z, 0-9 and '_', starting with a letter; rename it",
			           p[i].key.v);
			ok = false;
		}
	if (pairs->len)
		qsort(pairs->items, pairs->len, sizeof(struct text_pair), compare_pairs);
	ytree_free(root);
	free(text);
	return ok;
}

static void unknown_override(struct loader *ld, const struct list *strings, const struct text_pair *o,
                             const char *shown)
{
	const struct text_pair *p = strings->items;
	const char **keys = xcalloc(strings->len ? strings->len : 1, sizeof *keys);
	for (size_t i = 0; i < strings->len; i++)
		keys[i] = p[i].key.v;
	const char *near = diag_suggest(o->key.v, keys, strings->len);
	if (near)
		diag_error(ld->d, o->at, "unknown string '%s' in strings; did you mean '%s'?", o->key.v, near);
	else
		diag_error(ld->d, o->at, "unknown string '%s' in strings; use one of the names in %s", o->key.v,
		           shown);
	free(keys);
}

/* Puts each of overrides (site.yaml's, emptied) over the string of its
 * name in strings (sorted). */
static bool apply_overrides(struct loader *ld, struct list *strings, struct list *overrides, const char *shown)
{
	bool ok = true;
	struct text_pair *o = overrides->items;
	for (size_t i = 0; i < overrides->len; i++) {
		struct text_pair *p = find(strings, o[i].key.v);
		if (p == NULL) {
			unknown_override(ld, strings, &o[i], shown);
			ok = false;
			continue;
		}
		free(p->value.v);
		p->value = o[i].value;
		o[i].value.v = NULL;
	}
	free_pairs(overrides);
	return ok;
}

/* ---- placeholders ---------------------------------------------------- */

/* Whether name is one of the space-separated words of list. */
static bool has_word(const char *list, const char *name)
{
	size_t len = strlen(name);
	for (const char *w = list; *w;) {
		size_t n = strcspn(w, " ");
		if (n == len && memcmp(w, name, len) == 0)
			return true;
		w += n + (w[n] == ' ');
	}
	return false;
}

/* The words of a space-separated list, one at a time: *w moves on. */
static bool next_word(const char **w, const char **word, size_t *len)
{
	if (**w == '\0')
		return false;
	*word = *w;
	*len = strcspn(*w, " ");
	*w += *len + ((*w)[*len] == ' ');
	return true;
}

/* "{page} and {pages}" of a space-separated list, into b. */
static void list_placeholders(struct buf *b, const char *list)
{
	size_t total = 0, i = 0, len;
	const char *word;
	for (const char *w = list; next_word(&w, &word, &len);)
		total++;
	for (const char *w = list; next_word(&w, &word, &len); i++)
		buf_printf(b, "%s{%.*s}", i == 0 ? "" : i + 1 == total ? " and " : ", ", (int)len, word);
}

struct placeholder_check {
	struct loader *ld;
	const struct text_pair *p;
	const struct wanted *w;
	struct buf used;        /* the names seen, each followed by a space */
	bool ok;
};

static void check_one(void *ctx, const char *name)
{
	struct placeholder_check *c = ctx;
	buf_printf(&c->used, "%s ", name);
	if (has_word(c->w->placeholders, name))
		return;
	struct buf known = BUF_INIT;
	list_placeholders(&known, c->w->placeholders);
	diag_error(c->ld->d, c->p->value.at, "string '%s' has the placeholder {%s}, which nothing fills; remove it ('%s' takes %s)",
	           c->p->key.v, name, c->p->key.v, known.data);
	buf_free(&known);
	c->ok = false;
}

/* p (a string the code fills, as w says) has exactly w's placeholders. */
static bool check_placeholders(struct loader *ld, const struct text_pair *p, const struct wanted *w)
{
	struct placeholder_check c = {ld, p, w, BUF_INIT, true};
	struct phrase_problem problem;
	if (phrase_names(p->value.v, check_one, &c, &problem) != PHRASE_OK) {
		diag_error(ld->d, p->value.at, "string '%s' %s", p->key.v, phrase_error_text(problem.error));
		c.ok = false;
	}
	size_t len;
	const char *word;
	for (const char *name = w->placeholders; c.ok && next_word(&name, &word, &len);) {
		char *one = xstrndup(word, len);
		if (!has_word(buf_str(&c.used), one)) {
			diag_error(ld->d, p->value.at, "string '%s' lacks the placeholder {%s}; write it where the value goes (in %s)",
			           p->key.v, one, w->user);
			c.ok = false;
		}
		free(one);
	}
	buf_free(&c.used);
	return c.ok;
}

/* Every string the code fills is there, with its placeholders. */
static bool check_wanted(struct loader *ld, const struct list *strings, const char *shown)
{
	bool ok = true;
	for (size_t i = 0; i < NWANTED; i++) {
		const struct text_pair *p = find(strings, wanted[i].key);
		if (p == NULL) {
			struct pos at = {shown, 1, 1};
			diag_error(ld->d, at, "no string '%s' (used in %s); add it", wanted[i].key, wanted[i].user);
			ok = false;
		} else if (p->value.v && *wanted[i].placeholders) {     /* no value: its mistake is reported */
			ok &= check_placeholders(ld, p, &wanted[i]);
		}
	}
	return ok;
}

/* ---- the language's file ----------------------------------------------- */

/* Whether c may be in a subtag of a language tag. */
static bool tag_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether tag has the shape of a BCP 47 tag: subtags of 1 to 8 letters
 * or digits joined by '-', the first of 2 to 8 letters.  It becomes part
 * of a file name, so nothing else may pass. */
static bool valid_tag(const char *tag)
{
	size_t first = strspn(tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (first < 2 || first > 8)
		return false;
	for (const char *c = tag; *c;) {
		size_t n = 0;
		while (tag_char(c[n]))
			n++;
		if (n < 1 || n > 8 || (c[n] != '\0' && c[n] != '-'))
			return false;
		c += n + (c[n] == '-');
		if (c[-1] == '-' && *c == '\0')
			return false;
	}
	return true;
}

/*
 * The strings file of language: strings/<tag>.yaml, then the same with
 * the last subtag dropped, and again ("de-AT": de-AT.yaml, then de.yaml),
 * in the first of dirs that has it; NULL after reporting an error that
 * names the files looked for.  The tag is text_language_tag()'s.  Caller frees.
 */
static char *language_file(struct loader *ld, const char *const *dirs, const struct str *language)
{
	char *tag = text_language_tag(language->v);
	struct buf looked = BUF_INIT;
	char *found = NULL;
	for (;;) {
		char *name = xasprintf("strings/%s.yaml", tag);
		char *path = find_file(dirs, name);
		bool there = path != NULL;
		free(path);
		if (there) {
			found = name;
			break;
		}
		buf_printf(&looked, "%s%s", looked.len ? " or " : "", name);
		free(name);
		char *dash = strrchr(tag, '-');
		if (dash == NULL)
			break;
		*dash = '\0';
	}
	if (found == NULL)
		diag_error(ld->d, language->at,
		           "no strings for language '%s': neither the site's templates nor the theme's have %s; add "
		           "templates/strings/%s.yaml to the site, with every string of the theme's " STRINGS_NAMES
		           " in that language",
		           language->v, buf_str(&looked), tag);
	buf_free(&looked);
	free(tag);
	return found;
}

/* Every name of names (the English file) is in strings (the language's
 * file, shown), and no other. */
static bool check_complete(struct loader *ld, const struct list *names, const struct list *strings, const char *shown)
{
	bool ok = true;
	const struct text_pair *n = names->items;
	for (size_t i = 0; i < names->len; i++)
		if (find(strings, n[i].key.v) == NULL) {
			struct pos at = {shown, 1, 1};
			diag_error(ld->d, at, "no string '%s', which " STRINGS_NAMES " has (\"%s\"); add it in this file's language",
			           n[i].key.v, n[i].value.v ? n[i].value.v : "");
			ok = false;
		}
	const struct text_pair *s = strings->items;
	for (size_t i = 0; i < strings->len; i++)
		if (find(names, s[i].key.v) == NULL) {
			const char **keys = xcalloc(names->len ? names->len : 1, sizeof *keys);
			for (size_t k = 0; k < names->len; k++)
				keys[k] = n[k].key.v;
			const char *near = diag_suggest(s[i].key.v, keys, names->len);
			diag_error(ld->d, s[i].at, "string '%s' is not one of " STRINGS_NAMES "'s; %s%s%s", s[i].key.v,
			           near ? "did you mean '" : "remove it", near ? near : "", near ? "'?" : "");
			free(keys);
			ok = false;
		}
	return ok;
}

/* The language's strings into *strings: names themselves when the
 * language's file is the English one, else that file, checked against
 * names.  *shown gets the file's path as messages name it. */
static bool read_language(struct loader *ld, const char *const *dirs, struct list *names, struct list *strings,
                          const char **shown)
{
	const struct str *language = &ld->site->language;
	if (language->v == NULL) {      /* its absence is reported: read English */
		*strings = *names;
		return true;
	}
	if (!valid_tag(language->v)) {
		diag_error(ld->d, language->at,
		           "language '%s' is not a BCP 47 tag; write one such as en, de or de-AT (letters and digits, "
		           "subtags joined by '-')",
		           language->v);
		*strings = *names;
		return false;
	}
	char *name = language_file(ld, dirs, language);
	if (name == NULL) {
		*strings = *names;
		return false;
	}
	bool ok = true;
	if (strcmp(name, STRINGS_NAMES) == 0) {
		*strings = *names;
	} else {
		*strings = (struct list){NULL, 0};
		ok = read_file(ld, dirs, name, strings, shown) && check_complete(ld, names, strings, *shown);
		free_pairs(names);
	}
	free(name);
	return ok;
}

bool strings_read(struct loader *ld, const char *const *template_dirs)
{
	struct list names = {NULL, 0};
	struct list strings = {NULL, 0};
	const char *shown = NULL;
	bool ok = read_file(ld, template_dirs, STRINGS_NAMES, &names, &shown);
	if (names.len)
		ok = read_language(ld, template_dirs, &names, &strings, &shown) && ok;
	if (strings.len == 0 && !ok) {
		free_pairs(&ld->site->strings);   /* nothing to check them against */
	} else {
		ok = apply_overrides(ld, &strings, &ld->site->strings, shown) && ok;
		ok = check_wanted(ld, &strings, shown) && ok;
	}
	ld->site->strings = strings;
	return ok;
}
