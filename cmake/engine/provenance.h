/* SPDX-License-Identifier: MIT */
/* provenance: the record of the profile a binary was built with, an ELF
 * note (owner "PGO", type 1) whose text is key=value lines in kv's record
 * form: profile (the file, relative to the source tree), hash (the XXH64 of
 * its content, as pgo status and pgo check name it), kind (ir, fe, sample)
 * and compiler.
 *
 * It is carried by a generated C file that is nothing but a top-level asm
 * statement: an allocated note section (so that strip keeps it), retained
 * (so that --gc-sections keeps it), in a COMDAT group named after its
 * text, so that a binary holds one copy per distinct record. */
#ifndef PGO_PROVENANCE_H
#define PGO_PROVENANCE_H

#include <stddef.h>
#include <stdint.h>

#include "kv.h"
#include "util.h"

#define PV_NOTE_NAME "PGO"
#define PV_NOTE_TYPE 1u

/* The C source that carries the note with the text DESC (N bytes). */
void pv_source(const char *desc, size_t n, struct sbuf *out);
/* The record's text from a note's descriptor (its padding removed). 0, or
 * -1 when it is not one. */
int pv_decode(const unsigned char *desc, size_t n, struct kv *out);

#endif
