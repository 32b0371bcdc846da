/* A feature-test macro must come before every header: fdopendir, openat. */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier)
#include "base/tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/listing.h"
#include "base/pool.h"
#include "base/xalloc.h"

/* A folder's entry as readdir gives it. */
struct dir_entry {
	char *name;             /* owned */
	unsigned char type;     /* d_type: DT_UNKNOWN when the file system does not say */
};

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct dir_entry *)a)->name, ((const struct dir_entry *)b)->name);
}

/* A folder open for reading its entries straight from the kernel
 * (getdents64): a walk meets thousands of folders, and fdopendir() costs
 * two fcntl calls and an allocation each. */
struct folder {
	int fd;
	size_t at, len;
	_Alignas(struct dirent64) char buf[8192];
};

/* The folder open as fd, to read (the caller closes it: folder_close);
 * NULL when fd is -1 (it could not be opened).  On the heap, not the
 * stack: walks nest. */
static struct folder *folder_open(int fd)
{
	if (fd < 0)
		return NULL;
	struct folder *f = xmalloc(sizeof *f);
	f->fd = fd;
	f->at = f->len = 0;
	return f;
}

/* The folder's next entry but . and .., or NULL at the end or on an error
 * (then *ok is false). */
static const struct dirent64 *folder_next(struct folder *f, bool *ok)
{
	for (;;) {
		if (f->at >= f->len) {
			ssize_t n = getdents64(f->fd, f->buf, sizeof f->buf);
			if (n <= 0) {
				*ok = *ok && n == 0;
				return NULL;
			}
			f->at = 0;
			f->len = (size_t)n;
		}
		const struct dirent64 *e = (const struct dirent64 *)(const void *)(f->buf + f->at);
		f->at += e->d_reclen;
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			return e;
	}
}

static void folder_close(struct folder *f)
{
	close(f->fd);
	free(f);
}

/* The entries of f, sorted by name, without . and ..; never NULL. */
static struct dir_entry *sorted_entries(struct folder *f, size_t *n, bool *ok)
{
	struct dir_entry *entries = NULL;
	size_t cap = 0;
	*n = 0;
	const struct dirent64 *e;
	while ((e = folder_next(f, ok)) != NULL) {
		entries = xgrow(entries, &cap, *n + 1, sizeof *entries);
		entries[(*n)++] = (struct dir_entry){xstrdup(e->d_name), e->d_type};
	}
	if (*n)
		qsort(entries, *n, sizeof *entries, compare_entries);
	return entries ? entries : xcalloc(1, sizeof *entries);
}

static void free_entries(struct dir_entry *entries, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(entries[i].name);
	free(entries);
}

/* One entry of a walk: name in the folder open as dir, rel its path below
 * the walk's root, st what lstat says of it. */
struct entry {
	int dir;
	const char *name;
	const char *rel;
	const struct stat *st;
	const struct walk_known *known;   /* may be NULL */
};

/* Files whose bytes the caller knows, for a walk of the tree root. */
struct walk_known {
	const char *root;
	const struct hash_known *files;
	size_t n;
};

typedef bool (*visit_fn)(struct hasher *s, const struct entry *e);

/* An entry's name and kind alone. */
static bool visit_name(struct hasher *s, const struct entry *e)
{
	hasher_add_str(s, e->rel);
	uint64_t kind = (uint64_t)(e->st->st_mode & S_IFMT);
	hasher_add(s, &kind, sizeof kind);
	return true;
}

/* An input's stamp: what stat says of it (through a link), which changes
 * whenever its bytes do (the change time cannot be set back). */
static bool visit_input_stamp(struct hasher *s, const struct entry *e)
{
	const struct stat *st = e->st;
	struct stat target;
	if (S_ISLNK(st->st_mode) && fstatat(e->dir, e->name, &target, 0) == 0)
		st = &target;
	uint64_t fields[7] = {(uint64_t)st->st_mode, (uint64_t)st->st_ino, (uint64_t)st->st_size,
	                      (uint64_t)st->st_mtim.tv_sec, (uint64_t)st->st_mtim.tv_nsec,
	                      (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec};
	hasher_add_str(s, e->rel);
	hasher_add(s, fields, sizeof fields);
	return true;
}

static int compare_known(const void *key, const void *item)
{
	return strcmp(key, ((const struct hash_known *)item)->path);
}

static int compare_known_items(const void *a, const void *b)
{
	return compare_known(((const struct hash_known *)a)->path, b);
}

void tree_known_sort(struct hash_known *known, size_t n)
{
	if (n > 1)
		qsort(known, n, sizeof *known, compare_known_items);
}

/* The known hash of the file e names, or NULL. */
static const struct hash *known_hash(const struct entry *e)
{
	const struct walk_known *k = e->known;
	if (k == NULL || k->n == 0)
		return NULL;
	char *path = xasprintf("%s/%s", k->root, e->rel);
	const struct hash_known *found = bsearch(path, k->files, k->n, sizeof *k->files, compare_known);
	free(path);
	return found ? &found->hash : NULL;
}

/* Adds the hash of a file's bytes (known, or read from it). */
static bool add_file_bytes(struct hasher *s, const struct entry *e)
{
	const struct hash *known = known_hash(e);
	struct hasher file;
	hasher_init(&file);
	if (known == NULL && !hasher_add_fd(&file, openat(e->dir, e->name, O_RDONLY | O_CLOEXEC)))
		return false;
	const struct hash *h = known ? known : &file.h;
	uint64_t words[2] = {h->a, h->b};
	hasher_add(s, words, sizeof words);
	return true;
}

static bool visit_input(struct hasher *s, const struct entry *e)
{
	hasher_add_str(s, e->rel);
	if (S_ISREG(e->st->st_mode))
		return add_file_bytes(s, e);
	if (S_ISLNK(e->st->st_mode)) {
		struct stat target;
		/* A link is read through, as the loader does (or refuses). */
		if (fstatat(e->dir, e->name, &target, 0) != 0)
			return hasher_add_str(s, "dangling"), true;
		if (S_ISREG(target.st_mode))
			return add_file_bytes(s, e);
	}
	return true;
}

/* What the threads of one walk of inputs share; read only. */
struct tree_walk {
	visit_fn visit;
	const struct walk_known *known;
	bool kind_only;         /* visit reads only an entry's kind (st_mode's type) */
	const char *const *apart;       /* entries (paths below the root) that
	                                 * count by their names alone, and so does
	                                 * every entry of a folder among them;
	                                 * NULL-terminated; NULL: none */
	const char *shallow;    /* a subfolder (its path below the root) whose
	                         * subfolders count by their names alone; NULL: none */
	struct tree_parts_at *parts;    /* NULL: none; written by the one walk of
	                                 * parts->at alone */
};

/* A subfolder walked by a task of its own. */
struct sub_walk {
	const struct tree_walk *w;
	int parent;             /* the folder holding it, open */
	const char *name;
	char *rel;              /* owned: its path below the root */
	struct hash hash;
	bool ok;
	bool given;             /* hash is given (tree_parts_at): not walked */
};

static bool walk_hashed(struct hash *out, int fd, struct buf *rel, const struct tree_walk *w, int threads);

/* Whether the entry rel (its path below the root) is one w counts by
 * its name alone. */
static bool counted_apart(const struct tree_walk *w, const char *rel)
{
	for (size_t i = 0; w->apart && w->apart[i]; i++)
		if (strcmp(rel, w->apart[i]) == 0)
			return true;
	return false;
}

/* What lstat says of the entry e of the folder open as dir into *st, or
 * with kind_only only its kind, from readdir when it tells: a walk of the
 * inputs' bytes then costs no stat a file. */
static bool entry_stat(int dir, const struct dir_entry *e, bool kind_only, struct stat *st)
{
	static const struct {
		unsigned char type;
		mode_t mode;
	} kinds[] = {{DT_REG, S_IFREG}, {DT_DIR, S_IFDIR}, {DT_LNK, S_IFLNK}};
	for (size_t i = 0; kind_only && i < sizeof kinds / sizeof kinds[0]; i++) {
		if (e->type == kinds[i].type) {
			memset(st, 0, sizeof *st);
			st->st_mode = kinds[i].mode;
			return true;
		}
	}
	return fstatat(dir, e->name, st, AT_SYMLINK_NOFOLLOW) == 0;
}

static void walk_sub(void *ctx, int worker, size_t i)
{
	(void)worker;
	struct sub_walk *sub = &((struct sub_walk *)ctx)[i];
	if (sub->given) {
		sub->ok = true;
		return;
	}
	struct buf rel = BUF_INIT;
	buf_puts(&rel, sub->rel);
	int fd = openat(sub->parent, sub->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	sub->ok = walk_hashed(&sub->hash, fd, &rel, sub->w, 1);
	buf_free(&rel);
}

static int compare_part_name(const void *name, const void *part)
{
	return strcmp(name, ((const struct tree_part *)part)->name);
}

/* The walk's parts when the folder rel is their folder (parts->at);
 * else NULL. */
static struct tree_parts_at *parts_in(const struct tree_walk *w, const char *rel)
{
	return w->parts && strcmp(rel, w->parts->at) == 0 ? w->parts : NULL;
}

/* The hash given for the part name of p (NULL: none), or NULL. */
static const struct hash *given_hash(const struct tree_parts_at *p, const char *name)
{
	if (p == NULL || p->ngiven == 0)
		return NULL;
	const struct tree_part *found = bsearch(name, p->given, p->ngiven, sizeof *p->given, compare_part_name);
	return found ? &found->stamp : NULL;
}

/* Subfolders of one folder worth handing to threads: a content folder
 * holds one per resource. */
#define PARALLEL_SUBFOLDERS 8

/* The *nsub subfolders among entries[0..n) (st says which), each walked
 * by a task on up to threads threads; NULL when they are too few. */
static struct sub_walk *walk_subs(int fd, const struct buf *rel, const struct dir_entry *entries,
                                  const struct stat *st, size_t n, const struct tree_walk *w, int threads,
                                  size_t *nsub_out)
{
	size_t nsub = 0;
	for (size_t i = 0; i < n; i++)
		nsub += S_ISDIR(st[i].st_mode);
	*nsub_out = nsub;
	if (threads < 2 || nsub < PARALLEL_SUBFOLDERS)
		return NULL;
	struct sub_walk *subs = xcalloc(nsub, sizeof *subs);
	size_t *order = xcalloc(nsub, sizeof *order);
	const struct tree_parts_at *here = parts_in(w, rel->data);
	for (size_t i = 0, k = 0; i < n; i++) {
		if (!S_ISDIR(st[i].st_mode))
			continue;
		const char *name = entries[i].name;
		char *path = rel->len ? xasprintf("%s/%s", rel->data, name) : xstrdup(name);
		const struct hash *given = given_hash(here, name);
		subs[k] = (struct sub_walk){w, fd, name, path, given ? *given : (struct hash){0, 0}, false, given != NULL};
		order[k] = k;
		k++;
	}
	pool_run(nsub, order, threads, walk_sub, subs);
	free(order);
	return subs;
}

/* Notes the hash of the subfolder name of parts->at, in the order met. */
static void note_part(struct tree_parts_at *p, const char *name, struct hash h)
{
	p->got = xgrow(p->got, &p->cap_got, p->ngot + 1, sizeof *p->got);
	p->got[p->ngot++] = (struct tree_part){xstrdup(name), h};
}

/* The fingerprint of the folder open as fd (which it closes): every entry
 * in sorted order as visit adds it, and after a subfolder's entry the
 * subfolder's own fingerprint.  So the subfolders of a folder with many
 * can be walked on several threads (up to threads), with the same result
 * as on one.  rel holds the folder's path below the root and is
 * restored. */
static bool walk_hashed(struct hash *out, int fd, struct buf *rel, const struct tree_walk *w, int threads)
{
	*out = (struct hash){0, 0};
	struct folder *d = folder_open(fd);
	if (d == NULL)
		return false;
	size_t n;
	bool ok = true;
	struct dir_entry *entries = sorted_entries(d, &n, &ok);
	struct stat *st = xcalloc(n ? n : 1, sizeof *st);
	for (size_t i = 0; i < n && ok; i++)
		ok = entry_stat(d->fd, &entries[i], w->kind_only, &st[i]);
	bool names_only = w->shallow && strcmp(rel->data, w->shallow) == 0;
	bool all_names = counted_apart(w, rel->data);
	names_only |= all_names;
	struct tree_parts_at *here = parts_in(w, rel->data);   /* before rel grows */
	size_t nsub = 0;
	struct sub_walk *subs = ok && !names_only ? walk_subs(d->fd, rel, entries, st, n, w, threads, &nsub) : NULL;
	struct hasher s;
	hasher_init(&s);
	size_t rel_len = rel->len, k = 0;
	for (size_t i = 0; i < n && ok; i++) {
		if (rel_len)
			buf_putc(rel, '/');
		buf_puts(rel, entries[i].name);
		struct entry e = {d->fd, entries[i].name, rel->data, &st[i], w->known};
		/* Those folders themselves count by name too: their stamps move
		 * when a file inside is replaced (an editor's save, sed -i),
		 * which the caller's count of their files tells. */
		bool by_name = counted_apart(w, e.rel) || (w->shallow && strcmp(e.rel, w->shallow) == 0);
		if (by_name || (names_only && (all_names || S_ISDIR(st[i].st_mode))))
			hasher_add_str(&s, e.rel);      /* not its stamp: an entry added inside moves it */
		else
			ok = w->visit(&s, &e);
		if (ok && S_ISDIR(st[i].st_mode) && !names_only) {
			struct hash h = {0, 0};
			const struct hash *given = given_hash(here, entries[i].name);
			if (subs) {
				ok = subs[k].ok;
				h = subs[k++].hash;
			} else if (given) {
				h = *given;
			} else {
				int sub = openat(d->fd, entries[i].name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				ok = walk_hashed(&h, sub, rel, w, threads);
			}
			if (here)
				note_part(here, entries[i].name, h);
			uint64_t words[2] = {h.a, h.b};
			hasher_add(&s, words, sizeof words);
		}
		rel->len = rel_len;
		rel->data[rel_len] = '\0';
	}
	for (size_t i = 0; subs && i < nsub; i++)
		free(subs[i].rel);
	free(subs);
	*out = s.h;
	free(st);
	free_entries(entries, n);
	folder_close(d);
	return ok;
}

static bool hash_tree(struct hasher *s, const char *dir, const struct tree_walk *w, int threads)
{
	struct stat st;
	if (stat(dir, &st) != 0) {
		hasher_add_str(s, "missing");
		return errno == ENOENT;
	}
	hasher_add_str(s, "tree");
	struct buf rel = BUF_INIT;
	buf_puts(&rel, "");
	struct hash h;
	bool ok = walk_hashed(&h, open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), &rel, w, threads);
	buf_free(&rel);
	uint64_t words[2] = {h.a, h.b};
	hasher_add(s, words, sizeof words);
	return ok;
}

bool tree_hash(struct hasher *s, const char *dir, bool bytes, int threads)
{
	struct tree_walk w = {bytes ? visit_input : visit_input_stamp, NULL, bytes, NULL, NULL, NULL};
	return hash_tree(s, dir, &w, threads);
}

bool tree_hash_parts(struct hasher *s, const char *dir, bool bytes, const struct hash_known *known, size_t n,
                     struct tree_parts_at *parts, int threads)
{
	struct walk_known k = {dir, known, n};
	struct tree_walk w = {bytes ? visit_input : visit_input_stamp, bytes && n ? &k : NULL, bytes, NULL, NULL, parts};
	if (parts == NULL)
		return hash_tree(s, dir, &w, threads);
	parts->got = NULL;
	parts->ngot = parts->cap_got = 0;
	bool ok = hash_tree(s, dir, &w, threads);
	if (!ok) {
		tree_parts_free(parts->got, parts->ngot);
		parts->got = NULL;
		parts->ngot = parts->cap_got = 0;
	}
	return ok;
}

bool tree_hash_names(struct hasher *s, const char *dir, int threads)
{
	struct tree_walk w = {visit_name, NULL, true, NULL, NULL, NULL};
	return hash_tree(s, dir, &w, threads);
}

bool tree_hash_shallow(struct hasher *s, const char *dir, const char *shallow, const char *const *apart,
                       int threads)
{
	struct tree_walk w = {visit_input_stamp, NULL, false, apart, shallow, NULL};
	return hash_tree(s, dir, &w, threads);
}

static int compare_part_names(const void *a, const void *b)
{
	return strcmp(((const struct tree_part *)a)->name, ((const struct tree_part *)b)->name);
}

/* Appends the regular files below the folder open as fd (which it
 * closes) to *files, by path below the root and bytes; rel holds the
 * folder's path and is restored.  The top folder's entry skip is left
 * out. */
static bool list_files(int fd, struct buf *rel, const char *skip, struct tree_part **files, size_t *n, size_t *cap)
{
	struct folder *d = folder_open(fd);
	if (d == NULL)
		return false;
	size_t count;
	bool ok = true;
	struct dir_entry *entries = sorted_entries(d, &count, &ok);
	size_t rel_len = rel->len;
	for (size_t i = 0; i < count && ok; i++) {
		const char *name = entries[i].name;
		if (rel_len == 0 && skip && strcmp(name, skip) == 0)
			continue;
		if (rel_len)
			buf_putc(rel, '/');
		buf_puts(rel, name);
		struct stat st, target;
		ok = fstatat(d->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
		/* A link to a file is read through, as the template reader
		 * opens it; a link to a folder is not followed, as by the
		 * other walks (so no loop of links is), nor a dangling one. */
		if (ok && S_ISLNK(st.st_mode) && fstatat(d->fd, name, &target, 0) == 0 && S_ISREG(target.st_mode))
			st = target;
		if (ok && S_ISDIR(st.st_mode)) {
			ok = list_files(openat(d->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), rel, skip,
			                files, n, cap);
		} else if (ok && S_ISREG(st.st_mode)) {
			struct hasher bytes;
			hasher_init(&bytes);
			ok = hasher_add_fd(&bytes, openat(d->fd, name, O_RDONLY | O_CLOEXEC));
			*files = xgrow(*files, cap, *n + 1, sizeof **files);
			(*files)[(*n)++] = (struct tree_part){xstrdup(rel->data), bytes.h};
		}
		rel->len = rel_len;
		rel->data[rel_len] = '\0';
	}
	free_entries(entries, count);
	folder_close(d);
	return ok;
}

bool tree_list_files(const char *dir, const char *skip, struct tree_part **files, size_t *nfiles)
{
	*files = NULL;
	*nfiles = 0;
	size_t cap = 0;
	struct stat st;
	if (stat(dir, &st) != 0)
		return errno == ENOENT;
	struct buf rel = BUF_INIT;
	buf_puts(&rel, "");
	bool ok = list_files(open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), &rel, skip, files, nfiles, &cap);
	buf_free(&rel);
	if (ok && *nfiles > 1)  /* depth first is not quite name order: "a/b" comes before "a-c" */
		qsort(*files, *nfiles, sizeof **files, compare_part_names);
	if (!ok) {
		tree_parts_free(*files, *nfiles);
		*files = NULL;
		*nfiles = 0;
	}
	return ok;
}

void tree_parts_free(struct tree_part *parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(parts[i].name);
	free(parts);
}

/* The hash of the entry rel of an output tree, as its sum counts it. */
static struct hash output_entry(const char *rel, const struct stat *st)
{
	uint64_t fields[6] = {(uint64_t)st->st_mode, (uint64_t)st->st_ino, (uint64_t)st->st_size,
	                      (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec, (uint64_t)st->st_dev};
	/* What a folder below the top holds is counted entry by entry, so an
	 * entry added, removed or renamed is seen without its times; its
	 * name and mode are enough, and a build that made it need not stat it. */
	if (S_ISDIR(st->st_mode) && *rel)
		memset(fields + 1, 0, sizeof fields - sizeof fields[0]);
	struct hasher entry;
	hasher_init(&entry);
	hasher_add_str(&entry, rel);
	hasher_add(&entry, fields, sizeof fields);
	return entry.h;
}

void tree_stamp_add(struct hash *sum, const char *rel, const struct stat *st)
{
	struct hash h = output_entry(rel, st);
	sum->a += h.a;
	sum->b += h.b;
}

void tree_stamp_remove(struct hash *sum, const char *rel, const struct stat *st)
{
	struct hash h = output_entry(rel, st);
	sum->a -= h.a;
	sum->b -= h.b;
}

/* A folder waiting to be listed, by its path below the root; its own
 * entry is counted when it is opened, unless it already was (then st
 * is what lstat said of it). */
struct stacked {
	char *rel;
	bool counted;
	struct stat st;
};

/* A walk of an output tree that threads share (tree.h).  Its folders wait
 * on a stack, by their path below the root; a thread takes one, adds its
 * entries to a sum of its own and puts its subfolders on the stack.  The
 * entries are added up, not chained, so the sum does not depend on which
 * thread met them or in what order: nothing is sorted. */
struct tree_stamp_walk {
	pthread_mutex_t lock;
	pthread_cond_t more;            /* folders stacked, or the walk is over */
	int root;                       /* the tree's folder, open */
	struct stacked *stack;          /* owned, with each path */
	size_t nstack, cap;
	int busy;                       /* threads listing a folder */
	bool ok;                        /* false once an entry could not be read */
	struct hash sum;                /* the threads' sums, as each stops */
	size_t files;                   /* regular files met */
	/* With a listing (tree_stamp_begin_listed): */
	char *listing_path;             /* owned; NULL: none */
	struct listing *listing;        /* the last walk's, read by the thread
	                                 * that lists the root; NULL: none */
	struct timespec began;          /* when this walk began (listing_may_note) */
	struct buf notes;               /* this walk's listing, as threads stop */
	size_t folders_read;            /* folders read rather than taken from it */
	int workers;                    /* threads in tree_stamp_work() */
	bool listing_done;              /* the listing is written, or is not to be */
};

struct tree_stamp_walk *tree_stamp_begin(const char *dir)
{
	return tree_stamp_begin_listed(dir, NULL);
}

struct tree_stamp_walk *tree_stamp_begin_listed(const char *dir, const char *listing)
{
	struct tree_stamp_walk *w = xcalloc(1, sizeof *w);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->more, NULL);
	w->listing_path = listing ? xstrdup(listing) : NULL;
	clock_gettime(CLOCK_REALTIME, &w->began);
	struct stat st;
	w->root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	w->ok = w->root >= 0 && fstat(w->root, &st) == 0;
	if (w->ok) {
		tree_stamp_add(&w->sum, "", &st);
		w->stack = xgrow(w->stack, &w->cap, 1, sizeof *w->stack);
		w->stack[w->nstack++] = (struct stacked){xstrdup(""), true, st};
	}
	return w;
}

/* The next folder to list into *next (its path owned by the caller),
 * waiting while the stack is empty but another thread may still add to
 * it; false when the walk is over. */
static bool stamp_take(struct tree_stamp_walk *w, struct stacked *next)
{
	pthread_mutex_lock(&w->lock);
	while (w->ok && w->nstack == 0 && w->busy > 0)
		pthread_cond_wait(&w->more, &w->lock);
	bool taken = w->ok && w->nstack > 0;
	if (taken) {
		*next = w->stack[--w->nstack];
		w->busy++;
	}
	pthread_mutex_unlock(&w->lock);
	return taken;
}

/* Ends the listing of a folder: its subfolders (taken) go on the stack. */
static void stamp_done(struct tree_stamp_walk *w, const struct stacked *subs, size_t nsub, bool ok)
{
	pthread_mutex_lock(&w->lock);
	w->ok = w->ok && ok;
	for (size_t i = 0; i < nsub; i++) {
		w->stack = xgrow(w->stack, &w->cap, w->nstack + 1, sizeof *w->stack);
		w->stack[w->nstack++] = subs[i];
	}
	w->busy--;
	pthread_cond_broadcast(&w->more);
	pthread_mutex_unlock(&w->lock);
}

/* The subfolders a thread found in the folder it listed. */
struct found {
	struct stacked *subs;
	size_t n, cap;
};

/* A subfolder at rel; st is what lstat said of it, NULL when it is not
 * counted yet. */
static void found_add(struct found *f, const char *rel, const struct stat *st)
{
	f->subs = xgrow(f->subs, &f->cap, f->n + 1, sizeof *f->subs);
	f->subs[f->n++] = (struct stacked){xstrdup(rel), st != NULL, st ? *st : (struct stat){0}};
}

static void found_drop(struct found *f, size_t from)
{
	for (size_t i = from; i < f->n; i++)
		free(f->subs[i].rel);
	f->n = from;
}

/* What a thread of the walk adds up, and where it puts what it found. */
struct stamp_thread {
	struct hash sum;
	size_t files;                   /* regular files met */
	size_t read;                    /* folders read */
	struct buf path;                /* scratch */
	struct found subs;              /* the subfolders of the folder listed */
	struct buf notes;               /* its lines of the walk's listing */
};

/* The path below the root of the entry name of folder rel, into path. */
static const char *entry_path(struct buf *path, const char *rel, const char *name)
{
	buf_reset(path);
	if (*rel) {
		buf_puts(path, rel);
		buf_putc(path, '/');
	}
	buf_puts(path, name);
	return path->data;
}

/* Adds the entries of the folder at, read from the kernel, to t (and its
 * own entry when it is not counted yet), with its line of the listing
 * when its stamp may be noted.  A subfolder that readdir says is one is
 * counted when it is opened, by fstat of the folder open: the same as
 * lstat of its path, without looking the path up again. */
static bool stamp_read(struct tree_stamp_walk *w, const struct stacked *at, struct stamp_thread *t)
{
	const char *rel = at->rel;
	struct folder *d = folder_open(*rel ? openat(w->root, rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
	                                    : dup(w->root));
	if (d == NULL)
		return false;
	t->read++;
	struct stat st = at->st;
	if (!at->counted) {
		if (fstat(d->fd, &st) != 0) {
			folder_close(d);
			return false;
		}
		tree_stamp_add(&t->sum, rel, &st);
	}
	size_t noted_from = t->notes.len;
	bool note = w->listing_path && listing_may_note(&st, &w->began);
	if (note)
		listing_note_folder(&t->notes, rel, &st);
	bool ok = true;
	const struct dirent64 *e;
	while (ok && (e = folder_next(d, &ok)) != NULL) {
		if (note)
			listing_note_name(&t->notes, e->d_name);
		const char *path = entry_path(&t->path, rel, e->d_name);
		if (e->d_type == DT_DIR) {
			found_add(&t->subs, path, NULL);
			continue;
		}
		ok = fstatat(d->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0;
		if (!ok)
			break;
		tree_stamp_add(&t->sum, path, &st);
		t->files += S_ISREG(st.st_mode);
		if (S_ISDIR(st.st_mode))
			found_add(&t->subs, path, &st);
	}
	folder_close(d);
	if (note)
		listing_note_end(&t->notes);
	if (!ok)
		t->notes.len = noted_from;
	return ok;
}

/* Adds the entries folder i of the listing names in the folder rel to t,
 * each by lstat of its path; false, with nothing added, when one of
 * them is not there. */
static bool stamp_listed(struct tree_stamp_walk *w, const char *rel, long i, struct stamp_thread *t)
{
	size_t n;
	const char *const *names = listing_names(w->listing, i, &n);
	struct hash sum = {0, 0};
	size_t files = 0, nsubs = t->subs.n;
	for (size_t k = 0; k < n; k++) {
		const char *path = entry_path(&t->path, rel, names[k]);
		struct stat st;
		if (fstatat(w->root, path, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			found_drop(&t->subs, nsubs);
			return false;
		}
		tree_stamp_add(&sum, path, &st);
		files += S_ISREG(st.st_mode);
		if (S_ISDIR(st.st_mode))
			found_add(&t->subs, path, &st);
	}
	t->sum.a += sum.a;
	t->sum.b += sum.b;
	t->files += files;
	listing_keep(&t->notes, w->listing, i);
	return true;
}

/* Adds the entries of the folder at to t, and its subfolders to t->subs:
 * as the listing noted them when the folder's stamp is the one noted,
 * else as the kernel reads them. */
static bool stamp_folder(struct tree_stamp_walk *w, const struct stacked *at, struct stamp_thread *t)
{
	if (w->listing_path == NULL)
		return stamp_read(w, at, t);
	if (*at->rel == '\0')
		w->listing = listing_read(w->listing_path);     /* before any other thread has a folder */
	struct stacked stamped = *at;
	if (!at->counted) {
		/* Its stamp before it is opened, to look it up. */
		if (fstatat(w->root, at->rel, &stamped.st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(stamped.st.st_mode))
			return false;
		tree_stamp_add(&t->sum, at->rel, &stamped.st);
		stamped.counted = true;
	}
	long i = listing_find(w->listing, at->rel, &stamped.st);
	return (i >= 0 && stamp_listed(w, at->rel, i, t)) || stamp_read(w, &stamped, t);
}

/* Once the last thread stops, the listing this walk found is kept for
 * the next one, unless every folder was as the last one noted it. */
static void stamp_stop(struct tree_stamp_walk *w, struct stamp_thread *t)
{
	pthread_mutex_lock(&w->lock);
	w->sum.a += t->sum.a;
	w->sum.b += t->sum.b;
	w->files += t->files;
	w->folders_read += t->read;
	if (t->notes.len)
		buf_put(&w->notes, t->notes.data, t->notes.len);
	bool last = --w->workers == 0 && w->nstack == 0 && w->busy == 0 && !w->listing_done;
	bool write = last && w->ok && w->listing_path && w->folders_read > 0;
	struct buf notes = BUF_INIT;
	if (last) {
		w->listing_done = true;
		notes = w->notes;
		w->notes = (struct buf)BUF_INIT;
	}
	pthread_mutex_unlock(&w->lock);
	if (write)
		listing_write(w->listing_path, &notes);
	buf_free(&notes);
}

void tree_stamp_work(struct tree_stamp_walk *w)
{
	struct stamp_thread t = {.path = BUF_INIT, .notes = BUF_INIT};
	pthread_mutex_lock(&w->lock);
	w->workers++;
	pthread_mutex_unlock(&w->lock);
	struct stacked next;
	while (stamp_take(w, &next)) {
		t.subs.n = 0;
		bool ok = stamp_folder(w, &next, &t);
		free(next.rel);
		if (!ok)
			found_drop(&t.subs, 0);
		stamp_done(w, t.subs.subs, t.subs.n, ok);
	}
	stamp_stop(w, &t);
	free(t.subs.subs);
	buf_free(&t.path);
	buf_free(&t.notes);
}

size_t tree_stamp_folders_read(struct tree_stamp_walk *w)
{
	pthread_mutex_lock(&w->lock);
	size_t n = w->folders_read;
	pthread_mutex_unlock(&w->lock);
	return n;
}

bool tree_stamp_end(struct tree_stamp_walk *w, struct hash *out, size_t *files)
{
	bool ok = w->ok;
	*out = w->sum;
	if (files)
		*files = w->files;
	for (size_t i = 0; i < w->nstack; i++)
		free(w->stack[i].rel);
	free(w->stack);
	listing_free(w->listing);
	free(w->listing_path);
	buf_free(&w->notes);
	if (w->root >= 0)
		close(w->root);
	pthread_cond_destroy(&w->more);
	pthread_mutex_destroy(&w->lock);
	free(w);
	return ok;
}

bool tree_stamp_files(const char *dir, struct hash *out, size_t *files)
{
	struct tree_stamp_walk *w = tree_stamp_begin(dir);
	tree_stamp_work(w);
	return tree_stamp_end(w, out, files);
}

bool tree_stamp(const char *dir, struct hash *out)
{
	return tree_stamp_files(dir, out, NULL);
}
