/* SPDX-License-Identifier: MIT */
/* prf_records: the functions of instrumented or ordinary code, as pgo
 * status compares them with a profile.
 *
 * An instrumented build (-fprofile-generate) holds one record per
 * function in its __llvm_prf_data sections: the function's NameRef (the
 * MD5 of its PGO name, see md5.h) and the CFG hash that clang checks
 * against the profile. The records of raw profile format 5 to 8 (LLVM 10
 * to 16) are 48 bytes, those of 9 and 10 (LLVM 17 to 22) 64 bytes, NameRef
 * and hash first; the format is read from __llvm_profile_raw_version,
 * else guessed from the clang version in .comment. ThinLTO objects are
 * LLVM bitcode: their records are read from llvm-dis's text (the
 * "@__profd_<name> = ... { i64 <NameRef>, i64 <hash>, ..." lines).
 *
 * For sample profiles, which have no CFG hash, the functions are names:
 * an ELF file's function symbols (with the ".llvm.<n>" ThinLTO adds to
 * promoted local names removed), or the "define" lines of llvm-dis's text;
 * their hash is 0. Only 64-bit ELF files are read. */
#ifndef PGO_PRF_RECORDS_H
#define PGO_PRF_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct prf_func {
    uint64_t name_ref, hash;
};

struct prf_table {
    struct prf_func *v;
    size_t n, cap;
};

void prf_init(struct prf_table *t);
void prf_free(struct prf_table *t);
void prf_add(struct prf_table *t, uint64_t name_ref, uint64_t hash);
void prf_add_name(struct prf_table *t, const char *name, size_t n);
/* Appends the entries of FROM. */
void prf_add_all(struct prf_table *t, const struct prf_table *from);
/* Sorts the table and removes repeated entries; call before looking up. */
void prf_finish(struct prf_table *t);
/* How many different NameRefs the (finished) table holds. */
size_t prf_count(const struct prf_table *t);

enum prf_lookup { PRF_ABSENT = 0, PRF_CHANGED = 1, PRF_SAME = 2 };
/* Whether the finished table has NAME_REF with HASH (or any hash when
 * ANY_HASH). */
enum prf_lookup prf_lookup(const struct prf_table *t, uint64_t name_ref, uint64_t hash, int any_hash);

/* The record size of raw profile format VERSION on a 64-bit target, or 0
 * for a format pgo does not know. */
unsigned prf_record_size(unsigned version);

/* DATA starts like LLVM bitcode. */
int prf_is_bitcode(const unsigned char *data, size_t n);

/* The records of an ELF file (executable, shared library or relocatable
 * object) added to T. Returns how many, or -1 with the reason in WHY. */
long prf_elf_records(const unsigned char *data, size_t n, struct prf_table *t, struct sbuf *why);
/* The function symbols of an ELF file, as names. Returns how many, or -1. */
long prf_elf_functions(const unsigned char *data, size_t n, struct prf_table *t, struct sbuf *why);
/* The same from the text llvm-dis prints for a bitcode file. */
size_t prf_ir_records(const char *text, size_t n, struct prf_table *t);
size_t prf_ir_functions(const char *text, size_t n, struct prf_table *t);

#endif
