#include "build/fingerprint.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/font.h"
#include "base/path.h"
#include "base/pool.h"
#include "base/tree.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "build/record.h"
#include "build/source.h"
#include "content/model.h"
#include "output/reuse.h"


struct fingerprint {
	const struct options *opt;
	const char *fonts_at;           /* NULL: no fonts */
	char *record_path;              /* owned */
	struct record last;             /* the last build's, when have_last */
	bool have_last;
	struct hash stamps;             /* the inputs' stamps before the build */
	struct hash stamps_rest;        /* the same without content/ */
	struct hash bytes;              /* the inputs' bytes, once have_bytes */
	bool have_bytes;
	bool known;                     /* false when an input could not be read */
	struct reuse *reuse;            /* owned; NULL until fingerprint_reuse() */
	struct hash tools;              /* this build's (reuse.h), with reuse */
	struct hash own_fonts;          /* the site's fonts (fingerprint_fonts_chosen) */
	bool have_own_fonts, own_fonts_known;
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

/* The fingerprint of every input but content/ into s: the program, the
 * options, templates/ and static/ of the source and of the theme, and the
 * fonts, by their bytes or (bytes
 * false) by their stamps.  False when something could not be read. */
static bool hash_rest(const struct fingerprint *f, bool bytes, struct hasher *s)
{
	const struct options *opt = f->opt;
	hasher_init(s);
	hasher_add_str(s, FOLIO_VERSION);
	bool ok = hasher_add_file(s, "/proc/self/exe");
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

/* The fingerprint of every input into *all, by bytes or stamps, and of
 * all but content/ into *rest when it is not NULL.  The bytes of the
 * content files in known[0..nknown) (sorted: tree_known_sort) are taken
 * from there. */
static bool hash_all(const struct fingerprint *f, bool bytes, const struct hash_known *known, size_t nknown,
                     struct hash *all, struct hash *rest)
{
	struct hasher s, c;
	bool ok = hash_rest(f, bytes, &s);
	if (rest)
		*rest = s.h;
	hasher_init(&c);
	char *dir = path_in(f->opt->source, "content");
	int threads = pool_threads(f->opt->jobs);
	/* The loader names the files it read as dir/... does. */
	ok = ok && (bytes && nknown ? tree_hash_known(&c, dir, known, nknown, threads)
	                            : tree_hash(&c, dir, bytes, threads));
	free(dir);
	uint64_t parts[4] = {s.h.a, s.h.b, c.h.a, c.h.b};
	hasher_add(&s, parts, sizeof parts);
	*all = s.h;
	return ok;
}

/* The inputs' bytes into f->bytes, worked out once; false when an input
 * could not be read. */
static bool input_bytes(struct fingerprint *f, const struct hash_known *known, size_t nknown)
{
	if (!f->have_bytes) {
		f->known = hash_all(f, true, known, nknown, &f->bytes, NULL) && f->known;
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
	f->known = hash_all(f, false, NULL, 0, &f->stamps, &f->stamps_rest);
	f->have_last = record_read(f->record_path, &f->last);
	return f;
}

void fingerprint_free(struct fingerprint *f)
{
	if (f == NULL)
		return;
	record_free(&f->last);
	reuse_free(f->reuse);
	free(f->record_path);
	free(f);
}

bool fingerprint_unchanged(struct fingerprint *f, struct build_stats *stats, struct diag *d)
{
	struct record *rec = &f->last;
	struct hash now;
	bool same = f->known && f->have_last && rec->complete && tree_stamp(f->opt->out, &now) &&
	            hash_same(rec->output, now);
	bool stamped = same && hash_same(rec->stamps, f->stamps);
	if (same && !stamped)
		same = input_bytes(f, NULL, 0) && hash_same(rec->inputs, f->bytes);
	if (!same)
		return false;
	stats->pages = rec->pages;
	stats->files = rec->files;
	if (d->stream && rec->warnings.len)
		fwrite(rec->warnings.data, 1, rec->warnings.len, d->stream);
	if (!stamped) {
		rec->stamps = f->stamps;
		rec->inputs = f->bytes;
		if (tree_stamp(f->opt->out, &rec->output))
			record_write(f->record_path, rec);
	}
	return true;
}

struct reuse *fingerprint_reuse(struct fingerprint *f)
{
	if (f->reuse)
		return f->reuse;
	bool tools_known = reuse_tools(f->fonts_at, &f->tools) && (!f->have_own_fonts || f->own_fonts_known);
	if (tools_known && f->have_own_fonts) {
		struct hasher s;
		hasher_init(&s);
		uint64_t parts[4] = {f->tools.a, f->tools.b, f->own_fonts.a, f->own_fonts.b};
		hasher_add(&s, parts, sizeof parts);
		f->tools = s.h;
	}
	const struct record *last = f->have_last ? &f->last : NULL;
	if (last && tools_known && hash_same(last->tools, f->tools))
		f->reuse = reuse_new(f->opt->out, last->kept, last->nkept, f->opt->reuse_playbooks);
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
static bool complete(struct fingerprint *f, const struct site *site)
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

void fingerprint_remember(struct fingerprint *f, const struct site *site, const struct hash *output,
                          const struct build_stats *stats, const struct diag *d)
{
	struct reuse *reuse = fingerprint_reuse(f);
	struct hash stamp = output ? *output : (struct hash){0, 0};
	if (output == NULL && !tree_stamp(f->opt->out, &stamp))
		return;         /* no record: the next build builds */
	bool whole = complete(f, site);
	struct record rec = {
		.stamps = f->stamps,
		.inputs = f->bytes,
		.output = stamp,
		.complete = whole,
		.pages = stats->pages,
		.files = stats->files,
		.tools = f->tools,
		.warnings = BUF_INIT,
	};
	rec.kept = reuse_noted(reuse, &rec.nkept);
	for (size_t i = 0; i < d->nlines; i++) {
		buf_puts(&rec.warnings, d->lines[i]);
		buf_putc(&rec.warnings, '\n');
	}
	record_write(f->record_path, &rec);
	record_free(&rec);
}
