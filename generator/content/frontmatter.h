/*
 * frontmatter: splits a content document into its YAML and its Markdown.
 *
 * A pattern or a question is one file: a line "---", the YAML fields, a
 * line "---" (or "..."), then the Markdown body.  The loader splits every
 * such file here, and a body read back (body.h) is split the same way.
 */
#ifndef FOLIO_FRONTMATTER_H
#define FOLIO_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* Splits front matter: text must start with a "---" line and the YAML end
 * at the next "---" or "..." line.  Sets *yaml, *yaml_len, *body and
 * *body_line (the file line where the body starts), pointing into text;
 * returns false after reporting an error at shown. */
bool frontmatter_split(const char *text, const char *shown, const char **yaml, size_t *yaml_len,
                       const char **body, int *body_line, struct diag *d);

#endif
