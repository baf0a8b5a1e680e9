/* SPDX-License-Identifier: MIT */
#include "elf_walk.h"

#include <string.h>

int ew_is_elf(const unsigned char *data, size_t n) { return n >= 16 && memcmp(data, "\177ELF", 4) == 0; }

int ew_fits(const struct ew_elf *e, uint64_t off, uint64_t len) { return off <= e->n && len <= e->n - off; }

uint64_t ew_read(const struct ew_elf *e, uint64_t off, unsigned size) {
    if (!ew_fits(e, off, size))
        return 0;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = (v << 8) | e->p[off + (e->msb ? i : size - 1 - i)];
    return v;
}

/* A field whose offset and size differ by class. */
static uint64_t field(const struct ew_elf *e, uint64_t base, unsigned off32, unsigned size32, unsigned off64,
                      unsigned size64) {
    return e->is64 ? ew_read(e, base + off64, size64) : ew_read(e, base + off32, size32);
}

static void read_section(const struct ew_elf *e, uint64_t at, struct ew_section *s) {
    memset(s, 0, sizeof *s);
    s->name = "";
    uint64_t name = ew_read(e, at, 4);
    s->type = ew_read(e, at + 4, 4);
    s->flags = field(e, at, 8, 4, 8, 8);
    s->addr = field(e, at, 12, 4, 16, 8);
    s->offset = field(e, at, 16, 4, 24, 8);
    s->size = field(e, at, 20, 4, 32, 8);
    s->link = field(e, at, 24, 4, 40, 4);
    s->align = field(e, at, 32, 4, 48, 8);
    s->entsize = field(e, at, 36, 4, 56, 8);
    if (name < e->names_size) {
        const char *p = (const char *)e->p + e->names_off + name;
        if (memchr(p, '\0', (size_t)(e->names_size - name)))
            s->name = p;
    }
}

int ew_open(struct ew_elf *e, const unsigned char *data, size_t n, struct sbuf *why) {
    memset(e, 0, sizeof *e);
    e->p = data;
    e->n = n;
    if (!ew_is_elf(data, n)) {
        sb_adds(why, "is not an ELF file");
        return -1;
    }
    if ((data[4] != 1 && data[4] != 2) || (data[5] != 1 && data[5] != 2)) {
        sb_adds(why, "is an ELF file of an unknown class or byte order");
        return -1;
    }
    e->is64 = data[4] == 2;
    e->msb = data[5] == 2;
    if (n < (e->is64 ? 64u : 52u)) {
        sb_adds(why, "is a truncated ELF file");
        return -1;
    }
    e->type = (int)ew_read(e, 16, 2);
    e->phoff = field(e, 0, 28, 4, 32, 8);
    e->shoff = field(e, 0, 32, 4, 40, 8);
    e->phentsize = field(e, 0, 42, 2, 54, 2);
    e->phnum = field(e, 0, 44, 2, 56, 2);
    e->shentsize = field(e, 0, 46, 2, 58, 2);
    e->shnum = field(e, 0, 48, 2, 60, 2);
    uint64_t shstrndx = field(e, 0, 50, 2, 62, 2);
    uint64_t want_ph = e->is64 ? 56 : 32, want_sh = e->is64 ? 64 : 40;
    if (e->phnum && (e->phentsize < want_ph || e->phnum > n / want_ph || !ew_fits(e, e->phoff, e->phnum * e->phentsize)))
        e->phnum = 0;
    if (!e->shoff || e->shentsize < want_sh || !ew_fits(e, e->shoff, want_sh)) {
        e->shnum = 0;
        return 0;
    }
    /* More than 0xff00 sections: the counts are in section 0. */
    struct ew_section s0;
    read_section(e, e->shoff, &s0);
    if (e->shnum == 0)
        e->shnum = s0.size;
    if (shstrndx == 0xffff)
        shstrndx = s0.link;
    if (e->shnum > n / want_sh || !ew_fits(e, e->shoff, e->shnum * e->shentsize)) {
        e->shnum = 0;
        return 0;
    }
    if (shstrndx < e->shnum) {
        struct ew_section names;
        read_section(e, e->shoff + shstrndx * e->shentsize, &names);
        if (names.type != 8 && ew_fits(e, names.offset, names.size)) {
            e->names_off = names.offset;
            e->names_size = names.size;
        }
    }
    return 0;
}

int ew_section(const struct ew_elf *e, uint64_t i, struct ew_section *s) {
    if (i >= e->shnum)
        return -1;
    read_section(e, e->shoff + i * e->shentsize, s);
    s->index = i;
    return 0;
}

/* The notes in [off, off + size), aligned to ALIGN (4 or 8). */
static int scan_notes(const struct ew_elf *e, uint64_t off, uint64_t size, uint64_t align, ew_note_fn fn,
                      void *ctx) {
    if (!ew_fits(e, off, size))
        return 0;
    align = align == 8 ? 8 : 4;
    uint64_t p = off, end = off + size;
    while (end - p >= 12) {
        uint64_t namesz = ew_read(e, p, 4), descsz = ew_read(e, p + 4, 4), type = ew_read(e, p + 8, 4);
        uint64_t name = p + 12;
        if (namesz > end - name)
            return 0;
        uint64_t desc = name + ((namesz + align - 1) & ~(align - 1));
        if (desc > end || descsz > end - desc)
            return 0;
        int r = fn(ctx, (const char *)e->p + name, (size_t)namesz, (uint32_t)type, e->p + desc, (size_t)descsz);
        if (r)
            return r;
        uint64_t next = desc + ((descsz + align - 1) & ~(align - 1));
        if (next <= p || next > end)
            return 0;
        p = next;
    }
    return 0;
}

void ew_notes(const struct ew_elf *e, ew_note_fn fn, void *ctx) {
    if (e->shnum) {
        for (uint64_t i = 0; i < e->shnum; i++) {
            struct ew_section s;
            if (ew_section(e, i, &s) == 0 && s.type == 7 /* SHT_NOTE */ &&
                scan_notes(e, s.offset, s.size, s.align, fn, ctx))
                return;
        }
        return;
    }
    for (uint64_t i = 0; i < e->phnum; i++) {
        uint64_t at = e->phoff + i * e->phentsize;
        if (ew_read(e, at, 4) == 4 /* PT_NOTE */ &&
            scan_notes(e, field(e, at, 4, 4, 8, 8), field(e, at, 16, 4, 32, 8), field(e, at, 28, 4, 48, 8), fn, ctx))
            return;
    }
}

void ew_symbols(const struct ew_elf *e, int dynamic, ew_symbol_fn fn, void *ctx) {
    uint64_t want = dynamic ? 11 : 2; /* SHT_DYNSYM, SHT_SYMTAB */
    for (uint64_t i = 0; i < e->shnum; i++) {
        struct ew_section s, str;
        if (ew_section(e, i, &s) != 0 || s.type != want)
            continue;
        if (ew_section(e, s.link, &str) != 0 || str.type != 3 || !ew_fits(e, str.offset, str.size) ||
            !ew_fits(e, s.offset, s.size))
            return;
        uint64_t entsize = e->is64 ? 24 : 16;
        if (s.entsize > entsize)
            entsize = s.entsize;
        for (uint64_t k = 1; k < s.size / entsize; k++) {
            uint64_t at = s.offset + k * entsize;
            struct ew_symbol sym;
            uint64_t name = ew_read(e, at, 4);
            unsigned info = (unsigned)(e->is64 ? ew_read(e, at + 4, 1) : ew_read(e, at + 12, 1));
            sym.type = info & 15;
            sym.bind = info >> 4;
            sym.shndx = e->is64 ? ew_read(e, at + 6, 2) : ew_read(e, at + 14, 2);
            sym.value = e->is64 ? ew_read(e, at + 8, 8) : ew_read(e, at + 4, 4);
            sym.size = e->is64 ? ew_read(e, at + 16, 8) : ew_read(e, at + 8, 4);
            sym.name = "";
            if (name < str.size) {
                const char *p = (const char *)e->p + str.offset + name;
                if (memchr(p, '\0', (size_t)(str.size - name)))
                    sym.name = p;
            }
            if (fn(ctx, &sym))
                return;
        }
        return;
    }
}

const unsigned char *ew_symbol_bytes(const struct ew_elf *e, const struct ew_symbol *sym, uint64_t len) {
    struct ew_section s;
    if (sym->shndx == 0 || sym->shndx >= 0xff00 || ew_section(e, sym->shndx, &s) != 0 || s.type == 8 /* NOBITS */)
        return NULL;
    uint64_t in;
    if (e->type == 1) {
        in = sym->value;
    } else {
        if (sym->value < s.addr)
            return NULL;
        in = sym->value - s.addr;
    }
    if (in > s.size || len > s.size - in || !ew_fits(e, s.offset + in, len))
        return NULL;
    return e->p + s.offset + in;
}
