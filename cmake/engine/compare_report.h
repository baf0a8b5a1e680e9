/* SPDX-License-Identifier: MIT */
/* compare_report: the figures of pgo compare from what the rounds
 * measured, and their three forms: the summary on stdout, CSV and JSON. */
#ifndef PGO_COMPARE_REPORT_H
#define PGO_COMPARE_REPORT_H

#include <stdio.h>

#include "compare_spec.h"
#include "stats.h"
#include "util.h"

struct cmp_arm_result {
    /* Measured: one value per timed round; metric m of round r is
     * metric[m * rounds + r]. */
    double *wall, *cpu, *metric;
    long long size; /* the sum of the arm's size files */
    /* Figures (compare_figures): medians of the absolute values ... */
    double wall_median, cpu_median, *metric_median;
    /* ... and, for every arm but the reference, the per-round ratios to it. */
    struct ratio_stats wall_ratio, cpu_ratio, *metric_ratio;
    double size_pct; /* size change against the reference, NAN without sizes */
};

struct cmp_results {
    const struct cmp_spec *spec;
    size_t rounds, warmup;
    struct cmp_arm_result **arm; /* arm[b][a] */
};

/* Room for what the rounds of SPEC measure, all zero. */
void compare_results_init(struct cmp_results *res, const struct cmp_spec *spec, size_t rounds, size_t warmup);
void compare_results_free(struct cmp_results *res);

/* The medians and ratios from the measured values. */
void compare_figures(struct cmp_results *res);

/* The summary: one block per benchmark and arm but the reference; every
 * figure names its statistic. */
void compare_print(FILE *f, const struct cmp_results *res);
/* One row per benchmark and arm but the reference, one column per figure
 * (a metric's columns stay empty in benchmarks without it). */
void compare_csv(struct sbuf *out, const struct cmp_results *res);
/* Everything, the values of every round included. */
void compare_json(struct sbuf *out, const struct cmp_results *res);

#endif
