/* SPDX-License-Identifier: MIT */
/* code_reader: the functions of a target's files for pgo status
 * (prf_records.h): ELF executables, shared libraries and objects, archives
 * of them, and LLVM bitcode (ThinLTO objects), which is read through
 * llvm-dis: the one beside the real llvm-profdata, else llvm-dis-<major>,
 * else llvm-dis. Errors end the program with one "pgo: " line naming the
 * file. */
#ifndef PGO_CODE_READER_H
#define PGO_CODE_READER_H

#include "prf_records.h"

struct code_reader {
    const char *tool;     /* llvm-profdata, to find llvm-dis by */
    const char *llvm_dis; /* given (--llvm-dis), or NULL */
    const char *tmp_dir;  /* for llvm-dis's input and output */
    char *dis;            /* the llvm-dis found, once needed */
    int dis_looked;
};

/* Adds the function records (NAMES 0) or the function names (NAMES 1, for
 * sample profiles) of FILE to T. */
void code_read_file(struct code_reader *cr, const char *file, int names, struct prf_table *t);
void code_reader_free(struct code_reader *cr);

#endif
