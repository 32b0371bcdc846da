/*
 * progress: one updating line on a terminal while a long build runs, such
 * as "folio: pages 120/202, images 300/602, PDFs 5/20, about 3 s left".
 *
 * The build's tasks count what they finish (progress_done, from any
 * thread: the counters are atomic); one thread of this module alone
 * prints, ten times a second at most, and only once the build has run
 * half a second, so a quick build shows nothing.  The line is rewritten
 * in place (\r) and erased (\r, erase to end of line) by progress_finish,
 * before anything else is printed.  Nothing of it reaches the output: it
 * only reads counters.
 */
#ifndef FOLIO_PROGRESS_H
#define FOLIO_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

enum progress_part { PROGRESS_PAGES, PROGRESS_IMAGES, PROGRESS_PDFS, PROGRESS_PARTS };

struct progress;

/* Starts counting, and the thread that shows the line on stream (a
 * terminal: the caller checks).  NULL when no thread could be started. */
struct progress *progress_start(FILE *stream);

/* n more things of part to make.  p may be NULL (no progress shown). */
void progress_expect(struct progress *p, enum progress_part part, size_t n);

/* One more thing of part made.  p may be NULL. */
void progress_done(struct progress *p, enum progress_part part);

/* Erases the line if it is shown, and shows it no more: call it before
 * printing anything else.  p may be NULL; a second call does nothing. */
void progress_finish(struct progress *p);

/* progress_finish, then stops the thread and frees p.  NULL is a no-op. */
void progress_free(struct progress *p);

#endif
