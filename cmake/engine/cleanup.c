/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "cleanup.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A fixed table, so that the signal handler only reads what is complete:
 * a slot is filled (string first, pointer second) or cleared (pointer
 * first) with signals blocked. */
#define CLEANUP_SLOTS 64

static char *volatile slots[CLEANUP_SLOTS];
static volatile pid_t child_pid;
static int installed;

static void block(sigset_t *old) {
    sigset_t all;
    sigemptyset(&all);
    sigaddset(&all, SIGINT);
    sigaddset(&all, SIGTERM);
    sigaddset(&all, SIGHUP);
    sigprocmask(SIG_BLOCK, &all, old);
}

static void unblock(const sigset_t *old) { sigprocmask(SIG_SETMASK, old, NULL); }

void cleanup_reset(void) {
    sigset_t old;
    block(&old);
    for (int i = 0; i < CLEANUP_SLOTS; i++) {
        char *p = slots[i];
        slots[i] = NULL;
        free(p);
    }
    child_pid = 0;
    unblock(&old);
}

int cleanup_add(const char *path) {
    size_t n = strlen(path) + 1;
    char *copy = malloc(n);
    if (!copy)
        return -1;
    memcpy(copy, path, n);
    sigset_t old;
    block(&old);
    for (int i = 0; i < CLEANUP_SLOTS; i++) {
        if (!slots[i]) {
            slots[i] = copy;
            unblock(&old);
            return 0;
        }
    }
    unblock(&old);
    free(copy);
    return -1;
}

void cleanup_forget(const char *path) {
    sigset_t old;
    block(&old);
    for (int i = 0; i < CLEANUP_SLOTS; i++) {
        char *p = slots[i];
        if (p && strcmp(p, path) == 0) {
            slots[i] = NULL;
            free(p);
            break;
        }
    }
    unblock(&old);
}

void cleanup_run(void) {
    sigset_t old;
    block(&old);
    for (int i = 0; i < CLEANUP_SLOTS; i++) {
        char *p = slots[i];
        if (p) {
            unlink(p);
            slots[i] = NULL;
            free(p);
        }
    }
    unblock(&old);
}

int cleanup_count(void) {
    int n = 0;
    for (int i = 0; i < CLEANUP_SLOTS; i++)
        n += slots[i] != NULL;
    return n;
}

void cleanup_set_child(pid_t pid) { child_pid = pid; }

/* Only async-signal-safe calls: kill, waitpid, unlink, signal, raise. */
static void on_signal(int sig) {
    pid_t pid = child_pid;
    if (pid > 0) {
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    for (int i = 0; i < CLEANUP_SLOTS; i++) {
        char *p = slots[i];
        if (p)
            unlink(p);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void at_exit(void) { cleanup_run(); }

void cleanup_install(void) {
    if (installed)
        return;
    installed = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction prev;
        /* An ignored signal stays ignored (nohup, background jobs). */
        if (sigaction(sigs[i], NULL, &prev) == 0 && prev.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
    atexit(at_exit);
}
