/*
 * state: what the last build was made from, so that a build with nothing
 * changed can do nothing.
 *
 * After a successful build, a record is kept beside the output folder (not
 * in it: the output is the site, byte for byte), named
 * ".<output name>.folio-state".  It holds two fingerprints:
 *
 *   - the inputs: every file under the source's content/, templates/ and
 *     static/ and the fonts (names and bytes), the folio program itself
 *     (its bytes, so a rebuilt folio counts as a change) and the options
 *     that change the output;
 *   - the output folder as the build left it: every entry's name, type,
 *     size, inode and change time (ctime, which no tool can set back), so
 *     any edit, addition or removal in the output is seen.
 *
 * When both match, the build is skipped.  The record also keeps the
 * warnings of that build, to show them again, its counts, and the list of
 * files the next build may reuse (PNGs and playbooks, see reuse.h).
 *
 * Hashing every input's bytes takes a while on a large site, so the record
 * also keeps the inputs' stamps (what stat says: size, inode, change
 * time); when they match, the bytes are not read.  The stamps change
 * whenever the bytes do, but also without that (touch, a checkout): then
 * the bytes decide.
 *
 * The fingerprints are 128-bit non-cryptographic hashes: they guard
 * against accidents, not against someone forging a collision.
 */
#ifndef FOLIO_STATE_H
#define FOLIO_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "base/buf.h"

struct state_hash {
	uint64_t a, b;
};

/* A running fingerprint: feed it bytes, then read h. */
struct state_hasher {
	struct state_hash h;
};

void state_hasher_init(struct state_hasher *s);
void state_hasher_add(struct state_hasher *s, const void *data, size_t len);
void state_hasher_add_str(struct state_hasher *s, const char *text);

/* Adds every entry under dir (sorted names, recursively): its path
 * relative to dir and, with bytes, a regular file's bytes; without, its
 * stamp (what stat says, through links).  A missing dir adds a marker
 * only.  A folder with many subfolders has them walked on up to threads
 * threads; the result is the same on any number.  Returns false when
 * something could not be read. */
bool state_hash_tree(struct state_hasher *s, const char *dir, bool bytes, int threads);

/* A file whose bytes are already known, by path (as dir/rel would name
 * it) and the hash state_hash_bytes() gives them. */
struct state_known {
	const char *path;
	struct state_hash hash;
};

/* state_hash_tree() with bytes, taking the bytes' hash of the files in
 * known[0..n) (sorted by strcmp of path) instead of reading them: the
 * loader has just read them. */
bool state_hash_tree_known(struct state_hasher *s, const char *dir, const struct state_known *known, size_t n,
                           int threads);

/* Sorts known[0..n) as state_hash_tree_known() wants it. */
void state_known_sort(struct state_known *known, size_t n);

/* The hash of one file's bytes, as the trees above count it. */
struct state_hash state_hash_bytes(const void *data, size_t len);

/* Adds the bytes of one file; false when it cannot be read. */
bool state_hash_file(struct state_hasher *s, const char *path);

/* The fingerprint of an output folder as it stands on disk (names,
 * types, sizes, inodes, change times).  False when dir cannot be read.
 * It is the sum of one hash per entry (the folder itself named ""), so
 * whoever knows every entry's stat can work it out without walking: see
 * state_stamp_add(). */
bool state_tree_stamp(const char *dir, struct state_hash *out);

/* Adds the entry rel (its path below the folder; "" for the folder) with
 * what lstat says of it to the fingerprint sum, which starts at {0, 0}.
 * Of a folder other than the top, only the name and mode count. */
void state_stamp_add(struct state_hash *sum, const char *rel, const struct stat *st);

/* A file of the output that the next build may take as it is instead of
 * making it again (reuse.h): a PNG, found by what it draws, or a
 * playbook, found by its path. */
enum state_kept_kind { STATE_KEPT_PNG = 'i', STATE_KEPT_PLAYBOOK = 'b' };

struct state_kept {
	enum state_kept_kind kind;
	struct state_hash key;          /* what a PNG draws; zero for a playbook */
	struct state_hash bytes;        /* of the file as the build wrote it */
	size_t pages;                   /* a playbook's page count */
	char *path;                     /* in the output, relative; owned; no newline */
};

/* What a build leaves for the next one. */
struct state_record {
	struct state_hash stamps;       /* the inputs' stamps */
	struct state_hash inputs;       /* the inputs' bytes */
	struct state_hash output;
	bool complete;          /* the output is a whole build of those inputs
	                         * (not one with playbooks carried over, nor one
	                         * whose inputs changed while building): only
	                         * then may a build be skipped */
	size_t pages, files;
	struct state_hash tools;        /* what draws PNGs: see reuse.h */
	struct state_kept *kept;        /* owned, sorted by kind, key, path */
	size_t nkept;
	struct buf warnings;    /* the lines printed, each ending in '\n' */
};

/* The record's file for output folder out: caller frees. */
char *state_path(const char *out);

/* Reads a record; false when there is none or it is not readable. */
bool state_read(const char *path, struct state_record *r);

/* Writes a record (atomically: a temporary file renamed over it).  A
 * failure only costs the next build its shortcut, so it is not an error. */
void state_write(const char *path, const struct state_record *r);

/* Frees what r owns and empties it. */
void state_record_free(struct state_record *r);

/* Frees n kept files' paths and the array. */
void state_kept_free(struct state_kept *kept, size_t n);

#endif
