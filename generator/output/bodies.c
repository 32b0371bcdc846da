#include "output/bodies.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/path.h"
#include "base/sealed.h"
#include "base/text.h"
#include "base/xalloc.h"

/* The record's kind: a file of another, or whose seal does not match
 * its lines, is not read (base/sealed.h). */
#define BODIES_KIND "folio-bodies 2"

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
	sealed_write(path, BODIES_KIND, lines, len);
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

struct bodies *bodies_read(const char *path, const char *out)
{
	size_t lines_at, len;
	char *text = sealed_read(path, BODIES_KIND, BODIES_MAX_SIZE, &lines_at, &len);
	if (text == NULL)
		return NULL;
	struct bodies *b = xcalloc(1, sizeof *b);
	b->dir = xstrdup(out);
	b->text = text;
	size_t cap = 0;
	const char *end = text + len;
	for (const char *at = text + lines_at; at < end;) {
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
