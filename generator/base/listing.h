/*
 * listing: the entries of an output tree's folders as one walk found
 * them, kept for the next walk (tree.h: tree_stamp_begin_listed).
 *
 * Walking the output of a site of 10,000 pages costs the kernel, for
 * each of its 11,000 folders, an open, two reads of its entries and a
 * close: more than half of what the walk costs.  Yet what a folder holds
 * changes only along with its stamp: an entry added, removed or renamed
 * moves the folder's change time, which no tool can set back.  So a walk
 * notes each folder's stamp and the names in it, and the next walk takes
 * those names instead of reading a folder whose stamp is still the one
 * noted.  Every entry is still stat'ed as before, so a file edited in
 * place, which leaves its folder as it was, is seen by its own stamp.
 *
 * A stamp is noted only when it is older than the walk by more than a
 * file system's clock may lag behind (listing_may_note): an entry added
 * within the same tick as the walk read the folder would leave the
 * folder's times as they were, and the entry unseen (git calls such an
 * entry racy).  The margin is measured against this machine's clock: a
 * network file system whose server's clock runs behind it by more than
 * the margin could, in that one tick, hide an entry added as a walk
 * reads its folder.
 *
 * The file is sealed (sealed.h): one line a folder, fields separated by
 * tabs and escaped as text_put_field() does: its path below the root
 * ("" for the root), its stamp, then the names of its entries.
 */
#ifndef FOLIO_LISTING_H
#define FOLIO_LISTING_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

struct buf;
struct listing;

/* The listing kept in the file path; NULL when there is none, or it is
 * not one this folio wrote whole. */
struct listing *listing_read(const char *path);

void listing_free(struct listing *l);

/* The folder rel (its path below the root) of l, when st (what lstat
 * says of it now) is the stamp it was noted with: its index, or -1. */
long listing_find(const struct listing *l, const char *rel, const struct stat *st);

/* The names of the entries noted in folder i of l: *n of them, owned by l. */
const char *const *listing_names(const struct listing *l, long i, size_t *n);

/* Whether a walk that began at now may note a folder of stamp st: it
 * changed longer ago than a clock of its file system can lag. */
bool listing_may_note(const struct stat *st, const struct timespec *now);

/* Writing a listing: its lines go into a buffer, a folder at a time,
 * either as l noted folder i or begun with listing_note_folder(), then
 * listing_note_name() for each of its entries and listing_note_end(). */
void listing_keep(struct buf *lines, const struct listing *l, long i);
void listing_note_folder(struct buf *lines, const char *rel, const struct stat *st);
void listing_note_name(struct buf *lines, const char *name);
void listing_note_end(struct buf *lines);

/* Writes lines to path (sealed.h); false when it could not (then no
 * listing is left there). */
bool listing_write(const char *path, const struct buf *lines);

#endif
