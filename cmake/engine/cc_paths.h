/* SPDX-License-Identifier: MIT */
/* cc_paths: how pgo cc names a source file of the project (see cmd_cc.c). */
#ifndef PGO_CC_PATHS_H
#define PGO_CC_PATHS_H

/* ARG as pgo cc passes it to the compiler: for a source file below SRC
 * (absolute, a C/C++/assembler name, not in TREE, and not the value of the
 * option PREV), the path from CWD through TREE/pgo/source, e.g.
 * "../pgo/source/lib/a.c" for CWD TREE/sub; else NULL (ARG unchanged, also
 * when CWD is not in TREE). The result is malloc'd. */
char *cc_relative_source(const char *cwd, const char *tree, const char *src, const char *prev, const char *arg);

#endif
