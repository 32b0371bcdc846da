/*
 * phrase: fills the named placeholders of an interface phrase.
 *
 * A phrase is a text of the theme's strings in which {name} stands for a
 * value given where it is used: "Page {page} of {pages}".  A name is made
 * of a-z, 0-9 and '_'; "{{" and "}}" write one literal brace.  The words
 * around the values are the phrase's, so a language can put them in its
 * own order.
 *
 * Pure functions of their arguments: safe from any number of threads.
 */
#ifndef FOLIO_PHRASE_H
#define FOLIO_PHRASE_H

#include <stddef.h>

#include "base/buf.h"

/* The longest placeholder name. */
#define PHRASE_NAME_MAX 32

/* A value for the placeholder called name.  value NULL: no value. */
struct phrase_arg {
	const char *name;
	const char *value;
};

enum phrase_error {
	PHRASE_OK,
	PHRASE_UNCLOSED,        /* a '{' with no '}' after it */
	PHRASE_BAD_NAME,        /* {...} that is not a name */
	PHRASE_STRAY_BRACE,     /* a single '}' outside a placeholder */
	PHRASE_UNKNOWN,         /* a placeholder no argument names */
	PHRASE_NO_VALUE         /* a placeholder whose argument has no value */
};

/* What went wrong, and where. */
struct phrase_problem {
	enum phrase_error error;
	size_t offset;                  /* of the brace that starts it */
	char name[PHRASE_NAME_MAX + 1]; /* PHRASE_UNKNOWN, PHRASE_NO_VALUE: the placeholder */
};

/* Appends phrase to out, each {name} replaced by the value of the
 * argument of that name in args[0..nargs) and each doubled brace by one.
 * Returns PHRASE_OK, or the first problem (described in *problem when it
 * is not NULL; out then holds the phrase up to it). */
enum phrase_error phrase_fill(struct buf *out, const char *phrase, const struct phrase_arg *args, size_t nargs,
                              struct phrase_problem *problem);

/* Calls visit with the name of each placeholder of phrase, in order (a
 * name used twice is visited twice; name is NUL-terminated, valid during
 * the call).  Returns PHRASE_OK or the first problem of syntax. */
typedef void (*phrase_visit_fn)(void *ctx, const char *name);
enum phrase_error phrase_names(const char *phrase, phrase_visit_fn visit, void *ctx, struct phrase_problem *problem);

/* What an error means, for messages: "has a '{' without '}'". */
const char *phrase_error_text(enum phrase_error e);

#endif
