/* SPDX-License-Identifier: MIT */
/* stats.c: medians, per-round ratios, min-max and size changes, on known
 * inputs. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>

#include "stats.h"
#include "test.h"

/* Exact for these inputs: every expected value is a binary fraction or
 * the same division the code makes. */
#define CHECK_DBL(got, want) CHECK((got) == (want))

int main(void) {
    /* Medians: odd and even counts, unsorted input, ties, one value. */
    double odd[] = {5, 1, 3};
    CHECK_DBL(stats_median(odd, 3), 3);
    CHECK_DBL(odd[0], 1); /* sorted in place */
    CHECK_DBL(odd[2], 5);
    double even[] = {4, 1, 3, 2};
    CHECK_DBL(stats_median(even, 4), 2.5);
    double ties[] = {2, 7, 2, 2, 9};
    CHECK_DBL(stats_median(ties, 5), 2);
    double tie_pair[] = {3, 3, 1, 8};
    CHECK_DBL(stats_median(tie_pair, 4), 3);
    double one[] = {0.75};
    CHECK_DBL(stats_median(one, 1), 0.75);
    CHECK(isnan(stats_median(one, 0)));
    double neg[] = {-1, -3, -2};
    CHECK_DBL(stats_median(neg, 3), -2);

    /* Per-round ratios: arm / reference of the same round. */
    double arm[] = {90, 80, 120, 100, 70};
    double ref[] = {100, 100, 100, 100, 100};
    double r[5];
    CHECK_INT(stats_ratios(arm, ref, 5, r), 5);
    CHECK_DBL(r[0], 90.0 / 100);
    CHECK_DBL(r[2], 120.0 / 100);
    struct ratio_stats s;
    stats_summarize(r, 5, &s);
    CHECK_INT(s.n, 5);
    CHECK_DBL(s.median, 90.0 / 100);
    CHECK_DBL(s.min, 70.0 / 100);
    CHECK_DBL(s.max, 120.0 / 100);

    /* The median of per-round ratios is not the ratio of medians: the
     * reference's slow round pairs with the arm's slow round. */
    double a2[] = {10, 20, 40};
    double r2ref[] = {20, 10, 80};
    double q[3];
    CHECK_INT(stats_ratios(a2, r2ref, 3, q), 3);
    stats_summarize(q, 3, &s);
    CHECK_DBL(s.median, 0.5); /* ratios 0.5, 2, 0.5 */
    CHECK_DBL(s.max, 2);
    double ma[] = {10, 20, 40}, mr[] = {20, 10, 80};
    CHECK_DBL(stats_median(ma, 3) / stats_median(mr, 3), 1); /* medians 20 and 20 */

    /* One round. */
    double a1[] = {3}, r1[] = {4}, o1[1];
    CHECK_INT(stats_ratios(a1, r1, 1, o1), 1);
    stats_summarize(o1, 1, &s);
    CHECK_DBL(s.median, 0.75);
    CHECK_DBL(s.min, 0.75);
    CHECK_DBL(s.max, 0.75);

    /* Guards: a reference of 0 or below, a negative arm figure, NAN and
     * infinity make no ratio; an arm of 0 does (ratio 0). */
    double ga[] = {1, 2, -1, 0, NAN, 5, 8};
    double gr[] = {0, -4, 2, 4, 1, INFINITY, 4};
    double go[7];
    size_t k = stats_ratios(ga, gr, 7, go);
    CHECK_INT(k, 2);
    CHECK_DBL(go[0], 0);
    CHECK_DBL(go[1], 2);
    stats_summarize(go, k, &s);
    CHECK_DBL(s.median, 1);

    /* No ratio at all: every figure NAN, the count 0. */
    double za[] = {1, 2}, zr[] = {0, 0}, zo[2];
    CHECK_INT(stats_ratios(za, zr, 2, zo), 0);
    stats_summarize(zo, 0, &s);
    CHECK_INT(s.n, 0);
    CHECK(isnan(s.median) && isnan(s.min) && isnan(s.max));

    /* Size changes in percent. */
    CHECK_DBL(stats_change_pct(1100, 1000), (1100.0 - 1000) / 1000 * 100);
    CHECK_DBL(stats_change_pct(750, 1000), -25);
    CHECK_DBL(stats_change_pct(1000, 1000), 0);
    CHECK(isnan(stats_change_pct(5, 0)));
    CHECK(isnan(stats_change_pct(5, -1)));
    CHECK(isnan(stats_change_pct(NAN, 10)));

    return test_done("stats");
}
