/* SPDX-License-Identifier: MIT */
/*
 * pgo_window: the runtime helper of instrumented builds (pgo_instrument,
 * never an ordinary build). It lets `pgo collect --pid P --seconds N` pull
 * a window profile from a running process: the counts of those N seconds
 * only, with no change to the program and no change to what the process
 * writes at exit. It also writes the profile when the process is stopped
 * by SIGTERM, which would otherwise lose it.
 *
 * Requests come as a signal (PGO_WINDOW_SIGNAL at run time: a number, or
 * USR1, USR2, RTMIN+n; default USR2; "off" turns the helper off) sent with
 * sigqueue(); its value is (id << 1) | op, op 0 = start a window, 1 = end
 * it. The handler only writes the value to a pipe; a thread of the helper
 * does the work, under one lock:
 *   start: keep a copy of every module's counters, reset them, and
 *          acknowledge with PGO_WINDOW_DIR/pgo-window.<pid>.<id>.start;
 *   end:   write each module's counters (the window) to
 *          PGO_WINDOW_DIR/pgo-window.<pid>.<id>.<k>.profraw, add the copy
 *          back (so the exit profile holds everything, as if no window had
 *          been taken), point the runtime at its exit file again, and
 *          acknowledge with ...<id>.end (the number of modules).
 * PGO_WINDOW_DIR defaults to /tmp. In continuous mode (counters mapped to
 * the file) windows are refused with ...<id>.error.
 *
 * Every module (the executable and each instrumented shared library) has
 * its own profile runtime and its own copy of this helper. They register
 * with the first one the dynamic linker finds (__pgo_window_register has
 * default visibility and is weak), which alone handles the signal.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2 */
#endif

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __cplusplus /* built as C++ in projects without C */
extern "C" {
#endif

/* The profile runtime of this module (hidden in each module's copy). */
int __llvm_profile_write_file(void);
void __llvm_profile_reset_counters(void);
void __llvm_profile_set_filename(const char *name);
uint64_t __llvm_profile_get_size_for_buffer(void);
int __llvm_profile_write_buffer(char *buffer);
int __llvm_profile_merge_from_buffer(const char *buffer, uint64_t size);
int __llvm_profile_is_continuous_mode_enabled(void);

/* `pgo collect` recognises a binary with the helper by this section. */
__attribute__((used, section("pgo_window"))) static const char pgo_window_marker[] = "pgo-window 1";

struct pgo_window_module {
    int (*write_file)(void);
    void (*reset)(void);
    void (*set_filename)(const char *);
    uint64_t (*size)(void);
    int (*write_buffer)(char *);
    int (*merge)(const char *, uint64_t);
    int (*continuous)(void);
    char *copy;          /* the counters at the start of a window */
    uint64_t copy_size;
    struct pgo_window_module *next;
};

int __pgo_window_register(struct pgo_window_module *module) __attribute__((weak, visibility("default")));

/* ---- the process's helper (in the module that registered first) -------- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct pgo_window_module *modules;
static int started, pipe_fds[2] = {-1, -1};
static char *exit_pattern; /* LLVM_PROFILE_FILE at start, or NULL */
static const char *dir = "/tmp";

enum { OP_START = 0, OP_END = 1, TERM_REQUEST = -1 };

static void on_request(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    int saved = errno;
    long value = info->si_code == SI_QUEUE ? (long)info->si_value.sival_int : -2;
    if (value >= 0) {
        ssize_t n = write(pipe_fds[1], &value, sizeof value);
        (void)n;
    }
    errno = saved;
}

static void on_term(int sig) {
    (void)sig;
    int saved = errno;
    long value = TERM_REQUEST;
    ssize_t n = write(pipe_fds[1], &value, sizeof value);
    (void)n;
    errno = saved;
}

/* Writes PATH (empty or TEXT) through a temporary name and a rename, so
 * that a reader never sees half of it. */
static void acknowledge(const char *path, const char *text) {
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    ssize_t n = write(fd, text, strlen(text));
    (void)n;
    close(fd);
    rename(tmp, path);
}

static void restore_exit_file(struct pgo_window_module *m) {
    /* set_filename(NULL) would mean default.profraw, not LLVM_PROFILE_FILE;
     * the pattern keeps %p and %m working. */
    m->set_filename(exit_pattern);
}

/* A process that exits during a window: the copies go back before the
 * runtime's exit-time write (registered now, after the runtime's own exit
 * handler, so it runs first). */
static void merge_back_at_exit(void) {
    pthread_mutex_lock(&lock);
    for (struct pgo_window_module *m = modules; m; m = m->next) {
        if (m->copy) {
            m->merge(m->copy, m->copy_size);
            free(m->copy);
            m->copy = NULL;
        }
    }
    pthread_mutex_unlock(&lock);
}

static void start_window(long id) {
    static int exit_handler;
    if (!exit_handler)
        exit_handler = atexit(merge_back_at_exit) == 0;
    char path[4200];
    snprintf(path, sizeof path, "%s/pgo-window.%ld.%ld", dir, (long)getpid(), id);
    size_t k = strlen(path);
    pthread_mutex_lock(&lock);
    for (struct pgo_window_module *m = modules; m; m = m->next) {
        if (m->continuous()) {
            pthread_mutex_unlock(&lock);
            snprintf(path + k, sizeof path - k, ".error");
            acknowledge(path, "continuous mode: the counters live in the profile file, a window cannot be taken\n");
            return;
        }
    }
    for (struct pgo_window_module *m = modules; m; m = m->next) {
        free(m->copy);
        m->copy_size = m->size();
        m->copy = (char *)malloc(m->copy_size ? m->copy_size : 1);
        if (m->copy && m->write_buffer(m->copy) != 0) {
            free(m->copy);
            m->copy = NULL;
        }
        m->reset();
    }
    pthread_mutex_unlock(&lock);
    snprintf(path + k, sizeof path - k, ".start");
    acknowledge(path, "");
}

static void end_window(long id) {
    char base[4200], path[4300], tmp[4400];
    snprintf(base, sizeof base, "%s/pgo-window.%ld.%ld", dir, (long)getpid(), id);
    int written = 0, index = 0;
    pthread_mutex_lock(&lock);
    for (struct pgo_window_module *m = modules; m; m = m->next, index++) {
        snprintf(path, sizeof path, "%s.%d.profraw", base, index);
        snprintf(tmp, sizeof tmp, "%s.%d.profraw.tmp", base, index);
        unlink(tmp);
        m->set_filename(tmp);
        if (m->write_file() == 0 && rename(tmp, path) == 0)
            written++;
        restore_exit_file(m);
        if (m->copy) {
            m->merge(m->copy, m->copy_size);
            free(m->copy);
            m->copy = NULL;
        }
    }
    pthread_mutex_unlock(&lock);
    char text[32];
    snprintf(text, sizeof text, "%d\n", written);
    snprintf(path, sizeof path, "%s.end", base);
    acknowledge(path, text);
}

static void *serve(void *arg) {
    (void)arg;
    long value;
    for (;;) {
        ssize_t n = read(pipe_fds[0], &value, sizeof value);
        if (n != (ssize_t)sizeof value) {
            if (n < 0 && errno == EINTR)
                continue;
            return NULL;
        }
        if (value == TERM_REQUEST) {
            pthread_mutex_lock(&lock);
            for (struct pgo_window_module *m = modules; m; m = m->next)
                m->write_file();
            /* Die of the signal, as the process would have. */
            signal(SIGTERM, SIG_DFL);
            kill(getpid(), SIGTERM);
            pthread_mutex_unlock(&lock);
            continue;
        }
        if ((value & 1) == OP_START)
            start_window(value >> 1);
        else
            end_window(value >> 1);
    }
}

/* The signal PGO_WINDOW_SIGNAL names: 0 for off, -1 if it names none. */
static int request_signal(void) {
    const char *s = getenv("PGO_WINDOW_SIGNAL");
    if (!s || !*s || strcmp(s, "USR2") == 0 || strcmp(s, "SIGUSR2") == 0)
        return SIGUSR2;
    if (strcmp(s, "off") == 0)
        return 0;
    if (strcmp(s, "USR1") == 0 || strcmp(s, "SIGUSR1") == 0)
        return SIGUSR1;
    if (strncmp(s, "RTMIN+", 6) == 0 || strncmp(s, "SIGRTMIN+", 9) == 0) {
        int n = atoi(strchr(s, '+') + 1);
        return (n >= 0 && SIGRTMIN + n <= SIGRTMAX) ? SIGRTMIN + n : -1;
    }
    char *end;
    long n = strtol(s, &end, 10);
    return (*end == '\0' && n > 0 && n < NSIG && n != SIGKILL && n != SIGSTOP) ? (int)n : -1;
}

static void start_helper(void) {
    int sig = request_signal();
    if (sig < 0) {
        fprintf(stderr, "pgo window: PGO_WINDOW_SIGNAL=%s is not a signal; use USR1, USR2, RTMIN+<n>, a number, "
                        "or off (no window requests)\n",
                getenv("PGO_WINDOW_SIGNAL"));
    }
    const char *env_dir = getenv("PGO_WINDOW_DIR");
    if (env_dir && *env_dir)
        dir = env_dir;
    const char *pattern = getenv("LLVM_PROFILE_FILE");
    exit_pattern = (pattern && *pattern) ? strdup(pattern) : NULL;
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        return;
    /* The thread takes no signals: they go to the program's threads. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, serve, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0)
        return;
    pthread_detach(thread);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_SIGINFO;
    sa.sa_sigaction = on_request;
    if (sig > 0)
        sigaction(sig, &sa, NULL);
    /* SIGTERM kills without the exit-time write; catch it unless the
     * program has a disposition of its own (a handler it installs later
     * replaces this one, and its clean exit writes the profile). */
    struct sigaction term;
    if (sigaction(SIGTERM, NULL, &term) == 0 && term.sa_handler == SIG_DFL && !(term.sa_flags & SA_SIGINFO)) {
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sa.sa_handler = on_term;
        sigaction(SIGTERM, &sa, NULL);
    }
}

int __pgo_window_register(struct pgo_window_module *module) {
    pthread_mutex_lock(&lock);
    module->next = modules;
    modules = module;
    int first = !started;
    started = 1;
    pthread_mutex_unlock(&lock);
    if (first)
        start_helper();
    return 0;
}

/* ---- this module --------------------------------------------------------- */

static struct pgo_window_module this_module = {
    __llvm_profile_write_file,   __llvm_profile_reset_counters, __llvm_profile_set_filename,
    __llvm_profile_get_size_for_buffer, __llvm_profile_write_buffer, __llvm_profile_merge_from_buffer,
    __llvm_profile_is_continuous_mode_enabled, NULL, 0, NULL,
};

/* The call goes to the first module's definition (this one's when it is
 * the first). */
__attribute__((constructor)) static void pgo_window_init(void) { __pgo_window_register(&this_module); }

#ifdef __cplusplus
}
#endif
