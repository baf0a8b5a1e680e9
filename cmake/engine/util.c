/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p)
        pgo_die(PGO_USAGE, "out of memory");
    return p;
}

void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p)
        pgo_die(PGO_USAGE, "out of memory");
    return p;
}

char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static char *xvasprintf(const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        pgo_die(PGO_USAGE, "cannot format a message");
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *xasprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

/* ---- sbuf ------------------------------------------------------------- */

void sb_init(struct sbuf *sb) {
    sb->p = NULL;
    sb->n = sb->cap = 0;
}

void sb_free(struct sbuf *sb) {
    free(sb->p);
    sb_init(sb);
}

void sb_clear(struct sbuf *sb) {
    sb->n = 0;
    if (sb->p)
        sb->p[0] = '\0';
}

static void sb_grow(struct sbuf *sb, size_t more) {
    if (sb->n + more + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->n + more + 1)
        cap *= 2;
    sb->p = xrealloc(sb->p, cap);
    sb->cap = cap;
}

void sb_add(struct sbuf *sb, const void *data, size_t n) {
    sb_grow(sb, n);
    if (n)
        memcpy(sb->p + sb->n, data, n);
    sb->n += n;
    sb->p[sb->n] = '\0';
}

void sb_adds(struct sbuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }

void sb_addc(struct sbuf *sb, char c) { sb_add(sb, &c, 1); }

void sb_addf(struct sbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sb_adds(sb, s);
    free(s);
}

const char *sb_str(const struct sbuf *sb) { return sb->p ? sb->p : ""; }

char *sb_take(struct sbuf *sb) {
    char *s = sb->p ? sb->p : xstrdup("");
    sb_init(sb);
    return s;
}

/* ---- strvec ----------------------------------------------------------- */

void sv_init(struct strvec *sv) {
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

void sv_free(struct strvec *sv) {
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv_init(sv);
}

void sv_push(struct strvec *sv, const char *s) {
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? 2 * sv->cap : 8;
        sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
    }
    sv->v[sv->n++] = xstrdup(s);
    sv->v[sv->n] = NULL;
}

void sv_pushf(struct strvec *sv, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sv_push(sv, s);
    free(s);
}

/* ---- messages --------------------------------------------------------- */

void pgo_msg(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
    fprintf(stderr, "pgo: %s\n", s);
    free(s);
}

void pgo_debug(const char *fmt, ...) {
    const char *env = getenv("PGO_DEBUG");
    if (!env || !*env)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
    fprintf(stderr, "pgo: debug: %s\n", s);
    free(s);
}

void pgo_die(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
    fprintf(stderr, "pgo: %s\n", s);
    free(s);
    exit(code);
}

void pgo_fs_fail(const char *what, const char *dir, int err) {
#ifdef EDQUOT
    if (err == EDQUOT)
        err = ENOSPC;
#endif
    if (err == ENOSPC)
        pgo_die(PGO_IO, "no space left on device in %s", dir);
    pgo_die(PGO_IO, "%s: %s", what, strerror(err));
}

/* ---- paths ------------------------------------------------------------ */

char *path_join(const char *dir, const char *name) {
    size_t n = strlen(dir);
    if (n == 0)
        return xstrdup(name);
    if (dir[n - 1] == '/')
        return xasprintf("%s%s", dir, name);
    return xasprintf("%s/%s", dir, name);
}

char *path_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    while (slash > path && slash[-1] == '/')
        slash--;
    if (slash == path)
        return xstrdup("/");
    char *d = xmalloc((size_t)(slash - path) + 1);
    memcpy(d, path, (size_t)(slash - path));
    d[slash - path] = '\0';
    return d;
}

const char *path_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *path_absolute(const char *path) {
    if (path[0] == '/')
        return xstrdup(path);
    size_t cap = 256;
    char *cwd = xmalloc(cap);
    while (!getcwd(cwd, cap)) {
        if (errno != ERANGE) {
            free(cwd);
            return NULL;
        }
        cap *= 2;
        cwd = xrealloc(cwd, cap);
    }
    char *abs = path_join(cwd, path);
    free(cwd);
    return abs;
}

char *path_for_tool(const char *path) {
    if (path[0] == '-' || path[0] == '@')
        return xasprintf("./%s", path);
    return xstrdup(path);
}

/* ---- parsing ---------------------------------------------------------- */

int parse_u64(const char *s, uint64_t *out) {
    uint64_t v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

int starts_with(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}
