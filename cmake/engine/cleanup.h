/* SPDX-License-Identifier: MIT */
/* cleanup: the temporary files this process owns, removed on exit() and on
 * SIGINT/SIGTERM/SIGHUP (the running child is killed first, so that it
 * cannot re-create one), and the signal is then re-raised. */
#ifndef PGO_CLEANUP_H
#define PGO_CLEANUP_H

#include <sys/types.h>

/* Forget every registered file without removing it (for tests). */
void cleanup_reset(void);
/* Remove PATH on cleanup; the string is copied. 0, or -1 if the table is
 * full. */
int cleanup_add(const char *path);
/* Stop tracking PATH (it was renamed or removed). */
void cleanup_forget(const char *path);
/* Remove every registered file now and forget them. */
void cleanup_run(void);
/* The child to kill before cleaning up on a signal (0: none). */
void cleanup_set_child(pid_t pid);
/* Install the handlers for SIGINT, SIGTERM and SIGHUP, and cleanup_run()
 * at exit. Idempotent. */
void cleanup_install(void);
/* How many files are registered (for tests). */
int cleanup_count(void);

#endif
