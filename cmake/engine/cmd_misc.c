/* SPDX-License-Identifier: MIT */
/* pgo clear, install, show and find-profdata. */
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
#include "gcda_archive.h"
#include "hash.h"
#include "llvm_tool.h"
#include "profdata_find.h"
#include "profile_copy.h"
#include "spawn.h"

/* ---- clear ------------------------------------------------------------- */

int cmd_clear(int argc, char **argv) {
    if (argc != 2 || !*argv[1])
        pgo_die(PGO_USAGE, "usage: pgo clear RAWDIR");
    const char *raw = argv[1];
    if (fs_mkdir_p(raw) != 0) {
        char *what = xasprintf("cannot create the folder %s", raw);
        pgo_fs_fail(what, raw, errno);
    }
    DIR *d = opendir(raw);
    if (!d) {
        char *what = xasprintf("cannot read the folder %s", raw);
        pgo_fs_fail(what, raw, errno);
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        /* What the shell globs *.profraw, *.ok and *.gcda match in RAWDIR: no hidden files. */
        if (n[0] == '.' || !(ends_with(n, ".profraw") || ends_with(n, ".ok") || ends_with(n, ".gcda")))
            continue;
        char *p = path_join(raw, n);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) { /* rm -f leaves folders */
            free(p);
            continue;
        }
        if (unlink(p) != 0 && errno != ENOENT) {
            char *what = xasprintf("cannot remove %s", p);
            pgo_fs_fail(what, raw, errno);
        }
        free(p);
    }
    closedir(d);
    fs_clean_stale(raw);
    return PGO_OK;
}

/* ---- install ----------------------------------------------------------- */

int cmd_install(int argc, char **argv) {
    if (argc != 3 || !*argv[1] || !*argv[2])
        pgo_die(PGO_USAGE, "usage: pgo install SRC DEST");
    const char *src = argv[1], *dest = argv[2];
    struct stat st;
    if (stat(src, &st) != 0 || !S_ISREG(st.st_mode))
        pgo_die(PGO_BAD, "no trained profile at %s: run pgo_train first", src);
    char *dir = path_dirname(dest);
    int fd;
    char *tmp = fs_temp_create(dir, ".profdata", &fd);
    if (!tmp) {
        char *what = xasprintf("cannot write next to %s (in %s)", dest, dir);
        pgo_fs_fail(what, dir, errno);
    }
    if (fs_copy_to_fd(src, fd) != 0 || fchmod(fd, 0644 & ~fs_umask()) != 0 || fsync(fd) != 0 || close(fd) != 0) {
        char *what = xasprintf("cannot write next to %s (in %s)", dest, dir);
        pgo_fs_fail(what, dir, errno);
    }
    if (fs_temp_commit(tmp, dest) != 0) {
        char *what = xasprintf("cannot replace %s", dest);
        pgo_fs_fail(what, dir, errno);
    }
    printf("pgo: updated %s\n", dest);
    free(dir);
    return PGO_OK;
}

/* ---- show -------------------------------------------------------------- */

/* kind= is ir, fe or sample (version=0: sample profiles have none); with
 * --profdata, functions= is "Total functions" of `show`, or the number of
 * top-level functions `show --sample` lists. */

#define SHOW_USAGE "usage: pgo show [--profdata LLVM_PROFDATA] PROFILE"

int cmd_show(int argc, char **argv) {
    const char *tool = NULL;
    const struct arg_opt opts[] = {{"--profdata", &tool, NULL}};
    struct strvec operands;
    sv_init(&operands);
    args_parse(argc, argv, opts, 1, SHOW_USAGE, 0, &operands);
    if (operands.n != 1)
        pgo_die(PGO_USAGE, "%s", SHOW_USAGE);
    const char *profile = operands.v[0];
    struct stat st;
    {
        /* A GCC archive is described without llvm-profdata. */
        struct sbuf data;
        sb_init(&data);
        unsigned char head[16];
        size_t got = 0;
        int hfd = stat(profile, &st) == 0 && S_ISREG(st.st_mode) ? open(profile, O_RDONLY | O_CLOEXEC) : -1;
        if (hfd >= 0) {
            got = ph_read_fd(&hfd, 0, head, sizeof head);
            close(hfd);
        }
        if (hfd >= 0 && got != (size_t)-1 && ga_is_archive(head, got) &&
            fs_read_file(profile, &data, (size_t)1 << 31) == 0) {
            int rc = gcc_show((const unsigned char *)data.p, data.n);
            sb_free(&data);
            return rc;
        }
        sb_free(&data);
    }
    struct ph_info info;
    struct sbuf reason;
    sb_init(&reason);
    int fd = profile_open_checked(profile, &st, &info, &reason);
    if (fd < 0) {
        printf("reason=%s\n", sb_str(&reason));
        return PGO_BAD;
    }
    uint64_t h;
    if (hash64_fd(fd, &h) != 0) {
        printf("reason=is not readable\n");
        return PGO_BAD;
    }
    close(fd);
    long long functions = -1;
    if (tool && *tool) {
        char *in = path_for_tool(profile);
        struct strvec args;
        sv_init(&args);
        sv_push(&args, tool);
        sv_push(&args, "show");
        if (info.is_sample)
            sv_push(&args, "--sample");
        sv_push(&args, in);
        struct spawn_result r;
        spawn_result_init(&r);
        lt_run(args.v, SPAWN_CAPTURE, &r, NULL);
        sv_free(&args);
        if (!(r.exited && r.code == 0)) {
            sb_clear(&reason);
            if (lt_crashed(&r)) {
                sb_addf(&reason, "is corrupt: llvm-profdata %d crashed reading it", lt_major(tool, NULL));
            } else {
                sb_adds(&reason, "cannot be read by llvm-profdata: ");
                lt_error_reason(sb_str(&r.err), in, &reason);
            }
            printf("reason=%s\n", sb_str(&reason));
            return PGO_BAD;
        }
        functions = info.is_sample ? lt_parse_sample_functions(sb_str(&r.out)) : lt_parse_functions(sb_str(&r.out));
        spawn_result_free(&r);
        free(in);
    }
    char hex[17];
    hash64_hex(h, hex);
    printf("kind=%s\nversion=%u\n", pc_kind(&info), info.version);
    if (tool && *tool)
        printf("functions=%lld\n", functions < 0 ? 0 : functions);
    printf("hash=%s\nsize=%lld\n", hex, (long long)st.st_size);
    sb_free(&reason);
    sv_free(&operands);
    return PGO_OK;
}

/* ---- find-profdata ----------------------------------------------------- */

#define FIND_USAGE "usage: pgo find-profdata --compiler COMPILER [--profdata LLVM_PROFDATA]"

int cmd_find_profdata(int argc, char **argv) {
    const char *cc = NULL, *given = NULL;
    const struct arg_opt opts[] = {
        {"--compiler", &cc, NULL},
        {"--profdata", &given, NULL},
    };
    struct strvec operands;
    sv_init(&operands);
    args_parse(argc, argv, opts, 2, FIND_USAGE, 0, &operands);
    if (!cc || !*cc || operands.n != 0)
        pgo_die(PGO_USAGE, "%s", FIND_USAGE);
    struct sbuf path, err;
    sb_init(&path);
    sb_init(&err);
    int major = -1;
    int rc = pf_find(cc, given, &path, &major, &err);
    if (rc != 0)
        pgo_die(rc, "%s", sb_str(&err));
    printf("profdata=%s\nmajor=%d\n", sb_str(&path), major);
    sb_free(&path);
    sb_free(&err);
    sv_free(&operands);
    return PGO_OK;
}
