/*
 * hash: a 128-bit fingerprint of bytes, to tell whether something changed
 * (the inputs and the output of a build, the files a build may reuse, the
 * files the loader read).
 *
 * Two 64-bit lanes, each a multiply-xorshift over the words with its own
 * constants, so that the pair behaves as one 128-bit hash.  It is not
 * cryptographic: it guards against accidents, not against someone forging
 * a collision.
 */
#ifndef FOLIO_HASH_H
#define FOLIO_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hash {
	uint64_t a, b;
};

/* A running hash: hasher_init(), feed it bytes, then read h.  Feeding
 * "ab" then "" differs from "a" then "b": each piece counts with its
 * length. */
struct hasher {
	struct hash h;
};

void hasher_init(struct hasher *s);
void hasher_add(struct hasher *s, const void *data, size_t len);

/* Adds text with its end, so that "ab", "c" differs from "a", "bc"; NULL
 * adds what an empty piece adds. */
void hasher_add_str(struct hasher *s, const char *text);

/* Adds the bytes read from fd, which is closed here; false when it cannot
 * be read (fd < 0 included).  A file is read in pieces of 16 MB, each
 * added as one piece: a file smaller than that adds what hasher_add() of
 * its bytes does, and a large one is never held whole in memory. */
bool hasher_add_fd(struct hasher *s, int fd);

/* hasher_add_fd() of the file at path. */
bool hasher_add_file(struct hasher *s, const char *path);

/* The hash of data[0..len), as a fresh hasher fed them at once gives it. */
struct hash hash_bytes(const void *data, size_t len);

/* hash_bytes() of bytes that come in pieces: what it returns for the
 * pieces one after the other, without holding them together.  Init, add
 * each piece, then end once. */
struct hash_stream {
	struct hasher hasher;
	unsigned char pending[16];      /* the bytes of no whole block yet */
	size_t npending;
};

void hash_stream_init(struct hash_stream *s);
void hash_stream_add(struct hash_stream *s, const void *data, size_t len);
struct hash hash_stream_end(struct hash_stream *s);

bool hash_same(struct hash x, struct hash y);

/* A file whose bytes' hash is already known, by its path: the loader
 * notes every file it reads, so that the build's fingerprint of its
 * inputs (base/tree.h) need not read them again.  path is borrowed. */
struct hash_known {
	const char *path;
	struct hash hash;
};

#endif
