#include "build/fingerprint.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/font.h"
#include "base/names.h"
#include "base/path.h"
#include "base/pool.h"
#include "base/tree.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "build/links.h"
#include "build/record.h"
#include "build/source.h"
#include "build/units.h"
#include "content/model.h"
#include "content/pages.h"
#include "output/bodies.h"
#include "output/output.h"
#include "output/reuse.h"
#include "pdf/playbook.h"


struct fingerprint {
	const struct options *opt;
	const char *fonts_at;           /* NULL: no fonts */
	char *record_path;              /* owned */
	struct record last;             /* the last build's, when have_last */
	struct hash stamps;             /* the inputs' stamps before the build */
	struct hash stamps_rest;        /* the same without content/ */
	struct hash bytes;              /* the inputs' bytes, once have_bytes */
	struct reuse *reuse;            /* owned; NULL until fingerprint_reuse() */
	struct hash tools;              /* this build's (reuse.h), once have_tools */
	struct hash own_fonts;          /* the site's fonts (fingerprint_fonts_chosen) */
	struct hash output_now;         /* the output's, when output_known */
	/* The walk of the output, on a thread of its own while an update is
	 * made: its result is wanted only before the update is put in place. */
	struct tree_stamp_walk *walk;   /* owned while walking */
	pthread_t walker;               /* a thread of the walk, when walker_runs */
	struct hash rest;               /* see units.h */
	struct hash statics, static_names;      /* the same */
	struct hash pages;              /* the same */
	struct hash site;               /* the same */
	struct tree_part *parts;        /* owned: the resource folders' stamps,
	                                 * from the walk of the inputs' stamps */
	size_t nparts;
	struct tree_part *parts_bytes;  /* owned: the same folders' bytes, once
	                                 * have_bytes (NULL when unknown) */
	size_t nparts_bytes;
	struct tree_part *templates;    /* owned: see units.h */
	size_t ntemplates;
	struct hash units;              /* the bytes of the units file written;
	                                 * {0, 0}: none */
	bool have_last;
	bool have_bytes;
	bool known;                     /* false when an input could not be read */
	bool have_tools, tools_known;
	bool have_own_fonts, own_fonts_known;
	bool output_known;
	bool walking;                   /* walk is begun and not ended */
	bool walker_runs;               /* walker is to be joined */
	bool output_walked;             /* output_known and output_now are its */
	bool have_parts;                /* fingerprint_take_parts() could */
	bool have_complete, is_complete;        /* complete(), once worked out */
	bool units_written;
};

/* The moment the build's pages show, as far as the output depends on it
 * (see fingerprint.h). */
static void build_time(const struct options *opt, char *when, size_t size)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		snprintf(when, size, "epoch %lld", opt->epoch);
		return;
	}
	time_t t = (time_t)opt->epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, size, "day %Y-%m-%d", &tm);
}

/* What of the templates/ folders the fingerprints take. */
enum templates_taken {
	TEMPLATES_ALL,
	TEMPLATES_STRINGS,      /* their strings/ alone: the template files go
	                         * by name and bytes into the units file */
};

/* The program's bytes, read once: it does not change while it runs, and
 * a build asks for them up to four times (3 MB each). */
static struct hash program_bytes;
static bool program_read;
static pthread_once_t program_once = PTHREAD_ONCE_INIT;

static void read_program(void)
{
	struct hasher s;
	hasher_init(&s);
	program_read = hasher_add_file(&s, "/proc/self/exe");
	program_bytes = s.h;
}

/* Which of the static folders the rest counts. */
enum statics_taken {
	STATICS_ALL,
	STATICS_FONTS,          /* their fonts/ alone: the other files go
	                         * into the units file (hash_statics) */
};

/* The fingerprint of every input but content/ into s: the program, the
 * options, templates/ and static/ (as taken) of the source and of the
 * theme, and the fonts, by their bytes or (bytes false) by their stamps.
 * False when something could not be read. */
static bool hash_inputs_but_content(const struct fingerprint *f, bool bytes, enum templates_taken taken,
                                    enum statics_taken statics, struct hasher *s)
{
	const struct options *opt = f->opt;
	hasher_init(s);
	hasher_add_str(s, FOLIO_VERSION);
	pthread_once(&program_once, read_program);
	uint64_t program[2] = {program_bytes.a, program_bytes.b};
	hasher_add(s, program, sizeof program);
	bool ok = program_read;
	char when[64];
	build_time(opt, when, sizeof when);
	hasher_add_str(s, when);
	char flags[5] = {opt->drafts ? 'd' : '-', options_pdf(opt) ? '-' : 'p', options_images(opt) ? '-' : 'i',
	                 opt->html_only ? 'h' : '-', '\0'};
	hasher_add_str(s, flags);
	hasher_add_str(s, opt->base_url);
	/* The theme by its place too: another theme is another build. */
	hasher_add_str(s, opt->theme);
	static const char *const dirs[] = {"templates", "static"};
	const char *roots[] = {opt->source, opt->theme};
	for (size_t r = 0; r < 2 && roots[r]; r++) {
		for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && ok; i++) {
			char *dir = path_in(roots[r], dirs[i]);
			/* templates/ (i 0) as taken, static/ as taken */
			const char *only = i == 0 ? (taken == TEMPLATES_STRINGS ? "strings" : NULL)
			                          : (statics == STATICS_FONTS ? "fonts" : NULL);
			if (only) {
				char *sub = path_in(dir, only);
				free(dir);
				dir = sub;
			}
			ok = tree_hash(s, dir, bytes, 1);
			free(dir);
		}
	}
	hasher_add_str(s, f->fonts_at);
	if (ok && f->fonts_at)
		ok = tree_hash(s, f->fonts_at, bytes, 1);
	/* The site's own font files (site.yaml's fonts:) live in its fonts/,
	 * so that they are known before site.yaml is read. */
	char *own = path_in(opt->source, "fonts");
	ok = ok && tree_hash(s, own, bytes, 1);
	free(own);
	return ok;
}

static bool hash_rest(const struct fingerprint *f, bool bytes, struct hasher *s)
{
	return hash_inputs_but_content(f, bytes, TEMPLATES_ALL, STATICS_ALL, s);
}

/* The static folders by the names of their entries into *names, and by
 * their stamps but for their fonts/ (which the rest counts: pages,
 * pictures and playbooks are set in them) into *stamps.  A build only
 * copies them, so an edit of one is copied over the last build
 * (units.h); neither reads a file, however large the folders. */
static bool hash_statics(const struct fingerprint *f, struct hash *names, struct hash *stamps)
{
	struct hasher n, b;
	hasher_init(&n);
	hasher_init(&b);
	const char *roots[] = {f->opt->source, f->opt->theme};
	bool ok = true;
	for (size_t r = 0; r < 2 && ok && roots[r]; r++) {
		char *dir = path_in(roots[r], "static");
		static const char *const fonts[] = {"fonts", NULL};
		ok = tree_hash_names(&n, dir, 1) && tree_hash_shallow(&b, dir, NULL, fonts, 1);
		free(dir);
	}
	*names = n.h;
	*stamps = b.h;
	return ok;
}

/* The fingerprint of every input into *all, by bytes or stamps, and of
 * all but content/ into *rest when it is not NULL; the resource folders'
 * into parts (tree_parts_at), which may give some.  The bytes of the
 * content files in known[0..nknown) (sorted: tree_known_sort) are taken
 * from there. */
static bool hash_all(const struct fingerprint *f, bool bytes, const struct hash_known *known, size_t nknown,
                     struct tree_parts_at *parts, struct hash *all, struct hash *rest)
{
	struct hasher s, c;
	bool ok = hash_rest(f, bytes, &s);
	if (rest)
		*rest = s.h;
	hasher_init(&c);
	char *dir = path_in(f->opt->source, "content");
	int threads = pool_threads(f->opt->jobs);
	/* The loader names the files it read as dir/... does. */
	ok = ok && tree_hash_parts(&c, dir, bytes, known, nknown, parts, threads);
	free(dir);
	uint64_t halves[4] = {s.h.a, s.h.b, c.h.a, c.h.b};
	hasher_add(&s, halves, sizeof halves);
	*all = s.h;
	return ok;
}

/* The bytes of the resource folders whose stamps are the last record's:
 * as it says (borrowed names), sorted. */
static struct tree_part *bytes_as_recorded(const struct fingerprint *f, size_t *n)
{
	*n = 0;
	if (!f->have_last)
		return NULL;
	const struct record *rec = &f->last;
	struct tree_part *given = xcalloc(f->nparts ? f->nparts : 1, sizeof *given);
	for (size_t i = 0, k = 0; i < f->nparts; i++) {
		while (k < rec->nparts && strcmp(rec->parts[k].name, f->parts[i].name) < 0)
			k++;
		if (k < rec->nparts && strcmp(rec->parts[k].name, f->parts[i].name) == 0 &&
		    hash_same(rec->parts[k].stamp, f->parts[i].stamp))
			given[(*n)++] = (struct tree_part){f->parts[i].name, rec->parts[k].bytes};
	}
	return given;
}

/* The inputs' bytes into f->bytes, worked out once, and the resource
 * folders' into f->parts_bytes: those of the folders whose stamps did not
 * move since the last record are its, not read again; false when an input
 * could not be read. */
static bool input_bytes(struct fingerprint *f, const struct hash_known *known, size_t nknown)
{
	if (!f->have_bytes) {
		struct tree_parts_at parts = {.at = "resources"};
		parts.given = bytes_as_recorded(f, &parts.ngiven);
		f->known = hash_all(f, true, known, nknown, &parts, &f->bytes, NULL) && f->known;
		free((struct tree_part *)parts.given);
		f->parts_bytes = parts.got;
		f->nparts_bytes = parts.ngot;
		f->have_bytes = true;
	}
	return f->known;
}

struct fingerprint *fingerprint_new(const struct options *opt, const char *fonts_at)
{
	struct fingerprint *f = xcalloc(1, sizeof *f);
	f->opt = opt;
	f->fonts_at = fonts_at;
	f->record_path = record_path(opt->out);
	struct tree_parts_at parts = {.at = "resources"};
	f->known = hash_all(f, false, NULL, 0, &parts, &f->stamps, &f->stamps_rest);
	f->parts = parts.got;
	f->nparts = parts.ngot;
	f->have_last = record_read(f->record_path, &f->last);
	return f;
}

static void *walk_output_thread(void *arg)
{
	tree_stamp_work(arg);
	return NULL;
}

/* Begins the walk of the output on a thread of its own (with more than
 * one job); the build's thread joins in when it wants the result
 * (fingerprint_output_wait).  It reads only the folders that changed
 * since the last walk, which it keeps a listing of beside the record
 * (base/listing.h). */
static void walk_output_begin(struct fingerprint *f)
{
	char *listing = record_beside(f->opt->out, "folio-listing");
	f->walk = tree_stamp_begin_listed(f->opt->out, listing);
	free(listing);
	f->walking = true;
	f->walker_runs = pool_threads(f->opt->jobs) > 1 &&
	                 pthread_create(&f->walker, NULL, walk_output_thread, f->walk) == 0;
}

void fingerprint_output_wait(struct fingerprint *f)
{
	if (!f->walking)
		return;
	tree_stamp_work(f->walk);       /* the folders the walker has not taken */
	if (f->walker_runs)
		pthread_join(f->walker, NULL);
	f->output_known = tree_stamp_end(f->walk, &f->output_now, NULL);
	f->walk = NULL;
	f->walking = f->walker_runs = false;
}

void fingerprint_free(struct fingerprint *f)
{
	if (f == NULL)
		return;
	fingerprint_output_wait(f);
	tree_parts_free(f->parts, f->nparts);
	tree_parts_free(f->parts_bytes, f->nparts_bytes);
	tree_parts_free(f->templates, f->ntemplates);
	record_free(&f->last);
	reuse_free(f->reuse);
	free(f->record_path);
	free(f);
}

/* The resource folders' stamps and bytes for a record, when both are
 * known of the same folders; else none (the next build reads them all). */
static void record_parts(const struct fingerprint *f, struct record *rec)
{
	record_parts_free(rec->parts, rec->nparts);
	rec->parts = NULL;
	rec->nparts = 0;
	bool same = f->parts_bytes && f->nparts_bytes == f->nparts;
	for (size_t i = 0; same && i < f->nparts; i++)
		same = strcmp(f->parts[i].name, f->parts_bytes[i].name) == 0;
	if (!same)
		return;
	rec->parts = xcalloc(f->nparts ? f->nparts : 1, sizeof *rec->parts);
	for (size_t i = 0; i < f->nparts; i++)
		rec->parts[i] = (struct record_part){xstrdup(f->parts[i].name), f->parts[i].stamp, f->parts_bytes[i].stamp};
	rec->nparts = f->nparts;
}

bool fingerprint_unchanged(struct fingerprint *f, struct build_stats *stats, struct diag *d)
{
	struct record *rec = &f->last;
	if (!f->known || !f->have_last || !rec->complete)
		return false;
	bool stamped = hash_same(rec->stamps, f->stamps);
	bool same = stamped || (input_bytes(f, NULL, 0) && hash_same(rec->inputs, f->bytes));
	f->output_walked = true;
	if (!same) {
		/* An edit: the build may update the output in place, which
		 * wants it as the record says only when it puts the update in
		 * place, so the walk goes on while the update is made (the walk
		 * is mostly the kernel's time, the update the program's), and
		 * the build's thread helps it once the update is made.  It is
		 * not begun before the walk of the inputs, which it would slow:
		 * the update waits for both. */
		walk_output_begin(f);
		return false;
	}
	walk_output_begin(f);
	fingerprint_output_wait(f);
	if (!f->output_known || !hash_same(rec->output, f->output_now))
		return false;
	stats->pages = rec->pages;
	stats->files = rec->files;
	if (d->stream && rec->warnings.len)
		fwrite(rec->warnings.data, 1, rec->warnings.len, d->stream);
	if (!stamped) {
		rec->stamps = f->stamps;
		rec->inputs = f->bytes;
		record_parts(f, rec);
		record_write(f->record_path, rec);
	}
	return true;
}

/* This build's tools into f->tools (reuse.h), once; false when they could
 * not be told. */
static bool tools_known(struct fingerprint *f)
{
	if (f->have_tools)
		return f->tools_known;
	f->have_tools = true;
	f->tools_known = reuse_tools(f->fonts_at, &f->tools) && (!f->have_own_fonts || f->own_fonts_known);
	if (f->tools_known && f->have_own_fonts) {
		struct hasher s;
		hasher_init(&s);
		uint64_t parts[4] = {f->tools.a, f->tools.b, f->own_fonts.a, f->own_fonts.b};
		hasher_add(&s, parts, sizeof parts);
		f->tools = s.h;
	}
	return f->tools_known;
}

/* Whether the last build drew with this build's tools (which it works
 * out, for the record, either way). */
static bool same_tools(struct fingerprint *f)
{
	return tools_known(f) && f->have_last && hash_same(f->last.tools, f->tools);
}

/* The template files of the source (names "0/...") and of the theme
 * ("1/...") by their bytes, the interface's strings left out, into
 * f->templates. */
static bool list_templates(struct fingerprint *f)
{
	const char *roots[] = {f->opt->source, f->opt->theme};
	size_t cap = 0;
	bool ok = true;
	for (size_t r = 0; r < 2 && roots[r] && ok; r++) {
		char *dir = path_in(roots[r], "templates");
		struct tree_part *files;
		size_t n;
		ok = tree_list_files(dir, "strings", &files, &n);
		for (size_t i = 0; i < n; i++) {
			f->templates = xgrow(f->templates, &cap, f->ntemplates + 1, sizeof *f->templates);
			f->templates[f->ntemplates++] = (struct tree_part){xasprintf("%zu/%s", r, files[i].name), files[i].stamp};
		}
		tree_parts_free(files, n);
		free(dir);
	}
	return ok;
}

/* The stamp of the file at path, named name, into *stamp; {0, 0} when
 * there is none. */
static void stamp_file(const char *path, const char *name, struct hash *stamp)
{
	struct stat st;
	*stamp = (struct hash){0, 0};
	if (lstat(path, &st) == 0)
		tree_stamp_add(stamp, name, &st);
}

void fingerprint_take_parts(struct fingerprint *f)
{
	struct hasher s;
	bool ok = hash_inputs_but_content(f, false, TEMPLATES_STRINGS, STATICS_FONTS, &s) && list_templates(f) &&
	          hash_statics(f, &f->static_names, &f->statics);
	char *content = path_in(f->opt->source, "content");
	static const char *const apart[] = {"pages", "site.yaml", NULL};
	ok = ok && tree_hash_shallow(&s, content, "resources", apart, pool_threads(f->opt->jobs));
	free(content);
	char *pages = path_in(f->opt->source, "content/pages");
	struct hasher p;
	hasher_init(&p);
	ok = ok && tree_hash(&p, pages, false, 1);
	f->pages = p.h;
	free(pages);
	char *site = path_in(f->opt->source, "content/site.yaml");
	stamp_file(site, "site.yaml", &f->site);
	free(site);
	f->rest = s.h;
	/* The folders' own stamps are those the walk of every input took. */
	f->have_parts = ok && f->known;
}

bool fingerprint_last_quiet(const struct fingerprint *f)
{
	return f->have_last && f->last.warnings.len == 0;
}

bool fingerprint_output_found(struct fingerprint *f, struct hash *stamp, size_t *files)
{
	fingerprint_output_wait(f);
	bool known = f->have_last && f->output_walked && f->output_known && hash_same(f->last.output, f->output_now);
	*stamp = f->output_now;
	*files = f->last.files;
	return known;
}

const struct reuse_kept *fingerprint_last_kept(const struct fingerprint *f, size_t *n)
{
	*n = f->have_last ? f->last.nkept : 0;
	return f->have_last ? f->last.kept : NULL;
}

const struct tree_part *fingerprint_templates(const struct fingerprint *f, size_t *n)
{
	*n = f->have_parts ? f->ntemplates : 0;
	return f->have_parts ? f->templates : NULL;
}

const struct tree_part *fingerprint_parts(const struct fingerprint *f, size_t *n)
{
	*n = f->have_parts ? f->nparts : 0;
	return f->have_parts ? f->parts : NULL;
}

/* Whether the output folder is still a build (its marker is there), as
 * output_begin_update() wants it: a look the walk does not wait for. */
static bool output_is_a_build(const struct fingerprint *f)
{
	char *marker = path_in(f->opt->out, OUTPUT_MARKER);
	struct stat st;
	bool is = stat(marker, &st) == 0;
	free(marker);
	return is;
}

bool fingerprint_statics_edited(const struct fingerprint *f, const struct units_record *last)
{
	return !hash_same(last->statics, f->statics);
}

/* ---- the static files the texts link to --------------------------------- */

/* The stat of the static file at site path ("/images/x.png"), the site's
 * before the theme's as the build copies them; false when there is no
 * regular file there. */
static bool static_file_at(const struct fingerprint *f, const char *path, struct stat *st)
{
	const char *roots[] = {f->opt->source, f->opt->theme};
	for (size_t r = 0; r < 2; r++) {
		if (roots[r] == NULL)
			continue;
		char *file = xasprintf("%s/static%s", roots[r], path);
		bool found = lstat(file, st) == 0;
		free(file);
		if (found)
			return S_ISREG(st->st_mode);
	}
	return false;
}

/* The stamps of the static files at the site paths paths[0..n), a file
 * gone counting by its path alone. */
static struct hash linked_stamps(const struct fingerprint *f, char *const *paths, size_t n)
{
	struct hash sum = {0, 0};
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (!static_file_at(f, paths[i], &st))
			memset(&st, 0, sizeof st);
		tree_stamp_add(&sum, paths[i], &st);
	}
	return sum;
}

bool fingerprint_linked_edited(const struct fingerprint *f, const struct units_record *last)
{
	return !hash_same(linked_stamps(f, last->linked, last->nlinked), last->linked_stamps);
}

/* The static files among the site paths the texts link to. */
struct static_links {
	const struct fingerprint *f;
	struct names paths;
};

/* Adds path when it names a static file (a page's path ends in '/'). */
static void add_if_static(void *ctx, const char *path)
{
	struct static_links *s = ctx;
	size_t len = strlen(path);
	struct stat st;
	if (len > 1 && path[len - 1] != '/' && static_file_at(s->f, path, &st))
		names_add(&s->paths, path);
}

/* The site paths of the static files the build's texts link to, sorted,
 * each once: in the units it made and the texts the model holds; and,
 * after an update, every one the last units file named, since the links
 * of the units it took as they were are not read (a path that no text
 * links to any more is dropped by the next whole build). */
static struct names linked_files(const struct fingerprint *f, const struct site *site,
                                 const struct build_made *made)
{
	struct static_links s = {f, {NULL, 0, 0}};
	links_each_path(site, made->units, made->nunits, add_if_static, &s);
	for (size_t i = 0; made->units_from && i < made->units_from->nlinked; i++)
		names_add(&s.paths, made->units_from->linked[i]);
	names_sort_unique(&s.paths);
	return s.paths;
}

bool fingerprint_pages_edited(const struct fingerprint *f, const struct units_record *last)
{
	return !hash_same(last->pages, f->pages);
}

bool fingerprint_site_edited(const struct fingerprint *f, const struct units_record *last)
{
	return !hash_same(last->site, f->site);
}

bool fingerprint_last_units(struct fingerprint *f, struct units_record *last)
{
	return fingerprint_last_units_head(f, last) && units_read_units(last, NULL, 0);
}

bool fingerprint_last_units_head(struct fingerprint *f, struct units_record *last)
{
	memset(last, 0, sizeof *last);
	const struct record *rec = &f->last;
	/* What draws the pictures counts too: the update takes the others
	 * as they are.  The output is checked against the record before an
	 * update is put in place (fingerprint_output_found); a walk already
	 * over tells now. */
	bool output_moved = f->output_walked && !f->walking && !(f->output_known && hash_same(rec->output, f->output_now));
	if (!f->have_parts || !f->have_last || !rec->complete || !f->output_walked || output_moved ||
	    !output_is_a_build(f) || !same_tools(f))
		return false;
	char *path = units_path(f->opt->out);
	bool ok = units_read_head(path, last);
	free(path);
	/* A static file added or removed changes what the site's pages may
	 * be called (content/pages.c): only an edit of one is copied over. */
	ok = ok && hash_same(last->bytes, rec->units) && hash_same(last->rest, f->rest) &&
	     hash_same(last->static_names, f->static_names) && last->render_warnings == 0;
	if (!ok)
		units_free(last);
	return ok;
}

struct reuse *fingerprint_reuse(struct fingerprint *f)
{
	if (f->reuse)
		return f->reuse;
	if (same_tools(f))
		f->reuse = reuse_new(f->opt->out, f->last.kept, f->last.nkept, f->opt->reuse_playbooks);
	else
		f->reuse = reuse_new(NULL, NULL, 0, false);
	return f->reuse;
}

void fingerprint_fonts_chosen(struct fingerprint *f, const struct fontset *fonts)
{
	struct hasher s;
	hasher_init(&s);
	bool ok = true;
	for (int i = 0; i < FONT_COUNT && ok; i++) {
		hasher_add_str(&s, font_file(fonts, (enum font_face)i));
		ok = hasher_add_file(&s, font_file(fonts, (enum font_face)i));
	}
	f->own_fonts = s.h;
	f->have_own_fonts = true;
	f->own_fonts_known = ok;
}

/* Whether the build made everything from the inputs fingerprinted: their
 * bytes, taken now (the loader's hashes of the content files it read, in
 * site), and the stamps of all but content/ the same as before the build. */
static bool inputs_complete(struct fingerprint *f, const struct site *site)
{
	if (!f->known)
		return false;
	struct hash_known *known = xcalloc(site->nread ? site->nread : 1, sizeof *known);
	memcpy(known, site->read, site->nread * sizeof *known);
	tree_known_sort(known, site->nread);
	input_bytes(f, known, site->nread);
	free(known);
	struct hasher after;
	return f->known && hash_rest(f, false, &after) && hash_same(after.h, f->stamps_rest) &&
	       !f->opt->reuse_playbooks;
}

/* inputs_complete(), worked out once: the units file and the record ask. */
static bool complete(struct fingerprint *f, const struct site *site)
{
	if (!f->have_complete) {
		f->is_complete = inputs_complete(f, site);
		f->have_complete = true;
	}
	return f->is_complete;
}

char *fingerprint_bodies_path(const struct fingerprint *f)
{
	return record_beside(f->opt->out, "folio-bodies");
}

/* The notes are kept whether or not the units file is: each is checked
 * against the page it was taken from before it is used. */
static void remember_bodies(const struct fingerprint *f, const struct buf *bodies)
{
	if (bodies == NULL)
		return;
	char *path = fingerprint_bodies_path(f);
	bodies_write(path, bodies->data ? bodies->data : "", bodies->len);
	free(path);
}

void fingerprint_remember_units(struct fingerprint *f, const struct site *site, const struct build_made *made)
{
	remember_bodies(f, made->bodies);
	char *path = units_path(f->opt->out);
	f->units_written = true;
	f->units = (struct hash){0, 0};
	if (!complete(f, site) || !f->have_parts) {
		unlink(path);
		free(path);
		return;
	}
	size_t n = site->resources.len;
	size_t nt = f->ntemplates;
	struct units_record u = {
		.rest = f->rest, .statics = f->statics, .static_names = f->static_names,
		.pages = f->pages, .page_faces = pages_faces(site),
		.site = f->site, .site_face = playbook_site_face(site),
		.folders = f->parts, .nfolders = f->nparts,
		.templates = f->templates, .users = xcalloc(nt ? nt : 1, 1), .ntemplates = nt,
		.slugs = xcalloc(n ? n : 1, sizeof *u.slugs), .faces = xcalloc(n ? n : 1, sizeof *u.faces),
		.nresources = n, .render_warnings = made->render_warnings,
		.units = (struct render_unit *)made->units, .nunits = made->nunits,
	};
	for (size_t i = 0; i < n; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		u.slugs[i] = r->slug.v;
		u.faces[i] = made->faces ? made->faces[i] : schema_hash(&model_resource_schema, r);
	}
	for (size_t i = 0; i < nt; i++) {
		struct render_users users = {false, false};
		/* "0/partials/footer.html": the name pages read it by follows the root. */
		render_template_users(made->templates, strchr(f->templates[i].name, '/') + 1, &users);
		u.users[i] = (unsigned char)((users.site_pages ? UNITS_SITE_PAGES : 0) | (users.resources ? UNITS_RESOURCES : 0));
	}
	struct names linked = linked_files(f, site, made);
	u.linked = linked.v;
	u.nlinked = linked.len;
	u.linked_stamps = linked_stamps(f, linked.v, linked.len);
	units_write(path, &u, made->units_from);
	f->units = u.bytes;
	names_free(&linked);
	free(u.users);
	free(u.slugs);
	free(u.faces);
	free(path);
}

void fingerprint_remember(struct fingerprint *f, const struct site *site, const struct hash *output,
                          const struct build_stats *stats, const struct diag *d, const struct build_made *made)
{
	tools_known(f);         /* for the record, whichever list of kept files it takes */
	struct hash stamp = output ? *output : (struct hash){0, 0};
	if (output == NULL && !tree_stamp(f->opt->out, &stamp))
		return;         /* no record: the next build builds */
	/* The units file first: the record it belongs to is the one trusted. */
	if (!f->units_written)
		fingerprint_remember_units(f, site, made);
	bool whole = complete(f, site);
	struct record rec = {
		.stamps = f->stamps,
		.inputs = f->bytes,
		.output = stamp,
		.complete = whole,
		.pages = made->update ? made->pages : stats->pages,
		.files = made->update ? made->files : stats->files,
		.tools = f->tools,
		.units = f->units,
		.warnings = BUF_INIT,
	};
	record_parts(f, &rec);
	if (made->kept) {
		rec.nkept = made->nkept;
		rec.kept = xcalloc(rec.nkept ? rec.nkept : 1, sizeof *rec.kept);
		for (size_t i = 0; i < rec.nkept; i++) {
			rec.kept[i] = made->kept[i];
			rec.kept[i].path = xstrdup(made->kept[i].path);
		}
	} else {
		rec.kept = reuse_noted(fingerprint_reuse(f), &rec.nkept);
	}
	for (size_t i = 0; i < d->nlines; i++) {
		buf_puts(&rec.warnings, d->lines[i]);
		buf_putc(&rec.warnings, '\n');
	}
	record_write(f->record_path, &rec);
	record_free(&rec);
}
