/* SPDX-License-Identifier: MIT */
/* window: pgo collect --pid for an instrumented process (one whose binary
 * has the pgo_window helper, cmake/runtime/pgo_window.c). It asks the
 * helper to start a window, waits, asks it to end it, and merges the
 * window's raw profiles into an indexed profile: the counts of those
 * seconds only, the process's own counters and exit profile unchanged.
 * The protocol is in pgo_window.c. */
#ifndef PGO_WINDOW_H
#define PGO_WINDOW_H

#include <stddef.h>

#include "elf_info.h"
#include "util.h"

struct window_job {
    long pid;
    unsigned seconds;
    const char *binary;           /* realpath of the process's executable */
    const struct elf_info *elf;   /* its ELF facts (build ID, compiler) */
    const char *out;              /* -o */
    const char *profdata_opt;     /* --profdata, or NULL */
};

/* Takes the window and writes JOB->out; prints key=value lines. Exits
 * with a one-line message on any failure, writing nothing. */
int window_collect(const struct window_job *job);

/* The signal of a PGO_WINDOW_SIGNAL value, as the helper reads it: NULL
 * or "" is SIGUSR2; "off" is 0; -1 when it names no signal. */
int window_parse_signal(const char *spec);
/* The value of KEY in the NUL-separated KEY=VALUE list DATA[0..N)
 * (/proc/PID/environ). 1 and VALUE set when found, else 0. */
int window_env_lookup(const char *data, size_t n, const char *key, struct sbuf *value);
/* Whether the SigCgt line of /proc/PID/status TEXT has signal SIG. -1 when
 * there is no such line. */
int window_sig_caught(const char *status, int sig);

#endif
