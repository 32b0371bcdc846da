/* Unit tests of output.h: staging, atomic replacement, refusing foreign folders. */
#define HARNESS_NAME "output"
#include "harness.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/tree.h"
#include "base/xalloc.h"
#include "output/output.h"

static char root[64];

static char *path_of(const char *rel)
{
	static char path[4][512];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", root, rel);
	return p;
}

static bool exists(const char *rel)
{
	struct stat st;
	return lstat(path_of(rel), &st) == 0;
}

/* The content of a small file, or "" when it cannot be read. */
static const char *content(const char *rel)
{
	static char text[256];
	text[0] = '\0';
	FILE *f = fopen(path_of(rel), "rb");
	if (f == NULL)
		return "(missing)";
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void put(const char *rel, const char *text)
{
	FILE *f = fopen(path_of(rel), "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Names in the root folder other than "." and "..", sorted, space-separated. */
static const char *listing(void)
{
	static char text[1024];
	struct dirent **names;
	int n = scandir(root, &names, NULL, alphasort);
	text[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
			if (text[0])
				strncat(text, " ", sizeof text - strlen(text) - 1);
			strncat(text, names[i]->d_name, sizeof text - strlen(text) - 1);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return text;
}

static const char *only_line(const struct diag *d)
{
	if (d->nlines == 0)
		return "(none)";
	if (d->nlines > 1)
		return "(several)";
	return d->lines[0];
}

static void test_first_build(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(path_of("site"), "site", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	/* Nothing appears at the final path before the commit. */
	CHECK(!exists("site"));
	CHECK(output_write(o, "index.html", "<p>home</p>\n", 12));
	CHECK(output_write(o, "a/b/c.txt", "deep", 4));
	CHECK(output_has(o, "index.html"));
	CHECK(output_has(o, "a/b/c.txt"));
	CHECK(!output_has(o, "a/b"));
	CHECK(!output_has(o, "missing.html"));
	CHECK_INT(output_count(o), 2);  /* the marker does not count */
	CHECK(!exists("site"));
	CHECK(output_commit(o));
	CHECK_STR(content("site/index.html"), "<p>home</p>\n");
	CHECK_STR(content("site/a/b/c.txt"), "deep");
	CHECK(exists("site/" OUTPUT_MARKER));
	/* No staging folder is left beside it. */
	CHECK_STR(listing(), "site");
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_commit_replaces_the_folder(void)
{
	struct diag d;
	diag_init(&d, NULL);
	put("site/stale.html", "old");
	struct output *o = output_begin(path_of("site"), "site", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(output_write(o, "index.html", "new", 3));
	/* The old build is intact until the commit. */
	CHECK_STR(content("site/index.html"), "<p>home</p>\n");
	CHECK(output_commit(o));
	CHECK_STR(content("site/index.html"), "new");
	CHECK(!exists("site/stale.html"));   /* the whole folder is replaced, not merged */
	CHECK(!exists("site/a"));
	CHECK(exists("site/" OUTPUT_MARKER));
	CHECK_STR(listing(), "site");
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_abort_leaves_old_folder(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(path_of("site"), "site", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(output_write(o, "index.html", "half-built", 10));
	CHECK(output_write(o, "extra.html", "x", 1));
	CHECK_CONTAINS(listing(), ".site.staging-");  /* a staging folder exists now... */
	output_abort(o);
	CHECK_STR(content("site/index.html"), "new");
	CHECK(!exists("site/extra.html"));
	CHECK_STR(listing(), "site");        /* ...and is gone */
	output_abort(NULL);                  /* a no-op */
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_refuses_foreign_folder(void)
{
	struct diag d;
	diag_init(&d, NULL);
	mkdir(path_of("mine"), 0755);
	put("mine/notes.txt", "my notes");
	struct output *o = output_begin(path_of("mine"), "mine", &d);
	CHECK(o == NULL);
	CHECK_STR(only_line(&d), "mine: error: exists and was not made by Folio (no .folio-build file); remove it or choose another --out");
	CHECK_STR(content("mine/notes.txt"), "my notes");
	CHECK_STR(listing(), "mine site");
	diag_free(&d);

	/* A file where the folder should be is refused the same way. */
	diag_init(&d, NULL);
	put("file.txt", "data");
	o = output_begin(path_of("file.txt"), "file.txt", &d);
	CHECK(o == NULL);
	CHECK_STR(only_line(&d), "file.txt: error: exists and was not made by Folio (no .folio-build file); remove it or choose another --out");
	CHECK_STR(content("file.txt"), "data");
	diag_free(&d);
}

static void test_empty_folder_is_used(void)
{
	struct diag d;
	diag_init(&d, NULL);
	mkdir(path_of("empty"), 0755);
	struct output *o = output_begin(path_of("empty/"), "empty/", &d);  /* a trailing slash is fine */
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(output_write(o, "x.txt", "x", 1));
	CHECK(output_commit(o));
	CHECK_STR(content("empty/x.txt"), "x");
	CHECK(exists("empty/" OUTPUT_MARKER));
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_stale_staging_is_removed(void)
{
	/* A build killed midway leaves .NAME.staging-PID; a later build removes it
	 * when that process is gone. */
	mkdir(path_of(".site.staging-999999999"), 0755);
	put(".site.staging-999999999/junk.html", "junk");
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(path_of("site"), "site", &d);
	CHECK(o != NULL);
	CHECK(!exists(".site.staging-999999999"));
	output_abort(o);
	CHECK_STR(content("site/index.html"), "new");
	diag_free(&d);
}

static void test_modes_ignore_umask(void)
{
	mode_t old = umask(077);
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(path_of("modes"), "modes", &d);
	CHECK(o != NULL);
	if (o) {
		CHECK(output_write(o, "dir/file.txt", "x", 1));
		CHECK(output_commit(o));
	}
	/* And an update: a file changed, one in new folders. */
	o = output_begin_update(path_of("modes"), "modes", &d);
	CHECK(o != NULL);
	if (o) {
		CHECK(output_write(o, "dir/file.txt", "y", 1));
		CHECK(output_write(o, "new/deep/file.txt", "z", 1));
		CHECK(output_apply(o, 1, NULL));
	}
	umask(old);
	struct stat st;
	CHECK(stat(path_of("modes/dir/file.txt"), &st) == 0 && (st.st_mode & 0777) == 0644);
	CHECK(stat(path_of("modes/new/deep/file.txt"), &st) == 0 && (st.st_mode & 0777) == 0644);
	CHECK(stat(path_of("modes/new/deep"), &st) == 0 && (st.st_mode & 0777) == 0755);
	CHECK(stat(path_of("modes/new"), &st) == 0 && (st.st_mode & 0777) == 0755);
	CHECK(stat(path_of("modes/dir"), &st) == 0 && (st.st_mode & 0777) == 0755);
	CHECK(stat(path_of("modes"), &st) == 0 && (st.st_mode & 0777) == 0755);
	diag_free(&d);
}

static void test_copy_tree(void)
{
	mkdir(path_of("static"), 0755);
	mkdir(path_of("static/images"), 0755);
	put("static/images/logo.svg", "<svg/>");
	put("static/robots.txt", "User-agent: *\n");
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(path_of("copied"), "copied", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(output_copy_tree(o, path_of("static"), "static"));
	CHECK(output_has(o, "images/logo.svg"));
	CHECK(output_has(o, "robots.txt"));
	CHECK_INT(output_count(o), 2);
	/* A missing source folder is no error: a site may have no static files. */
	CHECK(output_copy_tree(o, path_of("no-such-folder"), "no-such-folder"));
	CHECK(output_commit(o));
	CHECK_STR(content("copied/images/logo.svg"), "<svg/>");
	CHECK_INT(d.nlines, 0);
	diag_free(&d);

	/* Symbolic links are refused. */
	CHECK(symlink("/etc/hostname", path_of("static/link.txt")) == 0);
	diag_init(&d, NULL);
	o = output_begin(path_of("copied"), "copied", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(!output_copy_tree(o, path_of("static"), "static"));
	CHECK_STR(only_line(&d), "static/link.txt: error: symbolic links are not copied from static/; put the file itself there");
	output_abort(o);
	CHECK(!exists("copied/link.txt"));
	diag_free(&d);
}

/* The union of two trees, the first winning on a path both have: a
 * site's static/ over a theme's. */
static void test_copy_trees(void)
{
	static const char *const dirs[] = {"over", "over/site", "over/site/css", "over/theme", "over/theme/css",
	                                   "over/theme/fonts", "over/site/both", "over/theme/both"};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		mkdir(path_of(dirs[i]), 0755);
	put("over/site/css/site.css", "site");
	put("over/site/css/extra.css", "extra");
	put("over/theme/css/site.css", "theme");
	put("over/theme/css/print.css", "print");
	put("over/theme/fonts/a.ttf", "font");
	put("over/site/both/x", "site x");
	put("over/theme/both", "a file where the site has a folder");
	put("over/site/only.txt", "only");
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(path_of("union"), "union", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	char *site = xstrdup(path_of("over/site")), *theme = xstrdup(path_of("over/theme"));
	struct output_tree trees[] = {{site, "static"}, {theme, "theme/static"}, {path_of("no-such"), "none"}};
	CHECK(output_copy_trees(o, trees, 3));
	CHECK_INT(output_count(o), 6);
	CHECK(output_commit(o));
	CHECK_STR(content("union/css/site.css"), "site");
	CHECK_STR(content("union/css/extra.css"), "extra");
	CHECK_STR(content("union/css/print.css"), "print");
	CHECK_STR(content("union/fonts/a.ttf"), "font");
	CHECK_STR(content("union/both/x"), "site x");
	CHECK_STR(content("union/only.txt"), "only");
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
	free(site);
	free(theme);
}

/* The stamp worked out at the commit is the one a walk of the folder
 * finds: after a first build (files and nested folders written anew) and
 * after a second that links unchanged files from it (whose link counts,
 * and so change times, move when the first build is removed). */
static void test_commit_stamp_is_the_walk(void)
{
	static const char *const files[][2] = {
		{"index.html", "home"}, {"a/b/c.txt", "deep"}, {"a/b/d.txt", "deeper"}, {"a/e/f.svg", "<svg/>"},
		{"z.css", "p{}"},
	};
	for (int round = 0; round < 2; round++) {
		struct diag d;
		diag_init(&d, NULL);
		struct output *o = output_begin(path_of("stamped"), "stamped", &d);
		CHECK(o != NULL);
		if (o == NULL)
			return;
		for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
			CHECK(output_write(o, files[i][0], files[i][1], strlen(files[i][1])));
		if (round == 1)
			CHECK(output_write(o, "a/new/g.txt", "new in the second build", 23));
		struct hash at_commit = {0, 0}, walked = {1, 1};
		bool stamped = false;
		CHECK(output_commit_stamped(o, &at_commit, &stamped));
		CHECK(stamped);
		CHECK(tree_stamp(path_of("stamped"), &walked));
		CHECK(at_commit.a == walked.a && at_commit.b == walked.b);
		diag_free(&d);
	}
	/* And it changes with the folder: a file added by hand is seen. */
	struct hash before, after;
	CHECK(tree_stamp(path_of("stamped"), &before));
	put("stamped/extra.txt", "x");
	CHECK(tree_stamp(path_of("stamped"), &after));
	CHECK(before.a != after.a || before.b != after.b);
	/* A file removed from a folder is seen though the folder's own times
	 * do not count; so is a folder's mode.  Its times alone are not. */
	static const char *const edits[][3] = {{"rm", "a/b/c.txt", "changed"}, {"chmod 700", "a/e", "changed"},
	                                       {"touch -d 2001-01-01", "a/b", "same"}};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		char cmd[1024], rel[64];
		CHECK(tree_stamp(path_of("stamped"), &before));
		snprintf(rel, sizeof rel, "stamped/%s", edits[i][1]);
		snprintf(cmd, sizeof cmd, "%s '%s'", edits[i][0], path_of(rel));
		CHECK(system(cmd) == 0);
		CHECK(tree_stamp(path_of("stamped"), &after));
		bool same = before.a == after.a && before.b == after.b;
		CHECK(same == (strcmp(edits[i][2], "same") == 0));
	}
}

/* A build of its own, at upd/, for the updates below. */
static void build_for_update(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin(path_of("upd"), "upd", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(output_write(o, "index.html", "home", 4));
	CHECK(output_write(o, "p/q/index.html", "page", 4));
	CHECK(output_write(o, "p/q/og.png", "card", 4));
	CHECK(output_commit(o));
	diag_free(&d);
}

static void test_update_abort_changes_nothing(void)
{
	build_for_update();
	struct stat before;
	CHECK(stat(path_of("upd/index.html"), &before) == 0);
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin_update(path_of("upd"), "upd", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(output_in_place(o));
	CHECK(output_write(o, "index.html", "changed", 7));
	CHECK(output_write(o, "new/index.html", "new", 3));
	output_remove(o, "p/q/og.png");
	/* Held, not written: the folder is as it was until the commit. */
	CHECK_STR(content("upd/index.html"), "home");
	CHECK(!exists("upd/new"));
	/* What the update writes, and the build's other files but those it
	 * removes, count as there. */
	CHECK(output_has(o, "new/index.html"));
	CHECK(output_has(o, "p/q/index.html"));
	CHECK(!output_has(o, "p/q/og.png"));
	CHECK(output_made(o, "new/index.html"));
	CHECK(!output_made(o, "p/q/index.html"));
	/* Changed bytes wait in the spool beside the folder. */
	CHECK(exists("upd.update"));
	output_abort(o);
	CHECK_STR(content("upd/index.html"), "home");
	CHECK_STR(content("upd/p/q/og.png"), "card");
	CHECK(!exists("upd/new"));
	CHECK(!exists("upd.update"));
	struct stat after;
	CHECK(stat(path_of("upd/index.html"), &after) == 0 && after.st_ino == before.st_ino);
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_update_commit_in_place(void)
{
	struct stat same_before, kept_before;
	CHECK(stat(path_of("upd/p/q/index.html"), &same_before) == 0);
	CHECK(stat(path_of("upd/index.html"), &kept_before) == 0);
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin_update(path_of("upd"), "upd", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	CHECK(output_write(o, "p/q/index.html", "other", 5));
	CHECK(output_write(o, "p/q/index.html", "page", 4));     /* the last write counts: the same bytes */
	output_keep(o, "index.html");
	CHECK(output_write(o, "r/s/index.html", "moved", 5));
	output_remove(o, "p/q/og.png");
	output_remove(o, "index.html");                          /* kept: not removed */
	size_t changed = 99;
	CHECK(output_apply(o, 1, &changed));
	CHECK_INT(changed, 1);                                   /* r/s/index.html alone */
	CHECK_STR(content("upd/r/s/index.html"), "moved");
	CHECK_STR(content("upd/index.html"), "home");
	CHECK(!exists("upd/p/q/og.png"));
	/* A file whose bytes did not change is not written again. */
	struct stat same_after, kept_after;
	CHECK(stat(path_of("upd/p/q/index.html"), &same_after) == 0 && same_after.st_ino == same_before.st_ino &&
	      same_after.st_mtime == same_before.st_mtime);
	CHECK(stat(path_of("upd/index.html"), &kept_after) == 0 && kept_after.st_ino == kept_before.st_ino);
	/* Nothing is left of the spool. */
	CHECK(!exists("upd.update"));
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

static void test_update_removes_emptied_folders(void)
{
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin_update(path_of("upd"), "upd", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	output_remove(o, "r/s/index.html");
	CHECK(output_apply(o, 1, NULL));
	CHECK(!exists("upd/r"));        /* as a whole build without the page would be */
	CHECK(exists("upd/p/q/index.html"));
	CHECK(exists("upd/" OUTPUT_MARKER));
	diag_free(&d);
}

/* An update told what the build it updates wrote (output_know) takes
 * that for what is in place: a page whose bytes the record gives is not
 * read, a path told two hashes is, and one with a hash that differs is
 * written. */
static void test_update_takes_the_record_for_the_bytes_in_place(void)
{
	CHECK_STR(content("upd/p/q/index.html"), "page");
	CHECK_STR(content("upd/index.html"), "home");
	struct diag d;
	diag_init(&d, NULL);
	struct output *o = output_begin_update(path_of("upd"), "upd", &d);
	CHECK(o != NULL);
	if (o == NULL)
		return;
	/* The record says "other", which the update writes: left as it is
	 * (a caller checks the folder against the record before the apply). */
	output_know(o, "p/q/index.html", hash_bytes("other", 5));
	/* Told "hone", then something else: read, and found to differ. */
	output_know(o, "index.html", hash_bytes("hone", 4));
	output_know(o, "index.html", hash_bytes("x", 1));
	output_know(o, "t/index.html", hash_bytes("old", 3));
	CHECK(output_write(o, "p/q/index.html", "other", 5));
	CHECK(output_write_hashed(o, "index.html", "hone", 4, hash_bytes("hone", 4)));
	CHECK(output_write(o, "t/index.html", "new", 3));
	CHECK_INT(output_changed(o), 2);
	size_t changed = 0;
	CHECK(output_apply(o, 1, &changed));
	CHECK_INT(changed, 2);
	CHECK_STR(content("upd/p/q/index.html"), "page");
	CHECK_STR(content("upd/index.html"), "hone");
	CHECK_STR(content("upd/t/index.html"), "new");
	CHECK_INT(d.nlines, 0);
	diag_free(&d);
}

/* An update of many files in many folders, put in place on one thread
 * and on three: the same files, the same count of pages and of files
 * added, and a fingerprint carried forward that is the walk's. */
static void test_update_on_threads_stamps_the_walk(void)
{
	enum { FOLDERS = 150 };         /* pages in folders of their own, as a site's are */
	for (int threads = 1; threads <= 3; threads += 2) {
		struct diag d;
		diag_init(&d, NULL);
		struct output *o = output_begin(path_of("many"), "many", &d);
		CHECK(o != NULL);
		if (o == NULL)
			return;
		char rel[64], text[64];
		for (int i = 0; i < FOLDERS; i++) {
			snprintf(rel, sizeof rel, "r%d/p%d/index.html", i % 7, i);
			snprintf(text, sizeof text, "page %d", i);
			CHECK(output_write(o, rel, text, strlen(text)));
		}
		CHECK(output_commit(o));
		struct hash stamp;
		CHECK(tree_stamp(path_of("many"), &stamp));
		o = output_begin_update(path_of("many"), "many", &d);
		CHECK(o != NULL);
		if (o == NULL)
			return;
		/* Every other page changed, the rest kept, ten added in new
		 * folders and three removed. */
		for (int i = 0; i < FOLDERS + 10; i++) {
			snprintf(rel, sizeof rel, "r%d/p%d/index.html", i % 7, i);
			snprintf(text, sizeof text, i % 2 ? "page %d" : "page %d, edited", i);
			if (i >= 3)
				CHECK(output_write(o, rel, text, strlen(text)));
			else
				output_remove(o, rel);
		}
		size_t changed = 0;
		long added = 0;
		bool stamped = false;
		CHECK(output_apply_stamped(o, threads, &changed, &stamp, &added, &stamped));
		CHECK(stamped);
		CHECK_INT(changed, (FOLDERS - 4) / 2 + 10);     /* the even pages from 4 on, and the new ones */
		CHECK_INT(added, 10 - 3);
		struct hash walked;
		CHECK(tree_stamp(path_of("many"), &walked));
		CHECK(stamp.a == walked.a && stamp.b == walked.b);
		CHECK_STR(content("many/r4/p4/index.html"), "page 4, edited");
		CHECK_STR(content("many/r5/p5/index.html"), "page 5");
		snprintf(rel, sizeof rel, "many/r%d/p%d/index.html", (FOLDERS + 9) % 7, FOLDERS + 9);
		CHECK_STR(content(rel), "page 159");
		CHECK(!exists("many/r1/p1"));           /* removed, and its folder with it */
		CHECK(!exists("many.update"));
		CHECK_INT(d.nlines, 0);
		diag_free(&d);
	}
}

static void test_update_refuses_foreign_folder(void)
{
	CHECK(mkdir(path_of("foreign-upd"), 0755) == 0);
	put("foreign-upd/mine.txt", "not a build");
	struct diag d;
	diag_init(&d, NULL);
	CHECK(output_begin_update(path_of("foreign-upd"), "foreign-upd", &d) == NULL);
	CHECK(strstr(only_line(&d), "no build of Folio's to update here") != NULL);
	CHECK_STR(content("foreign-upd/mine.txt"), "not a build");
	diag_free(&d);
}

int main(void)
{
	char tmpl[] = "/tmp/folio-test-out-XXXXXX";
	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(root, sizeof root, "%s", tmpl);
	RUN(test_first_build);
	RUN(test_commit_replaces_the_folder);
	RUN(test_abort_leaves_old_folder);
	RUN(test_refuses_foreign_folder);
	RUN(test_empty_folder_is_used);
	RUN(test_stale_staging_is_removed);
	RUN(test_modes_ignore_umask);
	RUN(test_copy_tree);
	RUN(test_copy_trees);
	RUN(test_commit_stamp_is_the_walk);
	RUN(test_update_abort_changes_nothing);
	RUN(test_update_commit_in_place);
	RUN(test_update_removes_emptied_folders);
	RUN(test_update_takes_the_record_for_the_bytes_in_place);
	RUN(test_update_on_threads_stamps_the_walk);
	RUN(test_update_refuses_foreign_folder);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	return harness_done();
}
