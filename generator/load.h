/*
 * load: reads a source folder's content/ into a struct site.
 *
 * The only stage that reads content.  It checks everything the format
 * requires (types, required and unknown keys, references between files,
 * slugs, UTF-8, links) and reports every problem of the run to the diag
 * before it returns, so an author sees all mistakes at once.
 */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"

/* Largest content file read, in bytes. */
#define LOAD_MAX_FILE_SIZE (4u << 20)

struct load_options {
	const char *source;     /* folder holding content/ and static/ */
	bool drafts;            /* keep draft: true entries */
	const char *base_url;   /* overrides site.yaml's base_url when set */
};

/* Returns the site, owned by the caller (model_free), or NULL when any
 * error was reported. */
struct site *load_site(const struct load_options *opt, struct diag *d);

/* Reads a whole file of at most max bytes.  Returns a NUL-terminated
 * buffer the caller frees, or NULL after reporting an error naming shown. */
char *load_read_file(const char *path, const char *shown, size_t max, size_t *len, struct diag *d);

/* Checks UTF-8, drops a byte-order mark and turns CRLF into LF, in place.
 * Returns false after reporting the first invalid byte. */
bool load_clean_text(char *text, size_t *len, const char *shown, struct diag *d);

/* Splits front matter: text must start with a "---" line and the YAML end
 * at the next "---" or "..." line.  Sets *yaml, *yaml_len, *body and
 * *body_line (the file line where the body starts); returns false after
 * reporting an error. */
bool load_split_front_matter(const char *text, const char *shown, const char **yaml,
                             size_t *yaml_len, const char **body, int *body_line, struct diag *d);

#endif
