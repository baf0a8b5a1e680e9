/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* strsignal */

#include "window.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "spawn.h"

#define START_TIMEOUT_S 10 /* the helper answers within milliseconds */
#define END_TIMEOUT_S 120  /* writing a large profile takes a while */

int window_parse_signal(const char *s) {
    if (!s || !*s || strcmp(s, "USR2") == 0 || strcmp(s, "SIGUSR2") == 0)
        return SIGUSR2;
    if (strcmp(s, "off") == 0)
        return 0;
    if (strcmp(s, "USR1") == 0 || strcmp(s, "SIGUSR1") == 0)
        return SIGUSR1;
    if (strncmp(s, "RTMIN+", 6) == 0 || strncmp(s, "SIGRTMIN+", 9) == 0) {
        const char *d = strchr(s, '+') + 1;
        char *end;
        long n = strtol(d, &end, 10);
        if (!isdigit((unsigned char)*d) || *end || n < 0 || SIGRTMIN + n > SIGRTMAX)
            return -1;
        return SIGRTMIN + (int)n;
    }
    char *end;
    long n = strtol(s, &end, 10);
    if (!isdigit((unsigned char)*s) || *end || n <= 0 || n >= NSIG || n == SIGKILL || n == SIGSTOP)
        return -1;
    return (int)n;
}

int window_env_lookup(const char *data, size_t n, const char *key, struct sbuf *value) {
    size_t k = strlen(key);
    for (size_t i = 0; i < n;) {
        const char *entry = data + i;
        size_t len = strnlen(entry, n - i);
        if (len > k && memcmp(entry, key, k) == 0 && entry[k] == '=') {
            sb_clear(value);
            sb_add(value, entry + k + 1, len - k - 1);
            return 1;
        }
        i += len + 1;
    }
    return 0;
}

int window_sig_caught(const char *status, int sig) {
    const char *line = strstr(status, "SigCgt:");
    if (!line || (line != status && line[-1] != '\n'))
        return -1;
    line += 7;
    while (*line == ' ' || *line == '\t')
        line++;
    /* A hex mask, most significant digit first; bit N-1 is signal N. */
    const char *end = line;
    while (isxdigit((unsigned char)*end))
        end++;
    if (end == line || sig <= 0)
        return -1;
    int bit = sig - 1;
    long digit_index = (long)(end - line) - 1 - bit / 4;
    if (digit_index < 0)
        return 0;
    char c = line[digit_index];
    int v = isdigit((unsigned char)c) ? c - '0' : (tolower((unsigned char)c) - 'a' + 10);
    return (v >> (bit % 4)) & 1;
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static int exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* The files of one request: <dir>/pgo-window.<pid>.<id>.<what>. */
struct request {
    long pid, id;
    const char *dir;
    char *base;
};

static char *request_file(const struct request *r, const char *what) { return xasprintf("%s.%s", r->base, what); }

/* The request whose files go at exit (one per process). */
static char *pending_dir, *pending_prefix;

static void remove_request_files(void) {
    if (!pending_dir)
        return;
    DIR *d = opendir(pending_dir);
    struct dirent *e;
    size_t k = strlen(pending_prefix);
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, pending_prefix, k) == 0) {
            char *p = path_join(pending_dir, e->d_name);
            unlink(p);
            free(p);
        }
    }
    if (d)
        closedir(d);
}

static void forget_request_files(const struct request *r) {
    free(pending_dir);
    free(pending_prefix);
    pending_dir = xstrdup(r->dir);
    pending_prefix = xasprintf("pgo-window.%ld.%ld.", r->pid, r->id);
    remove_request_files();
}

/* Waits until PATH (or ERROR) exists; dies when the process goes or the
 * time is up. Returns 1 for PATH, 0 for ERROR. */
static int await(const struct request *r, const char *path, const char *error, int timeout_s, const char *what,
                 const char *signame) {
    for (long waited = 0; waited <= timeout_s * 1000L; waited += 20) {
        if (exists(path))
            return 1;
        if (exists(error))
            return 0;
        if (fs_process_gone(r->pid))
            pgo_die(PGO_BAD, "process %ld exited %s; no profile was written", r->pid, what);
        sleep_ms(20);
    }
    pgo_die(PGO_BAD,
            "process %ld did not answer the window request (%s) within %d s: does the program handle %s "
            "itself? Start it with PGO_WINDOW_SIGNAL set to a signal it does not use",
            r->pid, signame, timeout_s, signame);
}

static void send_request(const struct request *r, int sig, int op) {
    union sigval v;
    v.sival_int = (int)((r->id << 1) | op);
    if (sigqueue((pid_t)r->pid, sig, v) != 0) {
        if (errno == EPERM)
            pgo_die(PGO_USAGE, "not permitted to signal process %ld: run pgo collect as its user or as root",
                    r->pid);
        pgo_die(PGO_BAD, "cannot signal process %ld: %s", r->pid, strerror(errno));
    }
}

/* The llvm-profdata of the binary's LLVM version. */
static char *find_profdata(const struct window_job *job) {
    if (job->profdata_opt) {
        char *p = fs_search_path(job->profdata_opt);
        if (!p)
            pgo_die(PGO_USAGE, "llvm-profdata '%s' not found", job->profdata_opt);
        return p;
    }
    int n = job->elf->clang_major;
    if (n < 0)
        pgo_die(PGO_USAGE,
                "%s names no clang version in its .comment section: name the llvm-profdata of its compiler with "
                "--profdata",
                job->binary);
    char *name = xasprintf("llvm-profdata-%d", n);
    char *p = fs_search_path(name);
    free(name);
    if (!p) {
        char *lib = xasprintf("/usr/lib/llvm-%d/bin/llvm-profdata", n);
        if (access(lib, X_OK) == 0)
            return lib;
        free(lib);
        pgo_die(PGO_USAGE, "llvm-profdata-%d is not installed (%s was built by %s): install llvm-%d", n,
                job->binary, job->elf->clang_line, n);
    }
    return p;
}

static void read_process_env(const struct window_job *job, int *sig, struct sbuf *dir, const char **signame) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/environ", job->pid);
    struct sbuf env;
    sb_init(&env);
    if (fs_read_file(path, &env, 0) != 0) {
        if (errno == EACCES || errno == EPERM)
            pgo_die(PGO_USAGE, "cannot read %s: permission denied; run pgo collect as the process's user or as root",
                    path);
        pgo_die(PGO_BAD, "cannot read %s: %s", path, strerror(errno));
    }
    struct sbuf value;
    sb_init(&value);
    const char *spec = NULL;
    if (window_env_lookup(env.p ? env.p : "", env.n, "PGO_WINDOW_SIGNAL", &value))
        spec = sb_str(&value);
    *sig = window_parse_signal(spec);
    if (*sig == 0)
        pgo_die(PGO_USAGE,
                "process %ld runs with PGO_WINDOW_SIGNAL=off, so it takes no window requests: restart it without "
                "that setting (or with a signal it does not use)",
                job->pid);
    if (*sig < 0)
        pgo_die(PGO_USAGE, "process %ld runs with PGO_WINDOW_SIGNAL=%s, which names no signal; its helper is off",
                job->pid, spec);
    *signame = spec && *spec ? xasprintf("PGO_WINDOW_SIGNAL=%s", spec) : "SIGUSR2";
    sb_clear(dir);
    if (!window_env_lookup(env.p ? env.p : "", env.n, "PGO_WINDOW_DIR", dir) || dir->n == 0) {
        sb_clear(dir);
        sb_adds(dir, "/tmp");
    }
    sb_free(&value);
    sb_free(&env);
}

static void check_handler(const struct window_job *job, int sig, const char *signame) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/status", job->pid);
    struct sbuf st;
    sb_init(&st);
    if (fs_read_file(path, &st, 0) != 0)
        pgo_die(PGO_BAD, "cannot read %s: %s", path, strerror(errno));
    if (window_sig_caught(sb_str(&st), sig) == 0)
        pgo_die(PGO_BAD,
                "process %ld does not catch %s, so its window helper is not running (is the process still starting, "
                "or does the program reset that signal?)",
                job->pid, signame);
    sb_free(&st);
}

/* The build IDs llvm-profdata finds in RAW. */
static void binary_ids(const char *profdata, const char *raw, struct sbuf *ids) {
    char *argv[] = {(char *)profdata, "show", "--binary-ids", (char *)raw, NULL};
    struct spawn_result r;
    spawn_result_init(&r);
    if (spawn_run(argv, SPAWN_CAPTURE, SPAWN_CAPTURE, &r) != 0 || !r.exited || r.code != 0)
        pgo_die(PGO_BAD, "%s cannot read the window profile %s: %s", profdata, raw, sb_str(&r.err));
    const char *p = strstr(sb_str(&r.out), "Binary IDs:");
    if (p)
        sb_adds(ids, p);
    spawn_result_free(&r);
}

int window_collect(const struct window_job *job) {
    int sig;
    const char *signame;
    struct sbuf dir;
    sb_init(&dir);
    read_process_env(job, &sig, &dir, &signame);
    check_handler(job, sig, signame);
    char *profdata = find_profdata(job);

    struct request r = {job->pid, (long)(getpid() & 0x3fffffff), sb_str(&dir), NULL};
    r.base = xasprintf("%s/pgo-window.%ld.%ld", r.dir, r.pid, r.id);
    char *started = request_file(&r, "start"), *ended = request_file(&r, "end"), *error = request_file(&r, "error");
    /* Whatever the helper writes for this request goes, however we end. */
    forget_request_files(&r);
    atexit(remove_request_files);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    send_request(&r, sig, 0);
    if (!await(&r, started, error, START_TIMEOUT_S, "before the window started", signame)) {
        struct sbuf why;
        sb_init(&why);
        fs_read_file(error, &why, 4096);
        char *nl = strchr(why.p ? why.p : "", '\n');
        if (nl)
            *nl = '\0';
        pgo_die(PGO_BAD, "process %ld cannot take a window: %s", r.pid, sb_str(&why));
    }
    for (unsigned long ms = 0; ms < job->seconds * 1000UL; ms += 50) {
        if (fs_process_gone(r.pid))
            pgo_die(PGO_BAD, "process %ld exited during the window; no profile was written (its exit profile holds "
                             "all its counts)",
                    r.pid);
        sleep_ms(50);
    }
    send_request(&r, sig, 1);
    await(&r, ended, error, END_TIMEOUT_S, "before the window ended", signame);
    clock_gettime(CLOCK_MONOTONIC, &t1);

    struct sbuf count;
    sb_init(&count);
    long modules = 0;
    if (fs_read_file(ended, &count, 64) == 0)
        modules = strtol(sb_str(&count), NULL, 10);
    if (modules <= 0)
        pgo_die(PGO_BAD, "process %ld could not write its window profile (into %s): is that folder writable for it?",
                r.pid, r.dir);

    struct strvec merge;
    sv_init(&merge);
    sv_push(&merge, profdata);
    sv_push(&merge, "merge");
    struct sbuf ids;
    sb_init(&ids);
    for (long k = 0; k < modules; k++) {
        char *raw = xasprintf("%s.%ld.profraw", r.base, k);
        if (!exists(raw))
            pgo_die(PGO_BAD, "process %ld reported %ld window profiles, but %s is missing", r.pid, modules, raw);
        binary_ids(profdata, raw, &ids);
        sv_push(&merge, raw);
        free(raw);
    }
    if (job->elf->build_id[0] && !strstr(sb_str(&ids), job->elf->build_id))
        pgo_die(PGO_BAD,
                "the window profile of process %ld is not from %s (build ID %s): the file was replaced after the "
                "process started; restart it and collect again",
                r.pid, job->binary, job->elf->build_id);

    char *out_dir = path_dirname(job->out);
    if (fs_mkdir_p(out_dir) != 0) {
        char *what = xasprintf("cannot create the folder of %s (%s)", job->out, out_dir);
        pgo_fs_fail(what, out_dir, errno);
    }
    char *tmp = fs_temp_create(out_dir, ".profdata", NULL);
    if (!tmp) {
        char *what = xasprintf("cannot create a temporary file in %s", out_dir);
        pgo_fs_fail(what, out_dir, errno);
    }
    sv_push(&merge, "-o");
    sv_push(&merge, tmp);
    struct spawn_result mr;
    spawn_result_init(&mr);
    if (spawn_run(merge.v, SPAWN_NULL, SPAWN_CAPTURE, &mr) != 0 || !mr.exited || mr.code != 0)
        pgo_die(PGO_BAD, "llvm-profdata merge of the window profile failed: %s", sb_str(&mr.err));
    if (fs_temp_commit(tmp, job->out) != 0) {
        char *what = xasprintf("cannot replace %s", job->out);
        pgo_fs_fail(what, out_dir, errno);
    }
    remove_request_files();

    printf("path=%s\n", job->out);
    printf("binary=%s\n", job->binary);
    printf("build_id=%s\n", job->elf->build_id);
    printf("mode=window\n");
    printf("kind=ir\n");
    printf("seconds=%.1f\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    printf("modules=%ld\n", modules);
    spawn_result_free(&mr);
    sv_free(&merge);
    sb_free(&ids);
    sb_free(&count);
    sb_free(&dir);
    free(out_dir);
    free(profdata);
    free(r.base);
    free(started);
    free(ended);
    free(error);
    return PGO_OK;
}
