/* SPDX-License-Identifier: MIT */
/* profile_copy: llvm-profdata reads one profile whole and writes it again,
 * the checked copy that pgo check keeps and pgo merge --inputs merges, and
 * every reason why that failed. Instrumentation profiles are written as
 * indexed profiles (`merge -o COPY PROFILE`), sample profiles of any
 * format as extbinary (`merge --sample --extbinary -o COPY PROFILE`), so a
 * text sample profile becomes binary. */
#ifndef PGO_PROFILE_COPY_H
#define PGO_PROFILE_COPY_H

#include "profile_header.h"
#include "util.h"

/* "sample", "ir" or "fe": the kind= of a profile that passed ph_check(). */
const char *pc_kind(const struct ph_info *info);

/* The copy of PATH (INFO from ph_check) in a new temporary file in DIR,
 * made by TOOL, whose major version is MAJOR. Returns it with *FUNCTIONS
 * set, or NULL with the reason in REASON when the profile is bad:
 *   has format version V, newer than llvm-profdata N reads (...)
 *   is corrupt: llvm-profdata N crashed reading it
 *   is a compact binary sample profile, ... (a tool that dropped it)
 *   cannot be read by llvm-profdata: <its error>
 *   is truncated: its summary counts N functions, llvm-profdata read M
 *   holds no functions (truncated or empty profile)
 * Exits 2 when TOOL cannot run, 3 on a full disk or a file system error. */
char *pc_make_copy(const char *tool, int major, const char *path, const struct ph_info *info, const char *dir,
                   long long *functions, struct sbuf *reason);

#endif
