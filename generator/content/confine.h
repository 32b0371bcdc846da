/*
 * confine: the files of a source folder, named as the author sees them and
 * opened safely.
 *
 * Every file the loader reads from content/ is opened here: a symbolic
 * link that leads outside content/ is refused, so a site cannot publish a
 * file from elsewhere on the machine.  Checking costs few system calls:
 * most files are no links, and a folder's realpath is worked out from its
 * parent's and kept while its files are read.
 */
#ifndef FOLIO_CONFINE_H
#define FOLIO_CONFINE_H

#include <stdint.h>

#include "content/loader.h"

/* Reads the content file rel (relative to the source folder) into clean
 * text (textfile.h), which the caller frees; NULL after reporting.  Its
 * name as shown is interned (*shown_out, set either way) and the read
 * noted; *hash (when not NULL) gets the fingerprint of its bytes that
 * struct md keeps. */
char *confine_read_text(struct loader *ld, const char *rel, const char **shown_out, uint64_t *hash);

/* Forgets the realpaths of folders ld keeps. */
void confine_forget_folders(struct loader *ld);

#endif
