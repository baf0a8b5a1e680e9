/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* nftw */

#include "scratch.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "util.h"

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)st;
    (void)ftw;
    int rc = (type == FTW_DP) ? rmdir(path) : unlink(path);
    return (rc != 0 && errno != ENOENT) ? -1 : 0;
}

int scratch_remove(const char *dir) {
    struct stat st;
    if (lstat(dir, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int scratch_is_stale(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name || !dot[1])
        return 0;
    char *end;
    errno = 0;
    long pid = strtol(dot + 1, &end, 10);
    if (*end || errno || pid <= 0 || dot[1] == '+' || dot[1] == '-')
        return 0;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

static void sweep(const char *parent) {
    DIR *d = opendir(parent);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !scratch_is_stale(e->d_name))
            continue;
        char *p = path_join(parent, e->d_name);
        scratch_remove(p);
        free(p);
    }
    closedir(d);
}

char *scratch_enter(const char *parent, const char *name, const char **what) {
    if (fs_mkdir_p(parent) != 0) {
        *what = "cannot create the folder";
        return NULL;
    }
    sweep(parent);
    char *leaf = xasprintf("%s.%ld", name, (long)getpid());
    char *dir = path_join(parent, leaf);
    free(leaf);
    /* A folder of this pid is from a dead process whose pid was reused. */
    if (scratch_remove(dir) != 0 || mkdir(dir, 0777) != 0) {
        *what = "cannot create the folder";
        free(dir);
        return NULL;
    }
    if (setenv(SCRATCH_ENV, dir, 1) != 0) {
        *what = "cannot set " SCRATCH_ENV;
        scratch_remove(dir);
        free(dir);
        return NULL;
    }
    return dir;
}

char *scratch_substitute(const char *arg, const char *token, const char *dir) {
    struct sbuf out;
    sb_init(&out);
    const size_t k = strlen(token);
    const char *p = arg;
    const char *hit;
    while (k && (hit = strstr(p, token)) != NULL) {
        sb_add(&out, p, (size_t)(hit - p));
        sb_adds(&out, dir);
        p = hit + k;
    }
    sb_adds(&out, p);
    return sb_take(&out);
}
