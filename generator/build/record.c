/* getline, memrchr */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier)
#include "build/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/xalloc.h"

/* The first line; a record of another format is not read. */
#define RECORD_MAGIC "folio-state 5"

char *record_beside(const char *out, const char *kind)
{
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	const char *slash = memrchr(out, '/', n);
	if (slash == NULL)
		return xasprintf(".%.*s.%s", (int)n, out, kind);
	return xasprintf("%.*s/.%.*s.%s", (int)(slash - out), out, (int)(n - (size_t)(slash + 1 - out)), slash + 1,
	                 kind);
}

char *record_path(const char *out)
{
	return record_beside(out, "folio-state");
}

/* The rest of the line, not empty, without its newline (caller frees);
 * NULL when there is none. */
static char *rest_of_line(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);
	if (n <= 1 || line[n - 1] != '\n') {
		free(line);
		return NULL;
	}
	line[n - 1] = '\0';
	return line;
}

/* One kept file's line: "KIND KEY KEY BYTES BYTES PAGES PATH". */
static bool read_kept(FILE *f, struct reuse_kept *k)
{
	char kind;
	unsigned long long ka, kb, ba, bb;
	size_t pages;
	if (fscanf(f, "%c %llx %llx %llx %llx %zu ", &kind, &ka, &kb, &ba, &bb, &pages) != 6 ||
	    (kind != REUSE_KEPT_PNG && kind != REUSE_KEPT_PLAYBOOK))
		return false;
	char *path = rest_of_line(f);
	*k = (struct reuse_kept){(enum reuse_kept_kind)kind, {ka, kb}, {ba, bb}, pages, path};
	return path != NULL;
}

/* One folder's line: "STAMP STAMP BYTES BYTES NAME". */
static bool read_part(FILE *f, struct record_part *p)
{
	unsigned long long sa, sb, ba, bb;
	if (fscanf(f, "%llx %llx %llx %llx ", &sa, &sb, &ba, &bb) != 4)
		return false;
	char *name = rest_of_line(f);
	*p = (struct record_part){name, {sa, sb}, {ba, bb}};
	return name != NULL;
}

static bool read_parts(FILE *f, struct record *rec)
{
	size_t n;
	if (fscanf(f, "parts %zu\n", &n) != 1 || n > 1000000)
		return false;
	rec->parts = xcalloc(n ? n : 1, sizeof *rec->parts);
	for (; rec->nparts < n; rec->nparts++)
		if (!read_part(f, &rec->parts[rec->nparts]))
			return false;
	return true;
}

static bool read_kept_list(FILE *f, struct record *rec)
{
	size_t n;
	if (fscanf(f, "kept %zu\n", &n) != 1 || n > 1000000)
		return false;
	rec->kept = xcalloc(n ? n : 1, sizeof *rec->kept);
	for (; rec->nkept < n; rec->nkept++)
		if (!read_kept(f, &rec->kept[rec->nkept]))
			return false;
	return true;
}

bool record_read(const char *path, struct record *rec)
{
	memset(rec, 0, sizeof *rec);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	unsigned long long sa, sb, ia, ib, oa, ob, ta, tb, ua, ub;
	size_t pages, files;
	int complete;
	bool ok = fscanf(f,
	                 RECORD_MAGIC "\nstamps %llx %llx\ninputs %llx %llx\noutput %llx %llx\ncomplete %d\ncounts %zu "
	                             "%zu\ntools %llx %llx\nunits %llx %llx\n",
	                 &sa, &sb, &ia, &ib, &oa, &ob, &complete, &pages, &files, &ta, &tb, &ua, &ub) == 13;
	if (ok) {
		rec->stamps = (struct hash){sa, sb};
		rec->inputs = (struct hash){ia, ib};
		rec->output = (struct hash){oa, ob};
		rec->complete = complete == 1;
		rec->pages = pages;
		rec->files = files;
		rec->tools = (struct hash){ta, tb};
		rec->units = (struct hash){ua, ub};
		ok = read_parts(f, rec) && read_kept_list(f, rec);
	}
	if (ok) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_put(&rec->warnings, chunk, n);
		ok = !ferror(f);
	}
	fclose(f);
	if (!ok)
		record_free(rec);
	return ok;
}

static void write_kept_list(FILE *f, const struct record *rec)
{
	fprintf(f, "kept %zu\n", rec->nkept);
	for (size_t i = 0; i < rec->nkept; i++) {
		const struct reuse_kept *k = &rec->kept[i];
		fprintf(f, "%c %016llx %016llx %016llx %016llx %zu %s\n", (char)k->kind, (unsigned long long)k->key.a,
		        (unsigned long long)k->key.b, (unsigned long long)k->bytes.a, (unsigned long long)k->bytes.b,
		        k->pages, k->path);
	}
}

void record_write(const char *path, const struct record *rec)
{
	char *tmp = xasprintf("%s.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (f == NULL) {
		free(tmp);
		return;
	}
	fprintf(f,
	        RECORD_MAGIC "\nstamps %016llx %016llx\ninputs %016llx %016llx\noutput %016llx %016llx\ncomplete %d\n"
	                    "counts %zu %zu\ntools %016llx %016llx\nunits %016llx %016llx\n",
	        (unsigned long long)rec->stamps.a, (unsigned long long)rec->stamps.b, (unsigned long long)rec->inputs.a,
	        (unsigned long long)rec->inputs.b, (unsigned long long)rec->output.a, (unsigned long long)rec->output.b,
	        rec->complete ? 1 : 0, rec->pages, rec->files, (unsigned long long)rec->tools.a, (unsigned long long)rec->tools.b,
	        (unsigned long long)rec->units.a, (unsigned long long)rec->units.b);
	fprintf(f, "parts %zu\n", rec->nparts);
	for (size_t i = 0; i < rec->nparts; i++) {
		const struct record_part *p = &rec->parts[i];
		fprintf(f, "%016llx %016llx %016llx %016llx %s\n", (unsigned long long)p->stamp.a,
		        (unsigned long long)p->stamp.b, (unsigned long long)p->bytes.a, (unsigned long long)p->bytes.b,
		        p->name);
	}
	write_kept_list(f, rec);
	if (rec->warnings.len)
		fwrite(rec->warnings.data, 1, rec->warnings.len, f);
	bool ok = !ferror(f);
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0)
		unlink(tmp);
	free(tmp);
}

void record_parts_free(struct record_part *parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(parts[i].name);
	free(parts);
}

void record_free(struct record *rec)
{
	reuse_kept_free(rec->kept, rec->nkept);
	record_parts_free(rec->parts, rec->nparts);
	buf_free(&rec->warnings);
	memset(rec, 0, sizeof *rec);
}
