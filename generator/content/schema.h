/*
 * schema: the content format, described once as data.
 *
 * Each model struct has a schema: a table of its fields, with the YAML key,
 * the kind of value, where it lives in the struct and whether it is
 * required.  The loader reads YAML into structs through these tables (and
 * so checks types, required and unknown keys in one place), and templates
 * read the same structs through them, so a field added to the format is
 * one struct member and one table row.
 *
 * Storage per kind:
 *   SK_LINE, SK_SLUG, SK_URL, SK_LINK, SK_PATH, SK_ENUM, SK_DATE
 *                  struct str
 *   SK_MARKDOWN    struct md
 *   SK_INT         long
 *   SK_BOOL        bool
 *   SK_OBJECT      a pointer to the sub-schema's struct (NULL when absent)
 *   SK_LIST        struct list of the sub-schema's struct
 *   SK_LINES       struct list of struct str
 *   SK_REF         a borrowed pointer to the sub-schema's struct
 *   SK_REFS        struct list of borrowed pointers (the array is owned)
 *   SK_MAP         struct list of struct text_pair, in the file's order
 */
#ifndef FOLIO_SCHEMA_H
#define FOLIO_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "base/diag.h"
#include "base/hash.h"
#include "base/options.h"

/* A text value from content, with where it was written. */
struct str {
	char *v;                /* owned; NULL when the key was absent */
	struct pos at;
};

/* Markdown from content: the source and its cmark tree.
 *
 * A long body (a pattern's text) is not kept: once the loader has checked
 * it, src and doc are freed and on_disk is set; the text stays in its
 * file, at.file, after the front matter, and hash is what the checked text
 * hashed to.  Whoever renders it brings it back with body_open()
 * (body.h), which reads and parses it again and makes sure it is the text
 * that was checked.  A site of thousands of pages then holds their
 * metadata, not their text and trees. */
struct md {
	char *src;              /* owned; NULL when absent or on disk */
	cmark_node *doc;        /* owned; NULL when on disk */
	struct pos at;          /* where the text starts */
	bool on_disk;           /* released after loading: see above */
	bool raw_html;          /* parsed keeping raw HTML (site.yaml's markdown.raw_html) */
	uint64_t hash;          /* of its whole file as read, when on_disk */
	/* The site's and the theme's folders its images are found in
	 * (content/images.h), borrowed from the build's options, whose
	 * strings outlive the model (the options themselves may be a
	 * caller's copy, gone when a kept model renders again); source
	 * NULL: they are not looked for. */
	const char *image_source, *image_theme;
};

/* An array of structs of one schema (or of struct str). */
struct list {
	void *items;            /* owned */
	size_t len;
};

/* One line of a mapping of names to texts (SK_MAP): "on_this_page: On
 * this page".  at is where the key is written. */
struct text_pair {
	struct pos at;
	struct str key;
	struct str value;
};

enum skind {
	SK_LINE,        /* one line of plain text */
	SK_MARKDOWN,    /* CommonMark */
	SK_INT,
	SK_BOOL,
	SK_DATE,        /* YYYY-MM-DD */
	SK_URL,         /* absolute http(s):// or mailto: */
	SK_LINK,        /* an absolute URL or a site path starting with '/' */
	SK_SLUG,        /* [a-z0-9-]+ */
	SK_PATH,        /* a file under static/ */
	SK_ENUM,        /* one of choices */
	SK_OBJECT,
	SK_LIST,
	SK_LINES,
	SK_REF,         /* derived: a borrowed pointer to an object of sub */
	SK_REFS,        /* derived: struct list of borrowed pointers to sub */
	SK_MAP          /* a mapping of names to one-line texts; sub: schema_text_pair */
};

enum {
	SF_REQUIRED = 1 << 0,   /* the key must be present and not empty */
	SF_DERIVED = 1 << 1,    /* set by the loader, not read from YAML */
	SF_HTTPS = 1 << 2,      /* SK_URL: only https:// */
	SF_SCALE = 1 << 3,      /* SK_INT: the upper bound is the scale of the
	                         * resource being read (struct loader), max
	                         * when there is none */
	SF_FRAGMENT = 1 << 4,   /* SK_LINK: '#id' too, a place on the page it is shown on */
	SF_UNSHOWN = 1 << 5     /* no reader sees it (a file's name): the fonts need not draw it */
};

struct schema;

struct field {
	const char *key;
	enum skind kind;
	unsigned flags;
	size_t offset;
	const struct schema *sub;       /* SK_OBJECT, SK_LIST */
	long min, max;                  /* SK_INT range; SK_LIST, SK_LINES count (max 0: any) */
	const char *const *choices;     /* SK_ENUM, NULL-terminated */
	enum skind item;                /* SK_LINES: kind of each entry (SK_LINE, SK_URL) */
};

struct schema {
	const char *name;               /* what messages call one, as a sentence would name
	                                 * it: "a FAQ entry", "site.yaml's publisher" */
	size_t size;                    /* sizeof the struct */
	size_t pos_offset;              /* offset of its struct pos */
	const struct field *fields;     /* terminated by a field with key NULL */
};

/* Table rows for the common case (no sub-schema, range or choices), and
 * the row that ends a table. */
#define SCHEMA_FIELD(T, member, key, kind, flags) \
	{key, kind, flags, offsetof(T, member), NULL, 0, 0, NULL, SK_LINE}
#define SCHEMA_END {NULL, SK_LINE, 0, 0, NULL, 0, 0, NULL, SK_LINE}

/* The schema of struct text_pair (its key and value), the sub-schema of
 * every SK_MAP field. */
extern const struct schema schema_text_pair;

/* The field called key, or NULL. */
const struct field *schema_field(const struct schema *s, const char *key);

/* A fingerprint of everything obj says through its schema's fields, down
 * through its objects and lists, but the Markdown left on disk (struct
 * md), which counts only as being there: two objects that say the same
 * have the same hash.  Derived references do not count; the names they
 * were found by do. */
struct hash schema_hash(const struct schema *s, const void *obj);

/* schema_hash() without obj's own fields named in keys (NULL-terminated):
 * what a reader of the others depends on. */
struct hash schema_hash_but(const struct schema *s, const void *obj, const char *const *keys);

/* Frees everything the schema's fields own inside obj (not obj itself). */
void schema_free_fields(const struct schema *s, void *obj);

/* The struct pos of an object of schema s. */
struct pos schema_pos(const struct schema *s, const void *obj);

/* Calls visit for every text and Markdown value of obj, depth first,
 * following objects and lists it owns (not references). */
typedef void (*schema_visit_fn)(void *ctx, const struct field *f, const void *slot);
void schema_walk(const struct schema *s, const void *obj, schema_visit_fn visit, void *ctx);

/* The i-th element of a list of schema s. */
void *schema_list_at(const struct schema *s, const struct list *list, size_t i);

#endif
