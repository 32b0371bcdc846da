/*
 * version: the program's version, which the Makefile passes as
 * FOLIO_VERSION; a compiler run without it gets a placeholder.
 */
#ifndef FOLIO_VERSION_H
#define FOLIO_VERSION_H

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "0.0.0"
#endif

#endif
