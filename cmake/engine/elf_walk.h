/* SPDX-License-Identifier: MIT */
/* elf_walk: the sections, notes and symbols of an ELF image in memory
 * (ELF32 and ELF64, either byte order), for pgo status and pgo info. Every
 * offset is checked against the image; what lies outside it is skipped. */
#ifndef PGO_ELF_WALK_H
#define PGO_ELF_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct ew_elf {
    const unsigned char *p;
    size_t n;
    int is64, msb;
    int type; /* e_type: 1 ET_REL, 2 ET_EXEC, 3 ET_DYN */
    uint64_t phoff, phentsize, phnum;
    uint64_t shoff, shentsize, shnum;
    uint64_t names_off, names_size; /* the section name string table */
};

struct ew_section {
    const char *name; /* "" when it has none */
    uint64_t index, type, flags, addr, offset, size, link, entsize, align;
};

struct ew_symbol {
    const char *name;
    uint64_t value, size, shndx;
    unsigned type, bind;
};

/* 1 if DATA starts like an ELF file. */
int ew_is_elf(const unsigned char *data, size_t n);
/* Reads the headers of DATA[0..N). 0, or -1 with the reason in WHY. */
int ew_open(struct ew_elf *e, const unsigned char *data, size_t n, struct sbuf *why);
/* The number at OFF (SIZE bytes, in the file's byte order); 0 outside. */
uint64_t ew_read(const struct ew_elf *e, uint64_t off, unsigned size);
/* [OFF, OFF + LEN) lies in the image. */
int ew_fits(const struct ew_elf *e, uint64_t off, uint64_t len);

/* Section I (0 <= I < e->shnum). 0, or -1 if its header is unusable. */
int ew_section(const struct ew_elf *e, uint64_t i, struct ew_section *s);

/* Calls FN for each note until it returns non-zero: those of the SHT_NOTE
 * sections, or of the PT_NOTE segments when the file has no section
 * headers. NAME is not NUL-terminated (NAMESZ bytes, with its NUL). */
typedef int (*ew_note_fn)(void *ctx, const char *name, size_t namesz, uint32_t type, const unsigned char *desc,
                          size_t descsz);
void ew_notes(const struct ew_elf *e, ew_note_fn fn, void *ctx);

/* Calls FN for each symbol of .symtab (DYNAMIC 0) or .dynsym (1) until it
 * returns non-zero. */
typedef int (*ew_symbol_fn)(void *ctx, const struct ew_symbol *sym);
void ew_symbols(const struct ew_elf *e, int dynamic, ew_symbol_fn fn, void *ctx);

/* The LEN bytes a defined symbol's value points to (in a relocatable
 * object, an offset in its section; else an address), or NULL. */
const unsigned char *ew_symbol_bytes(const struct ew_elf *e, const struct ew_symbol *sym, uint64_t len);

#endif
