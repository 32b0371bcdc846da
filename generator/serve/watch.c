#include "serve/watch.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

/* What counts as a change: content written, files and folders appearing,
 * going or renamed (an editor's save by rename is a MOVED_TO). */
#define CHANGE_MASK (IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
                     IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
#define ROOT_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)

struct watched {
	int wd;
	char *path;
	int root;               /* the index of the root it is; -1: a folder below */
};

/* A folder watched for some of its folders: the source, the theme. */
struct root {
	char *path;
	char **dirs;
	size_t ndirs;
};

struct watch {
	int fd;
	struct root *roots;
	size_t nroots;
	struct watched *list;
	size_t n, cap;
	/* What changed since watch_take_changes() last handed it over: the
	 * files named by events, or, when an event cannot name what it
	 * touched (lost events, a folder come or gone), nothing but that. */
	char **changed;
	size_t nchanged, cap_changed;
	bool unknown;
	/* A save is over when a file is renamed into place, or closed after
	 * writing unless it was made in the same burst (then it is an
	 * editor's temporary file, renamed next): then there is no need to
	 * wait for the burst to go quiet. */
	char **created;
	size_t ncreated, cap_created;
	bool saved;
};

static bool listed(char *const *paths, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(paths[i], path) == 0)
			return true;
	return false;
}

static void note_save(struct watch *w, const struct inotify_event *ev, const char *path)
{
	if (ev->mask & IN_CREATE) {
		w->created = xgrow(w->created, &w->cap_created, w->ncreated + 1, sizeof *w->created);
		w->created[w->ncreated++] = xstrdup(path);
	}
	if ((ev->mask & IN_MOVED_TO) || ((ev->mask & IN_CLOSE_WRITE) && !listed(w->created, w->ncreated, path)))
		w->saved = true;
}

static void note_file(struct watch *w, const struct inotify_event *ev, const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	note_save(w, ev, path);
	if (listed(w->changed, w->nchanged, path)) {
		free(path);
		return;
	}
	w->changed = xgrow(w->changed, &w->cap_changed, w->nchanged + 1, sizeof *w->changed);
	w->changed[w->nchanged++] = path;
}

static struct watched *find_wd(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->list[i].wd == wd)
			return &w->list[i];
	return NULL;
}

static void remember(struct watch *w, int wd, const char *path, int root)
{
	struct watched *old = find_wd(w, wd);
	if (old) {   /* inotify gives the same wd for the same inode */
		free(old->path);
		old->path = xstrdup(path);
		return;
	}
	w->list = xgrow(w->list, &w->cap, w->n + 1, sizeof *w->list);
	w->list[w->n++] = (struct watched){wd, xstrdup(path), root};
}

static void forget(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->list[i].wd == wd) {
			free(w->list[i].path);
			w->list[i] = w->list[--w->n];
			return;
		}
}

/* Watches path and every folder below it. */
static void add_tree(struct watch *w, const char *path)
{
	int wd = inotify_add_watch(w->fd, path, CHANGE_MASK | IN_ONLYDIR | IN_DONT_FOLLOW);
	if (wd < 0)
		return;   /* gone already, or not a folder: nothing to watch */
	remember(w, wd, path, -1);
	DIR *d = opendir(path);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *sub = xasprintf("%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			add_tree(w, sub);
		free(sub);
	}
	closedir(d);
}

static bool is_watched_dir(const struct root *r, const char *name)
{
	for (size_t i = 0; i < r->ndirs; i++)
		if (strcmp(r->dirs[i], name) == 0)
			return true;
	return false;
}

/* Editors' scratch files (vim's .swp and 4913 probe, emacs' #x# and x~)
 * come and go around every save; they are not the site's sources. */
static bool is_scratch(const char *name)
{
	size_t n = strlen(name);
	return n == 0 || strcmp(name, "4913") == 0 || name[0] == '#' || name[n - 1] == '~' ||
	       (name[0] == '.' && n > 4 && (strcmp(name + n - 4, ".swp") == 0 || strcmp(name + n - 4, ".swx") == 0));
}

/* Handles one event; true when it is a change to the sources. */
static bool handle(struct watch *w, const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		w->unknown = true;
		return true;   /* events were lost: assume the worst */
	}
	struct watched *at = find_wd(w, ev->wd);
	if (ev->mask & IN_IGNORED) {
		forget(w, ev->wd);
		return false;
	}
	if (at == NULL)
		return false;
	const char *name = ev->len > 0 ? ev->name : "";
	if (at->root >= 0) {
		const struct root *r = &w->roots[at->root];
		if (!is_watched_dir(r, name))
			return false;
		w->unknown = true;
		if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
			char *path = xasprintf("%s/%s", r->path, name);
			add_tree(w, path);
			free(path);
		}
		return true;
	}
	if (ev->mask & IN_ISDIR) {
		w->unknown = true;      /* a folder's files are not named one by one */
		if (!(ev->mask & (IN_CREATE | IN_MOVED_TO)))
			return true;
		/* Files made in the new folder before its watch began are
		 * covered too: the rebuild reads whatever is there. */
		char *path = xasprintf("%s/%s", at->path, name);
		add_tree(w, path);
		free(path);
		return true;
	}
	if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
		w->unknown = true;
		return true;
	}
	if (is_scratch(name))
		return false;
	note_file(w, ev, at->path, name);
	return true;
}

/* Reads what inotify has; true when any of it was a change. */
static bool drain(struct watch *w)
{
	char chunk[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;
	for (;;) {
		ssize_t n = read(w->fd, chunk, sizeof chunk);
		if (n <= 0)
			return changed;   /* EAGAIN: all read */
		for (char *p = chunk; p < chunk + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
			changed |= handle(w, ev);
			p += sizeof *ev + ev->len;
		}
	}
}

struct watch *watch_open(const char *root, const char *const *dirs, size_t ndirs)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct watch *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	watch_add_root(w, root, dirs, ndirs);
	return w;
}

void watch_add_root(struct watch *w, const char *root, const char *const *dirs, size_t ndirs)
{
	w->roots = xrealloc(w->roots, (w->nroots + 1) * sizeof *w->roots);
	struct root *r = &w->roots[w->nroots];
	*r = (struct root){xstrdup(root), xcalloc(ndirs, sizeof *r->dirs), ndirs};
	int wd = inotify_add_watch(w->fd, root, ROOT_MASK);
	if (wd >= 0)
		remember(w, wd, root, (int)w->nroots);
	w->nroots++;
	for (size_t i = 0; i < ndirs; i++) {
		r->dirs[i] = xstrdup(dirs[i]);
		char *path = xasprintf("%s/%s", root, dirs[i]);
		add_tree(w, path);
		free(path);
	}
}

static int poll_two(int fd, int stop_fd, int timeout_ms, bool *stop)
{
	struct pollfd p[2] = {{fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
	int rc;
	do
		rc = poll(p, 2, timeout_ms);
	while (rc < 0 && errno == EINTR);
	*stop = rc > 0 && (p[1].revents & POLLIN);
	return rc;
}

enum watch_event watch_wait_change(struct watch *w, int stop_fd, int idle_ms)
{
	bool stop;
	for (;;) {
		int rc = poll_two(w->fd, stop_fd, idle_ms, &stop);
		if (rc < 0)
			return WATCH_ERROR;
		if (stop)
			return WATCH_STOP;
		if (rc == 0)
			return WATCH_IDLE;
		if (drain(w))
			return WATCH_CHANGED;
	}
}

enum watch_event watch_wait_quiet(struct watch *w, int stop_fd, int quiet_ms)
{
	bool stop;
	for (;;) {
		int rc = poll_two(w->fd, stop_fd, w->saved ? 0 : quiet_ms, &stop);
		if (rc < 0)
			return WATCH_ERROR;
		if (stop)
			return WATCH_STOP;
		if (rc == 0)
			return WATCH_CHANGED;
		drain(w);
	}
}

static void forget_changes(struct watch *w)
{
	for (size_t i = 0; i < w->nchanged; i++)
		free(w->changed[i]);
	w->nchanged = 0;
	w->unknown = false;
	for (size_t i = 0; i < w->ncreated; i++)
		free(w->created[i]);
	w->ncreated = 0;
	w->saved = false;
}

bool watch_take_changes(struct watch *w, char ***files, size_t *n)
{
	bool known = !w->unknown;
	*files = known ? xcalloc(w->nchanged ? w->nchanged : 1, sizeof **files) : NULL;
	*n = known ? w->nchanged : 0;
	for (size_t i = 0; known && i < w->nchanged; i++) {
		(*files)[i] = w->changed[i];
		w->changed[i] = NULL;
	}
	forget_changes(w);
	return known;
}

void watch_close(struct watch *w)
{
	if (w == NULL)
		return;
	forget_changes(w);
	free(w->changed);
	free(w->created);
	close(w->fd);
	for (size_t i = 0; i < w->n; i++)
		free(w->list[i].path);
	free(w->list);
	for (size_t r = 0; r < w->nroots; r++) {
		for (size_t i = 0; i < w->roots[r].ndirs; i++)
			free(w->roots[r].dirs[i]);
		free(w->roots[r].dirs);
		free(w->roots[r].path);
	}
	free(w->roots);
	free(w);
}
