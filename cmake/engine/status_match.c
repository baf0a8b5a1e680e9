/* SPDX-License-Identifier: MIT */
#include "status_match.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int cmp_stale(const void *a, const void *b) {
    const struct sm_stale *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return strcmp(x->name, y->name);
}

void sm_compute(const struct pf_list *p, const uint64_t *refs, int by_name, struct sm_target *t, size_t nt,
                struct sm_result *r) {
    memset(r, 0, sizeof *r);
    r->profile_functions = p->n;
    struct prf_table all;
    prf_init(&all);
    for (size_t k = 0; k < nt; k++) {
        t[k].functions = t[k].code ? prf_count(t[k].code) : 0;
        t[k].matching = 0;
        t[k].weight = t[k].matched = 0;
        if (t[k].code)
            prf_add_all(&all, t[k].code);
    }
    prf_finish(&all);
    r->code_functions = prf_count(&all);
    prf_free(&all);
    enum prf_lookup *seen = xmalloc((nt ? nt : 1) * sizeof *seen);
    for (size_t i = 0; i < p->n; i++) {
        const struct pf_func *f = &p->v[i];
        enum prf_lookup best = PRF_ABSENT;
        for (size_t k = 0; k < nt; k++) {
            seen[k] = t[k].code ? prf_lookup(t[k].code, refs[i], f->hash, by_name) : PRF_ABSENT;
            if (seen[k] > best)
                best = seen[k];
        }
        r->weight = pf_add_sat(r->weight, f->weight);
        if (best == PRF_SAME) {
            r->matching++;
            r->matched = pf_add_sat(r->matched, f->weight);
        } else {
            r->stale = xrealloc(r->stale, (r->nstale + 1) * sizeof *r->stale);
            r->stale[r->nstale].func = i;
            r->stale[r->nstale].name = f->name;
            r->stale[r->nstale].reason = best == PRF_CHANGED ? SM_CHANGED : SM_MISSING;
            r->stale[r->nstale].weight = f->weight;
            r->nstale++;
        }
        for (size_t k = 0; k < nt; k++) {
            if (!t[k].code || (seen[k] == PRF_ABSENT && best != PRF_ABSENT))
                continue; /* another target's function */
            t[k].weight = pf_add_sat(t[k].weight, f->weight);
            if (seen[k] == PRF_SAME) {
                t[k].matching++;
                t[k].matched = pf_add_sat(t[k].matched, f->weight);
            }
        }
    }
    free(seen);
    if (r->nstale)
        qsort(r->stale, r->nstale, sizeof *r->stale, cmp_stale);
}

void sm_result_free(struct sm_result *r) {
    free(r->stale);
    memset(r, 0, sizeof *r);
}

/* floor(A * 1000 / B), exactly while B * 10 fits in 64 bits (beyond, both
 * lose their low bits). */
static long long per_mille(uint64_t a, uint64_t b) {
    if (b > UINT64_MAX / 10)
        return per_mille(a >> 8, b >> 8);
    uint64_t q = a / b, rem = a % b;
    long long v = q > (uint64_t)(LLONG_MAX / 1000) ? LLONG_MAX / 1000 : (long long)q;
    for (int digit = 0; digit < 3; digit++) {
        rem *= 10;
        v = v * 10 + (long long)(rem / b);
        rem %= b;
    }
    return v;
}

long long sm_tenths(uint64_t part, uint64_t whole, size_t count_part, size_t count_whole) {
    if (whole)
        return per_mille(part, whole);
    return count_whole ? per_mille(count_part, count_whole) : 1000;
}

int sm_below(uint64_t part, uint64_t whole, size_t count_part, size_t count_whole, double percent) {
    if (whole)
        return (long double)part * 100.0L < (long double)percent * (long double)whole;
    if (count_whole)
        return (long double)count_part * 100.0L < (long double)percent * (long double)count_whole;
    return 0;
}
