/*
 * When a build may be skipped (fingerprint.h): after a complete build of
 * the same inputs into an output nobody touched; the stamps spare reading
 * the bytes, and the bytes decide when only the stamps moved.
 */
#define HARNESS_NAME "fingerprint"
#include "harness.h"

#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "build/build.h"
#include "build/fingerprint.h"
#include "build/record.h"
#include "build/source.h"

#define EPOCH 1767225600LL      /* 2026-01-01T00:00:00Z, as in tests/lib.sh */

static char work[] = "/tmp/folio-fingerprint.XXXXXX";
static char *source, *theme, *out;

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

static struct options options_for(bool reuse_playbooks)
{
	return (struct options){.source = source, .theme = theme, .out = out, .epoch = EPOCH, .no_pdf = true,
	                        .jobs = 2, .reuse_playbooks = reuse_playbooks};
}

/* A build into into (NULL: out), its counts in *stats when not NULL, the
 * number of lines it reported in *lines when not NULL. */
static bool build_told(const char *into, bool reuse_playbooks, struct build_stats *stats, size_t *lines)
{
	struct options opt = options_for(reuse_playbooks);
	if (into)
		opt.out = into;
	struct build_stats mine = {0};
	struct diag d;
	diag_init(&d, NULL);
	bool ok = build_run(&opt, stats ? stats : &mine, &d) && d.errors == 0;
	if (lines)
		*lines = d.nlines;
	diag_free(&d);
	return ok;
}

static bool build_into(const char *into, bool reuse_playbooks, struct build_stats *stats)
{
	return build_told(into, reuse_playbooks, stats, NULL);
}

static bool build(bool reuse_playbooks)
{
	return build_into(NULL, reuse_playbooks, NULL);
}

/* Whether a build now would be skipped. */
static bool unchanged(void)
{
	struct options opt = options_for(false);
	char *fonts_at = source_fonts(&opt);
	struct fingerprint *f = fingerprint_new(&opt, fonts_at);
	struct build_stats stats = {0};
	struct diag d;
	diag_init(&d, NULL);
	bool same = fingerprint_unchanged(f, &stats, &d);
	CHECK(!same || stats.pages > 0);
	diag_free(&d);
	fingerprint_free(f);
	free(fonts_at);
	return same;
}

static struct record last(void)
{
	char *path = record_path(out);
	struct record rec;
	CHECK(record_read(path, &rec));
	free(path);
	return rec;
}

static void test_skipped_after_a_complete_build(void)
{
	CHECK(!unchanged());            /* no record yet */
	CHECK(build(false));
	CHECK(unchanged());
	CHECK(unchanged());
}

/* A touched file moves the stamps, not the bytes: still skipped, and the
 * record takes the new stamps, so the bytes are not read again. */
static void test_touched_file_decided_by_bytes(void)
{
	struct record before = last();
	char *touch = xasprintf("touch -d '2001-01-01' '%s/content/resources/demo/patterns/alpha.md'", source);
	CHECK(run(touch));
	CHECK(unchanged());
	struct record after = last();
	CHECK(before.stamps.a != after.stamps.a || before.stamps.b != after.stamps.b);
	CHECK(before.inputs.a == after.inputs.a && before.inputs.b == after.inputs.b);
	record_free(&before);
	record_free(&after);
	free(touch);
}

static void test_edits_are_seen(void)
{
	char *edits[] = {
		xasprintf("printf '\\nOne more line.\\n' >>'%s/content/resources/demo/patterns/beta.md'", source),
		xasprintf("printf '<!-- -->' >>'%s/templates/404.html'", source),
		xasprintf("printf 'x' >'%s/static/added.txt'", source),
		xasprintf("printf 'x' >'%s/by-hand.txt'", out),
		/* The theme's files are inputs as the site's are. */
		xasprintf("printf '<!-- -->' >>'%s/templates/partials/footer.html'", theme),
		xasprintf("printf '/* */' >>'%s/static/css/site.css'", theme),
		xasprintf("printf 'x' >'%s/static/added.txt'", theme),
	};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		CHECK(run(edits[i]));
		CHECK(!unchanged());
		CHECK(build(false) && unchanged());
		free(edits[i]);
	}
}

/* A build with the playbooks of the last one is never complete (with
 * nothing changed, it is skipped as any other). */
static void test_playbooks_reused_is_incomplete(void)
{
	char *edit = xasprintf("printf '\\nAnd another.\\n' >>'%s/content/resources/demo/patterns/beta.md'", source);
	CHECK(run(edit));
	free(edit);
	CHECK(build(true));
	struct record rec = last();
	CHECK(!rec.complete);
	record_free(&rec);
	CHECK(!unchanged());
	CHECK(build(false) && unchanged());
}

/* The number of lines the shell command cmd prints. */
static size_t count_lines(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	int c;
	while (p && (c = getc(p)) != EOF)
		n += c == '\n';
	CHECK(p != NULL && pclose(p) == 0);
	return n;
}

/* Whether the record counts the pages and files out holds (the marker
 * is not part of the site). */
static bool record_counts_output(void)
{
	char *files = xasprintf("find '%s' -type f ! -name .folio-build", out);
	char *pages = xasprintf("find '%s' -type f -name '*.html'", out);
	struct record rec = last();
	bool same = rec.files == count_lines(files) && rec.pages == count_lines(pages);
	if (!same)
		harness_note(__FILE__, __LINE__, "the record counts %zu pages and %zu files", rec.pages, rec.files);
	record_free(&rec);
	free(pages);
	free(files);
	return same;
}

/* Whether out is what a build from scratch makes of the sources now. */
static bool same_as_clean(void)
{
	char *clean = xasprintf("%s/clean", work);
	char *cmd = xasprintf("rm -rf '%s'", clean);
	bool ok = run(cmd) && build_into(clean, false, NULL);
	free(cmd);
	cmd = xasprintf("diff -r '%s' '%s' >&2", out, clean);
	ok = ok && run(cmd);
	free(cmd);
	/* And the units file, which the next update trusts: from the list of
	 * resources on (what the site's pages show of each, then every unit),
	 * an update writes what a clean build of the same inputs writes.  The
	 * stamps above may lag: a file touched but not changed leaves it; so
	 * may the static files linked to, which an update only adds to. */
	cmd = xasprintf("sed -n '/^resources /,$p' '%s/.out.folio-units' | sed '/^linked-files /,/^units /{/^units /!d}' "
	                ">'%s/units.out' && "
	                "sed -n '/^resources /,$p' '%s/.clean.folio-units' | sed '/^linked-files /,/^units /{/^units /!d}' "
	                ">'%s/units.clean' && "
	                "test -s '%s/units.out' && cmp '%s/units.out' '%s/units.clean' >&2",
	                work, work, work, work, work, work, work);
	ok = ok && run(cmd);
	free(cmd);
	free(clean);
	return ok;
}

/* An edit inside a resource folder is made in place from the units file
 * (units.h), reading only that resource when the site's own pages and
 * the links elsewhere do not depend on what changed; any other edit, or a
 * units file that does not belong to the record, builds whole.  Either
 * way the output is a clean build's. */
static void test_resource_edits_update_in_place(void)
{
	/* A second resource, which an edit of the first leaves unread. */
	char *second = xasprintf("cp -R '%s/content/resources/demo' '%s/content/resources/second'", source, source);
	CHECK(run(second));
	free(second);
	CHECK(build(false) && unchanged());
	struct {
		const char *edit;       /* a shell command, run in the source */
		bool update;            /* made in place */
		size_t updated;         /* resources made again */
		bool partly;            /* the others left unread */
		size_t statics;         /* static files copied over */
	} cases[] = {
		{"printf '\\nA line added.\\n' >>content/resources/demo/patterns/alpha.md", true, 1, true, 0},
		/* What the site's pages show of the resource left unread is
		 * still known. */
		{"printf '\\nA line added.\\n' >>content/resources/second/patterns/alpha.md", true, 1, true, 0},
		/* The site's own pages show the title: the whole site is read. */
		{"sed -i 's/^title: .*/title: Alpha, renamed/' content/resources/demo/patterns/alpha.md", true, 1, false, 0},
		{"printf 'x' >content/resources/demo/notes.txt", true, 1, true, 0},
		{"rm content/resources/demo/notes.txt", true, 1, true, 0},
		/* A heading added: the page's ids change, which a link from
		 * another resource may name. */
		{"printf '\\n## One more heading\\n\\nText.\\n' >>content/resources/demo/patterns/alpha.md", true, 1, false, 0},
		{"printf '\\nA line.\\n' >>content/resources/demo/patterns/alpha.md && "
		 "printf '\\nAnother.\\n' >>content/resources/second/patterns/beta.md", true, 2, true, 0},
		/* The output changed by hand beside an edit: the update, which
		 * would keep that change, is dropped before anything is put in
		 * place, and the site built whole. */
		{"printf '\\nA line.\\n' >>content/resources/demo/patterns/beta.md && printf 'x' >>../out/index.html", false, 0,
		 false, 0},
		/* The same beside a title edit, which reads the whole site. */
		{"sed -i 's/^title: .*/title: Alpha, once more/' content/resources/demo/patterns/alpha.md && "
		 "printf 'x' >>../out/index.html", false, 0, false, 0},
		/* site.yaml: every page in an update, when no playbook prints
		 * what changed; these builds make none, so even the publisher's
		 * name (incremental.sh has the build that does).  An edit
		 * beside a resource's builds whole. */
		{"sed -i 's/^tagline: .*/tagline: Another one/' content/site.yaml", true, 2, false, 0},
		{"sed -i 's/^  name: .*/  name: Another Publisher/' content/site.yaml", true, 2, false, 0},
		{"sed -i 's/^tagline: .*/tagline: And another/' content/site.yaml && "
		 "printf '\nA line.\n' >>content/resources/demo/patterns/beta.md", false, 0, false, 0},
		/* The 404 page's template: the site's own pages alone; a partial
		 * every page reads; the theme's footer, which only the theme's
		 * templates for the site's own pages read here (the fixture's
		 * base.html has a footer of its own). */
		{"printf '<!-- -->' >>templates/404.html", true, 0, false, 0},
		{"printf '<!-- -->' >>templates/partials/head.html", true, 2, false, 0},
		{"sed -i 's|</footer>|<!-- --></footer>|' ../theme/templates/partials/footer.html", true, 0, false, 0},
		/* A template added, then taken away again. */
		{"cp ../theme/templates/partials/footer.html templates/partials/", true, 0, false, 0},
		{"rm templates/partials/footer.html", true, 0, false, 0},
		/* A resource and a template at once; the interface's strings,
		 * which are part of the model: whole builds. */
		{"printf '\\nOnce more.\\n' >>content/resources/demo/patterns/alpha.md && "
		 "printf '<!-- -->' >>templates/404.html", false, 0, false, 0},
		{"printf '\\n' >>../theme/templates/strings/en.yaml", false, 0, false, 0},
		{"printf '\\nAnd one more.\\n' >>content/resources/demo/patterns/beta.md", true, 1, true, 0},
		/* A pattern added and removed: its page's folder made and gone. */
		{"sed 's/^title: .*/title: Gamma pattern/; s/^weight: 2/weight: 3/' content/resources/demo/patterns/beta.md "
		 ">content/resources/demo/patterns/gamma.md", true, 1, false, 0},
		{"rm content/resources/demo/patterns/gamma.md", true, 1, false, 0},
		/* A plain page: added, a whole build (the menus show it); its
		 * body edited, the site's own pages alone; its title, which the
		 * menus show, every page in an update (no playbook shows it);
		 * taken away, whole again. */
		{"mkdir -p content/pages && "
		 "printf -- '---\\ntitle: About\\ndescription: Who writes this site, for which readers, and how its "
		 "pages are put together.\\nmenu: header\\n---\\nA page.\\n' "
		 ">content/pages/about.md", false, 0, false, 0},
		{"printf '\\nA line more.\\n' >>content/pages/about.md", true, 0, false, 0},
		{"printf '\\nAnd a link to [the demo](/resources/demo/).\\n' >>content/pages/about.md", true, 0, false, 0},
		{"sed -i 's/^title: .*/title: About us/' content/pages/about.md", true, 2, false, 0},
		{"rm -r content/pages", false, 0, false, 0},
		/* A static file edited, the site's or the theme's: copied over,
		 * with no page made again and no resource read. */
		{"printf '\n/* a rule */\n' >>../theme/static/css/site.css", true, 0, true, 1},
		{"printf '<!-- -->' >>static/images/logo.svg", true, 0, true, 1},
		/* With a resource: both. */
		{"printf '\nA line.\n' >>content/resources/demo/patterns/beta.md && "
		 "printf '\n/* another */\n' >>../theme/static/css/site.css", true, 1, true, 1},
		/* Only its stamp moved: nothing to do. */
		{"touch ../theme/static/css/site.css", false, 0, false, 0},
		/* A static file added or removed may take a page's name: whole
		 * builds.  A font sets the pages and pictures: a whole build. */
		{"printf 'x' >static/images/extra.txt", false, 0, false, 0},
		{"rm static/images/extra.txt", false, 0, false, 0},
		{"printf '\n' >>../theme/static/fonts/LICENSE.txt", false, 0, false, 0},
		/* A static file a text links to is content (a page shows the
		 * image at its size): its edit builds whole, and another static
		 * file is still copied over. */
		{"printf '\n![The logo](/images/logo.svg)\n' >>content/resources/demo/patterns/beta.md", true, 1, true, 0},
		{"sed -i 's/width=\"160\" height=\"40\"/width=\"320\" height=\"80\"/' static/images/logo.svg", false, 0,
		 false, 0},
		{"printf '\n/* and one more */\n' >>../theme/static/css/site.css", true, 0, true, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *edit = xasprintf("cd '%s' && %s", source, cases[i].edit);
		CHECK(run(edit));
		struct build_stats stats = {0};
		size_t lines = 1;
		CHECK(build_told(NULL, false, &stats, &lines) && lines == 0);
		if (stats.update != cases[i].update || stats.updated != cases[i].updated ||
		    stats.partly != cases[i].partly || stats.statics != cases[i].statics)
			harness_note(__FILE__, __LINE__,
			             "'%s': update %d of %zu resources (partly %d, %zu static), expected %d of %zu (%d, %zu)",
			             edit, stats.update, stats.updated, stats.partly, stats.statics, cases[i].update,
			             cases[i].updated, cases[i].partly, cases[i].statics);
		CHECK(same_as_clean());
		/* The record's fingerprint of the output, carried forward through
		 * the update, is the output's: nothing left to do. */
		CHECK(unchanged());
		CHECK(record_counts_output());
		free(edit);
	}
	/* A units file of another build (a face changed: it reads as well as
	 * ever) is not trusted: the record names its own by its bytes. */
	char *units = xasprintf("%s/.out.folio-units", work);
	char *edit = xasprintf("printf '\\nAgain.\\n' >>'%s/content/resources/demo/patterns/alpha.md' && "
	                       "sed -i '/^resources /{n;s/^[0-9a-f]* [0-9a-f]*/0000000000000001 0000000000000002/}' '%s'",
	                       source, units);
	CHECK(run(edit));
	struct build_stats stats = {0};
	CHECK(build_into(NULL, false, &stats) && !stats.update && same_as_clean());
	free(edit);
	free(units);
}

/* An update that reads one resource reports what it reports once, and a
 * warning it prints is printed again by the next build, which reads the
 * whole site; an error leaves the output as it was. */
static void test_partial_update_reports(void)
{
	CHECK(build(false) && unchanged());
	char *alpha = xasprintf("%s/content/resources/demo/patterns/alpha.md", source);
	char *edit = xasprintf("cp '%s' '%s.saved' && printf '\\nA <br> tag.\\n' >>'%s'", alpha, alpha, alpha);
	CHECK(run(edit));
	free(edit);
	struct build_stats stats = {0};
	size_t lines = 0;
	CHECK(build_told(NULL, false, &stats, &lines) && stats.update && stats.partly && lines == 1);
	CHECK(same_as_clean() && unchanged());
	edit = xasprintf("printf '\\nMore.\\n' >>'%s/content/resources/second/patterns/beta.md'", source);
	CHECK(run(edit));
	free(edit);
	stats = (struct build_stats){0};
	lines = 0;
	CHECK(build_told(NULL, false, &stats, &lines) && !stats.partly && lines == 1);
	CHECK(same_as_clean());
	/* A link to no page: one error, and nothing written. */
	struct record before = last();
	edit = xasprintf("cp '%s.saved' '%s' && printf '\\nSee [nothing](/resources/demo/nowhere/).\\n' >>'%s'", alpha,
	                 alpha, alpha);
	CHECK(run(edit));
	free(edit);
	stats = (struct build_stats){0};
	struct options opt = options_for(false);
	struct diag d;
	diag_init(&d, NULL);
	CHECK(!build_run(&opt, &stats, &d) && d.errors == 1 && d.nlines == 1);
	diag_free(&d);
	struct record after = last();
	CHECK(hash_same(before.output, after.output) && hash_same(before.stamps, after.stamps));
	record_free(&before);
	record_free(&after);
	/* A heading renamed that a link from the resource left unread names,
	 * in an answer (which the loader reads, not the render): the whole
	 * site is read, and the link reported. */
	char *answer = xasprintf("%s/content/resources/second/faq/first-question.md", source);
	edit = xasprintf("cp '%s.saved' '%s' && printf '\\n## A heading to rename\\n\\nText.\\n' >>'%s' && "
	                 "printf '\\nSee [it](/resources/demo/patterns/alpha/#a-heading-to-rename).\\n' >>'%s'",
	                 alpha, alpha, alpha, answer);
	CHECK(run(edit));
	free(edit);
	CHECK(build(false) && same_as_clean());
	edit = xasprintf("sed -i 's/^## A heading to rename/## Renamed/' '%s'", alpha);
	CHECK(run(edit));
	free(edit);
	diag_init(&d, NULL);
	stats = (struct build_stats){0};
	CHECK(!build_run(&opt, &stats, &d) && d.errors == 1 && d.nlines == 1);
	diag_free(&d);
	edit = xasprintf("mv '%s.saved' '%s'", alpha, alpha);
	CHECK(run(edit));
	free(edit);
	free(alpha);
	edit = xasprintf("sed -i '/a-heading-to-rename/d' '%s'", answer);
	CHECK(run(edit));
	free(edit);
	free(answer);
	CHECK(build(false) && same_as_clean());
	/* A stylesheet edited to load a file the build does not write: the
	 * update of the static files reports it, and writes nothing. */
	char *css = xasprintf("%s/static/css/site.css", theme);
	edit = xasprintf("cp '%s' '%s.saved' && printf '\nbody { background: url(nowhere.png); }\n' >>'%s'", css, css,
	                 css);
	CHECK(run(edit));
	free(edit);
	before = last();
	diag_init(&d, NULL);
	stats = (struct build_stats){0};
	CHECK(!build_run(&opt, &stats, &d) && d.errors == 1 && d.nlines == 1);
	CHECK(d.nlines == 1 && strstr(d.lines[0], "nowhere.png") != NULL);
	diag_free(&d);
	after = last();
	CHECK(hash_same(before.output, after.output) && hash_same(before.stamps, after.stamps));
	record_free(&before);
	record_free(&after);
	edit = xasprintf("mv '%s.saved' '%s'", css, css);
	CHECK(run(edit));
	free(edit);
	free(css);
	CHECK(build(false) && unchanged() && same_as_clean());
}

int main(void)
{
	if (mkdtemp(work) == NULL)
		return 2;
	source = xasprintf("%s/site", work);
	out = xasprintf("%s/out", work);
	theme = xasprintf("%s/theme", work);
	char *copy = xasprintf("cp -R '%s/tests/fixtures/minimal' '%s' && cp -R '%s/theme' '%s'", TEST_ROOT, source,
	                       TEST_ROOT, theme);
	if (!run(copy))
		return 2;
	RUN(test_skipped_after_a_complete_build);
	RUN(test_touched_file_decided_by_bytes);
	RUN(test_edits_are_seen);
	RUN(test_playbooks_reused_is_incomplete);
	RUN(test_resource_edits_update_in_place);
	RUN(test_partial_update_reports);
	char *clean = xasprintf("rm -rf '%s'", work);
	run(clean);
	free(clean);
	free(copy);
	free(out);
	free(theme);
	free(source);
	return harness_done();
}
