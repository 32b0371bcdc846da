#include "base/deflate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <isa-l.h>

#include "base/xalloc.h"

#define LEVEL 1
#define LEVEL_BUF ISAL_DEF_LVL1_DEFAULT         /* the size ISA-L's header suggests */

struct compressor {
	struct isal_zstream stream;
	unsigned char tables[LEVEL_BUF];
};

static pthread_key_t compressor_key;
static pthread_once_t compressor_once = PTHREAD_ONCE_INIT;

static void compressor_key_create(void)
{
	if (pthread_key_create(&compressor_key, free) != 0)
		abort();
}

/* The calling thread's compressor, made on first use; the thread owns it
 * (freed when the thread ends). */
static struct compressor *compressor_get(void)
{
	pthread_once(&compressor_once, compressor_key_create);
	struct compressor *c = pthread_getspecific(compressor_key);
	if (c == NULL) {
		c = xmalloc(sizeof *c);
		pthread_setspecific(compressor_key, c);
	}
	return c;
}

bool deflate_zlib(const void *data, size_t len, struct buf *out)
{
	if (len > INT32_MAX)
		return false;
	/* At worst ISA-L stores the data: five bytes of header for each block
	 * of at most 64 KiB, two of zlib header and four of Adler-32
	 * (RFC 1950, 1951), within a thousandth and 64 bytes more. */
	size_t bound = len + len / 1000 + 64;
	buf_reserve(out, bound);
	struct compressor *c = compressor_get();
	/* ISA-L keeps its state and hash tables here.  valgrind saw a
	 * stateless call read parts of them that it had not written, and two
	 * builds on a loaded machine once gave one card different bytes: what
	 * a call found there could depend on what the thread compressed
	 * before.  Every call starts from zeros (cleared in some 20
	 * microseconds), so the bytes depend on the data alone. */
	memset(c, 0, sizeof *c);
	struct isal_zstream *z = &c->stream;
	isal_deflate_stateless_init(z);
	z->level = LEVEL;
	z->level_buf = c->tables;
	z->level_buf_size = LEVEL_BUF;
	z->gzip_flag = IGZIP_ZLIB;
	z->end_of_stream = 1;
	z->flush = NO_FLUSH;
	z->next_in = (uint8_t *)data;   /* not const in ISA-L's struct; it only reads it */
	z->avail_in = (uint32_t)len;
	z->next_out = (uint8_t *)out->data + out->len;
	z->avail_out = (uint32_t)bound;
	if (isal_deflate_stateless(z) != COMP_OK || z->avail_in != 0) {
		out->data[out->len] = '\0';
		return false;
	}
	out->len += z->total_out;
	out->data[out->len] = '\0';
	return true;
}

uint32_t deflate_crc32(uint32_t crc, const void *data, size_t len)
{
	return crc32_gzip_refl(crc, data, len);
}
