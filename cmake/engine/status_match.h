/* SPDX-License-Identifier: MIT */
/* status_match: how well a profile fits the code it is applied to.
 *
 * A profile function matches when some target has a function of its name
 * (NameRef) with its hash (or, matching by name only, of its name). It is
 * "changed" when a target has its name with another hash, "missing" when
 * none has its name (renamed, removed, or inlined away before
 * instrumentation). The hot-weighted match is the share of the profile's
 * weight (its counts) that lands on matching functions; a profile whose
 * weight is 0 counts functions instead.
 *
 * Per target, the weight of the profile's functions that it has (matching
 * or not) and of the missing ones (which cannot be told apart by target) is
 * the whole; so a library that holds part of a program reads 100% on the
 * code the profile was trained on, as the program does. */
#ifndef PGO_STATUS_MATCH_H
#define PGO_STATUS_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "prf_records.h"
#include "profile_funcs.h"

struct sm_target {
    const char *name;
    const struct prf_table *code; /* finished; NULL when it could not be read */
    /* results */
    size_t functions, matching;
    uint64_t weight, matched;
};

enum sm_reason { SM_CHANGED = 1, SM_MISSING = 2 };

struct sm_stale {
    size_t func;      /* index into the profile's functions */
    const char *name; /* its name */
    enum sm_reason reason;
    uint64_t weight;
};

struct sm_result {
    size_t profile_functions, code_functions, matching;
    uint64_t weight, matched;
    struct sm_stale *stale; /* the hottest first (then by name) */
    size_t nstale;
};

/* REFS[i] is the NameRef of P's function i. BY_NAME: hashes are ignored. */
void sm_compute(const struct pf_list *p, const uint64_t *refs, int by_name, struct sm_target *t, size_t nt,
                struct sm_result *r);
void sm_result_free(struct sm_result *r);

/* PART of WHOLE in tenths of a percent, rounded down, so that 1000
 * (100.0%) means all of it; a WHOLE of 0 gives COUNT_PART of COUNT_WHOLE
 * instead (and 1000 when that is 0 too). */
long long sm_tenths(uint64_t part, uint64_t whole, size_t count_part, size_t count_whole);
/* PART of WHOLE is below PERCENT (exactly, not rounded). */
int sm_below(uint64_t part, uint64_t whole, size_t count_part, size_t count_whole, double percent);

#endif
