/* selftest.c - fork/exec a server, load it, stop it, judge it. */
#define _POSIX_C_SOURCE 200809L

#include "selftest.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

#define START_SECONDS 5.0 /* for the server to print its port */
#define STOP_SECONDS 5.0  /* for the server to exit after SIGTERM */
/* The server's own guard, should this process die before stopping it. */
#define SERVER_IDLE_EXIT "5"

/* Starts `path --port 0 --idle-exit 5` with stdout on a pipe. */
static pid_t start_server(const char *path, int *stdout_fd)
{
    int p[2];
    if (pipe(p) != 0) {
        perror("self-test: pipe");
        return -1;
    }
    fflush(NULL); /* or the child would repeat buffered output */
    pid_t pid = fork();
    if (pid < 0) {
        perror("self-test: fork");
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(p[1], STDOUT_FILENO);
        close(p[0]);
        close(p[1]);
        char *argv[] = {(char *)path, "--port", "0", "--idle-exit", SERVER_IDLE_EXIT, NULL};
        execv(path, argv);
        fprintf(stderr, "self-test: cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(p[1]);
    *stdout_fd = p[0];
    return pid;
}

/* Reads the server's first line, "listening on 127.0.0.1:PORT". */
static int read_port(int fd)
{
    char line[128];
    size_t n = 0;
    double deadline = clock_now() + START_SECONDS;
    while (!memchr(line, '\n', n)) {
        double left = deadline - clock_now();
        struct pollfd pfd = {fd, POLLIN, 0};
        if (left <= 0 || n == sizeof line - 1) {
            fprintf(stderr, "self-test: the server printed no port within %g s\n", START_SECONDS);
            return -1;
        }
        int r = poll(&pfd, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue; /* the deadline check above ends it */
        ssize_t got = read(fd, line + n, sizeof line - 1 - n);
        if (got <= 0) {
            fprintf(stderr, "self-test: the server exited before it was listening\n");
            return -1;
        }
        n += (size_t)got;
    }
    line[n] = '\0';
    int port = 0;
    if (sscanf(line, "listening on 127.0.0.1:%d", &port) != 1 || port <= 0 || port > 65535) {
        fprintf(stderr, "self-test: unexpected first line from the server: %s", line);
        return -1;
    }
    return port;
}

/* Sends SIGTERM and waits; returns 0 when the server exited with 0. */
static int stop_server(pid_t pid)
{
    kill(pid, SIGTERM);
    double deadline = clock_now() + STOP_SECONDS;
    int status;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            perror("self-test: waitpid");
            return -1;
        }
        if (clock_now() > deadline) {
            fprintf(stderr, "self-test: the server did not exit within %g s of SIGTERM; killing it\n", STOP_SECONDS);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        struct timespec pause = {0, 5 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status))
        fprintf(stderr, "self-test: the server exited with status %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        fprintf(stderr, "self-test: the server was killed by signal %d\n", WTERMSIG(status));
    return -1;
}

int selftest_run(const struct selftest_options *opt)
{
    /* /proc/self/exe: this very build, instrumented or optimized alike. */
    const char *path = opt->server ? opt->server : "/proc/self/exe";
    int out_fd;
    pid_t pid = start_server(path, &out_fd);
    if (pid < 0)
        return 1;
    int port = read_port(out_fd);
    int load_failed = 1;
    if (port > 0) {
        struct loadgen_options load = opt->load;
        load.port = port;
        load_failed = loadgen_run(&load) != 0;
    }
    int server_failed = stop_server(pid) != 0;
    close(out_fd);
    return load_failed || server_failed;
}
