/* SPDX-License-Identifier: MIT */
/* scratch.c: token substitution, stale folder names, the folder's life
 * (empty, named in the environment, removed with what it holds, never
 * following a symbolic link out of it), and the sweep of folders whose
 * process is gone. Works in the current directory. */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scratch.h"
#include "test.h"

static int exists(const char *p) {
    struct stat st;
    return lstat(p, &st) == 0;
}

static void touch(const char *p) {
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0)
        close(fd);
}

/* A pid that is surely gone: a child that exited and was waited for. */
static long dead_pid(void) {
    pid_t p = fork();
    if (p == 0)
        _exit(0);
    waitpid(p, NULL, 0);
    return (long)p;
}

static void test_substitute(void) {
    char *s = scratch_substitute("--db=@T@/db", "@T@", "/x y");
    CHECK_STR(s, "--db=/x y/db");
    free(s);
    s = scratch_substitute("@T@@T@", "@T@", "a");
    CHECK_STR(s, "aa");
    free(s);
    s = scratch_substitute("", "@T@", "a");
    CHECK_STR(s, "");
    free(s);
    s = scratch_substitute("@T", "@T@", "a");
    CHECK_STR(s, "@T");
    free(s);
    s = scratch_substitute("keep", "", "a");
    CHECK_STR(s, "keep");
    free(s);
}

static void test_stale_names(void) {
    char name[64];
    snprintf(name, sizeof name, "run.%ld", dead_pid());
    CHECK_INT(scratch_is_stale(name), 1);
    snprintf(name, sizeof name, "run.%ld", (long)getpid());
    CHECK_INT(scratch_is_stale(name), 0);
    CHECK_INT(scratch_is_stale("run"), 0);
    CHECK_INT(scratch_is_stale("run."), 0);
    CHECK_INT(scratch_is_stale("run.12x"), 0);
    CHECK_INT(scratch_is_stale("run.-5"), 0);
    CHECK_INT(scratch_is_stale(".5"), 0);
}

static void test_life(void) {
    mkdir("outside", 0777);
    touch("outside/keep");
    char stale[64];
    snprintf(stale, sizeof stale, "parent/old.%ld", dead_pid());
    mkdir("parent", 0777);
    mkdir(stale, 0777);
    touch("parent/unrelated");

    const char *what = NULL;
    char *dir = scratch_enter("parent", "run", &what);
    CHECK(dir != NULL);
    if (!dir)
        return;
    char want[64];
    snprintf(want, sizeof want, "parent/run.%ld", (long)getpid());
    CHECK_STR(dir, want);
    CHECK_STR(getenv("PGO_TRAINING_DIR"), want);
    CHECK(!exists(stale));
    CHECK(exists("parent/unrelated"));

    char path[128];
    snprintf(path, sizeof path, "%s/sub", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/sub/file", dir);
    touch(path);
    snprintf(path, sizeof path, "%s/link", dir);
    CHECK_INT(symlink("../../outside", path), 0);
    CHECK_INT(scratch_remove(dir), 0);
    CHECK(!exists(dir));
    CHECK(exists("outside/keep"));
    CHECK_INT(scratch_remove(dir), 0); /* already gone */
    free(dir);

    CHECK(scratch_enter("parent/unrelated/x", "run", &what) == NULL);
    CHECK_STR(what, "cannot create the folder");
}

int main(void) {
    test_substitute();
    test_stale_names();
    test_life();
    return test_done("scratch");
}
