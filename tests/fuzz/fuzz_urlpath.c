/* The preview server's path resolver: whatever bytes a request path holds,
 * a path it accepts stays inside the served folder. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "serve/urlpath.h"

/* What the server may open: relative, no "." or ".." segment, no empty
 * segment, no hidden name, no NUL or control byte. */
static bool safe(const char *rel)
{
	if (rel[0] == '/')
		return false;
	for (const char *seg = rel; *seg;) {
		size_t len = strcspn(seg, "/");
		if (len == 0 || seg[0] == '.')
			return false;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)seg[i] < 0x20 || seg[i] == '\\')
				return false;
		seg += len;
		if (*seg == '/')
			seg++;
		if (*seg == '\0' && seg[-1] == '/')
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = malloc(size + 1);
	if (raw == NULL)
		return 0;
	memcpy(raw, data, size);
	raw[size] = '\0';
	char *rel = NULL;
	bool slash = false;
	if (urlpath_resolve(raw, size, &rel, &slash) == URLPATH_OK) {
		if (rel == NULL || !safe(rel))
			__builtin_trap();
		(void)urlpath_type(rel);
	}
	free(rel);
	free(raw);
	return 0;
}
