/*
 * selftest.h - the benchmark and training driver: starts a server as a
 * child process on an ephemeral port, puts load on it, stops it with
 * SIGTERM and checks that it exited cleanly.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

#include "loadgen.h"

struct selftest_options {
    const char *server; /* the server program; NULL: this program */
    struct loadgen_options load;
};

/* Returns 0 when the load run and the server both succeeded. */
int selftest_run(const struct selftest_options *opt);

#endif
