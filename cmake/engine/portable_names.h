/* SPDX-License-Identifier: MIT */
/* portable_names: the paths in static function names of a text profile
 * (llvm-profdata merge --text), made relative to the trees or absolute
 * again. IR PGO names a static function "<path as compiled>:<name>"
 * (";" from LLVM 18 on); the rule works on whole lines, like pgo-tool.sh's
 * awk program:
 *
 *   relative: "<build root>/<rest>"  -> "@build/<rest>"  (checked first:
 *             the build tree is often inside the source tree)
 *             "<source root>/<rest>" -> "./<rest>"
 *   absolute: "@build/<rest>" -> "<build root>/<rest>"
 *             "./<rest>"      -> "<source root>/<rest>"
 *
 * A root that is NULL or "" takes no part. Every output line ends with a
 * newline, as awk prints it. */
#ifndef PGO_PORTABLE_NAMES_H
#define PGO_PORTABLE_NAMES_H

#include <stddef.h>

#include "util.h"

enum pn_mode { PN_RELATIVE, PN_ABSOLUTE };

/* Appends the rewritten TEXT (N bytes) to OUT; returns how many lines
 * changed. */
size_t pn_rename(const char *text, size_t n, enum pn_mode mode, const char *source_root,
                 const char *build_root, struct sbuf *out);

#endif
