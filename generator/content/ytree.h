/*
 * ytree: a YAML document as a small tree that remembers where each node
 * came from, read with libyaml.
 *
 * Folio's schema, not YAML's implicit typing, decides what a scalar means,
 * so scalars stay strings here.  The reader refuses what a content file has
 * no use for and what makes YAML dangerous: aliases (no expansion bombs),
 * more than one document, nesting deeper than YTREE_MAX_DEPTH, and duplicate
 * keys.  Errors go to the diag with the file's own line and column.
 */
#ifndef FOLIO_YTREE_H
#define FOLIO_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

#define YTREE_MAX_DEPTH 32

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode;

struct ypair {
	struct ynode *key;      /* always a scalar */
	struct ynode *value;
};

struct ynode {
	enum ynode_kind kind;
	struct pos at;
	bool plain;             /* scalar written without quotes or block style */
	char *text;             /* scalar: owned, NUL-terminated */
	size_t len;             /* scalar: length of text in bytes */
	struct ynode **items;   /* sequence: owned */
	struct ypair *pairs;    /* mapping: owned, in file order */
	size_t n;               /* items or pairs */
};

/*
 * Parses text (len bytes, UTF-8, may lack a final NUL).  file is borrowed
 * into every node's position; first_line is the file line where text starts
 * (1 for a whole file, 2 for front matter after "---").  Returns the root
 * node, owned by the caller (ytree_free), or NULL after reporting errors.
 * An empty document gives an empty mapping.
 */
struct ynode *ytree_parse(const char *text, size_t len, const char *file, int first_line,
                          struct diag *d);
void ytree_free(struct ynode *node);

/* The value for key in a mapping, or NULL. */
const struct ynode *ytree_get(const struct ynode *map, const char *key);

/* "a string", "a list", "a mapping": for messages. */
const char *ytree_kind_name(enum ynode_kind kind);

#endif
