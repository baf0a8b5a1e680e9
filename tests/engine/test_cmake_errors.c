/* SPDX-License-Identifier: MIT */
/* cmake_errors.c: a failed cmake -P step's error without CMake's header,
 * blank lines and call stack. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>

#include "cmake_errors.h"
#include "test.h"

static char *filtered(const char *in) {
    struct sbuf out;
    sb_init(&out);
    cmake_error_text(in, &out);
    return sb_take(&out);
}

int main(void) {
    char *s;
    /* A FATAL_ERROR inside a function of a script. */
    s = filtered("CMake Error at /x/PGOPhase.cmake:17 (message):\n"
                 "   PGO: training failed (see the failing runs above); the previous profile, if any, is unchanged\n"
                 "Call Stack (most recent call first):\n"
                 "  /x/PGOPhase.cmake:170 (_pgo_fail)\n"
                 "  /x/PGOPhase.cmake:240 (_pgo_train)\n"
                 "\n"
                 "\n");
    CHECK_STR(s, "PGO: training failed (see the failing runs above); the previous profile, if any, is unchanged\n");
    free(s);
    /* At the top level: no call stack. */
    s = filtered("CMake Error at /a b/p.cmake:3 (message):\n  PGO: no trained profile at /a b/t.profdata\n\n\n");
    CHECK_STR(s, "PGO: no trained profile at /a b/t.profdata\n");
    free(s);
    /* Other output before and after passes unchanged, indentation kept. */
    s = filtered("warning: x\n  indented tool output\nCMake Error at f:1 (message):\n  m\n\nafter\n");
    CHECK_STR(s, "warning: x\n  indented tool output\nm\nafter\n");
    free(s);
    /* A message of several lines keeps them all, dedented. */
    s = filtered("CMake Error at f:1 (message):\n  one\n  two\nCall Stack (most recent call first):\n  f:2 (g)\n");
    CHECK_STR(s, "one\ntwo\n");
    free(s);
    /* Nothing to filter. */
    s = filtered("");
    CHECK_STR(s, "");
    free(s);
    s = filtered("no newline at the end");
    CHECK_STR(s, "no newline at the end\n");
    free(s);
    return test_done("cmake_errors");
}
