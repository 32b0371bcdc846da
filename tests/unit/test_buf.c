/* Unit tests of buf.h: the decimal writer against printf, reserving room,
 * and reading a file to its end. */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier)
#define HARNESS_NAME "buf"
#include "harness.h"

#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"

static void test_put_long_is_printf(void)
{
	static const long values[] = {0, 1, -1, 9, 10, -10, 123456789, -987654321, LONG_MAX, LONG_MIN, LONG_MIN + 1};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct buf b = BUF_INIT;
		buf_puts(&b, "n=");
		buf_put_long(&b, values[i]);
		char want[64];
		snprintf(want, sizeof want, "n=%ld", values[i]);
		CHECK_STR(b.data, want);
		buf_free(&b);
	}
}

/* Numbers with a language's marks: printf's digits, the group mark every
 * three digits from 1000 on, the decimals after the decimal mark. */
static void test_put_number(void)
{
	static const struct {
		long scaled;
		int decimals;
		const char *group, *decimal, *want;
	} cases[] = {
		{0, 0, ",", ".", "0"},           {999, 0, ",", ".", "999"},
		{1000, 0, ",", ".", "1,000"},    {-1234567, 0, ",", ".", "-1,234,567"},
		{1234567, 2, ".", ",", "12.345,67"}, {5, 1, ",", ".", "0.5"},
		{-5, 1, ".", ",", "-0,5"},       {100000, 3, "\u202F", ",", "100,000"},
		{12345678, 0, "\u202F", ",", "12\u202F345\u202F678"}, {7, 0, "", "", "7"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = BUF_INIT;
		buf_put_number(&b, cases[i].scaled, cases[i].decimals, cases[i].group, cases[i].decimal);
		CHECK_STR(buf_str(&b), cases[i].want);
		buf_free(&b);
	}
	/* Without marks, whole numbers are printf's, to the extremes. */
	static const long values[] = {0, -1, 1000, 123456789, LONG_MAX, LONG_MIN};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct buf b = BUF_INIT;
		buf_put_number(&b, values[i], 0, "", ".");
		char want[64];
		snprintf(want, sizeof want, "%ld", values[i]);
		CHECK_STR(buf_str(&b), want);
		buf_free(&b);
	}
}

static void test_reserve_keeps_text_and_nul(void)
{
	struct buf b = BUF_INIT;
	buf_reserve(&b, 0);
	CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
	buf_puts(&b, "abc");
	buf_reserve(&b, 1000);
	CHECK(b.cap >= b.len + 1001);
	CHECK_STR(b.data, "abc");
	buf_free(&b);
}

/* A file of n bytes (a pattern that shows misplaced bytes) in a fresh
 * folder; returns its path, which the caller frees and removes. */
static char *file_of_size(size_t n, char **bytes_out)
{
	char dir[] = "/tmp/folio-test-buf-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return NULL;
	char *path = malloc(strlen(dir) + 8);
	sprintf(path, "%s/f", dir);
	char *bytes = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		bytes[i] = (char)('a' + (i * 7 + i / 26) % 26);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(bytes, 1, n, f);
		fclose(f);
	}
	*bytes_out = bytes;
	return path;
}

static void remove_file_and_folder(char *path)
{
	unlink(path);
	*strrchr(path, '/') = '\0';
	rmdir(path);
	free(path);
}

/* Every size around the usual reserves, read with the room a caller
 * reserved (the size and one byte, less, or none): the same bytes as
 * written, whichever read ends it. */
static void test_read_fd_reads_whole_files(void)
{
	static const size_t sizes[] = {0, 1, 4094, 4095, 4096, 4097, 8191, 8192, 100000};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		for (int room = 0; room < 3; room++) {
			char *want;
			char *path = file_of_size(sizes[i], &want);
			CHECK(path != NULL);
			if (path == NULL)
				return;
			int fd = open(path, O_RDONLY);
			struct buf b = BUF_INIT;
			size_t reserve[3] = {sizes[i] + 1, sizes[i] / 2, 0};
			if (reserve[room])
				buf_reserve(&b, reserve[room]);
			bool too_big = true;
			CHECK(buf_read_fd(&b, fd, SIZE_MAX, &too_big));
			CHECK(!too_big);
			CHECK_INT(b.len, sizes[i]);
			CHECK(b.len == sizes[i] && (b.len == 0 || memcmp(b.data, want, b.len) == 0));
			CHECK(b.len == 0 || b.data[b.len] == '\0');
			close(fd);
			buf_free(&b);
			free(want);
			remove_file_and_folder(path);
		}
	}
}

/* A short read is the end of a regular file only: on a pipe with three
 * bytes waiting and nothing more to come yet, buf_read_fd() goes on past
 * them and meets EAGAIN, keeping what it read. */
static void test_read_fd_goes_on_after_a_short_read_of_a_pipe(void)
{
	int p[2];
	CHECK(pipe2(p, O_NONBLOCK) == 0);
	CHECK(write(p[1], "abc", 3) == 3);
	struct buf b = BUF_INIT;
	bool too_big;
	CHECK(!buf_read_fd(&b, p[0], SIZE_MAX, &too_big));
	CHECK(!too_big);
	CHECK_STR(buf_str(&b), "abc");
	buf_free(&b);
	close(p[0]);
	close(p[1]);
}

/* More than max bytes: false, too_big, whether the excess comes in the
 * first read or a later one. */
static void test_read_fd_refuses_too_big(void)
{
	char *want;
	char *path = file_of_size(10000, &want);
	CHECK(path != NULL);
	if (path == NULL)
		return;
	static const size_t reserves[] = {10001, 100};
	for (size_t i = 0; i < 2; i++) {
		int fd = open(path, O_RDONLY);
		struct buf b = BUF_INIT;
		buf_reserve(&b, reserves[i]);
		bool too_big = false;
		CHECK(!buf_read_fd(&b, fd, 9999, &too_big));
		CHECK(too_big);
		close(fd);
		buf_free(&b);
	}
	free(want);
	remove_file_and_folder(path);
}

int main(void)
{
	RUN(test_put_long_is_printf);
	RUN(test_put_number);
	RUN(test_reserve_keeps_text_and_nul);
	RUN(test_read_fd_reads_whole_files);
	RUN(test_read_fd_goes_on_after_a_short_read_of_a_pipe);
	RUN(test_read_fd_refuses_too_big);
	return harness_done();
}
