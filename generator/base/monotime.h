/*
 * monotime: the monotonic clock in milliseconds, for durations shown to
 * people (a build's time, how long ago the preview dropped a build).
 * Never for output: nothing written to the site may depend on it.
 */
#ifndef FOLIO_MONOTIME_H
#define FOLIO_MONOTIME_H

/* Milliseconds since an arbitrary fixed point; only differences mean anything. */
double monotime_ms(void);

#endif
