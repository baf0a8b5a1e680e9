/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* wait4() */
#define _POSIX_C_SOURCE 200809L

#include "compare_run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "spawn.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv) { return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3; }

static int open_output(const char *path) {
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

/* The child: never returns. An exec failure's errno goes to the
 * close-on-exec pipe ERRW, which closes empty when exec succeeds. */
static void child(char *const argv[], const char *cwd, int in, int out, int err, int errw) {
    spawn_child_defaults();
    if (dup2(in, 0) >= 0 && dup2(out, 1) >= 0 && dup2(err, 2) >= 0 && (!cwd || chdir(cwd) == 0)) {
        /* dup2 onto the same number keeps close-on-exec */
        for (int fd = 0; fd < 3; fd++)
            fcntl(fd, F_SETFD, 0);
        execvp(argv[0], argv);
    }
    int e = errno;
    ssize_t w = write(errw, &e, sizeof e);
    (void)w;
    _exit(127);
}

int compare_run(char *const argv[], const char *cwd, const char *out_path, const char *err_path,
                struct run_result *r) {
    *r = (struct run_result){0};
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int out = open_output(out_path);
    int err = open_output(err_path);
    int px[2] = {-1, -1};
    int ok = in >= 0 && out >= 0 && err >= 0 && pipe(px) == 0;
    if (ok) {
        fcntl(px[0], F_SETFD, FD_CLOEXEC);
        fcntl(px[1], F_SETFD, FD_CLOEXEC);
    }
    int e = errno;
    fflush(NULL); /* nothing of ours is written twice, or timed */
    double t0 = now_ms();
    pid_t pid = ok ? fork() : -1;
    if (ok && pid < 0)
        e = errno;
    if (pid == 0)
        child(argv, cwd, in, out, err, px[1]);
    int opened[] = {in, out, err, px[1]};
    for (size_t k = 0; k < sizeof opened / sizeof *opened; k++)
        if (opened[k] >= 0)
            close(opened[k]);
    if (pid < 0) {
        if (px[0] >= 0)
            close(px[0]);
        errno = e;
        return -1;
    }
    cleanup_set_child(pid);
    int exec_errno = 0;
    ssize_t got;
    while ((got = read(px[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
        ;
    close(px[0]);
    if (got != (ssize_t)sizeof exec_errno)
        exec_errno = 0;
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            e = errno;
            cleanup_set_child(0);
            errno = e;
            return -1;
        }
    }
    double t1 = now_ms();
    cleanup_set_child(0);
    r->exec_errno = exec_errno;
    r->exited = WIFEXITED(status);
    r->code = r->exited ? WEXITSTATUS(status) : WTERMSIG(status);
    r->wall_ms = t1 - t0;
    r->cpu_ms = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
    return 0;
}
