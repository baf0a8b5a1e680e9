/* SPDX-License-Identifier: MIT */
/* The GCC forms of pgo check and pgo merge (see gcda_archive.h):
 *
 *   pgo check --kind gcc --gcc-major N --cache DIR PROFILE
 *     checks the archive PROFILE and unpacks it into DIR/<hash>-gcc<N>,
 *     the folder for -fprofile-dir; prints path=, kind=gcc, gcc=, files=,
 *     functions= (the number of files), hash=, version=0, tool_version=0.
 *   pgo merge --kind gcc -o OUT --raw-dir RAW NAME...
 *     packs the .gcda files libgcov wrote into RAW (every training run
 *     writes into the same files, merged by libgcov) into OUT, replaced
 *     atomically, once every named run succeeded.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "fsutil.h"
#include "gcda_archive.h"
#include "profile_header.h"

#define GCC_CHECK_USAGE "usage: pgo check --kind gcc --gcc-major N --cache DIR PROFILE"
#define GCC_MERGE_USAGE "usage: pgo merge --kind gcc -o OUT --raw-dir RAWDIR NAME..."
/* Far more than any archive of a real program (examples/interp: 20 kB). */
#define ARCHIVE_MAX ((size_t)1 << 31)

PGO_NORETURN static void bad(const char *reason) {
    printf("reason=%s\n", reason);
    exit(PGO_BAD);
}

/* What a file that is not an archive is, for a GCC build. */
static const char *not_archive_reason(const unsigned char *head, size_t n) {
    switch (ph_classify(head, n)) {
    case PH_INDEXED:
    case PH_RAW:
    case PH_TEXT:
    case PH_SAMPLE:
    case PH_SAMPLE_TEXT:
        return "is a clang (LLVM) profile, not a GCC one; GCC builds read archives that pgo_update writes with GCC";
    case PH_GCDA:
        return "is a single .gcda file, not a GCC profile archive; make one with pgo_train and pgo_update";
    default:
        return "is not a GCC profile archive (bad magic)";
    }
}

/* Reads PROFILE whole after the checks every profile gets. */
static void read_profile(const char *profile, struct sbuf *data) {
    struct stat lst, st;
    if (lstat(profile, &lst) != 0)
        bad(errno == ENOENT || errno == ENOTDIR ? "does not exist" : "is not readable");
    if (stat(profile, &st) != 0) /* a dangling link does not exist either */
        bad(errno == ENOENT || errno == ENOTDIR ? "does not exist" : "is not readable");
    if (S_ISDIR(st.st_mode))
        bad("is a directory, not a profile file");
    if (!S_ISREG(st.st_mode))
        bad("is not readable");
    if (st.st_size == 0)
        bad("is empty");
    if ((unsigned long long)st.st_size > ARCHIVE_MAX)
        bad("is not a GCC profile archive (it is far too big)");
    if (fs_read_file(profile, data, ARCHIVE_MAX) != 0)
        bad("is not readable");
    if (data->n == 0)
        bad("is empty");
}

int gcc_check(int argc, char **argv) {
    const char *kind = NULL, *major_arg = NULL, *cache = NULL;
    const struct arg_opt opts[] = {
        {"--kind", &kind, NULL},
        {"--gcc-major", &major_arg, NULL},
        {"--cache", &cache, NULL},
    };
    struct strvec operands;
    sv_init(&operands);
    args_parse(argc, argv, opts, sizeof opts / sizeof *opts, GCC_CHECK_USAGE, 0, &operands);
    uint64_t want;
    if (!kind || strcmp(kind, "gcc") != 0 || !major_arg || parse_u64(major_arg, &want) != 0 || want == 0 ||
        !cache || !*cache || operands.n != 1)
        pgo_die(PGO_USAGE, "%s", GCC_CHECK_USAGE);
    const char *profile = operands.v[0];
    if (!*profile)
        bad("does not exist");
    struct sbuf data, reason;
    sb_init(&data);
    sb_init(&reason);
    read_profile(profile, &data);
    const unsigned char *p = (const unsigned char *)data.p;
    if (!ga_is_archive(p, data.n))
        bad(not_archive_reason(p, data.n));
    struct ga_archive a;
    if (ga_parse(p, data.n, &a, &reason) != 0)
        bad(sb_str(&reason));
    if ((uint64_t)a.gcc_major != want) {
        sb_addf(&reason, "was written by GCC %d, and this is GCC %llu, which cannot read it", a.gcc_major,
                (unsigned long long)want);
        bad(sb_str(&reason));
    }
    if (fs_mkdir_p(cache) != 0) {
        char *what = xasprintf("cannot create the folder %s", cache);
        pgo_fs_fail(what, cache, errno);
    }
    char *name = xasprintf("%s-gcc%d", a.hash, a.gcc_major);
    char *dest = path_join(cache, name);
    if (ga_unpack(&a, dest) != 0) {
        char *what = xasprintf("cannot unpack %s into %s", profile, dest);
        pgo_fs_fail(what, cache, errno);
    }
    printf("path=%s\nkind=gcc\ngcc=%d\nfiles=%zu\nfunctions=%zu\nhash=%s\nversion=0\ntool_version=0\n", dest,
           a.gcc_major, a.n, a.n, a.hash);
    ga_free(&a);
    free(dest);
    free(name);
    sb_free(&data);
    sb_free(&reason);
    sv_free(&operands);
    return PGO_OK;
}

int gcc_merge(int argc, char **argv) {
    const char *kind = NULL, *out = NULL, *raw = NULL;
    const struct arg_opt opts[] = {
        {"--kind", &kind, NULL},
        {"-o", &out, NULL},
        {"--raw-dir", &raw, NULL},
    };
    struct strvec names;
    sv_init(&names);
    args_parse(argc, argv, opts, sizeof opts / sizeof *opts, GCC_MERGE_USAGE, 0, &names);
    if (!kind || strcmp(kind, "gcc") != 0 || !out || !*out || !raw || !*raw || names.n == 0)
        pgo_die(PGO_USAGE, "%s", GCC_MERGE_USAGE);
    struct stat st;
    char *kept = stat(out, &st) == 0 ? xasprintf("kept the previous profile %s", out) : xstrdup("no profile was written");
    for (size_t i = 0; i < names.n; i++) {
        const char *name = names.v[i];
        const char *eq = strchr(name, '=');
        if (eq && strcmp(eq, "=1") != 0)
            pgo_die(PGO_USAGE,
                    "training run '%.*s' has WEIGHT %s, but GCC merges every run into one profile: weights need "
                    "clang; drop the WEIGHT or train with clang",
                    (int)(eq - name), name, eq + 1);
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        if (len == 0 || memchr(name, '/', len))
            pgo_die(PGO_USAGE, "bad training run name '%s'; %s", name, GCC_MERGE_USAGE);
        char *ok_name = xasprintf("%.*s.ok", (int)len, name);
        char *ok = path_join(raw, ok_name);
        free(ok_name);
        if (stat(ok, &st) != 0 || !S_ISREG(st.st_mode))
            pgo_die(PGO_BAD, "training run '%.*s' failed or did not run (see its output above); %s", (int)len, name,
                    kept);
        free(ok);
    }
    struct sbuf archive, reason;
    sb_init(&archive);
    sb_init(&reason);
    int major = 0;
    size_t files = 0;
    int rc = ga_pack_dir(raw, &archive, &major, &files, &reason);
    if (rc == 1)
        pgo_die(PGO_BAD,
                "the training runs wrote no .gcda file into %s: their commands must run an instrumented binary "
                "(built by pgo_instrument); %s",
                raw, kept);
    if (rc != 0)
        pgo_die(PGO_BAD, "%s; %s", sb_str(&reason), kept);
    char *dir = path_dirname(out);
    if (fs_mkdir_p(dir) != 0) {
        char *what = xasprintf("cannot create the folder of %s (%s)", out, dir);
        pgo_fs_fail(what, dir, errno);
    }
    if (fs_write_atomic(dir, out, archive.p, archive.n, 1) != 0) {
        char *what = xasprintf("cannot write %s", out);
        pgo_fs_fail(what, dir, errno);
    }
    printf("pgo: packed %zu .gcda files of GCC %d into %s\n", files, major, out);
    free(dir);
    free(kept);
    sb_free(&archive);
    sb_free(&reason);
    sv_free(&names);
    return PGO_OK;
}

/* pgo show of an archive (DATA, its N bytes): 0, or 1 with reason=. */
int gcc_show(const unsigned char *data, size_t n) {
    struct ga_archive a;
    struct sbuf reason;
    sb_init(&reason);
    if (ga_parse(data, n, &a, &reason) != 0) {
        printf("reason=%s\n", sb_str(&reason));
        sb_free(&reason);
        return PGO_BAD;
    }
    printf("kind=gcc\ngcc=%d\nfiles=%zu\nhash=%s\n", a.gcc_major, a.n, a.hash);
    for (size_t i = 0; i < a.n; i++)
        printf("file=%s\n", a.v[i].name);
    ga_free(&a);
    sb_free(&reason);
    return PGO_OK;
}
