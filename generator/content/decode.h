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

/* Checks v as a URL for the field f (SK_URL or SK_LINK, f->flags saying
 * whether only https:// will do), named key in messages.  Returns false
 * after reporting. */
bool decode_url(struct loader *ld, const struct field *f, const char *v, struct pos at, const char *key);

#endif
