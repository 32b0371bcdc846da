/* The fingerprints of input trees (tree.h): the same on any number of threads,
 * and moved by any change below the folder. */
/* nftw */
#define _XOPEN_SOURCE 700
#define HARNESS_NAME "tree"
#include "harness.h"

#include <ftw.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/listing.h"
#include "base/tree.h"
#include "base/xalloc.h"

static char root[64];

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

static void put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static struct hash tree(bool bytes, int threads)
{
	struct hasher s;
	hasher_init(&s);
	CHECK(tree_hash(&s, root, bytes, threads));
	return s.h;
}

static bool same(struct hash x, struct hash y)
{
	return x.a == y.a && x.b == y.b;
}

/* 12 folders of 3 files, one of them with a folder of its own: enough
 * subfolders for the walk to share them out. */
static void make_tree(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'/* && mkdir -p '%s/r05/deep'", root, root);
	CHECK(run(cmd));
	for (int r = 0; r < 12; r++) {
		char dir[128], rel[64];
		snprintf(dir, sizeof dir, "%s/r%02d", root, r);
		mkdir(dir, 0755);
		for (int f = 0; f < 3; f++) {
			snprintf(rel, sizeof rel, "r%02d/f%d.md", r, f);
			put(rel, rel);
		}
	}
	put("r05/deep/leaf.md", "leaf");
	put("top.yaml", "top");
}

static void test_same_on_any_number_of_threads(void)
{
	make_tree();
	for (int bytes = 0; bytes < 2; bytes++) {
		struct hash one = tree(bytes, 1);
		CHECK(same(one, tree(bytes, 2)));
		CHECK(same(one, tree(bytes, 5)));
	}
}

/* An edit deep in a subfolder walked by another thread is seen, by bytes
 * and by stamp; an edit that restores the bytes is not seen by bytes. */
static void test_deep_edit_is_seen(void)
{
	make_tree();
	struct hash bytes = tree(true, 2), stamps = tree(false, 2);
	put("r05/deep/leaf.md", "leaf, edited");
	CHECK(!same(bytes, tree(true, 2)));
	CHECK(!same(stamps, tree(false, 2)));
	put("r05/deep/leaf.md", "leaf");
	CHECK(same(bytes, tree(true, 2)));
	/* A file renamed between folders, same bytes. */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "mv '%s/r03/f1.md' '%s/r04/f9.md'", root, root);
	CHECK(run(cmd));
	CHECK(!same(bytes, tree(true, 2)));
}

/* Hashes the loader already has stand for reading the files. */
static void test_known_bytes_are_the_files(void)
{
	make_tree();
	struct hash read = tree(true, 1);
	char *path = xasprintf("%s/r07/f2.md", root);
	struct hash_known known[] = {{path, hash_bytes("r07/f2.md", 9)}};
	struct hasher s;
	hasher_init(&s);
	CHECK(tree_hash_parts(&s, root, true, known, 1, NULL, 2));
	CHECK(same(read, s.h));
	/* A file larger than any one read: hashed from the file, it is still
	 * the hash of its bytes. */
	size_t big = 200000;
	char *bytes = xmalloc(big + 1);
	for (size_t i = 0; i < big; i++)
		bytes[i] = (char)('a' + i % 23);
	bytes[big] = '\0';
	put("r08/big.md", bytes);
	char *big_path = xasprintf("%s/r08/big.md", root);
	struct hash_known both[] = {{path, hash_bytes("r07/f2.md", 9)}, {big_path, hash_bytes(bytes, big)}};
	read = tree(true, 1);
	hasher_init(&s);
	CHECK(tree_hash_parts(&s, root, true, both, 2, NULL, 2));
	CHECK(same(read, s.h));
	free(big_path);
	free(bytes);
	/* A wrong known hash shows that it was used. */
	known[0].hash.a ^= 1;
	hasher_init(&s);
	CHECK(tree_hash_parts(&s, root, true, known, 1, NULL, 2));
	CHECK(!same(read, s.h));
	free(path);
}

/* A link is read through: a file replaced by a link to the same bytes
 * (kept outside the tree) leaves the bytes' fingerprint as it was; an
 * edit of the target moves it, and so does the link left dangling. */
static void test_links_are_read_through(void)
{
	make_tree();
	struct hash bytes = tree(true, 2);
	char *target = xasprintf("%s.target", root);
	char *link = xasprintf("%s/r02/f1.md", root);
	FILE *f = fopen(target, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("r02/f1.md", f);
		fclose(f);
	}
	CHECK(unlink(link) == 0 && symlink(target, link) == 0);
	CHECK(same(bytes, tree(true, 1)));
	CHECK(same(bytes, tree(true, 2)));
	f = fopen(target, "w");
	if (f) {
		fputs("r02/f1.md, edited", f);
		fclose(f);
	}
	struct hash edited = tree(true, 2);
	CHECK(!same(bytes, edited));
	unlink(target);
	struct hash dangling = tree(true, 2);
	CHECK(!same(bytes, dangling) && !same(edited, dangling));
	free(link);
	free(target);
}

/* A file larger than a piece (16 MB) is hashed piece by piece: the same
 * every time, and its last byte counts. */
static void test_large_file_in_pieces(void)
{
	make_tree();
	size_t big = (17u << 20) + 5;
	char *bytes = xmalloc(big + 1);
	for (size_t i = 0; i < big; i++)
		bytes[i] = (char)('a' + i % 19);
	bytes[big] = '\0';
	put("r09/large.bin", bytes);
	struct hash once = tree(true, 2);
	CHECK(same(once, tree(true, 1)));
	bytes[big - 1] = bytes[big - 1] == 'z' ? 'y' : 'z';
	put("r09/large.bin", bytes);
	CHECK(!same(once, tree(true, 2)));
	free(bytes);
}

static struct hash shallow(void)
{
	struct hasher s;
	hasher_init(&s);
	CHECK(tree_hash_shallow(&s, root, "", NULL, 2));
	return s.h;
}

/* tree_hash_parts() of the root, its top folders the parts: the hash
 * into *h, the parts into *got (n of them). */
static bool parts_of(bool bytes, int threads, const struct tree_part *given, size_t ngiven, struct tree_part **got,
                     size_t *n, struct hash *h)
{
	struct tree_parts_at at = {.at = "", .given = given, .ngiven = ngiven};
	struct hasher s;
	hasher_init(&s);
	bool ok = tree_hash_parts(&s, root, bytes, NULL, 0, &at, threads);
	*got = at.got;
	*n = at.ngot;
	*h = s.h;
	return ok;
}

static struct hash whole(bool bytes)
{
	struct hasher s;
	hasher_init(&s);
	CHECK(tree_hash(&s, root, bytes, 2));
	return s.h;
}

/* The subfolders' stamps one by one, and of the rest in one: an edit
 * inside a subfolder moves its stamp alone, one beside them the rest's
 * alone; a subfolder added or removed moves the rest.  The walk that
 * notes them is tree_hash()'s, and a part given is taken, not read. */
static void test_parts_split_the_tree(void)
{
	make_tree();
	struct tree_part *before, *after, *one;
	size_t nbefore, nafter, none;
	struct hash h;
	CHECK(parts_of(false, 2, NULL, 0, &before, &nbefore, &h) && nbefore == 12 && same(h, whole(false)));
	CHECK(parts_of(false, 1, NULL, 0, &one, &none, &h) && none == 12);
	for (size_t i = 0; i < nbefore && i < none; i++) {
		char want[32];
		snprintf(want, sizeof want, "r%02zu", i);
		CHECK_STR(before[i].name, want);
		CHECK(same(before[i].stamp, one[i].stamp));
	}
	tree_parts_free(one, none);
	struct hash rest = shallow();
	put("r05/deep/leaf.md", "leaf, edited");
	put("r03/new.md", "a file added");
	CHECK(same(rest, shallow()));
	CHECK(parts_of(false, 2, NULL, 0, &after, &nafter, &h) && nafter == 12);
	for (size_t i = 0; i < nafter && i < nbefore; i++)
		CHECK(same(before[i].stamp, after[i].stamp) == (i != 3 && i != 5));
	tree_parts_free(after, nafter);
	/* By bytes: the parts given are taken as they are (a false one for
	 * r00 shows it), the others read, on any number of threads. */
	struct tree_part *bytes;
	size_t nbytes;
	CHECK(parts_of(true, 2, NULL, 0, &bytes, &nbytes, &h) && nbytes == 12 && same(h, whole(true)));
	for (int threads = 1; threads <= 2; threads++) {
		CHECK(parts_of(true, threads, bytes, nbytes, &after, &nafter, &h) && same(h, whole(true)));
		tree_parts_free(after, nafter);
		struct hash real = bytes[0].stamp;
		bytes[0].stamp = (struct hash){1, 2};
		CHECK(parts_of(true, threads, bytes, nbytes, &after, &nafter, &h) && nafter == 12 && !same(h, whole(true)));
		CHECK(nafter == 12 && same(after[0].stamp, bytes[0].stamp) && same(after[1].stamp, bytes[1].stamp));
		tree_parts_free(after, nafter);
		bytes[0].stamp = real;
	}
	tree_parts_free(bytes, nbytes);
	put("top.yaml", "top, edited");
	CHECK(!same(rest, shallow()));
	rest = shallow();
	char cmd[256];
	snprintf(cmd, sizeof cmd, "mkdir '%s/r12'", root);
	CHECK(run(cmd));
	CHECK(!same(rest, shallow()));
	CHECK(parts_of(false, 2, NULL, 0, &after, &nafter, &h) && nafter == 13);
	tree_parts_free(after, nafter);
	tree_parts_free(before, nbefore);
	/* A folder that is not there has no parts. */
	char *missing = xasprintf("%s/none", root);
	struct tree_parts_at at = {.at = ""};
	struct hasher s;
	hasher_init(&s);
	CHECK(tree_hash_parts(&s, missing, false, NULL, 0, &at, 2) && at.ngot == 0);
	tree_parts_free(at.got, at.ngot);
	free(missing);
}

/* The files below a folder by their bytes, in name order, but those
 * under the entry skipped; a link to a file is read through, a link to a
 * folder (a loop here) or to nothing is passed over. */
static void test_files_listed_by_bytes(void)
{
	make_tree();
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && mkdir a a-c && echo x >a/b && echo y >a-c/d && ln -s top.yaml top-link && "
	         "ln -s . loop && ln -s missing dangling",
	         root);
	CHECK(run(cmd));
	struct tree_part *files;
	size_t n;
	CHECK(tree_list_files(root, "r05", &files, &n));
	/* 12 folders of 3 files, less r05's 3, plus a/b, a-c/d, top.yaml and its link. */
	CHECK_INT(n, 12 * 3 - 3 + 4);
	for (size_t i = 1; i < n; i++)
		CHECK(strcmp(files[i - 1].name, files[i].name) < 0);
	bool link_read = false;
	for (size_t i = 0; i < n; i++) {
		CHECK(strncmp(files[i].name, "r05/", 4) != 0 && strncmp(files[i].name, "loop", 4) != 0);
		if (strcmp(files[i].name, "top-link") == 0)
			link_read = same(files[i].stamp, hash_bytes("top", 3));
	}
	CHECK(link_read);
	tree_parts_free(files, n);
	char *missing = xasprintf("%s/none", root);
	CHECK(tree_list_files(missing, NULL, &files, &n) && n == 0 && files == NULL);
	free(missing);
}

/* The output's fingerprint, with its regular files counted. */
static void test_stamp_counts_files(void)
{
	make_tree();
	struct hash plain, counted;
	size_t files = 0;
	CHECK(tree_stamp(root, &plain));
	CHECK(tree_stamp_files(root, &counted, &files));
	CHECK(same(plain, counted));
	CHECK_INT(files, 12 * 3 + 2);   /* and r05/deep/leaf.md, top.yaml */
}

/* The output stamp worked out entry by entry from nftw's own listing:
 * tree_stamp() must add up the same entries, whoever walks them. */
static struct hash listed_sum;
static size_t listed_files;

static int add_listed(const char *path, const struct stat *st, int kind, struct FTW *at)
{
	(void)kind;
	const char *rel = at->level == 0 ? "" : path + strlen(root) + 1;
	tree_stamp_add(&listed_sum, rel, st);
	listed_files += S_ISREG(st->st_mode);
	return 0;
}

static void *work_walk(void *walk)
{
	tree_stamp_work(walk);
	return NULL;
}

/* Walks w on the calling thread and extra others (at most 3). */
static void share_walk(struct tree_stamp_walk *w, int extra)
{
	pthread_t threads[3];
	for (int i = 0; i < extra; i++)
		CHECK(pthread_create(&threads[i], NULL, work_walk, w) == 0);
	tree_stamp_work(w);
	for (int i = 0; i < extra; i++)
		pthread_join(threads[i], NULL);
}

/* A walk shared by the calling thread and extra others. */
static bool shared_walk(int extra, struct hash *sum, size_t *files)
{
	struct tree_stamp_walk *w = tree_stamp_begin(root);
	share_walk(w, extra);
	return tree_stamp_end(w, sum, files);
}

static void test_stamp_shared_by_threads(void)
{
	make_tree();
	listed_sum = (struct hash){0, 0};
	listed_files = 0;
	CHECK(nftw(root, add_listed, 16, FTW_PHYS) == 0);
	for (int extra = 0; extra <= 3; extra++) {
		struct hash sum;
		size_t files = 0;
		CHECK(shared_walk(extra, &sum, &files));
		CHECK(same(sum, listed_sum));
		CHECK_INT(files, listed_files);
	}
	/* A file rewritten deep down moves it, on any number of threads. */
	struct hash before, after1, after3;
	CHECK(tree_stamp(root, &before));
	char *leaf = xasprintf("%s/r05/deep/leaf.md", root);
	unlink(leaf);
	free(leaf);
	put("r05/deep/leaf.md", "leaf, again");
	CHECK(shared_walk(0, &after1, NULL));
	CHECK(shared_walk(3, &after3, NULL));
	CHECK(!same(before, after1));
	CHECK(same(after1, after3));
	/* A folder that cannot be read fails the walk, as it fails alone. */
	char *deep = xasprintf("%s/r05/deep", root);
	chmod(deep, 0);
	struct hash ignored;
	bool can_read_anyway = access(deep, R_OK) == 0;       /* root reads it */
	if (!can_read_anyway)
		CHECK(!shared_walk(2, &ignored, NULL));
	chmod(deep, 0755);
	free(deep);
}

/* ---- a walk that keeps a listing (listing.h) --------------------------- */

static char listing_file[96];

/* What tree_stamp() finds now, by nftw's own listing. */
static struct hash nftw_sum(size_t *files)
{
	listed_sum = (struct hash){0, 0};
	listed_files = 0;
	CHECK(nftw(root, add_listed, 16, FTW_PHYS) == 0);
	*files = listed_files;
	return listed_sum;
}

/* A walk with the listing, shared with extra threads: true when its sum
 * and files are nftw's; *read how many folders it read. */
static bool listed_walk(int extra, size_t *read)
{
	size_t want_files, files = 0;
	struct hash want = nftw_sum(&want_files), sum;
	struct tree_stamp_walk *w = tree_stamp_begin_listed(root, listing_file);
	share_walk(w, extra);
	*read = tree_stamp_folders_read(w);
	bool ok = tree_stamp_end(w, &sum, &files);
	return ok && same(sum, want) && files == want_files;
}

/* Lets every stamp age past the margin a listing wants. */
static void age(void)
{
	struct timespec pause = {0, 250 * 1000 * 1000};
	nanosleep(&pause, NULL);
}

static bool listing_stamp(struct stat *st)
{
	return stat(listing_file, st) == 0;
}

/* 14 folders: the root, r00 to r11 and r05/deep. */
#define FOLDERS 14

static void test_listed_walk_reads_what_changed(void)
{
	make_tree();
	unlink(listing_file);
	age();
	size_t read = 0;
	CHECK(listed_walk(1, &read));
	CHECK_INT(read, FOLDERS);
	struct stat written, kept;
	CHECK(listing_stamp(&written));
	/* Nothing changed: every folder is taken from the listing, which is
	 * left as it was. */
	CHECK(listed_walk(2, &read));
	CHECK_INT(read, 0);
	CHECK(listing_stamp(&kept) && kept.st_ino == written.st_ino && kept.st_mtim.tv_nsec == written.st_mtim.tv_nsec);
	/* A file rewritten in place leaves its folder as it was: seen by its
	 * own stamp. */
	put("r04/f1.md", "rewritten in place, longer than before");
	CHECK(listed_walk(0, &read));
	CHECK_INT(read, 0);
	/* A file added deep down: its folder is read again... */
	put("r05/deep/added.md", "added");
	CHECK(listed_walk(1, &read));
	CHECK(read >= 1);
	/* ...and noted once its stamp is older than the margin. */
	age();
	CHECK(listed_walk(1, &read));
	age();
	CHECK(listed_walk(0, &read));
	CHECK_INT(read, 0);
	/* A folder removed, one replaced by a file of its name, a file
	 * replaced by a folder. */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s/r05/deep' '%s/r06' && mkdir '%s/r07/f0.md.d'", root, root, root);
	CHECK(run(cmd));
	put("r06", "a file now");
	CHECK(listed_walk(1, &read));
	CHECK(read >= 1);
	age();
	CHECK(listed_walk(0, &read));
	/* A listing cut short is not read: every folder is. */
	CHECK(truncate(listing_file, 40) == 0);
	CHECK(listed_walk(1, &read));
	CHECK_INT(read, FOLDERS - 1);   /* r05/deep and r06 gone, r07/f0.md.d made */
}

/* A listing whose lines were altered is not trusted, though they read
 * well: the folder it lies about is read. */
static void test_altered_listing_is_refused(void)
{
	make_tree();
	unlink(listing_file);
	age();
	size_t read;
	CHECK(listed_walk(0, &read));
	FILE *f = fopen(listing_file, "r+");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	char line[4096];
	long at = 0;
	bool altered = false;
	while (!altered && fgets(line, sizeof line, f)) {
		char *name = strstr(line, "\tf2.md");
		if (name) {
			fseek(f, at + (name - line) + 1, SEEK_SET);
			fputc('g', f);  /* "g2.md", a file that is not there */
			altered = true;
		}
		at = ftell(f);
	}
	fclose(f);
	CHECK(altered);
	CHECK(listed_walk(0, &read));
	CHECK_INT(read, FOLDERS);
}

/* When a folder's stamp may be noted: changed longer ago than the clock
 * of its file system may lag, a tenth of a second for a file system that
 * keeps fractions of a second, two seconds for one that does not. */
static void test_listing_margin(void)
{
	struct timespec now = {1800000000, 500000000};
	struct stat st = {0};
	st.st_ctim = (struct timespec){1800000000, 450000000};
	CHECK(!listing_may_note(&st, &now));
	st.st_ctim = (struct timespec){1800000000, 350000000};
	CHECK(listing_may_note(&st, &now));
	st.st_ctim = (struct timespec){1799999999, 0};
	CHECK(!listing_may_note(&st, &now));
	st.st_ctim = (struct timespec){1799999998, 0};
	CHECK(listing_may_note(&st, &now));
	st.st_ctim = (struct timespec){1800000001, 0};      /* in the future */
	CHECK(!listing_may_note(&st, &now));
}

/* A listing kept and read back: names with a tab, a newline and a
 * backslash come back as they were, and a folder is found only under
 * the stamp it was noted with. */
static void test_listing_round_trip(void)
{
	struct stat st = {0};
	st.st_mode = S_IFDIR | 0755;
	st.st_dev = 7;
	st.st_ino = 42;
	st.st_mtim = (struct timespec){1700000000, 5};
	st.st_ctim = (struct timespec){1700000000, 6};
	struct buf lines = BUF_INIT;
	listing_note_folder(&lines, "", &st);
	listing_note_name(&lines, "a\tb");
	listing_note_name(&lines, "c\nd\\e");
	listing_note_end(&lines);
	struct stat other = st;
	other.st_ino = 43;
	listing_note_folder(&lines, "a\tb", &other);
	listing_note_end(&lines);
	CHECK(listing_write(listing_file, &lines));
	buf_free(&lines);
	struct listing *l = listing_read(listing_file);
	CHECK(l != NULL);
	if (l == NULL)
		return;
	long top = listing_find(l, "", &st);
	CHECK(top >= 0);
	size_t n = 0;
	const char *const *names = top >= 0 ? listing_names(l, top, &n) : NULL;
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(names[0], "a\tb");
		CHECK_STR(names[1], "c\nd\\e");
	}
	long sub = listing_find(l, "a\tb", &other);
	CHECK(sub >= 0 && (listing_names(l, sub, &n), n == 0));
	CHECK(listing_find(l, "a\tb", &st) == -1);         /* another stamp */
	struct stat moved = st;
	moved.st_ctim.tv_nsec++;
	CHECK(listing_find(l, "", &moved) == -1);
	struct stat file = st;
	file.st_mode = S_IFREG | 0644;
	CHECK(listing_find(l, "", &file) == -1);
	CHECK(listing_find(l, "none", &st) == -1);
	listing_free(l);
	/* A walk that could note no folder (each changed too lately) leaves
	 * an empty listing, which finds none. */
	struct buf none = BUF_INIT;
	CHECK(listing_write(listing_file, &none));
	l = listing_read(listing_file);
	CHECK(l != NULL && listing_find(l, "", &st) == -1);
	listing_free(l);
}

static struct hash named(const char *name)
{
	const char *const apart[] = {name, NULL};
	struct hasher s;
	hasher_init(&s);
	CHECK(tree_hash_shallow(&s, root, NULL, apart, 2));
	return s.h;
}

/* A folder counted by its entries' names: an edit inside does not move
 * the fingerprint, an entry added does; elsewhere an edit does. */
static void test_names_alone(void)
{
	make_tree();
	struct hash before = named("r04");
	put("r04/f0.md", "edited");
	CHECK(same(before, named("r04")));
	put("r05/f0.md", "edited");
	CHECK(!same(before, named("r04")));
	before = named("r04");
	put("r04/added.md", "added");
	CHECK(!same(before, named("r04")));
}

/* A file counted apart (site.yaml in content/): an edit of it does not
 * move the fingerprint, its removal does, and an edit of another file
 * still does. */
static void test_file_apart(void)
{
	make_tree();
	struct hash before = named("top.yaml");
	put("top.yaml", "top, edited");
	CHECK(same(before, named("top.yaml")));
	put("r05/deep/leaf.md", "leaf, edited");
	CHECK(!same(before, named("top.yaml")));
	before = named("top.yaml");
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm '%s/top.yaml'", root);
	CHECK(run(cmd));
	CHECK(!same(before, named("top.yaml")));
}

static struct hash names_of(void)
{
	struct hasher s;
	hasher_init(&s);
	CHECK(tree_hash_names(&s, root, 2));
	return s.h;
}

/* The names of a tree: an edit does not move them; a file added, renamed
 * or removed does. */
static void test_names_of_a_tree(void)
{
	make_tree();
	struct hash before = names_of();
	put("r05/deep/leaf.md", "leaf, with other bytes");
	CHECK(same(before, names_of()));
	char cmd[256];
	snprintf(cmd, sizeof cmd, "mv '%s/r05/deep/leaf.md' '%s/r05/deep/other.md'", root, root);
	CHECK(run(cmd));
	struct hash renamed = names_of();
	CHECK(!same(before, renamed));
	put("r05/deep/more.md", "more");
	CHECK(!same(renamed, names_of()));
}

int main(void)
{
	snprintf(root, sizeof root, "%s", "/tmp/folio-tree.XXXXXX");
	if (mkdtemp(root) == NULL)
		return 2;
	snprintf(listing_file, sizeof listing_file, "%s.listing", root);
	RUN(test_same_on_any_number_of_threads);
	RUN(test_deep_edit_is_seen);
	RUN(test_known_bytes_are_the_files);
	RUN(test_links_are_read_through);
	RUN(test_large_file_in_pieces);
	RUN(test_parts_split_the_tree);
	RUN(test_stamp_counts_files);
	RUN(test_stamp_shared_by_threads);
	RUN(test_names_alone);
	RUN(test_file_apart);
	RUN(test_names_of_a_tree);
	RUN(test_files_listed_by_bytes);
	RUN(test_listed_walk_reads_what_changed);
	RUN(test_altered_listing_is_refused);
	RUN(test_listing_margin);
	RUN(test_listing_round_trip);
	unlink(listing_file);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	run(cmd);
	return harness_done();
}
