/* SPDX-License-Identifier: MIT */
/* commands: one function per pgo command; each takes the arguments from
 * the command name on (argv[0]) and returns the exit code. */
#ifndef PGO_COMMANDS_H
#define PGO_COMMANDS_H

#include <sys/stat.h>

#include "profile_header.h"
#include "util.h"

#define PGO_VERSION "0.2.0"

int cmd_check(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_clear(int argc, char **argv);
int cmd_install(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_find_profdata(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_step(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_repeat(int argc, char **argv);
int cmd_cc(int argc, char **argv);

/* The GCC forms (cmd_gcc.c): pgo check and pgo merge with --kind gcc, and
 * pgo show of an archive's N bytes at DATA. */
int gcc_check(int argc, char **argv);
int gcc_merge(int argc, char **argv);
int gcc_show(const unsigned char *data, size_t n);
/* 1 if ARGV (from the command name on) holds "--kind gcc" before "--". */
int args_want_gcc(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_provenance(int argc, char **argv);

/* The checks pgo-tool.sh makes before llvm-profdata sees a file, in its
 * order: does not exist, is a directory, is not readable, is empty, magic,
 * truncated. Returns an open descriptor with ST and INFO filled, or -1
 * with the reason in REASON. */
int profile_open_checked(const char *path, struct stat *st, struct ph_info *info, struct sbuf *reason);

#endif
