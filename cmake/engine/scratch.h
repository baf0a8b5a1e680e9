/* SPDX-License-Identifier: MIT */
/* scratch: the private, empty scratch folder of one training run,
 * PARENT/<name>.<pid>, named in the environment (PGO_TRAINING_DIR) and,
 * on request, in the command's arguments (where a token stands), and removed
 * afterwards. Folders left by runs that were killed are removed by the
 * next run that uses PARENT. */
#ifndef PGO_SCRATCH_H
#define PGO_SCRATCH_H

#define SCRATCH_ENV "PGO_TRAINING_DIR"

/* Creates the folder, sweeps PARENT of folders whose process is gone and
 * sets SCRATCH_ENV. Returns the folder's path (to free), or NULL with
 * errno set; *WHAT then says which step failed. */
char *scratch_enter(const char *parent, const char *name, const char **what);

/* ARG with every TOKEN (not empty) replaced by DIR (a new string). */
char *scratch_substitute(const char *arg, const char *token, const char *dir);

/* Removes DIR and everything below it, never following symbolic links.
 * 0, or -1 with errno set. */
int scratch_remove(const char *dir);

/* 1 if NAME is "<anything>.<pid>" with a pid of a process that is gone. */
int scratch_is_stale(const char *name);

#endif
