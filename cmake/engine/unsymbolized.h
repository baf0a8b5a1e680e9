/* SPDX-License-Identifier: MIT */
/* unsymbolized: the samples of one binary, counted, and written as the
 * text that llvm-profgen (14 to 22) reads with --unsymbolized-profile:
 *
 *   <number of ranges>
 *   <start>-<end>:<count>      hex; a sampled instruction is a zero-length range,
 *                              a call instruction on a sampled stack a range
 *   <number of branches>
 *   <source>-><target>:<count> a call site -> the entry of the function it called
 *
 * Addresses are offsets from the binary's base (elf_info.h: the first
 * executable PT_LOAD, rounded down to 4 KiB), sorted. */
#ifndef PGO_UNSYMBOLIZED_H
#define PGO_UNSYMBOLIZED_H

#include <stddef.h>
#include <stdint.h>

#include "elf_info.h"
#include "perf_script.h"
#include "util.h"

struct us_entry {
    uint64_t a, b, count;
};

/* A hash table of (a, b) -> count. */
struct us_table {
    struct us_entry *e;
    size_t n, cap; /* cap: 0 or a power of two */
};

struct unsym {
    struct us_table ranges, branches;
    struct us_table calls; /* call site -> its call's start + 1 (0: none), found once */
    /* Also count, for each call-site record, the call instruction itself
     * (a range from its start, elf_x86_call_start(), to the frame address),
     * as a branch stack would have: clang ignores the profile of a function
     * without samples of its own (a dispatch loop whose time is all in its
     * callees), and clang 14 annotates no indirect call on a line without
     * samples (llvm-profgen 15 and later give the line its call count, and
     * keep that count when the range is there too). */
    int call_ranges;
    unsigned long long samples;  /* whose innermost frame is in the binary */
    unsigned long long other;    /* the others */
    unsigned long long outside;  /* frames of the binary no segment maps */
};

void us_init(struct unsym *u);
void us_free(struct unsym *u);
void us_add_range(struct unsym *u, uint64_t start, uint64_t end, uint64_t count);
void us_add_branch(struct unsym *u, uint64_t source, uint64_t target, uint64_t count);

/* One sample of perf_script.h. FRAMES whose dso is DSO (the binary's path
 * as perf names it) are the binary's; their addresses are file offsets
 * (through EI's segments). The innermost frame, if the binary's, is a
 * zero-length range; each pair of adjacent frames of the binary, caller
 * and callee, is a branch from the caller's frame address (inside its call
 * instruction) to the start of the function that holds the callee's
 * frame (and, with call_ranges, the call instruction a range). */
void us_add_sample(struct unsym *u, const struct elf_info *ei, const char *dso, const struct ps_frame *frames,
                   size_t n);

/* The text above. */
void us_write(const struct unsym *u, struct sbuf *out);

#endif
