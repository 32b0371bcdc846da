/*
 * srgb: the sRGB ICC profile the playbook PDF names as its output intent
 * (PDF/A), compiled in from generator/pdf/srgb.icc by the Makefile;
 * srgb.icc.README says where it comes from and under which licence.
 */
#ifndef FOLIO_SRGB_H
#define FOLIO_SRGB_H

#include <stddef.h>

extern const unsigned char pdf_srgb_icc[];
extern const size_t pdf_srgb_icc_len;

#endif
