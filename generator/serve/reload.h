/*
 * reload: the preview server's live-reload channel.
 *
 * Each open page holds one Server-Sent Events stream (/__folio/events).
 * A stream with nothing to send is a suspended libmicrohttpd connection,
 * so open pages cost no thread and block nothing.  After a good build the
 * watch loop calls reload_built() and every page reloads; after a failed
 * one reload_failed() sends the errors, which the page shows over itself.
 *
 * The page side is a same-origin script (/__folio/reload.js) that the
 * server adds to HTML responses as it sends them (reload_inject), so the
 * pages' Content-Security-Policy (script-src 'self') allows it and the
 * built files never mention it.
 *
 * Thread safety: every function but reload_new and reload_free may be
 * called from any thread; one mutex guards the state.
 */
#ifndef FOLIO_RELOAD_H
#define FOLIO_RELOAD_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "base/diag.h"

struct reload;

struct reload *reload_new(void);
/* After reload_close() and MHD_stop_daemon(). */
void reload_free(struct reload *r);

/* Queues an event stream on conn (from the access handler). */
enum MHD_Result reload_connect(struct reload *r, struct MHD_Connection *conn);

/* A new build is in place: count it, forget the errors, reload the pages. */
void reload_built(struct reload *r);
/* A build failed: keep the errors (d's error lines) and show them, with
 * file names relative to base (the source folder). */
void reload_failed(struct reload *r, const struct diag *d, const char *base);
/* A comment on every stream, so that closed pages are noticed. */
void reload_ping(struct reload *r);
/* Ends every stream; no new one starts.  Call before MHD_stop_daemon(). */
void reload_close(struct reload *r);

/* The number of good builds so far. */
unsigned reload_generation(struct reload *r);

/* html with the reload script added before </head> (or at the end):
 * a new string of *out_len bytes the caller frees. */
char *reload_inject(const char *html, size_t len, unsigned generation, size_t *out_len);

/* The error lines among lines[0..n) as a JSON array of {file, line, col,
 * message} (file null when unknown; line and col 0 when unknown), file
 * names relative to base when under it.  The caller frees it. */
char *reload_errors_json(char *const *lines, size_t n, const char *base);

/* The page side: the script and the overlay's stylesheet. */
extern const char reload_script[];
extern const char reload_style[];

#endif
