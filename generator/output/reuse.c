#include "output/reuse.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/tree.h"
#include "base/xalloc.h"
#include "diagram/paint.h"

struct reuse {
	char *previous_dir;             /* NULL: nothing to reuse */
	struct reuse_kept *old;         /* sorted by kind, key, path */
	size_t nold;
	bool borrowed;                  /* old is the caller's (reuse_borrow) */
	bool take_playbooks;
	pthread_mutex_t lock;           /* guards what follows */
	struct reuse_kept *noted;
	size_t nnoted, cap;
	size_t reused;
};

/* ---- keys ------------------------------------------------------------- */

static void add_double(struct hasher *s, double v)
{
	hasher_add(s, &v, sizeof v);      /* the bits: nothing rounded */
}

static void add_size(struct hasher *s, size_t v)
{
	uint64_t w = (uint64_t)v;
	hasher_add(s, &w, sizeof w);
}

static void add_rect(struct hasher *s, struct lay_rect box)
{
	add_double(s, box.x);
	add_double(s, box.y);
	add_double(s, box.w);
	add_double(s, box.h);
}

static void add_text(struct hasher *s, const struct lay_text *t)
{
	add_size(s, (size_t)t->face);
	add_double(s, t->size);
	add_size(s, (size_t)t->role);
	add_size(s, t->n);
	for (size_t i = 0; i < t->n; i++) {
		hasher_add_str(s, t->lines[i].text);
		add_double(s, t->lines[i].x);
		add_double(s, t->lines[i].y);
		add_double(s, t->lines[i].width);
	}
	add_rect(s, t->box);
}

static void add_frame(struct hasher *s, const struct lay_frame *f)
{
	add_size(s, (size_t)f->role);
	add_rect(s, f->box);
	add_text(s, &f->title);
	add_text(s, &f->detail);
	add_rect(s, f->tab);
	add_size(s, f->ndividers);
	for (size_t k = 0; k < f->ndividers; k++) {
		add_double(s, f->dividers[k].x1);
		add_double(s, f->dividers[k].x2);
		add_double(s, f->dividers[k].y);
		add_text(s, &f->dividers[k].text);
	}
}

/* The fields only diagrams written in the content use, after all the
 * others: a resource's diagram, which has none, keeps the key it had. */
static void add_content_parts(struct hasher *s, const struct layout *lay)
{
	hasher_add_str(s, "content parts");
	for (size_t i = 0; i < lay->nnodes; i++)
		add_size(s, (size_t)lay->nodes[i].shape);
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *e = &lay->edges[i];
		add_size(s, (size_t)e->head);
		add_size(s, e->npts);
		for (size_t k = 0; e->pts && k < e->npts; k++) {
			add_double(s, e->pts[k].x);
			add_double(s, e->pts[k].y);
		}
		add_text(s, &e->number);
	}
	add_size(s, lay->nframes);
	for (size_t i = 0; i < lay->nframes; i++)
		add_frame(s, &lay->frames[i]);
}

/* Every field of the layout that a painter may read. */
static void add_layout(struct hasher *s, const struct layout *lay)
{
	if (lay == NULL) {
		hasher_add_str(s, "no layout");
		return;
	}
	add_double(s, lay->width);
	add_double(s, lay->height);
	add_size(s, lay->nnodes);
	for (size_t i = 0; i < lay->nnodes; i++) {
		const struct lay_node *n = &lay->nodes[i];
		hasher_add_str(s, n->id);
		add_size(s, (size_t)n->role);
		add_rect(s, n->box);
		add_text(s, &n->name);
		add_text(s, &n->detail);
	}
	add_size(s, lay->nedges);
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *e = &lay->edges[i];
		add_size(s, e->from);
		add_size(s, e->to);
		add_size(s, (size_t)e->role);
		add_double(s, e->x1);
		add_double(s, e->y1);
		add_double(s, e->x2);
		add_double(s, e->y2);
		add_size(s, e->both_ends);
		add_text(s, &e->label);
		add_text(s, &e->tag);
		add_rect(s, e->plate);
	}
	add_size(s, lay->nlanes);
	for (size_t i = 0; i < lay->nlanes; i++)
		add_rect(s, lay->lanes[i]);
	if (paint_has_content_parts(lay))
		add_content_parts(s, lay);
}

/* A palette other than the theme's, every colour to the bit (the theme's
 * adds nothing, so its keys are what they were before palettes). */
static void add_palette(struct hasher *s, const struct paint_palette *pal)
{
	if (pal == NULL)
		return;
	hasher_add_str(s, "palette");
	for (int r = 0; r < ROLE_COUNT; r++)
		for (int k = 0; k < 2; k++)
			for (int i = 0; i < 3; i++) {
				add_double(s, pal->styles[r][k].fill[i]);
				add_double(s, pal->styles[r][k].stroke[i]);
			}
	for (int i = 0; i < 3; i++) {
		add_double(s, pal->card_band[i]);
		add_double(s, pal->card_title[i]);
	}
}

struct hash reuse_key_diagram(const struct layout *lay, const struct paint_palette *pal, double scale)
{
	struct hasher s;
	hasher_init(&s);
	hasher_add_str(&s, "diagram");
	add_double(&s, scale);
	add_layout(&s, lay);
	add_palette(&s, pal);
	return s.h;
}

struct hash reuse_key_card(const struct paint_cairo_card *c)
{
	struct hasher s;
	hasher_init(&s);
	hasher_add_str(&s, "card");
	add_size(&s, CARD_WIDTH);
	add_size(&s, CARD_HEIGHT);
	hasher_add_str(&s, c->title);
	hasher_add_str(&s, c->context ? "context" : "no context");
	hasher_add_str(&s, c->context);
	hasher_add_str(&s, c->publisher);
	add_layout(&s, c->motif);
	add_palette(&s, c->palette);
	return s.h;
}

/* ---- the lists -------------------------------------------------------- */

static int compare_hash(struct hash x, struct hash y)
{
	if (x.a != y.a)
		return x.a < y.a ? -1 : 1;
	if (x.b != y.b)
		return x.b < y.b ? -1 : 1;
	return 0;
}

static int compare_kept(const void *p, const void *q)
{
	const struct reuse_kept *x = p, *y = q;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = compare_hash(x->key, y->key);
	return c ? c : strcmp(x->path, y->path);
}

static struct reuse_kept copy_kept(const struct reuse_kept *k)
{
	struct reuse_kept c = *k;
	c.path = xstrdup(k->path);
	return c;
}

void reuse_kept_free(struct reuse_kept *kept, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(kept[i].path);
	free(kept);
}

struct reuse *reuse_new(const char *previous_dir, const struct reuse_kept *old, size_t nold, bool take_playbooks)
{
	struct reuse *u = xcalloc(1, sizeof *u);
	u->previous_dir = previous_dir ? xstrdup(previous_dir) : NULL;
	u->old = xcalloc(nold ? nold : 1, sizeof *u->old);
	for (size_t i = 0; i < nold; i++)
		u->old[i] = copy_kept(&old[i]);
	u->nold = nold;
	if (nold > 1)
		qsort(u->old, nold, sizeof *u->old, compare_kept);
	u->take_playbooks = take_playbooks;
	pthread_mutex_init(&u->lock, NULL);
	return u;
}

struct reuse *reuse_borrow(const char *previous_dir, const struct reuse_kept *sorted, size_t n, bool take_playbooks)
{
	struct reuse *u = xcalloc(1, sizeof *u);
	u->previous_dir = previous_dir ? xstrdup(previous_dir) : NULL;
	u->old = (struct reuse_kept *)sorted;
	u->nold = n;
	u->borrowed = true;
	u->take_playbooks = take_playbooks;
	pthread_mutex_init(&u->lock, NULL);
	return u;
}

void reuse_kept_sort(struct reuse_kept *kept, size_t n)
{
	if (n > 1)
		qsort(kept, n, sizeof *kept, compare_kept);
}

int reuse_kept_compare(const struct reuse_kept *x, const struct reuse_kept *y)
{
	return compare_kept(x, y);
}

void reuse_free(struct reuse *u)
{
	if (u == NULL)
		return;
	if (!u->borrowed)
		reuse_kept_free(u->old, u->nold);
	reuse_kept_free(u->noted, u->nnoted);
	pthread_mutex_destroy(&u->lock);
	free(u->previous_dir);
	free(u);
}

/* The first old entry of kind with key (any path), or NULL. */
static const struct reuse_kept *find_key(const struct reuse *u, enum reuse_kept_kind kind, struct hash key)
{
	size_t lo = 0, hi = u->nold;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct reuse_kept *k = &u->old[mid];
		int c = k->kind != kind ? (k->kind < kind ? -1 : 1) : compare_hash(k->key, key);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < u->nold && u->old[lo].kind == kind && compare_hash(u->old[lo].key, key) == 0)
		return &u->old[lo];
	return NULL;
}

/* The old playbook at rel, or NULL (playbooks are few). */
static const struct reuse_kept *find_playbook(const struct reuse *u, const char *rel)
{
	for (size_t i = 0; i < u->nold; i++)
		if (u->old[i].kind == REUSE_KEPT_PLAYBOOK && strcmp(u->old[i].path, rel) == 0)
			return &u->old[i];
	return NULL;
}

/* ---- the previous output ---------------------------------------------- */

/* Reads the regular file rel of the previous output, never through a
 * link; false when it cannot be read. */
static bool read_previous(const struct reuse *u, const char *rel, struct buf *into)
{
	char *path = xasprintf("%s/%s", u->previous_dir, rel);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(path);
	if (fd < 0)
		return false;
	struct stat st;
	bool too_big;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && buf_read_fd(into, fd, SIZE_MAX, &too_big);
	close(fd);
	return ok;
}

/* Appends the file k names to out when it still has its bytes. */
static bool take(struct reuse *u, const struct reuse_kept *k, struct buf *out)
{
	struct buf b = BUF_INIT;
	bool ok = read_previous(u, k->path, &b) && compare_hash(hash_bytes(b.data, b.len), k->bytes) == 0;
	if (ok)
		buf_put(out, b.data, b.len);
	buf_free(&b);
	return ok;
}

bool reuse_png(struct reuse *u, struct hash key, struct buf *png)
{
	if (u == NULL || u->previous_dir == NULL)
		return false;
	const struct reuse_kept *k = find_key(u, REUSE_KEPT_PNG, key);
	bool ok = k && take(u, k, png);
	if (ok) {
		pthread_mutex_lock(&u->lock);
		u->reused++;
		pthread_mutex_unlock(&u->lock);
	}
	return ok;
}

bool reuse_png_here(struct reuse *u, struct hash key, const char *rel, struct hash *bytes)
{
	if (u == NULL || u->previous_dir == NULL)
		return false;
	const struct reuse_kept *k = find_key(u, REUSE_KEPT_PNG, key);
	while (k && k < u->old + u->nold && k->kind == REUSE_KEPT_PNG && compare_hash(k->key, key) == 0 &&
	       strcmp(k->path, rel) != 0)
		k++;
	if (k == NULL || k == u->old + u->nold || k->kind != REUSE_KEPT_PNG || compare_hash(k->key, key) != 0)
		return false;
	struct reuse_kept same = copy_kept(k);
	*bytes = same.bytes;
	pthread_mutex_lock(&u->lock);
	u->noted = xgrow(u->noted, &u->cap, u->nnoted + 1, sizeof *u->noted);
	u->noted[u->nnoted++] = same;
	u->reused++;
	pthread_mutex_unlock(&u->lock);
	return true;
}

bool reuse_playbook(struct reuse *u, const char *rel, struct buf *pdf, size_t *pages)
{
	if (u == NULL || u->previous_dir == NULL || !u->take_playbooks)
		return false;
	const struct reuse_kept *k = find_playbook(u, rel);
	if (k == NULL || !take(u, k, pdf))
		return false;
	*pages = k->pages;
	return true;
}

static void note(struct reuse *u, enum reuse_kept_kind kind, struct hash key, const char *rel, size_t pages,
                 struct hash bytes)
{
	if (u == NULL || strchr(rel, '\n'))
		return;         /* a path the record's lines cannot hold */
	struct reuse_kept k = {kind, key, bytes, pages, xstrdup(rel)};
	pthread_mutex_lock(&u->lock);
	u->noted = xgrow(u->noted, &u->cap, u->nnoted + 1, sizeof *u->noted);
	u->noted[u->nnoted++] = k;
	pthread_mutex_unlock(&u->lock);
}

void reuse_note_png(struct reuse *u, struct hash key, const char *rel, struct hash bytes)
{
	note(u, REUSE_KEPT_PNG, key, rel, 0, bytes);
}

void reuse_note_playbook(struct reuse *u, const char *rel, size_t pages, struct hash bytes)
{
	struct hash none = {0, 0};
	note(u, REUSE_KEPT_PLAYBOOK, none, rel, pages, bytes);
}

struct reuse_kept *reuse_noted(struct reuse *u, size_t *n)
{
	struct reuse_kept *all = u->noted ? u->noted : xcalloc(1, sizeof *all);
	*n = u->nnoted;
	if (*n > 1)
		qsort(all, *n, sizeof *all, compare_kept);
	u->noted = NULL;
	u->nnoted = u->cap = 0;
	return all;
}

size_t reuse_count(const struct reuse *u)
{
	return u ? u->reused : 0;
}

/* ---- the tools -------------------------------------------------------- */

/* A file mapped into this process: the program or a library. */
struct mapped {
	char *path;
	char dev[32];
	unsigned long long ino;
};

static int compare_mapped(const void *p, const void *q)
{
	const struct mapped *x = p, *y = q;
	int c = strcmp(x->path, y->path);
	return c ? c : (x->ino < y->ino ? -1 : x->ino > y->ino);
}

/* Every file mapped into this process as code (the program and the
 * libraries it runs), sorted, each once; NULL when /proc/self/maps
 * cannot be read.  Files mapped as data (fonts that FreeType maps, caches)
 * are left out: which of them are mapped depends on the moment asked. */
static struct mapped *mapped_files(size_t *n)
{
	FILE *f = fopen("/proc/self/maps", "r");
	if (f == NULL)
		return NULL;
	struct mapped *all = NULL;
	size_t cap = 0;
	*n = 0;
	char *line = NULL;
	size_t line_cap = 0;
	ssize_t len;
	while ((len = getline(&line, &line_cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		struct mapped m = {NULL, "", 0};
		char perms[8] = "";
		int at = 0;
		if (sscanf(line, "%*s %7s %*s %31s %llu %n", perms, m.dev, &m.ino, &at) != 3 || m.ino == 0 ||
		    line[at] != '/' || strchr(perms, 'x') == NULL)
			continue;
		m.path = xstrdup(line + at);
		all = xgrow(all, &cap, *n + 1, sizeof *all);
		all[(*n)++] = m;
	}
	free(line);
	fclose(f);
	if (all == NULL)
		return xcalloc(1, sizeof *all);
	qsort(all, *n, sizeof *all, compare_mapped);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (k > 0 && compare_mapped(&all[k - 1], &all[i]) == 0)
			free(all[i].path);
		else
			all[k++] = all[i];
	}
	*n = k;
	return all;
}

/* The program and its libraries as mapped: paths, inodes and the files'
 * stamps.  False when a mapped file was replaced on disk since (its path
 * names another inode now), so that its stamp cannot be had. */
static bool hash_mapped(struct hasher *s)
{
	size_t n;
	struct mapped *all = mapped_files(&n);
	if (all == NULL)
		return false;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		ok = ok && stat(all[i].path, &st) == 0 && (unsigned long long)st.st_ino == all[i].ino;
		if (ok) {
			uint64_t fields[6] = {(uint64_t)st.st_ino, (uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
			                      (uint64_t)st.st_mtim.tv_nsec, (uint64_t)st.st_ctim.tv_sec,
			                      (uint64_t)st.st_ctim.tv_nsec};
			hasher_add_str(s, all[i].path);
			hasher_add_str(s, all[i].dev);
			hasher_add(s, fields, sizeof fields);
		}
		free(all[i].path);
	}
	free(all);
	return ok;
}

/* The code of a running process does not change: its part of the tools is
 * worked out once, at the first build, when every library that draws
 * (linked, not loaded later) is mapped. */
static struct hash program_hash;
static bool program_known;
static pthread_once_t program_once = PTHREAD_ONCE_INIT;

static void hash_program(void)
{
	struct hasher s;
	hasher_init(&s);
	program_known = hash_mapped(&s);
	program_hash = s.h;
}

bool reuse_tools(const char *fonts_at, struct hash *out)
{
	pthread_once(&program_once, hash_program);
	struct hasher s;
	hasher_init(&s);
	hasher_add(&s, &program_hash, sizeof program_hash);
	hasher_add_str(&s, fonts_at);
	bool ok = program_known && fonts_at && tree_hash(&s, fonts_at, true, 1);
	*out = ok ? s.h : (struct hash){0, 0};
	return ok;
}
