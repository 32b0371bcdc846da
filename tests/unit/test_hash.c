/* The byte hash (hash.h): what it tells apart, and that a file counts as
 * the hash of its bytes however it is read. */
#define HARNESS_NAME "hash"
#include "harness.h"

#include <stdio.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/xalloc.h"

static char path[] = "/tmp/folio-hash.XXXXXX";

static struct hash of_strings(const char *first, const char *second)
{
	struct hasher s;
	hasher_init(&s);
	hasher_add_str(&s, first);
	hasher_add_str(&s, second);
	return s.h;
}

static struct hash of_pieces(const char *first, const char *second)
{
	struct hasher s;
	hasher_init(&s);
	hasher_add(&s, first, strlen(first));
	hasher_add(&s, second, strlen(second));
	return s.h;
}

static void test_one_bit_moves_both_lanes(void)
{
	char a[40], b[40];
	for (size_t i = 0; i < sizeof a; i++)
		a[i] = b[i] = (char)('a' + i % 26);
	/* In the 16-byte words, the 8-byte word and the tail. */
	static const size_t at[] = {3, 20, 35};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		b[at[i]] ^= 1;
		struct hash x = hash_bytes(a, sizeof a), y = hash_bytes(b, sizeof b);
		CHECK(x.a != y.a && x.b != y.b);
		CHECK(!hash_same(x, y));
		b[at[i]] ^= 1;
		CHECK(hash_same(x, hash_bytes(b, sizeof b)));
	}
	/* Trailing zero bytes count: the length does. */
	char zeros[9] = {0};
	for (size_t n = 0; n < sizeof zeros; n++)
		CHECK(!hash_same(hash_bytes(zeros, n), hash_bytes(zeros, n + 1)));
}

/* Where one piece ends and the next starts counts. */
static void test_pieces_keep_their_bounds(void)
{
	CHECK(!hash_same(of_pieces("ab", ""), of_pieces("a", "b")));
	CHECK(!hash_same(of_strings("ab", "c"), of_strings("a", "bc")));
	CHECK(!hash_same(of_strings(NULL, "x"), of_strings("", "x")));
	CHECK(hash_same(of_strings("same", "text"), of_strings("same", "text")));
}

static void put(const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(bytes, 1, len, f);
		fclose(f);
	}
}

/* A file read whole (smaller than a piece) adds what its bytes add: the
 * loader's hashes stand for reading it again. */
static void test_file_is_its_bytes(void)
{
	static const size_t sizes[] = {0, 7, 16, 100000};
	char *bytes = xmalloc(100000);
	for (size_t i = 0; i < 100000; i++)
		bytes[i] = (char)(i * 7 % 251);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		put(bytes, sizes[i]);
		struct hasher s;
		hasher_init(&s);
		CHECK(hasher_add_file(&s, path));
		CHECK(hash_same(s.h, hash_bytes(bytes, sizes[i])));
	}
	free(bytes);
	struct hasher s;
	hasher_init(&s);
	CHECK(!hasher_add_file(&s, "/nonexistent/folio/file"));
	CHECK(!hasher_add_fd(&s, -1));
}

/* Bytes fed to a stream in any pieces hash as the whole does in one
 * call, empty pieces and pieces of every length about a block's
 * included. */
static void test_stream_is_the_whole(void)
{
	unsigned char bytes[80];
	for (size_t i = 0; i < sizeof bytes; i++)
		bytes[i] = (unsigned char)(i * 37 + 11);
	for (size_t len = 0; len <= sizeof bytes; len += 13) {
		struct hash whole = hash_bytes(bytes, len);
		for (size_t cut1 = 0; cut1 <= len; cut1++) {
			for (size_t cut2 = cut1; cut2 <= len; cut2 += 3) {
				struct hash_stream s;
				hash_stream_init(&s);
				hash_stream_add(&s, bytes, cut1);
				hash_stream_add(&s, bytes + cut1, cut2 - cut1);
				hash_stream_add(&s, NULL, 0);
				hash_stream_add(&s, bytes + cut2, len - cut2);
				struct hash h = hash_stream_end(&s);
				CHECK(h.a == whole.a && h.b == whole.b);
			}
		}
	}
	/* And it still tells bytes apart. */
	struct hash_stream s;
	hash_stream_init(&s);
	hash_stream_add(&s, "ab", 2);
	struct hash ab = hash_stream_end(&s);
	struct hash ba = hash_bytes("ba", 2);
	CHECK(ab.a != ba.a && ab.b != ba.b);
}

int main(void)
{
	int fd = mkstemp(path);
	if (fd < 0)
		return 2;
	close(fd);
	RUN(test_one_bit_moves_both_lanes);
	RUN(test_pieces_keep_their_bounds);
	RUN(test_file_is_its_bytes);
	RUN(test_stream_is_the_whole);
	unlink(path);
	return harness_done();
}
