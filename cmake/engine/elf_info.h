/* SPDX-License-Identifier: MIT */
/* elf_info: what pgo collect needs to know of an ELF file (an executable
 * or a shared library), read without running anything: its build ID, the
 * compiler named in .comment, whether it has debug line tables, its
 * loadable segments (to turn file offsets into virtual addresses), the
 * base llvm-profgen measures offsets from, and its functions (from
 * .symtab, else .dynsym) to find the function an address lies in. ELF32
 * and ELF64, either byte order. */
#ifndef PGO_ELF_INFO_H
#define PGO_ELF_INFO_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct elf_load {
    uint64_t offset, vaddr, filesz, memsz;
    int exec; /* PF_X */
};

struct elf_func {
    uint64_t start, end; /* virtual addresses, [start, end) */
};

struct elf_info {
    int type;                 /* e_type: 2 ET_EXEC, 3 ET_DYN */
    int machine;              /* e_machine: 62 x86-64 */
    char build_id[129];       /* hex; "" when there is no NT_GNU_BUILD_ID */
    int has_line_tables;      /* .debug_line (or .zdebug_line) with data */
    int has_pgo_window;       /* a section "pgo_window": the helper of instrumented builds */
    char *clang_line;         /* the first .comment string that names clang, or NULL */
    int clang_major;          /* its major version, or -1 */
    int has_base;             /* there is an executable PT_LOAD */
    uint64_t base;            /* its p_vaddr, rounded down to 4 KiB */
    struct elf_load *loads;   /* the PT_LOAD segments, in file order */
    size_t nloads;
    struct elf_func *funcs;   /* sorted by start, no two with one start */
    size_t nfuncs;
    /* The bytes, for elf_x86_call_start(): elf_parse()'s image, or the
     * file elf_read() opened (read when needed, open until elf_info_free). */
    const unsigned char *image;
    size_t image_size;
    int fd;
};

void elf_info_init(struct elf_info *ei);
void elf_info_free(struct elf_info *ei);

/* Parses the ELF image DATA[0..N) (which must outlive EI). Returns 0, or
 * -1 with the reason (for "<file> <reason>") in WHY. */
int elf_parse(const unsigned char *data, size_t n, struct elf_info *ei, struct sbuf *why);
/* elf_parse() on the file PATH (mapped, not read). -1 also when the file
 * cannot be opened (WHY says so). */
int elf_read(const char *path, struct elf_info *ei, struct sbuf *why);

/* The major version in a .comment string: "clang version 14.0.6",
 * "Debian clang version 19.1.7 (++2025...)", "Ubuntu clang version
 * 22.1.8"; -1 when the string names no clang version. */
int elf_clang_major(const char *comment);

/* The virtual address of file offset OFF (through the PT_LOAD that holds
 * it). 0, or -1 when no segment maps OFF. */
int elf_offset_to_vaddr(const struct elf_info *ei, uint64_t off, uint64_t *vaddr);
/* The start of the function that holds VADDR. 0, or -1 when none does. */
int elf_func_start(const struct elf_info *ei, uint64_t vaddr, uint64_t *start);

/* x86-64: where the call instruction that returns to RET may start (a
 * direct call, e8 rel32, or an indirect one, ff /2 with an optional REX
 * or notrack prefix, read backwards from RET). When the bytes allow more
 * than one, the earliest: a start inside the instruction before it still
 * covers the call. 0, or -1 when no call ends at RET (or not x86-64). */
int elf_x86_call_start(const struct elf_info *ei, uint64_t ret, uint64_t *start);

#endif
