/* SPDX-License-Identifier: MIT */
/* spawn: run a program from an argv array (fork + execvp, never a shell),
 * with its stdout and stderr captured through pipes, discarded, passed on,
 * or sent to our stderr. */
#ifndef PGO_SPAWN_H
#define PGO_SPAWN_H

#include "util.h"

enum spawn_io {
    SPAWN_CAPTURE, /* into the result's out/err buffer */
    SPAWN_NULL,    /* /dev/null */
    SPAWN_INHERIT, /* our own stdout / stderr */
    SPAWN_STDERR   /* our stderr (for a child's stdout) */
};

struct spawn_result {
    int exited;     /* 1: exited with status `code`; 0: killed by signal `code` */
    int code;
    int exec_errno; /* non-zero: the program could not be run at all */
    struct sbuf out, err;
};

void spawn_result_init(struct spawn_result *r);
void spawn_result_free(struct spawn_result *r);

/* Runs ARGV (argv[0] is looked up in PATH when it has no '/') and waits.
 * Returns 0 when the program ran (see r->exited and r->code), -1 when it
 * could not be started (r->exec_errno, or errno for fork/pipe failures). */
int spawn_run(char *const argv[], enum spawn_io out, enum spawn_io err, struct spawn_result *r);

/* How many processes spawn_run() started since the last reset (tests). */
unsigned long spawn_count(void);
void spawn_reset(void);

/* Runs ARGV with our stdio and working directory, passing SIGINT, SIGTERM
 * and SIGHUP on to it, and returns what the shell would: the exit status,
 * 128 + signal when it was killed, 127 (not found) or 126 (not runnable)
 * when it could not be started, in which case *EXEC_ERRNO is set. */
int spawn_forwarding(char *const argv[], int *exec_errno);

/* In a forked child before exec: the default dispositions of SIGINT,
 * SIGTERM and SIGHUP (our handlers must not run there) and no signal
 * blocked. */
void spawn_child_defaults(void);

#endif
