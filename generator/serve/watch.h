/*
 * watch: notices changes under a few source folders (inotify), of one
 * root folder or more.
 *
 * Every folder below the watched ones is watched too, including folders
 * created later; editors that save by writing a temporary file and
 * renaming it over the original are seen through the rename.  A change is
 * reported as soon as it is seen, and a burst of changes (one save often
 * makes several events) once more, as one, after the folders have been
 * quiet for a short while.
 */
#ifndef FOLIO_WATCH_H
#define FOLIO_WATCH_H

#include <stdbool.h>
#include <stddef.h>

struct watch;

/* Watches root (not recursively: to see dirs[i] appear or go) and each
 * root/dirs[i] with every folder below it.  A missing dirs[i] is fine.
 * Returns NULL with errno set when inotify is unavailable. */
struct watch *watch_open(const char *root, const char *const *dirs, size_t ndirs);

/* Watches another root the same way (the theme beside the source); an
 * event under any root is a change. */
void watch_add_root(struct watch *w, const char *root, const char *const *dirs, size_t ndirs);

enum watch_event { WATCH_CHANGED, WATCH_IDLE, WATCH_STOP, WATCH_ERROR };

/* Waits for a change and returns WATCH_CHANGED as soon as one is seen.
 * Returns WATCH_IDLE when nothing changed for idle_ms (-1: wait for
 * ever), and WATCH_STOP as soon as stop_fd is readable (it is not read).
 * A caller may act at once (the preview drops a build that the change
 * makes useless), then call watch_wait_quiet. */
enum watch_event watch_wait_change(struct watch *w, int stop_fd, int idle_ms);

/* After a change: waits until nothing has changed for quiet_ms and
 * returns WATCH_CHANGED, so that one save (often several events) is one
 * rebuild; or WATCH_STOP as above.  It does not wait once a save is seen
 * to be over: a file renamed into place, or written and closed (but a
 * file made in the same burst, an editor's temporary one). */
enum watch_event watch_wait_quiet(struct watch *w, int stop_fd, int quiet_ms);

/* What changed since the last call (or since watch_open): true, with the
 * files events named in *files (n of them, each a root's path joined with
 * the file's path below it; the caller frees them and the array), when
 * every change was to a file; false, with nothing in *files, when an
 * event could not say what changed (a folder made, moved or removed,
 * events lost): then anything may have.  Either way the list starts
 * anew. */
bool watch_take_changes(struct watch *w, char ***files, size_t *n);

void watch_close(struct watch *w);

#endif
