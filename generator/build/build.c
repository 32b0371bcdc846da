#include "build/build.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/font.h"
#include "web/icons.h"
#include "content/load.h"
#include "content/model.h"
#include "output/output.h"
#include "base/pool.h"
#include "web/render.h"
#include "output/reuse.h"
#include "build/record.h"
#include "base/tree.h"
#include "web/template.h"
#include "base/text.h"
#include "base/xalloc.h"

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "0.0.0"
#endif

/* Whether dir holds the project's fonts. */
static bool has_fonts(const char *dir)
{
	char *probe = xasprintf("%s/folio-sans-regular.ttf", dir);
	bool ok = access(probe, R_OK) == 0;
	free(probe);
	return ok;
}

/* Where the fonts are: the site's own static/fonts when it has them, else
 * the ones found from this program's place, which works for a checkout
 * (build/folio: ../static/fonts) and for any install prefix
 * (PREFIX/bin/folio: ../share/folio/fonts), whatever PREFIX it was built
 * with.  NULL when there are none. */
static char *fonts_dir(const char *source_fonts)
{
	if (has_fonts(source_fonts))
		return xstrdup(source_fonts);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	static const char *const beside[] = {"../static/fonts", "../share/folio/fonts"};
	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		char *dir = xasprintf("%s/%s", exe, beside[i]);
		if (has_fonts(dir))
			return dir;
		free(dir);
	}
	return NULL;
}

static char *in_source(const char *source, const char *rel)
{
	if (strcmp(source, ".") == 0)
		return xstrdup(rel);
	return xasprintf("%s%s%s", source, text_ends_with(source, "/") ? "" : "/", rel);
}

/* Every site path that content links to must be a file of the build. */
static bool check_links(const struct site *site, const struct output *o, struct diag *d)
{
	bool ok = true;
	struct buf file = BUF_INIT;     /* one buffer for the 40,000 links of a large site */
	for (size_t i = 0; i < site->nlinks; i++) {
		const char *path = site->links[i].path;
		buf_reset(&file);
		buf_puts(&file, path + 1);
		if (text_ends_with(path, "/"))
			buf_puts(&file, "index.html");
		if (!output_has(o, buf_str(&file))) {
			diag_error(d, site->links[i].at, "link to '%s', which the build does not produce; fix the path", path);
			ok = false;
		}
	}
	buf_free(&file);
	return ok;
}

/* What a build takes from the last one and leaves for the next. */
struct handover {
	const struct record *last;        /* NULL: no record */
	struct hash tools;                /* this build's (reuse.h) */
	bool tools_known;
	struct reuse_kept *kept;                /* out: the files to note; owned */
	size_t nkept;
	struct hash output;               /* out: the output's stamp, when known */
	bool output_known;
};

/* The files this build may reuse: the last build's, when it was drawn
 * with the same tools. */
static struct reuse *reuse_from_last(const struct build_options *opt, const struct handover *h)
{
	const struct record *last = h->last;
	bool same_tools = last && h->tools_known && last->tools.a == h->tools.a && last->tools.b == h->tools.b;
	if (!same_tools)
		return reuse_new(NULL, NULL, 0, false);
	return reuse_new(opt->out, last->kept, last->nkept, opt->carry_playbooks);
}

/* Whether the build was dropped (build_options.cancel). */
static bool cancelled(const struct build_options *opt)
{
	return opt->cancel && atomic_load(opt->cancel);
}

/* --html-only leaves out the playbooks and the images as well. */
static bool without_pdf(const struct build_options *opt)
{
	return opt->no_pdf || opt->html_only;
}

static bool without_images(const struct build_options *opt)
{
	return opt->no_images || opt->html_only;
}

/* The fingerprint of everything a build's output depends on: the program,
 * the options and every file it reads, by their bytes or (bytes false) by
 * their stamps, into *all.  The bytes of the content files in
 * known[0..nknown) are taken from there (the loader's).  *rest, when not
 * NULL, gets the fingerprint of all but content/ (see struct inputs); with
 * content false, only *rest is worked out.  Without SOURCE_DATE_EPOCH the
 * build's date counts, not its second: the pages show the year and the
 * day, and a site with nothing changed is not rebuilt within a day. */
static bool inputs_hash(const struct build_options *opt, const char *fonts_at, bool bytes, bool content,
                        const struct hash_known *known, size_t nknown, struct hash *all,
                        struct hash *rest, int threads)
{
	struct hasher s;
	hasher_init(&s);
	hasher_add_str(&s, FOLIO_VERSION);
	bool ok = hasher_add_file(&s, "/proc/self/exe");
	char when[64];
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		snprintf(when, sizeof when, "epoch %lld", opt->epoch);
	} else {
		time_t t = (time_t)opt->epoch;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "day %Y-%m-%d", &tm);
	}
	hasher_add_str(&s, when);
	char flags[5] = {opt->drafts ? 'd' : '-', without_pdf(opt) ? 'p' : '-', without_images(opt) ? 'i' : '-',
	                 opt->html_only ? 'h' : '-', '\0'};
	hasher_add_str(&s, flags);
	hasher_add_str(&s, opt->base_url);
	static const char *const dirs[] = {"templates", "static"};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && ok; i++) {
		char *dir = in_source(opt->source, dirs[i]);
		ok = tree_hash(&s, dir, bytes, 1);
		free(dir);
	}
	hasher_add_str(&s, fonts_at);
	if (ok && fonts_at)
		ok = tree_hash(&s, fonts_at, bytes, 1);
	if (rest)
		*rest = s.h;
	if (!content)
		return ok;
	struct hasher c;
	hasher_init(&c);
	char *dir = in_source(opt->source, "content");
	/* The loader names the files it read as dir/... does. */
	ok = ok && (bytes && nknown ? tree_hash_known(&c, dir, known, nknown, threads)
	                            : tree_hash(&c, dir, bytes, threads));
	free(dir);
	uint64_t parts[4] = {s.h.a, s.h.b, c.h.a, c.h.b};
	hasher_add(&s, parts, sizeof parts);
	*all = s.h;
	return ok;
}

static bool same_hash(struct hash x, struct hash y)
{
	return x.a == y.a && x.b == y.b;
}

/* What the build depends on: the inputs' stamps always, their bytes when
 * needed.  known is false when an input could not be read.
 *
 * The record's bytes of a content file are those the loader read (the
 * render reads a pattern body again only if it is still the same), so a
 * content file changed during the build cannot leave a record that does
 * not match the output.  Templates, static files and fonts are read at
 * other moments than they are hashed: the build is only complete when
 * their stamps after it are those before it (stamps_rest). */
struct inputs {
	struct hash stamps, stamps_rest, bytes;
	bool known, have_bytes;
};

static bool input_bytes(const struct build_options *opt, const char *fonts_at, const struct hash_known *known,
                        size_t nknown, struct inputs *in, int threads)
{
	if (!in->have_bytes) {
		in->known = inputs_hash(opt, fonts_at, true, true, known, nknown, &in->bytes, NULL, threads) && in->known;
		in->have_bytes = true;
	}
	return in->known;
}

/* The inputs' bytes, for the record, are hashed beside the build on a
 * thread of its own, once the loader has read the content: the files it
 * read are not read again (their hashes are in the model), only the rest
 * (templates, static files, fonts, content the loader skips). */
struct bytes_job {
	const struct build_options *opt;
	const char *fonts_at;
	struct inputs *in;
	struct hash_known *known;      /* owned: the loader's files, sorted */
	size_t nknown;
	pthread_t thread;
	bool beside;
};

static void *read_bytes(void *arg)
{
	struct bytes_job *job = arg;
	/* Beside the build, one thread: the build has the others. */
	input_bytes(job->opt, job->fonts_at, job->known, job->nknown, job->in, 1);
	return NULL;
}

static void bytes_start(struct bytes_job *job, const struct site *site)
{
	job->nknown = site->nread;
	job->known = xcalloc(site->nread ? site->nread : 1, sizeof *job->known);
	memcpy(job->known, site->read, site->nread * sizeof *job->known);
	tree_known_sort(job->known, job->nknown);
	job->beside = job->in->known && !job->in->have_bytes && job->opt->jobs != 1 &&
	              pthread_create(&job->thread, NULL, read_bytes, job) == 0;
}

/* Before the model (which owns the paths) is freed. */
static void bytes_finish(struct bytes_job *job)
{
	if (job->beside)
		pthread_join(job->thread, NULL);
	else if (job->in->known)
		read_bytes(job);
	free(job->known);
}

/* The favicon set is drawn beside the pages, on a thread of its own (it
 * is one librsvg and cairo job the pool's tasks do not wait for); its
 * messages are kept apart and reported after the pages'. */
struct icons_job {
	const struct site *site;
	const char *static_dir;
	struct output *o;
	struct diag d;
	bool ok;
};

static void *draw_icons(void *arg)
{
	struct icons_job *job = arg;
	job->ok = icons_write(job->site, job->static_dir, job->o, &job->d);
	return NULL;
}

static bool render_with_icons(const struct site *site, struct tpl_set *templates, struct output *o,
                              const struct render_options *ro, const char *static_dir, size_t *pages,
                              struct site *notes, struct diag *d)
{
	struct icons_job job = {site, static_dir, o, {0}, false};
	diag_init(&job.d, NULL);
	pthread_t thread;
	bool beside = ro->jobs != 1 && pthread_create(&thread, NULL, draw_icons, &job) == 0;
	bool ok = render_site(site, templates, o, ro, pages, notes, d);
	if (beside)
		pthread_join(thread, NULL);
	else
		draw_icons(&job);
	diag_merge(d, &job.d);
	diag_free(&job.d);
	return job.ok && ok;
}

/* Once the pages are made, the site's resources (most of its many small
 * allocations) are freed on a thread of its own, beside the static copy,
 * the link check and the swap. */
struct resources_job {
	struct list resources;
	pthread_t thread;
	bool beside;
};

static void *free_resources(void *arg)
{
	model_free_resources(&((struct resources_job *)arg)->resources);
	return NULL;
}

static void resources_free_start(struct resources_job *job, struct site *site, int jobs)
{
	job->resources = site->resources;
	site->resources = (struct list){NULL, 0};
	job->beside = jobs != 1 && pthread_create(&job->thread, NULL, free_resources, job) == 0;
	if (!job->beside)
		free_resources(job);
}

static void resources_free_finish(struct resources_job *job)
{
	if (job->beside)
		pthread_join(job->thread, NULL);
}

/* A whole build into staging, then the swap.  The model is handed to
 * *model (to be freed with model_free(); NULL when loading failed): on a
 * large site freeing it takes a while, which the caller overlaps with the
 * fingerprints. */
static bool build_all(const struct build_options *opt, const char *fonts_at, struct handover *h, struct inputs *in,
                      struct build_stats *stats, struct diag *d, struct site **model)
{
	*model = NULL;
	/* The fonts come first: the loader checks pattern bodies against them
	 * before it lets them go (struct md). */
	char *site_fonts = in_source(opt->source, "static/fonts");
	struct fontset *fonts = NULL;
	if (fonts_at)
		fonts = font_load(fonts_at, d);
	struct load_options lo = {opt->source, opt->drafts, opt->base_url, fonts, opt->jobs};
	struct site *site = load_site(&lo, d);
	if (fonts_at == NULL && site != NULL) {
		struct pos at = {site_fonts, 0, 0};
		diag_error(d, at, "no fonts: add them to static/fonts (scripts/make-fonts.sh makes them) or install Folio with make install");
	}
	if (site == NULL) {
		font_free(fonts);
		free(site_fonts);
		return false;
	}

	struct bytes_job bytes = {.opt = opt, .fonts_at = fonts_at, .in = in};
	bytes_start(&bytes, site);
	char *templates_dir = in_source(opt->source, "templates");
	char *static_dir = in_source(opt->source, "static");
	struct tpl_set *templates = tpl_new(templates_dir, templates_dir);
	struct output *o = NULL;
	/* The loader has checked the text against the fonts; a build dropped
	 * while it loaded writes nothing. */
	bool ok = fonts != NULL && !cancelled(opt);
	if (ok)
		o = output_begin(opt->out, opt->out, d);
	ok = ok && o != NULL;
	struct reuse *reuse = reuse_from_last(opt, h);
	struct resources_job resources = {.beside = false};
	if (ok) {
		struct render_options ro = {opt->epoch,   fonts,       without_pdf(opt), without_images(opt),
		                            opt->jobs,    reuse,       opt->cancel,      opt->html_only};
		/* The links found in pattern bodies as their pages are made join
		 * the site's before they are checked. */
		struct site *notes = xcalloc(1, sizeof *notes);
		ok = render_with_icons(site, templates, o, &ro, static_dir, &stats->pages, notes, d);
		model_take_notes(site, notes);
		model_free(notes);
		resources_free_start(&resources, site, opt->jobs);
		/* A dropped render lacks files: checking its links would report
		 * errors that are not there. */
		if (!cancelled(opt)) {
			ok = output_copy_tree(o, static_dir, static_dir) && ok;
			ok = ok && check_links(site, o, d);
		}
	}
	/* The last moment to drop the build: after it, the swap. */
	ok = ok && !cancelled(opt);
	if (ok) {
		stats->files = output_count(o);
		stats->new_pages = output_new_pages(o);
		stats->images_reused = reuse_count(reuse);
		h->kept = reuse_noted(reuse, &h->nkept);
		ok = output_commit_stamped(o, &h->output, &h->output_known);
	} else if (cancelled(opt)) {
		stats->set_aside = output_set_aside(o);   /* the caller is waiting */
	} else {
		output_abort(o);
	}
	resources_free_finish(&resources);
	reuse_free(reuse);
	tpl_free(templates);
	font_free(fonts);
	free(site_fonts);
	free(static_dir);
	free(templates_dir);
	bytes_finish(&bytes);
	*model = site;
	return ok;
}

/* Writes r with the output's stamp as it now is (nothing when it cannot
 * be read: the next build then builds). */
static void remember(const char *record, const char *out, struct record *r)
{
	if (tree_stamp(out, &r->output))
		record_write(record, r);
}

/* The record of a build that just finished, whose output's stamp is
 * output; complete when it made everything from the inputs fingerprinted. */
static void remember_build(const char *record, struct hash output, const struct inputs *in,
                           struct handover *h, const struct build_stats *stats, bool complete, const struct diag *d)
{
	struct record r = {in->stamps, in->bytes, output, complete, stats->pages, stats->files, h->tools,
	                         h->kept, h->nkept, BUF_INIT};
	for (size_t i = 0; i < d->nlines; i++) {
		buf_puts(&r.warnings, d->lines[i]);
		buf_putc(&r.warnings, '\n');
	}
	record_write(record, &r);
	buf_free(&r.warnings);
}

/* True when the record r says out is a complete build of these very
 * inputs and nothing in out changed since; then its warnings are shown
 * again.  The inputs' bytes are read only when their stamps differ from
 * the record's (and the record is then brought up to date). */
static bool up_to_date(const char *record, struct record *r, const struct build_options *opt,
                       const char *fonts_at, struct inputs *in, struct build_stats *stats, struct diag *d)
{
	struct hash now;
	bool same = r->complete && tree_stamp(opt->out, &now) && same_hash(r->output, now);
	bool stamped = same && same_hash(r->stamps, in->stamps);
	if (same && !stamped)
		same = input_bytes(opt, fonts_at, NULL, 0, in, pool_threads(opt->jobs)) && same_hash(r->inputs, in->bytes);
	if (same) {
		stats->pages = r->pages;
		stats->files = r->files;
		if (d->stream && r->warnings.len)
			fwrite(r->warnings.data, 1, r->warnings.len, d->stream);
		if (!stamped) {
			r->stamps = in->stamps;
			r->inputs = in->bytes;
			remember(record, opt->out, r);
		}
	}
	return same;
}

/* The stamp of the output as the build left it, by walking it: only when
 * the output module could not work it out (then on a thread of its own,
 * while the inputs are stamped again). */
struct output_stamp_job {
	const char *out;
	struct hash stamp;
	bool known;
};

static void *stamp_output(void *arg)
{
	struct output_stamp_job *job = arg;
	job->known = tree_stamp(job->out, &job->stamp);
	return NULL;
}

static void *free_model(void *site)
{
	model_free(site);
	return NULL;
}

/* What build_and_fingerprint() learns for the record. */
struct fingerprint {
	bool complete;          /* the inputs' stamps are the same after the build as before */
	bool output_known;      /* output holds the stamp of the output the build left */
	struct hash output;
};

/* Builds (the inputs' bytes are hashed meanwhile, see bytes_job); returns
 * true when the new site is in place.  Then fills f: the build is complete
 * when the build and the fingerprint saw the same files, and a record
 * needs the output's stamp.  The model is freed on a thread meanwhile. */
static bool build_and_fingerprint(const struct build_options *opt, const char *fonts_at, struct inputs *in,
                                  struct handover *h, struct build_stats *stats, struct diag *d, struct fingerprint *f)
{
	struct site *model;
	bool built = build_all(opt, fonts_at, h, in, stats, d, &model);
	pthread_t freeing;
	bool beside = model && opt->jobs != 1 && pthread_create(&freeing, NULL, free_model, model) == 0;
	if (!beside)
		free_model(model);
	*f = (struct fingerprint){false, false, {0, 0}};
	if (!built) {
		if (beside)
			pthread_join(freeing, NULL);
		return false;
	}
	/* The output module knows the stamp from what it wrote; the tree is
	 * walked only when it could not tell. */
	struct output_stamp_job stamp = {opt->out, h->output, h->output_known};
	pthread_t thread;
	bool stamping = !stamp.known && opt->jobs != 1 && pthread_create(&thread, NULL, stamp_output, &stamp) == 0;
	struct hash after;
	f->complete = in->known && inputs_hash(opt, fonts_at, false, false, NULL, 0, NULL, &after, 1) &&
	              same_hash(after, in->stamps_rest);
	if (stamping)
		pthread_join(thread, NULL);
	else if (!stamp.known)
		stamp_output(&stamp);
	f->output_known = stamp.known;
	f->output = stamp.stamp;
	if (beside)
		pthread_join(freeing, NULL);
	return true;
}

bool build_run(const struct build_options *opt, struct build_stats *stats, struct diag *d)
{
	char *site_fonts = in_source(opt->source, "static/fonts");
	char *fonts_at = fonts_dir(site_fonts);
	free(site_fonts);
	char *record = record_path(opt->out);
	struct inputs in = {{0, 0}, {0, 0}, {0, 0}, false, false};
	in.known = inputs_hash(opt, fonts_at, false, true, NULL, 0, &in.stamps, &in.stamps_rest, pool_threads(opt->jobs));
	struct record last;
	bool have_last = record_read(record, &last);
	bool ok;
	if (in.known && have_last && up_to_date(record, &last, opt, fonts_at, &in, stats, d)) {
		stats->unchanged = true;
		ok = true;
	} else {
		struct handover h = {have_last ? &last : NULL, {0, 0}, false, NULL, 0, {0, 0}, false};
		h.tools_known = reuse_tools(fonts_at, &h.tools);
		/* A build whose inputs changed while it ran is not complete, but
		 * the files it made are still what they are: they may be reused. */
		struct fingerprint f;
		ok = build_and_fingerprint(opt, fonts_at, &in, &h, stats, d, &f);
		stats->cancelled = !ok && cancelled(opt);
		if (ok && f.output_known)
			remember_build(record, f.output, &in, &h, stats, f.complete && !opt->carry_playbooks, d);
		reuse_kept_free(h.kept, h.nkept);
	}
	if (have_last)
		record_free(&last);
	free(record);
	free(fonts_at);
	return ok;
}
