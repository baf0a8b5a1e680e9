/* SPDX-License-Identifier: MIT */
/* pgo repeat: run a command again and again until its runs add up to some
 * seconds, so that a short training run gives a sample profile enough
 * samples (pgo collect --repeat-for runs it under perf), or a number of
 * times, so that GCC, which adds every run into one profile, weighs a
 * training run (a WEIGHT of N runs it N times).
 *
 *   pgo repeat --seconds N -- COMMAND [ARG...]
 *   pgo repeat --times N -- COMMAND [ARG...]
 *
 * COMMAND runs at least once, and again while less than N seconds (wall
 * clock, from the first start) have passed, or N times (N >= 1). Its
 * output and SIGINT, SIGTERM and SIGHUP are passed through. The exit
 * status is 0 when every run succeeded, else that of the first run that
 * did not (128 + signal, 127/126 when it could not be run); 2 for a usage
 * error. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "spawn.h"

#define REPEAT_USAGE "usage: pgo repeat --seconds N|--times N -- COMMAND [ARG...]"

static double monotonic_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int cmd_repeat(int argc, char **argv) {
    if (argc < 5 || (strcmp(argv[1], "--seconds") != 0 && strcmp(argv[1], "--times") != 0) ||
        strcmp(argv[3], "--") != 0 || !*argv[4])
        pgo_die(PGO_USAGE, "%s", REPEAT_USAGE);
    int by_count = strcmp(argv[1], "--times") == 0;
    char *end;
    unsigned long n = strtoul(argv[2], &end, 10);
    if (!*argv[2] || *end || argv[2][0] == '-' || n > 86400 || (by_count && n == 0))
        pgo_die(PGO_USAGE, "bad %s '%s': use a whole number from %d to 86400", argv[1], argv[2], by_count ? 1 : 0);
    double t0 = monotonic_s();
    unsigned long runs = 0;
    do {
        int exec_errno = 0;
        int rc = spawn_forwarding(argv + 4, &exec_errno);
        if (exec_errno)
            pgo_die(rc, "cannot run %s: %s", argv[4], strerror(exec_errno));
        if (rc != 0)
            return rc;
        runs++;
    } while (by_count ? runs < n : monotonic_s() - t0 < (double)n);
    return 0;
}
