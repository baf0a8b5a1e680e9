/* SPDX-License-Identifier: MIT */
/* compare_run: one timed run of a benchmark command (fork + execvp, never
 * a shell), its standard output and error kept in files. */
#ifndef PGO_COMPARE_RUN_H
#define PGO_COMPARE_RUN_H

struct run_result {
    int exec_errno; /* non-zero: the program could not be started */
    int exited;     /* 1: exited with status `code`; 0: killed by signal `code` */
    int code;
    double wall_ms; /* monotonic clock, fork to reaped */
    double cpu_ms;  /* user + system time of the child (wait4) */
};

/* Runs ARGV (argv[0] is looked up in PATH when it has no '/') in the
 * folder CWD (NULL: ours) with stdin from /dev/null and stdout and stderr
 * written to OUT_PATH and ERR_PATH (created or emptied). Returns 0 when
 * it ran or could not be started (see R), -1 with errno set when a file
 * could not be opened or fork failed. */
int compare_run(char *const argv[], const char *cwd, const char *out_path, const char *err_path,
                struct run_result *r);

#endif
