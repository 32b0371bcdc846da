/*
 * source: names the files of a source folder and opens those of content/
 * without following a link out of it.
 */
#include "content/confine.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/path.h"
#include "base/textfile.h"
#include "base/xalloc.h"

void confine_forget_folders(struct loader *ld)
{
	for (size_t i = 0; i < LOADER_FOLDERS; i++) {
		free(ld->folders[i].path);
		free(ld->folders[i].real);
		ld->folders[i] = (struct folder){NULL, NULL};
	}
	ld->next_folder = 0;
}

/* The realpath of the folder dir[0..len), or NULL.  realpath() costs a
 * system call per component of the path, and content holds thousands of
 * folders: a folder below content/ whose parent is known and which is no
 * link is worked out from its parent with one lstat, and the last few
 * folders are kept, since a folder's files are read one after another. */
static const char *folder_real(struct loader *ld, const char *dir, size_t len)
{
	size_t n = ld->content_dir ? strlen(ld->content_dir) : 0;
	if (ld->content_dir && len == n && strncmp(dir, ld->content_dir, n) == 0)
		return ld->content_real;
	for (size_t i = 0; i < LOADER_FOLDERS; i++) {
		const struct folder *f = &ld->folders[i];
		if (f->path && strlen(f->path) == len && strncmp(f->path, dir, len) == 0)
			return f->real;
	}
	char *path = xstrndup(dir, len);
	char *real = NULL;
	const char *slash = strrchr(path, '/');
	const char *parent = NULL;
	if (ld->content_dir && len > n && strncmp(dir, ld->content_dir, n) == 0 && dir[n] == '/' && slash)
		parent = folder_real(ld, path, (size_t)(slash - path));
	struct stat st;
	if (parent && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		real = xasprintf("%s%s", parent, slash);
	} else {
		char buf[PATH_MAX];
		if (realpath(path, buf) != NULL)
			real = xstrdup(buf);
	}
	struct folder *f = &ld->folders[ld->next_folder];
	ld->next_folder = (ld->next_folder + 1) % LOADER_FOLDERS;
	free(f->path);
	free(f->real);
	*f = (struct folder){path, real};
	return real;
}

/* realpath(path) into real: a file that is no link from its folder's. */
static bool resolve(struct loader *ld, const char *path, char *real)
{
	const char *slash = strrchr(path, '/');
	const char *dir_real = slash ? folder_real(ld, path, (size_t)(slash - path)) : NULL;
	struct stat st;
	if (dir_real && lstat(path, &st) == 0 && !S_ISLNK(st.st_mode)) {
		int n = snprintf(real, PATH_MAX, "%s%s", dir_real, slash);
		return n > 0 && n < PATH_MAX;
	}
	return realpath(path, real) != NULL;
}

/* Whether the real path real is content/ or below it. */
static bool under_content(const struct loader *ld, const char *real)
{
	size_t n = strlen(ld->content_real);
	return strncmp(real, ld->content_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static bool inside_content(struct loader *ld, const char *path, const char *shown)
{
	char real[PATH_MAX];
	if (ld->content_real == NULL || !resolve(ld, path, real))
		return true;        /* reading it will report the problem */
	if (under_content(ld, real))
		return true;
	struct pos at = {shown, 1, 1};
	diag_error(ld->d, at, "symbolic link leads outside content/; copy the file into content/ instead");
	return false;
}

/* open_inside_content() of a file it refused. */
#define NOT_INSIDE (-2)

/* Opens a content file for reading: -1 (errno set) when it cannot be
 * opened, NOT_INSIDE after reporting a link that leads outside content/.
 * Most files are no links: opened without following one, such a file is
 * inside when its folder is, and it costs no lstat. */
static int open_inside_content(struct loader *ld, const char *path, const char *shown)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	const char *slash = strrchr(path, '/');
	if (fd >= 0 && ld->content_real && slash) {
		const char *dir_real = folder_real(ld, path, (size_t)(slash - path));
		if (dir_real && under_content(ld, dir_real))
			return fd;
	}
	if (fd >= 0)
		close(fd);
	if (!inside_content(ld, path, shown))
		return NOT_INSIDE;
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* The hash a struct md keeps is the one body_open() works out again
 * from the file's bytes. */
char *confine_read_text(struct loader *ld, const char *rel, const char **shown_out, uint64_t *hash)
{
	char *path = path_in(ld->opt->source, rel);
	const char *shown = loader_intern_path(ld, path);
	*shown_out = shown;
	char *text = NULL;
	size_t len = 0;
	int fd = open_inside_content(ld, path, shown);
	if (fd != NOT_INSIDE)
		text = textfile_read_fd(fd, shown, LOAD_MAX_FILE_SIZE, &len, ld->d);
	if (text) {
		struct hash h = hash_bytes(text, len);
		loader_note_read(ld, shown, h);
		if (hash)
			*hash = h.a ^ h.b;
	}
	free(path);
	if (text && !textfile_clean(text, &len, shown, ld->d)) {
		free(text);
		return NULL;
	}
	return text;
}
