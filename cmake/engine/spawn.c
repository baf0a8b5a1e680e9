/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"

static unsigned long spawned;

unsigned long spawn_count(void) { return spawned; }
void spawn_reset(void) { spawned = 0; }

void spawn_result_init(struct spawn_result *r) {
    r->exited = 0;
    r->code = 0;
    r->exec_errno = 0;
    sb_init(&r->out);
    sb_init(&r->err);
}

void spawn_result_free(struct spawn_result *r) {
    sb_free(&r->out);
    sb_free(&r->err);
}

static void close_pair(int p[2]) {
    if (p[0] >= 0)
        close(p[0]);
    if (p[1] >= 0)
        close(p[1]);
    p[0] = p[1] = -1;
}

static int cloexec_pipe(int p[2]) {
    if (pipe(p) != 0) {
        p[0] = p[1] = -1;
        return -1;
    }
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

/* In the child: make FD the descriptor TARGET according to MODE. */
static int child_io(enum spawn_io mode, int target, int pipe_write) {
    int fd;
    switch (mode) {
    case SPAWN_CAPTURE:
        return dup2(pipe_write, target) < 0 ? -1 : 0;
    case SPAWN_NULL:
        fd = open("/dev/null", O_WRONLY);
        if (fd < 0)
            return -1;
        if (dup2(fd, target) < 0)
            return -1;
        if (fd != target)
            close(fd);
        return 0;
    case SPAWN_STDERR:
        return dup2(2, target) < 0 ? -1 : 0;
    case SPAWN_INHERIT:
        return 0;
    }
    return 0;
}

void spawn_child_defaults(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The child side: never returns. Reports an exec failure's errno through
 * the close-on-exec pipe ERRW. */
static void child(char *const argv[], enum spawn_io out, enum spawn_io err, int outw, int errw_pipe,
                  int errw) {
    spawn_child_defaults();
    int in = open("/dev/null", O_RDONLY);
    if (in >= 0 && in != 0) {
        dup2(in, 0);
        close(in);
    }
    if (child_io(out, 1, outw) == 0 && child_io(err, 2, errw_pipe) == 0)
        execvp(argv[0], argv);
    int e = errno;
    ssize_t w = write(errw, &e, sizeof e);
    (void)w;
    _exit(127);
}

static void drain(int *fd, struct sbuf *sb) {
    char buf[16384];
    ssize_t r = read(*fd, buf, sizeof buf);
    if (r > 0) {
        sb_add(sb, buf, (size_t)r);
    } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        close(*fd);
        *fd = -1;
    }
}

/* Waits for PID; *EXEC_ERRNO is the child's errno if its exec failed (it
 * writes it to the close-on-exec pipe ERRFD, which closes empty on success).
 * Returns the wait status (0 if waiting failed). */
static int reap(pid_t pid, int errfd, int *exec_errno) {
    int e = 0;
    ssize_t got;
    while ((got = read(errfd, &e, sizeof e)) < 0 && errno == EINTR)
        ;
    close(errfd);
    *exec_errno = got == (ssize_t)sizeof e ? e : 0;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            status = 0;
            break;
        }
    }
    return status;
}

int spawn_run(char *const argv[], enum spawn_io out, enum spawn_io err, struct spawn_result *r) {
    int po[2] = {-1, -1}, pe[2] = {-1, -1}, px[2] = {-1, -1};
    sb_clear(&r->out);
    sb_clear(&r->err);
    sb_add(&r->out, "", 0);
    sb_add(&r->err, "", 0);
    r->exec_errno = 0;
    r->exited = 0;
    r->code = 0;
    if ((out == SPAWN_CAPTURE && cloexec_pipe(po) != 0) || (err == SPAWN_CAPTURE && cloexec_pipe(pe) != 0) ||
        cloexec_pipe(px) != 0) {
        int e = errno;
        close_pair(po);
        close_pair(pe);
        close_pair(px);
        errno = e;
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    /* Signals wait until the cleanup knows the child it has to kill. */
    sigset_t blockset, oldmask;
    sigemptyset(&blockset);
    sigaddset(&blockset, SIGINT);
    sigaddset(&blockset, SIGTERM);
    sigaddset(&blockset, SIGHUP);
    sigprocmask(SIG_BLOCK, &blockset, &oldmask);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        sigprocmask(SIG_SETMASK, &oldmask, NULL);
        close_pair(po);
        close_pair(pe);
        close_pair(px);
        errno = e;
        return -1;
    }
    if (pid == 0)
        child(argv, out, err, po[1], pe[1], px[1]);
    spawned++;
    cleanup_set_child(pid);
    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    if (po[1] >= 0)
        close(po[1]);
    if (pe[1] >= 0)
        close(pe[1]);
    close(px[1]);
    po[1] = pe[1] = px[1] = -1;

    while (po[0] >= 0 || pe[0] >= 0) {
        struct pollfd fds[2];
        int n = 0, io = -1, ie = -1;
        if (po[0] >= 0) {
            fds[n].fd = po[0];
            fds[n].events = POLLIN;
            io = n++;
        }
        if (pe[0] >= 0) {
            fds[n].fd = pe[0];
            fds[n].events = POLLIN;
            ie = n++;
        }
        if (poll(fds, (nfds_t)n, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (io >= 0 && fds[io].revents)
            drain(&po[0], &r->out);
        if (ie >= 0 && fds[ie].revents)
            drain(&pe[0], &r->err);
    }
    close_pair(po);
    close_pair(pe);

    int e;
    int status = reap(pid, px[0], &e);
    cleanup_set_child(0);
    if (e != 0) {
        r->exec_errno = e;
        errno = e;
        return -1;
    }
    if (WIFSIGNALED(status)) {
        r->exited = 0;
        r->code = WTERMSIG(status);
    } else {
        r->exited = 1;
        r->code = WEXITSTATUS(status);
    }
    return 0;
}

/* ---- forwarding ------------------------------------------------------- */

static volatile pid_t forward_to;

static void forward(int sig) {
    pid_t pid = forward_to;
    if (pid > 0)
        kill(pid, sig);
}

int spawn_forwarding(char *const argv[], int *exec_errno) {
    int px[2];
    *exec_errno = 0;
    if (cloexec_pipe(px) != 0) {
        *exec_errno = errno;
        return 126;
    }
    struct sigaction sa, old[3];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward;
    sigemptyset(&sa.sa_mask);
    int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    sigset_t blockset, oldmask;
    sigemptyset(&blockset);
    for (int i = 0; i < 3; i++)
        sigaddset(&blockset, sigs[i]);
    /* Blocked until the child's pid is known, so that none is lost. */
    sigprocmask(SIG_BLOCK, &blockset, &oldmask);
    for (int i = 0; i < 3; i++)
        sigaction(sigs[i], &sa, &old[i]);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        close(px[0]);
        for (int i = 0; i < 3; i++)
            signal(sigs[i], old[i].sa_handler == SIG_IGN ? SIG_IGN : SIG_DFL);
        sigprocmask(SIG_SETMASK, &oldmask, NULL);
        execvp(argv[0], argv);
        int e = errno;
        ssize_t w = write(px[1], &e, sizeof e);
        (void)w;
        _exit(e == ENOENT ? 127 : 126);
    }
    int fork_errno = errno;
    close(px[1]);
    if (pid < 0) {
        close(px[0]);
        for (int i = 0; i < 3; i++)
            sigaction(sigs[i], &old[i], NULL);
        sigprocmask(SIG_SETMASK, &oldmask, NULL);
        *exec_errno = fork_errno;
        return 126;
    }
    spawned++;
    forward_to = pid;
    sigprocmask(SIG_SETMASK, &oldmask, NULL);

    int e;
    int status = reap(pid, px[0], &e);
    forward_to = 0;
    for (int i = 0; i < 3; i++)
        sigaction(sigs[i], &old[i], NULL);
    if (e != 0) {
        *exec_errno = e;
        return e == ENOENT ? 127 : 126;
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
