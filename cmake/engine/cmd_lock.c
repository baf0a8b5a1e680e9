/* SPDX-License-Identifier: MIT */
/* pgo lock: run one command while holding an exclusive lock on a file, so
 * that two builds that would write the same files take turns.
 *
 *   pgo lock FILE -- COMMAND [ARG...]
 *
 * FILE (and its folder) is created if needed and never removed. The lock is
 * an fcntl() write lock held by this process while COMMAND runs; the kernel
 * releases it however this process ends, also after kill -9, so a lock is
 * never left behind. SIGINT, SIGTERM and SIGHUP are passed on to COMMAND.
 * The exit status is COMMAND's (128 + signal if it was killed, 127/126 if
 * it could not be run); 2 for a usage error, 3 if FILE cannot be locked. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "fsutil.h"
#include "spawn.h"

#define LOCK_USAGE "usage: pgo lock FILE -- COMMAND [ARG...]"

static int set_lock(int fd, int wait) {
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    for (;;) {
        if (fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl) == 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

int cmd_lock(int argc, char **argv) {
    if (argc < 4 || !*argv[1] || strcmp(argv[2], "--") != 0 || !*argv[3])
        pgo_die(PGO_USAGE, "%s", LOCK_USAGE);
    const char *file = argv[1];
    char *dir = path_dirname(file);
    if (fs_mkdir_p(dir) != 0) {
        char *what = xasprintf("cannot create the folder %s", dir);
        pgo_fs_fail(what, dir, errno);
    }
    int fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        char *what = xasprintf("cannot open the lock file %s", file);
        pgo_fs_fail(what, dir, errno);
    }
    if (set_lock(fd, 0) != 0) {
        if (errno != EACCES && errno != EAGAIN) {
            char *what = xasprintf("cannot lock %s", file);
            pgo_fs_fail(what, dir, errno);
        }
        pgo_msg("waiting for %s: another build holds it", file);
        if (set_lock(fd, 1) != 0) {
            char *what = xasprintf("cannot lock %s", file);
            pgo_fs_fail(what, dir, errno);
        }
    }
    free(dir);
    int exec_errno;
    int rc = spawn_forwarding(argv + 3, &exec_errno);
    if (exec_errno)
        pgo_msg("cannot run '%s': %s", argv[3], strerror(exec_errno));
    close(fd);
    return rc;
}
