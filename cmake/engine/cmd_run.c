/* SPDX-License-Identifier: MIT */
/* pgo run: one training command with a parallel-safe LLVM_PROFILE_FILE,
 * and a record of its success. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "fsutil.h"
#include "spawn.h"

#define RUN_USAGE "usage: pgo run --raw-dir RAWDIR --name NAME -- COMMAND [ARG...]"

/* Removes RAW/NAME.ok and RAW/NAME.*.profraw: a re-run replaces the
 * previous data of this training run only. */
static void forget_previous(const char *raw, const char *name) {
    char *ok_name = xasprintf("%s.ok", name);
    char *ok = path_join(raw, ok_name);
    if (unlink(ok) != 0 && errno != ENOENT) {
        char *what = xasprintf("cannot remove %s", ok);
        pgo_fs_fail(what, raw, errno);
    }
    free(ok);
    free(ok_name);
    DIR *d = opendir(raw);
    if (!d) {
        char *what = xasprintf("cannot read the folder %s", raw);
        pgo_fs_fail(what, raw, errno);
    }
    size_t k = strlen(name);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (strncmp(n, name, k) == 0 && n[k] == '.' && strlen(n) >= k + 1 + 8 && ends_with(n + k + 1, ".profraw")) {
            char *p = path_join(raw, n);
            unlink(p);
            free(p);
        }
    }
    closedir(d);
}

int cmd_run(int argc, char **argv) {
    const char *raw = NULL, *name = NULL;
    const struct arg_opt opts[] = {
        {"--raw-dir", &raw, NULL},
        {"--name", &name, NULL},
    };
    struct strvec none;
    sv_init(&none);
    int first = args_parse(argc, argv, opts, sizeof opts / sizeof *opts, RUN_USAGE, 1, &none);
    if (!raw || !*raw || !name || !*name || first >= argc)
        pgo_die(PGO_USAGE, "%s", RUN_USAGE);
    if (strchr(name, '/'))
        pgo_die(PGO_USAGE, "bad training run name '%s': it must not hold a '/'", name);
    if (fs_mkdir_p(raw) != 0) {
        char *what = xasprintf("cannot create the folder %s", raw);
        pgo_fs_fail(what, raw, errno);
    }
    forget_previous(raw, name);
    /* %p keeps parallel processes apart; %m keeps apart the modules
     * (executable and shared libraries) of one process. */
    char *pattern_name = xasprintf("%s.%%p-%%m.profraw", name);
    char *pattern = path_join(raw, pattern_name);
    free(pattern_name);
    if (setenv("LLVM_PROFILE_FILE", pattern, 1) != 0)
        pgo_die(PGO_USAGE, "cannot set LLVM_PROFILE_FILE: %s", strerror(errno));
    free(pattern);

    int exec_errno;
    int rc = spawn_forwarding(argv + first, &exec_errno);
    if (exec_errno) {
        pgo_msg("cannot run '%s': %s", argv[first], strerror(exec_errno));
        return rc;
    }
    if (rc == 0) {
        char *ok_name = xasprintf("%s.ok", name);
        char *ok = path_join(raw, ok_name);
        int fd = open(ok, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0 || close(fd) != 0) {
            char *what = xasprintf("cannot write %s", ok);
            pgo_fs_fail(what, raw, errno);
        }
        free(ok);
        free(ok_name);
    }
    return rc;
}
