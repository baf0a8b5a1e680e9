/* SPDX-License-Identifier: MIT */
/* spawn.c: argv passed verbatim (no shell), capture of both streams,
 * exit statuses and signals, programs that cannot run, and signal
 * forwarding. Works in the current directory. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spawn.h"
#include "test.h"

static int exists(const char *p) {
    struct stat st;
    return lstat(p, &st) == 0;
}

int main(void) {
    struct spawn_result r;
    spawn_result_init(&r);
    spawn_reset();

    char *a1[] = {"sh", "-c", "echo out; echo err >&2; exit 3", NULL};
    CHECK_INT(spawn_run(a1, SPAWN_CAPTURE, SPAWN_CAPTURE, &r), 0);
    CHECK_INT(r.exited, 1);
    CHECK_INT(r.code, 3);
    CHECK_STR(sb_str(&r.out), "out\n");
    CHECK_STR(sb_str(&r.err), "err\n");
    CHECK_INT(spawn_count(), 1);

    /* Arguments reach the program as they are: no shell in between. */
    unlink("X");
    char *a2[] = {"printf", "[%s]\\n", "a b", "$(touch X)", "`touch X`", "'", "\"", ";", "", "*", NULL};
    CHECK_INT(spawn_run(a2, SPAWN_CAPTURE, SPAWN_CAPTURE, &r), 0);
    CHECK_STR(sb_str(&r.out), "[a b]\n[$(touch X)]\n[`touch X`]\n[']\n[\"]\n[;]\n[]\n[*]\n");
    CHECK(!exists("X"));

    /* Killed by a signal. */
    char *a3[] = {"sh", "-c", "kill -KILL $$", NULL};
    CHECK_INT(spawn_run(a3, SPAWN_NULL, SPAWN_NULL, &r), 0);
    CHECK_INT(r.exited, 0);
    CHECK_INT(r.code, SIGKILL);

    /* Cannot run. */
    char *a4[] = {"/no/such/program", NULL};
    CHECK_INT(spawn_run(a4, SPAWN_CAPTURE, SPAWN_CAPTURE, &r), -1);
    CHECK_INT(r.exec_errno, ENOENT);
    char *a5[] = {"no-such-program-pgo-test", NULL};
    CHECK_INT(spawn_run(a5, SPAWN_CAPTURE, SPAWN_CAPTURE, &r), -1);
    CHECK_INT(r.exec_errno, ENOENT);
    char *a6[] = {"/dev/null", NULL};
    CHECK_INT(spawn_run(a6, SPAWN_CAPTURE, SPAWN_CAPTURE, &r), -1);
    CHECK_INT(r.exec_errno, EACCES);

    /* Much output on both streams at once: no deadlock, nothing lost. */
    char *a7[] = {"sh", "-c", "head -c 3000000 /dev/zero; head -c 2000000 /dev/zero >&2; head -c 1000 /dev/zero", NULL};
    CHECK_INT(spawn_run(a7, SPAWN_CAPTURE, SPAWN_CAPTURE, &r), 0);
    CHECK_INT(r.out.n, 3001000);
    CHECK_INT(r.err.n, 2000000);

    /* Discarded streams and stdin from /dev/null. */
    char *a8[] = {"sh", "-c", "cat; echo done; echo e >&2", NULL};
    CHECK_INT(spawn_run(a8, SPAWN_CAPTURE, SPAWN_NULL, &r), 0);
    CHECK_STR(sb_str(&r.out), "done\n");
    CHECK_STR(sb_str(&r.err), "");
    CHECK_INT(spawn_run(a8, SPAWN_NULL, SPAWN_CAPTURE, &r), 0);
    CHECK_STR(sb_str(&r.out), "");
    CHECK_STR(sb_str(&r.err), "e\n");

    /* Forwarding: exit status, signal, not found, a forwarded SIGTERM. */
    int e = 0;
    char *f1[] = {"sh", "-c", "exit 5", NULL};
    CHECK_INT(spawn_forwarding(f1, &e), 5);
    CHECK_INT(e, 0);
    char *f2[] = {"sh", "-c", "kill -TERM $$", NULL};
    CHECK_INT(spawn_forwarding(f2, &e), 128 + SIGTERM);
    char *f3[] = {"no-such-program-pgo-test", NULL};
    CHECK_INT(spawn_forwarding(f3, &e), 127);
    CHECK_INT(e, ENOENT);
    char *f4[] = {"/dev/null", NULL};
    CHECK_INT(spawn_forwarding(f4, &e), 126);
    CHECK_INT(e, EACCES);
    /* The child makes us (its parent) get SIGTERM; we pass it back to it,
     * its trap answers 7. */
    char *f5[] = {"sh", "-c", "sleep 30 & s=$!; trap 'kill $s; exit 7' TERM; kill -TERM $PPID; wait $s", NULL};
    CHECK_INT(spawn_forwarding(f5, &e), 7);
    CHECK_INT(e, 0);
    spawn_result_free(&r);
    return test_done("spawn");
}
