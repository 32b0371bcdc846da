#include "serve/reload.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/xalloc.h"

struct client {
	struct reload *r;
	struct MHD_Connection *conn;
	struct buf pending;     /* bytes of events not yet sent */
	size_t sent;            /* how many of pending have been */
	bool suspended;
	struct client *next;
};

struct reload {
	pthread_mutex_t lock;
	struct client *clients;
	unsigned generation;
	char *errors_json;      /* NULL: the last build was good */
	bool closing;
};

struct reload *reload_new(void)
{
	struct reload *r = xcalloc(1, sizeof *r);
	pthread_mutex_init(&r->lock, NULL);
	r->generation = 1;
	return r;
}

void reload_free(struct reload *r)
{
	if (r == NULL)
		return;
	/* MHD_stop_daemon has freed every response, so no client is left. */
	free(r->errors_json);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

unsigned reload_generation(struct reload *r)
{
	pthread_mutex_lock(&r->lock);
	unsigned g = r->generation;
	pthread_mutex_unlock(&r->lock);
	return g;
}

/* Adds text (may be NULL) to every stream and wakes those that wait;
 * called with r->lock held, lets it go.
 * The connections are resumed after the lock is let go: libmicrohttpd
 * takes its own locks around our callbacks, and taking ours first here
 * could cross them.  A suspended connection cannot close, so it is still
 * there when resumed. */
static void broadcast_locked(struct reload *r, const char *text)
{
	size_t n = 0, cap = 0;
	struct MHD_Connection **wake = NULL;
	for (struct client *c = r->clients; c; c = c->next) {
		if (text)
			buf_puts(&c->pending, text);
		if (c->suspended) {
			c->suspended = false;
			wake = xgrow(wake, &cap, n + 1, sizeof *wake);
			wake[n++] = c->conn;
		}
	}
	pthread_mutex_unlock(&r->lock);
	for (size_t i = 0; i < n; i++)
		MHD_resume_connection(wake[i]);
	free(wake);
}

/* libmicrohttpd asks for the next bytes of a stream: what is pending, or,
 * with nothing to send, the connection is suspended until there is. */
static ssize_t client_read(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	struct client *c = cls;
	struct reload *r = c->r;
	pthread_mutex_lock(&r->lock);
	ssize_t n;
	if (r->closing) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else if (c->sent < c->pending.len) {
		size_t left = c->pending.len - c->sent;
		size_t take = left < max ? left : max;
		memcpy(out, c->pending.data + c->sent, take);
		c->sent += take;
		if (c->sent == c->pending.len) {
			buf_reset(&c->pending);
			c->sent = 0;
		}
		n = (ssize_t)take;
	} else {
		c->suspended = true;
		MHD_suspend_connection(c->conn);
		n = 0;
	}
	pthread_mutex_unlock(&r->lock);
	return n;
}

/* The stream is over (page closed, or the server stops). */
static void client_free(void *cls)
{
	struct client *c = cls;
	struct reload *r = c->r;
	pthread_mutex_lock(&r->lock);
	for (struct client **p = &r->clients; *p; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	pthread_mutex_unlock(&r->lock);
	buf_free(&c->pending);
	free(c);
}

enum MHD_Result reload_connect(struct reload *r, struct MHD_Connection *conn)
{
	struct client *c = xcalloc(1, sizeof *c);
	c->r = r;
	c->conn = conn;
	pthread_mutex_lock(&r->lock);
	bool closing = r->closing;
	/* The page compares the generation with the one it was served
	 * with, and reloads when a build finished in between. */
	buf_printf(&c->pending, "retry: 500\nevent: hello\ndata: %u\n\n", r->generation);
	if (r->errors_json)
		buf_printf(&c->pending, "event: errors\ndata: %s\n\n", r->errors_json);
	if (!closing) {
		c->next = r->clients;
		r->clients = c;
	}
	pthread_mutex_unlock(&r->lock);
	if (closing) {
		buf_free(&c->pending);
		free(c);
		return MHD_NO;
	}
	struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, client_read, c, client_free);
	if (resp == NULL) {
		client_free(c);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "text/event-stream; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return ok;
}

void reload_built(struct reload *r)
{
	pthread_mutex_lock(&r->lock);
	r->generation++;
	free(r->errors_json);
	r->errors_json = NULL;
	char *event = xasprintf("event: reload\ndata: %u\n\n", r->generation);
	broadcast_locked(r, event);
	free(event);
}

void reload_failed(struct reload *r, const struct diag *d, const char *base)
{
	char *json = reload_errors_json(d->lines, d->nlines, base);
	char *event = xasprintf("event: errors\ndata: %s\n\n", json);
	pthread_mutex_lock(&r->lock);
	free(r->errors_json);
	r->errors_json = json;
	broadcast_locked(r, event);
	free(event);
}

void reload_ping(struct reload *r)
{
	pthread_mutex_lock(&r->lock);
	broadcast_locked(r, ": ping\n\n");
}

void reload_close(struct reload *r)
{
	pthread_mutex_lock(&r->lock);
	r->closing = true;
	broadcast_locked(r, NULL);
}

/* Finds needle (ASCII, lower case) in hay[0..len) ignoring case. */
static const char *find_tag(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

char *reload_inject(const char *html, size_t len, unsigned generation, size_t *out_len)
{
	char *tag = xasprintf("<script src=\"/__folio/reload.js\" data-build=\"%u\" defer></script>", generation);
	const char *at = find_tag(html, len, "</head>");
	size_t before = at ? (size_t)(at - html) : len;
	struct buf b = BUF_INIT;
	buf_put(&b, html, before);
	buf_puts(&b, tag);
	buf_put(&b, html + before, len - before);
	free(tag);
	*out_len = b.len;
	return buf_detach(&b);
}

/* Splits "file:line:col" (or "file", or "folio" for no file) into an
 * object; file loses the base folder's prefix. */
static json_t *error_object(const char *where, size_t where_len, const char *message, const char *base)
{
	int line = 0, col = 0;
	size_t file_len = where_len;
	/* Two trailing ":number" parts are the position. */
	size_t i = where_len;
	size_t colons[2];
	int found = 0;
	while (found < 2) {
		size_t digits_end = i;
		while (i > 0 && isdigit((unsigned char)where[i - 1]))
			i--;
		if (i == digits_end || i == 0 || where[i - 1] != ':')
			break;
		colons[found++] = --i;
	}
	if (found == 2) {
		file_len = colons[1];
		line = atoi(where + colons[1] + 1);
		col = atoi(where + colons[0] + 1);
	}
	size_t skip = 0;
	size_t base_len = base ? strlen(base) : 0;
	while (base_len > 1 && base[base_len - 1] == '/')
		base_len--;
	if (base_len > 0 && strcmp(base, ".") != 0 && file_len > base_len + 1 && strncmp(where, base, base_len) == 0 &&
	    where[base_len] == '/')
		skip = base_len + 1;
	json_t *file = file_len == 5 && strncmp(where, "folio", 5) == 0
	                       ? json_null()
	                       : json_stringn_nocheck(where + skip, file_len - skip);
	return json_pack("{s:o, s:i, s:i, s:o}", "file", file, "line", line, "col", col, "message",
	                 json_string_nocheck(message));
}

char *reload_errors_json(char *const *lines, size_t n, const char *base)
{
	static const char marker[] = ": error: ";
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *m = strstr(lines[i], marker);
		if (m == NULL)
			continue;   /* a warning */
		json_array_append_new(list, error_object(lines[i], (size_t)(m - lines[i]), m + strlen(marker), base));
	}
	char *text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	if (text == NULL)
		return xstrdup("[]");
	char *owned = xstrdup(text);   /* jansson's allocator is not ours */
	free(text);
	return owned;
}

const char reload_script[] =
	"/* folio serve: reloads the page after each rebuild and shows build errors.\n"
	"   Served by the preview server only; built files never refer to it. */\n"
	"(function () {\n"
	"  'use strict';\n"
	"  var script = document.currentScript;\n"
	"  var build = script ? script.getAttribute('data-build') : null;\n"
	"  var KEY = 'folio-serve-scroll';\n"
	"  var overlay = null;\n"
	"\n"
	"  function restoreScroll() {\n"
	"    var saved = null;\n"
	"    try {\n"
	"      saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');\n"
	"      sessionStorage.removeItem(KEY);\n"
	"    } catch (e) { saved = null; }\n"
	"    if (saved && saved.path === location.pathname) window.scrollTo(saved.x, saved.y);\n"
	"  }\n"
	"\n"
	"  function reload() {\n"
	"    try {\n"
	"      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY }));\n"
	"    } catch (e) { /* private mode: reload without the position */ }\n"
	"    location.reload();\n"
	"  }\n"
	"\n"
	"  function el(tag, cls, text) {\n"
	"    var e = document.createElement(tag);\n"
	"    if (cls) e.className = cls;\n"
	"    if (text !== undefined) e.textContent = text;\n"
	"    return e;\n"
	"  }\n"
	"\n"
	"  function where(err) {\n"
	"    var s = err.file || 'folio';\n"
	"    if (err.line > 0) s += ':' + err.line + ':' + (err.col > 0 ? err.col : 1);\n"
	"    return s;\n"
	"  }\n"
	"\n"
	"  function hideErrors() {\n"
	"    if (overlay) overlay.remove();\n"
	"    overlay = null;\n"
	"  }\n"
	"\n"
	"  function showErrors(errors) {\n"
	"    hideErrors();\n"
	"    if (!errors.length) return;\n"
	"    overlay = el('div', 'folio-overlay');\n"
	"    overlay.id = 'folio-overlay';\n"
	"    overlay.setAttribute('role', 'alert');\n"
	"    var panel = el('div', 'folio-overlay__panel');\n"
	"    var n = errors.length;\n"
	"    panel.appendChild(el('p', 'folio-overlay__title',\n"
	"      'The build failed with ' + n + ' error' + (n === 1 ? '' : 's') + '. This page is the last good build.'));\n"
	"    panel.appendChild(el('p', 'folio-overlay__hint', 'Fix the file and save it: the page updates by itself.'));\n"
	"    var list = el('ol', 'folio-overlay__list');\n"
	"    errors.forEach(function (err) {\n"
	"      var item = el('li', 'folio-overlay__error');\n"
	"      item.appendChild(el('code', 'folio-overlay__where', where(err)));\n"
	"      item.appendChild(el('p', 'folio-overlay__message', err.message));\n"
	"      list.appendChild(item);\n"
	"    });\n"
	"    panel.appendChild(list);\n"
	"    var close = el('button', 'folio-overlay__close', 'Hide');\n"
	"    close.type = 'button';\n"
	"    close.addEventListener('click', hideErrors);\n"
	"    panel.appendChild(close);\n"
	"    overlay.appendChild(panel);\n"
	"    document.body.appendChild(overlay);\n"
	"  }\n"
	"\n"
	"  var css = document.createElement('link');\n"
	"  css.rel = 'stylesheet';\n"
	"  css.href = '/__folio/overlay.css';\n"
	"  document.head.appendChild(css);\n"
	"\n"
	"  if (document.readyState === 'complete') restoreScroll();\n"
	"  else window.addEventListener('load', restoreScroll);\n"
	"\n"
	"  var events = new EventSource('/__folio/events');\n"
	"  events.addEventListener('hello', function (e) {\n"
	"    /* A build finished between this page's load and now. */\n"
	"    if (build !== null && e.data !== build) reload();\n"
	"  });\n"
	"  events.addEventListener('reload', reload);\n"
	"  events.addEventListener('errors', function (e) {\n"
	"    var errors = [];\n"
	"    try { errors = JSON.parse(e.data); } catch (x) { errors = []; }\n"
	"    showErrors(errors);\n"
	"  });\n"
	"}());\n";

const char reload_style[] =
	"/* folio serve: the build-error overlay.  Its own colours, so that it reads\n"
	"   the same on any site; contrast meets WCAG AA in both schemes. */\n"
	".folio-overlay {\n"
	"  position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: flex-start; justify-content: center;\n"
	"  padding: 4vh 1rem; overflow: auto; background: rgb(15 20 28 / 72%);\n"
	"  font: 400 16px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif; color: #1b1f24;\n"
	"}\n"
	".folio-overlay__panel {\n"
	"  width: 100%; max-width: 52rem; padding: 1.5rem 1.75rem; border-top: 6px solid #b3261e; border-radius: 10px;\n"
	"  background: #fff; box-shadow: 0 12px 40px rgb(0 0 0 / 35%);\n"
	"}\n"
	".folio-overlay__title { margin: 0 0 1rem; font-size: 1.2rem; font-weight: 700; color: #8c1d18; }\n"
	".folio-overlay__list { margin: 0 0 1rem; padding: 0; list-style: none; }\n"
	".folio-overlay__error { margin: 0 0 .75rem; padding: .75rem 1rem; border-left: 4px solid #b3261e; background: #fdf0ef; border-radius: 4px; }\n"
	".folio-overlay__where {\n"
	"  display: block; margin-bottom: .25rem; font: 700 .95rem/1.4 ui-monospace, Menlo, Consolas, \"Liberation Mono\", monospace;\n"
	"  color: #1b1f24; overflow-wrap: anywhere;\n"
	"}\n"
	".folio-overlay__message { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }\n"
	".folio-overlay__hint { margin: 0 0 1rem; color: #4a5561; }\n"
	".folio-overlay__close {\n"
	"  font: inherit; padding: .4rem 1.1rem; border: 2px solid #1b1f24; border-radius: 6px; background: #fff; color: #1b1f24; cursor: pointer;\n"
	"}\n"
	".folio-overlay__close:hover { background: #eef1f4; }\n"
	".folio-overlay__close:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }\n"
	"@media (prefers-color-scheme: dark) {\n"
	"  .folio-overlay { color: #e8ecf0; }\n"
	"  .folio-overlay__panel { background: #1b232d; border-top-color: #ff8a80; }\n"
	"  .folio-overlay__title { color: #ffb4ab; }\n"
	"  .folio-overlay__error { background: #2a1f22; border-left-color: #ff8a80; }\n"
	"  .folio-overlay__where { color: #e8ecf0; }\n"
	"  .folio-overlay__hint { color: #b7c1cc; }\n"
	"  .folio-overlay__close { background: #1b232d; color: #e8ecf0; border-color: #e8ecf0; }\n"
	"  .folio-overlay__close:hover { background: #26313d; }\n"
	"  .folio-overlay__close:focus-visible { outline-color: #ffc46b; }\n"
	"}\n";
