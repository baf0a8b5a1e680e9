/* SPDX-License-Identifier: MIT */
/* fsutil: folders, whole-file reads and writes, temporary files named
 * .pgo-tmp.<pid>.<n><suffix> (removed on every path, see cleanup.h, and
 * by later runs once <pid> is dead), atomic replacement and locking.
 * Functions return 0 (or a descriptor/pointer) on success and -1 (NULL)
 * with errno set on failure; the caller reports. */
#ifndef PGO_FSUTIL_H
#define PGO_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "util.h"

#define FS_TEMP_PREFIX ".pgo-tmp."

/* Forget which folders were already swept of stale temporary files. */
void fs_reset(void);

/* mkdir -p. */
int fs_mkdir_p(const char *dir);

/* 1 if NAME is a temporary file name of this package, with its pid. */
int fs_parse_temp_name(const char *name, long *pid);
/* Removes the temporary files in DIR whose process is gone (kill(pid, 0)
 * fails with ESRCH). Returns how many were removed, -1 if DIR cannot be
 * read. */
int fs_clean_stale(const char *dir);

/* Creates an empty temporary file DIR/.pgo-tmp.<pid>.<n><SUFFIX> with mode
 * 0644 & ~umask, registered for cleanup. First sweeps DIR of stale
 * temporary files (once per folder and process). With FDP, the file stays
 * open for writing and *FDP is its descriptor. */
char *fs_temp_create(const char *dir, const char *suffix, int *fdp);
/* Removes a temporary file and frees PATH. NULL is ignored. */
void fs_temp_discard(char *path);
/* Renames a temporary file to DEST; on success PATH is freed. */
int fs_temp_commit(char *path, const char *dest);

int fs_write_all(int fd, const void *data, size_t n);
/* Reads all of PATH (at most MAX bytes, 0: no limit) into OUT. */
int fs_read_file(const char *path, struct sbuf *out, size_t max);
/* Writes DATA to DEST through a temporary file in DIR (DEST's folder) and
 * a rename. With DURABLE, fsync()s the file before the rename. */
int fs_write_atomic(const char *dir, const char *dest, const void *data, size_t n, int durable);
/* Copies the file SRC to the open descriptor OUT. */
int fs_copy_to_fd(const char *src, int out);

/* An exclusive lock on DIR/.pgo-lock, held until fs_unlock(). Returns the
 * descriptor. */
int fs_lock_dir(const char *dir);
void fs_unlock(int fd);

/* The executable NAME as `command -v` finds it: NAME itself when it holds
 * a '/', else the first executable regular file NAME in $PATH. NULL if
 * there is none. */
char *fs_search_path(const char *name);

/* 1 when process PID has exited (it may be a zombie not yet waited for). */
int fs_process_gone(long pid);

/* The path of this program (/proc/self/exe), malloc'd, or NULL with errno. */
char *fs_self_exe(void);

/* The process umask (read without changing it for long). */
mode_t fs_umask(void);

#endif
