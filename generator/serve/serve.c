/* A feature-test macro must come before every header. */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier)
#include "serve/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/interrupt.h"
#include "base/monotime.h"
#include "base/pool.h"
#include "base/progress.h"
#include "base/xalloc.h"
#include "build/build.h"
#include "build/session.h"
#include "output/output.h"
#include "serve/reload.h"
#include "serve/urlpath.h"
#include "serve/watch.h"

extern char **environ;

/* How long the sources must be quiet before a rebuild: one save is often
 * several events (write, close, rename) within a few milliseconds. */
#define QUIET_MS 20
/* How often the event streams get a comment, to notice closed pages. */
#define PING_MS 15000
/* Ports tried after the default one before letting the system choose. */
#define PORT_TRIES 10

struct server {
	char *root;        /* the build folder, always at the same path */
	char *root_real;   /* its real path, to check where a file really is */
	struct reload *reload;
};

/* ---- responses ---------------------------------------------------------- */

static enum MHD_Result queue(struct MHD_Connection *conn, unsigned status, struct MHD_Response *resp)
{
	if (resp == NULL)
		return MHD_NO;
	enum MHD_Result ok = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static void common_headers(struct MHD_Response *resp, const char *type)
{
	MHD_add_response_header(resp, "Content-Type", type);
	/* Always ask again: after a rebuild the page must see the new files. */
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
}

static enum MHD_Result send_text(struct MHD_Connection *conn, unsigned status, const char *text)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	if (resp)
		common_headers(resp, "text/plain; charset=utf-8");
	return queue(conn, status, resp);
}

/* The reload script and the overlay's stylesheet. */
static enum MHD_Result send_asset(struct MHD_Connection *conn, const char *type, const char *body)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
	if (resp)
		common_headers(resp, type);
	return queue(conn, MHD_HTTP_OK, resp);
}

static enum MHD_Result send_html(struct server *s, struct MHD_Connection *conn, unsigned status, const char *html,
                                 size_t len, const char *etag)
{
	size_t out_len;
	char *page = reload_inject(html, len, reload_generation(s->reload), &out_len);
	struct MHD_Response *resp = MHD_create_response_from_buffer(out_len, page, MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(page);
		return MHD_NO;
	}
	common_headers(resp, "text/html; charset=utf-8");
	if (etag)
		MHD_add_response_header(resp, "ETag", etag);
	return queue(conn, status, resp);
}

/* Whether If-None-Match lists etag (or is "*"); weak tags compare too. */
static bool etag_matches(struct MHD_Connection *conn, const char *etag)
{
	const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
	if (inm == NULL)
		return false;
	size_t n = strlen(etag);
	for (const char *p = inm; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t'))
			return true;
		while (*p && *p != ',')
			p++;
	}
	return false;
}

static bool read_fd(int fd, struct buf *b)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n == 0)
			return true;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		buf_put(b, chunk, (size_t)n);
	}
}

/* Sends the open regular file fd (named rel) with status; takes fd. */
static enum MHD_Result send_file(struct server *s, struct MHD_Connection *conn, unsigned status, int fd,
                                 const struct stat *st, const char *rel)
{
	const char *type = urlpath_type(rel);
	bool html = strncmp(type, "text/html", 9) == 0;
	char etag[128];
	/* Every build writes new files, so inode, size and time tell a
	 * version; HTML also carries the build number its script is given. */
	unsigned long long ino = (unsigned long long)st->st_ino, size = (unsigned long long)st->st_size;
	unsigned long long mtime = (unsigned long long)st->st_mtim.tv_sec * 1000000000ull + (unsigned long long)st->st_mtim.tv_nsec;
	if (html)
		snprintf(etag, sizeof etag, "\"%llx-%llx-%llx-%x\"", ino, size, mtime, reload_generation(s->reload));
	else
		snprintf(etag, sizeof etag, "\"%llx-%llx-%llx\"", ino, size, mtime);
	bool ok200 = status == MHD_HTTP_OK;
	if (ok200 && etag_matches(conn, etag)) {
		close(fd);
		struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (resp) {
			MHD_add_response_header(resp, "ETag", etag);
			MHD_add_response_header(resp, "Cache-Control", "no-cache");
		}
		return queue(conn, MHD_HTTP_NOT_MODIFIED, resp);
	}
	if (html) {
		struct buf b = BUF_INIT;
		bool read_ok = read_fd(fd, &b);
		close(fd);
		enum MHD_Result r = read_ok ? send_html(s, conn, status, b.data ? b.data : "", b.len, ok200 ? etag : NULL)
		                            : send_text(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "Cannot read the file.\n");
		buf_free(&b);
		return r;
	}
	struct MHD_Response *resp = MHD_create_response_from_fd((size_t)st->st_size, fd);
	if (resp == NULL) {
		close(fd);
		return MHD_NO;
	}
	common_headers(resp, type);
	if (ok200)
		MHD_add_response_header(resp, "ETag", etag);
	return queue(conn, status, resp);
}

/* ---- files -------------------------------------------------------------- */

enum found { FOUND, MISSING, OUTSIDE };

/* Opens root/rel when its real path is inside the root (a symbolic link
 * may not lead out).  Sets *fd and *st on FOUND. */
static enum found open_inside(const struct server *s, const char *rel, int *fd, struct stat *st)
{
	char *path = *rel ? xasprintf("%s/%s", s->root, rel) : xstrdup(s->root);
	char *real = realpath(path, NULL);
	free(path);
	if (real == NULL)
		return MISSING;
	size_t n = strlen(s->root_real);
	bool inside = strncmp(real, s->root_real, n) == 0 && (real[n] == '\0' || real[n] == '/');
	*fd = inside ? open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
	free(real);
	if (!inside)
		return OUTSIDE;
	if (*fd < 0)
		return MISSING;
	if (fstat(*fd, st) != 0 || !(S_ISREG(st->st_mode) || S_ISDIR(st->st_mode))) {
		close(*fd);
		return MISSING;
	}
	return FOUND;
}

static const char fallback_404[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Not found</title></head>\n"
	"<body><h1>Not found</h1><p>No page at this address, and the site has no 404.html.</p></body></html>\n";

/* The site's own 404 page, with status 404. */
static enum MHD_Result send_not_found(struct server *s, struct MHD_Connection *conn)
{
	int fd;
	struct stat st;
	if (open_inside(s, "404.html", &fd, &st) == FOUND) {
		if (S_ISREG(st.st_mode))
			return send_file(s, conn, MHD_HTTP_NOT_FOUND, fd, &st, "404.html");
		close(fd);
	}
	return send_html(s, conn, MHD_HTTP_NOT_FOUND, fallback_404, sizeof fallback_404 - 1, NULL);
}

/* A folder asked for without its trailing slash: relative links in its
 * index.html only work from the slash form.  The Location is built from
 * the decoded path, so "//host" cannot turn it into another site. */
static enum MHD_Result redirect_to_slash(struct MHD_Connection *conn, const char *rel)
{
	struct buf loc = BUF_INIT;
	buf_putc(&loc, '/');
	for (const unsigned char *p = (const unsigned char *)rel; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			buf_putc(&loc, (char)*p);
		else
			buf_printf(&loc, "%%%02X", *p);
	}
	buf_putc(&loc, '/');
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (resp)
		MHD_add_response_header(resp, "Location", buf_str(&loc));
	buf_free(&loc);
	return queue(conn, MHD_HTTP_MOVED_PERMANENTLY, resp);
}

static enum MHD_Result serve_site_file(struct server *s, struct MHD_Connection *conn, const char *url)
{
	char *rel;
	bool slash;
	switch (urlpath_resolve(url, strlen(url), &rel, &slash)) {
	case URLPATH_OK: break;
	case URLPATH_FORBIDDEN: return send_text(conn, MHD_HTTP_FORBIDDEN, "Forbidden.\n");
	case URLPATH_HIDDEN: return send_not_found(s, conn);
	}
	int fd;
	struct stat st;
	enum found f = open_inside(s, rel, &fd, &st);
	if (f == FOUND && S_ISDIR(st.st_mode)) {
		close(fd);
		if (!slash) {
			enum MHD_Result r = redirect_to_slash(conn, rel);
			free(rel);
			return r;
		}
		/* A folder is its index.html; there is no listing. */
		char *index = *rel ? xasprintf("%s/index.html", rel) : xstrdup("index.html");
		free(rel);
		rel = index;
		f = open_inside(s, rel, &fd, &st);
		if (f == FOUND && !S_ISREG(st.st_mode)) {
			close(fd);
			f = MISSING;
		}
	}
	enum MHD_Result r;
	if (f == FOUND)
		r = send_file(s, conn, MHD_HTTP_OK, fd, &st, rel);
	else if (f == OUTSIDE)
		r = send_text(conn, MHD_HTTP_FORBIDDEN, "Forbidden.\n");
	else
		r = send_not_found(s, conn);
	free(rel);
	return r;
}

/* The server's own files, under a prefix no build writes. */
static enum MHD_Result serve_own(struct server *s, struct MHD_Connection *conn, const char *url, bool head)
{
	if (strcmp(url, "/__folio/reload.js") == 0)
		return send_asset(conn, "text/javascript; charset=utf-8", reload_script);
	if (strcmp(url, "/__folio/overlay.css") == 0)
		return send_asset(conn, "text/css; charset=utf-8", reload_style);
	if (strcmp(url, "/__folio/events") == 0) {
		if (head) {
			struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
			if (resp)
				common_headers(resp, "text/event-stream; charset=utf-8");
			return queue(conn, MHD_HTTP_OK, resp);
		}
		return reload_connect(s->reload, conn);
	}
	return send_text(conn, MHD_HTTP_NOT_FOUND, "Not found.\n");
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **con_cls)
{
	(void)version;
	(void)upload_data;
	(void)upload_data_size;
	(void)con_cls;
	struct server *s = cls;
	bool head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	if (!head && strcmp(method, MHD_HTTP_METHOD_GET) != 0) {
		struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (resp)
			MHD_add_response_header(resp, "Allow", "GET, HEAD");
		return queue(conn, MHD_HTTP_METHOD_NOT_ALLOWED, resp);
	}
	if (strncmp(url, "/__folio/", 9) == 0)
		return serve_own(s, conn, url, head);
	return serve_site_file(s, conn, url);
}

/* Keeps the request path as sent: urlpath_resolve() decodes it, and must see
 * "%2f" and "%00" to refuse them. */
static size_t keep_escapes(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	return strlen(s);
}

/* ---- the daemon --------------------------------------------------------- */

static bool parse_address(const char *host, struct sockaddr_storage *addr, socklen_t *len)
{
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if (getaddrinfo(host, NULL, &hints, &res) != 0 || res == NULL)
		return false;
	memcpy(addr, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return true;
}

static void set_port(struct sockaddr_storage *addr, int port)
{
	if (addr->ss_family == AF_INET6)
		((struct sockaddr_in6 *)(void *)addr)->sin6_port = htons((uint16_t)port);
	else
		((struct sockaddr_in *)(void *)addr)->sin_port = htons((uint16_t)port);
}

static struct MHD_Daemon *start_on(struct server *s, struct sockaddr_storage *addr, int port)
{
	set_port(addr, port);
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME;
	if (addr->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(flags, 0, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)addr,
	                        MHD_OPTION_UNESCAPE_CALLBACK, keep_escapes, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
	                        (unsigned)60, MHD_OPTION_END);
}

/* Starts on the port asked for, or on the default one, the next ones, or
 * any free one.  Prints why on failure. */
static struct MHD_Daemon *start_daemon(struct server *s, const struct serve_options *opt, char **url)
{
	const char *host = opt->bind ? opt->bind : "127.0.0.1";
	struct sockaddr_storage addr;
	socklen_t len;
	memset(&addr, 0, sizeof addr);
	if (!parse_address(host, &addr, &len)) {
		fprintf(stderr, "folio: --bind %s: not an address of this machine; use e.g. 127.0.0.1 or ::1\n", host);
		return NULL;
	}
	struct MHD_Daemon *d = NULL;
	if (opt->port >= 0) {
		d = start_on(s, &addr, opt->port);
	} else {
		for (int i = 0; i < PORT_TRIES && d == NULL; i++)
			d = start_on(s, &addr, SERVE_DEFAULT_PORT + i);
		if (d == NULL)
			d = start_on(s, &addr, 0);
	}
	if (d == NULL) {
		if (opt->port >= 0)
			fprintf(stderr, "folio: cannot listen on %s port %d (in use?); choose another with --port\n", host,
			        opt->port);
		else
			fprintf(stderr, "folio: cannot listen on %s; choose an address with --bind\n", host);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char shown[INET6_ADDRSTRLEN] = "?";
	const void *ip = addr.ss_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)(void *)&addr)->sin6_addr
	                                            : (const void *)&((struct sockaddr_in *)(void *)&addr)->sin_addr;
	inet_ntop(addr.ss_family, ip, shown, sizeof shown);
	*url = xasprintf(addr.ss_family == AF_INET6 ? "http://[%s]:%u/" : "http://%s:%u/", shown,
	                 info ? (unsigned)info->port : 0u);
	return d;
}

/* ---- the loop ----------------------------------------------------------- */

/* The options of the preview's builds into out. */
static struct options build_options(const struct serve_options *opt, const char *out)
{
	return (struct options){.source = opt->source,
	                        .theme = opt->theme,
	                        .out = out,
	                        .drafts = opt->drafts,
	                        .epoch = opt->epoch};
}

static void report_failure(struct reload *r, const struct diag *d, const char *source, bool first)
{
	reload_failed(r, d, source);
	fprintf(stderr, "folio: %zu error%s; %s\n", d->errors, d->errors == 1 ? "" : "s",
	        first ? "nothing to serve until they are fixed" : "still serving the last good build");
}

/* A build a signal stopped (interrupt.h) reports nothing; what it wrote
 * is removed here.  Returns whether it was one. */
static bool drop_stopped(struct build_stats *stats)
{
	if (!stats->cancelled)
		return false;
	if (stats->set_aside)
		output_remove_tree(stats->set_aside);
	free(stats->set_aside);
	stats->set_aside = NULL;
	return true;
}

/* The first build: a whole one, with the progress line on a terminal.
 * Returns false when a signal stopped it. */
static bool first_build(struct session *session, const char *source, struct reload *r)
{
	struct diag d;
	diag_init(&d, stderr);
	struct build_stats stats = {.pages = 0};
	struct progress *shown = isatty(STDERR_FILENO) ? progress_start(stderr) : NULL;
	struct session_run run = {false, interrupt_flag(), shown};
	double start = monotime_ms();
	bool ok = session_build(session, &run, &stats, &d);
	double took = monotime_ms() - start;
	progress_free(shown);
	bool stopped = drop_stopped(&stats);
	if (ok)
		printf("folio: built %zu pages in %.0f ms\n", stats.pages, took);
	else if (!stopped)
		report_failure(r, &d, source, true);
	fflush(stdout);
	diag_free(&d);
	return !stopped;
}

/* A rebuild after a change is in two phases.  First everything but the
 * playbooks, which are carried over from the last build with their page
 * counts and sizes (a PDF takes longer than all the pages), and the pages
 * reload.  Then the whole build, PDFs included, which is what `folio build`
 * would write; the pages reload again only when one of them changed (a
 * playbook's page count or size).  A first phase that fails shows its
 * errors and there is no second.
 *
 * The second phase runs on a thread of its own, so that the watch loop
 * sees the next edit at once: it drops the second phase (which then stops
 * within a step, leaving the served folder and the build record as the
 * first phase left them, and its staging folder set aside, to be removed
 * after the new pages are in place), waits for it to stop, and starts the
 * new edit's first phase.  So only one build at a time writes the served folder, and
 * the last edit's second phase, which nothing drops, makes the whole
 * build. */
struct second_phase {
	const struct serve_options *opt;
	struct session *session;        /* the watch thread's while it does not run */
	struct reload *reload;
	atomic_bool cancel;
	pthread_t thread;
	bool running;           /* started and not yet joined; watch thread only */
	bool dropped;           /* the last one was; read after the join */
	double dropped_at;      /* when it was told to stop (monotime_ms) */
	double stopped_at;      /* when it returned; read after the join */
	char *set_aside;        /* what a dropped one wrote (build.h); owned;
	                         * removed once the next pages are in place */
};

/* The first phase after an edit of files[0..n) (all NULL when what
 * changed is not known): an update of the changed resources when it can
 * be one, else a whole build, either with the playbooks as they were.
 * Returns whether a second phase is due. */
static bool rebuild_pages(const struct serve_options *opt, struct session *session, char *const *files, size_t n,
                          bool known, struct reload *r)
{
	struct diag d;
	diag_init(&d, stderr);
	struct build_stats stats = {.pages = 0};
	struct session_run run = {true, interrupt_flag(), NULL};
	double start = monotime_ms();
	enum session_result done = known ? session_update(session, files, n, &run, &stats, &d) : SESSION_WHOLE;
	if (done == SESSION_WHOLE)
		done = session_build(session, &run, &stats, &d) ? SESSION_UPDATED : SESSION_FAILED;
	double took = monotime_ms() - start;
	bool ok = done == SESSION_UPDATED;
	if (drop_stopped(&stats)) {
		ok = false;     /* the watch loop sees the signal next and stops */
	} else if (ok) {
		reload_built(r);
		if (stats.update && stats.statics)
			printf("folio: rebuilt %zu pages in %.0f ms (%zu resource%s updated, %zu static file%s copied)\n",
			       stats.pages, took, stats.updated, stats.updated == 1 ? "" : "s", stats.statics,
			       stats.statics == 1 ? "" : "s");
		else if (stats.update)
			printf("folio: rebuilt %zu pages in %.0f ms (%zu resource%s updated)\n", stats.pages, took, stats.updated,
			       stats.updated == 1 ? "" : "s");
		else
			printf("folio: rebuilt %zu pages in %.0f ms\n", stats.pages, took);
	} else {
		report_failure(r, &d, opt->source, false);
	}
	fflush(stdout);
	diag_free(&d);
	return ok && session_playbooks_due(session);
}

static void *rebuild_playbooks(void *arg)
{
	struct second_phase *p = arg;
	/* The messages are kept until the end: a dropped phase may have read
	 * a file the newer edit was writing, and must show nothing of it. */
	struct diag kept, d;
	diag_init(&kept, NULL);
	diag_init(&d, stderr);
	struct build_stats stats = {.pages = 0};
	struct session_run run = {false, &p->cancel, NULL};
	double start = monotime_ms();
	bool ok = session_make_playbooks(p->session, &run, &stats, &kept) == SESSION_UPDATED;
	double took = monotime_ms() - start;
	if (!stats.cancelled)
		diag_merge(&d, &kept);
	if (ok) {
		if (stats.new_pages)
			reload_built(p->reload);
		printf("folio: rebuilt the playbooks in %.0f ms%s\n", took,
		       stats.new_pages ? "; their page counts or sizes changed" : "");
	} else if (!stats.cancelled) {
		report_failure(p->reload, &d, p->opt->source, false);
	}
	p->dropped = stats.cancelled;
	p->set_aside = stats.set_aside;
	fflush(stdout);
	diag_free(&d);
	diag_free(&kept);
	p->stopped_at = monotime_ms();
	return NULL;
}

static void start_second_phase(struct second_phase *p)
{
	atomic_store(&p->cancel, false);
	p->dropped = false;
	p->running = pthread_create(&p->thread, NULL, rebuild_playbooks, p) == 0;
	if (!p->running)
		rebuild_playbooks(p);   /* no thread to be had: in this one, as a whole */
}

/* Tells the second phase, if it is still running, to stop: at a change,
 * so that it stops while the change settles. */
static void drop_second_phase(struct second_phase *p)
{
	if (p->running && !atomic_load(&p->cancel)) {
		p->dropped_at = monotime_ms();
		atomic_store(&p->cancel, true);
	}
}

/* Drops the second phase if it is still running and waits until it has
 * stopped (or finished); for_edit: says so, the edit being the reason. */
static void stop_second_phase(struct second_phase *p, bool for_edit)
{
	if (!p->running)
		return;
	drop_second_phase(p);
	pthread_join(p->thread, NULL);
	p->running = false;
	/* Not an error: the newer edit's own second phase follows. */
	if (p->dropped && for_edit)
		printf("folio: playbook pass dropped for a newer edit (stopped in %.0f ms)\n", p->stopped_at - p->dropped_at);
}

/* Removes what the last dropped second phase wrote: after the next first
 * phase, so that the edit's reload does not wait for it. */
static void remove_set_aside(struct second_phase *p)
{
	if (p->set_aside)
		output_remove_tree(p->set_aside);
	free(p->set_aside);
	p->set_aside = NULL;
}

static void open_browser(const char *url)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	/* The browser must not inherit the signals this process holds back. */
	sigset_t none, deflt;
	sigemptyset(&none);
	sigemptyset(&deflt);
	sigaddset(&deflt, SIGPIPE);
	sigaddset(&deflt, SIGCHLD);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &deflt);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	char *argv[] = {(char *)"xdg-open", (char *)url, NULL};
	pid_t pid;
	if (posix_spawnp(&pid, "xdg-open", &fa, &attr, argv, environ) != 0)
		printf("folio: no xdg-open here; open %s in a browser\n", url);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
}

static void free_files(char **files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

static void watch_and_rebuild(const struct serve_options *opt, struct session *session, struct reload *r, int stop_fd)
{
	static const char *const dirs[] = {"content", "templates", "static", "fonts"};
	struct watch *w = watch_open(opt->source, dirs, sizeof dirs / sizeof dirs[0]);
	if (w && opt->theme)    /* editing the theme (in a checkout) rebuilds too */
		watch_add_root(w, opt->theme, dirs + 1, sizeof dirs / sizeof dirs[0] - 1);
	if (w == NULL) {
		fprintf(stderr, "folio: cannot watch %s (%s); serving without rebuilds\n", opt->source, strerror(errno));
		struct pollfd p = {stop_fd, POLLIN, 0};
		while (poll(&p, 1, -1) < 0 && errno == EINTR)
			;
		return;
	}
	struct second_phase second = {.opt = opt, .session = session, .reload = r};
	for (;;) {
		enum watch_event ev = watch_wait_change(w, stop_fd, PING_MS);
		if (ev == WATCH_CHANGED) {
			/* One save is often several events: the rebuild waits until
			 * they settle, the second phase stops meanwhile. */
			drop_second_phase(&second);
			ev = watch_wait_quiet(w, stop_fd, QUIET_MS);
		}
		if (ev == WATCH_CHANGED) {
			stop_second_phase(&second, true);
			char **files;
			size_t n;
			bool known = watch_take_changes(w, &files, &n);
			bool second_due = rebuild_pages(opt, session, files, n, known, r);
			free_files(files, n);
			remove_set_aside(&second);
			if (second_due)
				start_second_phase(&second);
			else
				pool_tidy();    /* while the author reads the page */
		} else if (ev == WATCH_IDLE) {
			reload_ping(r);
		} else {
			break;
		}
	}
	stop_second_phase(&second, false);   /* stopping the server */
	remove_set_aside(&second);
	watch_close(w);
}

int serve_run(const struct serve_options *opt)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/folio-serve.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "folio: cannot create a folder in %s: %s; set TMPDIR\n", tmp && *tmp ? tmp : "/tmp",
		        strerror(errno));
		free(dir);
		return 1;
	}
	/* The first signal stops the build under way (interrupt.h) and
	 * wakes the watch loop through interrupt_fd(); a second one kills. */
	int stop_fd = interrupt_catch() ? interrupt_fd() : -1;
	signal(SIGPIPE, SIG_IGN);

	struct server s = {xasprintf("%s/site", dir), NULL, reload_new()};
	struct options bo = build_options(opt, s.root);
	struct session *session = session_new(&bo);
	if (!first_build(session, opt->source, s.reload)) {
		session_free(session);
		reload_free(s.reload);
		output_remove_tree(dir);
		fprintf(stderr, "folio: stopped by %s during the first build; nothing was changed\n", interrupt_name());
		free(s.root);
		free(dir);
		return interrupt_status();
	}
	mkdir(s.root, 0755);   /* the first build failed: serve an empty site */
	s.root_real = realpath(s.root, NULL);
	char *url = NULL;
	struct MHD_Daemon *daemon = s.root_real && stop_fd >= 0 ? start_daemon(&s, opt, &url) : NULL;
	int status = 1;
	if (daemon) {
		printf("folio: serving %s at %s (Ctrl-C to stop)\n", opt->source, url);
		printf("folio: the build is in %s, removed on exit\n", s.root);
		fflush(stdout);
		if (opt->open) {
			signal(SIGCHLD, SIG_IGN);   /* no zombie when xdg-open exits */
			open_browser(url);
		}
		watch_and_rebuild(opt, session, s.reload, stop_fd);
		reload_close(s.reload);
		MHD_stop_daemon(daemon);
		printf("folio: stopped\n");
		fflush(stdout);
		status = 0;
	} else if (stop_fd < 0 || s.root_real == NULL) {
		fprintf(stderr, "folio: cannot set up %s: %s\n", dir, strerror(errno));
	}
	session_free(session);
	reload_free(s.reload);
	output_remove_tree(dir);
	free(url);
	free(s.root_real);
	free(s.root);
	free(dir);
	return status;
}
