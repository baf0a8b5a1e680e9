/* SPDX-License-Identifier: MIT */
/* unsymbolized.c: samples of perf_script.c turned into llvm-profgen's
 * unsymbolized profile, for a PIE (base 0x1000, file offsets = virtual
 * addresses) and for a binary whose segments are not where their file
 * offsets say (non-PIE at 0x400000, and an lld-style gap). The expected
 * text was checked with llvm-profgen-14 and -22 on the real binaries. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "perf_script.h"
#include "test.h"
#include "unsymbolized.h"

static const char *bin = "/tmp/cx/prog";
static const char *libc = "/usr/lib/x86_64-linux-gnu/libc.so.6";

static void add(struct unsym *u, const struct elf_info *ei, const uint64_t *addrs, const char *const *dsos,
                size_t n) {
    struct ps_frame f[16];
    for (size_t i = 0; i < n; i++) {
        f[i].addr = addrs[i];
        f[i].dso = dsos[i];
    }
    us_add_sample(u, ei, bin, f, n);
}

int main(void) {
    /* The PIE of the test program: readelf -lW and nm -S. */
    struct elf_load pie_loads[] = {
        {0x0, 0x0, 0x718, 0x718, 0},
        {0x1000, 0x1000, 0x3d5, 0x3d5, 1},
        {0x2000, 0x2000, 0x18c, 0x18c, 0},
        {0x2dc0, 0x3dc0, 0x280, 0x288, 0},
    };
    struct elf_func pie_funcs[] = {
        {0x1060, 0x1086}, /* _start */
        {0x1160, 0x1286}, /* main */
        {0x1290, 0x12c9}, /* run */
        {0x12d0, 0x13b1}, /* hot_mix */
        {0x13c0, 0x13d5}, /* cold_mix */
    };
    struct elf_info pie;
    elf_info_init(&pie);
    pie.has_base = 1;
    pie.base = 0x1000;
    pie.loads = pie_loads;
    pie.nloads = 4;
    pie.funcs = pie_funcs;
    pie.nfuncs = 5;

    struct unsym u;
    us_init(&u);
    const char *d6[] = {bin, bin, bin, libc, libc, bin};
    uint64_t s1[] = {0x131a, 0x12b0, 0x1227, 0x27249, 0x27304, 0x1090};
    uint64_t s2[] = {0x1339, 0x12b0, 0x1227, 0x27249, 0x27304, 0x1090};
    uint64_t s3[] = {0x131a, 0x12b0, 0x1227};
    add(&u, &pie, s1, d6, 6);
    add(&u, &pie, s2, d6, 6);
    add(&u, &pie, s3, d6, 3);
    /* A sample in libc called from the binary: no range, and no branch
     * (the callee is not the binary's). */
    const char *d3[] = {libc, bin, bin};
    uint64_t s4[] = {0x99999, 0x1300, 0x12b0};
    add(&u, &pie, s4, d3, 3);
    /* A frame no segment maps, and no frames at all. */
    uint64_t s5[] = {0x9000};
    add(&u, &pie, s5, d6, 1);
    add(&u, &pie, s5, d6, 0);

    struct sbuf out;
    sb_init(&out);
    us_write(&u, &out);
    CHECK_STR(sb_str(&out), "2\n"
                            "31a-31a:2\n"
                            "339-339:1\n"
                            "2\n"
                            "227->290:3\n"
                            "2b0->2d0:4\n");
    CHECK_INT(u.samples, 4);
    CHECK_INT(u.other, 2);
    CHECK_INT(u.outside, 1);
    us_free(&u);

    /* For llvm-profgen 14: each call instruction a range, found from its
     * bytes (a direct call returning to 0x12b1, an indirect one to 0x1228;
     * none ends at 0x1091). */
    static unsigned char text[0x2000];
    memset(text, 0x90, sizeof text);
    memcpy(text + 0x12ac, "\xe8\x1f\x00\x00\x00", 5); /* call hot_op */
    memcpy(text + 0x1226, "\xff\xd0", 2);                /* call *%rax */
    pie.machine = 62;
    pie.image = text;
    pie.image_size = sizeof text;
    us_init(&u);
    u.call_ranges = 1;
    add(&u, &pie, s1, d6, 6);
    add(&u, &pie, s1, d6, 6);
    uint64_t s8[] = {0x1170, 0x1080}; /* _start "calls" main: no call ends there */
    add(&u, &pie, s8, d6, 2);
    sb_clear(&out);
    us_write(&u, &out);
    CHECK_STR(sb_str(&out), "4\n"
                            "170-170:1\n"
                            "226-227:2\n"
                            "2ac-2b0:2\n"
                            "31a-31a:2\n"
                            "3\n"
                            "80->160:1\n"
                            "227->290:2\n"
                            "2b0->2d0:2\n");
    CHECK_INT(u.calls.n, 3); /* each site looked at once */
    us_free(&u);
    pie.image = NULL;

    /* Non-PIE: text at 0x401000 from file offset 0x1000 (base 0x401000). */
    struct elf_load np_loads[] = {
        {0x0, 0x400000, 0x5b0, 0x5b0, 0},
        {0x1000, 0x401000, 0x3c5, 0x3c5, 1},
    };
    struct elf_func np_funcs[] = {{0x401280, 0x4012b9}, {0x4012c0, 0x4013a1}};
    struct elf_info np;
    elf_info_init(&np);
    np.has_base = 1;
    np.base = 0x401000;
    np.loads = np_loads;
    np.nloads = 2;
    np.funcs = np_funcs;
    np.nfuncs = 2;
    us_init(&u);
    uint64_t s6[] = {0x135c, 0x12a3, 0x1217};
    add(&u, &np, s6, d6, 3);
    sb_clear(&out);
    us_write(&u, &out);
    CHECK_STR(sb_str(&out), "1\n35c-35c:1\n2\n217->280:1\n2a3->2c0:1\n");
    us_free(&u);

    /* lld puts text at a virtual address one page past its file offset. */
    struct elf_load lld_loads[] = {
        {0x0, 0x0, 0x5b0, 0x5b0, 0},
        {0x5b0, 0x15b0, 0x200, 0x200, 1},
    };
    struct elf_func lld_funcs[] = {{0x1600, 0x1700}};
    struct elf_info lld;
    elf_info_init(&lld);
    lld.has_base = 1;
    lld.base = 0x1000;
    lld.loads = lld_loads;
    lld.nloads = 2;
    lld.funcs = lld_funcs;
    lld.nfuncs = 1;
    us_init(&u);
    uint64_t s7[] = {0x610, 0x5c0};
    add(&u, &lld, s7, d6, 2);
    sb_clear(&out);
    us_write(&u, &out);
    CHECK_STR(sb_str(&out), "1\n610-610:1\n1\n5c0->600:1\n");

    /* Many entries: the table grows and stays exact. */
    us_free(&u);
    us_init(&u);
    for (uint64_t i = 0; i < 100000; i++)
        us_add_range(&u, i % 5000, i % 5000, 1);
    us_add_branch(&u, 7, 9, 0); /* a zero count adds nothing */
    CHECK_INT(u.ranges.n, 5000);
    CHECK_INT(u.branches.n, 0);
    sb_clear(&out);
    us_write(&u, &out);
    CHECK(starts_with(sb_str(&out), "5000\n0-0:20\n1-1:20\n"));
    CHECK(ends_with(sb_str(&out), "1387-1387:20\n0\n"));
    us_free(&u);
    sb_free(&out);
    return test_done("unsymbolized");
}
