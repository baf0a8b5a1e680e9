/* SPDX-License-Identifier: MIT */
/* compare_spec: the spec file of pgo compare (its format is described in
 * cmd_compare.c and docs/how-it-works.md). */
#ifndef PGO_COMPARE_SPEC_H
#define PGO_COMPARE_SPEC_H

#include <regex.h>
#include <stddef.h>

#include "util.h"

struct cmp_metric {
    char *name, *pattern;
    regex_t re;
};

struct cmp_arm {
    char *label;
    struct strvec argv;  /* the command, one element per 'arg' line */
    struct strvec sizes; /* the files whose sizes are summed */
    int line;            /* of its 'arm' line */
};

struct cmp_bench {
    char *name, *cwd; /* cwd may be NULL */
    struct cmp_metric *metrics;
    size_t nmetrics;
    struct cmp_arm *arms; /* arms[0] is the reference */
    size_t narms;
    int line; /* of its 'benchmark' line */
};

struct cmp_spec {
    struct cmp_bench *bench;
    size_t n;
};

/* Parses the LEN bytes of TEXT (the spec file FILE, named in messages).
 * Returns 0, or -1 with one line "FILE:LINE: what is wrong" in ERR; SPEC
 * holds nothing to free then. */
int cmp_spec_parse(const char *text, size_t len, const char *file, struct cmp_spec *spec, struct sbuf *err);
void cmp_spec_free(struct cmp_spec *spec);

/* The metric NAME of B, or NULL. */
const struct cmp_metric *cmp_bench_metric(const struct cmp_bench *b, const char *name);

/* 1 if S may name a benchmark or an arm (it becomes a file name):
 * letters, digits, '-' and '_'. */
int cmp_valid_label(const char *s);
/* 1 if S may name a metric (a CSV column, a --gate value): a letter or
 * '_', then letters, digits and '_'. */
int cmp_valid_metric_name(const char *s);

#endif
