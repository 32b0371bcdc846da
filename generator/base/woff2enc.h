/*
 * woff2enc: the WOFF2 encoder of libwoff2enc, which is C++, behind one C
 * function (woff2enc.cc is the only C++ file of Folio).
 */
#ifndef FOLIO_WOFF2ENC_H
#define FOLIO_WOFF2ENC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The TrueType font ttf (len bytes) as WOFF2, in a buffer the caller
 * frees with free(), its size in *out_len; NULL when it cannot be
 * encoded or memory runs out. */
uint8_t *woff2enc_encode(const uint8_t *ttf, size_t len, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif
