/*
 * tree: fingerprints of a folder and everything below it (base/hash.h).
 *
 * Two kinds, for the two sides of a build:
 *
 *   - an input tree (the source's content/, templates/ and static/, the
 *     fonts) by every entry's path and either its bytes or its stamp (what
 *     stat says, through links: size, inode, modification and change
 *     time, which moves whenever the bytes do, but also without that:
 *     touch, a checkout).  The entries are chained in sorted order, and
 *     the result is the same on any number of threads;
 *   - an output tree (a build's published folder) by every entry's name,
 *     type, size, inode and change time (ctime, which no tool can set
 *     back), so that any edit, addition or removal is seen.  It is the sum
 *     of one hash per entry, which does not depend on the order entries
 *     are met in: whoever knows every entry's stat can work it out without
 *     walking (output.h does as it writes).
 *
 * Entries are named relative to their folder's descriptor: a large tree
 * costs one path lookup per entry, not one per component.
 */
#ifndef FOLIO_TREE_H
#define FOLIO_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "base/hash.h"

/* Adds the input tree dir: every entry below it (sorted names,
 * recursively), its path relative to dir and, with bytes, a regular
 * file's bytes (a link is read through); without, its stamp.  A missing
 * dir adds a marker only.  A folder with many subfolders has them walked
 * on up to threads threads.  Returns false when something could not be
 * read. */
bool tree_hash(struct hasher *s, const char *dir, bool bytes, int threads);

/* The names of every entry below dir and their kinds (file, folder,
 * link), without a stat of each: a file added, removed or renamed moves
 * it, an edit does not. */
bool tree_hash_names(struct hasher *s, const char *dir, int threads);

/* tree_hash() by stamps, but the subfolders of the folder shallow (a path
 * below dir: "resources") count by their names alone, not by what they
 * hold: the fingerprint of everything but those subfolders' contents,
 * which tree_hash_parts() notes one by one.  So does each entry named in
 * apart (paths below dir, NULL-terminated; NULL: none), and every entry
 * of a folder among them ("pages", "site.yaml"): the caller counts those
 * files apart.  The folders count by their names too, not their stamps,
 * which move when a file inside is replaced. */
bool tree_hash_shallow(struct hasher *s, const char *dir, const char *shallow, const char *const *apart,
                       int threads);

/* A folder below a tree's root whose subfolders are its parts (the
 * resource folders of content/): the hash of each, by bytes or stamps as
 * the walk takes them, is noted; one given is taken instead of walking
 * that subfolder (its stamp has not moved, so its bytes are as a last
 * walk found them). */
struct tree_part {
	char *name;             /* owned */
	struct hash stamp;      /* or whatever hash the list holds */
};
struct tree_parts_at {
	const char *at;                 /* its path below the root: "resources" */
	const struct tree_part *given;  /* sorted by name; may be NULL */
	size_t ngiven;
	struct tree_part *got;          /* out: every subfolder's hash, sorted; the
	                                 * caller frees it (tree_parts_free) */
	size_t ngot, cap_got;
};

/* tree_hash(), which with bytes takes the hash of the files in
 * known[0..n) (paths as dir/rel would name them, sorted by
 * tree_known_sort) instead of reading them: the loader has just read
 * them, and a file counts by the hash of its bytes (hash_bytes) either
 * way.  With parts (NULL: none), it notes the hashes of parts->at's
 * subfolders in parts->got and takes those parts->given names (the one
 * walk then reads less).  The result is tree_hash()'s.  False (parts->got
 * empty) when something could not be read. */
bool tree_hash_parts(struct hasher *s, const char *dir, bool bytes, const struct hash_known *known, size_t n,
                     struct tree_parts_at *parts, int threads);

void tree_parts_free(struct tree_part *parts, size_t n);

/* Every regular file below dir (links read through), by its path below
 * dir and the hash of its bytes (hash_bytes, in the stamp member), in
 * sorted order, but those under dir's entry skip (NULL: none).  A missing
 * dir has none.  False (and none) when something could not be read. */
bool tree_list_files(const char *dir, const char *skip, struct tree_part **files, size_t *nfiles);

/* Sorts known[0..n) as tree_hash_parts() wants it. */
void tree_known_sort(struct hash_known *known, size_t n);

/* The fingerprint of the output tree dir as it stands on disk (the folder
 * itself counts as the entry "").  False when dir cannot be read. */
bool tree_stamp(const char *dir, struct hash *out);

/* tree_stamp(), which also counts the regular files in *files. */
bool tree_stamp_files(const char *dir, struct hash *out, size_t *files);

/* tree_stamp_files() on as many threads as call tree_stamp_work(): the
 * walk of a large output is mostly the kernel's time, which two cores
 * share.  Begin it, have each thread work (each returns when no folder is
 * left), and end it once every thread has returned: the result, which
 * does not depend on the number of threads, and the walk freed. */
struct tree_stamp_walk;
struct tree_stamp_walk *tree_stamp_begin(const char *dir);
void tree_stamp_work(struct tree_stamp_walk *w);
bool tree_stamp_end(struct tree_stamp_walk *w, struct hash *out, size_t *files);

/* tree_stamp_begin() of a walk that reads the entries of a folder only
 * when the file listing (listing.h) has not noted them under the
 * folder's stamp as it is, and leaves there, when it differs, what it
 * found: a folder that an edit left as it was is not read again.  The
 * result is tree_stamp_begin()'s. */
struct tree_stamp_walk *tree_stamp_begin_listed(const char *dir, const char *listing);

/* How many folders the walk read, once every thread has returned: those
 * it did not take from its listing. */
size_t tree_stamp_folders_read(struct tree_stamp_walk *w);

/* Adds the entry rel (its path below the folder; "" for the folder) with
 * what lstat says of it to the sum *sum, which starts at {0, 0}.  Of a
 * folder other than the top, only the name and mode count: what it holds
 * is counted entry by entry, and a build that made it need not stat it. */
void tree_stamp_add(struct hash *sum, const char *rel, const struct stat *st);

/* Takes back what tree_stamp_add() added for the same entry and stat: an
 * entry replaced or removed. */
void tree_stamp_remove(struct hash *sum, const char *rel, const struct stat *st);

#endif
