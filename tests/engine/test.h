/* SPDX-License-Identifier: MIT */
/* A minimal check harness for the engine's unit tests: every CHECK counts,
 * a failing one prints its file, line and values and the test goes on;
 * test_done() gives the exit code. */
#ifndef PGO_TEST_H
#define PGO_TEST_H

#include <stdio.h>
#include <string.h>

static int test_checks, test_failures;

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        test_checks++;                                                                                                 \
        if (!(cond)) {                                                                                                 \
            test_failures++;                                                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                                   \
        }                                                                                                              \
    } while (0)

#define CHECK_STR(got, want)                                                                                           \
    do {                                                                                                               \
        const char *g_ = (got), *w_ = (want);                                                                          \
        test_checks++;                                                                                                 \
        if (!g_ || strcmp(g_, w_) != 0) {                                                                              \
            test_failures++;                                                                                           \
            fprintf(stderr, "%s:%d: %s\n  expected: \"%s\"\n  got:      \"%s\"\n", __FILE__, __LINE__, #got, w_,    \
                    g_ ? g_ : "(null)");                                                                               \
        }                                                                                                              \
    } while (0)

#define CHECK_INT(got, want)                                                                                           \
    do {                                                                                                               \
        long long g_ = (long long)(got), w_ = (long long)(want);                                                       \
        test_checks++;                                                                                                 \
        if (g_ != w_) {                                                                                                \
            test_failures++;                                                                                           \
            fprintf(stderr, "%s:%d: %s\n  expected: %lld\n  got:      %lld\n", __FILE__, __LINE__, #got, w_, g_);   \
        }                                                                                                              \
    } while (0)

static int test_done(const char *name) {
    printf("%s: %d checks, %d failed\n", name, test_checks, test_failures);
    return test_failures ? 1 : 0;
}

#endif
