/*
 * deflate: a whole buffer as one zlib stream (RFC 1950), the same bytes
 * every run, on every thread, whatever was compressed before.
 *
 * The PNGs' image data (diagram/pngenc.c) and the playbook's streams
 * (pdf/objstm.c) are compressed here, by libdeflate at its level 6, in
 * one call each, with a compressor kept per thread (freed when the thread
 * ends).
 *
 * ISA-L was tried in its place: at its level 1 it compressed a card in a
 * fifth of libdeflate's time (libdeflate hashes every byte of the long
 * runs of flat colour these pictures are made of, at any level), for
 * files 45 % larger, and made a full build 2.5 times faster.  But its
 * output was not a function of its input alone: in builds on two threads
 * beside other work, about one build in fifty gave one picture other
 * bytes (the same pixels), even with its state and tables cleared before
 * every call, which two builds must never do.  Its time is in
 * doc/performance.md.
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
