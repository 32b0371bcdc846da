/*
 * serve: `folio serve`, the local preview server.
 *
 * Builds the site into a private folder (under $TMPDIR, removed on exit),
 * serves it over HTTP with libmicrohttpd, rebuilds when the sources (the
 * site's and the theme's) change (watch.h) and tells the open pages to reload (reload.h).  A
 * failed rebuild keeps the last good build online and shows its errors on
 * every open page.  Requests never reach a file outside the build
 * (urlpath.h, then a check of the real path).
 */
#ifndef FOLIO_SERVE_H
#define FOLIO_SERVE_H

#include <stdbool.h>

#define SERVE_DEFAULT_PORT 8000

struct serve_options {
	const char *source;     /* folder with content/, templates/, static/ */
	const char *theme;      /* the theme (options.h); NULL: none */
	const char *bind;       /* address to listen on; NULL: 127.0.0.1 */
	int port;               /* -1: SERVE_DEFAULT_PORT or the next free one; 0: any */
	bool drafts;
	bool open;              /* open the site in a browser (xdg-open) */
	long long epoch;
};

/* Runs until SIGINT or SIGTERM; returns the exit status. */
int serve_run(const struct serve_options *opt);

#endif
