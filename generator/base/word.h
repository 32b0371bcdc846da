/*
 * word: tests on eight bytes of text at once.
 *
 * Scanners of text (escaping, the font check, UTF-8 validation) pass over
 * the long runs that need nothing eight bytes at a time and look at single
 * bytes only where a word test says one of them might matter.  The tests
 * are exact: a word is reported when, and only when, a byte matches.
 */
#ifndef FOLIO_WORD_H
#define FOLIO_WORD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define WORD_ONES 0x0101010101010101u
#define WORD_HIGHS 0x8080808080808080u

/* The eight bytes at p, in any alignment. */
static inline uint64_t word_at(const char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

/* Whether a byte of w has its high bit set (is not ASCII). */
static inline bool word_has_high(uint64_t w)
{
	return (w & WORD_HIGHS) != 0;
}

/* Whether a byte of w is c: the zero-byte test on w with c's bits cleared. */
static inline bool word_has_byte(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (WORD_ONES * c);
	return ((x - WORD_ONES) & ~x & WORD_HIGHS) != 0;
}

/* Whether a byte of w is below n (n at most 128). */
static inline bool word_has_below(uint64_t w, unsigned char n)
{
	return ((w - WORD_ONES * n) & ~w & WORD_HIGHS) != 0;
}

#endif
