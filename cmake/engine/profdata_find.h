/* SPDX-License-Identifier: MIT */
/* profdata_find: the llvm-profdata that matches a compiler's major
 * version (pgo-tool.sh's find-profdata, same search and messages). */
#ifndef PGO_PROFDATA_FIND_H
#define PGO_PROFDATA_FIND_H

#include "util.h"

/* With GIVEN (non-empty), only checks that one. Else tries, in order: the
 * llvm-profdata beside realpath(CC as found in PATH), llvm-profdata-<major>
 * and llvm-profdata in PATH. Returns 0 with PATH and *MAJOR set, or
 * PGO_USAGE with the message (without "pgo: ") in ERR. */
int pf_find(const char *cc, const char *given, struct sbuf *path, int *major, struct sbuf *err);

/* The compiler's major version from CC -dumpversion, or -1. */
int pf_compiler_major(const char *cc);

#endif
