/*
 * watch: notices changes under a few source folders (inotify).
 *
 * Every folder below the watched ones is watched too, including folders
 * created later; editors that save by writing a temporary file and
 * renaming it over the original are seen through the rename.  A burst of
 * changes (one save often makes several events) is reported once, after
 * the folders have been quiet for a short while.
 */
#ifndef FOLIO_WATCH_H
#define FOLIO_WATCH_H

#include <stddef.h>

struct watch;

/* Watches root (not recursively: to see dirs[i] appear or go) and each
 * root/dirs[i] with every folder below it.  A missing dirs[i] is fine.
 * Returns NULL with errno set when inotify is unavailable. */
struct watch *watch_open(const char *root, const char *const *dirs, size_t ndirs);

enum watch_event { WATCH_CHANGED, WATCH_IDLE, WATCH_STOP, WATCH_ERROR };

/* Waits for a change, then until nothing has changed for quiet_ms, and
 * returns WATCH_CHANGED.  Returns WATCH_IDLE when nothing changed for
 * idle_ms (-1: wait for ever), and WATCH_STOP as soon as stop_fd is
 * readable (it is not read). */
enum watch_event watch_wait(struct watch *w, int stop_fd, int quiet_ms, int idle_ms);

void watch_close(struct watch *w);

#endif
