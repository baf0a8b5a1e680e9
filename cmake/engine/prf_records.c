/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "prf_records.h"

#include <stdlib.h>
#include <string.h>

#include "elf_walk.h"
#include "md5.h"

void prf_init(struct prf_table *t) { memset(t, 0, sizeof *t); }

void prf_free(struct prf_table *t) {
    free(t->v);
    prf_init(t);
}

void prf_add(struct prf_table *t, uint64_t name_ref, uint64_t hash) {
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n].name_ref = name_ref;
    t->v[t->n].hash = hash;
    t->n++;
}

/* ThinLTO renames promoted local functions "<name>.llvm.<digits>". */
void prf_add_name(struct prf_table *t, const char *name, size_t n) {
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(name + i, ".llvm.", 6) == 0) {
            size_t k = i + 6;
            while (k < n && name[k] >= '0' && name[k] <= '9')
                k++;
            if (k == n && k > i + 6) {
                n = i;
                break;
            }
        }
    prf_add(t, md5_name_ref(name, n), 0);
}

void prf_add_all(struct prf_table *t, const struct prf_table *from) {
    for (size_t i = 0; i < from->n; i++)
        prf_add(t, from->v[i].name_ref, from->v[i].hash);
}

static int cmp_func(const void *a, const void *b) {
    const struct prf_func *x = a, *y = b;
    if (x->name_ref != y->name_ref)
        return x->name_ref < y->name_ref ? -1 : 1;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

void prf_finish(struct prf_table *t) {
    if (!t->n)
        return;
    qsort(t->v, t->n, sizeof *t->v, cmp_func);
    size_t k = 1;
    for (size_t i = 1; i < t->n; i++)
        if (cmp_func(&t->v[i], &t->v[k - 1]) != 0)
            t->v[k++] = t->v[i];
    t->n = k;
}

size_t prf_count(const struct prf_table *t) {
    size_t c = 0;
    for (size_t i = 0; i < t->n; i++)
        if (i == 0 || t->v[i].name_ref != t->v[i - 1].name_ref)
            c++;
    return c;
}

enum prf_lookup prf_lookup(const struct prf_table *t, uint64_t name_ref, uint64_t hash, int any_hash) {
    size_t lo = 0, hi = t->n; /* the first entry with name_ref >= NAME_REF */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[mid].name_ref < name_ref)
            lo = mid + 1;
        else
            hi = mid;
    }
    enum prf_lookup r = PRF_ABSENT;
    for (size_t i = lo; i < t->n && t->v[i].name_ref == name_ref; i++) {
        if (any_hash || t->v[i].hash == hash)
            return PRF_SAME;
        r = PRF_CHANGED;
    }
    return r;
}

unsigned prf_record_size(unsigned version) {
    if (version >= 5 && version <= 8)
        return 48;
    if (version == 9 || version == 10)
        return 64;
    return 0;
}

int prf_is_bitcode(const unsigned char *d, size_t n) {
    return n >= 4 && ((d[0] == 'B' && d[1] == 'C' && d[2] == 0xc0 && d[3] == 0xde) ||
                      (d[0] == 0xde && d[1] == 0xc0 && d[2] == 0x17 && d[3] == 0x0b));
}

/* ---- ELF ---------------------------------------------------------------- */

struct version_ctx {
    const struct ew_elf *e;
    int found;
    unsigned version;
};

static int find_version(void *vctx, const struct ew_symbol *sym) {
    struct version_ctx *c = vctx;
    if (strcmp(sym->name, "__llvm_profile_raw_version") != 0 || sym->shndx == 0)
        return 0;
    const unsigned char *p = ew_symbol_bytes(c->e, sym, 8);
    if (!p)
        return 0;
    struct ew_elf one = *c->e;
    one.p = p;
    one.n = 8;
    c->version = (unsigned)(ew_read(&one, 0, 8) & 0xffffffffu); /* the top byte holds flags */
    c->found = 1;
    return 1;
}

/* The clang major in a .comment section, or -1. */
static int comment_clang_major(const struct ew_elf *e) {
    for (uint64_t i = 0; i < e->shnum; i++) {
        struct ew_section s;
        if (ew_section(e, i, &s) != 0 || strcmp(s.name, ".comment") != 0 || !ew_fits(e, s.offset, s.size))
            continue;
        const char *p = (const char *)e->p + s.offset, *end = p + s.size;
        static const char key[] = "clang version ";
        for (; p < end; p += strnlen(p, (size_t)(end - p)) + 1) {
            size_t len = strnlen(p, (size_t)(end - p));
            for (size_t k = 0; k + sizeof key - 1 < len; k++)
                if (memcmp(p + k, key, sizeof key - 1) == 0) {
                    const char *d = p + k + sizeof key - 1;
                    int v = 0, digits = 0;
                    while (d < p + len && *d >= '0' && *d <= '9' && v < 10000) {
                        v = v * 10 + (*d++ - '0');
                        digits++;
                    }
                    if (digits)
                        return v;
                }
        }
    }
    return -1;
}

long prf_elf_records(const unsigned char *data, size_t n, struct prf_table *t, struct sbuf *why) {
    struct ew_elf e;
    if (ew_open(&e, data, n, why) != 0)
        return -1;
    if (!e.is64) {
        sb_adds(why, "is a 32-bit ELF file, which pgo status does not read");
        return -1;
    }
    struct version_ctx vc = {&e, 0, 0};
    ew_symbols(&e, 0, find_version, &vc);
    unsigned size = 0;
    if (vc.found) {
        size = prf_record_size(vc.version);
        if (!size) {
            sb_addf(why, "holds profile records of raw format %u, which this pgo does not know", vc.version);
            return -1;
        }
    } else {
        int major = comment_clang_major(&e);
        size = major < 0 ? 0 : major <= 16 ? 48 : 64;
    }
    long count = 0;
    for (uint64_t i = 0; i < e.shnum; i++) {
        struct ew_section s;
        if (ew_section(&e, i, &s) != 0 || strcmp(s.name, "__llvm_prf_data") != 0 || s.type == 8 || !s.size)
            continue;
        if (!ew_fits(&e, s.offset, s.size)) {
            sb_adds(why, "is a damaged ELF file (its __llvm_prf_data section lies outside it)");
            return -1;
        }
        if (!size) {
            sb_adds(why, "holds profile records but names no raw profile format (no __llvm_profile_raw_version, no clang in .comment)");
            return -1;
        }
        unsigned counters_at = size == 48 ? 40 : 48;
        if (s.size % size != 0) {
            sb_addf(why, "has a __llvm_prf_data section of %llu bytes, not a whole number of %u-byte records",
                    (unsigned long long)s.size, size);
            return -1;
        }
        for (uint64_t off = s.offset; off < s.offset + s.size; off += size) {
            if (ew_read(&e, off + counters_at, 4) == 0) {
                sb_addf(why, "holds profile records that do not read as %u-byte records", size);
                return -1;
            }
            prf_add(t, ew_read(&e, off, 8), ew_read(&e, off + 8, 8));
            count++;
        }
    }
    return count;
}

struct names_ctx {
    struct prf_table *t;
    long count;
};

static int add_function(void *vctx, const struct ew_symbol *sym) {
    struct names_ctx *c = vctx;
    if ((sym->type != 2 && sym->type != 10) || sym->shndx == 0 || !*sym->name)
        return 0; /* STT_FUNC, STT_GNU_IFUNC; defined */
    prf_add_name(c->t, sym->name, strlen(sym->name));
    c->count++;
    return 0;
}

long prf_elf_functions(const unsigned char *data, size_t n, struct prf_table *t, struct sbuf *why) {
    struct ew_elf e;
    if (ew_open(&e, data, n, why) != 0)
        return -1;
    struct names_ctx c = {t, 0};
    ew_symbols(&e, 0, add_function, &c);
    if (!c.count)
        ew_symbols(&e, 1, add_function, &c);
    return c.count;
}

/* ---- llvm-dis text ------------------------------------------------------ */

/* A signed decimal at S (LLVM prints i64 constants signed). */
static const char *parse_i64(const char *s, const char *end, uint64_t *out) {
    int neg = 0;
    if (s < end && *s == '-') {
        neg = 1;
        s++;
    }
    const char *start = s;
    uint64_t v = 0;
    while (s < end && *s >= '0' && *s <= '9')
        v = v * 10 + (uint64_t)(*s++ - '0');
    if (s == start)
        return NULL;
    *out = neg ? (uint64_t)0 - v : v;
    return s;
}

static const char *find(const char *s, const char *end, const char *what) {
    size_t k = strlen(what);
    for (; s + k <= end; s++)
        if (memcmp(s, what, k) == 0)
            return s;
    return NULL;
}

size_t prf_ir_records(const char *text, size_t n, struct prf_table *t) {
    size_t count = 0;
    const char *p = text, *end = text + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le - p > 9 && memcmp(p, "@__profd_", 9) == 0) {
            /* The initializer: the first "{ i64 " followed by a number. */
            for (const char *q = find(p, le, "{ i64 "); q; q = find(q + 1, le, "{ i64 ")) {
                uint64_t ref, hash;
                const char *r = parse_i64(q + 6, le, &ref);
                if (!r)
                    continue;
                if (r + 6 <= le && memcmp(r, ", i64 ", 6) == 0 && parse_i64(r + 6, le, &hash)) {
                    prf_add(t, ref, hash);
                    count++;
                }
                break;
            }
        }
        p = le + 1;
    }
    return count;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t prf_ir_functions(const char *text, size_t n, struct prf_table *t) {
    size_t count = 0;
    const char *p = text, *end = text + n;
    struct sbuf name;
    sb_init(&name);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *at = le - p > 7 && memcmp(p, "define ", 7) == 0 ? memchr(p, '@', (size_t)(le - p)) : NULL;
        if (at) {
            sb_clear(&name);
            const char *q = at + 1;
            if (q < le && *q == '"') { /* @"a name" with \xx escapes */
                for (q++; q < le && *q != '"'; q++) {
                    if (*q == '\\' && q + 2 < le && hexval(q[1]) >= 0 && hexval(q[2]) >= 0) {
                        sb_addc(&name, (char)(hexval(q[1]) * 16 + hexval(q[2])));
                        q += 2;
                    } else {
                        sb_addc(&name, *q);
                    }
                }
            } else {
                while (q < le && *q != '(')
                    sb_addc(&name, *q++);
            }
            if (name.n) {
                prf_add_name(t, name.p, name.n);
                count++;
            }
        }
        p = le + 1;
    }
    sb_free(&name);
    return count;
}
