/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median(double *v, size_t n) {
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

size_t stats_ratios(const double *arm, const double *ref, size_t n, double *out) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(arm[i]) && isfinite(ref[i]) && ref[i] > 0 && arm[i] >= 0)
            out[k++] = arm[i] / ref[i];
    return k;
}

void stats_summarize(double *v, size_t n, struct ratio_stats *s) {
    s->n = n;
    s->median = stats_median(v, n); /* sorts */
    s->min = n ? v[0] : NAN;
    s->max = n ? v[n - 1] : NAN;
}

double stats_change_pct(double arm, double ref) {
    if (!(ref > 0) || !isfinite(arm))
        return NAN;
    return (arm - ref) / ref * 100.0;
}
