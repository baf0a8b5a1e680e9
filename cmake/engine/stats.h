/* SPDX-License-Identifier: MIT */
/* stats: the figures of pgo compare. A ratio of one round is ARM / REF of
 * the same round (both ran back to back, so slow drift in machine load
 * hits both); the headline is the median of those per-round ratios, with
 * their min and max. */
#ifndef PGO_STATS_H
#define PGO_STATS_H

#include <stddef.h>

struct ratio_stats {
    size_t n;                /* how many per-round ratios */
    double median, min, max; /* NAN when n is 0 */
};

/* The median of V[0..N), which is sorted in place (the mean of the two
 * middle values for an even N); NAN when N is 0. */
double stats_median(double *v, size_t n);

/* The per-round ratios ARM[i] / REF[i] for i < N, into OUT (room for N),
 * of the rounds where both are finite, REF[i] > 0 and ARM[i] >= 0: a
 * reference of 0 (a command too short for the CPU clock) or a negative
 * figure makes no ratio. Returns how many. */
size_t stats_ratios(const double *arm, const double *ref, size_t n, double *out);

/* Median, min and max of V[0..N) (sorted in place). */
void stats_summarize(double *v, size_t n, struct ratio_stats *s);

/* (ARM - REF) / REF in percent; NAN when REF is not above 0. */
double stats_change_pct(double arm, double ref);

#endif
