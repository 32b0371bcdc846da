#include "base/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

/* One word into one lane. */
static uint64_t mix(uint64_t h, uint64_t w, uint64_t k)
{
	h ^= w * k;
	h = (h << 29) | (h >> 35);
	return h * 0x9e3779b97f4a7c15ull + k;
}

void hasher_init(struct hasher *s)
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

/* The whole sixteen-byte blocks of data[0..len) into h; returns how many
 * bytes they took. */
static size_t add_blocks(struct hash *h, const unsigned char *p, size_t len)
{
	uint64_t a = h->a, b = h->b;
	size_t taken = len - len % 16;
	for (size_t i = 0; i < taken; i += 16) {
		uint64_t w0, w1;
		memcpy(&w0, p + i, 8);
		memcpy(&w1, p + i + 8, 8);
		a = mix2(a, w0, w1, 0xff51afd7ed558ccdull, 0x87c37b91114253d5ull);
		b = mix2(b, w0, w1, 0xc4ceb9fe1a85ec53ull, 0x4cf5ad432745937full);
	}
	h->a = a;
	h->b = b;
	return taken;
}

/* Sixteen bytes at a time, then eight, then the tail with the length. */
void hasher_add(struct hasher *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t taken = add_blocks(&s->h, p, len);
	p += taken;
	len -= taken;
	uint64_t a = s->h.a, b = s->h.b;
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

void hasher_add_str(struct hasher *s, const char *text)
{
	hasher_add(s, text ? text : "", text ? strlen(text) + 1 : 0);
}

void hash_stream_init(struct hash_stream *s)
{
	hasher_init(&s->hasher);
	s->npending = 0;
}

void hash_stream_add(struct hash_stream *s, const void *data, size_t len)
{
	if (len == 0)
		return;
	const unsigned char *p = data;
	if (s->npending) {
		size_t fill = 16 - s->npending < len ? 16 - s->npending : len;
		memcpy(s->pending + s->npending, p, fill);
		s->npending += fill;
		p += fill;
		len -= fill;
		if (s->npending < 16)
			return;
		add_blocks(&s->hasher.h, s->pending, 16);
		s->npending = 0;
	}
	size_t taken = add_blocks(&s->hasher.h, p, len);
	memcpy(s->pending, p + taken, len - taken);
	s->npending = len - taken;
}

struct hash hash_stream_end(struct hash_stream *s)
{
	hasher_add(&s->hasher, s->pending, s->npending);
	return s->hasher.h;
}

struct hash hash_bytes(const void *data, size_t len)
{
	struct hasher h;
	hasher_init(&h);
	hasher_add(&h, data, len);
	return h.h;
}

bool hash_same(struct hash x, struct hash y)
{
	return x.a == y.a && x.b == y.b;
}

/* A file is hashed in pieces of this size, each in one call (hash.h). */
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

bool hasher_add_fd(struct hasher *s, int fd)
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
			hasher_add(s, data, have);
	}
	free(data);
	close(fd);
	return ok;
}

bool hasher_add_file(struct hasher *s, const char *path)
{
	return hasher_add_fd(s, open(path, O_RDONLY | O_CLOEXEC));
}
