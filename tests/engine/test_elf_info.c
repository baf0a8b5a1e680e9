/* SPDX-License-Identifier: MIT */
/* elf_info.c: ELF files built here byte by byte (ELF64 and ELF32, either
 * byte order), every truncation of them, and this test program itself
 * (built with -g: line tables, a build ID, its own functions). */
#define _XOPEN_SOURCE 700

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_info.h"
#include "test.h"

/* ---- a small ELF file ----------------------------------------------------- */

static int is64, msb;
static unsigned char img[0x800];

static void wr(size_t off, unsigned size, uint64_t v) {
    for (unsigned i = 0; i < size; i++)
        img[off + (msb ? size - 1 - i : i)] = (unsigned char)(v >> (8 * i));
}

#define W(o32, s32, o64, s64, base, v) (is64 ? wr((base) + (o64), (s64), (v)) : wr((base) + (o32), (s32), (v)))

enum { NOTE = 0x100, COMMENT = 0x140, LINE = 0x1a0, SYMTAB = 0x200, STRTAB = 0x380, SHSTR = 0x3c0, SHDRS = 0x440 };

static const char comment[] = "GCC: (Debian 12.2.0-14) 12.2.0\0Debian clang version 19.1.7 (3+b1)";
static const char strtab[] = "\0foo\0bar\0data\0undef\0alias";
static const char shstr[] = "\0.text\0.note.gnu.build-id\0.comment\0.debug_line\0.symtab\0.strtab\0.shstrtab";

static void phdr(int i, uint64_t type, uint64_t flags, uint64_t off, uint64_t vaddr, uint64_t size) {
    size_t at = 0x40 + (size_t)i * (is64 ? 56 : 32);
    wr(at, 4, type);
    W(24, 4, 4, 4, at, flags);
    W(4, 4, 8, 8, at, off);
    W(8, 4, 16, 8, at, vaddr);
    W(16, 4, 32, 8, at, size);
    W(20, 4, 40, 8, at, size);
    W(28, 4, 48, 8, at, 4);
}

static void sym(int i, uint64_t name, unsigned info, uint64_t shndx, uint64_t value, uint64_t size) {
    size_t at = SYMTAB + (size_t)i * (is64 ? 24 : 16);
    wr(at, 4, name);
    if (is64) {
        img[at + 4] = (unsigned char)info;
        wr(at + 6, 2, shndx);
        wr(at + 8, 8, value);
        wr(at + 16, 8, size);
    } else {
        wr(at + 4, 4, value);
        wr(at + 8, 4, size);
        img[at + 12] = (unsigned char)info;
        wr(at + 14, 2, shndx);
    }
}

static void shdr(int i, uint64_t name, uint64_t type, uint64_t off, uint64_t size, uint64_t link,
                 uint64_t entsize) {
    size_t at = SHDRS + (size_t)i * (is64 ? 64 : 40);
    wr(at, 4, name);
    wr(at + 4, 4, type);
    W(16, 4, 24, 8, at, off);
    W(20, 4, 32, 8, at, size);
    W(24, 4, 40, 4, at, link);
    W(32, 4, 48, 8, at, 4);
    W(36, 4, 56, 8, at, entsize);
}

/* Returns the size. WITH_SECTIONS 0: the build ID only in a PT_NOTE. */
static size_t build(int sixty_four, int big, int with_sections, int with_line) {
    is64 = sixty_four;
    msb = big;
    memset(img, 0, sizeof img);
    memcpy(img, "\177ELF", 4);
    img[4] = is64 ? 2 : 1;
    img[5] = msb ? 2 : 1;
    img[6] = 1;
    wr(16, 2, 3); /* ET_DYN */
    wr(18, 2, is64 ? 62 : 3);
    W(28, 4, 32, 8, 0, 0x40);                   /* e_phoff */
    W(32, 4, 40, 8, 0, with_sections ? SHDRS : 0); /* e_shoff */
    W(42, 2, 54, 2, 0, is64 ? 56 : 32);
    W(44, 2, 56, 2, 0, 3);
    W(46, 2, 58, 2, 0, is64 ? 64 : 40);
    W(48, 2, 60, 2, 0, with_sections ? 8 : 0);
    W(50, 2, 62, 2, 0, with_sections ? 7 : 0);
    phdr(0, 1, 4, 0, 0, 0x200);                /* PT_LOAD R */
    phdr(1, 1, 5, 0x5b0, 0x15b0, 0x200);       /* PT_LOAD R E, lld style */
    phdr(2, 4, 4, NOTE, NOTE, 36);             /* PT_NOTE */
    wr(NOTE, 4, 4);
    wr(NOTE + 4, 4, 20);
    wr(NOTE + 8, 4, 3);
    memcpy(img + NOTE + 12, "GNU", 4);
    for (int i = 0; i < 20; i++)
        img[NOTE + 16 + i] = (unsigned char)(0x10 + i);
    memcpy(img + COMMENT, comment, sizeof comment);
    memset(img + LINE, 0x42, 16);
    sym(0, 0, 0, 0, 0, 0);
    sym(1, 1, 0x12, 1, 0x1610, 0x20); /* foo: GLOBAL FUNC */
    sym(2, 5, 0x02, 1, 0x1640, 0);    /* bar: LOCAL FUNC, no size */
    sym(3, 9, 0x11, 1, 0x1650, 8);    /* data: OBJECT */
    sym(4, 14, 0x12, 0, 0x1700, 8);   /* undef: not defined here */
    sym(5, 20, 0x22, 1, 0x1610, 0x10); /* alias: WEAK FUNC at foo */
    sym(6, 1, 0x1a, 1, 0x1680, 0x10); /* an IFUNC */
    memcpy(img + STRTAB, strtab, sizeof strtab);
    memcpy(img + SHSTR, shstr, sizeof shstr);
    if (with_sections) {
        shdr(0, 0, 0, 0, 0, 0, 0);
        shdr(1, 1, 1, 0x5b0, 0x200, 0, 0);                 /* .text */
        shdr(2, 7, 7, NOTE, 36, 0, 0);                     /* .note.gnu.build-id */
        shdr(3, 26, 1, COMMENT, sizeof comment, 0, 1);     /* .comment */
        shdr(4, 35, with_line ? 1 : 8, LINE, 16, 0, 0);    /* .debug_line (NOBITS: stripped) */
        shdr(5, 47, 2, SYMTAB, 7 * (is64 ? 24 : 16), 6, is64 ? 24 : 16); /* .symtab */
        shdr(6, 55, 3, STRTAB, sizeof strtab, 0, 0);       /* .strtab */
        shdr(7, 63, 3, SHSTR, sizeof shstr, 0, 0);         /* .shstrtab */
        return SHDRS + 8 * (is64 ? 64 : 40);
    }
    return SHSTR + sizeof shstr;
}

static void check_full(const char *what, const struct elf_info *ei) {
    fprintf(stderr, "-- %s\n", what);
    CHECK_INT(ei->type, 3);
    CHECK_STR(ei->build_id, "101112131415161718191a1b1c1d1e1f20212223");
    CHECK_INT(ei->has_line_tables, 1);
    CHECK_STR(ei->clang_line, "Debian clang version 19.1.7 (3+b1)");
    CHECK_INT(ei->clang_major, 19);
    CHECK_INT(ei->has_base, 1);
    CHECK_INT(ei->base, 0x1000);
    CHECK_INT(ei->nloads, 2);
    CHECK_INT(ei->nfuncs, 3); /* foo (and its alias), bar, the IFUNC */
    uint64_t v = 0;
    CHECK_INT(elf_offset_to_vaddr(ei, 0x610, &v), 0);
    CHECK_INT(v, 0x1610);
    CHECK_INT(elf_offset_to_vaddr(ei, 0x100, &v), 0);
    CHECK_INT(v, 0x100);
    CHECK_INT(elf_offset_to_vaddr(ei, 0x900, &v), -1);
    CHECK_INT(elf_func_start(ei, 0x1610, &v), 0);
    CHECK_INT(v, 0x1610);
    CHECK_INT(elf_func_start(ei, 0x162f, &v), 0);
    CHECK_INT(v, 0x1610);
    CHECK_INT(elf_func_start(ei, 0x1630, &v), -1); /* between foo and bar */
    CHECK_INT(elf_func_start(ei, 0x167f, &v), 0);  /* bar has no size: up to the next */
    CHECK_INT(v, 0x1640);
    CHECK_INT(elf_func_start(ei, 0x1688, &v), 0);
    CHECK_INT(v, 0x1680);
    CHECK_INT(elf_func_start(ei, 0x1690, &v), -1);
    CHECK_INT(elf_func_start(ei, 0x100, &v), -1);
}

/* ---- this program --------------------------------------------------------- */

int main(void) {
    struct elf_info ei;
    struct sbuf why;
    sb_init(&why);

    for (int c = 0; c < 4; c++) {
        size_t n = build(c & 1, c >> 1, 1, 1);
        char what[64];
        snprintf(what, sizeof what, "ELF%d %s", c & 1 ? 64 : 32, c >> 1 ? "MSB" : "LSB");
        CHECK_INT(elf_parse(img, n, &ei, &why), 0);
        check_full(what, &ei);
        elf_info_free(&ei);
        /* Every truncation is read without a crash: a short header is an
         * error, a cut-off rest loses what is missing. */
        int ok = 1;
        for (size_t k = 0; k < n; k++) {
            sb_clear(&why);
            int rc = elf_parse(img, k, &ei, &why);
            if (k < (c & 1 ? 64u : 52u) && rc != -1)
                ok = 0;
            elf_info_free(&ei);
        }
        CHECK(ok);
    }

    /* Call instructions, read backwards from their return addresses, in
     * the executable segment (file 0x5b0.. at 0x15b0..), after the section
     * headers. */
    build(1, 0, 1, 1);
    size_t cn = sizeof img;
    static const struct {
        const char *bytes;
        size_t len;
        int call; /* 1: a call ends there */
    } calls[] = {
        {"\xe8\x10\x20\x30\x40", 5, 1},             /* call rel32 */
        {"\xff\xd0", 2, 1},                         /* call *%rax */
        {"\x41\xff\xd3", 3, 1},                     /* call *%r11 */
        {"\x3e\xff\xd0", 3, 1},                     /* notrack call *%rax */
        {"\xff\x50\x08", 3, 1},                     /* call *8(%rax) */
        {"\xff\x15\x00\x01\x00\x00", 6, 1},         /* call *0x100(%rip) */
        {"\xff\x14\xc5\x10\x20\x30\x40", 7, 1},     /* call *0x40302010(,%rax,8) */
        {"\x41\xff\x94\x24\x80\x00\x00\x00", 8, 1}, /* call *0x80(%r12) */
        {"\x48\x89\xc3", 3, 0},                     /* mov %rax,%rbx */
        {"\xff\xe0", 2, 0},                         /* jmp *%rax */
    };
    int calls_ok = 1;
    memset(img + 0x660, 0x90, 0x7b0 - 0x660); /* nop */
    for (size_t i = 0; i < sizeof calls / sizeof *calls; i++)
        memcpy(img + 0x680 + 0x20 * i, calls[i].bytes, calls[i].len);
    CHECK_INT(elf_parse(img, cn, &ei, &why), 0);
    CHECK_INT(ei.machine, 62);
    for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
        uint64_t ret = 0x1680 + 0x20 * i + calls[i].len, start = 0;
        int rc = elf_x86_call_start(&ei, ret, &start);
        if (calls[i].call ? rc != 0 || start != ret - calls[i].len : rc != -1) {
            fprintf(stderr, "call %zu: rc %d, start %#llx\n", i, rc, (unsigned long long)start);
            calls_ok = 0;
        }
    }
    CHECK(calls_ok);
    uint64_t cs;
    CHECK_INT(elf_x86_call_start(&ei, 0x15b1, &cs), -1); /* the segment's first byte */
    CHECK_INT(elf_x86_call_start(&ei, 0x9000, &cs), -1); /* no segment */
    elf_info_free(&ei);
    build(1, 0, 1, 1);
    img[18] = 183; /* aarch64: not read */
    CHECK_INT(elf_parse(img, cn, &ei, &why), 0);
    memcpy(img + 0x680, "\xe8\x10\x20\x30\x40", 5);
    CHECK_INT(elf_x86_call_start(&ei, 0x1685, &cs), -1);
    elf_info_free(&ei);

    /* No section headers (stripped to the bone): the build ID from the
     * PT_NOTE; no line tables, no compiler, no functions. */
    size_t n = build(1, 0, 0, 1);
    CHECK_INT(elf_parse(img, n, &ei, &why), 0);
    CHECK_STR(ei.build_id, "101112131415161718191a1b1c1d1e1f20212223");
    CHECK_INT(ei.has_line_tables, 0);
    CHECK_INT(ei.clang_major, -1);
    CHECK_INT(ei.nfuncs, 0);
    elf_info_free(&ei);

    /* .debug_line that is NOBITS (strip --only-keep-debug leaves that). */
    n = build(1, 0, 1, 0);
    CHECK_INT(elf_parse(img, n, &ei, &why), 0);
    CHECK_INT(ei.has_line_tables, 0);
    elf_info_free(&ei);

    /* Not ELF. */
    sb_clear(&why);
    CHECK_INT(elf_parse((const unsigned char *)"#!/bin/sh\necho hi\n", 18, &ei, &why), -1);
    CHECK_STR(sb_str(&why), "is not an ELF file");
    elf_info_free(&ei);
    sb_clear(&why);
    CHECK_INT(elf_read("/no/such/file", &ei, &why), -1);
    CHECK_STR(sb_str(&why), "cannot be read: No such file or directory");
    elf_info_free(&ei);

    /* .comment strings. */
    CHECK_INT(elf_clang_major("clang version 14.0.6"), 14);
    CHECK_INT(elf_clang_major("Debian clang version 19.1.7 (++20250114103320+cd708029e0b2-1~exp1~20250114103432.75)"),
              19);
    CHECK_INT(elf_clang_major("Ubuntu clang version 22.1.8"), 22);
    CHECK_INT(elf_clang_major("GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"), -1);
    CHECK_INT(elf_clang_major("clang version x"), -1);
    CHECK_INT(elf_clang_major("Linker: LLD 19.1.7"), -1);

    /* This test program: its functions are where the process runs them.
     * check_full's runtime address, through /proc/self/maps, is a file offset;
     * that offset's virtual address is the start of a function. */
    char *self = realpath("/proc/self/exe", NULL);
    CHECK(self != NULL);
    sb_clear(&why);
    CHECK_INT(elf_read(self, &ei, &why), 0);
    CHECK_INT(ei.has_line_tables, 1);
    CHECK(ei.build_id[0] != '\0');
    CHECK(ei.has_base);
    CHECK(ei.nfuncs > 10);
    FILE *maps = fopen("/proc/self/maps", "r");
    CHECK(maps != NULL);
    char line[4096];
    uintptr_t at = (uintptr_t)&check_full; /* implementation-defined, exact on ELF platforms */
    int found = 0;
    while (maps && fgets(line, sizeof line, maps)) {
        unsigned long long start, end, off;
        char perms[8], path[4096] = "";
        if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %4095s", &start, &end, perms, &off, path) < 4)
            continue;
        if (at < start || at >= end || strcmp(path, self) != 0)
            continue;
        uint64_t va, fstart;
        CHECK_INT(elf_offset_to_vaddr(&ei, at - start + off, &va), 0);
        CHECK_INT(elf_func_start(&ei, va, &fstart), 0);
        CHECK_INT(fstart, va);
        CHECK_INT(elf_func_start(&ei, va + 1, &fstart), 0);
        CHECK_INT(fstart, va);
        found = 1;
    }
    if (maps)
        fclose(maps);
    CHECK(found);
    elf_info_free(&ei);
    free(self);
    sb_free(&why);
    return test_done("elf_info");
}
