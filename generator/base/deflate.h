/*
 * deflate: a whole buffer as one zlib stream (RFC 1950), the same bytes
 * every run, on every thread, whatever was compressed before.
 *
 * The PNGs' image data is compressed here, by ISA-L's deflate at its
 * level 1.  The cards and diagrams are mostly long runs of flat colour,
 * and libdeflate, at any of its levels, hashes every byte of a run: 4 ms
 * a card, more than half a full build's CPU.  ISA-L takes about 0.5 ms
 * for files 45 % larger (tests/bench/png.sh); its levels 2 and 3 are no
 * smaller, and level 3 is as slow as libdeflate.  The playbook's streams
 * stay with libdeflate (pdf/objstm.c): ISA-L made a full build of the
 * 1,002-page bench site under 5 % faster for PDFs 27 % larger.
 *
 * ISA-L chooses its code for the processor when it loads; its paths for
 * x86-64 with SSE4.2 are reported to give the same bytes, but a processor
 * without SSE4.2, or another architecture, may compress the same data to
 * other bytes (that decode to the same).
 *
 * Memory: each thread keeps its compressor (some 360 KB) from one call to
 * the next, cleared before each; it is freed when the thread ends.
 */
#ifndef FOLIO_DEFLATE_H
#define FOLIO_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Appends data[0..len) to out as one zlib stream.  False, with out as it
 * was, when len is beyond what one call takes (2 GiB). */
bool deflate_zlib(const void *data, size_t len, struct buf *out);

/* The CRC-32 of ISO 3309, which PNG's chunks and gzip use, of
 * data[0..len) continuing crc (0 to start). */
uint32_t deflate_crc32(uint32_t crc, const void *data, size_t len);

#endif
