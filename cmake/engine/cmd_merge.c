/* SPDX-License-Identifier: MIT */
/* pgo merge: the raw profiles of named training runs into one profile,
 * replaced atomically and only when every run succeeded and wrote data. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "fsutil.h"
#include "llvm_tool.h"
#include "spawn.h"

#define MERGE_USAGE                                                                                                    \
    "usage: pgo merge --profdata LLVM_PROFDATA -o OUT [--source-root DIR] [--build-root DIR] --raw-dir RAWDIR "      \
    "NAME[=WEIGHT]..."

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The non-empty RAW/NAME.*.profraw files, sorted, appended to FILES. */
static void raw_files(const char *raw, const char *name, struct strvec *files) {
    DIR *d = opendir(raw);
    if (!d)
        return;
    size_t first = files->n, k = strlen(name);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (strncmp(n, name, k) != 0 || n[k] != '.' || strlen(n) < k + 1 + 8 || !ends_with(n + k + 1, ".profraw"))
            continue;
        char *p = path_join(raw, n);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
            sv_push(files, p);
        free(p);
    }
    closedir(d);
    if (files->n > first)
        qsort(files->v + first, files->n - first, sizeof *files->v, cmp_str);
}

static int positive_number(const char *s) {
    uint64_t v;
    return parse_u64(s, &v) == 0 && v > 0 && v <= 1000000000ULL;
}

int cmd_merge(int argc, char **argv) {
    const char *tool = NULL, *out = NULL, *src = NULL, *bld = NULL, *raw = NULL;
    const struct arg_opt opts[] = {
        {"--profdata", &tool, NULL},
        {"-o", &out, NULL},
        {"--source-root", &src, "--source-root needs a folder"},
        {"--build-root", &bld, "--build-root needs a folder"},
        {"--raw-dir", &raw, NULL},
    };
    struct strvec names;
    sv_init(&names);
    args_parse(argc, argv, opts, sizeof opts / sizeof *opts, MERGE_USAGE, 0, &names);
    if (!tool || !*tool || !out || !*out || !raw || !*raw || names.n == 0)
        pgo_die(PGO_USAGE, "%s", MERGE_USAGE);

    struct stat st;
    char *kept = stat(out, &st) == 0 ? xasprintf("kept the previous profile %s", out) : xstrdup("no profile was written");

    struct strvec args;
    sv_init(&args);
    sv_push(&args, tool);
    sv_push(&args, "merge");
    sv_push(&args, "-o");
    size_t out_slot = args.n;
    sv_push(&args, ""); /* the temporary file, below */
    size_t nfiles = 0;
    for (size_t i = 0; i < names.n; i++) {
        const char *spec = names.v[i];
        const char *eq = strchr(spec, '=');
        char *name = eq ? strndup(spec, (size_t)(eq - spec)) : xstrdup(spec);
        const char *weight = eq ? eq + 1 : "1";
        if (!*name || strchr(name, '/'))
            pgo_die(PGO_USAGE, "bad training run name '%s'; %s", spec, MERGE_USAGE);
        if (!positive_number(weight))
            pgo_die(PGO_USAGE, "bad weight '%s' for training run '%s': use a whole number from 1 up", weight, name);
        char *ok_name = xasprintf("%s.ok", name);
        char *ok = path_join(raw, ok_name);
        free(ok_name);
        if (stat(ok, &st) != 0 || !S_ISREG(st.st_mode))
            pgo_die(PGO_BAD, "training run '%s' failed or did not run (see its output above); %s", name, kept);
        free(ok);
        struct strvec files;
        sv_init(&files);
        raw_files(raw, name, &files);
        if (files.n == 0)
            pgo_die(PGO_BAD,
                    "training run '%s' wrote no raw profile: its command must run an instrumented binary (built by "
                    "pgo_instrument); %s",
                    name, kept);
        for (size_t f = 0; f < files.n; f++) {
            if (strcmp(weight, "1") == 0) {
                char *p = path_for_tool(files.v[f]);
                sv_push(&args, p);
                free(p);
            } else {
                sv_pushf(&args, "--weighted-input=%s,%s", weight, files.v[f]);
            }
        }
        nfiles += files.n;
        sv_free(&files);
        free(name);
    }

    char *dir = path_dirname(out);
    if (fs_mkdir_p(dir) != 0) {
        char *what = xasprintf("cannot create the folder of %s (%s)", out, dir);
        pgo_fs_fail(what, dir, errno);
    }
    /* Not mkstemp: its 0600 mode would end up on a profile meant to be
     * shared. */
    char *tmp = fs_temp_create(dir, ".profdata", NULL);
    if (!tmp) {
        char *what = xasprintf("cannot create a temporary file in %s", dir);
        pgo_fs_fail(what, dir, errno);
    }
    free(args.v[out_slot]);
    args.v[out_slot] = path_for_tool(tmp);

    struct spawn_result r;
    spawn_result_init(&r);
    lt_run(args.v, SPAWN_STDERR, &r, dir);
    if (r.err.n) /* its warnings and errors, as the user would see them */
        fputs(sb_str(&r.err), stderr);
    if (!(r.exited && r.code == 0))
        pgo_die(PGO_BAD, "llvm-profdata merge failed; %s", kept);
    spawn_result_free(&r);
    sv_free(&args);

    long long functions = lt_functions(tool, tmp, dir);
    if (functions <= 0)
        pgo_die(PGO_BAD, "the merged profile holds no functions; %s", kept);
    if ((src && *src) || (bld && *bld)) {
        char *named;
        struct sbuf why;
        sb_init(&why);
        if (lt_rename(tool, tmp, dir, PN_RELATIVE, src, bld, &named, &why) != 0)
            pgo_die(PGO_BAD, "cannot rename the static functions of the merged profile; %s", kept);
        sb_free(&why);
        if (named) {
            fs_temp_discard(tmp);
            tmp = named;
        }
    }
    /* 0644 as the umask allows, whatever mode llvm-profdata gave it, and on
     * disk before it replaces the previous profile. */
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fchmod(fd, 0644 & ~fs_umask()) != 0 || fsync(fd) != 0) {
        char *what = xasprintf("cannot write %s", tmp);
        pgo_fs_fail(what, dir, errno);
    }
    close(fd);
    if (fs_temp_commit(tmp, out) != 0) {
        char *what = xasprintf("cannot replace %s", out);
        pgo_fs_fail(what, dir, errno);
    }
    printf("pgo: merged %zu raw profiles into %s (%lld functions)\n", nfiles, out, functions);
    free(kept);
    free(dir);
    sv_free(&names);
    return PGO_OK;
}
