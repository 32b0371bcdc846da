/*
 * record: the file in which a build leaves, for the next, what it was made
 * from and what it made (build/fingerprint.h decides what goes in it).
 *
 * It is kept beside the output folder, not in it (the output is the site,
 * byte for byte), named ".<output name>.folio-state".  It is plain text: a
 * header of fingerprints and counts, the resource folders' stamps and
 * bytes, the list of files the next build may reuse, one a line, then the
 * warnings the build printed.
 */
#ifndef FOLIO_RECORD_H
#define FOLIO_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/hash.h"
#include "output/reuse.h"

struct record {
	struct hash stamps;     /* the inputs' stamps */
	struct hash inputs;     /* the inputs' bytes */
	struct hash output;     /* the output folder as the build left it */
	bool complete;          /* the output is a whole build of those inputs
	                         * (not one with playbooks taken from the one
	                         * before, nor one whose inputs changed while
	                         * building): only then may a build be skipped */
	size_t pages, files;
	struct hash tools;      /* what draws PNGs: see reuse.h */
	struct hash units;      /* the bytes of the units file of this build
	                         * (units.h); {0, 0}: none */
	struct reuse_kept *kept;        /* owned, sorted by kind, key, path */
	size_t nkept;
	struct buf warnings;    /* the lines printed, each ending in '\n' */
	/* The folders under content/resources/, sorted by name, by their
	 * stamps and their bytes as the inputs' fingerprints count them: a
	 * folder whose stamp did not move need not be read again. */
	struct record_part *parts;      /* owned */
	size_t nparts;
};

struct record_part {
	char *name;             /* owned */
	struct hash stamp, bytes;
};

/* The file ".<output name>.<kind>" beside output folder out: caller
 * frees. */
char *record_beside(const char *out, const char *kind);

/* The record's file for output folder out: caller frees. */
char *record_path(const char *out);

/* Reads a record into *rec (which the caller then frees with
 * record_free()); false, with *rec empty, when there is none or it is not
 * readable. */
bool record_read(const char *path, struct record *rec);

/* Writes a record (atomically: a temporary file renamed over it).  A
 * failure only costs the next build its shortcut, so it is not an error. */
void record_write(const char *path, const struct record *rec);

void record_parts_free(struct record_part *parts, size_t n);

/* Frees what rec owns and empties it. */
void record_free(struct record *rec);

#endif
