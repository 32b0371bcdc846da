#include "output/bodies.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"

/* The first line begins so, then the hash of the lines after it; a file
 * of another format, or whose lines hash otherwise, is not read. */
#define BODIES_MAGIC "folio-bodies 2 "
#define BODIES_HEAD_LEN (sizeof BODIES_MAGIC - 1 + 34)         /* "%016llx %016llx\n" */

/* A record is at most this big: nine thousand pattern pages note 3 MB. */
#define BODIES_MAX_SIZE ((size_t)1 << 30)

void body_note_part(struct body_note *n, int part, struct hash key, size_t at, size_t len)
{
	n->parts = xgrow(n->parts, &n->cap_parts, n->nparts + 1, sizeof *n->parts);
	n->parts[n->nparts++] = (struct body_part_note){part, key, at, len, NULL};
}

void body_note_heading(struct body_note *n, int part, int level, const char *id, const char *text)
{
	n->headings = xgrow(n->headings, &n->cap_headings, n->nheadings + 1, sizeof *n->headings);
	n->headings[n->nheadings++] = (struct body_heading){part, level, xstrdup(id), xstrdup(text)};
}

const struct body_part_note *body_note_markup(const struct body_note *n, int part, struct hash key)
{
	for (size_t i = 0; i < n->nparts; i++)
		if (n->parts[i].part == part && hash_same(n->parts[i].key, key) && n->parts[i].markup)
			return &n->parts[i];
	return NULL;
}

void body_note_free(struct body_note *n)
{
	for (size_t i = 0; i < n->nparts; i++)
		free(n->parts[i].markup);
	for (size_t i = 0; i < n->nheadings; i++) {
		free(n->headings[i].id);
		free(n->headings[i].text);
	}
	free(n->parts);
	free(n->headings);
	free(n->page);
	*n = (struct body_note){.page = NULL};
}

/* ---- writing ------------------------------------------------------------ */

/* A tab, then s escaped. */
static void put_text(struct buf *b, const char *s)
{
	buf_putc(b, '\t');
	text_put_field(b, s);
}

void bodies_put(struct buf *lines, const struct body_note *n)
{
	text_put_field(lines, n->page);        /* first: no tab before it */
	buf_printf(lines, "\t%016llx %016llx %016llx %d %zu %zu", (unsigned long long)n->page_bytes.a,
	           (unsigned long long)n->page_bytes.b, (unsigned long long)n->source, n->sources ? 1 : 0, n->nparts,
	           n->nheadings);
	for (size_t i = 0; i < n->nparts; i++) {
		const struct body_part_note *p = &n->parts[i];
		buf_printf(lines, "\t%d %016llx %016llx %zu %zu", p->part, (unsigned long long)p->key.a,
		           (unsigned long long)p->key.b, p->at, p->len);
	}
	for (size_t i = 0; i < n->nheadings; i++) {
		const struct body_heading *h = &n->headings[i];
		buf_printf(lines, "\t%d %d", h->part, h->level);
		put_text(lines, h->id);
		put_text(lines, h->text);
	}
	buf_putc(lines, '\n');
}

void bodies_write(const char *path, const char *lines, size_t len)
{
	char *tmp = xasprintf("%s.%ld", path, (long)getpid());
	struct hash h = hash_bytes(lines, len);
	char head[BODIES_HEAD_LEN + 1];
	snprintf(head, sizeof head, "%s%016llx %016llx\n", BODIES_MAGIC, (unsigned long long)h.a, (unsigned long long)h.b);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	bool ok = fd >= 0 && buf_write_fd(fd, head, BODIES_HEAD_LEN) && buf_write_fd(fd, lines, len);
	if (fd >= 0)
		ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		unlink(path);
	}
	free(tmp);
}

/* ---- reading ------------------------------------------------------------ */

/* A line of the record, found by its page's field as written (escaped),
 * the first page_len bytes of it. */
struct bodies_line {
	const char *line;       /* into the text, without its newline, len bytes */
	size_t page_len;
	size_t len;
};

struct bodies {
	char *dir;              /* the output folder */
	char *text;
	struct bodies_line *lines;      /* sorted by page */
	size_t n;
};

static int compare_pages(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : (alen > blen) - (alen < blen);
}

static int compare_lines(const void *a, const void *b)
{
	const struct bodies_line *x = a, *y = b;
	return compare_pages(x->line, x->page_len, y->line, y->page_len);
}

/* Whether text is a record whose lines hash as its first line says. */
static bool whole(const struct buf *text)
{
	unsigned long long a, b;
	int used = 0;
	const char *s = buf_str(text);
	if (text->len < BODIES_HEAD_LEN || strncmp(s, BODIES_MAGIC, strlen(BODIES_MAGIC)) != 0 ||
	    sscanf(s + strlen(BODIES_MAGIC), "%16llx %16llx\n%n", &a, &b, &used) != 2 ||
	    strlen(BODIES_MAGIC) + (size_t)used != BODIES_HEAD_LEN)
		return false;
	return hash_same(hash_bytes(s + BODIES_HEAD_LEN, text->len - BODIES_HEAD_LEN), (struct hash){a, b});
}

struct bodies *bodies_read(const char *path, const char *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct buf read = BUF_INIT;
	bool too_big;
	bool ok = fd >= 0 && buf_read_fd(&read, fd, BODIES_MAX_SIZE, &too_big) && whole(&read);
	if (fd >= 0)
		close(fd);
	if (!ok) {
		buf_free(&read);
		return NULL;
	}
	size_t len = read.len;
	char *text = buf_detach(&read);
	struct bodies *b = xcalloc(1, sizeof *b);
	b->dir = xstrdup(out);
	b->text = text;
	size_t cap = 0;
	const char *end = text + len;
	for (const char *at = text + BODIES_HEAD_LEN; at < end;) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		if (nl == NULL)
			break;  /* a line cut short: not a note */
		const char *tab = memchr(at, '\t', (size_t)(nl - at));
		if (tab) {
			b->lines = xgrow(b->lines, &cap, b->n + 1, sizeof *b->lines);
			b->lines[b->n++] = (struct bodies_line){at, (size_t)(tab - at), (size_t)(nl - at)};
		}
		at = nl + 1;
	}
	qsort(b->lines, b->n, sizeof *b->lines, compare_lines);
	return b;
}

void bodies_free(struct bodies *b)
{
	if (b == NULL)
		return;
	free(b->dir);
	free(b->text);
	free(b->lines);
	free(b);
}

static const struct bodies_line *line_of(const struct bodies *b, const char *page)
{
	struct buf field = BUF_INIT;
	text_put_field(&field, page);
	struct bodies_line key = {buf_str(&field), field.len, field.len};
	const struct bodies_line *found = bsearch(&key, b->lines, b->n, sizeof *b->lines, compare_lines);
	buf_free(&field);
	return found;
}

/* The next tab-separated field of *at (cut in place), or NULL. */
static char *next_field(char **at)
{
	if (*at == NULL)
		return NULL;
	char *field = *at;
	char *tab = strchr(field, '\t');
	*at = tab ? tab + 1 : NULL;
	if (tab)
		*tab = '\0';
	return field;
}

/* A line's fields after the page into n; false when they are damaged. */
static bool parse_note(char *rest, struct body_note *n)
{
	char *head = next_field(&rest);
	unsigned long long a, b, source;
	int sources, used = 0;
	size_t nparts, nheadings;
	if (head == NULL ||
	    sscanf(head, "%16llx %16llx %16llx %d %zu %zu%n", &a, &b, &source, &sources, &nparts, &nheadings, &used) != 6 ||
	    head[used] != '\0')
		return false;
	n->page_bytes = (struct hash){a, b};
	n->source = source;
	n->sources = sources != 0;
	for (size_t i = 0; i < nparts; i++) {
		char *f = next_field(&rest);
		int part;
		size_t at, len;
		if (f == NULL || sscanf(f, "%d %16llx %16llx %zu %zu%n", &part, &a, &b, &at, &len, &used) != 5 ||
		    f[used] != '\0')
			return false;
		body_note_part(n, part, (struct hash){a, b}, at, len);
	}
	for (size_t i = 0; i < nheadings; i++) {
		char *f = next_field(&rest), *id = next_field(&rest), *text = next_field(&rest);
		int part, level;
		if (text == NULL || sscanf(f, "%d %d%n", &part, &level, &used) != 2 || f[used] != '\0' || !text_unescape_field(id) ||
		    !text_unescape_field(text))
			return false;
		body_note_heading(n, part, level, id, text);
	}
	return rest == NULL;
}

/* Each part's markup from the page in place: false when it does not hold
 * them where the note says. */
static bool read_markup(const struct bodies *b, struct body_note *n)
{
	char *path = path_in(b->dir, n->page);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	bool ok = fd >= 0;
	for (size_t i = 0; i < n->nparts && ok; i++) {
		struct body_part_note *p = &n->parts[i];
		p->markup = xmalloc(p->len + 1);
		ok = pread(fd, p->markup, p->len, (off_t)p->at) == (ssize_t)p->len;
		p->markup[p->len] = '\0';
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

bool bodies_find(const struct bodies *b, const char *page, struct hash page_bytes, uint64_t source,
                 struct body_note *n)
{
	*n = (struct body_note){.page = NULL};
	const struct bodies_line *l = b ? line_of(b, page) : NULL;
	if (l == NULL)
		return false;
	char *line = xstrndup(l->line + l->page_len + 1, l->len - l->page_len - 1);
	n->page = xstrdup(page);
	bool ok = parse_note(line, n) && hash_same(n->page_bytes, page_bytes) && n->source == source &&
	          read_markup(b, n);
	free(line);
	if (!ok)
		body_note_free(n);
	return ok;
}
