/*
 * decode: reads YAML (a ytree) into the model's structs through their
 * schema tables (schema.h).
 *
 * One place checks what the format says of every value: types, required
 * and unknown keys (with a did-you-mean), list lengths, ranges, slugs,
 * dates, URLs, site paths and files under static/.  Markdown values are
 * parsed and checked (body.h); links to site paths go to the loader's
 * links it has seen, for the check after the build.
 */
#ifndef FOLIO_DECODE_H
#define FOLIO_DECODE_H

#include <stdbool.h>

#include "content/loader.h"
#include "content/schema.h"
#include "content/ytree.h"

/* Reads the mapping map into obj, an object of schema s (zeroed by the
 * caller; what it holds afterwards is freed with schema_free_fields(),
 * even on failure).  Reports every mistake; returns false when there was
 * one. */
bool decode_object(struct loader *ld, const struct schema *s, void *obj, const struct ynode *map);

/* Reads the mapping node, named name in messages, into out (a struct list
 * of struct text_pair, empty; freed as an SK_MAP field is): each value
 * must be one line of text, not empty.  Keys are kept as written; what
 * they may be is the caller's to check.  Returns false after reporting. */
bool decode_map(struct loader *ld, const char *name, struct list *out, const struct ynode *node);

/* Checks v as a URL for the field f (SK_URL or SK_LINK, f->flags saying
 * whether only https:// will do), named key in messages.  Returns false
 * after reporting. */
bool decode_url(struct loader *ld, const struct field *f, const char *v, struct pos at, const char *key);

#endif
