/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "git_info.h"

#include <stdlib.h>
#include <string.h>

#include "spawn.h"

/* git -C DIR -c ... ARGS; 0 and its stdout in OUT when it exited 0. */
static int run_git(const char *git, const char *dir, const char *const *args, struct sbuf *out) {
    struct strvec argv;
    sv_init(&argv);
    sv_push(&argv, git ? git : "git");
    sv_push(&argv, "-C");
    sv_push(&argv, dir);
    /* A repository's own configuration must not start programs. */
    sv_push(&argv, "-c");
    sv_push(&argv, "core.fsmonitor=false");
    sv_push(&argv, "-c");
    sv_push(&argv, "core.hooksPath=/dev/null");
    for (; *args; args++)
        sv_push(&argv, *args);
    struct spawn_result r;
    spawn_result_init(&r);
    int ok = spawn_run(argv.v, SPAWN_CAPTURE, SPAWN_NULL, &r) == 0 && r.exited && r.code == 0;
    if (ok)
        sb_adds(out, sb_str(&r.out));
    spawn_result_free(&r);
    sv_free(&argv);
    return ok ? 0 : -1;
}

int git_parse_log_line(const char *text, struct git_info *gi) {
    const char *tab = strchr(text, '\t');
    if (!tab || tab == text || (size_t)(tab - text) >= sizeof gi->commit)
        return -1;
    const char *date = tab + 1;
    size_t dlen = strcspn(date, "\r\n");
    if (dlen == 0 || dlen >= sizeof gi->date)
        return -1;
    memcpy(gi->commit, text, (size_t)(tab - text));
    gi->commit[tab - text] = '\0';
    memcpy(gi->date, date, dlen);
    gi->date[dlen] = '\0';
    return 0;
}

void git_file_info(const char *git, const char *file, struct git_info *gi) {
    memset(gi, 0, sizeof *gi);
    char *dir = path_dirname(file);
    const char *name = path_basename(file);
    struct sbuf out;
    sb_init(&out);
    const char *log[] = {"log", "-1", "--format=%h%x09%cs", "--", name, NULL};
    if (run_git(git, dir, log, &out) != 0 || git_parse_log_line(sb_str(&out), gi) != 0) {
        sb_free(&out);
        free(dir);
        return;
    }
    sb_clear(&out);
    char *range = xasprintf("%s..HEAD", gi->commit);
    const char *count[] = {"rev-list", "--count", range, NULL};
    uint64_t since;
    if (run_git(git, dir, count, &out) == 0) {
        char *line = xstrdup(sb_str(&out));
        line[strcspn(line, "\r\n")] = '\0';
        if (parse_u64(line, &since) == 0) {
            gi->since = (long long)since;
            gi->known = 1;
        }
        free(line);
    }
    free(range);
    sb_clear(&out);
    const char *diff[] = {"diff", "--quiet", "--no-ext-diff", "--no-textconv", "HEAD", "--", name, NULL};
    struct sbuf ignored;
    sb_init(&ignored);
    gi->modified = gi->known && run_git(git, dir, diff, &ignored) != 0;
    sb_free(&ignored);
    sb_free(&out);
    free(dir);
}
