#include "base/phrase.h"

#include <stdbool.h>
#include <string.h>

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* One step of reading a phrase: a run of literal text, or a placeholder. */
struct piece {
	const char *text;       /* literal text, or the placeholder's name */
	size_t len;
	bool placeholder;
};

/* The piece at *at, which moves past it; false at the end or on a
 * problem (then in *problem). */
static bool next_piece(const char *phrase, size_t *at, struct piece *piece, struct phrase_problem *problem)
{
	const char *p = phrase + *at;
	if (*p == '\0')
		return false;
	if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
		*piece = (struct piece){p, 1, false};
		*at += 2;
		return true;
	}
	if (*p == '}') {
		*problem = (struct phrase_problem){PHRASE_STRAY_BRACE, *at, ""};
		return false;
	}
	if (*p != '{') {
		size_t len = strcspn(p, "{}");
		*piece = (struct piece){p, len, false};
		*at += len;
		return true;
	}
	const char *close = strchr(p, '}');
	if (close == NULL) {
		*problem = (struct phrase_problem){PHRASE_UNCLOSED, *at, ""};
		return false;
	}
	size_t len = (size_t)(close - p - 1);
	bool ok = len > 0 && len <= PHRASE_NAME_MAX;
	for (size_t i = 0; ok && i < len; i++)
		ok = is_name_char(p[1 + i]);
	if (!ok) {
		*problem = (struct phrase_problem){PHRASE_BAD_NAME, *at, ""};
		return false;
	}
	*piece = (struct piece){p + 1, len, true};
	*at += len + 2;
	return true;
}

static const struct phrase_arg *find_arg(const struct phrase_arg *args, size_t nargs, const char *name, size_t len)
{
	for (size_t i = 0; i < nargs; i++)
		if (strlen(args[i].name) == len && memcmp(args[i].name, name, len) == 0)
			return &args[i];
	return NULL;
}

enum phrase_error phrase_fill(struct buf *out, const char *phrase, const struct phrase_arg *args, size_t nargs,
                              struct phrase_problem *problem)
{
	struct phrase_problem found = {PHRASE_OK, 0, ""};
	struct piece piece;
	size_t at = 0;
	while (next_piece(phrase, &at, &piece, &found)) {
		if (!piece.placeholder) {
			buf_put(out, piece.text, piece.len);
			continue;
		}
		const struct phrase_arg *arg = find_arg(args, nargs, piece.text, piece.len);
		if (arg == NULL || arg->value == NULL) {
			found = (struct phrase_problem){arg ? PHRASE_NO_VALUE : PHRASE_UNKNOWN, at - piece.len - 2, ""};
			memcpy(found.name, piece.text, piece.len);
			break;
		}
		buf_puts(out, arg->value);
	}
	if (problem)
		*problem = found;
	return found.error;
}

enum phrase_error phrase_names(const char *phrase, phrase_visit_fn visit, void *ctx, struct phrase_problem *problem)
{
	struct phrase_problem found = {PHRASE_OK, 0, ""};
	struct piece piece;
	size_t at = 0;
	while (next_piece(phrase, &at, &piece, &found)) {
		if (!piece.placeholder)
			continue;
		char name[PHRASE_NAME_MAX + 1];
		memcpy(name, piece.text, piece.len);
		name[piece.len] = '\0';
		visit(ctx, name);
	}
	if (problem)
		*problem = found;
	return found.error;
}

const char *phrase_error_text(enum phrase_error e)
{
	switch (e) {
	case PHRASE_OK: return "is well-formed";
	case PHRASE_UNCLOSED: return "has a '{' without '}'; write '{{' for a literal brace";
	case PHRASE_BAD_NAME: return "has a placeholder that is not a name of a-z, 0-9 and '_'; write '{{' for a literal brace";
	case PHRASE_STRAY_BRACE: return "has a '}' without '{'; write '}}' for a literal brace";
	case PHRASE_UNKNOWN: return "has a placeholder that nothing fills; remove it, or write '{{' for a literal brace";
	case PHRASE_NO_VALUE: return "has a placeholder without a value; give it one, or remove it";
	}
	return "is not a phrase; write it as text with {name} placeholders";
}
