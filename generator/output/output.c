/* renameat2() and RENAME_EXCHANGE are GNU extensions. */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier): the feature macro glibc asks for
#include "output/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/pool.h"
#include "base/text.h"
#include "base/tree.h"
#include "base/xalloc.h"

/* A set of paths by open addressing: cap (a power of two) slots, at least
 * twice n, each NULL or a path. */
struct path_set {
	char **slots;
	size_t cap, n;
};

/* What the build an update updates wrote, as its record says
 * (output_know): paths by open addressing, cap (a power of two) slots,
 * at least twice n, each with the hash of the file's bytes. */
struct known {
	struct known_file *slots;
	size_t cap, n;
};

struct known_file {
	char *path;             /* owned; NULL: an empty slot */
	struct hash bytes;      /* zero: told two different hashes, so not known */
};

struct output {
	char *final_dir;
	char *shown;
	char *staging;
	int root;               /* the staging folder, open: files are named from it */
	char *previous;         /* the build being replaced, to link from; may be NULL */
	bool exact_modes;       /* the umask leaves 0644 and 0755 as they are */
	struct diag *d;
	pthread_mutex_t lock;   /* output_write may be called from several threads */
	char **files;           /* every relative path written, for output_has */
	size_t nfiles, cap;
	atomic_bool failed;     /* a write failed: the build is lost, say it once */
	struct path_set index;  /* the same paths, for output_has */
	size_t new_pages;       /* HTML files written anew, not linked */
	struct path_set dirs;   /* folders known to exist in staging; owns its paths */
	/* What the output's fingerprint (tree_stamp) needs, gathered as
	 * the build writes, so that it need not walk the tree afterwards: the
	 * sum over the files written anew (their stat cannot change once they
	 * are closed) and the folders made (which count by name and mode), and
	 * the names whose stat is only final after the swap: files linked from
	 * the previous build (which loses its links to them when it is
	 * removed). */
	struct hash written;
	char **later;
	size_t nlater, cap_later;
	/* An update (output_begin_update): the files written, spooled beside
	 * the folder until the commit, and the files to remove then. */
	bool update;
	struct held *held;
	size_t nheld, cap_held;
	char *spool;            /* "<final_dir>.update": the files whose bytes changed */
	int spool_fd;
	long spooled;           /* files written there, each named by its number */
	struct path_set removed;        /* owns its paths */
	struct known known;
};

/* A file of an update, held until the commit: its number in the spool
 * when its bytes differ from the file in place, else -1. */
struct held {
	char *rel;              /* owned; also in the index */
	long spooled;
};

/* What to do about a failed write, by its cause. */
static const char *remedy(int err)
{
	switch (err) {
	case ENOSPC:
	case EDQUOT:
	case EFBIG: return "; free some space or choose another --out";
	case EROFS:
	case EACCES:
	case EPERM: return "; choose an --out folder you can write to";
	default: return "; check the --out folder, then build again";
	}
}

static size_t hash_path(const char *s, size_t len)
{
	size_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The slot of s[0..len) in slots (cap of them): where it is, or the
 * empty one where it would go. */
static size_t set_slot(char *const *slots, size_t cap, const char *s, size_t len)
{
	size_t i = hash_path(s, len) & (cap - 1);
	while (slots[i] && !(strncmp(slots[i], s, len) == 0 && slots[i][len] == '\0'))
		i = (i + 1) & (cap - 1);
	return i;
}

static bool set_has(const struct path_set *set, const char *s, size_t len)
{
	return set->cap > 0 && set->slots[set_slot(set->slots, set->cap, s, len)] != NULL;
}

/* Adds s (kept as it is, not copied) unless the set has it already;
 * returns whether it was added. */
static bool set_add(struct path_set *set, char *s)
{
	if (2 * (set->n + 1) > set->cap) {
		size_t cap = set->cap ? 2 * set->cap : 64;
		char **slots = xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i])
				slots[set_slot(slots, cap, set->slots[i], strlen(set->slots[i]))] = set->slots[i];
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	size_t slot = set_slot(set->slots, set->cap, s, strlen(s));
	if (set->slots[slot])
		return false;
	set->slots[slot] = s;
	set->n++;
	return true;
}

/* The slot of path in k: where it is, or the empty one where it would go. */
static size_t known_slot(const struct known *k, const char *path)
{
	size_t i = hash_path(path, strlen(path)) & (k->cap - 1);
	while (k->slots[i].path && strcmp(k->slots[i].path, path) != 0)
		i = (i + 1) & (k->cap - 1);
	return i;
}

static void known_add(struct known *k, const char *path, struct hash bytes)
{
	if (2 * (k->n + 1) > k->cap) {
		struct known grown = {xcalloc(k->cap ? 2 * k->cap : 1024, sizeof *grown.slots), k->cap ? 2 * k->cap : 1024,
		                      k->n};
		for (size_t i = 0; i < k->cap; i++)
			if (k->slots[i].path)
				grown.slots[known_slot(&grown, k->slots[i].path)] = k->slots[i];
		free(k->slots);
		*k = grown;
	}
	struct known_file *f = &k->slots[known_slot(k, path)];
	if (f->path == NULL) {
		*f = (struct known_file){xstrdup(path), bytes};
		k->n++;
	} else if (!hash_same(f->bytes, bytes)) {
		f->bytes = (struct hash){0, 0};
	}
}

/* The hash of the bytes the record says rel holds, or NULL. */
static const struct hash *known_bytes(const struct known *k, const char *rel)
{
	if (k->n == 0)
		return NULL;
	const struct known_file *f = &k->slots[known_slot(k, rel)];
	return f->path && !hash_same(f->bytes, (struct hash){0, 0}) ? &f->bytes : NULL;
}

static void known_free(struct known *k)
{
	for (size_t i = 0; i < k->cap; i++)
		free(k->slots[i].path);
	free(k->slots);
}

/* Whether the folder rel[0..len) is known to exist; when add, it is
 * noted as existing.  Called with o->lock held. */
static bool dir_known(struct output *o, const char *rel, size_t len, bool add)
{
	if (set_has(&o->dirs, rel, len))
		return true;
	if (add)
		set_add(&o->dirs, xstrndup(rel, len));
	return add;
}

static void report(struct output *o, const char *what, const char *path)
{
	int err = errno;
	struct pos at = {o->shown, 0, 0};
	diag_error(o->d, at, "%s %s: %s%s", what, path, strerror(err), remedy(err));
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void output_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* An existing output folder may be replaced when it is empty or a build. */
static bool replaceable(const char *dir)
{
	char *marker = xasprintf("%s/%s", dir, OUTPUT_MARKER);
	struct stat st;
	bool ok = stat(marker, &st) == 0;
	free(marker);
	if (ok)
		return true;
	DIR *d = opendir(dir);
	if (d == NULL)
		return false;
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = false;
	closedir(d);
	return empty;
}

/* Removes staging folders that builds killed before they finished left. */
static void remove_stale_staging(const char *parent, const char *prefix)
{
	DIR *d = opendir(parent);
	if (d == NULL)
		return;
	struct dirent *e;
	size_t n = strlen(prefix);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, n) != 0)
			continue;
		long pid = strtol(e->d_name + n, NULL, 10);
		if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;   /* another build is still running */
		char *path = xasprintf("%s/%s", parent, e->d_name);
		output_remove_tree(path);
		free(path);
	}
	closedir(d);
}

/* Whether the umask leaves the modes Folio gives (0644 and 0755) as they
 * are: then no file or folder needs a chmod after it is made. */
static bool umask_keeps_modes(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return (mask & 0755) == 0;
}

struct output *output_begin(const char *final_dir, const char *shown, struct diag *d)
{
	struct output *o = xcalloc(1, sizeof *o);
	o->root = o->spool_fd = -1;
	pthread_mutex_init(&o->lock, NULL);
	o->exact_modes = umask_keeps_modes();
	o->d = d;
	o->shown = xstrdup(shown);
	size_t n = strlen(final_dir);
	while (n > 1 && final_dir[n - 1] == '/')
		n--;
	o->final_dir = xstrndup(final_dir, n);
	char *slash = strrchr(o->final_dir, '/');
	char *parent = slash ? (slash == o->final_dir ? xstrdup("/") : xstrndup(o->final_dir, (size_t)(slash - o->final_dir)))
	                     : xstrdup(".");
	const char *base = slash ? slash + 1 : o->final_dir;
	struct stat st;
	if (stat(o->final_dir, &st) == 0 && (!S_ISDIR(st.st_mode) || !replaceable(o->final_dir))) {
		struct pos at = {o->shown, 0, 0};
		diag_error(d, at, "exists and was not made by Folio (no %s file); remove it or choose another --out",
		           OUTPUT_MARKER);
		free(parent);
		output_abort(o);
		return NULL;
	}
	char *prefix = xasprintf(".%s.staging-", base);
	remove_stale_staging(parent, prefix);
	o->staging = xasprintf("%s/%s%ld", parent, prefix, (long)getpid());
	free(prefix);
	free(parent);
	output_remove_tree(o->staging);
	if (mkdir(o->staging, 0755) != 0) {
		report(o, "cannot create the staging folder", o->staging);
		free(o->staging);
		o->staging = NULL;
		output_abort(o);
		return NULL;
	}
	chmod(o->staging, 0755);
	o->root = open(o->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->root < 0) {
		report(o, "cannot open the staging folder", o->staging);
		output_abort(o);
		return NULL;
	}
	if (stat(o->final_dir, &st) == 0)
		o->previous = xstrdup(o->final_dir);
	if (!output_write(o, OUTPUT_MARKER, "Built by Folio.\n", 16)) {
		output_abort(o);
		return NULL;
	}
	return o;
}

/* Notes the entry rel, to be stat'ed for the fingerprint after the swap. */
static void note_later(struct output *o, const char *rel)
{
	pthread_mutex_lock(&o->lock);
	o->later = xgrow(o->later, &o->cap_later, o->nlater + 1, sizeof *o->later);
	o->later[o->nlater++] = xstrdup(rel);
	pthread_mutex_unlock(&o->lock);
}

/* Makes the folder rel of the staging folder, whose parent exists.  It
 * counts in the output's stamp by its name and mode only (see
 * tree_stamp_add), known now. */
static bool make_dir(struct output *o, const char *rel)
{
	bool made = mkdirat(o->root, rel, 0755) == 0;
	if (made && !o->exact_modes)
		fchmodat(o->root, rel, 0755, 0);   /* if this fails, the next build just cannot skip */
	if (made) {
		struct stat st = {.st_mode = S_IFDIR | 0755};
		pthread_mutex_lock(&o->lock);
		tree_stamp_add(&o->written, rel, &st);
		pthread_mutex_unlock(&o->lock);
	}
	return made || errno == EEXIST;
}

/* Makes the folders of the file rel, from the deepest one this build
 * already made or met, downwards: a folder costs one mkdir, and the files
 * written into it afterwards none, nor a failed open.  Files are named
 * from the staging folder's descriptor, so the kernel never walks the
 * path to it again. */
static bool make_parents(struct output *o, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	if (slash == NULL)
		return true;
	size_t len = (size_t)(slash - rel);
	char dir[PATH_MAX];
	if (len >= sizeof dir) {
		errno = ENAMETOOLONG;
		report(o, "cannot create folder for", rel);
		return false;
	}
	memcpy(dir, rel, len);
	dir[len] = '\0';
	size_t have = len;      /* dir[0..have) exists, when have > 0 */
	pthread_mutex_lock(&o->lock);
	while (have > 0 && !dir_known(o, dir, have, false))
		for (have--; have > 0 && dir[have] != '/'; have--)
			;
	pthread_mutex_unlock(&o->lock);
	if (have == len)
		return true;
	bool ok = true;
	for (size_t i = have + 1; i <= len && ok; i++) {
		if (i < len && dir[i] != '/')
			continue;
		char c = dir[i];
		dir[i] = '\0';
		ok = make_dir(o, dir);
		dir[i] = c;
	}
	if (!ok) {
		report(o, "cannot create folder for", rel);
		return false;
	}
	pthread_mutex_lock(&o->lock);
	for (size_t i = have + 1; i <= len; i++)
		if (i == len || dir[i] == '/')
			dir_known(o, dir, i, true);
	pthread_mutex_unlock(&o->lock);
	return true;
}

/* Whether the previous build's file at rel holds exactly data, as Folio
 * wrote it (mode 0644). */
static bool same_as_previous(const char *old, const void *data, size_t len)
{
	int fd = open(old, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	struct stat st;
	bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644 &&
	            (size_t)st.st_size == len;
	char chunk[65536];
	const char *p = data;
	size_t left = same ? len : 0;
	while (same && left > 0) {
		ssize_t n = read(fd, chunk, left < sizeof chunk ? left : sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		same = n > 0 && memcmp(chunk, p, (size_t)n) == 0;
		if (same) {
			p += n;
			left -= (size_t)n;
		}
	}
	close(fd);
	return same;
}

/* A file whose bytes did not change is linked from the previous build
 * rather than written again: nothing is rewritten, and it keeps its
 * inode and time for servers and copy tools. */
static bool reuse_previous(struct output *o, const char *rel, const void *data, size_t len)
{
	if (o->previous == NULL)
		return false;
	char *old = xasprintf("%s/%s", o->previous, rel);
	bool ok = same_as_previous(old, data, len);
	if (ok && linkat(AT_FDCWD, old, o->root, rel, 0) != 0)
		ok = errno == ENOENT && make_parents(o, rel) && linkat(AT_FDCWD, old, o->root, rel, 0) == 0;
	free(old);
	return ok;
}

/* Creates path for writing, never through an existing name (it may be a
 * link to a file of the published build), after its folders. */
static int create_file(struct output *o, const char *rel)
{
	if (!make_parents(o, rel))
		return -1;
	int fd = openat(o->root, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST && unlinkat(o->root, rel, 0) == 0)
		fd = openat(o->root, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	return fd;
}

/* Notes rel among the files written, in the list and the index (which
 * share the copy).  Called with o->lock held. */
static void add_file(struct output *o, const char *rel)
{
	char *copy = xstrdup(rel);
	set_add(&o->index, copy);
	o->files = xgrow(o->files, &o->cap, o->nfiles + 1, sizeof *o->files);
	o->files[o->nfiles++] = copy;
}

/* Whether the file in place at rel holds data, whose hash is *bytes (NULL:
 * not worked out yet): as the record says when it names the file
 * (output_know), else as the file itself shows. */
static bool same_in_place(const struct output *o, const char *rel, const void *data, size_t len,
                          const struct hash *bytes)
{
	const struct hash *then = known_bytes(&o->known, rel);
	if (then)
		return hash_same(*then, bytes ? *bytes : hash_bytes(data, len));
	char *path = xasprintf("%s/%s", o->final_dir, rel);
	bool same = same_as_previous(path, data, len);
	free(path);
	return same;
}

/* Writes data into the update's spool as file number n. */
static bool spool_file(struct output *o, long n, const void *data, size_t len)
{
	char name[32];
	snprintf(name, sizeof name, "%ld", n);
	int fd = openat(o->spool_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	bool ok = fd >= 0 && (o->exact_modes || fchmod(fd, 0644) == 0) && buf_write_fd(fd, data, len);
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	return ok;
}

/* An update's write: a file whose bytes differ from the one in place (not
 * touched before the commit) goes to the spool at once, on the writing
 * thread, so that an update of every page holds none of them in memory;
 * the last write of rel counts. */
static bool hold(struct output *o, const char *rel, const void *data, size_t len, const struct hash *bytes)
{
	bool same = same_in_place(o, rel, data, len, bytes);
	pthread_mutex_lock(&o->lock);
	long n = same ? -1 : o->spooled++;
	size_t k = o->nheld;
	bool known = set_has(&o->index, rel, strlen(rel));
	for (size_t i = 0; known && i < o->nheld && k == o->nheld; i++)
		if (strcmp(o->held[i].rel, rel) == 0)
			k = i;
	if (k == o->nheld) {
		o->held = xgrow(o->held, &o->cap_held, o->nheld + 1, sizeof *o->held);
		o->held[o->nheld++] = (struct held){xstrdup(rel), -1};
	}
	if (!known)
		add_file(o, rel);
	pthread_mutex_unlock(&o->lock);
	bool ok = n < 0 || spool_file(o, n, data, len);
	if (!ok) {
		report(o, "cannot write", rel);
		o->failed = true;
	}
	pthread_mutex_lock(&o->lock);
	o->held[k].spooled = n;
	pthread_mutex_unlock(&o->lock);
	return ok;
}

/* output_write(), given the hash of data when bytes is not NULL. */
static bool write_file(struct output *o, const char *rel, const void *data, size_t len, const struct hash *bytes)
{
	/* After a full disk every later write fails the same way: the first
	 * failure is the one to report. */
	if (o->failed)
		return false;
	if (o->update)
		return hold(o, rel, data, len, bytes);
	bool ok = true;
	struct stat st;
	bool written = false;
	if (reuse_previous(o, rel, data, len)) {
		note_later(o, rel);
	} else {
		if (text_ends_with(rel, ".html")) {
			pthread_mutex_lock(&o->lock);
			o->new_pages++;
			pthread_mutex_unlock(&o->lock);
		}
		int fd = create_file(o, rel);
		ok = fd >= 0 && (o->exact_modes || fchmod(fd, 0644) == 0) && buf_write_fd(fd, data, len);
		written = ok && fstat(fd, &st) == 0;
		if (ok && !written)
			note_later(o, rel);
		if (fd >= 0 && close(fd) != 0)
			ok = false;
		if (!ok)
			report(o, "cannot write", rel);
	}
	if (!ok)
		o->failed = true;   /* only ever set: another thread's success must not clear it */
	if (ok) {
		pthread_mutex_lock(&o->lock);
		if (written)
			tree_stamp_add(&o->written, rel, &st);
		add_file(o, rel);
		pthread_mutex_unlock(&o->lock);
	}
	return ok;
}

bool output_write(struct output *o, const char *rel, const void *data, size_t len)
{
	return write_file(o, rel, data, len, NULL);
}

bool output_write_hashed(struct output *o, const char *rel, const void *data, size_t len, struct hash bytes)
{
	return write_file(o, rel, data, len, &bytes);
}

void output_know(struct output *o, const char *rel, struct hash bytes)
{
	if (o->update && !hash_same(bytes, (struct hash){0, 0}))
		known_add(&o->known, rel, bytes);
}

bool output_known(const struct output *o, const char *rel, struct hash *bytes)
{
	const struct hash *then = known_bytes(&o->known, rel);
	if (then)
		*bytes = *then;
	return then != NULL;
}

static bool copy_file(struct output *o, const char *src, const char *rel)
{
	int fd = open(src, O_RDONLY | O_CLOEXEC);
	struct buf b = BUF_INIT;
	bool too_big;
	bool ok = fd >= 0 && buf_read_fd(&b, fd, SIZE_MAX, &too_big);
	if (!ok)
		report(o, "cannot read", src);
	if (fd >= 0)
		close(fd);
	ok = ok && output_write(o, rel, b.data ? b.data : "", b.len);
	buf_free(&b);
	return ok;
}

bool output_copy_file(struct output *o, const char *src, const char *rel)
{
	return copy_file(o, src, rel);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the names in folder path to *names (n of them, cap allocated);
 * false when it cannot be read, true when it does not exist. */
static bool list_names(const char *path, char ***names, size_t *n, size_t *cap)
{
	DIR *dir = opendir(path);
	if (dir == NULL)
		return errno == ENOENT;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		*names = xgrow(*names, cap, *n + 1, sizeof **names);
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dir);
	return true;
}

static bool copy_trees(struct output *o, const struct output_tree *srcs, size_t n, const char *rel);

/* Copies the entry called name of the folders srcs[0..n) to rel/name: the
 * first folder that has the name gives it; when that is a folder, the
 * folders after it that also have one under the name add to it. */
static bool copy_entry(struct output *o, const struct output_tree *srcs, size_t n, const char *name, const char *rel)
{
	char *out = *rel ? xasprintf("%s/%s", rel, name) : xstrdup(name);
	struct output_tree *subs = xcalloc(n, sizeof *subs);
	char **held = xcalloc(2 * n, sizeof *held);     /* the paths subs point at */
	size_t nsubs = 0, nheld = 0;
	bool ok = true, first = true;
	for (size_t i = 0; i < n && ok; i++) {
		char *path = held[nheld++] = xasprintf("%s/%s", srcs[i].path, name);
		char *shown = held[nheld++] = xasprintf("%s/%s", srcs[i].shown, name);
		struct stat st;
		if (lstat(path, &st) != 0) {
			if (errno != ENOENT) {
				report(o, "cannot read", shown);
				ok = false;
			}
			continue;
		}
		if (S_ISDIR(st.st_mode) && (first || nsubs)) {
			subs[nsubs++] = (struct output_tree){path, shown};
		} else if (first && S_ISLNK(st.st_mode)) {
			struct pos at = {shown, 0, 0};
			diag_error(o->d, at, "symbolic links are not copied from static/; put the file itself there");
			ok = false;
		} else if (first && S_ISREG(st.st_mode)) {
			ok = copy_file(o, path, out);
		}
		first = false;
	}
	if (ok && nsubs)
		ok = copy_trees(o, subs, nsubs, out);
	for (size_t i = 0; i < nheld; i++)
		free(held[i]);
	free(held);
	free(subs);
	free(out);
	return ok;
}

/* Copies the union of the folders srcs[0..n) to rel, in name order. */
static bool copy_trees(struct output *o, const struct output_tree *srcs, size_t n, const char *rel)
{
	char **names = NULL;
	size_t nnames = 0, cap = 0;
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok &= list_names(srcs[i].path, &names, &nnames, &cap);
	if (nnames > 1)         /* qsort must not be given NULL, even for 0 items */
		qsort(names, nnames, sizeof *names, compare_names);
	for (size_t i = 0; i < nnames; i++)
		if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
			ok &= copy_entry(o, srcs, n, names[i], rel);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return ok;
}

bool output_copy_trees(struct output *o, const struct output_tree *srcs, size_t n)
{
	return copy_trees(o, srcs, n, "");
}

bool output_copy_tree(struct output *o, const char *src, const char *shown_src)
{
	struct output_tree one = {src, shown_src};
	return copy_trees(o, &one, 1, "");
}

bool output_has(const struct output *o, const char *rel)
{
	if (set_has(&o->index, rel, strlen(rel)))
		return true;
	if (!o->update || set_has(&o->removed, rel, strlen(rel)))
		return false;
	/* An update's other files are those of the build it updates. */
	struct stat st;
	char *path = xasprintf("%s/%s", o->final_dir, rel);
	bool there = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return there;
}

bool output_made(const struct output *o, const char *rel)
{
	return set_has(&o->index, rel, strlen(rel));
}

size_t output_count(const struct output *o)
{
	return o->update ? o->nfiles : o->nfiles - 1;  /* the marker is not part of the site */
}

size_t output_new_pages(const struct output *o)
{
	return o->new_pages;
}

size_t output_changed(struct output *o)
{
	pthread_mutex_lock(&o->lock);
	size_t n = o->update ? (size_t)o->spooled : 0;
	pthread_mutex_unlock(&o->lock);
	return n;
}

static void output_free(struct output *o)
{
	for (size_t i = 0; i < o->nheld; i++)
		free(o->held[i].rel);
	free(o->held);
	if (o->spool_fd >= 0)
		close(o->spool_fd);
	if (o->spool)
		output_remove_tree(o->spool);
	free(o->spool);
	for (size_t i = 0; i < o->removed.cap; i++)
		free(o->removed.slots[i]);
	free(o->removed.slots);
	known_free(&o->known);
	for (size_t i = 0; i < o->nfiles; i++)
		free(o->files[i]);
	free(o->files);
	for (size_t i = 0; i < o->nlater; i++)
		free(o->later[i]);
	free(o->later);
	free(o->index.slots);
	if (o->root >= 0)
		close(o->root);
	for (size_t i = 0; i < o->dirs.cap; i++)
		free(o->dirs.slots[i]);
	free(o->dirs.slots);
	free(o->staging);
	free(o->previous);
	free(o->final_dir);
	free(o->shown);
	pthread_mutex_destroy(&o->lock);
	free(o);
}

/* The fingerprint of the output in place: the files and folders made,
 * plus what is stat'ed now (the folder itself, whose change time the swap
 * moved, and the files linked from the previous build).  False when
 * something cannot be stat'ed. */
static bool stamp_in_place(const struct output *o, struct hash *stamp)
{
	struct hash sum = o->written;
	struct stat st;
	bool ok = lstat(o->final_dir, &st) == 0;
	if (ok)
		tree_stamp_add(&sum, "", &st);
	for (size_t i = 0; i < o->nlater && ok; i++) {
		/* The descriptor follows the staging folder to its new name. */
		ok = fstatat(o->root, o->later[i], &st, AT_SYMLINK_NOFOLLOW) == 0;
		if (ok)
			tree_stamp_add(&sum, o->later[i], &st);
	}
	*stamp = sum;
	return ok;
}

/* ---- updates ------------------------------------------------------------ */

struct output *output_begin_update(const char *final_dir, const char *shown, struct diag *d)
{
	struct stat st;
	if (stat(final_dir, &st) != 0 || !S_ISDIR(st.st_mode) || !replaceable(final_dir)) {
		struct pos at = {shown, 0, 0};
		diag_error(d, at, "no build of Folio's to update here; build it whole first");
		return NULL;
	}
	struct output *o = xcalloc(1, sizeof *o);
	o->spool_fd = -1;
	o->root = open(final_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pthread_mutex_init(&o->lock, NULL);
	o->d = d;
	o->shown = xstrdup(shown);
	o->final_dir = xstrdup(final_dir);
	o->update = true;
	o->exact_modes = umask_keeps_modes();
	if (o->root < 0) {
		report(o, "cannot open", final_dir);
		output_free(o);
		return NULL;
	}
	o->spool = xasprintf("%s.update", final_dir);
	output_remove_tree(o->spool);   /* left by an update that did not end */
	if (mkdir(o->spool, 0755) != 0 || (o->spool_fd = open(o->spool, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		report(o, "cannot create", o->spool);
		output_free(o);         /* removes what was made of it */
		return NULL;
	}
	return o;
}

bool output_in_place(const struct output *o)
{
	return o->update;
}

void output_keep(struct output *o, const char *rel)
{
	pthread_mutex_lock(&o->lock);
	if (!set_has(&o->index, rel, strlen(rel)))
		add_file(o, rel);
	pthread_mutex_unlock(&o->lock);
}

void output_remove(struct output *o, const char *rel)
{
	if (!set_has(&o->index, rel, strlen(rel)) && !set_has(&o->removed, rel, strlen(rel)))
		set_add(&o->removed, xstrdup(rel));
}

/* An update's account of what it changed in the folder, when the caller
 * wants its fingerprint carried forward (output_apply_stamped). */
struct delta {
	struct hash sum;
	bool ok;                /* every entry could be stat'ed */
	long files;             /* regular files added less those removed */
};

/* Takes the entry rel of the folder out of the sum (it is replaced or
 * removed); false when it is not there. */
static bool take_out(struct output *o, struct delta *dl, const char *rel)
{
	struct stat st;
	if (fstatat(o->root, rel, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		dl->ok = dl->ok && errno == ENOENT;
		return false;
	}
	tree_stamp_remove(&dl->sum, rel, &st);
	return true;
}

static void put_in(struct output *o, struct delta *dl, const char *rel)
{
	struct stat st;
	if (fstatat(o->root, rel, &st, AT_SYMLINK_NOFOLLOW) == 0)
		tree_stamp_add(&dl->sum, rel, &st);
	else
		dl->ok = false;
}

/* What one worker of an update's apply did; summed at the end. */
struct share {
	struct delta dl;        /* when the caller keeps the folder's sum */
	size_t new_pages;
};

/* Puts one spooled file in place: renamed over the old one, so that a
 * reader finds the old file or the new one, never half of one.  Counted
 * in sh, its stamps too when stamped. */
static bool put_in_place(struct output *o, const struct held *h, struct share *sh, bool stamped)
{
	if (h->spooled < 0)
		return true;    /* the folder has these bytes already */
	char name[32];
	snprintf(name, sizeof name, "%ld", h->spooled);
	bool replaced = stamped && take_out(o, &sh->dl, h->rel);
	/* The folder is nearly always there already: made when missing. */
	bool ok = renameat(o->spool_fd, name, o->root, h->rel) == 0 ||
	          (errno == ENOENT && make_parents(o, h->rel) && renameat(o->spool_fd, name, o->root, h->rel) == 0);
	if (!ok)
		report(o, "cannot write", h->rel);
	else if (text_ends_with(h->rel, ".html"))
		sh->new_pages++;
	if (ok && stamped) {
		put_in(o, &sh->dl, h->rel);
		sh->dl.files += !replaced;
	}
	return ok;
}

/* Removes rel and the folders it leaves empty. */
static void remove_in_place(struct output *o, const char *rel, struct delta *dl)
{
	struct stat st;
	bool seen = dl && fstatat(o->root, rel, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (unlinkat(o->root, rel, 0) != 0)
		return;
	if (dl) {
		dl->ok = dl->ok && seen;
		if (seen) {
			tree_stamp_remove(&dl->sum, rel, &st);
			dl->files -= S_ISREG(st.st_mode);
		}
	}
	char *dir = xstrdup(rel);
	for (char *slash = strrchr(dir, '/'); slash; slash = strrchr(dir, '/')) {
		*slash = '\0';
		struct stat folder;
		bool known = dl && fstatat(o->root, dir, &folder, AT_SYMLINK_NOFOLLOW) == 0;
		if (unlinkat(o->root, dir, AT_REMOVEDIR) != 0)
			break;
		if (dl) {
			dl->ok = dl->ok && known;
			if (known)
				tree_stamp_remove(&dl->sum, dir, &folder);
		}
	}
	free(dir);
}

struct applying {
	struct output *o;
	struct share *shares;   /* one a worker */
	bool stamped;           /* the caller keeps the folder's sum */
	atomic_bool stop;       /* a file could not be put in place */
};

/* A task of the pool puts this many files in place: one a task would
 * cost the pool about as much as the rename. */
enum { APPLY_BATCH = 64 };

static void apply_batch(void *ctx, int worker, size_t task)
{
	struct applying *a = ctx;
	struct share *sh = &a->shares[worker];
	size_t end = (task + 1) * APPLY_BATCH < a->o->nheld ? (task + 1) * APPLY_BATCH : a->o->nheld;
	for (size_t i = task * APPLY_BATCH; i < end && !atomic_load(&a->stop); i++)
		if (!put_in_place(a->o, &a->o->held[i], sh, a->stamped))
			atomic_store(&a->stop, true);
}

/* Puts the held files in place on up to threads workers: each rename
 * frees the file it replaces, the kernel's work, which two cores share.
 * The folder's sum goes into dl when it is not NULL. */
static bool put_all_in_place(struct output *o, int threads, struct delta *dl)
{
	size_t ntasks = (o->nheld + APPLY_BATCH - 1) / APPLY_BATCH;
	threads = threads < 1 ? 1 : threads;
	struct applying a = {o, xcalloc((size_t)threads, sizeof *a.shares), dl != NULL, false};
	for (int w = 0; w < threads; w++)
		a.shares[w].dl.ok = true;
	size_t *order = xmalloc((ntasks ? ntasks : 1) * sizeof *order);
	for (size_t i = 0; i < ntasks; i++)
		order[i] = i;
	pool_run(ntasks, order, threads, apply_batch, &a);
	free(order);
	for (int w = 0; w < threads; w++) {
		o->new_pages += a.shares[w].new_pages;
		if (dl) {
			dl->sum.a += a.shares[w].dl.sum.a;
			dl->sum.b += a.shares[w].dl.sum.b;
			dl->ok = dl->ok && a.shares[w].dl.ok;
			dl->files += a.shares[w].dl.files;
		}
	}
	free(a.shares);
	return !atomic_load(&a.stop);
}

static bool apply_update(struct output *o, int threads, size_t *new_pages, struct delta *dl)
{
	bool ok = !o->failed;
	struct stat top;
	/* The top folder counts by its whole stat, which the renames move:
	 * out now, in again at the end. */
	if (dl && (dl->ok = lstat(o->final_dir, &top) == 0))
		tree_stamp_remove(&dl->sum, "", &top);
	ok = ok && put_all_in_place(o, threads, dl);
	for (size_t i = 0; i < o->removed.cap && ok; i++)
		if (o->removed.slots[i] && !set_has(&o->index, o->removed.slots[i], strlen(o->removed.slots[i])))
			remove_in_place(o, o->removed.slots[i], dl);
	if (dl) {
		/* The folders its files needed, made as they were put in place. */
		dl->sum.a += o->written.a;
		dl->sum.b += o->written.b;
		if (lstat(o->final_dir, &top) == 0)
			tree_stamp_add(&dl->sum, "", &top);
		else
			dl->ok = false;
	}
	if (new_pages)
		*new_pages = o->new_pages;
	output_free(o);
	return ok;
}

bool output_apply(struct output *o, int threads, size_t *new_pages)
{
	return apply_update(o, threads, new_pages, NULL);
}

bool output_apply_stamped(struct output *o, int threads, size_t *new_pages, struct hash *stamp, long *files,
                          bool *stamped)
{
	struct delta dl = {*stamp, true, 0};
	bool ok = apply_update(o, threads, new_pages, &dl);
	*stamped = ok && dl.ok;
	*stamp = dl.sum;
	*files = dl.files;
	return ok;
}

bool output_commit(struct output *o)
{
	if (o->update)
		return apply_update(o, 1, NULL, NULL);
	return output_commit_stamped(o, NULL, NULL);
}

bool output_commit_stamped(struct output *o, struct hash *stamp, bool *stamped)
{
	struct stat st;
	bool existed = stat(o->final_dir, &st) == 0;
	int rc;
	if (existed)
		rc = renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->final_dir, RENAME_EXCHANGE);
	else
		rc = rename(o->staging, o->final_dir);
	if (rc != 0 && existed && (errno == EINVAL || errno == ENOSYS)) {
		/* No atomic exchange on this file system: move the old build
		 * aside first; a reader may briefly find no folder, never a mix. */
		char *old = xasprintf("%s.old", o->staging);
		rc = rename(o->final_dir, old);
		if (rc == 0 && (rc = rename(o->staging, o->final_dir)) != 0)
			rename(old, o->final_dir);
		else if (rc == 0)
			output_remove_tree(old);
		free(old);
		existed = false;
	}
	if (rc != 0) {
		report(o, "cannot put the build in place at", o->final_dir);
		output_abort(o);
		return false;
	}
	if (existed)
		output_remove_tree(o->staging);  /* now the previous build */
	if (stamp)
		*stamped = stamp_in_place(o, stamp);
	output_free(o);
	return true;
}

void output_abort(struct output *o)
{
	if (o == NULL)
		return;
	if (o->staging)
		output_remove_tree(o->staging);
	output_free(o);
}

char *output_set_aside(struct output *o)
{
	if (o == NULL)
		return NULL;
	char *aside = o->staging ? xasprintf("%s.dropped", o->staging) : NULL;
	if (aside && rename(o->staging, aside) != 0) {
		output_remove_tree(o->staging);   /* cannot be moved: removed now */
		free(aside);
		aside = NULL;
	}
	output_free(o);
	return aside;
}
