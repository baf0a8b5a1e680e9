/* SPDX-License-Identifier: MIT */
/* util: growable strings and string lists, messages, exit codes, paths. */
#ifndef PGO_UTIL_H
#define PGO_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Exit codes of every pgo command. */
enum {
    PGO_OK = 0,    /* success */
    PGO_BAD = 1,   /* a bad profile, or a step that failed (message given) */
    PGO_USAGE = 2, /* usage or environment error */
    PGO_IO = 3     /* disk full or another file system error */
};

#if defined(__GNUC__) || defined(__clang__)
#define PGO_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define PGO_NORETURN __attribute__((noreturn))
#else
#define PGO_PRINTF(a, b)
#define PGO_NORETURN
#endif

/* A growable byte string, always NUL-terminated once anything was added. */
struct sbuf {
    char *p;
    size_t n, cap;
};

void sb_init(struct sbuf *sb);
void sb_free(struct sbuf *sb);
void sb_clear(struct sbuf *sb);
void sb_add(struct sbuf *sb, const void *data, size_t n);
void sb_adds(struct sbuf *sb, const char *s);
void sb_addc(struct sbuf *sb, char c);
void sb_addf(struct sbuf *sb, const char *fmt, ...) PGO_PRINTF(2, 3);
/* The text ("" when nothing was added). */
const char *sb_str(const struct sbuf *sb);
/* Hands the text over to the caller (to free()); sb is empty afterwards. */
char *sb_take(struct sbuf *sb);

/* A NULL-terminated list of strings (usable as an argv). */
struct strvec {
    char **v;
    size_t n, cap;
};

void sv_init(struct strvec *sv);
void sv_free(struct strvec *sv);
void sv_push(struct strvec *sv, const char *s);
void sv_pushf(struct strvec *sv, const char *fmt, ...) PGO_PRINTF(2, 3);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) PGO_PRINTF(1, 2);

/* "pgo: <message>" on stderr, one line. */
void pgo_msg(const char *fmt, ...) PGO_PRINTF(1, 2);
/* "pgo: debug: <message>" on stderr, only when $PGO_DEBUG is set and not
 * empty (it says which path a command took, for tests). */
void pgo_debug(const char *fmt, ...) PGO_PRINTF(1, 2);
/* pgo_msg, then exit(code); exit() runs the temporary file cleanup. */
PGO_NORETURN void pgo_die(int code, const char *fmt, ...) PGO_PRINTF(2, 3);
/* The report for a failed file system operation, then exit(PGO_IO):
 * "pgo: no space left on device in DIR" for ENOSPC (and EDQUOT), else
 * "pgo: WHAT: <strerror>". WHAT should name the file or folder. */
PGO_NORETURN void pgo_fs_fail(const char *what, const char *dir, int err);

/* Paths. All return new strings. */
char *path_join(const char *dir, const char *name);
char *path_dirname(const char *path);  /* "." for a bare name */
const char *path_basename(const char *path);
/* PATH made absolute against the working directory, lexically (no
 * symlinks resolved, "." and ".." kept). NULL if getcwd() fails. */
char *path_absolute(const char *path);
/* A file name that llvm-profdata takes for a file: a relative name that
 * starts with '-' (an option) or '@' (a response file) gets "./". */
char *path_for_tool(const char *path);

/* Strict decimal parsing of the whole string; 0 on success. */
int parse_u64(const char *s, uint64_t *out);
int starts_with(const char *s, const char *prefix);
int ends_with(const char *s, const char *suffix);

#endif
