/* Unit tests of ytree.h: YAML to a positioned tree, and what it refuses. */
#define HARNESS_NAME "ytree"
#include "harness.h"

#include "content/ytree.h"

static struct ynode *parse(const char *text, int first_line, struct diag *d)
{
	return ytree_parse(text, strlen(text), "f.yaml", first_line, d);
}

/* The only line d holds, or "(none)" / "(several)". */
static const char *only_line(const struct diag *d)
{
	if (d->nlines == 0)
		return "(none)";
	if (d->nlines > 1)
		return "(several)";
	return d->lines[0];
}

#define CHECK_POS(node, l, c)                   \
	do {                                    \
		CHECK_INT((node)->at.line, l);  \
		CHECK_INT((node)->at.col, c);   \
	} while (0)

static void test_mapping_and_sequence(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("a: 1\nb: [x, y]\nc:\n  d: e\n", 1, &d);
	CHECK(root != NULL);
	CHECK_INT(d.nlines, 0);
	if (root == NULL)
		goto out;
	CHECK_INT(root->kind, YNODE_MAP);
	CHECK_INT(root->n, 3);
	CHECK_STR(root->at.file, "f.yaml");
	if (root->n != 3)
		goto out;
	CHECK_STR(root->pairs[0].key->text, "a");
	CHECK_STR(root->pairs[1].key->text, "b");
	CHECK_STR(root->pairs[2].key->text, "c");

	const struct ynode *a = ytree_get(root, "a");
	CHECK(a != NULL && a->kind == YNODE_SCALAR);
	if (a) {
		CHECK_STR(a->text, "1");
		CHECK_INT(a->len, 1);
	}
	const struct ynode *b = ytree_get(root, "b");
	CHECK(b != NULL && b->kind == YNODE_SEQ && b->n == 2);
	if (b && b->kind == YNODE_SEQ && b->n == 2) {
		CHECK_STR(b->items[0]->text, "x");
		CHECK_STR(b->items[1]->text, "y");
	}
	const struct ynode *c = ytree_get(root, "c");
	CHECK(c != NULL && c->kind == YNODE_MAP && c->n == 1);
	if (c && c->kind == YNODE_MAP && c->n == 1)
		CHECK_STR(ytree_get(c, "d")->text, "e");
	CHECK(ytree_get(root, "missing") == NULL);
	CHECK(ytree_get(a, "a") == NULL);      /* not a mapping */
	CHECK(ytree_get(NULL, "a") == NULL);
out:
	ytree_free(root);
	diag_free(&d);
}

static void test_positions(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("a: 1\nb: [x, y]\nc:\n  d: e\nlist:\n  - one\n  - two\n", 1, &d);
	CHECK(root != NULL && root->n == 4);
	if (root == NULL || root->n != 4)
		goto out;
	CHECK_POS(root->pairs[0].key, 1, 1);     /* a */
	CHECK_POS(root->pairs[0].value, 1, 4);   /* 1 */
	CHECK_POS(root->pairs[1].key, 2, 1);     /* b */
	CHECK_POS(root->pairs[1].value, 2, 4);   /* [ */
	CHECK_POS(root->pairs[1].value->items[0], 2, 5);  /* x */
	CHECK_POS(root->pairs[1].value->items[1], 2, 8);  /* y */
	CHECK_POS(root->pairs[2].value, 4, 3);   /* the mapping under c starts at d */
	CHECK_POS(root->pairs[2].value->pairs[0].key, 4, 3);
	CHECK_POS(root->pairs[2].value->pairs[0].value, 4, 6);
	const struct ynode *list = root->pairs[3].value;
	CHECK(list->kind == YNODE_SEQ && list->n == 2);
	if (list->kind == YNODE_SEQ && list->n == 2) {
		CHECK_POS(list->items[0], 6, 5);
		CHECK_POS(list->items[1], 7, 5);
	}
out:
	ytree_free(root);
	diag_free(&d);
}

static void test_first_line_offset(void)
{
	/* Front matter starts on the file's second line. */
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("title: T\nweight: 2\n", 2, &d);
	CHECK(root != NULL && root->n == 2);
	if (root && root->n == 2) {
		CHECK_POS(root->pairs[0].key, 2, 1);
		CHECK_POS(root->pairs[1].value, 3, 9);
	}
	ytree_free(root);
	/* Errors use file lines too. */
	root = parse("a: 1\na: 2\n", 2, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:3:1: error: duplicate key 'a'; remove one of the two");
	diag_free(&d);
}

static void test_scalar_styles(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("p: plain words\nq: \"quoted: yes\"\ns: 'single'\nb: |\n  line one\n  line two\nn: 007\n", 1, &d);
	CHECK(root != NULL && root->n == 5);
	if (root && root->n == 5) {
		const struct ynode *p = ytree_get(root, "p"), *q = ytree_get(root, "q"), *s = ytree_get(root, "s"),
		                   *b = ytree_get(root, "b"), *n = ytree_get(root, "n");
		CHECK_STR(p->text, "plain words");
		CHECK(p->plain);
		CHECK_STR(q->text, "quoted: yes");
		CHECK(!q->plain);
		CHECK_STR(s->text, "single");
		CHECK(!s->plain);
		CHECK_STR(b->text, "line one\nline two\n");
		CHECK_INT(b->len, 18);
		CHECK(!b->plain);
		/* Scalars stay strings: no YAML typing. */
		CHECK_STR(n->text, "007");
		CHECK(n->plain);
	}
	ytree_free(root);
	diag_free(&d);
}

static void test_duplicate_key(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("title: A\nsummary: B\ntitle: C\n", 1, &d);
	CHECK(root == NULL);
	CHECK_INT(d.errors, 1);
	CHECK_STR(only_line(&d), "f.yaml:3:1: error: duplicate key 'title'; remove one of the two");
	diag_free(&d);
	/* Inside a nested mapping, with its own column. */
	diag_init(&d, NULL);
	root = parse("effort:\n  min: 1\n  min: 2\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:3:3: error: duplicate key 'min'; remove one of the two");
	diag_free(&d);
	/* The same key in two different mappings is fine. */
	diag_init(&d, NULL);
	root = parse("- id: a\n- id: b\n", 1, &d);
	CHECK(root != NULL);
	CHECK_INT(d.nlines, 0);
	ytree_free(root);
	diag_free(&d);
}

static void test_alias_refused(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("a: &anchor 1\nb: *anchor\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:2:4: error: YAML aliases (*name) are not supported; write the value out in full");
	diag_free(&d);
	/* The classic expansion bomb stops at the first alias. */
	diag_init(&d, NULL);
	root = parse("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:2:8: error: YAML aliases (*name) are not supported; write the value out in full");
	diag_free(&d);
}

/* "k: " followed by n nested flow sequences. */
static char *nested(int n)
{
	char *s = malloc((size_t)n * 2 + 8);
	size_t w = 0;
	memcpy(s, "k: ", 3);
	w = 3;
	for (int i = 0; i < n; i++)
		s[w++] = '[';
	for (int i = 0; i < n; i++)
		s[w++] = ']';
	s[w++] = '\n';
	s[w] = '\0';
	return s;
}

static void test_depth_limit(void)
{
	struct diag d;
	diag_init(&d, NULL);
	/* The root mapping is depth 0, so 32 brackets reach depth 32: allowed. */
	char *ok = nested(YTREE_MAX_DEPTH);
	struct ynode *root = parse(ok, 1, &d);
	CHECK(root != NULL);
	CHECK_INT(d.nlines, 0);
	ytree_free(root);
	free(ok);
	/* One more is refused, at the 33rd bracket: column 3 + 33. */
	char *deep = nested(YTREE_MAX_DEPTH + 1);
	root = parse(deep, 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:1:36: error: YAML nested deeper than 32 levels; flatten the structure");
	free(deep);
	diag_free(&d);
	/* Far deeper input fails the same way without trouble. */
	diag_init(&d, NULL);
	char *bomb = nested(5000);
	root = parse(bomb, 1, &d);
	CHECK(root == NULL);
	CHECK_INT(d.errors, 1);
	free(bomb);
	diag_free(&d);
}

static void test_tab_error(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("a:\n  b: 1\n\tc: 2\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:3:1: error: tab character in YAML; indent with spaces only");
	diag_free(&d);
}

static void test_tab_after_non_ascii(void)
{
	/* libyaml counts columns in characters; the tab is still recognised
	 * after multi-byte characters earlier in the file. */
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("title: caf\xC3\xA9 \xE2\x82\xAC\nsub:\n  a: 1\n\tb: 2\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:4:1: error: tab character in YAML; indent with spaces only");
	diag_free(&d);
}

static void test_block_scalar_position(void)
{
	/* A block scalar is placed at its first line of text, not at '|'. */
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("intro: |\n    First line.\n    Second.\nfolded: >\n\n  After a blank line.\n"
	                           "plain: text\nempty: |\nnext: x\n", 1, &d);
	CHECK(root != NULL && root->n == 5);
	if (root && root->n == 5) {
		CHECK_POS(ytree_get(root, "intro"), 2, 5);
		CHECK_STR(ytree_get(root, "intro")->text, "First line.\nSecond.\n");
		/* Line of the first text line (a blank one here), column of the text. */
		CHECK_POS(ytree_get(root, "folded"), 5, 3);
		CHECK_POS(ytree_get(root, "plain"), 7, 8);
		/* An empty block scalar stays at its indicator. */
		CHECK_POS(ytree_get(root, "empty"), 8, 8);
	}
	ytree_free(root);
	diag_free(&d);
}

static void test_empty_document(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("", 1, &d);
	CHECK(root != NULL);
	if (root) {
		CHECK_INT(root->kind, YNODE_MAP);
		CHECK_INT(root->n, 0);
		CHECK_POS(root, 1, 1);
	}
	ytree_free(root);
	/* Comments and blank lines only: still an empty mapping, at first_line. */
	root = parse("# nothing here\n\n", 2, &d);
	CHECK(root != NULL);
	if (root) {
		CHECK_INT(root->kind, YNODE_MAP);
		CHECK_INT(root->n, 0);
		CHECK_POS(root, 2, 1);
	}
	ytree_free(root);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_other_refusals(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("a: 1\n---\nb: 2\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:2:1: error: a content file holds one YAML document; remove the extra '---' or '...'");
	diag_free(&d);

	diag_init(&d, NULL);
	root = parse("? [a, b]\n: c\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:1:3: error: a key must be a plain name, not a list; write a name before the ':'");
	diag_free(&d);

	/* A NUL written as an escape in a quoted scalar. */
	diag_init(&d, NULL);
	root = parse("a: \"x\\0y\"\n", 1, &d);
	CHECK(root == NULL);
	CHECK_STR(only_line(&d), "f.yaml:1:4: error: NUL character in a YAML value; remove it");
	diag_free(&d);
}

static void test_syntax_error(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("title: ok\nlist: [a, b\n", 1, &d);
	CHECK(root == NULL);
	CHECK_INT(d.errors, 1);
	/* libyaml finds the problem where the input ends. */
	CHECK_CONTAINS(only_line(&d), "f.yaml:3:1: error: YAML syntax: ");
	CHECK_CONTAINS(only_line(&d), "flow sequence");
	diag_free(&d);

	diag_init(&d, NULL);
	root = parse("a: b: c\n", 1, &d);
	CHECK(root == NULL);
	CHECK_CONTAINS(only_line(&d), "f.yaml:1:5: error: YAML syntax: ");
	CHECK_CONTAINS(only_line(&d), "mapping values are not allowed");
	diag_free(&d);
}

static void test_root_need_not_be_a_mapping(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = parse("- a\n- b\n", 1, &d);
	CHECK(root != NULL && root->kind == YNODE_SEQ && root->n == 2);
	ytree_free(root);
	root = parse("just text\n", 1, &d);
	CHECK(root != NULL && root->kind == YNODE_SCALAR);
	if (root)
		CHECK_STR(root->text, "just text");
	ytree_free(root);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
	ytree_free(NULL);
}

static void test_kind_names(void)
{
	CHECK_STR(ytree_kind_name(YNODE_SCALAR), "a single value");
	CHECK_STR(ytree_kind_name(YNODE_SEQ), "a list");
	CHECK_STR(ytree_kind_name(YNODE_MAP), "a mapping");
}

static void test_text_without_final_nul(void)
{
	/* The parser reads len bytes, not up to a NUL. */
	const char text[] = "a: 1\nb: 2\n";
	struct diag d;
	diag_init(&d, NULL);
	struct ynode *root = ytree_parse(text, 5, "f.yaml", 1, &d);
	CHECK(root != NULL && root->n == 1);
	ytree_free(root);
	diag_free(&d);
}

int main(void)
{
	RUN(test_mapping_and_sequence);
	RUN(test_positions);
	RUN(test_first_line_offset);
	RUN(test_scalar_styles);
	RUN(test_duplicate_key);
	RUN(test_alias_refused);
	RUN(test_depth_limit);
	RUN(test_tab_error);
	RUN(test_tab_after_non_ascii);
	RUN(test_block_scalar_position);
	RUN(test_empty_document);
	RUN(test_other_refusals);
	RUN(test_syntax_error);
	RUN(test_root_need_not_be_a_mapping);
	RUN(test_kind_names);
	RUN(test_text_without_final_nul);
	return harness_done();
}
