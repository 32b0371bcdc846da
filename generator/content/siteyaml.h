/*
 * siteyaml: content/site.yaml read into the struct site being loaded.
 *
 * It is read first: it says whether Markdown may keep raw HTML, and it
 * holds the calls to action resources name.  --base-url, when given,
 * takes the place of its base_url, which always ends in '/'.
 */
#ifndef FOLIO_SITEYAML_H
#define FOLIO_SITEYAML_H

#include <stdbool.h>

#include "content/loader.h"

/* Reads content/site.yaml into ld->site.  Returns false after reporting. */
bool siteyaml_read(struct loader *ld);

/* Reads the clean text of site.yaml, named shown (NULL: it could not be
 * read, already reported), into ld->site. */
bool siteyaml_read_text(struct loader *ld, const char *text, const char *shown);

#endif
