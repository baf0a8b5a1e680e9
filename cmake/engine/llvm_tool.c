/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "llvm_tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "profile_header.h"

/* Calls FN(line, len, ctx) for each line of TEXT until it returns non-0. */
static int each_line(const char *text, int (*fn)(const char *, size_t, void *), void *ctx) {
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        int r = fn(p, len, ctx);
        if (r)
            return r;
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

static int digits_then_dot(const char *s, size_t n, int *value) {
    size_t i = 0;
    long v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (v < 100000000L)
            v = v * 10 + (s[i] - '0');
        i++;
    }
    if (i == 0 || i >= n || s[i] != '.')
        return 0;
    *value = (int)v;
    return 1;
}

struct major_ctx {
    int major;
    struct sbuf *line;
};

static int major_line(const char *s, size_t n, void *vctx) {
    struct major_ctx *c = vctx;
    static const char key[] = "LLVM version ";
    size_t k = sizeof key - 1;
    int found = -1;
    for (size_t i = 0; i + k <= n; i++) {
        int v;
        if (memcmp(s + i, key, k) == 0 && digits_then_dot(s + i + k, n - i - k, &v))
            found = v;
    }
    if (found < 0)
        return 0;
    c->major = found;
    if (c->line) {
        while (n && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        sb_clear(c->line);
        sb_add(c->line, s, n);
    }
    return 1;
}

int lt_parse_llvm_major(const char *text, struct sbuf *line) {
    struct major_ctx c = {-1, line};
    each_line(text, major_line, &c);
    return c.major;
}

int lt_parse_cc_major(const char *text) {
    const char *p = text;
    long v = 0;
    while (*p >= '0' && *p <= '9') {
        if (v < 100000000L)
            v = v * 10 + (*p - '0');
        p++;
    }
    return p == text ? -1 : (int)v;
}

static int functions_line(const char *s, size_t n, void *vctx) {
    static const char key[] = "Total functions:";
    size_t k = sizeof key - 1, i;
    if (n < k || memcmp(s, key, k) != 0)
        return 0;
    for (i = k; i < n && s[i] == ' '; i++)
        ;
    if (i == n || s[i] < '0' || s[i] > '9')
        return 0;
    long long v = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        if (v < 1000000000000000LL)
            v = v * 10 + (s[i] - '0');
    *(long long *)vctx = v;
    return 1;
}

long long lt_parse_functions(const char *text) {
    long long v = -1;
    each_line(text, functions_line, &v);
    return v;
}

static int sample_function_line(const char *s, size_t n, void *vctx) {
    if (n >= 10 && memcmp(s, "Function: ", 10) == 0)
        ++*(long long *)vctx;
    return 0;
}

long long lt_parse_sample_functions(const char *text) {
    long long n = 0;
    each_line(text, sample_function_line, &n);
    return n;
}

struct reason_ctx {
    const char *path;
    struct sbuf *reason;
};

static int reason_line(const char *s, size_t n, void *vctx) {
    struct reason_ctx *c = vctx;
    size_t k;
    if (n >= 9 && memcmp(s, "warning: ", 9) == 0)
        k = 9;
    else if (n >= 7 && memcmp(s, "error: ", 7) == 0)
        k = 7;
    else
        return 0;
    s += k;
    n -= k;
    /* "<file>: " with the file as given (it may hold spaces) ... */
    size_t p = strlen(c->path);
    if (p && n >= p + 2 && memcmp(s, c->path, p) == 0 && s[p] == ':' && s[p + 1] == ' ') {
        sb_add(c->reason, s + p + 2, n - p - 2);
        return 1;
    }
    /* ... else pgo-tool.sh's sed: "[^ ]*: ". */
    const char *sp = memchr(s, ' ', n);
    if (sp && sp > s && sp[-1] == ':') {
        size_t skip = (size_t)(sp - s) + 1;
        sb_add(c->reason, s + skip, n - skip);
        return 1;
    }
    return 0;
}

void lt_error_reason(const char *err, const char *path, struct sbuf *reason) {
    struct reason_ctx c = {path, reason};
    if (each_line(err, reason_line, &c))
        return;
    const char *nl = strchr(err, '\n');
    sb_add(reason, err, nl ? (size_t)(nl - err) : strlen(err));
}

int lt_says_newer(const char *err) {
    return strstr(err, "unsupported instrumentation profile format version") != NULL;
}

int lt_crashed(const struct spawn_result *r) {
    if (!r->exited || r->code > 128)
        return 1;
    const char *e = sb_str(&r->err);
    static const char banner[] = "PLEASE submit a bug report";
    if (strncmp(e, banner, sizeof banner - 1) == 0)
        return 1;
    for (const char *p = strchr(e, '\n'); p; p = strchr(p + 1, '\n'))
        if (strncmp(p + 1, banner, sizeof banner - 1) == 0)
            return 1;
    return 0;
}

int lt_says_no_space(const char *err) { return strstr(err, "No space left on device") != NULL; }

/* ---- running ---------------------------------------------------------- */

void lt_run(char *const argv[], enum spawn_io out, struct spawn_result *r, const char *dir) {
    if (spawn_run(argv, out, SPAWN_CAPTURE, r) != 0)
        pgo_die(PGO_USAGE, "cannot run %s: %s", argv[0], strerror(r->exec_errno ? r->exec_errno : errno));
    if (dir && !(r->exited && r->code == 0) && lt_says_no_space(sb_str(&r->err)))
        pgo_fs_fail("llvm-profdata", dir, ENOSPC);
}

int lt_major(const char *tool, struct sbuf *line) {
    struct strvec argv;
    sv_init(&argv);
    sv_push(&argv, tool);
    sv_push(&argv, "merge");
    sv_push(&argv, "--version");
    struct spawn_result r;
    spawn_result_init(&r);
    int major = -1;
    if (spawn_run(argv.v, SPAWN_CAPTURE, SPAWN_NULL, &r) == 0)
        major = lt_parse_llvm_major(sb_str(&r.out), line);
    spawn_result_free(&r);
    sv_free(&argv);
    return major;
}

/* TOOL show [--sample] FILE, its output in R. */
static void show(const char *tool, const char *file, const char *dir, int sample, struct spawn_result *r) {
    struct strvec argv;
    sv_init(&argv);
    sv_push(&argv, tool);
    sv_push(&argv, "show");
    if (sample)
        sv_push(&argv, "--sample");
    char *f = path_for_tool(file);
    sv_push(&argv, f);
    free(f);
    spawn_result_init(r);
    lt_run(argv.v, SPAWN_CAPTURE, r, dir);
    sv_free(&argv);
}

long long lt_functions(const char *tool, const char *file, const char *dir) {
    struct spawn_result r;
    show(tool, file, dir, 0, &r);
    long long n = lt_parse_functions(sb_str(&r.out));
    spawn_result_free(&r);
    return n;
}

long long lt_sample_functions(const char *tool, const char *file, const char *dir) {
    struct spawn_result r;
    show(tool, file, dir, 1, &r);
    long long n = r.exited && r.code == 0 ? lt_parse_sample_functions(sb_str(&r.out)) : -1;
    spawn_result_free(&r);
    return n;
}

/* TOOL merge [--text] -o OUT IN; 0 when it succeeded. */
static int merge(const char *tool, int text, const char *out, const char *in, const char *dir,
                 struct sbuf *why) {
    struct strvec argv;
    sv_init(&argv);
    sv_push(&argv, tool);
    sv_push(&argv, "merge");
    if (text)
        sv_push(&argv, "--text");
    sv_push(&argv, "-o");
    char *o = path_for_tool(out), *i = path_for_tool(in);
    sv_push(&argv, o);
    sv_push(&argv, i);
    struct spawn_result r;
    spawn_result_init(&r);
    lt_run(argv.v, SPAWN_NULL, &r, dir);
    int ok = r.exited && r.code == 0;
    if (!ok && why) {
        if (lt_crashed(&r))
            sb_adds(why, "llvm-profdata crashed");
        else
            lt_error_reason(sb_str(&r.err), i, why);
    }
    free(o);
    free(i);
    spawn_result_free(&r);
    sv_free(&argv);
    return ok ? 0 : -1;
}

static char *temp_or_die(const char *dir, const char *suffix, int *fdp) {
    char *t = fs_temp_create(dir, suffix, fdp);
    if (!t) {
        char *what = xasprintf("cannot create a temporary file in %s", dir);
        pgo_fs_fail(what, dir, errno);
    }
    return t;
}

int lt_writes_version(const char *tool, const char *dir) {
    int fd;
    char *text = temp_or_die(dir, ".proftext", &fd);
    if (fs_write_all(fd, ":ir\n", 4) != 0 || close(fd) != 0) {
        char *what = xasprintf("cannot write %s", text);
        pgo_fs_fail(what, dir, errno);
    }
    char *out = temp_or_die(dir, ".profdata", NULL);
    int version = -1;
    struct strvec argv;
    sv_init(&argv);
    sv_push(&argv, tool);
    sv_push(&argv, "merge");
    sv_push(&argv, "-o");
    char *o = path_for_tool(out), *i = path_for_tool(text);
    sv_push(&argv, o);
    sv_push(&argv, i);
    free(o);
    free(i);
    struct spawn_result r;
    spawn_result_init(&r);
    lt_run(argv.v, SPAWN_NULL, &r, dir);
    if (r.exited && r.code == 0) {
        struct sbuf head;
        sb_init(&head);
        unsigned v;
        int ir;
        if (fs_read_file(out, &head, 0) == 0 &&
            ph_version((const unsigned char *)sb_str(&head), head.n, &v, &ir) == 0)
            version = (int)v;
        sb_free(&head);
    }
    spawn_result_free(&r);
    sv_free(&argv);
    fs_temp_discard(text);
    fs_temp_discard(out);
    return version;
}

int lt_rename(const char *tool, const char *in, const char *dir, enum pn_mode mode, const char *source_root,
              const char *build_root, char **out, struct sbuf *why) {
    *out = NULL;
    char *text = temp_or_die(dir, ".proftext", NULL);
    if (merge(tool, 1, text, in, dir, why) != 0) {
        fs_temp_discard(text);
        return -1;
    }
    struct sbuf old, renamed;
    sb_init(&old);
    sb_init(&renamed);
    if (fs_read_file(text, &old, 0) != 0) {
        char *what = xasprintf("cannot read %s", text);
        pgo_fs_fail(what, dir, errno);
    }
    fs_temp_discard(text);
    size_t n = pn_rename(sb_str(&old), old.n, mode, source_root, build_root, &renamed);
    sb_free(&old);
    if (n == 0) {
        sb_free(&renamed);
        return 0;
    }
    int fd;
    char *names = temp_or_die(dir, ".proftext", &fd);
    if (fs_write_all(fd, renamed.p, renamed.n) != 0 || close(fd) != 0) {
        char *what = xasprintf("cannot write %s", names);
        pgo_fs_fail(what, dir, errno);
    }
    sb_free(&renamed);
    char *result = temp_or_die(dir, ".profdata", NULL);
    int rc = merge(tool, 0, result, names, dir, why);
    fs_temp_discard(names);
    if (rc != 0) {
        fs_temp_discard(result);
        return -1;
    }
    *out = result;
    return 0;
}
