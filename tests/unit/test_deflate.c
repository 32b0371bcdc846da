/*
 * test_deflate: the zlib streams of base/deflate.h, inflated back (by
 * libdeflate's decompressor, which checks the stream's Adler-32; the PNG
 * tests read Folio's pictures with libpng and zlib), and its CRC-32
 * against the specification's check value and a bitwise computation.
 *
 * The data: empty, a short text, a page of repeated markup, a long run of
 * one byte, and noise that deflate cannot shrink, several hundred KB past
 * the 64 KiB of a stored block.  Each must come back whole, be appended
 * after what the buffer held, and give the same bytes whatever the thread
 * compressed before.
 */
#include "harness.h"

#include <pthread.h>
#include <stdint.h>

#include <libdeflate.h>

#include "base/buf.h"
#include "base/deflate.h"

enum { SAMPLES = 5 };

struct sample {
	const char *name;
	unsigned char *data;
	size_t len;
};

static struct sample samples[SAMPLES];

static void make_samples(void)
{
	static const char text[] = "Orders flow from the web shop to the ERP, then to the CRM.";
	samples[0] = (struct sample){"empty", NULL, 0};
	samples[1] = (struct sample){"text", (unsigned char *)strdup(text), strlen(text)};
	struct buf page = BUF_INIT;
	for (int i = 0; i < 2000; i++)
		buf_printf(&page, "<tr><td>row %d</td><td class=\"n\">%d</td></tr>\n", i, i * 37 % 101);
	samples[2] = (struct sample){"markup", (unsigned char *)page.data, page.len};
	size_t run = 3u << 20;
	unsigned char *same = malloc(run);
	memset(same, 0xf7, run);
	samples[3] = (struct sample){"run", same, run};
	size_t n = 700000;
	unsigned char *noise = malloc(n);
	uint32_t seed = 2024;
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		noise[i] = (unsigned char)(seed >> 23);
	}
	samples[4] = (struct sample){"noise", noise, n};
}

static void free_samples(void)
{
	for (int i = 0; i < SAMPLES; i++)
		free(samples[i].data);
}

/* Whether zlib[0..n) inflates to exactly want[0..len). */
static bool inflates_to(const char *zlib, size_t n, const unsigned char *want, size_t len)
{
	struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
	unsigned char *got = malloc(len + 1);
	size_t got_len = 0;
	bool ok = libdeflate_zlib_decompress(z, zlib, n, got, len, &got_len) == LIBDEFLATE_SUCCESS && got_len == len &&
	          (len == 0 || memcmp(got, want, len) == 0);
	free(got);
	libdeflate_free_decompressor(z);
	return ok;
}

static void test_round_trip(void)
{
	for (int i = 0; i < SAMPLES; i++) {
		const struct sample *s = &samples[i];
		struct buf out = BUF_INIT;
		buf_puts(&out, "before");
		CHECK(deflate_zlib(s->data, s->len, &out));
		CHECK(memcmp(out.data, "before", 6) == 0);
		CHECK(out.data[out.len] == '\0');
		if (!inflates_to(out.data + 6, out.len - 6, s->data, s->len))
			CHECK_STR(s->name, "inflates back");
		buf_free(&out);
	}
}

/* What deflate does with each kind: a run and markup shrink a lot; noise
 * stays about its size and within the bound the output buffer is sized
 * for. */
static void test_sizes(void)
{
	struct buf out = BUF_INIT;
	CHECK(deflate_zlib(samples[3].data, samples[3].len, &out));
	CHECK(out.len < samples[3].len / 100);
	buf_reset(&out);
	CHECK(deflate_zlib(samples[2].data, samples[2].len, &out));
	CHECK(out.len < samples[2].len / 3);
	buf_reset(&out);
	CHECK(deflate_zlib(samples[4].data, samples[4].len, &out));
	CHECK(out.len > samples[4].len * 9 / 10 && out.len <= samples[4].len + samples[4].len / 1000 + 64);
	buf_free(&out);
}

/* Every sample compressed on a fresh thread, and on threads that
 * compressed the others first, in either order: the same bytes. */
struct job {
	int order;              /* 0: only the sample; 1: the others first; 2: the others after, then again */
	int which;
	struct buf out;
};

static void *compress_in_thread(void *p)
{
	struct job *j = p;
	struct buf scratch = BUF_INIT;
	if (j->order == 1)
		for (int i = SAMPLES - 1; i >= 0; i--)
			deflate_zlib(samples[i].data, samples[i].len, &scratch);
	deflate_zlib(samples[j->which].data, samples[j->which].len, &j->out);
	if (j->order == 2) {
		for (int i = 0; i < SAMPLES; i++)
			deflate_zlib(samples[i].data, samples[i].len, &scratch);
		buf_reset(&j->out);
		deflate_zlib(samples[j->which].data, samples[j->which].len, &j->out);
	}
	buf_free(&scratch);
	return NULL;
}

static void test_history_free(void)
{
	for (int which = 0; which < SAMPLES; which++) {
		struct job jobs[3] = {{0, which, BUF_INIT}, {1, which, BUF_INIT}, {2, which, BUF_INIT}};
		pthread_t t[3];
		for (int i = 0; i < 3; i++)
			CHECK(pthread_create(&t[i], NULL, compress_in_thread, &jobs[i]) == 0);
		for (int i = 0; i < 3; i++)
			pthread_join(t[i], NULL);
		for (int i = 1; i < 3; i++)
			if (jobs[i].out.len != jobs[0].out.len || memcmp(jobs[i].out.data, jobs[0].out.data, jobs[0].out.len) != 0)
				CHECK_STR(samples[which].name, "the same bytes on every thread");
		for (int i = 0; i < 3; i++)
			buf_free(&jobs[i].out);
	}
}

/* CRC-32 as the PNG specification's annex D computes it, bit by bit. */
static uint32_t crc32_bitwise(uint32_t crc, const unsigned char *p, size_t n)
{
	uint32_t c = crc ^ 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void test_crc32(void)
{
	CHECK(deflate_crc32(0, "123456789", 9) == 0xcbf43926u);   /* the check value of CRC-32/ISO-HDLC */
	CHECK(deflate_crc32(0, "", 0) == 0);
	const struct sample *m = &samples[2];
	CHECK(deflate_crc32(0, m->data, m->len) == crc32_bitwise(0, m->data, m->len));
	/* continued over two pieces as over one */
	uint32_t first = deflate_crc32(0, m->data, 1000);
	CHECK(deflate_crc32(first, m->data + 1000, m->len - 1000) == deflate_crc32(0, m->data, m->len));
}

int main(void)
{
	make_samples();
	RUN(test_round_trip);
	RUN(test_sizes);
	RUN(test_history_free);
	RUN(test_crc32);
	free_samples();
	return harness_done();
}
