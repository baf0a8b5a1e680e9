/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "profile_copy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "llvm_tool.h"
#include "spawn.h"

const char *pc_kind(const struct ph_info *info) { return info->is_sample ? "sample" : info->is_ir ? "ir" : "fe"; }

/* What llvm-profdata 19 and 22 say about a compact binary profile. */
#define UNRECOGNIZED "Unrecognized sample profile encoding format"

char *pc_make_copy(const char *tool, int major, const char *path, const struct ph_info *info, const char *dir,
                   long long *functions, struct sbuf *reason) {
    *functions = -1;
    char *tmp = fs_temp_create(dir, ".profdata", NULL);
    if (!tmp) {
        char *what = xasprintf("cannot create a temporary file in %s", dir);
        pgo_fs_fail(what, dir, errno);
    }
    char *in = path_for_tool(path);
    char *out = path_for_tool(tmp);
    struct strvec argv;
    sv_init(&argv);
    sv_push(&argv, tool);
    sv_push(&argv, "merge");
    if (info->is_sample) {
        sv_push(&argv, "--sample");
        sv_push(&argv, "--extbinary");
    }
    sv_push(&argv, "-o");
    sv_push(&argv, out);
    sv_push(&argv, in);
    free(out);
    struct spawn_result r;
    spawn_result_init(&r);
    lt_run(argv.v, SPAWN_NULL, &r, dir);
    sv_free(&argv);
    char *result = NULL;
    if (!(r.exited && r.code == 0)) {
        const char *err = sb_str(&r.err);
        if (!info->is_sample && lt_says_newer(err)) {
            int writes = lt_writes_version(tool, dir);
            sb_addf(reason, "has format version %u, newer than llvm-profdata %d reads (it writes version ",
                    info->version, major);
            if (writes >= 0)
                sb_addf(reason, "%d", writes);
            sb_adds(reason, "); it was written by a newer LLVM: re-train it with this compiler");
        } else if (lt_crashed(&r)) {
            /* A damaged file with a valid header crashes llvm-profdata (14
             * and 19 segfault in readSummary; 14 and 22 on a sample
             * section past the end, which ph_check rejects first): its
             * stack dump is no reason. */
            sb_addf(reason, "is corrupt: llvm-profdata %d crashed reading it", major);
        } else if (info->sample_format == PH_SF_COMPACT && strstr(err, UNRECOGNIZED)) {
            sb_addf(reason,
                    "is a compact binary sample profile, which llvm-profdata %d no longer reads (16 and older "
                    "do): convert it with llvm-profdata-16 merge --sample --extbinary",
                    major);
        } else {
            sb_adds(reason, "cannot be read by llvm-profdata: ");
            lt_error_reason(err, in, reason);
        }
        goto done;
    }
    long long n = info->is_sample ? lt_sample_functions(tool, tmp, dir) : lt_functions(tool, tmp, dir);
    if (info->is_sample && info->sample_format == PH_SF_BINARY && n >= 0 && info->sample_functions > n) {
        /* A binary profile cut at the end of a function reads without an
         * error, minus the functions after the cut. */
        sb_addf(reason, "is truncated: its summary counts %lld functions, llvm-profdata read %lld",
                info->sample_functions, n);
        goto done;
    }
    if (n <= 0) {
        sb_adds(reason, "holds no functions (truncated or empty profile)");
        goto done;
    }
    if (info->is_sample) {
        unsigned char head[16];
        int fd = open(tmp, O_RDONLY | O_CLOEXEC);
        size_t got = fd >= 0 ? ph_read_fd(&fd, 0, head, sizeof head) : 0;
        if (fd >= 0)
            close(fd);
        if (got != sizeof head || ph_sample_format(head, got) != PH_SF_EXTBINARY)
            pgo_die(PGO_BAD, "llvm-profdata wrote no sample profile for %s", path);
    }
    *functions = n;
    result = tmp;
    tmp = NULL;
done:
    spawn_result_free(&r);
    free(in);
    if (tmp)
        fs_temp_discard(tmp);
    return result;
}
