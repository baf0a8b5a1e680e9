/* SPDX-License-Identifier: MIT */
/* pgo run: one training command with a parallel-safe LLVM_PROFILE_FILE,
 * a private scratch folder, and a record of its success. */
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
#include "scratch.h"
#include "spawn.h"

#define RUN_USAGE                                                                                                  \
    "usage: pgo run [--raw-dir RAWDIR] [--scratch-dir PARENT [--scratch-token TOKEN]] --name NAME -- COMMAND "   \
    "[ARG...]"

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

/* Sets LLVM_PROFILE_FILE for the run NAME, with data in RAW. */
static void profile_into(const char *raw, const char *name) {
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
}

static void record_success(const char *raw, const char *name) {
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

int cmd_run(int argc, char **argv) {
    const char *raw = NULL, *name = NULL, *scratch_parent = NULL, *token = NULL;
    const struct arg_opt opts[] = {
        {"--raw-dir", &raw, NULL},
        {"--name", &name, NULL},
        {"--scratch-dir", &scratch_parent, NULL},
        {"--scratch-token", &token, NULL},
    };
    struct strvec none;
    sv_init(&none);
    int first = args_parse(argc, argv, opts, sizeof opts / sizeof *opts, RUN_USAGE, 1, &none);
    if ((raw && !*raw) || (!raw && !scratch_parent) || !name || !*name || first >= argc)
        pgo_die(PGO_USAGE, "%s", RUN_USAGE);
    if ((scratch_parent && !*scratch_parent) || (token && (!*token || !scratch_parent)))
        pgo_die(PGO_USAGE, "%s", RUN_USAGE);
    if (strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        pgo_die(PGO_USAGE, "bad training run name '%s': it must not hold a '/'", name);
    if (raw)
        profile_into(raw, name);

    char **command = argv + first;
    char *scratch = NULL;
    struct strvec substituted;
    sv_init(&substituted);
    if (scratch_parent) {
        const char *what = NULL;
        scratch = scratch_enter(scratch_parent, name, &what);
        if (!scratch) {
            char *msg = xasprintf("%s %s for the training run %s", what, scratch_parent, name);
            pgo_fs_fail(msg, scratch_parent, errno);
        }
        if (token) {
            for (int i = first; i < argc; i++) {
                char *arg = scratch_substitute(argv[i], token, scratch);
                sv_push(&substituted, arg);
                free(arg);
            }
            command = substituted.v;
        }
    }

    int exec_errno;
    int rc = spawn_forwarding(command, &exec_errno);
    if (scratch) {
        if (scratch_remove(scratch) != 0)
            pgo_msg("cannot remove the scratch folder %s: %s", scratch, strerror(errno));
        free(scratch);
    }
    if (exec_errno) {
        pgo_msg("cannot run '%s': %s", command[0], strerror(exec_errno));
        sv_free(&substituted);
        return rc;
    }
    if (rc == 0 && raw)
        record_success(raw, name);
    sv_free(&substituted);
    return rc;
}
