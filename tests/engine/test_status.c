/* SPDX-License-Identifier: MIT */
/* status: the parsers and the statistics of pgo status and pgo info. MD5
 * test vectors and NameRefs of real clang records; profile text (IR with
 * value data, bitmap bytes and temporal traces; sample, context-sensitive);
 * archives (GNU and BSD names, damaged); ELF files built here byte by byte
 * with 48- and 64-byte records, the raw version from a symbol or from
 * .comment, notes in sections and in PT_NOTE only; llvm-dis text of clang
 * 14 and 22; the match figures; the provenance note's round trip. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "ar_read.h"
#include "elf_walk.h"
#include "git_info.h"
#include "md5.h"
#include "prf_records.h"
#include "profile_funcs.h"
#include "provenance.h"
#include "status_match.h"
#include "test.h"

/* ---- MD5 ------------------------------------------------------------------ */

static void hex(const unsigned char *d, size_t n, char *out) {
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void test_md5(void) {
    static const struct {
        const char *in, *want;
    } rfc[] = {
        {"", "d41d8cd98f00b204e9800998ecf8427e"},
        {"a", "0cc175b9c0f1b6a831c399e269772661"},
        {"abc", "900150983cd24fb0d6963f7d28e17f72"},
        {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
        {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
        {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a"},
    };
    for (size_t i = 0; i < sizeof rfc / sizeof *rfc; i++) {
        unsigned char d[16];
        char h[33];
        md5(rfc[i].in, strlen(rfc[i].in), d);
        hex(d, 16, h);
        CHECK_STR(h, rfc[i].want);
    }
    /* 55, 56 and 64 bytes: the padding's edge cases (against md5sum). */
    char block[65];
    memset(block, 'x', 64);
    block[64] = '\0';
    unsigned char d[16];
    char h[33];
    md5(block, 55, d);
    hex(d, 16, h);
    CHECK_STR(h, "04364420e25c512fd958a70738aa8f72");
    md5(block, 56, d);
    hex(d, 16, h);
    CHECK_STR(h, "668a72d5ba17f08e62dabcafad6db14b");
    md5(block, 64, d);
    hex(d, 16, h);
    CHECK_STR(h, "c1bb4f81d892b2d57947682aeb252456");
    /* NameRefs of clang-14 records (readelf of a -fprofile-generate build). */
    CHECK(md5_name_ref("main", 4) == 0xdb956436e78dd5faULL);
    CHECK(md5_name_ref("bar", 3) == 0xe413754a191db537ULL);
}

/* ---- profile text --------------------------------------------------------- */

static void test_profile_text(void) {
    static const char ir[] = "# IR level Instrumentation Flag\n:ir\n:entry_first\n"
                             ":temporal_prof_traces\n# Num Temporal Profile Traces:\n1\n# Weight:\n1\nmain,bar,\n\n"
                             "bar\n# Func Hash:\n742261418966908927\n# Num Counters:\n1\n# Counter Values:\n0\n\n"
                             "main\n# Func Hash:\n37730075420668809\n# Num Counters:\n4\n# Counter Values:\n100\n1\n1\n34\n"
                             "# Num Value Kinds:\n1\n# ValueKind = IPVK_IndirectCallTarget:\n0\n# NumValueSites:\n1\n1\n"
                             "bar:7\n\n"
                             "./src/a.c:hot\n# Func Hash:\n5\n# Num Counters:\n2\n# Counter Values:\n18446744073709551615\n9\n"
                             "# Num Bitmap Bytes:\n$1\n# Bitmap Byte Values:\n0x1\n";
    struct pf_list l;
    pf_init(&l);
    struct sbuf why;
    sb_init(&why);
    CHECK_INT(pf_parse_instr_text(ir, sizeof ir - 1, &l, &why), 0);
    CHECK_INT(l.n, 3);
    if (l.n == 3) {
        CHECK_STR(l.v[0].name, "bar");
        CHECK(l.v[0].hash == 742261418966908927ULL);
        CHECK_INT(l.v[0].weight, 0);
        CHECK_STR(l.v[1].name, "main");
        CHECK(l.v[1].hash == 37730075420668809ULL);
        CHECK_INT(l.v[1].weight, 136);
        CHECK_STR(l.v[2].name, "./src/a.c:hot");
        CHECK(l.v[2].weight == UINT64_MAX); /* saturates */
    }
    pf_free(&l);
    static const char short_counts[] = ":ir\nf\n# Func Hash:\n1\n# Num Counters:\n3\n# Counter Values:\n1\n2\n";
    CHECK_INT(pf_parse_instr_text(short_counts, sizeof short_counts - 1, &l, &why), -1);
    CHECK_STR(sb_str(&why), "the text profile has fewer counters than it says for the function on line 2");
    pf_free(&l);
    sb_clear(&why);
    static const char no_hash[] = ":ir\nf\n# Func Hash:\nzz\n";
    CHECK_INT(pf_parse_instr_text(no_hash, sizeof no_hash - 1, &l, &why), -1);
    CHECK_STR(sb_str(&why), "the text profile has no hash or counter count for the function on line 2");
    pf_free(&l);
    sb_clear(&why);

    static const char sample[] = "main:1200:3\n 1: 10\n 2: 20 foo:10\n 3: bar:100\n  1: 50\n"
                                 "_ZL3fooi.__uniq.12345:700:0\n !CFGChecksum: 1\n"
                                 "[main:3 @ bar:1 @ baz]:55:5\n 1: 55\n[main:2 @ qux]:9:1\n";
    CHECK_INT(pf_parse_sample_text(sample, sizeof sample - 1, &l, &why), 0);
    CHECK_INT(l.n, 4);
    if (l.n == 4) {
        CHECK_STR(l.v[0].name, "main");
        CHECK_INT(l.v[0].weight, 1200);
        CHECK_STR(l.v[1].name, "_ZL3fooi.__uniq.12345");
        CHECK_INT(l.v[1].weight, 700);
        CHECK_STR(l.v[2].name, "baz");
        CHECK_INT(l.v[2].weight, 55);
        CHECK_STR(l.v[3].name, "qux");
        CHECK_INT(l.v[3].hash, 0);
    }
    pf_free(&l);
    static const char bad_sample[] = "main:12\n";
    CHECK_INT(pf_parse_sample_text(bad_sample, sizeof bad_sample - 1, &l, &why), -1);
    CHECK_STR(sb_str(&why), "the text sample profile's line 1 is not \"<function>:<samples>:<head samples>\"");
    pf_free(&l);
    sb_free(&why);
}

/* ---- archives ------------------------------------------------------------- */

static size_t ar_member(unsigned char *out, const char *name16, const char *data, size_t n) {
    char h[61];
    snprintf(h, sizeof h, "%-16s%-12s%-6s%-6s%-8s%-10zu`\n", name16, "0", "0", "0", "644", n);
    memcpy(out, h, 60);
    memcpy(out + 60, data, n);
    size_t len = 60 + n;
    if (n & 1)
        out[len++] = '\n';
    return len;
}

struct seen {
    char names[8][64];
    size_t sizes[8];
    int n;
};

static int note_member(void *ctx, const char *name, const unsigned char *data, size_t n) {
    struct seen *s = ctx;
    (void)data;
    if (s->n < 8) {
        snprintf(s->names[s->n], sizeof s->names[s->n], "%s", name);
        s->sizes[s->n++] = n;
    }
    return 0;
}

static void test_archive(void) {
    unsigned char a[2048];
    size_t n = 0;
    memcpy(a, "!<arch>\n", 8);
    n = 8;
    n += ar_member(a + n, "/", "\0\0\0\0", 4);                                /* symbol table */
    n += ar_member(a + n, "//", "a_rather_long_member_name.o/\n", 29);       /* long names */
    n += ar_member(a + n, "short.o/", "odd", 3);                             /* padded to even */
    n += ar_member(a + n, "/0", "long!", 5);
    n += ar_member(a + n, "#1/8", "bsd.o\0\0\0body", 12); /* BSD: the name follows */
    struct seen s = {0};
    struct sbuf why;
    sb_init(&why);
    CHECK(ar_is_archive(a, n));
    CHECK_INT(ar_each(a, n, note_member, &s, &why), 0);
    CHECK_INT(s.n, 3);
    CHECK_STR(s.names[0], "short.o");
    CHECK_INT(s.sizes[0], 3);
    CHECK_STR(s.names[1], "a_rather_long_member_name.o");
    CHECK_INT(s.sizes[1], 5);
    CHECK_STR(s.names[2], "bsd.o");
    CHECK_INT(s.sizes[2], 4);
    /* Every cut of it: damaged, never a read past the end. */
    for (size_t cut = 9; cut < n; cut++) {
        struct seen t = {0};
        sb_clear(&why);
        int rc = ar_each(a, cut, note_member, &t, &why);
        CHECK(rc == 0 || rc == -1);
        if (rc == -1)
            CHECK(strncmp(sb_str(&why), "is a damaged archive", 20) == 0);
    }
    sb_clear(&why);
    CHECK_INT(ar_each((const unsigned char *)"!<thin>\nxx", 10, note_member, &s, &why), -1);
    CHECK_STR(sb_str(&why), "is a thin archive (its members are other files)");
    sb_free(&why);
}

/* ---- ELF files ------------------------------------------------------------ */

static unsigned char img[0x1000];

static void w(size_t off, unsigned size, uint64_t v) {
    for (unsigned i = 0; i < size; i++)
        img[off + i] = (unsigned char)(v >> (8 * i));
}

struct sec {
    const char *name;
    uint32_t type;
    uint64_t addr;
    const void *data;
    size_t size;
    uint32_t link;
    uint64_t entsize;
    uint64_t align; /* 0: 8 */
};

/* An ELF64 little-endian file of TYPE with sections S (plus the null one
 * and .shstrtab); returns its size. */
static size_t build(int type, const struct sec *s, size_t ns) {
    memset(img, 0, sizeof img);
    memcpy(img, "\177ELF\2\1\1", 7);
    w(16, 2, (uint64_t)type);
    w(18, 2, 62);
    w(52, 2, 64);
    w(58, 2, 64);
    size_t at = 64;
    uint64_t offs[16];
    char shstr[512] = "";
    size_t shlen = 1, names[16];
    for (size_t i = 0; i < ns; i++) {
        at = (at + 7) & ~(size_t)7;
        offs[i] = at;
        memcpy(img + at, s[i].data, s[i].size);
        at += s[i].size;
        names[i] = shlen;
        memcpy(shstr + shlen, s[i].name, strlen(s[i].name) + 1);
        shlen += strlen(s[i].name) + 1;
    }
    size_t shstr_name = shlen;
    memcpy(shstr + shlen, ".shstrtab", 10);
    shlen += 10;
    size_t shstr_off = at;
    memcpy(img + at, shstr, shlen);
    at += shlen;
    at = (at + 7) & ~(size_t)7;
    w(40, 8, at);            /* e_shoff */
    w(60, 2, ns + 2);        /* e_shnum */
    w(62, 2, ns + 1);        /* e_shstrndx */
    size_t sh = at + 64;     /* section 0 is null */
    for (size_t i = 0; i < ns; i++, sh += 64) {
        w(sh, 4, names[i]);
        w(sh + 4, 4, s[i].type);
        w(sh + 16, 8, s[i].addr);
        w(sh + 24, 8, offs[i]);
        w(sh + 32, 8, s[i].size);
        w(sh + 40, 4, s[i].link);
        w(sh + 48, 8, s[i].align ? s[i].align : 8);
        w(sh + 56, 8, s[i].entsize);
    }
    w(sh, 4, shstr_name);
    w(sh + 4, 4, 3);
    w(sh + 24, 8, shstr_off);
    w(sh + 32, 8, shlen);
    return sh + 64;
}

static void record(unsigned char *r, size_t size, uint64_t ref, uint64_t hash, uint32_t counters) {
    memset(r, 0, size);
    for (int i = 0; i < 8; i++) {
        r[i] = (unsigned char)(ref >> (8 * i));
        r[8 + i] = (unsigned char)(hash >> (8 * i));
    }
    size_t at = size == 48 ? 40 : 48;
    for (int i = 0; i < 4; i++)
        r[at + i] = (unsigned char)(counters >> (8 * i));
}

/* .symtab with one symbol __llvm_profile_raw_version in section SHNDX at
 * VALUE, and its .strtab. */
static void version_symbol(unsigned char *sym, char *str, size_t *strlen_out, uint16_t shndx, uint64_t value) {
    static const char names[] = "\0__llvm_profile_raw_version";
    memcpy(str, names, sizeof names);
    *strlen_out = sizeof names;
    memset(sym, 0, 48);
    unsigned char *e = sym + 24;
    e[0] = 1;          /* st_name */
    e[4] = 0x11;       /* GLOBAL OBJECT */
    e[6] = (unsigned char)shndx;
    for (int i = 0; i < 8; i++)
        e[8 + i] = (unsigned char)(value >> (8 * i));
    e[16] = 8;
}

static void test_elf_records(void) {
    struct prf_table t;
    struct sbuf why;
    sb_init(&why);
    CHECK_INT(prf_record_size(8), 48);
    CHECK_INT(prf_record_size(5), 48);
    CHECK_INT(prf_record_size(9), 64);
    CHECK_INT(prf_record_size(10), 64);
    CHECK_INT(prf_record_size(11), 0);
    CHECK_INT(prf_record_size(4), 0);

    /* Raw version 10 from the symbol (an executable: value is an address). */
    for (int version = 8; version <= 10; version += 2) {
        size_t rs = version == 8 ? 48 : 64;
        unsigned char data[128], ver[8] = {0}, sym[48];
        char str[64];
        size_t slen;
        record(data, rs, 0x1111, 0xaaaa, 1);
        record(data + rs, rs, 0x2222, 0xbbbb, 3);
        ver[0] = (unsigned char)version;
        ver[7] = 0x01; /* the IR flag, in the top byte */
        version_symbol(sym, str, &slen, 2, 0x5000);
        struct sec s[] = {
            {"__llvm_prf_data", 1, 0x4000, data, 2 * rs, 0, 0, 0},
            {".rodata", 1, 0x5000, ver, 8, 0, 0, 0},
            {".symtab", 2, 0, sym, 48, 4, 24, 0},
            {".strtab", 3, 0, str, slen, 0, 0, 0},
        };
        size_t n = build(2, s, 4);
        prf_init(&t);
        sb_clear(&why);
        CHECK_INT(prf_elf_records(img, n, &t, &why), 2);
        CHECK_STR(sb_str(&why), "");
        prf_finish(&t);
        CHECK_INT(prf_lookup(&t, 0x2222, 0xbbbb, 0), PRF_SAME);
        CHECK_INT(prf_lookup(&t, 0x2222, 0xbbbc, 0), PRF_CHANGED);
        CHECK_INT(prf_lookup(&t, 0x2222, 0xbbbc, 1), PRF_SAME);
        CHECK_INT(prf_lookup(&t, 0x3333, 0xbbbb, 0), PRF_ABSENT);
        prf_free(&t);
        /* The other size's reading fails loudly, never silently. */
        ver[0] = (unsigned char)(version == 8 ? 10 : 8);
        s[1].data = ver;
        n = build(2, s, 4);
        prf_init(&t);
        sb_clear(&why);
        long got = prf_elf_records(img, n, &t, &why);
        CHECK_INT(got, -1);
        prf_free(&t);
    }

    /* No symbol: the clang of .comment (16 and older: 48 bytes). */
    {
        unsigned char data[96];
        record(data, 48, 7, 70, 2);
        record(data + 48, 48, 8, 80, 2);
        static const char comment[] = "GCC: (Debian 12.2.0-14) 12.2.0\0Debian clang version 14.0.6";
        struct sec s[] = {{"__llvm_prf_data", 1, 0, data, 96, 0, 0, 0}, {".comment", 1, 0, comment, sizeof comment, 0, 1, 0}};
        size_t n = build(1, s, 2);
        prf_init(&t);
        sb_clear(&why);
        CHECK_INT(prf_elf_records(img, n, &t, &why), 2);
        prf_free(&t);
        static const char comment22[] = "Ubuntu clang version 22.1.8";
        s[1].data = comment22;
        s[1].size = sizeof comment22;
        n = build(1, s, 2);
        prf_init(&t);
        sb_clear(&why);
        CHECK_INT(prf_elf_records(img, n, &t, &why), -1);
        CHECK_STR(sb_str(&why), "has a __llvm_prf_data section of 96 bytes, not a whole number of 64-byte records");
        prf_free(&t);
        /* Neither: no format to read the records by. */
        n = build(1, s, 1);
        prf_init(&t);
        sb_clear(&why);
        CHECK_INT(prf_elf_records(img, n, &t, &why), -1);
        CHECK_STR(sb_str(&why), "holds profile records but names no raw profile format (no __llvm_profile_raw_version, "
                                "no clang in .comment)");
        prf_free(&t);
    }
    /* Two sections (a relocatable object: one per function) and none at all. */
    {
        unsigned char d1[48], d2[48];
        record(d1, 48, 1, 10, 1);
        record(d2, 48, 2, 20, 1);
        static const char comment[] = "clang version 15.0.7";
        struct sec s[] = {{"__llvm_prf_data", 1, 0, d1, 48, 0, 0, 0},
                          {"__llvm_prf_data", 1, 0, d2, 48, 0, 0, 0},
                          {".comment", 1, 0, comment, sizeof comment, 0, 1, 0}};
        size_t n = build(1, s, 3);
        prf_init(&t);
        CHECK_INT(prf_elf_records(img, n, &t, &why), 2);
        prf_free(&t);
        struct sec none[] = {{".comment", 1, 0, comment, sizeof comment, 0, 1, 0}};
        n = build(2, none, 1);
        prf_init(&t);
        CHECK_INT(prf_elf_records(img, n, &t, &why), 0);
        prf_free(&t);
    }
    /* Zero counters: not records of this size. */
    {
        unsigned char d[48];
        record(d, 48, 1, 10, 0);
        static const char comment[] = "clang version 14.0.6";
        struct sec s[] = {{"__llvm_prf_data", 1, 0, d, 48, 0, 0, 0}, {".comment", 1, 0, comment, sizeof comment, 0, 1, 0}};
        size_t n = build(1, s, 2);
        prf_init(&t);
        sb_clear(&why);
        CHECK_INT(prf_elf_records(img, n, &t, &why), -1);
        CHECK_STR(sb_str(&why), "holds profile records that do not read as 48-byte records");
        prf_free(&t);
    }
    /* Not ELF, 32-bit, every truncation of a good file. */
    prf_init(&t);
    sb_clear(&why);
    CHECK_INT(prf_elf_records((const unsigned char *)"hello, world, hello", 19, &t, &why), -1);
    CHECK_STR(sb_str(&why), "is not an ELF file");
    unsigned char e32[64] = {0x7f, 'E', 'L', 'F', 1, 1, 1};
    sb_clear(&why);
    CHECK_INT(prf_elf_records(e32, sizeof e32, &t, &why), -1);
    CHECK_STR(sb_str(&why), "is a 32-bit ELF file, which pgo status does not read");
    {
        unsigned char d[96];
        record(d, 48, 1, 10, 1);
        record(d + 48, 48, 2, 20, 1);
        static const char comment[] = "clang version 14.0.6";
        struct sec s[] = {{"__llvm_prf_data", 1, 0, d, 96, 0, 0, 0}, {".comment", 1, 0, comment, sizeof comment, 0, 1, 0}};
        size_t n = build(2, s, 2);
        unsigned char *copy = malloc(n);
        memcpy(copy, img, n);
        for (size_t cut = 0; cut < n; cut++) {
            struct prf_table u;
            prf_init(&u);
            sb_clear(&why);
            long k = prf_elf_records(copy, cut, &u, &why);
            CHECK(k >= -1 && k <= 2);
            prf_free(&u);
        }
        free(copy);
    }
    prf_free(&t);

    /* Function symbols, for sample profiles: ThinLTO's .llvm.<n> removed. */
    {
        static const char str[] = "\0main\0_ZL3fooi.__uniq.99.llvm.12345\0data\0undef\0x.llvm.notdigits";
        unsigned char sym[6 * 24] = {0};
        struct {
            unsigned name, info, shndx;
        } syms[] = {{1, 0x12, 1}, {6, 0x02, 1}, {36, 0x11, 1}, {41, 0x12, 0}, {47, 0x12, 1}};
        for (int i = 0; i < 5; i++) {
            unsigned char *e = sym + 24 * (i + 1);
            e[0] = (unsigned char)syms[i].name;
            e[4] = (unsigned char)syms[i].info;
            e[6] = (unsigned char)syms[i].shndx;
            e[8] = 0x10;
        }
        static const char text[16] = {0};
        struct sec s[] = {{".text", 1, 0, text, 16, 0, 0, 0}, {".symtab", 2, 0, sym, sizeof sym, 3, 24, 0},
                          {".strtab", 3, 0, str, sizeof str, 0, 0, 0}};
        size_t n = build(2, s, 3);
        prf_init(&t);
        CHECK_INT(prf_elf_functions(img, n, &t, &why), 3);
        prf_finish(&t);
        CHECK_INT(prf_lookup(&t, md5_name_ref("main", 4), 0, 1), PRF_SAME);
        CHECK_INT(prf_lookup(&t, md5_name_ref("_ZL3fooi.__uniq.99", 18), 0, 1), PRF_SAME);
        CHECK_INT(prf_lookup(&t, md5_name_ref("x.llvm.notdigits", 16), 0, 1), PRF_SAME);
        CHECK_INT(prf_lookup(&t, md5_name_ref("undef", 5), 0, 1), PRF_ABSENT);
        prf_free(&t);
    }
    sb_free(&why);
}

/* ---- notes ---------------------------------------------------------------- */

struct found {
    int n;
    char text[256];
};

static int take_note(void *ctx, const char *name, size_t namesz, uint32_t type, const unsigned char *desc,
                     size_t descsz) {
    struct found *f = ctx;
    if (type != PV_NOTE_TYPE || namesz != 4 || memcmp(name, "PGO", 4) != 0)
        return 0;
    struct kv kv;
    kv_init(&kv);
    if (pv_decode(desc, descsz, &kv) == 0) {
        snprintf(f->text, sizeof f->text, "%s|%s|%s", kv_str(&kv, "profile"), kv_str(&kv, "hash"), kv_str(&kv, "kind"));
        f->n++;
    }
    kv_free(&kv);
    return 0;
}

static void test_notes(void) {
    /* The descriptor of a record, padded as the note source pads it. */
    struct kv rec;
    kv_init(&rec);
    kv_add(&rec, "record", "provenance 1");
    kv_add(&rec, "profile", "sub dir/default.profdata");
    kv_add(&rec, "hash", "15ad30869603ccaf");
    kv_add(&rec, "kind", "ir");
    struct sbuf desc;
    sb_init(&desc);
    kv_encode(&rec, &desc);
    unsigned char note[256] = {0};
    size_t padded = (desc.n + 3) & ~(size_t)3;
    note[0] = 4;
    note[4] = (unsigned char)padded;
    note[8] = PV_NOTE_TYPE;
    memcpy(note + 12, "PGO", 4);
    memcpy(note + 16, desc.p, desc.n);
    size_t nlen = 16 + padded;
    /* A GNU note first: skipped. */
    unsigned char both[300] = {0};
    both[0] = 4;
    both[4] = 4;
    both[8] = 3;
    memcpy(both + 12, "GNU", 4);
    memcpy(both + 20, note, nlen);
    struct sec s[] = {{".note.pgo", 7, 0x300, both, 20 + nlen, 0, 0, 4}};
    size_t n = build(3, s, 1);
    struct ew_elf e;
    struct sbuf why;
    sb_init(&why);
    CHECK_INT(ew_open(&e, img, n, &why), 0);
    struct found f = {0};
    ew_notes(&e, take_note, &f);
    CHECK_INT(f.n, 1);
    CHECK_STR(f.text, "sub dir/default.profdata|15ad30869603ccaf|ir");

    /* No section headers (as sstrip leaves a file): the PT_NOTE segment. */
    memset(img, 0, sizeof img);
    memcpy(img, "\177ELF\2\1\1", 7);
    w(16, 2, 2);
    w(32, 8, 64); /* e_phoff */
    w(54, 2, 56);
    w(56, 2, 1);
    w(64, 4, 4);        /* PT_NOTE */
    w(64 + 8, 8, 0x100); /* p_offset */
    w(64 + 32, 8, nlen);
    w(64 + 48, 8, 4);
    memcpy(img + 0x100, note, nlen);
    CHECK_INT(ew_open(&e, img, 0x100 + nlen, &why), 0);
    struct found g = {0};
    ew_notes(&e, take_note, &g);
    CHECK_INT(g.n, 1);
    /* Cut notes: nothing read past the end. */
    for (size_t cut = 0x100; cut < 0x100 + nlen; cut++) {
        struct found h = {0};
        if (ew_open(&e, img, cut, &why) == 0)
            ew_notes(&e, take_note, &h);
        CHECK_INT(h.n, 0);
    }

    /* The source: one retained, COMDAT note section per record. */
    struct sbuf src;
    sb_init(&src);
    pv_source(desc.p, desc.n, &src);
    CHECK(strstr(sb_str(&src), ".pushsection .note.pgo,\\\"aGR\\\",%note,pgo.note.") != NULL);
    CHECK(strstr(sb_str(&src), ".byte 0x50,0x47,0x4f,0x00") != NULL);
    char want[64];
    snprintf(want, sizeof want, ".long 4\\n.long %zu\\n.long 1\\n", padded);
    CHECK(strstr(sb_str(&src), want) != NULL);
    sb_free(&src);
    /* A descriptor with a NUL inside, or cut mid-line, is no record. */
    struct kv bad;
    kv_init(&bad);
    CHECK_INT(pv_decode((const unsigned char *)"a=1\0b=2\n", 8, &bad), -1);
    CHECK_INT(pv_decode((const unsigned char *)"a=1\nb=2", 7, &bad), -1);
    CHECK_INT(pv_decode((const unsigned char *)"a=1\n\0\0\0", 7, &bad), 0);
    CHECK_STR(kv_str(&bad, "a"), "1");
    kv_free(&bad);
    kv_free(&rec);
    sb_free(&desc);
    sb_free(&why);
}

/* ---- llvm-dis text -------------------------------------------------------- */

static void test_ir_text(void) {
    static const char ir14[] =
        "@__profc_vm_init = private global [1 x i64] zeroinitializer, section \"__llvm_prf_cnts\"\n"
        "@__profd_vm_init = private global { i64, i64, i64, i8*, i8*, i32, [2 x i16] } { i64 7641774699198174596, "
        "i64 742261418966908927, i64 sub (i64 ptrtoint ([1 x i64]* @__profc_vm_init to i64), i64 0), i8* null, "
        "i8* null, i32 1, [2 x i16] zeroinitializer }, section \"__llvm_prf_data\", align 8\n"
        "define dso_local void @vm_init(%struct.vm* %0) #0 {\n"
        "define internal i32 @\"odd\\22name\"(i32 %0) {\n"
        "declare i32 @printf(i8*, ...)\n";
    static const char ir22[] =
        "@__profd_main = private global { i64, i64, i64, i64, ptr, ptr, i32, [3 x i16], i32 } { i64 "
        "-2624081020897602054, i64 37730075420668809, i64 sub (i64 ptrtoint (ptr @__profc_main to i64), i64 0), i64 0, "
        "ptr @main, ptr null, i32 4, [3 x i16] zeroinitializer, i32 0 }, section \"__llvm_prf_data\", align 8\n"
        "@__profd_broken = private global { i64 } zeroinitializer\n"
        "define internal i32 @foo.__uniq.77.llvm.4242(i32 %0) {\n";
    struct prf_table t;
    prf_init(&t);
    CHECK_INT(prf_ir_records(ir14, sizeof ir14 - 1, &t), 1);
    CHECK_INT(prf_ir_records(ir22, sizeof ir22 - 1, &t), 1);
    prf_finish(&t);
    CHECK_INT(prf_lookup(&t, 7641774699198174596ULL, 742261418966908927ULL, 0), PRF_SAME);
    CHECK_INT(prf_lookup(&t, (uint64_t)-2624081020897602054LL, 37730075420668809ULL, 0), PRF_SAME);
    /* The record of "main" clang-22 wrote is the MD5 of its name. */
    CHECK(md5_name_ref("main", 4) == (uint64_t)-2624081020897602054LL);
    prf_free(&t);
    prf_init(&t);
    CHECK_INT(prf_ir_functions(ir14, sizeof ir14 - 1, &t), 2);
    CHECK_INT(prf_ir_functions(ir22, sizeof ir22 - 1, &t), 1);
    prf_finish(&t);
    CHECK_INT(prf_lookup(&t, md5_name_ref("vm_init", 7), 0, 1), PRF_SAME);
    CHECK_INT(prf_lookup(&t, md5_name_ref("odd\"name", 8), 0, 1), PRF_SAME);
    CHECK_INT(prf_lookup(&t, md5_name_ref("foo.__uniq.77", 13), 0, 1), PRF_SAME);
    CHECK_INT(prf_lookup(&t, md5_name_ref("printf", 6), 0, 1), PRF_ABSENT);
    prf_free(&t);
    CHECK(prf_is_bitcode((const unsigned char *)"BC\xc0\xde", 4));
    CHECK(prf_is_bitcode((const unsigned char *)"\xde\xc0\x17\x0b", 4));
    CHECK(!prf_is_bitcode((const unsigned char *)"\177ELF", 4));
}

/* ---- the match ------------------------------------------------------------ */

static void test_match(void) {
    /* A program (app) linking a library (lib): f1 f2 in lib, m in app.
     * Today f1 is unchanged, f2 was edited, g was renamed away, m is
     * unchanged; app also has a new function. */
    struct pf_list p;
    pf_init(&p);
    pf_add(&p, "f1", 2, 11, 500);
    pf_add(&p, "f2", 2, 22, 300);
    pf_add(&p, "g", 1, 33, 150);
    pf_add(&p, "m", 1, 44, 50);
    pf_add(&p, "cold", 4, 55, 0);
    uint64_t refs[5];
    for (size_t i = 0; i < p.n; i++)
        refs[i] = md5_name_ref(p.v[i].name, strlen(p.v[i].name));
    struct prf_table lib, app;
    prf_init(&lib);
    prf_init(&app);
    prf_add(&lib, refs[0], 11);
    prf_add(&lib, refs[1], 99);
    prf_add(&lib, refs[4], 55);
    prf_add_all(&app, &lib);
    prf_add(&app, refs[3], 44);
    prf_add(&app, md5_name_ref("new", 3), 1);
    prf_finish(&lib);
    prf_finish(&app);
    struct sm_target t[2] = {{"app", &app, 0, 0, 0, 0}, {"lib", &lib, 0, 0, 0, 0}};
    struct sm_result r;
    sm_compute(&p, refs, 0, t, 2, &r);
    CHECK_INT(r.profile_functions, 5);
    CHECK_INT(r.code_functions, 5);
    CHECK_INT(r.matching, 3);
    CHECK_INT(r.weight, 1000);
    CHECK_INT(r.matched, 550);
    CHECK_INT(sm_tenths(r.matched, r.weight, r.matching, r.profile_functions), 550);
    CHECK_INT(r.nstale, 2);
    if (r.nstale == 2) {
        CHECK_STR(r.stale[0].name, "f2");
        CHECK_INT(r.stale[0].reason, SM_CHANGED);
        CHECK_STR(r.stale[1].name, "g");
        CHECK_INT(r.stale[1].reason, SM_MISSING);
    }
    /* app has all; lib has f1 f2 cold, and g (missing) is charged to both. */
    CHECK_INT(t[0].functions, 5);
    CHECK_INT(t[0].matching, 3);
    CHECK_INT(t[0].weight, 1000);
    CHECK_INT(t[0].matched, 550);
    CHECK_INT(t[1].functions, 3);
    CHECK_INT(t[1].matching, 2);
    CHECK_INT(t[1].weight, 950);
    CHECK_INT(t[1].matched, 500);
    sm_result_free(&r);
    /* By name only: the edited f2 matches. */
    sm_compute(&p, refs, 1, t, 2, &r);
    CHECK_INT(r.matched, 850);
    CHECK_INT(r.nstale, 1);
    sm_result_free(&r);
    /* Fresh code: 100.0 exactly. */
    struct prf_table fresh;
    prf_init(&fresh);
    for (size_t i = 0; i < p.n; i++)
        prf_add(&fresh, refs[i], p.v[i].hash);
    prf_finish(&fresh);
    struct sm_target one = {"app", &fresh, 0, 0, 0, 0};
    sm_compute(&p, refs, 0, &one, 1, &r);
    CHECK_INT(sm_tenths(r.matched, r.weight, r.matching, r.profile_functions), 1000);
    CHECK_INT(r.nstale, 0);
    sm_result_free(&r);
    /* Ties in weight: by name. */
    struct pf_list q;
    pf_init(&q);
    pf_add(&q, "b", 1, 1, 7);
    pf_add(&q, "a", 1, 1, 7);
    uint64_t qrefs[2] = {1, 2};
    struct prf_table empty;
    prf_init(&empty);
    struct sm_target none = {"x", &empty, 0, 0, 0, 0};
    sm_compute(&q, qrefs, 0, &none, 1, &r);
    CHECK_INT(r.nstale, 2);
    if (r.nstale == 2)
        CHECK_STR(r.stale[0].name, "a");
    CHECK_INT(sm_tenths(r.matched, r.weight, r.matching, r.profile_functions), 0);
    sm_result_free(&r);
    pf_free(&q);

    /* Rounding down to a tenth; a weight of 0 counts functions. */
    CHECK_INT(sm_tenths(2, 3, 0, 0), 666);
    CHECK_INT(sm_tenths(999999, 1000000, 0, 0), 999);
    CHECK_INT(sm_tenths(573, 1000, 0, 0), 573);
    CHECK_INT(sm_tenths(UINT64_MAX, UINT64_MAX, 0, 0), 1000);
    CHECK_INT(sm_tenths(UINT64_MAX / 2, UINT64_MAX, 0, 0), 499);
    CHECK_INT(sm_tenths(0, 0, 1, 4), 250);
    CHECK_INT(sm_tenths(0, 0, 0, 0), 1000);
    CHECK(sm_below(799, 1000, 0, 0, 80));
    CHECK(!sm_below(800, 1000, 0, 0, 80));
    CHECK(sm_below(7999, 10000, 0, 0, 80));
    CHECK(!sm_below(625, 1000, 0, 0, 62.5));
    CHECK(sm_below(0, 0, 1, 2, 60));
    CHECK(!sm_below(0, 0, 0, 0, 100));

    prf_free(&fresh);
    prf_free(&empty);
    prf_free(&lib);
    prf_free(&app);
    pf_free(&p);
}

static void test_git_line(void) {
    struct git_info gi;
    memset(&gi, 0, sizeof gi);
    CHECK_INT(git_parse_log_line("80eed67\t2026-11-29\n", &gi), 0);
    CHECK_STR(gi.commit, "80eed67");
    CHECK_STR(gi.date, "2026-11-29");
    CHECK_INT(git_parse_log_line("", &gi), -1);
    CHECK_INT(git_parse_log_line("\t2026-11-29\n", &gi), -1);
    CHECK_INT(git_parse_log_line("abc\t\n", &gi), -1);
}

int main(void) {
    test_md5();
    test_profile_text();
    test_archive();
    test_elf_records();
    test_notes();
    test_ir_text();
    test_match();
    test_git_line();
    return test_done("status");
}
