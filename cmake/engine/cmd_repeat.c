/* SPDX-License-Identifier: MIT */
/* pgo repeat: run a command again and again until its runs add up to some
 * seconds, so that a short training run gives a sample profile enough
 * samples (pgo collect --repeat-for runs it under perf).
 *
 *   pgo repeat --seconds N -- COMMAND [ARG...]
 *
 * COMMAND runs at least once, and again while less than N seconds (wall
 * clock, from the first start) have passed. Its output and SIGINT, SIGTERM
 * and SIGHUP are passed through. The exit status is 0 when every run
 * succeeded, else that of the first run that did not (128 + signal, 127/126
 * when it could not be run); 2 for a usage error. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "spawn.h"

#define REPEAT_USAGE "usage: pgo repeat --seconds N -- COMMAND [ARG...]"

static double monotonic_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int cmd_repeat(int argc, char **argv) {
    if (argc < 5 || strcmp(argv[1], "--seconds") != 0 || strcmp(argv[3], "--") != 0 || !*argv[4])
        pgo_die(PGO_USAGE, "%s", REPEAT_USAGE);
    char *end;
    unsigned long seconds = strtoul(argv[2], &end, 10);
    if (!*argv[2] || *end || argv[2][0] == '-' || seconds > 86400)
        pgo_die(PGO_USAGE, "bad --seconds '%s': use a whole number from 0 to 86400", argv[2]);
    double t0 = monotonic_s();
    do {
        int exec_errno = 0;
        int rc = spawn_forwarding(argv + 4, &exec_errno);
        if (exec_errno)
            pgo_die(rc, "cannot run %s: %s", argv[4], strerror(exec_errno));
        if (rc != 0)
            return rc;
    } while (monotonic_s() - t0 < (double)seconds);
    return 0;
}
