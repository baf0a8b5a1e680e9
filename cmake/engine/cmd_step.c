/* SPDX-License-Identifier: MIT */
/* pgo step -- COMMAND...: runs one step of a pgo_* target (a cmake -P
 * script) and passes its output on; when it fails, its error is printed
 * without CMake's "CMake Error at" header and call stack. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <errno.h>
#include <string.h>

#include "cmake_errors.h"
#include "commands.h"
#include "spawn.h"

#define STEP_USAGE "usage: pgo step -- COMMAND [ARG...]"

int cmd_step(int argc, char **argv) {
    if (argc < 3 || strcmp(argv[1], "--") != 0)
        pgo_die(PGO_USAGE, "%s", STEP_USAGE);
    struct spawn_result r;
    spawn_result_init(&r);
    if (spawn_run(argv + 2, SPAWN_INHERIT, SPAWN_CAPTURE, &r) != 0) {
        pgo_msg("cannot run '%s': %s", argv[2], strerror(r.exec_errno ? r.exec_errno : errno));
        spawn_result_free(&r);
        return 127;
    }
    int rc = r.exited ? r.code : 128 + r.code;
    if (rc == 0) {
        fwrite(r.err.p ? r.err.p : "", 1, r.err.n, stderr);
    } else {
        struct sbuf text;
        sb_init(&text);
        cmake_error_text(sb_str(&r.err), &text);
        fwrite(sb_str(&text), 1, text.n, stderr);
        sb_free(&text);
    }
    fflush(stderr);
    spawn_result_free(&r);
    return rc;
}
