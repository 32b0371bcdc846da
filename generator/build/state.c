/* A feature-test macro must come before every header. */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier)
#include "build/state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/pool.h"
#include "base/xalloc.h"

#define STATE_MAGIC "folio-state 3"

/* Two 64-bit lanes, each a multiply-xorshift over the words with its own
 * constants, so that the pair behaves as one 128-bit hash: sixteen bytes
 * at a time, then eight, then the tail with the length. */
static uint64_t mix(uint64_t h, uint64_t w, uint64_t k)
{
	h ^= w * k;
	h = (h << 29) | (h >> 35);
	return h * 0x9e3779b97f4a7c15ull + k;
}

void state_hasher_init(struct state_hasher *s)
{
	s->h.a = 0x243f6a8885a308d3ull;
	s->h.b = 0x13198a2e03707344ull;
}

/* Two words into one lane: their products do not depend on the lane, so
 * a lane's chain is one multiply for sixteen bytes. */
static uint64_t mix2(uint64_t h, uint64_t w0, uint64_t w1, uint64_t k0, uint64_t k1)
{
	uint64_t x = w1 * k1;
	h ^= w0 * k0 ^ ((x << 32) | (x >> 32));
	h = (h << 29) | (h >> 35);
	return h * 0x9e3779b97f4a7c15ull + k0;
}

void state_hasher_add(struct state_hasher *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t a = s->h.a, b = s->h.b;
	while (len >= 16) {
		uint64_t w0, w1;
		memcpy(&w0, p, 8);
		memcpy(&w1, p + 8, 8);
		a = mix2(a, w0, w1, 0xff51afd7ed558ccdull, 0x87c37b91114253d5ull);
		b = mix2(b, w0, w1, 0xc4ceb9fe1a85ec53ull, 0x4cf5ad432745937full);
		p += 16;
		len -= 16;
	}
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		a = mix(a, w, 0xff51afd7ed558ccdull);
		b = mix(b, w, 0xc4ceb9fe1a85ec53ull);
		p += 8;
		len -= 8;
	}
	uint64_t tail = 0;
	memcpy(&tail, p, len);
	tail ^= (uint64_t)len << 56;    /* "ab" then "" differs from "a" then "b" */
	a = mix(a, tail, 0xff51afd7ed558ccdull);
	b = mix(b, tail, 0xc4ceb9fe1a85ec53ull);
	s->h.a = a;
	s->h.b = b;
}

void state_hasher_add_str(struct state_hasher *s, const char *text)
{
	state_hasher_add(s, text ? text : "", text ? strlen(text) + 1 : 0);
}

struct state_hash state_hash_bytes(const void *data, size_t len)
{
	struct state_hasher h;
	state_hasher_init(&h);
	state_hasher_add(&h, data, len);
	return h.h;
}

/* A file is hashed in pieces of this size, each in one call: a file
 * smaller than that (as every file the loader takes is) counts as
 * state_hash_bytes() of its bytes, which the loader's known hashes are,
 * and a large one (a video in static/) is never held whole in memory. */
#define HASH_PIECE (16u << 20)

/* Fills data[0..size) from fd; *end when the file ended first (a short
 * read of a regular file is its end).  Returns the bytes read, or
 * SIZE_MAX on an error. */
static size_t read_piece(int fd, char *data, size_t size, bool regular, bool *end)
{
	size_t have = 0;
	while (have < size) {
		ssize_t n = read(fd, data + have, size - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return SIZE_MAX;
		have += (size_t)n;
		if (n == 0 || (regular && have < size)) {
			*end = true;
			break;
		}
	}
	return have;
}

/* Adds the bytes read from fd (closed here), piece by piece. */
static bool hash_fd(struct state_hasher *s, int fd)
{
	if (fd < 0)
		return false;
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	size_t size = regular && (uint64_t)st.st_size < HASH_PIECE ? (size_t)st.st_size + 1 : HASH_PIECE;
	char *data = xmalloc(size);
	bool ok = true, end = false;
	for (bool first = true; ok && !end; first = false) {
		size_t have = read_piece(fd, data, size, regular, &end);
		ok = have != SIZE_MAX;
		if (ok && (first || have > 0))
			state_hasher_add(s, data, have);
	}
	free(data);
	close(fd);
	return ok;
}

bool state_hash_file(struct state_hasher *s, const char *path)
{
	return hash_fd(s, open(path, O_RDONLY | O_CLOEXEC));
}

/* A folder's entry as readdir gives it. */
struct dir_entry {
	char *name;             /* owned */
	unsigned char type;     /* d_type: DT_UNKNOWN when the file system does not say */
};

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct dir_entry *)a)->name, ((const struct dir_entry *)b)->name);
}

/* The entries of d, sorted by name, without . and ..; never NULL. */
static struct dir_entry *sorted_entries(DIR *d, size_t *n)
{
	struct dir_entry *entries = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
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

/* The folder open as fd (-1: could not be opened) as a DIR, which owns
 * fd from then on; NULL (fd closed) when it cannot be read. */
static DIR *open_folder(int fd)
{
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL && fd >= 0)
		close(fd);
	return d;
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
	const struct state_known *files;
	size_t n;
};

typedef bool (*visit_fn)(struct state_hasher *s, const struct entry *e);

/* Visits every entry below the folder open as fd (which it closes), in
 * sorted order, depth first.  Entries are named relative to their folder's
 * descriptor: a large tree costs one path lookup per entry, not one per
 * component.  rel holds the folder's path below the root and is restored. */
static bool walk(struct state_hasher *s, int fd, struct buf *rel, visit_fn visit, const struct walk_known *known)
{
	DIR *d = open_folder(fd);
	if (d == NULL)
		return false;
	size_t n;
	struct dir_entry *entries = sorted_entries(d, &n);
	size_t rel_len = rel->len;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		const char *name = entries[i].name;
		if (rel_len)
			buf_putc(rel, '/');
		buf_puts(rel, name);
		struct stat st;
		ok = fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0;
		struct entry e = {dirfd(d), name, rel->data, &st, known};
		ok = ok && visit(s, &e);
		if (ok && S_ISDIR(st.st_mode))
			ok = walk(s, openat(dirfd(d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), rel, visit,
			          known);
		rel->len = rel_len;
		rel->data[rel_len] = '\0';
	}
	free_entries(entries, n);
	closedir(d);
	return ok;
}

static bool walk_tree(struct state_hasher *s, const char *dir, visit_fn visit, const struct walk_known *known)
{
	struct buf rel = BUF_INIT;
	buf_puts(&rel, "");
	bool ok = walk(s, open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), &rel, visit, known);
	buf_free(&rel);
	return ok;
}

/* An input's stamp: what stat says of it (through a link), which changes
 * whenever its bytes do (the change time cannot be set back). */
static bool visit_input_stamp(struct state_hasher *s, const struct entry *e)
{
	const struct stat *st = e->st;
	struct stat target;
	if (S_ISLNK(st->st_mode) && fstatat(e->dir, e->name, &target, 0) == 0)
		st = &target;
	uint64_t fields[7] = {(uint64_t)st->st_mode, (uint64_t)st->st_ino, (uint64_t)st->st_size,
	                      (uint64_t)st->st_mtim.tv_sec, (uint64_t)st->st_mtim.tv_nsec,
	                      (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec};
	state_hasher_add_str(s, e->rel);
	state_hasher_add(s, fields, sizeof fields);
	return true;
}

static int compare_known(const void *key, const void *item)
{
	return strcmp(key, ((const struct state_known *)item)->path);
}

static int compare_known_items(const void *a, const void *b)
{
	return compare_known(((const struct state_known *)a)->path, b);
}

void state_known_sort(struct state_known *known, size_t n)
{
	if (n > 1)
		qsort(known, n, sizeof *known, compare_known_items);
}

/* The known hash of the file e names, or NULL. */
static const struct state_hash *known_hash(const struct entry *e)
{
	const struct walk_known *k = e->known;
	if (k == NULL || k->n == 0)
		return NULL;
	char *path = xasprintf("%s/%s", k->root, e->rel);
	const struct state_known *found = bsearch(path, k->files, k->n, sizeof *k->files, compare_known);
	free(path);
	return found ? &found->hash : NULL;
}

/* Adds the hash of a file's bytes (known, or read from it). */
static bool add_file_bytes(struct state_hasher *s, const struct entry *e)
{
	const struct state_hash *known = known_hash(e);
	struct state_hasher file;
	state_hasher_init(&file);
	if (known == NULL && !hash_fd(&file, openat(e->dir, e->name, O_RDONLY | O_CLOEXEC)))
		return false;
	const struct state_hash *h = known ? known : &file.h;
	uint64_t words[2] = {h->a, h->b};
	state_hasher_add(s, words, sizeof words);
	return true;
}

static bool visit_input(struct state_hasher *s, const struct entry *e)
{
	state_hasher_add_str(s, e->rel);
	if (S_ISREG(e->st->st_mode))
		return add_file_bytes(s, e);
	if (S_ISLNK(e->st->st_mode)) {
		struct stat target;
		/* A link is read through, as the loader does (or refuses). */
		if (fstatat(e->dir, e->name, &target, 0) != 0)
			return state_hasher_add_str(s, "dangling"), true;
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
};

/* A subfolder walked by a task of its own. */
struct sub_walk {
	const struct tree_walk *w;
	int parent;             /* the folder holding it, open */
	const char *name;
	char *rel;              /* owned: its path below the root */
	struct state_hash hash;
	bool ok;
};

static bool walk_hashed(struct state_hash *out, int fd, struct buf *rel, const struct tree_walk *w, int threads);

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
	struct buf rel = BUF_INIT;
	buf_puts(&rel, sub->rel);
	int fd = openat(sub->parent, sub->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	sub->ok = walk_hashed(&sub->hash, fd, &rel, sub->w, 1);
	buf_free(&rel);
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
	for (size_t i = 0, k = 0; i < n; i++) {
		if (!S_ISDIR(st[i].st_mode))
			continue;
		const char *name = entries[i].name;
		char *path = rel->len ? xasprintf("%s/%s", rel->data, name) : xstrdup(name);
		subs[k] = (struct sub_walk){w, fd, name, path, {0, 0}, false};
		order[k] = k;
		k++;
	}
	pool_run(nsub, order, threads, walk_sub, subs);
	free(order);
	return subs;
}

/* The fingerprint of the folder open as fd (which it closes): every entry
 * in sorted order as visit adds it, and after a subfolder's entry the
 * subfolder's own fingerprint.  So the subfolders of a folder with many
 * can be walked on several threads (up to threads), with the same result
 * as on one.  Entries are named relative to their folder's descriptor: a
 * large tree costs one path lookup per entry, not one per component.  rel
 * holds the folder's path below the root and is restored. */
static bool walk_hashed(struct state_hash *out, int fd, struct buf *rel, const struct tree_walk *w, int threads)
{
	*out = (struct state_hash){0, 0};
	DIR *d = open_folder(fd);
	if (d == NULL)
		return false;
	size_t n;
	struct dir_entry *entries = sorted_entries(d, &n);
	struct stat *st = xcalloc(n ? n : 1, sizeof *st);
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++)
		ok = entry_stat(dirfd(d), &entries[i], w->kind_only, &st[i]);
	size_t nsub = 0;
	struct sub_walk *subs = ok ? walk_subs(dirfd(d), rel, entries, st, n, w, threads, &nsub) : NULL;
	struct state_hasher s;
	state_hasher_init(&s);
	size_t rel_len = rel->len, k = 0;
	for (size_t i = 0; i < n && ok; i++) {
		if (rel_len)
			buf_putc(rel, '/');
		buf_puts(rel, entries[i].name);
		struct entry e = {dirfd(d), entries[i].name, rel->data, &st[i], w->known};
		ok = w->visit(&s, &e);
		if (ok && S_ISDIR(st[i].st_mode)) {
			struct state_hash h = {0, 0};
			if (subs) {
				ok = subs[k].ok;
				h = subs[k++].hash;
			} else {
				int sub = openat(dirfd(d), entries[i].name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				ok = walk_hashed(&h, sub, rel, w, threads);
			}
			uint64_t words[2] = {h.a, h.b};
			state_hasher_add(&s, words, sizeof words);
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
	closedir(d);
	return ok;
}

static bool hash_tree(struct state_hasher *s, const char *dir, const struct tree_walk *w, int threads)
{
	struct stat st;
	if (stat(dir, &st) != 0) {
		state_hasher_add_str(s, "missing");
		return errno == ENOENT;
	}
	state_hasher_add_str(s, "tree");
	struct buf rel = BUF_INIT;
	buf_puts(&rel, "");
	struct state_hash h;
	bool ok = walk_hashed(&h, open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), &rel, w, threads);
	buf_free(&rel);
	uint64_t words[2] = {h.a, h.b};
	state_hasher_add(s, words, sizeof words);
	return ok;
}

bool state_hash_tree(struct state_hasher *s, const char *dir, bool bytes, int threads)
{
	struct tree_walk w = {bytes ? visit_input : visit_input_stamp, NULL, bytes};
	return hash_tree(s, dir, &w, threads);
}

bool state_hash_tree_known(struct state_hasher *s, const char *dir, const struct state_known *known, size_t n,
                           int threads)
{
	struct walk_known k = {dir, known, n};
	struct tree_walk w = {visit_input, &k, true};
	return hash_tree(s, dir, &w, threads);
}

void state_stamp_add(struct state_hash *sum, const char *rel, const struct stat *st)
{
	uint64_t fields[6] = {(uint64_t)st->st_mode, (uint64_t)st->st_ino, (uint64_t)st->st_size,
	                      (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec, (uint64_t)st->st_dev};
	/* What a folder below the top holds is counted entry by entry, so an
	 * entry added, removed or renamed is seen without its times; its
	 * name and mode are enough, and a build that made it need not stat it. */
	if (S_ISDIR(st->st_mode) && *rel)
		memset(fields + 1, 0, sizeof fields - sizeof fields[0]);
	struct state_hasher entry;
	state_hasher_init(&entry);
	state_hasher_add_str(&entry, rel);
	state_hasher_add(&entry, fields, sizeof fields);
	sum->a += entry.h.a;
	sum->b += entry.h.b;
}

/* The output's entries are added up, not chained: the sum does not
 * depend on the order they are met in. */
static bool visit_output(struct state_hasher *s, const struct entry *e)
{
	state_stamp_add(&s->h, e->rel, e->st);
	return true;
}

bool state_tree_stamp(const char *dir, struct state_hash *out)
{
	struct state_hasher s = {{0, 0}};
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	state_stamp_add(&s.h, "", &st);
	bool ok = walk_tree(&s, dir, visit_output, NULL);
	*out = s.h;
	return ok;
}

char *state_path(const char *out)
{
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	const char *slash = memrchr(out, '/', n);
	if (slash == NULL)
		return xasprintf(".%.*s.folio-state", (int)n, out);
	return xasprintf("%.*s/.%.*s.folio-state", (int)(slash - out), out, (int)(n - (size_t)(slash + 1 - out)),
	                 slash + 1);
}

/* One kept file's line: "KIND KEY KEY BYTES BYTES PAGES PATH". */
static bool read_kept(FILE *f, struct state_kept *k)
{
	char kind;
	unsigned long long ka, kb, ba, bb;
	size_t pages;
	if (fscanf(f, "%c %llx %llx %llx %llx %zu ", &kind, &ka, &kb, &ba, &bb, &pages) != 6 ||
	    (kind != STATE_KEPT_PNG && kind != STATE_KEPT_PLAYBOOK))
		return false;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);
	if (n <= 1 || line[n - 1] != '\n') {
		free(line);
		return false;
	}
	line[n - 1] = '\0';
	*k = (struct state_kept){(enum state_kept_kind)kind, {ka, kb}, {ba, bb}, pages, line};
	return true;
}

static bool read_kept_list(FILE *f, struct state_record *r)
{
	size_t n;
	if (fscanf(f, "kept %zu\n", &n) != 1 || n > 1000000)
		return false;
	r->kept = xcalloc(n ? n : 1, sizeof *r->kept);
	for (; r->nkept < n; r->nkept++)
		if (!read_kept(f, &r->kept[r->nkept]))
			return false;
	return true;
}

bool state_read(const char *path, struct state_record *r)
{
	memset(r, 0, sizeof *r);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	unsigned long long sa, sb, ia, ib, oa, ob, ta, tb;
	size_t pages, files;
	int complete;
	bool ok = fscanf(f,
	                 STATE_MAGIC "\nstamps %llx %llx\ninputs %llx %llx\noutput %llx %llx\ncomplete %d\ncounts %zu "
	                             "%zu\ntools %llx %llx\n",
	                 &sa, &sb, &ia, &ib, &oa, &ob, &complete, &pages, &files, &ta, &tb) == 11;
	if (ok) {
		r->stamps = (struct state_hash){sa, sb};
		r->inputs = (struct state_hash){ia, ib};
		r->output = (struct state_hash){oa, ob};
		r->complete = complete == 1;
		r->pages = pages;
		r->files = files;
		r->tools = (struct state_hash){ta, tb};
		ok = read_kept_list(f, r);
	}
	if (ok) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_put(&r->warnings, chunk, n);
		ok = !ferror(f);
	}
	fclose(f);
	if (!ok)
		state_record_free(r);
	return ok;
}

static void write_kept_list(FILE *f, const struct state_record *r)
{
	fprintf(f, "kept %zu\n", r->nkept);
	for (size_t i = 0; i < r->nkept; i++) {
		const struct state_kept *k = &r->kept[i];
		fprintf(f, "%c %016llx %016llx %016llx %016llx %zu %s\n", (char)k->kind, (unsigned long long)k->key.a,
		        (unsigned long long)k->key.b, (unsigned long long)k->bytes.a, (unsigned long long)k->bytes.b,
		        k->pages, k->path);
	}
}

void state_write(const char *path, const struct state_record *r)
{
	char *tmp = xasprintf("%s.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (f == NULL) {
		free(tmp);
		return;
	}
	fprintf(f,
	        STATE_MAGIC "\nstamps %016llx %016llx\ninputs %016llx %016llx\noutput %016llx %016llx\ncomplete %d\n"
	                    "counts %zu %zu\ntools %016llx %016llx\n",
	        (unsigned long long)r->stamps.a, (unsigned long long)r->stamps.b, (unsigned long long)r->inputs.a,
	        (unsigned long long)r->inputs.b, (unsigned long long)r->output.a, (unsigned long long)r->output.b,
	        r->complete ? 1 : 0, r->pages, r->files, (unsigned long long)r->tools.a, (unsigned long long)r->tools.b);
	write_kept_list(f, r);
	if (r->warnings.len)
		fwrite(r->warnings.data, 1, r->warnings.len, f);
	bool ok = !ferror(f);
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0)
		unlink(tmp);
	free(tmp);
}

void state_kept_free(struct state_kept *kept, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(kept[i].path);
	free(kept);
}

void state_record_free(struct state_record *r)
{
	state_kept_free(r->kept, r->nkept);
	buf_free(&r->warnings);
	memset(r, 0, sizeof *r);
}
