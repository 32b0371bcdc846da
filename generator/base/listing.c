#include "base/listing.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/sealed.h"
#include "base/text.h"
#include "base/xalloc.h"

#define LISTING_KIND "folio-listing 1"

/* A listing is at most this big: 11,000 folders note under 1 MB. */
#define LISTING_MAX_SIZE ((size_t)1 << 30)

/* What of a folder's stat is its stamp. */
struct stamp {
	unsigned long long dev, ino, mtime_s, mtime_ns, ctime_s, ctime_ns;
};

static struct stamp stamp_of(const struct stat *st)
{
	return (struct stamp){(unsigned long long)st->st_dev,          (unsigned long long)st->st_ino,
	                      (unsigned long long)st->st_mtim.tv_sec,  (unsigned long long)st->st_mtim.tv_nsec,
	                      (unsigned long long)st->st_ctim.tv_sec,  (unsigned long long)st->st_ctim.tv_nsec};
}

struct listed {
	const char *rel;                /* unescaped, into the listing's text */
	struct stamp stamp;
	size_t first, n;                /* its names in the listing's names */
	const char *line;               /* as written, into the raw copy */
	size_t len;                     /* with its newline */
};

struct listing {
	char *text;                     /* the lines, cut and unescaped in place */
	char *raw;                      /* the lines as written */
	struct listed *folders;         /* sorted by rel */
	size_t n;
	const char **names;
	size_t nnames;
};

static int compare_listed(const void *a, const void *b)
{
	return strcmp(((const struct listed *)a)->rel, ((const struct listed *)b)->rel);
}

/* The next tab-separated field of *at (cut in place and unescaped), or
 * NULL at the end; *bad is set when it holds an unknown escape. */
static char *next_field(char **at, bool *bad)
{
	if (*at == NULL)
		return NULL;
	char *field = *at;
	char *tab = strchr(field, '\t');
	if (tab)
		*tab = '\0';
	*at = tab ? tab + 1 : NULL;
	if (!text_unescape_field(field))
		*bad = true;
	return field;
}

/* Reads the line (cut at its newline) into a folder of l; false when it
 * is not one. */
static bool read_line(struct listing *l, char *line, struct listed *f, size_t *cap_names)
{
	bool bad = false;
	char *at = line;
	f->rel = next_field(&at, &bad);
	char *stamp = next_field(&at, &bad);
	struct stamp *s = &f->stamp;
	int used = 0;
	if (bad || stamp == NULL ||
	    sscanf(stamp, "%llu %llu %llu %llu %llu %llu%n", &s->dev, &s->ino, &s->mtime_s, &s->mtime_ns, &s->ctime_s,
	           &s->ctime_ns, &used) != 6 ||
	    stamp[used] != '\0')
		return false;
	f->first = l->nnames;
	for (char *name; (name = next_field(&at, &bad)) != NULL;) {
		if (bad || *name == '\0')
			return false;
		l->names = xgrow(l->names, cap_names, l->nnames + 1, sizeof *l->names);
		l->names[l->nnames++] = name;
	}
	f->n = l->nnames - f->first;
	return true;
}

struct listing *listing_read(const char *path)
{
	size_t at, len;
	char *text = sealed_read(path, LISTING_KIND, LISTING_MAX_SIZE, &at, &len);
	if (text == NULL)
		return NULL;
	struct listing *l = xcalloc(1, sizeof *l);
	l->text = text;
	l->raw = xmalloc(len + 1);
	memcpy(l->raw, text, len + 1);
	size_t cap = 0, cap_names = 0;
	bool ok = true;
	for (char *line = text + at; ok && line < text + len;) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		ok = nl != NULL;
		if (!ok)
			break;
		*nl = '\0';
		l->folders = xgrow(l->folders, &cap, l->n + 1, sizeof *l->folders);
		struct listed *f = &l->folders[l->n++];
		f->line = l->raw + (line - text);
		f->len = (size_t)(nl - line) + 1;
		ok = read_line(l, line, f, &cap_names);
		line = nl + 1;
	}
	if (!ok) {
		listing_free(l);
		return NULL;
	}
	if (l->n > 1)
		qsort(l->folders, l->n, sizeof *l->folders, compare_listed);
	return l;
}

void listing_free(struct listing *l)
{
	if (l == NULL)
		return;
	free(l->text);
	free(l->raw);
	free(l->folders);
	free(l->names);
	free(l);
}

long listing_find(const struct listing *l, const char *rel, const struct stat *st)
{
	if (l == NULL || l->n == 0 || !S_ISDIR(st->st_mode))
		return -1;
	struct listed key = {.rel = rel};
	const struct listed *f = bsearch(&key, l->folders, l->n, sizeof *l->folders, compare_listed);
	struct stamp now = stamp_of(st);
	if (f == NULL || memcmp(&f->stamp, &now, sizeof now) != 0)
		return -1;
	return f - l->folders;
}

const char *const *listing_names(const struct listing *l, long i, size_t *n)
{
	*n = l->folders[i].n;
	return l->names + l->folders[i].first;
}

bool listing_may_note(const struct stat *st, const struct timespec *now)
{
	/* Linux stamps a change with a clock that lags by a tick at most
	 * (10 ms at the slowest); a file system that keeps whole seconds
	 * may round down by up to two (FAT's). */
	bool fine = st->st_ctim.tv_nsec != 0;
	int64_t margin_ns = fine ? INT64_C(100000000) : INT64_C(2000000000);
	int64_t changed = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
	int64_t began = (int64_t)now->tv_sec * 1000000000 + now->tv_nsec;
	return changed < began - margin_ns;
}

void listing_keep(struct buf *lines, const struct listing *l, long i)
{
	buf_put(lines, l->folders[i].line, l->folders[i].len);
}

void listing_note_folder(struct buf *lines, const char *rel, const struct stat *st)
{
	struct stamp s = stamp_of(st);
	text_put_field(lines, rel);
	buf_printf(lines, "\t%llu %llu %llu %llu %llu %llu", s.dev, s.ino, s.mtime_s, s.mtime_ns, s.ctime_s, s.ctime_ns);
}

void listing_note_name(struct buf *lines, const char *name)
{
	buf_putc(lines, '\t');
	text_put_field(lines, name);
}

void listing_note_end(struct buf *lines)
{
	buf_putc(lines, '\n');
}

bool listing_write(const char *path, const struct buf *lines)
{
	return sealed_write(path, LISTING_KIND, buf_str(lines), lines->len);
}
