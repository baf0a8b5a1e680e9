/* SPDX-License-Identifier: MIT */
/* profile_funcs: the functions of a profile and their weight, from the
 * text llvm-profdata writes.
 *
 * Instrumentation profiles (merge --text): a header of ":ir"/":fe"/"#"
 * lines, then one block per function, blocks separated by blank lines:
 *   <name>
 *   # Func Hash:
 *   <hash>
 *   # Num Counters:
 *   <n>
 *   # Counter Values:
 *   <n counts>
 *   ... (value profile data, bitmap bytes: skipped)
 * A function's weight is the sum of its counts.
 *
 * Sample profiles (merge --sample --text): each function starts at column
 * 0 as "<name>:<total samples>:<head samples>" (a context-sensitive one as
 * "[<caller>:<line> @ <name>]:..."), followed by indented lines. Its
 * weight is its total samples, its hash 0 (a sample profile has none). */
#ifndef PGO_PROFILE_FUNCS_H
#define PGO_PROFILE_FUNCS_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct pf_func {
    char *name;
    uint64_t hash, weight;
};

struct pf_list {
    struct pf_func *v;
    size_t n, cap;
};

void pf_init(struct pf_list *l);
void pf_free(struct pf_list *l);
void pf_add(struct pf_list *l, const char *name, size_t n, uint64_t hash, uint64_t weight);

/* Parse TEXT (N bytes) into L. 0, or -1 with what was wrong (and on which
 * line) in WHY. */
int pf_parse_instr_text(const char *text, size_t n, struct pf_list *l, struct sbuf *why);
int pf_parse_sample_text(const char *text, size_t n, struct pf_list *l, struct sbuf *why);

/* A + B, at most UINT64_MAX. */
uint64_t pf_add_sat(uint64_t a, uint64_t b);

#endif
