/* The units file (units.h): where it is, that it gives back what it was
 * given, texts with tabs, newlines and backslashes included, and that a
 * damaged or foreign one is not taken for one. */
#define HARNESS_NAME "units"
#include "harness.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "build/units.h"
#include "content/body.h"

static char work[] = "/tmp/folio-units.XXXXXX";

static bool same_hash(struct hash x, struct hash y)
{
	return x.a == y.a && x.b == y.b;
}

static void test_path_is_beside_the_output(void)
{
	static const char *const cases[][2] = {
		{"public", ".public.folio-units"},
		{"public/", ".public.folio-units"},
		{"site/out", "site/.out.folio-units"},
		{"/srv/www//", "/srv/.www.folio-units"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = units_path(cases[i][0]);
		CHECK_STR(got, cases[i][1]);
		free(got);
	}
}

/* Texts a unit may hold that the format must carry through. */
static const char *const odd[] = {"plain", "a\ttab", "two\nlines", "back\\slash", "\\t not a tab", "=leading", ""};
#define NODD (sizeof odd / sizeof odd[0])

/* Three units: the home page, a resource with links, pages, a left-out
 * file and files, and an empty one. */
static void sample(struct units_record *u, struct render_unit units[3])
{
	memset(units, 0, 3 * sizeof *units);
	units[0].reads_all = true;
	static const char home[] = "<main id=\"main\"><h2 id=\"top\">";
	produced_add_page(&units[0].made, "/", home, strlen(home));
	render_files_add(&units[0].files, "index.html", (struct hash){0, 0});
	struct render_unit *r = &units[1];
	for (size_t i = 0; i < NODD; i++) {
		struct pos at = {i % 2 ? "content/resources/a/patterns/x.md" : NULL, (int)i + 1, (int)i * 3};
		body_links_add(&r->found, "/resources/a/#frag", at);
		r->found.items[i].written = i % 3 ? xstrdup(odd[i]) : NULL;
		r->found.items[i].copy = i % 2 ? NULL : xstrdup(odd[i]);
	}
	static const char two[] = "<p id=\"one\"></p><p id=\"two\"></p>", none[] = "<p></p>";
	produced_add_page(&r->made, "/resources/a/", two, strlen(two));
	produced_add_page(&r->made, "/resources/a/none/", none, strlen(none));
	produced_skip(&r->made, "a/playbook.pdf");
	for (size_t i = 0; i < NODD; i++)
		render_files_add(&r->files, odd[i], hash_bytes(odd[i], strlen(odd[i])));
	r->reads_bodies = true;
	render_sources_add(&r->sources, "/resources/a/none/", 0xfedcba9876543210ull);
	for (size_t i = 0; i < NODD; i++)
		render_sources_add(&r->sources, odd[i], i);
	static struct tree_part folders[2] = {{"a", {1, 2}}, {"b\tc", {3, 4}}};
	static struct tree_part templates[2] = {{"0/base.html", {11, 12}}, {"1/partials/foot er.html", {13, 14}}};
	static unsigned char users[2] = {UNITS_SITE_PAGES | UNITS_RESOURCES, 0};
	static char *slugs[] = {"a", "b"};
	static struct hash faces[] = {{5, 6}, {0xffffffffffffffffull, 0}};
	static char *linked[] = {"/images/a b.png", "/images/tab\there.svg"};
	*u = (struct units_record){.rest = {9, 0x1234567890abcdefull}, .statics = {7, 11}, .static_names = {13, 17},
	                           .pages = {19, 23}, .page_faces = {29, 31}, .site = {53, 59}, .site_face = {61, 67},
	                           .linked = linked, .nlinked = 2, .linked_stamps = {37, 41},
	                           .folders = folders, .nfolders = 2, .templates = templates, .users = users, .ntemplates = 2,
	                           .slugs = slugs, .faces = faces, .nresources = 2,
	                           .render_warnings = 0, .units = units, .nunits = 3};
}

static void check_same_unit(const struct render_unit *got, const struct render_unit *want)
{
	CHECK(got->reads_all == want->reads_all);
	CHECK(got->reads_bodies == want->reads_bodies);
	CHECK_INT(got->sources.n, want->sources.n);
	for (size_t i = 0; i < got->sources.n && i < want->sources.n; i++) {
		CHECK_STR(got->sources.urls[i], want->sources.urls[i]);
		CHECK(got->sources.hashes[i] == want->sources.hashes[i]);
	}
	CHECK_INT(got->found.len, want->found.len);
	for (size_t i = 0; i < got->found.len && i < want->found.len; i++) {
		const struct site_link *g = &got->found.items[i], *w = &want->found.items[i];
		CHECK_STR(g->path, w->path);
		CHECK_STR(g->fragment, w->fragment);
		CHECK((g->written == NULL) == (w->written == NULL));
		if (g->written && w->written)
			CHECK_STR(g->written, w->written);
		CHECK((g->copy == NULL) == (w->copy == NULL));
		if (g->copy && w->copy)
			CHECK_STR(g->copy, w->copy);
		CHECK((g->at.file == NULL) == (w->at.file == NULL));
		if (g->at.file && w->at.file)
			CHECK_STR(g->at.file, w->at.file);
		CHECK(g->at.line == w->at.line && g->at.col == w->at.col);
	}
	CHECK_INT(got->made.npages, want->made.npages);
	for (size_t i = 0; i < got->made.npages && i < want->made.npages; i++) {
		CHECK_STR(got->made.pages[i].url, want->made.pages[i].url);
		CHECK_INT(got->made.pages[i].nids, want->made.pages[i].nids);
		for (size_t k = 0; k < got->made.pages[i].nids && k < want->made.pages[i].nids; k++)
			CHECK_STR(got->made.pages[i].ids[k], want->made.pages[i].ids[k]);
	}
	CHECK_INT(got->made.nskipped, want->made.nskipped);
	for (size_t i = 0; i < got->made.nskipped && i < want->made.nskipped; i++)
		CHECK_STR(got->made.skipped[i], want->made.skipped[i]);
	CHECK_INT(got->files.n, want->files.n);
	for (size_t i = 0; i < got->files.n && i < want->files.n; i++) {
		CHECK_STR(got->files.paths[i], want->files.paths[i]);
		CHECK(same_hash(got->files.bytes[i], want->files.bytes[i]));
	}
}

static void free_sample(struct render_unit units[3])
{
	for (size_t i = 0; i < 3; i++)
		render_unit_free(&units[i]);
}

static void test_what_is_written_is_read(void)
{
	char *path = xasprintf("%s/.out.folio-units", work);
	struct units_record w, r;
	struct render_unit units[3];
	sample(&w, units);
	units_write(path, &w, NULL);
	CHECK(units_read(path, &r));
	/* What was read is what was written, byte for byte. */
	CHECK(!same_hash(w.bytes, (struct hash){0, 0}) && same_hash(r.bytes, w.bytes) && same_hash(r.rest, w.rest));
	CHECK(same_hash(r.statics, w.statics) && same_hash(r.static_names, w.static_names));
	CHECK(same_hash(r.pages, w.pages) && same_hash(r.page_faces, w.page_faces));
	CHECK(same_hash(r.site, w.site) && same_hash(r.site_face, w.site_face));
	CHECK(same_hash(r.linked_stamps, w.linked_stamps));
	CHECK_INT(r.nlinked, 2);
	for (size_t i = 0; i < r.nlinked && i < 2; i++)
		CHECK_STR(r.linked[i], w.linked[i]);
	CHECK_INT(r.render_warnings, 0);
	CHECK_INT(r.nfolders, 2);
	for (size_t i = 0; i < r.nfolders && i < 2; i++) {
		CHECK_STR(r.folders[i].name, w.folders[i].name);
		CHECK(same_hash(r.folders[i].stamp, w.folders[i].stamp));
	}
	CHECK_INT(r.ntemplates, 2);
	for (size_t i = 0; i < r.ntemplates && i < 2; i++) {
		CHECK_STR(r.templates[i].name, w.templates[i].name);
		CHECK(same_hash(r.templates[i].stamp, w.templates[i].stamp));
		CHECK(r.users[i] == w.users[i]);
	}
	CHECK_INT(r.nresources, 2);
	for (size_t i = 0; i < r.nresources && i < 2; i++) {
		CHECK_STR(r.slugs[i], w.slugs[i]);
		CHECK(same_hash(r.faces[i], w.faces[i]));
	}
	CHECK_INT(r.nunits, 3);
	for (size_t i = 0; i < r.nunits && i < 3; i++)
		check_same_unit(&r.units[i], &units[i]);
	/* The links' positions share one copy of each file's name. */
	CHECK_INT(r.nfiles, 1);
	units_free(&r);
	CHECK(r.units == NULL && r.nunits == 0 && r.folders == NULL);
	free_sample(units);
	free(path);
}

/* Written again from what was read, a unit not made again is copied as
 * it was read (a change to it in memory does not show), one made again
 * is written as it is now; with every unit copied, the bytes are the
 * first file's. */
static void test_units_not_made_are_copied(void)
{
	char *path = xasprintf("%s/.copied.folio-units", work);
	struct units_record w, r, again;
	struct render_unit units[3];
	sample(&w, units);
	units_write(path, &w, NULL);
	CHECK(units_read(path, &r));
	struct units_record copy = r;   /* the same units, written anew */
	units_write(path, &copy, &r);
	CHECK(same_hash(copy.bytes, w.bytes));
	r.units[0].reads_all = !r.units[0].reads_all;   /* copied: not seen */
	r.units[1].reads_all = !r.units[1].reads_all;   /* made again: seen */
	r.units[1].made_here = true;
	copy = r;
	units_write(path, &copy, &r);
	CHECK(units_read(path, &again));
	CHECK(again.nunits == 3 && again.units[0].reads_all == units[0].reads_all &&
	      again.units[1].reads_all != units[1].reads_all && again.units[2].reads_all == units[2].reads_all);
	units_free(&again);
	units_free(&r);
	free_sample(units);
	free(path);
}

/* Read in two steps with one unit whole: the others have their pages and
 * left-out files, not their links or files, and are written again as
 * they were read. */
static void test_units_read_in_part(void)
{
	char *path = xasprintf("%s/.part.folio-units", work);
	struct units_record w, r;
	struct render_unit units[3];
	sample(&w, units);
	units_write(path, &w, NULL);
	bool whole[3] = {true, false, true};   /* the one with links and files passed over */
	CHECK(units_read_head(path, &r) && r.nunits == 0 && r.nresources == 2);
	CHECK(units_read_units(&r, whole, 3) && r.nunits == 3);
	for (size_t i = 0; i < r.nunits && i < 3; i++) {
		if (whole[i]) {
			check_same_unit(&r.units[i], &units[i]);
			continue;
		}
		CHECK(r.units[i].found.len == 0 && r.units[i].files.n == 0 && r.units[i].reads_all == units[i].reads_all);
		CHECK_INT(r.units[i].made.npages, units[i].made.npages);
		CHECK_INT(r.units[i].made.nskipped, units[i].made.nskipped);
	}
	struct units_record copy = r;
	units_write(path, &copy, &r);
	CHECK(same_hash(copy.bytes, w.bytes));
	units_free(&r);
	/* A head whose units are never read is freed whole. */
	CHECK(units_read_head(path, &r));
	units_free(&r);
	free_sample(units);
	free(path);
}

/* The file's text, into buf (at most size - 1 bytes, terminated). */
static size_t slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t len = f ? fread(buf, 1, size - 1, f) : 0;
	if (f)
		fclose(f);
	buf[len] = '\0';
	return len;
}

static void spit(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

/* Cut anywhere, with a line changed, of another format, or missing: none. */
static void test_damaged_is_none(void)
{
	char *path = xasprintf("%s/.cut.folio-units", work);
	struct units_record w, r;
	struct render_unit units[3];
	sample(&w, units);
	units_write(path, &w, NULL);
	free_sample(units);
	static char text[16384];
	size_t len = slurp(path, text, sizeof text);
	CHECK(len > 0 && len < sizeof text - 1);
	size_t rejected = 0, tried = 0;
	for (size_t cut = 0; cut < len; cut += 7, tried++) {
		spit(path, text, cut);
		rejected += !units_read(path, &r);
		CHECK(r.units == NULL && r.nunits == 0);
	}
	CHECK_INT(rejected, tried);
	static const char *const swaps[][2] = {
		{"folio-units 9", "folio-units 8"}, {"\nU 2 ", "\nU 4 "}, {"\nB 18364758544493064720\t", "\nB x\t"},
		{"\nB 18364758544493064720\t=", "\nB 18364758544493064720\t"}, {"\nstatics ", "\nstatic "}, {"\nstatic-names ", "\nstatic-names 1"},
		{"\nlinked ", "\nlinks "}, {"\nlinked-files 2\n", "\nlinked-files 3\n"}, {"\n\t=/images/a b", "\nx\t=/images/a b"},
		{"\npages ", "\npage "}, {"\npage-faces ", "\npage-faces x"}, {"\nsite ", "\nsites "},
		{"\nsite-face ", "\nsite-face x"},
		{"\n3 0000", "\n4 0000"}, {"\nU 0 ", "\nU 0 9"},
		/* Counts a damaged file could give: refused, not made room for. */
		{"\nunits 3\n", "\nunits 99999999\n"}, {"\nU 2 7 ", "\nU 2 99999999 "}, {"\nP 2\t", "\nP 3\t"},
		{"\nF 0000000000000000 0000000000000000\t=", "\nF 0000000000000000 0000000000000000\t"},
		{"\nF 0000000000000000 ", "\nF 000000000000000x "}, {"\nF 0000000000000000 ", "\nF\t"},
		{"\nend\n", "\nend\nmore\n"}, {"\\t", "\\q"},
	};
	for (size_t i = 0; i < sizeof swaps / sizeof swaps[0]; i++) {
		char *at = strstr(text, swaps[i][0]);
		CHECK(at != NULL);
		if (at == NULL)
			continue;
		struct buf b = BUF_INIT;
		buf_put(&b, text, (size_t)(at - text));
		buf_puts(&b, swaps[i][1]);
		buf_puts(&b, at + strlen(swaps[i][0]));
		spit(path, b.data, b.len);
		buf_free(&b);
		if (units_read(path, &r)) {
			harness_note(__FILE__, __LINE__, "a file with '%s' made '%s' was read", swaps[i][0], swaps[i][1]);
			units_free(&r);
		}
	}
	/* A NUL inside a field, where a reader of strings would stop short
	 * and take what comes before it for the field. */
	static char with_nul[16384];
	memcpy(with_nul, text, len);
	char *page = strstr(with_nul, "\nP 2\t=");
	CHECK(page != NULL);
	if (page) {
		*(strchr(page + 1, '\n') - 1) = '\0';    /* the last field's end */
		spit(path, with_nul, len);
		CHECK(!units_read(path, &r));
	}
	/* An empty file. */
	spit(path, text, 0);
	CHECK(!units_read(path, &r));
	unlink(path);
	CHECK(!units_read(path, &r));
	free(path);
}

/* One that cannot be written leaves none behind to be trusted. */
static void test_unwritable_removes_the_old(void)
{
	char *dir = xasprintf("%s/ro", work);
	char *path = xasprintf("%s/.out.folio-units", dir);
	CHECK(mkdir(dir, 0755) == 0);
	struct units_record w, r;
	struct render_unit units[3];
	sample(&w, units);
	units_write(path, &w, NULL);
	CHECK(units_read(path, &r));
	units_free(&r);
	/* A folder in the way of the temporary file: the write fails. */
	char *tmp = xasprintf("%s.%ld", path, (long)getpid());
	CHECK(mkdir(tmp, 0755) == 0);
	w.rest.a++;
	units_write(path, &w, NULL);
	CHECK(!units_read(path, &r));
	CHECK(rmdir(tmp) == 0);
	free_sample(units);
	free(tmp);
	free(path);
	free(dir);
}

int main(void)
{
	if (mkdtemp(work) == NULL)
		return 2;
	RUN(test_path_is_beside_the_output);
	RUN(test_what_is_written_is_read);
	RUN(test_units_not_made_are_copied);
	RUN(test_units_read_in_part);
	RUN(test_damaged_is_none);
	RUN(test_unwritable_removes_the_old);
	char *clean = xasprintf("rm -rf '%s'", work);
	if (system(clean) != 0)
		fprintf(stderr, "cannot remove %s\n", work);
	free(clean);
	return harness_done();
}
