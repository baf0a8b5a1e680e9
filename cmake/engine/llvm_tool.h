/* SPDX-License-Identifier: MIT */
/* llvm_tool: running llvm-profdata (and reading what it prints). */
#ifndef PGO_LLVM_TOOL_H
#define PGO_LLVM_TOOL_H

#include "portable_names.h"
#include "spawn.h"
#include "util.h"

/* ---- parsing (no process involved) ---- */

/* The major version in "... LLVM version 14.0.6" (the first line that has
 * one; on that line the last match, as sed's greedy ".*" takes it), or -1.
 * With LINE, the whole line, trimmed. */
int lt_parse_llvm_major(const char *text, struct sbuf *line);
/* The leading number of the first line ("14.0.6" -> 14), or -1. */
int lt_parse_cc_major(const char *text);
/* N from the first line "Total functions: N", or -1. */
long long lt_parse_functions(const char *text);
/* The number of top-level functions in `show --sample` output: its lines
 * that start with "Function: " (inlined callees are indented). */
long long lt_parse_sample_functions(const char *text);
/* The reason llvm-profdata gives for not reading PATH: the first
 * "error: "/"warning: " line with "<file>: " removed, else the first line. */
void lt_error_reason(const char *err, const char *path, struct sbuf *reason);
/* Its stderr says the file has a newer format. */
int lt_says_newer(const char *err);
/* It crashed (killed, status above 128, or LLVM's crash banner). */
int lt_crashed(const struct spawn_result *r);
/* It failed for want of disk space. */
int lt_says_no_space(const char *err);

/* ---- running llvm-profdata ---- */

/* Runs ARGV; stdout as OUT says, stderr captured. Exits 2 when the
 * program cannot be run, and 3 ("no space left on device in DIR") when
 * its stderr reports a full disk. */
void lt_run(char *const argv[], enum spawn_io out, struct spawn_result *r, const char *dir);

/* TOOL merge --version: the major version (-1 if none) and, with LINE,
 * the version line. Never exits: a tool that cannot run has no version. */
int lt_major(const char *tool, struct sbuf *line);

/* TOOL show FILE: "Total functions", or -1 (show failed or said none). */
long long lt_functions(const char *tool, const char *file, const char *dir);
/* TOOL show --sample FILE: its top-level functions, or -1 (show failed). */
long long lt_sample_functions(const char *tool, const char *file, const char *dir);

/* The indexed format version TOOL writes (an empty :ir profile merged
 * through temporary files in DIR), or -1. */
int lt_writes_version(const char *tool, const char *dir);

/* Rewrites the static function names of the indexed profile IN (see
 * portable_names.h) with temporary files in DIR. Returns 0 and sets *OUT
 * to a new temporary .profdata, or to NULL when no name changed (IN is
 * then right as it is); -1 when llvm-profdata failed, with its reason
 * appended to WHY. */
int lt_rename(const char *tool, const char *in, const char *dir, enum pn_mode mode, const char *source_root,
              const char *build_root, char **out, struct sbuf *why);

#endif
