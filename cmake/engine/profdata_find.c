/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */

#include "profdata_find.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "llvm_tool.h"
#include "spawn.h"

int pf_compiler_major(const char *cc) {
    char *argv[3] = {(char *)cc, "-dumpversion", NULL};
    struct spawn_result r;
    spawn_result_init(&r);
    int major = -1;
    if (spawn_run(argv, SPAWN_CAPTURE, SPAWN_NULL, &r) == 0)
        major = lt_parse_cc_major(sb_str(&r.out));
    spawn_result_free(&r);
    return major;
}

/* pgo-tool.sh's resolve: CC through PATH, then its real path. */
static char *resolve(const char *cc) {
    char *p = fs_search_path(cc);
    if (!p)
        return NULL;
    char *real = realpath(p, NULL);
    if (real) {
        free(p);
        return real;
    }
    return p;
}

int pf_find(const char *cc, const char *given, struct sbuf *path, int *major, struct sbuf *err) {
    int want = pf_compiler_major(cc);
    if (want < 0) {
        sb_addf(err, "cannot read the version of compiler '%s' (-dumpversion)", cc);
        return PGO_USAGE;
    }
    *major = want;
    if (given && *given) {
        int have = lt_major(given, NULL);
        if (have < 0) {
            sb_addf(err, "'%s' is not a working llvm-profdata; set PGO_LLVM_PROFDATA_EXECUTABLE to llvm-profdata-%d",
                    given, want);
            return PGO_USAGE;
        }
        if (have != want) {
            sb_addf(err,
                    "'%s' is llvm-profdata %d but the compiler is clang %d; profiles are tied to one LLVM major "
                    "version: use llvm-profdata-%d",
                    given, have, want, want);
            return PGO_USAGE;
        }
        sb_adds(path, given);
        return 0;
    }
    char *real = resolve(cc);
    if (!real) {
        sb_addf(err, "compiler '%s' not found", cc);
        return PGO_USAGE;
    }
    char *dir = path_dirname(real);
    free(real);
    char *cands[3];
    cands[0] = path_join(dir, "llvm-profdata");
    cands[1] = xasprintf("llvm-profdata-%d", want);
    cands[2] = xstrdup("llvm-profdata");
    free(dir);
    struct sbuf seen;
    sb_init(&seen);
    int found = 0;
    for (int i = 0; i < 3 && !found; i++) {
        char *p = fs_search_path(cands[i]);
        if (!p)
            continue;
        int have = lt_major(p, NULL);
        if (have == want) {
            sb_adds(path, p);
            found = 1;
        } else if (have >= 0) {
            sb_addf(&seen, " %s (LLVM %d)", p, have);
        }
        free(p);
    }
    for (int i = 0; i < 3; i++)
        free(cands[i]);
    if (found) {
        sb_free(&seen);
        return 0;
    }
    if (seen.n)
        sb_addf(err, "no llvm-profdata for clang %d; found only%s: install llvm-%d or set PGO_LLVM_PROFDATA_EXECUTABLE",
                want, sb_str(&seen), want);
    else
        sb_addf(err,
                "no llvm-profdata for clang %d found: install llvm-%d (package llvm-%d) or set "
                "PGO_LLVM_PROFDATA_EXECUTABLE",
                want, want, want);
    sb_free(&seen);
    return PGO_USAGE;
}
