/*
 * folio: the command line.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "base/diag.h"
#include "base/interrupt.h"
#include "base/monotime.h"
#include "base/pool.h"
#include "base/progress.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "build/build.h"
#include "build/source.h"
#include "output/output.h"
#include "scaffold/scaffold.h"
#include "serve/serve.h"
#include "web/check.h"


enum { EXIT_CONTENT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: folio build [--source DIR] [--theme DIR] [--out DIR] [--drafts]\n"
	"                   [--base-url URL] [--quiet] [--no-pdf] [--no-images]\n"
	"                   [--html-only] [-j N]\n"
	"       folio serve [--source DIR] [--theme DIR] [--port N] [--bind ADDR]\n"
	"                   [--drafts] [--open]\n"
	"       folio check [DIR] [--base-url URL]\n"
	"       folio new site DIR\n"
	"       folio new resource|page SLUG [--source DIR]\n"
	"       folio new pattern|faq RESOURCE/SLUG [--source DIR]\n"
	"       folio --help | --version\n"
	"\n"
	"  build            turn DIR/content into a site, with the theme's templates and\n"
	"                   static files where DIR/templates and DIR/static have none\n"
	"  --source DIR     folder holding content/, and its own templates/ and static/\n"
	"                   if any (default: .)\n"
	"  --theme DIR      take the theme from DIR, not the one that comes with folio\n"
	"  --out DIR        where the site goes (default: DIR/public)\n"
	"  --drafts         include entries marked draft: true\n"
	"  --base-url URL   use URL instead of base_url from content/site.yaml\n"
	"  --quiet          print errors only, not the summary\n"
	"  --no-pdf         leave out the playbook PDFs (quicker drafts)\n"
	"  --no-images      leave out the PNG diagrams and social cards\n"
	"  --html-only      only the pages and what they load: no PDFs, PNGs, diagram\n"
	"                   files or Markdown twins (diagrams stay inline)\n"
	"  -j N, --jobs N   render on N threads (default: the number of cores)\n"
	"\n"
	"  serve            build, serve the site on http://127.0.0.1:8000/, rebuild on\n"
	"                   every change and reload the open pages; Ctrl-C stops it\n"
	"  --port N         listen on port N (default: 8000, or the next free one)\n"
	"  --bind ADDR      listen on ADDR instead of 127.0.0.1\n"
	"  --open           open the site in a browser (xdg-open)\n"
	"\n"
	"  check            read a built site (default: public) back and report broken\n"
	"                   links and anchors, missing assets, images without alt, pages\n"
	"                   without a description, unknown JSON-LD terms and FAQ answers\n"
	"                   that differ from the page, one 'file:line: message' a line\n"
	"  --base-url URL   the site's URL (default: the home page's canonical link)\n"
	"\n"
	"  new              write commented starting files that build at once, never\n"
	"                   over a file that exists: a site (content/site.yaml and a\n"
	"                   resource with a pattern and a question) in a new folder DIR,\n"
	"                   or one resource, pattern, question (faq) or page in the site\n"
	"                   in --source DIR (default: .); a SLUG is a-z, 0-9 and '-'\n"
	"\n"
	"Exit status: 0 built (or no problems found), 1 content or template error\n"
	"(or problems found), 2 usage error.\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("folio: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'folio --help'.\n", stderr);
	return EXIT_USAGE;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else the clock. */
static bool build_epoch(long long *epoch)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env == NULL || *env == '\0') {
		*epoch = (long long)time(NULL);
		return true;
	}
	char *end;
	errno = 0;
	*epoch = strtoll(env, &end, 10);
	/* The year must be computable too (gmtime fails past year INT_MAX). */
	time_t t = (time_t)*epoch;
	struct tm tm;
	return errno == 0 && *end == '\0' && *epoch >= 0 && gmtime_r(&t, &tm) != NULL;
}

/* A thread count for -j: 1 to 256. */
static bool parse_jobs(const char *text, int *jobs)
{
	char *end;
	errno = 0;
	long n = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || n < 1 || n > 256)
		return false;
	*jobs = (int)n;
	return true;
}

static int bad_epoch(void)
{
	return usage_error("SOURCE_DATE_EPOCH must be a whole number of seconds, not '%s'", getenv("SOURCE_DATE_EPOCH"));
}

/* The theme: the folder given with --theme, else the built-in one (NULL
 * when there is none).  *owned gets what the caller frees.  False when
 * the folder given is not a theme. */
static bool pick_theme(const char *given, const char **theme, char **owned)
{
	*owned = NULL;
	if (given) {
		*theme = given;
		return source_is_theme(given);
	}
	*owned = source_theme();
	*theme = *owned;
	return true;
}

static int bad_theme(const char *given)
{
	return usage_error("--theme wants a theme folder, one with a templates/ folder; '%s' is not", given);
}

/* " (N images and M pattern bodies from the last build)", or "" for
 * none, in buf. */
static const char *reused_note(const struct build_stats *stats, char *buf, size_t size)
{
	size_t images = stats->images_reused, bodies = stats->bodies_kept;
	if (images == 0 && bodies == 0)
		return "";
	char of_images[32] = "", of_bodies[48] = "";
	if (images)
		snprintf(of_images, sizeof of_images, "%zu image%s", images, images == 1 ? "" : "s");
	if (bodies)
		snprintf(of_bodies, sizeof of_bodies, "%zu pattern bod%s", bodies, bodies == 1 ? "y" : "ies");
	snprintf(buf, size, " (%s%s%s from the last build)", of_images, images && bodies ? " and " : "", of_bodies);
	return buf;
}

/* " and N static files" an update copied over, or "". */
static const char *statics_note(size_t n, char *buf, size_t size)
{
	if (n == 0)
		return "";
	snprintf(buf, size, " and %zu static file%s", n, n == 1 ? "" : "s");
	return buf;
}

/* The line a build that went through ends with. */
static void summary(const struct options *opt, const struct build_stats *stats, double took)
{
	char note[112], copied[48];
	if (stats->unchanged)
		printf("folio: %s is up to date (%zu pages, %zu files), checked in %.0f ms\n", opt->out, stats->pages,
		       stats->files, took);
	else if (stats->update)
		printf("folio: updated %zu page%s (%zu resource%s)%s in %.0f ms in %s%s\n", stats->pages,
		       stats->pages == 1 ? "" : "s", stats->updated, stats->updated == 1 ? "" : "s",
		       statics_note(stats->statics, copied, sizeof copied), took, opt->out,
		       reused_note(stats, note, sizeof note));
	else
		printf("folio: built %zu pages, %zu files in %.0f ms into %s%s\n", stats->pages, stats->files, took,
		       opt->out, reused_note(stats, note, sizeof note));
}

/* A build stopped by a signal (interrupt.h): removes what it wrote, says
 * so in one line and returns the exit status a shell gives the signal. */
static int stopped(const struct options *opt, struct build_stats *stats)
{
	if (stats->set_aside)
		output_remove_tree(stats->set_aside);
	free(stats->set_aside);
	stats->set_aside = NULL;
	fprintf(stderr, "folio: build stopped by %s; nothing was changed, %s is as it was\n", interrupt_name(),
	        opt->out);
	return interrupt_status();
}

static int cmd_build(int argc, char **argv)
{
	static const struct option options[] = {
		{"source", required_argument, NULL, 's'},
		{"out", required_argument, NULL, 'o'},
		{"drafts", no_argument, NULL, 'd'},
		{"base-url", required_argument, NULL, 'b'},
		{"quiet", no_argument, NULL, 'q'},
		{"no-pdf", no_argument, NULL, 'P'},
		{"no-images", no_argument, NULL, 'I'},
		{"html-only", no_argument, NULL, 'H'},
		{"jobs", required_argument, NULL, 'j'},
		{"theme", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0}};
	struct options opt = {.source = "."};
	const char *theme = NULL;
	bool quiet = false;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:", options, NULL)) != -1) {
		switch (c) {
		case 's': opt.source = optarg; break;
		case 'o': opt.out = optarg; break;
		case 'd': opt.drafts = true; break;
		case 'b': opt.base_url = optarg; break;
		case 'q': quiet = true; break;
		case 'P': opt.no_pdf = true; break;
		case 'I': opt.no_images = true; break;
		case 'H': opt.html_only = true; break;
		case 't': theme = optarg; break;
		case 'j':
			if (!parse_jobs(optarg, &opt.jobs))
				return usage_error("-j wants a number of threads from 1 to 256, not '%s'", optarg);
			break;
		default:
			return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!build_epoch(&opt.epoch))
		return bad_epoch();
	char *found_theme;
	if (!pick_theme(theme, &opt.theme, &found_theme))
		return bad_theme(theme);
	char *default_out = NULL;
	if (opt.out == NULL) {
		/* getopt_long() always sets optarg for a required_argument option. */
		// NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker)
		default_out = strcmp(opt.source, ".") == 0 ? xstrdup("public") : xasprintf("%s/public", opt.source);
		opt.out = default_out;
	}

	double start = monotime_ms();
	struct diag d;
	diag_init(&d, stderr);
	struct build_stats stats = {.pages = 0};
	if (interrupt_catch())
		opt.cancel = interrupt_flag();
	opt.progress = !quiet && isatty(STDERR_FILENO) ? progress_start(stderr) : NULL;
	bool ok = build_run(&opt, &stats, &d);
	progress_free(opt.progress);
	int rc = ok ? 0 : EXIT_CONTENT;
	if (stats.cancelled)
		rc = stopped(&opt, &stats);
	else if (ok && !quiet)
		summary(&opt, &stats, monotime_ms() - start);
	else if (!ok)
		fprintf(stderr, "folio: %zu error%s; %s was left unchanged\n", d.errors, d.errors == 1 ? "" : "s",
		        opt.out);
	diag_free(&d);
	free(default_out);
	free(found_theme);
	return rc;
}

static int cmd_serve(int argc, char **argv)
{
	static const struct option options[] = {
		{"source", required_argument, NULL, 's'},
		{"port", required_argument, NULL, 'p'},
		{"bind", required_argument, NULL, 'b'},
		{"drafts", no_argument, NULL, 'd'},
		{"open", no_argument, NULL, 'o'},
		{"theme", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0}};
	struct serve_options opt = {.source = ".", .port = -1};
	const char *theme = NULL;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		char *end;
		switch (c) {
		case 's': opt.source = optarg; break;
		case 'b': opt.bind = optarg; break;
		case 'd': opt.drafts = true; break;
		case 'o': opt.open = true; break;
		case 't': theme = optarg; break;
		case 'p':
			errno = 0;
			long port = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || port < 0 || port > 65535)
				return usage_error("--port takes a number from 0 to 65535, not '%s'", optarg);
			opt.port = (int)port;
			break;
		default:
			return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!build_epoch(&opt.epoch))
		return bad_epoch();
	char *found_theme;
	if (!pick_theme(theme, &opt.theme, &found_theme))
		return bad_theme(theme);
	int rc = serve_run(&opt);
	free(found_theme);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {{"base-url", required_argument, NULL, 'b'}, {NULL, 0, NULL, 0}};
	struct check_options opt = {"public", NULL};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (c != 'b')
			return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		opt.base_url = optarg;
	}
	if (optind < argc)
		opt.dir = argv[optind++];
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	struct check_stats stats = {0, 0, 0};
	/* A check writes nothing: a signal may end it where it is. */
	interrupt_exit_at_once("folio check: stopped; nothing was written\n");
	if (!check_site(&opt, stdout, stderr, &stats))
		return EXIT_USAGE;
	fprintf(stderr, "folio check: %zu page%s, %zu file%s: %zu problem%s\n", stats.pages, stats.pages == 1 ? "" : "s",
	        stats.files, stats.files == 1 ? "" : "s", stats.problems, stats.problems == 1 ? "" : "s");
	return stats.problems ? EXIT_CONTENT : 0;
}

static int cmd_new(int argc, char **argv)
{
	static const struct option options[] = {{"source", required_argument, NULL, 's'}, {NULL, 0, NULL, 0}};
	const char *source = NULL;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (c != 's')
			return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
		source = optarg;
	}
	enum scaffold_kind kind;
	if (optind >= argc)
		return usage_error("new wants what to make: site, resource, pattern, faq or page");
	if (!scaffold_kind_named(argv[optind], &kind))
		return usage_error("cannot make a '%s': new makes a site, resource, pattern, faq or page", argv[optind]);
	if (optind + 1 >= argc)
		return usage_error("new %s wants a %s", argv[optind],
		                   kind == SCAFFOLD_SITE ? "folder" : kind == SCAFFOLD_PATTERN || kind == SCAFFOLD_FAQ
		                                                           ? "RESOURCE/SLUG"
		                                                           : "SLUG");
	if (optind + 2 < argc)
		return usage_error("unexpected argument '%s'", argv[optind + 2]);
	if (kind == SCAFFOLD_SITE && source)
		return usage_error("new site takes its folder as its argument, not --source");
	const char *name = argv[optind + 1];
	return scaffold_new(kind, name, source ? source : ".", stdout, stderr) ? 0 : EXIT_CONTENT;
}

int main(int argc, char **argv)
{
	xalloc_policy();
	LIBXML_TEST_VERSION
	int rc;
	if (argc < 2) {
		fputs(usage_text, stderr);
		rc = EXIT_USAGE;
	} else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(usage_text, stdout);
		rc = 0;
	} else if (strcmp(argv[1], "--version") == 0) {
		printf("folio %s\n", FOLIO_VERSION);
		rc = 0;
	} else if (strcmp(argv[1], "build") == 0) {
		rc = cmd_build(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "serve") == 0) {
		rc = cmd_serve(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "check") == 0) {
		rc = cmd_check(argc - 1, argv + 1);
	} else if (strcmp(argv[1], "new") == 0) {
		rc = cmd_new(argc - 1, argv + 1);
	} else {
		rc = usage_error("unknown command '%s'", argv[1]);
	}
	pool_end();     /* its threads hold libxml2's state of theirs */
	xmlCleanupParser();
	return rc;
}
