#include "base/sealed.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/xalloc.h"

/* The seal after the kind: " %016llx %016llx\n". */
#define SEAL_LEN 35

bool sealed_write(const char *path, const char *kind, const char *lines, size_t len)
{
	char *tmp = xasprintf("%s.%ld", path, (long)getpid());
	struct hash h = hash_bytes(lines, len);
	char *head = xasprintf("%s %016llx %016llx\n", kind, (unsigned long long)h.a, (unsigned long long)h.b);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	bool ok = fd >= 0 && buf_write_fd(fd, head, strlen(head)) && buf_write_fd(fd, lines, len);
	if (fd >= 0)
		ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp, path) == 0;
	if (!ok) {
		unlink(tmp);
		unlink(path);
	}
	free(head);
	free(tmp);
	return ok;
}

/* Whether text[0..len) begins with the head of kind and its lines hash
 * as that head says; *lines_at is where they begin. */
static bool matches_seal(const char *text, size_t len, const char *kind, size_t *lines_at)
{
	size_t kind_len = strlen(kind);
	*lines_at = kind_len + SEAL_LEN;
	unsigned long long a, b;
	int used = 0;
	/* The newline is matched apart: in a format, it would also take
	 * the white space a first line may begin with. */
	if (len < *lines_at || memcmp(text, kind, kind_len) != 0 ||
	    sscanf(text + kind_len, " %16llx %16llx%n", &a, &b, &used) != 2 || (size_t)used != SEAL_LEN - 1 ||
	    text[*lines_at - 1] != '\n')
		return false;
	return hash_same(hash_bytes(text + *lines_at, len - *lines_at), (struct hash){a, b});
}

char *sealed_read(const char *path, const char *kind, size_t max, size_t *lines_at, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct buf read = BUF_INIT;
	bool too_big;
	bool ok = fd >= 0 && buf_read_fd(&read, fd, max, &too_big) &&
	          matches_seal(buf_str(&read), read.len, kind, lines_at);
	if (fd >= 0)
		close(fd);
	if (!ok) {
		buf_free(&read);
		return NULL;
	}
	*len = read.len;
	return buf_detach(&read);
}
