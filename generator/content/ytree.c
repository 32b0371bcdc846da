#include "content/ytree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/xalloc.h"

struct reader {
	yaml_parser_t parser;
	const char *file;
	int first_line;
	struct diag *d;
	const char *text;
	size_t len;
};

static struct pos mark_pos(const struct reader *r, yaml_mark_t m)
{
	struct pos at = {r->file, (int)m.line + r->first_line, (int)m.column + 1};
	return at;
}

/* The byte of text where mark m stands: libyaml counts a mark's index and
 * column in characters, not bytes. */
static size_t mark_byte(const struct reader *r, yaml_mark_t m)
{
	size_t i = 0;
	for (size_t line = 0; i < r->len && line < m.line; i++)
		if (r->text[i] == '\n')
			line++;
	for (size_t col = 0; col < m.column && i < r->len; col++)
		do
			i++;
		while (i < r->len && ((unsigned char)r->text[i] & 0xC0) == 0x80);
	return i;
}

/* A block scalar ('|' or '>') is placed where its text starts, on the line
 * after the indicator and at its indentation, so that a position inside
 * the text (a Markdown link, say) maps to the file. */
static void block_scalar_start(const struct reader *r, yaml_mark_t indicator, struct pos *at)
{
	size_t i = mark_byte(r, indicator);
	while (i < r->len && r->text[i] != '\n')
		i++;
	for (size_t start = i + 1; start < r->len; start = i + 1) {
		size_t indent = 0;
		while (start + indent < r->len && r->text[start + indent] == ' ')
			indent++;
		i = start + indent;
		if (i < r->len && r->text[i] != '\n') {
			at->line++;
			at->col = (int)indent + 1;
			return;
		}
	}
}

static struct ynode *node_new(enum ynode_kind kind, struct pos at)
{
	struct ynode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->at = at;
	return n;
}

void ytree_free(struct ynode *node)
{
	if (node == NULL)
		return;
	free(node->text);
	for (size_t i = 0; node->items && i < node->n; i++)
		ytree_free(node->items[i]);
	for (size_t i = 0; node->pairs && i < node->n; i++) {
		ytree_free(node->pairs[i].key);
		ytree_free(node->pairs[i].value);
	}
	free(node->items);
	free(node->pairs);
	free(node);
}

const struct ynode *ytree_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->pairs[i].key->text, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

const char *ytree_kind_name(enum ynode_kind kind)
{
	switch (kind) {
	case YNODE_SCALAR:
		return "a single value";
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a mapping";
	}
	return "?";
}

/* libyaml's messages are terse; say what usually causes them. */
static void syntax_error(struct reader *r)
{
	yaml_parser_t *p = &r->parser;
	struct pos at = mark_pos(r, p->problem_mark);
	size_t off = mark_byte(r, p->problem_mark);
	const char *problem = p->problem ? p->problem : "malformed YAML";
	if (off < r->len && r->text[off] == '\t') {
		diag_error(r->d, at, "tab character in YAML; indent with spaces only");
		return;
	}
	if (p->context)
		diag_error(r->d, at, "YAML syntax: %s %s; check the indentation and quote values that contain ': ' or start with a special character",
		           p->context, problem);
	else
		diag_error(r->d, at, "YAML syntax: %s; check the indentation and quote values that contain ': ' or start with a special character",
		           problem);
}

static bool next_event(struct reader *r, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&r->parser, ev)) {
		syntax_error(r);
		return false;
	}
	return true;
}

static struct ynode *read_node(struct reader *r, yaml_event_t *ev, int depth);

static void append_item(struct ynode *seq, struct ynode *item, size_t *cap)
{
	seq->items = xgrow(seq->items, cap, seq->n + 1, sizeof *seq->items);
	seq->items[seq->n++] = item;
}

static struct ynode *read_sequence(struct reader *r, struct ynode *seq, int depth)
{
	size_t cap = 0;
	for (;;) {
		yaml_event_t ev;
		if (!next_event(r, &ev))
			goto fail;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return seq;
		}
		struct ynode *item = read_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (item == NULL)
			goto fail;
		append_item(seq, item, &cap);
	}
fail:
	ytree_free(seq);
	return NULL;
}

static struct ynode *read_mapping(struct reader *r, struct ynode *map, int depth)
{
	size_t cap = 0;
	for (;;) {
		yaml_event_t ev;
		if (!next_event(r, &ev))
			goto fail;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return map;
		}
		struct ynode *key = read_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (key == NULL)
			goto fail;
		if (key->kind != YNODE_SCALAR) {
			diag_error(r->d, key->at, "a key must be a plain name, not %s; write a name before the ':'", ytree_kind_name(key->kind));
			ytree_free(key);
			goto fail;
		}
		if (ytree_get(map, key->text) != NULL) {
			diag_error(r->d, key->at, "duplicate key '%s'; remove one of the two", key->text);
			ytree_free(key);
			goto fail;
		}
		if (!next_event(r, &ev)) {
			ytree_free(key);
			goto fail;
		}
		struct ynode *value = read_node(r, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (value == NULL) {
			ytree_free(key);
			goto fail;
		}
		map->pairs = xgrow(map->pairs, &cap, map->n + 1, sizeof *map->pairs);
		map->pairs[map->n].key = key;
		map->pairs[map->n].value = value;
		map->n++;
	}
fail:
	ytree_free(map);
	return NULL;
}

static struct ynode *read_node(struct reader *r, yaml_event_t *ev, int depth)
{
	struct pos at = mark_pos(r, ev->start_mark);
	if (depth > YTREE_MAX_DEPTH) {
		diag_error(r->d, at, "YAML nested deeper than %d levels; flatten the structure", YTREE_MAX_DEPTH);
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		struct ynode *n = node_new(YNODE_SCALAR, at);
		n->text = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		/* A quoted value's text starts after its quote: positions inside
		 * the text (a character the fonts lack, say) then map to columns. */
		if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			n->at.col++;
		if (n->len > 0 && (ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		                   ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE))
			block_scalar_start(r, ev->start_mark, &n->at);
		if (strlen(n->text) != n->len) {
			diag_error(r->d, at, "NUL character in a YAML value; remove it");
			ytree_free(n);
			return NULL;
		}
		return n;
	}
	case YAML_SEQUENCE_START_EVENT:
		return read_sequence(r, node_new(YNODE_SEQ, at), depth);
	case YAML_MAPPING_START_EVENT:
		return read_mapping(r, node_new(YNODE_MAP, at), depth);
	case YAML_ALIAS_EVENT:
		diag_error(r->d, at, "YAML aliases (*name) are not supported; write the value out in full");
		return NULL;
	default:
		diag_error(r->d, at, "unexpected YAML structure; write the file as 'key: value' lines and lists");
		return NULL;
	}
}

static bool expect(struct reader *r, yaml_event_type_t type)
{
	yaml_event_t ev;
	if (!next_event(r, &ev))
		return false;
	bool ok = ev.type == type;
	if (!ok)
		diag_error(r->d, mark_pos(r, ev.start_mark),
		           "a content file holds one YAML document; remove the extra '---' or '...'");
	yaml_event_delete(&ev);
	return ok;
}

struct ynode *ytree_parse(const char *text, size_t len, const char *file, int first_line,
                          struct diag *d)
{
	struct reader r = {.file = file, .first_line = first_line, .d = d, .text = text, .len = len};
	struct ynode *root = NULL;
	yaml_parser_initialize(&r.parser);
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);

	if (!expect(&r, YAML_STREAM_START_EVENT))
		goto out;
	yaml_event_t ev;
	if (!next_event(&r, &ev))
		goto out;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		struct pos at = {file, first_line, 1};
		root = node_new(YNODE_MAP, at);
		goto out;
	}
	yaml_event_delete(&ev);          /* document start */
	if (!next_event(&r, &ev))
		goto out;
	root = read_node(&r, &ev, 0);
	yaml_event_delete(&ev);
	if (root == NULL)
		goto out;
	if (!expect(&r, YAML_DOCUMENT_END_EVENT) || !expect(&r, YAML_STREAM_END_EVENT)) {
		ytree_free(root);
		root = NULL;
	}
out:
	yaml_parser_delete(&r.parser);
	return root;
}
