/*
 * interrupt: Ctrl-C (SIGINT), SIGTERM and SIGHUP, taken as a request to
 * stop the work at its next step rather than as a kill.
 *
 * The first such signal only sets one flag, which a build reads as its
 * options' cancel flag (options.h): the task pool starts no more tasks,
 * the running ones stop at their next check, and the caller removes what
 * the build wrote and says so.  It also puts back the default action of
 * the three signals, so that a second one kills the process at once, as
 * a person pressing Ctrl-C again expects.  The flag is a lock-free atomic,
 * which a signal handler may set and any thread may read.
 *
 * interrupt_fd() is a descriptor that becomes readable at the signal, for
 * a loop that waits in poll() (the preview server).
 */
#ifndef FOLIO_INTERRUPT_H
#define FOLIO_INTERRUPT_H

#include <stdatomic.h>
#include <stdbool.h>

/* Catches the three signals as above; false (with errno) when the
 * descriptor or the handlers could not be set up. */
bool interrupt_catch(void);

/* Set once a signal was caught; for options.cancel. */
const atomic_bool *interrupt_flag(void);

/* The exit status of a process stopped by the signal caught: 128 + its
 * number (130 for SIGINT, 143 for SIGTERM), as a shell reports a kill. */
int interrupt_status(void);

/* "SIGINT", "SIGTERM" or "SIGHUP": the signal caught, for messages. */
const char *interrupt_name(void);

/* Readable once a signal was caught; -1 before interrupt_catch(). */
int interrupt_fd(void);

/* For work that writes nothing and so has nothing to undo (folio check):
 * the three signals end the process at once, after writing line (a
 * string that must outlive the process, ending in '\n') to standard
 * error, with interrupt_status()'s status. */
void interrupt_exit_at_once(const char *line);

#endif
