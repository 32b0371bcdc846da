/*
 * objstm: libharu's classic PDF rewritten with object streams and a
 * cross-reference stream (objstm.h says why).
 *
 * Each object is found through the cross-reference table, never by
 * scanning for "endobj" from the start: streams hold binary data that may
 * contain any keyword.  An object's bytes run from its offset to the next
 * object's (or the table's); its "endobj" is the last one there, and it
 * carries a stream when "endstream" comes right before it.
 *
 * libharu is told to compress nothing (pdf.c): its zlib, fed 4 KB at a
 * time, was 30 % of a tagged playbook's instructions, and deflating the
 * same streams here with libdeflate (base/deflate.h) brought the playbook
 * from 437 M instructions to 382 M.  So every stream without a /Filter is deflated
 * here, except the XMP metadata, which PDF/A wants readable as it is.  libharu gives each stream's /Length as
 * an object of its own; the compressed stream states its length in its
 * dictionary, and that object, which nothing else refers to, is freed.
 */
#include "pdf/objstm.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/deflate.h"
#include "base/xalloc.h"

/* Objects in one object stream.  Readers parse an object stream whole to
 * get one object of it, so it is kept small; 200 compresses the
 * playbook's structure elements within a percent of one stream for all. */
#define PER_STREAM 200
/* More objects than any playbook has by far: a larger table is garbage. */
#define MAX_OBJECTS 8000000

struct entry {
	bool used;              /* "n" in the table */
	size_t offset;          /* used: where it starts; free: the next free object */
	unsigned gen;
	size_t end;             /* used: just past its "endobj" */
	const char *src;        /* used: the text its value is in (the file, or the caller's added text) */
	size_t value, value_end;        /* used: its value in src, without the white space around it */
	bool stream;            /* used: it carries a stream */
	bool deflate;           /* a stream libharu left uncompressed, deflated here */
	size_t dict_end;        /* deflate: its dictionary's ">>" */
	size_t cut, cut_end;    /* deflate: that dictionary's /Length entry, left out */
	size_t data, data_end;  /* deflate: the stream's bytes */
	size_t new_offset;      /* a stream object: where it is in the output */
	size_t objstm, index;   /* any other: which object stream, which place in it */
};

struct input {
	const char *p;
	size_t len;
	size_t xref;            /* offset of the "xref" keyword */
	size_t trailer;         /* offset of the trailer dictionary's "<<" */
	struct entry *e;        /* owned */
	size_t n, cap;
	size_t root, info;      /* object numbers; info 0: none */
	size_t id, id_end;      /* the /ID array, "[" to "]" */
	char *why;
	size_t size;
};

static bool fail(struct input *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct input *in, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(in->why, in->size, fmt, ap);
	va_end(ap);
	return false;
}

/* ---- reading the tokens the rewrite needs ------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool is_delimiter(char c)
{
	return is_space(c) || strchr("()<>[]{}/%", c) != NULL;
}

static size_t skip_space(const struct input *in, size_t i)
{
	while (i < in->len && is_space(in->p[i]))
		i++;
	return i;
}

static bool keyword_at(const struct input *in, size_t i, const char *word)
{
	size_t n = strlen(word);
	return i + n <= in->len && memcmp(in->p + i, word, n) == 0;
}

/* Reads the decimal number at *i, moving past it. */
static bool number_at(const struct input *in, size_t *i, size_t *value)
{
	size_t v = 0, start = *i;
	for (; *i < in->len && in->p[*i] >= '0' && in->p[*i] <= '9' && *i - start < 12; (*i)++)
		v = v * 10 + (size_t)(in->p[*i] - '0');
	*value = v;
	return *i > start && (*i == in->len || is_delimiter(in->p[*i]));
}

/* Reads "N 0 R" at *i into *number. */
static bool reference_at(const struct input *in, size_t *i, size_t *number)
{
	size_t gen;
	if (!number_at(in, i, number))
		return false;
	*i = skip_space(in, *i);
	if (!number_at(in, i, &gen) || gen != 0)
		return false;
	*i = skip_space(in, *i);
	if (!keyword_at(in, *i, "R"))
		return false;
	(*i)++;
	return true;
}

/* ---- the cross-reference table and the trailer -------------------------- */

static bool find_startxref(struct input *in)
{
	const char *word = "startxref";
	size_t n = strlen(word), lowest = in->len > 1024 ? in->len - 1024 : 0;
	for (size_t i = in->len >= n ? in->len - n + 1 : 0; i-- > lowest;)
		if (keyword_at(in, i, word)) {
			size_t at = skip_space(in, i + n);
			if (number_at(in, &at, &in->xref) && keyword_at(in, in->xref, "xref"))
				return true;
			return fail(in, "startxref does not point at a cross-reference table");
		}
	return fail(in, "no startxref at the end of the file");
}

/* One line of the table: "0000012345 00000 n". */
static bool table_line(struct input *in, size_t *i, size_t number)
{
	struct entry *e = &in->e[number];
	size_t gen;
	*i = skip_space(in, *i);
	if (!number_at(in, i, &e->offset))
		return fail(in, "cross-reference entry %zu has no offset", number);
	*i = skip_space(in, *i);
	if (!number_at(in, i, &gen) || gen > 65535)
		return fail(in, "cross-reference entry %zu has no generation", number);
	e->gen = (unsigned)gen;
	*i = skip_space(in, *i);
	if (*i >= in->len || (in->p[*i] != 'n' && in->p[*i] != 'f'))
		return fail(in, "cross-reference entry %zu is neither n nor f", number);
	e->used = in->p[(*i)++] == 'n';
	if (e->used && e->gen != 0)
		return fail(in, "object %zu has generation %u, which an object stream cannot hold", number, e->gen);
	return true;
}

/* Reads the table's subsections ("first count" and count lines) up to
 * the trailer. */
static bool read_table(struct input *in)
{
	size_t i = in->xref + strlen("xref");
	for (;;) {
		i = skip_space(in, i);
		if (keyword_at(in, i, "trailer")) {
			in->trailer = skip_space(in, i + strlen("trailer"));
			return true;
		}
		size_t first, count;
		if (!number_at(in, &i, &first) || (i = skip_space(in, i), !number_at(in, &i, &count)))
			return fail(in, "the cross-reference table has no trailer");
		if (first + count > MAX_OBJECTS || first + count < first)
			return fail(in, "the cross-reference table lists %zu objects from %zu", count, first);
		if (first + count > in->n) {
			in->e = xgrow(in->e, &in->cap, first + count, sizeof *in->e);
			memset(in->e + in->n, 0, (first + count - in->n) * sizeof *in->e);
			in->n = first + count;
		}
		for (size_t k = 0; k < count; k++)
			if (!table_line(in, &i, first + k))
				return false;
	}
}

/* The trailer's /ID array: "[ <hex> <hex> ]", kept as it is. */
static bool read_id(struct input *in, size_t *i)
{
	*i = skip_space(in, *i);
	if (!keyword_at(in, *i, "["))
		return fail(in, "the trailer's /ID is not an array");
	in->id = *i;
	while (++*i < in->len && in->p[*i] != ']')
		if (!is_space(in->p[*i]) && !strchr("<>0123456789abcdefABCDEF", in->p[*i]))
			return fail(in, "the trailer's /ID is not two hexadecimal strings");
	if (*i >= in->len)
		return fail(in, "the trailer's /ID has no end");
	in->id_end = ++*i;
	return true;
}

/* What the cross-reference stream's dictionary keeps of the trailer; any
 * other key (/Encrypt, /Prev...) would be lost, so it is an error. */
static bool read_trailer(struct input *in)
{
	size_t i = in->trailer, size = 0;
	if (!keyword_at(in, i, "<<"))
		return fail(in, "the trailer is not a dictionary");
	for (i += 2;;) {
		i = skip_space(in, i);
		if (keyword_at(in, i, ">>"))
			break;
		if (i >= in->len || in->p[i] != '/')
			return fail(in, "the trailer dictionary has no end");
		size_t name = ++i;
		while (i < in->len && !is_delimiter(in->p[i]))
			i++;
		size_t n = i - name;
		const char *key = in->p + name;
		i = skip_space(in, i);
		bool ok = n == 4 && memcmp(key, "Size", 4) == 0   ? number_at(in, &i, &size)
		          : n == 4 && memcmp(key, "Root", 4) == 0 ? reference_at(in, &i, &in->root)
		          : n == 4 && memcmp(key, "Info", 4) == 0 ? reference_at(in, &i, &in->info)
		          : n == 2 && memcmp(key, "ID", 2) == 0   ? read_id(in, &i)
		                                                  : fail(in, "the trailer has /%.*s, which would be lost", (int)n, key);
		if (!ok)
			return in->why[0] ? false : fail(in, "the trailer's /%.*s is not what libharu writes", (int)n, key);
	}
	if (size != in->n)
		return fail(in, "the trailer's /Size %zu is not the table's %zu objects", size, in->n);
	if (in->root == 0 || in->root >= in->n || !in->e[in->root].used)
		return fail(in, "the trailer has no /Root object");
	return true;
}

/* ---- the objects ------------------------------------------------------- */

/* An object in use, to sort by offset (pairs, not numbers into a shared
 * table: playbooks are written by several threads at once). */
struct placed {
	size_t offset, number;
};

static int by_offset(const void *a, const void *b)
{
	size_t x = ((const struct placed *)a)->offset, y = ((const struct placed *)b)->offset;
	return x < y ? -1 : x > y;
}

/* Object number's bytes: its "N 0 obj" at its offset, its value, and the
 * last "endobj" before limit (where the next object starts). */
static bool locate(struct input *in, size_t number, size_t limit)
{
	struct entry *e = &in->e[number];
	size_t i = e->offset, seen, gen;
	if (!number_at(in, &i, &seen) || seen != number || (i = skip_space(in, i), !number_at(in, &i, &gen)) ||
	    gen != 0 || (i = skip_space(in, i), !keyword_at(in, i, "obj")))
		return fail(in, "object %zu is not at offset %zu", number, e->offset);
	e->src = in->p;
	e->value = skip_space(in, i + strlen("obj"));
	size_t end = limit;
	while (end > e->value && is_space(in->p[end - 1]))
		end--;
	if (end < e->value + strlen("endobj") || memcmp(in->p + end - 6, "endobj", 6) != 0)
		return fail(in, "object %zu has no endobj", number);
	e->end = end;
	end -= strlen("endobj");
	while (end > e->value && is_space(in->p[end - 1]))
		end--;
	e->value_end = end;
	e->stream = end >= e->value + 9 && memcmp(in->p + end - 9, "endstream", 9) == 0;
	if (e->value_end == e->value)
		return fail(in, "object %zu is empty", number);
	return true;
}

/* Finds every object in use, in the order of the file. */
static bool locate_all(struct input *in)
{
	struct placed *order = xmalloc((in->n ? in->n : 1) * sizeof *order);
	size_t count = 0;
	for (size_t k = 0; k < in->n; k++)
		if (in->e[k].used)
			order[count++] = (struct placed){in->e[k].offset, k};
	qsort(order, count, sizeof *order, by_offset);
	bool ok = true;
	for (size_t k = 0; ok && k < count; k++) {
		size_t limit = k + 1 < count ? order[k + 1].offset : in->xref;
		if (limit <= order[k].offset || limit > in->xref)
			ok = fail(in, "object %zu's offset %zu is out of place", order[k].number, order[k].offset);
		else
			ok = locate(in, order[k].number, limit);
	}
	free(order);
	return ok;
}

/* ---- the streams to deflate -------------------------------------------- */

static bool skip_value(const struct input *in, size_t *i, size_t end, int depth);

/* Skips the rest of a dictionary or array whose opening is behind *i,
 * up to and past close. */
static bool skip_items(const struct input *in, size_t *i, size_t end, int depth, const char *close)
{
	for (;;) {
		*i = skip_space(in, *i);
		if (*i >= end)
			return false;
		if (keyword_at(in, *i, close)) {
			*i += strlen(close);
			return true;
		}
		if (!skip_value(in, i, end, depth + 1))
			return false;
	}
}

/* Skips a literal string, "(" to its ")": nested parentheses balance,
 * a backslash escapes the byte after it. */
static bool skip_string(const struct input *in, size_t *i, size_t end)
{
	int open = 0;
	for (; *i < end; (*i)++) {
		char c = in->p[*i];
		if (c == '\\')
			(*i)++;
		else if (c == '(')
			open++;
		else if (c == ')' && --open == 0) {
			(*i)++;
			return true;
		}
	}
	return false;
}

/* Skips one token or one whole dictionary, array or string at *i (a
 * dictionary's keys are names, skipped as values).  Nesting is bounded:
 * what libharu writes is shallow. */
static bool skip_value(const struct input *in, size_t *i, size_t end, int depth)
{
	if (depth > 32 || *i >= end)
		return false;
	if (keyword_at(in, *i, "<<"))
		return *i += 2, skip_items(in, i, end, depth, ">>");
	char c = in->p[*i];
	if (c == '[')
		return ++*i, skip_items(in, i, end, depth, "]");
	if (c == '(')
		return skip_string(in, i, end);
	if (c == '<') {
		while (*i < end && in->p[*i] != '>')
			(*i)++;
		return *i < end && ++*i;
	}
	if (c == ')' || c == '>' || c == ']')
		return false;
	size_t at = *i, number;
	if (reference_at(in, &at, &number)) {   /* "N 0 R", one value */
		*i = at;
		return true;
	}
	do
		(*i)++;
	while (*i < end && !is_delimiter(in->p[*i]));
	return true;
}

/* What a stream's dictionary says that matters here. */
struct stream_dict {
	bool filtered, metadata;
	size_t length_key, length_end;  /* the /Length entry, key to value; 0, 0: none */
	size_t length;                  /* its value, direct or through an object */
	size_t length_object;           /* that object's number; 0: direct */
};

static bool name_is(const struct input *in, size_t at, size_t end, const char *name)
{
	size_t n = strlen(name);
	return end - at == n && memcmp(in->p + at, name, n) == 0;
}

/* The integer an object of the file holds, such as a stream's length. */
static bool object_number(const struct input *in, size_t number, size_t *value)
{
	if (number == 0 || number >= in->n || !in->e[number].used || in->e[number].stream)
		return false;
	const struct entry *e = &in->e[number];
	size_t i = e->value;
	return number_at(in, &i, value) && i == e->value_end;
}

/* Reads a /Length value at *i, moving past it: "N 0 R", the number
 * object N holds, as libharu writes it, or a number. */
static bool read_length(const struct input *in, size_t *i, struct stream_dict *d)
{
	size_t at = *i;
	if (reference_at(in, &at, &d->length_object)) {
		*i = at;
		return object_number(in, d->length_object, &d->length);
	}
	d->length_object = 0;
	return number_at(in, i, &d->length);
}

/* Reads the entries of the dictionary at *i ("<<" to ">>") that decide
 * how its stream is written, moving past it. */
static bool read_stream_dict(struct input *in, size_t number, size_t *i, size_t end, struct stream_dict *d)
{
	*d = (struct stream_dict){0};
	if (!keyword_at(in, *i, "<<"))
		return fail(in, "stream object %zu has no dictionary", number);
	for (*i += 2;;) {
		*i = skip_space(in, *i);
		if (keyword_at(in, *i, ">>")) {
			*i += 2;
			return true;
		}
		size_t key = *i, key_end = *i + 1;
		if (*i >= end || in->p[key] != '/')
			return fail(in, "stream object %zu's dictionary is not what libharu writes", number);
		while (key_end < end && !is_delimiter(in->p[key_end]))
			key_end++;
		size_t value = skip_space(in, key_end), at = value;
		if (name_is(in, key, key_end, "/Length")) {
			if (!read_length(in, &at, d))
				return fail(in, "stream object %zu's /Length is neither a number nor one's object", number);
			d->length_key = key;
			d->length_end = at;
		} else if (!skip_value(in, &at, end, 0))
			return fail(in, "stream object %zu's dictionary has no end", number);
		d->filtered |= name_is(in, key, key_end, "/Filter");
		d->metadata |= name_is(in, key, key_end, "/Type") && name_is(in, value, at, "/Metadata");
		*i = at;
	}
}

/* Marks stream object number for deflating, when libharu left it plain:
 * where its bytes are (checked against its /Length) and which /Length
 * entry its new dictionary leaves out. */
static bool plan_stream(struct input *in, size_t number)
{
	struct entry *e = &in->e[number];
	struct stream_dict d;
	size_t i = e->value;
	if (!read_stream_dict(in, number, &i, e->value_end, &d))
		return false;
	if (d.filtered || d.metadata)
		return true;
	size_t dict_end = i - strlen(">>");
	i = skip_space(in, i);
	if (!keyword_at(in, i, "stream"))
		return fail(in, "stream object %zu has no stream keyword", number);
	i += strlen("stream");
	i += keyword_at(in, i, "\r\n") ? 2 : keyword_at(in, i, "\n") ? 1 : 0;
	size_t keyword = e->value_end - strlen("endstream");
	if (d.length_end == 0 || i + d.length > keyword || skip_space(in, i + d.length) != keyword)
		return fail(in, "stream object %zu's /Length is not its bytes' length", number);
	e->deflate = true;
	e->dict_end = dict_end;
	e->cut = d.length_key;
	e->cut_end = d.length_end;
	e->data = i;
	e->data_end = i + d.length;
	if (d.length_object)
		in->e[d.length_object].used = false;    /* its length is told directly now */
	return true;
}

/* Free entries, libharu's and the freed lengths, chained from object 0
 * as PDF's free list is (7.5.4); a freed number's next generation is 1. */
static void chain_free(struct input *in)
{
	size_t last = 0;
	for (size_t k = 1; k < in->n; k++)
		if (!in->e[k].used) {
			if (in->e[k].gen == 0)
				in->e[k].gen = 1;
			in->e[last].offset = k;
			last = k;
		}
	in->e[last].offset = 0;
}

static bool plan_streams(struct input *in)
{
	for (size_t k = 0; k < in->n; k++)
		if (in->e[k].used && in->e[k].stream && !plan_stream(in, k))
			return false;
	chain_free(in);
	return true;
}

/* ---- the caller's objects ----------------------------------------------- */

void objstm_added_end(struct objstm_added *a)
{
	a->end = xgrow(a->end, &a->cap, a->n + 1, sizeof *a->end);
	a->end[a->n++] = a->text.len;
}

/* Sets e's value to added's value k. */
static void take_value(struct entry *e, const struct objstm_added *added, size_t k)
{
	e->used = true;
	e->stream = false;
	e->src = added->text.data;
	e->value = k ? added->end[k - 1] : 0;
	e->value_end = added->end[k];
}

/* Has more write its objects into added, and gives them their entries:
 * the stand-in's, then new ones from in->n. */
static bool add_more(struct input *in, const struct objstm_more *more, struct objstm_added *added)
{
	size_t s = more->stand_in;
	if (s == 0 || s >= in->n || !in->e[s].used || in->e[s].stream)
		return fail(in, "object %zu, which the added objects replace, is not a plain object", s);
	size_t first = in->n;
	more->write(more->data, first, added);
	if (added->n == 0 || added->n > MAX_OBJECTS - first)
		return fail(in, "%zu objects added", added->n);
	for (size_t k = 0; k < added->n; k++)
		if (added->end[k] == (k ? added->end[k - 1] : 0))
			return fail(in, "added object %zu is empty", k);
	in->e = xgrow(in->e, &in->cap, first + added->n - 1, sizeof *in->e);
	memset(in->e + first, 0, (added->n - 1) * sizeof *in->e);
	in->n = first + added->n - 1;
	take_value(&in->e[s], added, 0);
	for (size_t k = 1; k < added->n; k++)
		take_value(&in->e[first + k - 1], added, k);
	return true;
}

/* ---- writing ------------------------------------------------------------ */

static void put_number(struct buf *out, size_t n)
{
	buf_put_long(out, (long)n);
}

static void put_compressed(struct buf *out, const char *data, size_t len)
{
	if (!deflate_zlib(data, len, out))
		abort();        /* cannot happen: a playbook's stream is far below 2 GiB */
}

/* Writes "N 0 obj <<dict /Length L>> stream ... endstream endobj" with
 * data compressed; dict is what comes before /Filter. */
static void put_stream_object(struct buf *out, size_t number, const char *dict, const char *data, size_t len)
{
	struct buf packed = BUF_INIT;
	put_compressed(&packed, data, len);
	put_number(out, number);
	buf_puts(out, " 0 obj\n<< ");
	buf_puts(out, dict);
	buf_puts(out, " /Filter /FlateDecode /Length ");
	put_number(out, packed.len);
	buf_puts(out, " >>\nstream\n");
	buf_put(out, packed.data, packed.len);
	buf_puts(out, "\nendstream\nendobj\n");
	buf_free(&packed);
}

/* Stream object k deflated: its dictionary as libharu wrote it, less
 * its /Length, which put_stream_object writes after the /Filter. */
static void put_deflated(const struct input *in, size_t k, struct buf *out)
{
	const struct entry *e = &in->e[k];
	struct buf dict = BUF_INIT;
	size_t open = e->value + strlen("<<");
	buf_put(&dict, in->p + open, e->cut - open);
	buf_put(&dict, in->p + e->cut_end, e->dict_end - e->cut_end);
	put_stream_object(out, k, dict.data, in->p + e->data, e->data_end - e->data);
	buf_free(&dict);
}

/* Every stream object, in the order of the numbers: deflated when
 * libharu left it plain, else copied as it is. */
static void put_streams(struct input *in, struct buf *out, size_t base)
{
	for (size_t k = 0; k < in->n; k++) {
		struct entry *e = &in->e[k];
		if (!e->used || !e->stream)
			continue;
		e->new_offset = out->len - base;
		if (e->deflate) {
			put_deflated(in, k, out);
		} else {
			buf_put(out, in->p + e->offset, e->end - e->offset);
			buf_putc(out, '\n');
		}
	}
}

/* Puts every other object into object streams of PER_STREAM, numbered
 * from first; returns how many streams. */
static size_t put_object_streams(struct input *in, struct buf *out, size_t base, size_t first)
{
	struct buf head = BUF_INIT, body = BUF_INIT, dict = BUF_INIT;
	size_t streams = 0, k = 0;
	while (k < in->n) {
		size_t count = 0;
		buf_reset(&head);
		buf_reset(&body);
		for (; k < in->n && count < PER_STREAM; k++) {
			struct entry *e = &in->e[k];
			if (!e->used || e->stream)
				continue;
			e->objstm = first + streams;
			e->index = count++;
			buf_printf(&head, "%zu %zu ", k, body.len);
			buf_put(&body, e->src + e->value, e->value_end - e->value);
			buf_putc(&body, '\n');
		}
		if (count == 0)
			break;
		in->e[first + streams].new_offset = out->len - base;    /* room made by the caller */
		buf_reset(&dict);
		buf_printf(&dict, "/Type /ObjStm /N %zu /First %zu", count, head.len);
		buf_put(&head, body.data, body.len);
		put_stream_object(out, first + streams, dict.data, head.data, head.len);
		streams++;
	}
	buf_free(&head);
	buf_free(&body);
	buf_free(&dict);
	return streams;
}

/* One row of the cross-reference stream: type, field 2 in width bytes,
 * field 3 in two, big-endian. */
static void put_row(struct buf *rows, unsigned type, size_t field2, size_t field3, size_t width)
{
	buf_putc(rows, (char)type);
	for (size_t b = width; b-- > 0;)
		buf_putc(rows, (char)(field2 >> (8 * b) & 0xff));
	buf_putc(rows, (char)(field3 >> 8 & 0xff));
	buf_putc(rows, (char)(field3 & 0xff));
}

/* The rows with the PNG "Up" predictor (each byte less the one above,
 * after a filter byte 2): offsets that grow slowly become runs of zeros,
 * which deflate shrinks to a third. */
static void predict_up(const struct buf *rows, size_t columns, struct buf *out)
{
	for (size_t r = 0; r * columns < rows->len; r++) {
		buf_putc(out, 2);
		for (size_t c = 0; c < columns; c++) {
			unsigned char now = (unsigned char)rows->data[r * columns + c];
			unsigned char above = r ? (unsigned char)rows->data[(r - 1) * columns + c] : 0;
			buf_putc(out, (char)(unsigned char)(now - above));
		}
	}
}

static size_t bytes_for(size_t n)
{
	size_t width = 1;
	while (width < sizeof n && n >> (8 * width))
		width++;
	return width;
}

/* The cross-reference stream, object number size - 1, at offset at. */
static void put_xref_stream(const struct input *in, struct buf *out, size_t at, size_t size)
{
	size_t width = bytes_for(at > size ? at : size);
	struct buf rows = BUF_INIT, predicted = BUF_INIT, dict = BUF_INIT;
	for (size_t k = 0; k < size; k++) {
		const struct entry *e = &in->e[k];
		if (k == size - 1)
			put_row(&rows, 1, at, 0, width);
		else if (k < in->n && !e->used)
			put_row(&rows, 0, e->offset, e->gen, width);
		else if (k >= in->n || e->stream)       /* an object stream, or a stream object */
			put_row(&rows, 1, e->new_offset, 0, width);
		else
			put_row(&rows, 2, e->objstm, e->index, width);
	}
	predict_up(&rows, width + 3, &predicted);
	buf_printf(&dict, "/Type /XRef /Size %zu /Index [ 0 %zu ] /W [ 1 %zu 2 ] /Root %zu 0 R", size, size, width, in->root);
	if (in->info)
		buf_printf(&dict, " /Info %zu 0 R", in->info);
	if (in->id_end > in->id) {
		buf_puts(&dict, " /ID ");
		buf_put(&dict, in->p + in->id, in->id_end - in->id);
	}
	buf_printf(&dict, " /DecodeParms << /Columns %zu /Predictor 12 >>", width + 3);
	put_stream_object(out, size - 1, dict.data, predicted.data, predicted.len);
	buf_free(&rows);
	buf_free(&predicted);
	buf_free(&dict);
}

static void write_packed(struct input *in, struct buf *out)
{
	size_t base = out->len, plain = 0;
	for (size_t k = 0; k < in->n; k++)
		plain += in->e[k].used && !in->e[k].stream;
	/* the new objects' entries: the object streams, then the xref stream */
	size_t streams_max = (plain + PER_STREAM - 1) / PER_STREAM, old_n = in->n;
	in->e = xgrow(in->e, &in->cap, old_n + streams_max + 1, sizeof *in->e);
	memset(in->e + old_n, 0, (streams_max + 1) * sizeof *in->e);
	/* PDF 1.7, then a comment of bytes above 127: the file is binary */
	buf_puts(out, "%PDF-1.7\n%\267\276\255\252\n");
	put_streams(in, out, base);
	size_t streams = put_object_streams(in, out, base, old_n);
	size_t size = old_n + streams + 1, at = out->len - base;
	put_xref_stream(in, out, at, size);
	buf_puts(out, "startxref\n");
	put_number(out, at);
	buf_puts(out, "\n%%EOF\n");
}

bool objstm_pack(const char *pdf, size_t len, const struct objstm_more *more, struct buf *out, char *why,
                 size_t size)
{
	struct input in = {.p = pdf, .len = len, .why = why, .size = size};
	struct objstm_added added = {BUF_INIT, NULL, 0, 0};
	if (size)
		why[0] = '\0';
	bool ok = find_startxref(&in) && read_table(&in) && read_trailer(&in) && locate_all(&in) && plan_streams(&in) &&
	          (more == NULL || add_more(&in, more, &added));
	if (ok)
		write_packed(&in, out);
	free(in.e);
	buf_free(&added.text);
	free(added.end);
	return ok;
}
