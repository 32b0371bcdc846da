#include "build/units.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "build/record.h"

/* The first line; a file of another format is not read. */
#define UNITS_MAGIC "folio-units 9"

char *units_path(const char *out)
{
	return record_beside(out, "folio-units");
}

/* ---- writing ------------------------------------------------------------ */

/* A tab, then s escaped; NULL is written as nothing, any other text after
 * '=', so that the two read back apart. */
static void put_field(struct buf *b, const char *s)
{
	buf_putc(b, '\t');
	if (s == NULL)
		return;
	buf_putc(b, '=');
	text_put_field(b, s);
}

static void put_hash(struct buf *b, struct hash h)
{
	buf_printf(b, "%016llx %016llx", (unsigned long long)h.a, (unsigned long long)h.b);
}

/* A line "WORD A B". */
static void put_hash_line(struct buf *b, const char *word, struct hash h)
{
	buf_puts(b, word);
	buf_putc(b, ' ');
	put_hash(b, h);
	buf_putc(b, '\n');
}

/* A unit's U line starts with what its pages read, as bits. */
enum { READS_ALL = 1, READS_BODIES = 2 };

static int unit_flags(const struct render_unit *u)
{
	return (u->reads_all ? READS_ALL : 0) | (u->reads_bodies ? READS_BODIES : 0);
}

static void put_unit(struct buf *b, const struct render_unit *u)
{
	buf_printf(b, "U %d %zu %zu %zu %zu %zu\n", unit_flags(u), u->found.len, u->made.npages, u->made.nskipped,
	           u->files.n, u->sources.n);
	for (size_t i = 0; i < u->found.len; i++) {
		const struct site_link *l = &u->found.items[i];
		buf_printf(b, "L %d %d", l->at.line, l->at.col);
		put_field(b, l->path);
		put_field(b, l->fragment);
		put_field(b, l->written);
		put_field(b, l->at.file);
		put_field(b, l->copy);
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < u->made.npages; i++) {
		const struct produced_page *p = &u->made.pages[i];
		buf_printf(b, "P %zu", p->nids);
		put_field(b, p->url);
		for (size_t k = 0; k < p->nids; k++)
			put_field(b, p->ids[k]);
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < u->made.nskipped; i++) {
		buf_puts(b, "S");
		put_field(b, u->made.skipped[i]);
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < u->files.n; i++) {
		buf_puts(b, "F ");
		put_hash(b, u->files.bytes[i]);
		put_field(b, u->files.paths[i]);
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < u->sources.n; i++) {
		buf_printf(b, "B %llu", (unsigned long long)u->sources.hashes[i]);
		put_field(b, u->sources.urls[i]);
		buf_putc(b, '\n');
	}
}

/* Where units_write() puts the file: text made is gathered in b and
 * written out in pieces, and every byte is hashed on its way, so that the
 * megabytes an update copies from the last units file are never gathered
 * in memory again. */
struct sink {
	int fd;
	bool ok;
	struct buf b;
	struct hash_stream hash;
};

static void sink_write(struct sink *s, const char *data, size_t len)
{
	hash_stream_add(&s->hash, data, len);
	while (s->ok && len > 0) {
		ssize_t n = write(s->fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		s->ok = n > 0;
		data += n > 0 ? n : 0;
		len -= n > 0 ? (size_t)n : 0;
	}
}

static void sink_flush(struct sink *s)
{
	sink_write(s, s->b.data, s->b.len);
	buf_reset(&s->b);
}

/* What a unit made anew adds to b at most before it is written out. */
#define SINK_PIECE ((size_t)256 * 1024)

static void put_head(struct buf *b, const struct units_record *u)
{
	buf_puts(b, UNITS_MAGIC "\n");
	put_hash_line(b, "rest", u->rest);
	put_hash_line(b, "statics", u->statics);
	put_hash_line(b, "static-names", u->static_names);
	put_hash_line(b, "pages", u->pages);
	put_hash_line(b, "page-faces", u->page_faces);
	put_hash_line(b, "site", u->site);
	put_hash_line(b, "site-face", u->site_face);
	put_hash_line(b, "linked", u->linked_stamps);
	buf_printf(b, "warnings %zu\nfolders %zu\n", u->render_warnings, u->nfolders);
	for (size_t i = 0; i < u->nfolders; i++) {
		put_hash(b, u->folders[i].stamp);
		put_field(b, u->folders[i].name);
		buf_putc(b, '\n');
	}
	buf_printf(b, "templates %zu\n", u->ntemplates);
	for (size_t i = 0; i < u->ntemplates; i++) {
		buf_printf(b, "%d ", u->users[i]);
		put_hash(b, u->templates[i].stamp);
		put_field(b, u->templates[i].name);
		buf_putc(b, '\n');
	}
	buf_printf(b, "resources %zu\n", u->nresources);
	for (size_t i = 0; i < u->nresources; i++) {
		put_hash(b, u->faces[i]);
		put_field(b, u->slugs[i]);
		buf_putc(b, '\n');
	}
	buf_printf(b, "linked-files %zu\n", u->nlinked);
	for (size_t i = 0; i < u->nlinked; i++) {
		put_field(b, u->linked[i]);
		buf_putc(b, '\n');
	}
	buf_printf(b, "units %zu\n", u->nunits);
}

/* Whether unit i of u is copied from from's text (where it was read). */
static bool copied(const struct units_record *u, const struct units_record *from, size_t i)
{
	return from && from->text && i < from->nspans && !u->units[i].made_here;
}

static void put_record(struct sink *s, const struct units_record *u, const struct units_record *from)
{
	put_head(&s->b, u);
	for (size_t i = 0; i < u->nunits;) {
		if (!copied(u, from, i)) {
			put_unit(&s->b, &u->units[i++]);
			if (s->b.len >= SINK_PIECE)
				sink_flush(s);
			continue;
		}
		/* Units copied one after the other were read one after the
		 * other: one piece of the text. */
		size_t first = i++;
		while (i < u->nunits && copied(u, from, i) && from->unit_at[i] == from->unit_at[i - 1] + from->unit_len[i - 1])
			i++;
		sink_flush(s);
		size_t at = from->unit_at[first];
		sink_write(s, from->text + at, from->unit_at[i - 1] + from->unit_len[i - 1] - at);
	}
	buf_puts(&s->b, "end\n");
	sink_flush(s);
}

void units_write(const char *path, struct units_record *u, const struct units_record *from)
{
	char *tmp = xasprintf("%s.%ld", path, (long)getpid());
	struct sink s = {.fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666), .b = BUF_INIT};
	s.ok = s.fd >= 0;
	hash_stream_init(&s.hash);
	put_record(&s, u, from);
	u->bytes = hash_stream_end(&s.hash);
	bool ok = s.ok;
	if (s.fd >= 0)
		ok = close(s.fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		unlink(path);
		u->bytes = (struct hash){0, 0};
	}
	free(tmp);
	buf_free(&s.b);
}

/* ---- reading ------------------------------------------------------------ */

/* A cursor over the file's text, which it leaves as it is (an update
 * copies units from it): each line is cut into fields in a copy of its
 * own, and fields holds the current line's. */
struct reader {
	const char *at;
	const char *end;        /* of the text */
	bool ok;
	struct buf line;        /* the current line, cut */
	char **fields;          /* owned array, into line */
	size_t nfields, cap;
};

/* Whether n items can follow: each takes a line of two bytes at least,
 * so a count a damaged file gives is refused before anything is made
 * room for. */
static bool plausible(const struct reader *r, size_t n)
{
	return n <= (size_t)(r->end - r->at) / 2;
}

/* The next line's head (the text before its first tab), with its fields
 * in r->fields (NULL for one written as NULL), both good until the next
 * call; NULL at the end or when the line is damaged, which spoils r. */
static char *next_line(struct reader *r)
{
	const char *nl = r->ok ? memchr(r->at, '\n', (size_t)(r->end - r->at)) : NULL;
	if (nl == NULL)
		return r->ok = false, NULL;
	buf_reset(&r->line);
	buf_put(&r->line, r->at, (size_t)(nl - r->at));
	r->at = nl + 1;
	r->nfields = 0;
	char *line = r->line.data;
	char *next = strchr(line, '\t');
	if (next)
		*next++ = '\0';
	while (next) {
		char *field = next;
		next = strchr(field, '\t');
		if (next)
			*next++ = '\0';
		bool present = *field == '=';
		if (present ? !text_unescape_field(++field) : *field != '\0')
			return r->ok = false, NULL;
		r->fields = xgrow(r->fields, &r->cap, r->nfields + 1, sizeof *r->fields);
		r->fields[r->nfields++] = present ? field : NULL;
	}
	return line;
}

/* Field i of the line as a copy; false when it is missing, or NULL and
 * may not be. */
static bool field_dup(const struct reader *r, size_t i, char **copy, bool may_be_null)
{
	if (i >= r->nfields || (r->fields[i] == NULL && !may_be_null))
		return false;
	*copy = r->fields[i] ? xstrdup(r->fields[i]) : NULL;
	return true;
}

/* A line's head "WORD A B" (or "A B" with word NULL): the two halves of a hash. */
static bool read_hash(const char *head, const char *word, struct hash *h)
{
	unsigned long long a, b;
	int used = 0;
	size_t len = word ? strlen(word) : 0;
	if (word && (strncmp(head, word, len) != 0 || head[len] != ' '))
		return false;
	head += word ? len + 1 : 0;
	if (sscanf(head, "%16llx %16llx%n", &a, &b, &used) != 2 || head[used] != '\0')
		return false;
	*h = (struct hash){a, b};
	return true;
}

/* A line's head "T N N ...": its tag t and n whole numbers, each at most
 * max, into v; false when it is not exactly that. */
static bool read_numbers(const char *head, char t, unsigned long long max, unsigned long long *v, size_t n)
{
	if (*head != t)
		return false;
	const char *at = head + 1;
	for (size_t i = 0; i < n; i++) {
		if (at[0] != ' ' || at[1] < '0' || at[1] > '9')
			return false;
		char *end;
		v[i] = strtoull(at + 1, &end, 10);
		if (v[i] > max)
			return false;
		at = end;
	}
	return *at == '\0';
}

/* A line "NAME N" with no fields. */
static bool read_count(struct reader *r, const char *name, size_t *n)
{
	char *line = next_line(r);
	size_t len = strlen(name);
	if (line == NULL || r->nfields || strncmp(line, name, len) != 0 || line[len] != ' ')
		return r->ok = false;
	char *end;
	unsigned long long v = strtoull(line + len + 1, &end, 10);
	if (*end || !plausible(r, (size_t)v))
		return r->ok = false;
	*n = (size_t)v;
	return true;
}

/* The position's file as one of u's strings, shared by equal names
 * (consecutive links come from the same file). */
static const char *intern(struct units_record *u, size_t *cap, const char *file)
{
	if (file == NULL)
		return NULL;
	if (u->nfiles && strcmp(u->files[u->nfiles - 1], file) == 0)
		return u->files[u->nfiles - 1];
	u->files = xgrow(u->files, cap, u->nfiles + 1, sizeof *u->files);
	return u->files[u->nfiles++] = xstrdup(file);
}

static bool read_link(struct reader *r, struct units_record *u, size_t *cap_files, struct site_link *l)
{
	char *line = next_line(r);
	unsigned long long at[2];
	if (line == NULL || !read_numbers(line, 'L', INT_MAX, at, 2) || r->nfields != 5)
		return false;
	l->at = (struct pos){intern(u, cap_files, r->fields[3]), (int)at[0], (int)at[1]};
	return field_dup(r, 0, &l->path, false) && field_dup(r, 1, &l->fragment, true) &&
	       field_dup(r, 2, &l->written, true) && field_dup(r, 4, &l->copy, true);
}

static bool read_page(struct reader *r, struct produced_page *p)
{
	char *line = next_line(r);
	unsigned long long count;
	if (line == NULL || !read_numbers(line, 'P', SIZE_MAX - 1, &count, 1) || r->nfields != count + 1 ||
	    !field_dup(r, 0, &p->url, false))
		return false;
	size_t nids = (size_t)count;
	for (size_t i = 0; i < nids; i++)
		if (r->fields[i + 1] == NULL)
			return false;
	/* The ids are the rest of the line, cut: copied at once, each id
	 * where its field is (a page holds dozens, a site tens of
	 * thousands of pages). */
	const char *first = nids ? r->fields[1] : r->line.data + r->line.len;
	size_t len = (size_t)(r->line.data + r->line.len - first) + 1;
	p->blob = xmalloc(len);
	memcpy(p->blob, first, len);
	p->nids = nids;
	p->ids = xcalloc(nids ? nids : 1, sizeof *p->ids);
	for (size_t i = 0; i < nids; i++)
		p->ids[i] = p->blob + (r->fields[i + 1] - first);
	return true;
}

/* A line "TAG<field>", its field, which may not be NULL. */
static const char *read_tagged(struct reader *r, const char *tag)
{
	char *line = next_line(r);
	if (line == NULL || strcmp(line, tag) != 0 || r->nfields != 1)
		return NULL;
	return r->fields[0];
}

/* Passes over n lines tagged t (the tag and a space or tab), unread. */
static bool skip_lines(struct reader *r, char t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *nl = r->ok ? memchr(r->at, '\n', (size_t)(r->end - r->at)) : NULL;
		if (nl == NULL || r->at[0] != t || (r->at[1] != ' ' && r->at[1] != '\t'))
			return r->ok = false;
		r->at = nl + 1;
	}
	return true;
}

/* A line "F A B<path>": a file with the hash of its bytes. */
static bool read_file(struct reader *r, struct render_files *files)
{
	char *line = next_line(r);
	struct hash bytes;
	if (line == NULL || r->nfields != 1 || r->fields[0] == NULL || !read_hash(line, "F", &bytes))
		return false;
	render_files_add(files, r->fields[0], bytes);
	return true;
}

/* A line "B N<url>": the body a pattern page was made from. */
static bool read_source(struct reader *r, struct render_sources *sources)
{
	char *line = next_line(r);
	unsigned long long hash;
	if (line == NULL || r->nfields != 1 || r->fields[0] == NULL || !read_numbers(line, 'B', ULLONG_MAX, &hash, 1))
		return false;
	render_sources_add(sources, r->fields[0], (uint64_t)hash);
	return true;
}

/* A unit; without whole, its links, files and sources are passed over. */
static bool read_unit(struct reader *r, struct units_record *u, size_t *cap_files, struct render_unit *unit,
                      bool whole)
{
	char *line = next_line(r);
	unsigned long long v[6];
	if (line == NULL || r->nfields || !read_numbers(line, 'U', SIZE_MAX, v, 6) ||
	    v[0] > (READS_ALL | READS_BODIES) || !plausible(r, (size_t)v[1]) || !plausible(r, (size_t)v[2]) ||
	    !plausible(r, (size_t)v[3]) || !plausible(r, (size_t)v[4]) || !plausible(r, (size_t)v[5]))
		return false;
	size_t nlinks = (size_t)v[1], npages = (size_t)v[2], nskipped = (size_t)v[3], nfiles = (size_t)v[4];
	size_t nsources = (size_t)v[5];
	unit->reads_all = (v[0] & READS_ALL) != 0;
	unit->reads_bodies = (v[0] & READS_BODIES) != 0;
	if (!whole && !skip_lines(r, 'L', nlinks))
		return false;
	/* What was read so far is counted, so that units_free() frees it. */
	unit->found.items = xcalloc(nlinks && whole ? nlinks : 1, sizeof *unit->found.items);
	unit->found.cap = whole ? nlinks : 0;
	while (whole && unit->found.len < nlinks)
		if (!read_link(r, u, cap_files, &unit->found.items[unit->found.len++]))
			return false;
	unit->made.pages = xcalloc(npages ? npages : 1, sizeof *unit->made.pages);
	unit->made.cap_pages = npages;
	while (unit->made.npages < npages)
		if (!read_page(r, &unit->made.pages[unit->made.npages++]))
			return false;
	for (size_t i = 0; i < nskipped; i++) {
		const char *file = read_tagged(r, "S");
		if (file == NULL)
			return false;
		produced_skip(&unit->made, file);
	}
	if (!whole)
		return skip_lines(r, 'F', nfiles) && skip_lines(r, 'B', nsources);
	for (size_t i = 0; i < nfiles; i++)
		if (!read_file(r, &unit->files))
			return false;
	for (size_t i = 0; i < nsources; i++)
		if (!read_source(r, &unit->sources))
			return false;
	return true;
}

/* A line "WORD A B" with no fields: the hash into *h. */
static bool read_hash_line(struct reader *r, const char *word, struct hash *h)
{
	char *line = next_line(r);
	return line && r->nfields == 0 && read_hash(line, word, h);
}

static bool read_header(struct reader *r, struct units_record *u)
{
	char *line = next_line(r);
	if (line == NULL || r->nfields || strcmp(line, UNITS_MAGIC) != 0)
		return false;
	return read_hash_line(r, "rest", &u->rest) && read_hash_line(r, "statics", &u->statics) &&
	       read_hash_line(r, "static-names", &u->static_names) && read_hash_line(r, "pages", &u->pages) &&
	       read_hash_line(r, "page-faces", &u->page_faces) && read_hash_line(r, "site", &u->site) &&
	       read_hash_line(r, "site-face", &u->site_face) && read_hash_line(r, "linked", &u->linked_stamps) &&
	       read_count(r, "warnings", &u->render_warnings);
}

/* A line "A B<tab>=NAME", or with users "N A B<tab>=NAME": the hash into
 * *h, a copy of the name into *name, the number into *users. */
static bool read_named_hash(struct reader *r, unsigned *users, struct hash *h, char **name)
{
	char *line = next_line(r);
	int used = 0;
	if (line == NULL || r->nfields != 1 || (users && sscanf(line, "%u %n", users, &used) != 1))
		return false;
	return read_hash(line + used, NULL, h) && field_dup(r, 0, name, false);
}

static bool read_folders(struct reader *r, struct units_record *u)
{
	size_t n;
	if (!read_count(r, "folders", &n))
		return false;
	u->folders = xcalloc(n ? n : 1, sizeof *u->folders);
	while (u->nfolders < n) {
		struct tree_part *part = &u->folders[u->nfolders++];
		if (!read_named_hash(r, NULL, &part->stamp, &part->name))
			return false;
	}
	return true;
}

static bool read_templates(struct reader *r, struct units_record *u)
{
	size_t n;
	if (!read_count(r, "templates", &n))
		return false;
	u->templates = xcalloc(n ? n : 1, sizeof *u->templates);
	u->users = xcalloc(n ? n : 1, sizeof *u->users);
	while (u->ntemplates < n) {
		size_t i = u->ntemplates++;
		unsigned users;
		if (!read_named_hash(r, &users, &u->templates[i].stamp, &u->templates[i].name) ||
		    users > (UNITS_SITE_PAGES | UNITS_RESOURCES))
			return false;
		u->users[i] = (unsigned char)users;
	}
	return true;
}

static bool read_resources(struct reader *r, struct units_record *u)
{
	size_t n;
	if (!read_count(r, "resources", &n))
		return false;
	u->slugs = xcalloc(n ? n : 1, sizeof *u->slugs);
	u->faces = xcalloc(n ? n : 1, sizeof *u->faces);
	while (u->nresources < n) {
		size_t i = u->nresources++;
		if (!read_named_hash(r, NULL, &u->faces[i], &u->slugs[i]))
			return false;
	}
	return true;
}

static bool read_linked(struct reader *r, struct units_record *u)
{
	size_t n;
	if (!read_count(r, "linked-files", &n))
		return false;
	u->linked = xcalloc(n ? n : 1, sizeof *u->linked);
	while (u->nlinked < n) {
		char *line = next_line(r);
		if (line == NULL || *line || r->nfields != 1 || !field_dup(r, 0, &u->linked[u->nlinked++], false))
			return false;
	}
	return true;
}

/* Reads the units, noting where each one's lines are in the text, which
 * starts at start; unit i whole when whole is NULL or whole[i] (i <
 * nwhole). */
static bool read_units(struct reader *r, struct units_record *u, const char *start, const bool *whole, size_t nwhole)
{
	size_t n, cap_files = 0;
	if (!read_count(r, "units", &n))
		return false;
	u->units = xcalloc(n ? n : 1, sizeof *u->units);
	u->unit_at = xcalloc(n ? n : 1, sizeof *u->unit_at);
	u->unit_len = xcalloc(n ? n : 1, sizeof *u->unit_len);
	while (u->nunits < n) {
		size_t i = u->nunits++;
		u->unit_at[i] = (size_t)(r->at - start);
		if (!read_unit(r, u, &cap_files, &u->units[i], whole == NULL || (i < nwhole && whole[i])))
			return false;
		u->unit_len[i] = (size_t)(r->at - start) - u->unit_at[i];
		u->nspans = u->nunits;
	}
	char *line = next_line(r);
	return line && r->nfields == 0 && strcmp(line, "end") == 0 && *r->at == '\0';
}

/* A reader over text[at, len); ok when the text holds no NUL (which no
 * line may). */
static struct reader reader_at(const char *text, size_t at, size_t len)
{
	return (struct reader){text + at, text + len, strlen(text) == len, BUF_INIT, NULL, 0, 0};
}

static void reader_free(struct reader *r)
{
	buf_free(&r->line);
	free(r->fields);
}

bool units_read_head(const char *path, struct units_record *u)
{
	memset(u, 0, sizeof *u);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct buf b = BUF_INIT;
	bool too_big;
	bool read = fd >= 0 && buf_read_fd(&b, fd, SIZE_MAX, &too_big);
	if (fd >= 0)
		close(fd);
	if (!read) {
		buf_free(&b);
		return false;
	}
	u->text_len = b.len;
	u->bytes = hash_bytes(b.data ? b.data : "", b.len);
	u->text = buf_detach(&b);       /* "" when empty */
	struct reader r = reader_at(u->text, 0, u->text_len);
	bool ok = r.ok && read_header(&r, u) && read_folders(&r, u) && read_templates(&r, u) && read_resources(&r, u) &&
	          read_linked(&r, u);
	u->units_at = (size_t)(r.at - u->text);
	reader_free(&r);
	if (!ok)
		units_free(u);
	return ok;
}

bool units_read_units(struct units_record *u, const bool *whole, size_t nwhole)
{
	struct reader r = reader_at(u->text, u->units_at, u->text_len);
	bool ok = read_units(&r, u, u->text, whole, nwhole);
	reader_free(&r);
	if (!ok)
		units_free(u);
	return ok;
}

bool units_read(const char *path, struct units_record *u)
{
	return units_read_head(path, u) && units_read_units(u, NULL, 0);
}

void units_free(struct units_record *u)
{
	tree_parts_free(u->folders, u->nfolders);
	tree_parts_free(u->templates, u->ntemplates);
	free(u->users);
	for (size_t i = 0; i < u->nresources; i++)
		free(u->slugs[i]);
	free(u->slugs);
	free(u->faces);
	for (size_t i = 0; i < u->nlinked; i++)
		free(u->linked[i]);
	free(u->linked);
	for (size_t i = 0; i < u->nunits; i++)
		render_unit_free(&u->units[i]);
	free(u->units);
	for (size_t i = 0; i < u->nfiles; i++)
		free(u->files[i]);
	free(u->files);
	free(u->text);
	free(u->unit_at);
	free(u->unit_len);
	memset(u, 0, sizeof *u);
}
