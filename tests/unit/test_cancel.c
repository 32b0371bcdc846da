/*
 * Unit tests of dropping work half way, as the preview does with a build
 * that a newer edit made useless: a pool run stopped by one of its own
 * tasks starts no task after it (on one thread); a PDF, a playbook or a
 * whole build dropped reports nothing and leaves nothing behind, and a
 * dropped build leaves the published folder and the build record exactly
 * as they were; a staging folder set aside for later outlives the next
 * build.  Behaviour only: nothing here depends on timing.
 */
#define HARNESS_NAME "cancel"
#include "harness.h"

#include <stdatomic.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/pool.h"
#include "base/xalloc.h"
#include "build/build.h"
#include "build/record.h"
#include "content/load.h"
#include "output/output.h"
#include "pdf/pdf.h"
#include "pdf/playbook.h"

#define EPOCH 1767225600LL      /* 2026-01-01T00:00:00Z, as in tests/lib.sh */
#define NTASKS 12

static char work[64];
static struct fontset *fonts;

/* ---- pool --------------------------------------------------------------- */

struct counted {
	atomic_bool stop;
	size_t stop_at;                 /* the task that sets stop; NTASKS: none */
	atomic_int ran[NTASKS];
};

static void count_task(void *ctx, int worker, size_t task)
{
	(void)worker;
	struct counted *c = ctx;
	atomic_fetch_add(&c->ran[task], 1);
	if (task == c->stop_at)
		atomic_store(&c->stop, true);
}

/* How many tasks ran; checks that they are the first ones, once each. */
static size_t tasks_run(struct counted *c)
{
	size_t n = 0;
	while (n < NTASKS && atomic_load(&c->ran[n]) == 1)
		n++;
	for (size_t i = n; i < NTASKS; i++)
		CHECK(atomic_load(&c->ran[i]) == 0);
	return n;
}

static bool run_counted(struct counted *c, int threads, size_t stop_at, bool stopped_before)
{
	static const size_t order[NTASKS] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
	atomic_init(&c->stop, stopped_before);
	c->stop_at = stop_at;
	for (size_t i = 0; i < NTASKS; i++)
		atomic_init(&c->ran[i], 0);
	return pool_run_until(NTASKS, order, threads, count_task, c, &c->stop);
}

static void test_pool_stopped_before_it_starts(void)
{
	struct counted c;
	CHECK(!run_counted(&c, 2, NTASKS, true));
	CHECK(tasks_run(&c) == 0);
	CHECK(run_counted(&c, 2, NTASKS, false));
	CHECK(tasks_run(&c) == NTASKS);
}

static void test_pool_stopped_by_a_task(void)
{
	struct counted c;
	CHECK(!run_counted(&c, 1, 3, false));
	CHECK(tasks_run(&c) == 4);
	/* Two threads: how many the other one ran meanwhile depends on the
	 * scheduler; still the tasks run are the first ones, and the run says
	 * whether any was skipped. */
	bool whole = run_counted(&c, 2, 3, false);
	size_t n = tasks_run(&c);
	CHECK(n >= 4 && whole == (n == NTASKS));
	/* Stopped by the last task: nothing was skipped. */
	CHECK(run_counted(&c, 2, NTASKS - 1, false));
	CHECK(tasks_run(&c) == NTASKS);
}

/* ---- pdf and playbook ----------------------------------------------------- */

static struct pdf *one_page(struct diag *d)
{
	static const struct pdf_info info = {"Dropped", "Folio", "A test", "cancel", "Folio 0.1.0", EPOCH, "en", PDF_PAPER_A4, NULL};
	struct pdf *p = pdf_new(fonts, &info, "dropped.pdf", d);
	if (p) {
		size_t page = pdf_add_page(p);
		pdf_text(p, page, 56, 80, FONT_REGULAR, 12, NULL, "Some text to compress and a font to subset.");
	}
	return p;
}

static void test_pdf_dropped_writes_nothing(void)
{
	struct diag d;
	diag_init(&d, NULL);
	atomic_bool stop;
	atomic_init(&stop, true);
	struct buf out = BUF_INIT, whole = BUF_INIT;
	struct pdf *p = one_page(&d);
	CHECK(p && !pdf_finish_until(p, &out, &stop));
	CHECK(out.len == 0);
	pdf_free(p);
	atomic_store(&stop, false);
	p = one_page(&d);
	CHECK(p && pdf_finish_until(p, &out, &stop));
	pdf_free(p);
	p = one_page(&d);
	CHECK(p && pdf_finish(p, &whole));
	pdf_free(p);
	CHECK(out.len > 0 && out.len == whole.len && memcmp(out.data, whole.data, out.len) == 0);
	CHECK(d.errors == 0 && d.nlines == 0);
	buf_free(&out);
	buf_free(&whole);
	diag_free(&d);
}

static void test_playbook_dropped_writes_nothing(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct options lo = {.source = TEST_ROOT "/tests/fixtures/minimal", .jobs = 1};
	static const char *const templates[] = {TEST_ROOT "/tests/fixtures/minimal/templates", TEST_ROOT "/theme/templates", NULL};
	struct site *site = load_site(&lo, templates, fonts, &d);
	CHECK(site != NULL && site->resources.len > 0);
	if (site == NULL || site->resources.len == 0) {
		diag_free(&d);
		return;
	}
	const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, 0);
	atomic_bool stop;
	atomic_init(&stop, true);
	struct options opt = {.epoch = EPOCH, .cancel = &stop};
	struct buf out = BUF_INIT;
	buf_puts(&out, "untouched");
	size_t pages = 7;
	CHECK(!playbook_build(site, r, fonts, &opt, &out, &pages, &d));
	CHECK(out.len == 9 && memcmp(out.data, "untouched", 9) == 0);
	CHECK(pages == 7);
	CHECK(d.errors == 0 && d.nlines == 0);
	atomic_store(&stop, false);
	CHECK(playbook_build(site, r, fonts, &opt, &out, &pages, &d));
	CHECK(pages > 1 && out.len > 4 && memcmp(out.data, "%PDF", 4) == 0);
	buf_free(&out);
	model_free(site);
	diag_free(&d);
}

/* ---- build ---------------------------------------------------------------- */

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

/* The published folder as it is: every file's name, inode, size and
 * bytes' checksum, and the record's checksum, into file. */
static bool snapshot(const char *out, const char *file)
{
	char *record = record_path(out);
	char *cmd = xasprintf("cd '%s' && find . -printf '%%P %%i %%s\\n' | LC_ALL=C sort >'%s' && "
	                      "find . -type f -exec md5sum {} + | LC_ALL=C sort >>'%s' && md5sum <'%s' >>'%s'",
	                      out, file, file, record, file);
	bool ok = run(cmd);
	free(cmd);
	free(record);
	return ok;
}

/* A staging folder set aside is where it says, leaves the published
 * folder alone, and is left alone by the next build of this process. */
static void test_set_aside_outlives_the_next_build(void)
{
	char *out = xasprintf("%s/aside", work), *marker = xasprintf("%s/aside/.folio-build", work);
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(out, out, &d);
	CHECK(o && output_write(o, "index.html", "first", 5) && output_commit(o));
	o = output_begin(out, out, &d);
	CHECK(o && output_write(o, "index.html", "dropped", 7));
	char *aside = output_set_aside(o);
	CHECK(aside != NULL);
	char *index = xasprintf("%s/index.html", aside ? aside : work);
	CHECK(access(index, R_OK) == 0 && access(marker, R_OK) == 0);
	o = output_begin(out, out, &d);
	CHECK(o && output_write(o, "index.html", "next", 4) && output_commit(o));
	CHECK(access(index, R_OK) == 0);
	output_remove_tree(aside ? aside : "");
	CHECK(access(index, F_OK) != 0);
	CHECK(d.errors == 0);
	diag_free(&d);
	free(index);
	free(aside);
	free(marker);
	free(out);
}

static bool build(const char *source, const char *out, const atomic_bool *cancel, struct build_stats *stats,
                  struct diag *d)
{
	struct options opt = {.source = source, .theme = TEST_ROOT "/theme", .out = out, .epoch = EPOCH, .jobs = 2,
	                      .cancel = cancel};
	*stats = (struct build_stats){.pages = 0};
	return build_run(&opt, stats, d);
}

static void test_build_dropped_leaves_everything(void)
{
	char *source = xasprintf("%s/site", work), *out = xasprintf("%s/out", work);
	char *copy = xasprintf("cp -R '%s/tests/fixtures/minimal' '%s'", TEST_ROOT, source);
	char *edit = xasprintf("printf '\\nOne more sentence.\\n' >>'%s/content/resources/demo/patterns/alpha.md'",
	                       source);
	char *before = xasprintf("%s/before", work), *after = xasprintf("%s/after", work);
	char *compare = xasprintf("cmp -s '%s' '%s'", before, after);
	char *staging = xasprintf("test -z \"$(find '%s' -maxdepth 1 -name '.*staging*')\"", work);
	struct diag d;
	diag_init(&d, NULL);
	struct build_stats stats;
	atomic_bool cancel;
	atomic_init(&cancel, false);
	CHECK(run(copy));
	CHECK(build(source, out, &cancel, &stats, &d) && !stats.cancelled);
	CHECK(run(edit));
	CHECK(snapshot(out, before));
	atomic_store(&cancel, true);
	CHECK(!build(source, out, &cancel, &stats, &d));
	CHECK(stats.cancelled);
	CHECK(stats.set_aside == NULL);   /* dropped before it wrote anything */
	CHECK(d.errors == 0 && d.nlines == 0);
	CHECK(snapshot(out, after) && run(compare));
	CHECK(run(staging));
	/* The next build, not dropped, is the whole one. */
	atomic_store(&cancel, false);
	CHECK(build(source, out, &cancel, &stats, &d) && !stats.cancelled && !stats.unchanged);
	CHECK(d.errors == 0);
	diag_free(&d);
	free(staging);
	free(compare);
	free(after);
	free(before);
	free(edit);
	free(copy);
	free(out);
	free(source);
}

int main(void)
{
	snprintf(work, sizeof work, "%s", "/tmp/folio-cancel.XXXXXX");
	if (mkdtemp(work) == NULL)
		return 1;
	struct diag d;
	diag_init(&d, stderr);
	fonts = font_load(TEST_ROOT "/theme/static/fonts", &d);
	diag_free(&d);
	if (fonts == NULL)
		return 1;
	RUN(test_pool_stopped_before_it_starts);
	RUN(test_pool_stopped_by_a_task);
	RUN(test_pdf_dropped_writes_nothing);
	RUN(test_playbook_dropped_writes_nothing);
	RUN(test_set_aside_outlives_the_next_build);
	RUN(test_build_dropped_leaves_everything);
	font_free(fonts);
	char *clean = xasprintf("rm -rf '%s'", work);
	run(clean);
	free(clean);
	return harness_done();
}
