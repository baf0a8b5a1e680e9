/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "unsymbolized.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- the table ------------------------------------------------------------ */

static uint64_t mix(uint64_t a, uint64_t b) {
    uint64_t h = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL + (a << 6) + (a >> 2));
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return h;
}

/* Slots with count 0 are free (counts are never 0). */
static void table_add(struct us_table *t, uint64_t a, uint64_t b, uint64_t count) {
    if (count == 0)
        return;
    if (2 * (t->n + 1) > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        struct us_entry *e = xmalloc(cap * sizeof *e);
        memset(e, 0, cap * sizeof *e);
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->e[i].count)
                continue;
            size_t j = (size_t)mix(t->e[i].a, t->e[i].b) & (cap - 1);
            while (e[j].count)
                j = (j + 1) & (cap - 1);
            e[j] = t->e[i];
        }
        free(t->e);
        t->e = e;
        t->cap = cap;
    }
    size_t j = (size_t)mix(a, b) & (t->cap - 1);
    while (t->e[j].count && !(t->e[j].a == a && t->e[j].b == b))
        j = (j + 1) & (t->cap - 1);
    if (!t->e[j].count) {
        t->e[j].a = a;
        t->e[j].b = b;
        t->n++;
    }
    t->e[j].count += count;
}

/* The entry (A, B), or NULL. */
static struct us_entry *table_find(const struct us_table *t, uint64_t a, uint64_t b) {
    if (!t->cap)
        return NULL;
    size_t j = (size_t)mix(a, b) & (t->cap - 1);
    while (t->e[j].count) {
        if (t->e[j].a == a && t->e[j].b == b)
            return &t->e[j];
        j = (j + 1) & (t->cap - 1);
    }
    return NULL;
}

static int cmp_entry(const void *x, const void *y) {
    const struct us_entry *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return 0;
}

/* The entries, sorted (to free()). */
static struct us_entry *sorted(const struct us_table *t) {
    struct us_entry *v = xmalloc((t->n ? t->n : 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->e[i].count)
            v[k++] = t->e[i];
    qsort(v, k, sizeof *v, cmp_entry);
    return v;
}

/* ---- samples -------------------------------------------------------------- */

void us_init(struct unsym *u) { memset(u, 0, sizeof *u); }

void us_free(struct unsym *u) {
    free(u->ranges.e);
    free(u->branches.e);
    free(u->calls.e);
    us_init(u);
}

void us_add_range(struct unsym *u, uint64_t start, uint64_t end, uint64_t count) {
    table_add(&u->ranges, start, end, count);
}

void us_add_branch(struct unsym *u, uint64_t source, uint64_t target, uint64_t count) {
    table_add(&u->branches, source, target, count);
}

/* The offset from the base of frame address ADDR (a file offset). */
static int to_offset(const struct elf_info *ei, uint64_t addr, uint64_t *off) {
    uint64_t va;
    if (elf_offset_to_vaddr(ei, addr, &va) != 0 || va < ei->base)
        return -1;
    *off = va - ei->base;
    return 0;
}

void us_add_sample(struct unsym *u, const struct elf_info *ei, const char *dso, const struct ps_frame *frames,
                   size_t n) {
    if (n == 0 || strcmp(frames[0].dso, dso) != 0) {
        u->other++;
    } else {
        uint64_t off;
        u->samples++;
        if (to_offset(ei, frames[0].addr, &off) == 0)
            us_add_range(u, off, off, 1);
        else
            u->outside++;
    }
    for (size_t i = 0; i + 1 < n; i++) {
        const struct ps_frame *callee = &frames[i], *caller = &frames[i + 1];
        if (strcmp(callee->dso, dso) != 0 || strcmp(caller->dso, dso) != 0)
            continue;
        uint64_t site, va, entry;
        if (to_offset(ei, caller->addr, &site) != 0 || elf_offset_to_vaddr(ei, callee->addr, &va) != 0 ||
            elf_func_start(ei, va, &entry) != 0 || entry < ei->base)
            continue;
        us_add_branch(u, site, entry - ei->base, 1);
        /* The call instruction: it ends at the return address, the frame
         * address + 1. */
        if (!u->call_ranges)
            continue;
        const struct us_entry *known = table_find(&u->calls, site, 0);
        if (!known) { /* the count holds the start + 2, or 1 for none */
            uint64_t call;
            int ok = elf_x86_call_start(ei, site + ei->base + 1, &call) == 0 && call >= ei->base;
            table_add(&u->calls, site, 0, ok ? call - ei->base + 2 : 1);
            known = table_find(&u->calls, site, 0);
        }
        if (known->count >= 2)
            us_add_range(u, known->count - 2, site, 1);
    }
}

void us_write(const struct unsym *u, struct sbuf *out) {
    struct us_entry *r = sorted(&u->ranges), *b = sorted(&u->branches);
    sb_addf(out, "%zu\n", u->ranges.n);
    for (size_t i = 0; i < u->ranges.n; i++)
        sb_addf(out, "%" PRIx64 "-%" PRIx64 ":%" PRIu64 "\n", r[i].a, r[i].b, r[i].count);
    sb_addf(out, "%zu\n", u->branches.n);
    for (size_t i = 0; i < u->branches.n; i++)
        sb_addf(out, "%" PRIx64 "->%" PRIx64 ":%" PRIu64 "\n", b[i].a, b[i].b, b[i].count);
    free(r);
    free(b);
}
