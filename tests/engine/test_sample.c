/* SPDX-License-Identifier: MIT */
/* Sample profiles in profile_header.c and llvm_tool.c: the magic of each
 * format, text sample profiles told from text instrumentation profiles,
 * the extbinary section table and the binary summary, pc_kind, and the
 * count of top-level functions in `show --sample` output. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdlib.h>

#include "llvm_tool.h"
#include "profile_copy.h"
#include "profile_header.h"
#include "test.h"

static void put64(unsigned char *p, uint64_t v) {
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* The ULEB128 encoding of SPMagic(FORMAT) and version 103: 10 bytes. */
static void magic(unsigned char *p, unsigned format) {
    uint64_t v = (uint64_t)'S' << 56 | (uint64_t)'P' << 48 | (uint64_t)'R' << 40 | (uint64_t)'O' << 32 |
                 (uint64_t)'F' << 24 | (uint64_t)'4' << 16 | (uint64_t)'2' << 8 | format;
    int i = 0;
    do {
        unsigned char b = v & 0x7f;
        v >>= 7;
        p[i++] = (unsigned char)(v ? b | 0x80 : b);
    } while (v);
    p[i] = 103;
}

/* An extbinary header with the sections {offset, size}[N]. Returns the
 * header size (10 + 8 + 32 * N). */
static size_t ext_header(unsigned char *buf, const uint64_t (*sec)[2], size_t n) {
    magic(buf, 4);
    put64(buf + 10, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char *e = buf + 18 + 32 * i;
        put64(e, i + 1);
        put64(e + 8, 0);
        put64(e + 16, sec[i][0]);
        put64(e + 24, sec[i][1]);
    }
    return 18 + 32 * n;
}

static enum ph_status check(const unsigned char *buf, size_t size, struct ph_info *info, struct sbuf *reason) {
    struct ph_mem m = {buf, size};
    sb_clear(reason);
    return ph_check(size, ph_read_mem, &m, info, reason);
}

static enum ph_kind classify_str(const char *s) { return ph_classify((const unsigned char *)s, strlen(s)); }

int main(void) {
    struct sbuf reason;
    sb_init(&reason);
    struct ph_info info;
    unsigned char buf[1024];

    /* The magic bytes of each format, as llvm-profdata 14 and 22 write them. */
    const unsigned char ext[] = {0x84, 0xe4, 0xd0, 0xb1, 0xf4, 0xc9, 0x94, 0xa8, 0x53, 0x67};
    const unsigned char bin[] = {0xff, 0xe5, 0xd0, 0xb1, 0xf4, 0xc9, 0x94, 0xa8, 0x53, 0x67};
    const unsigned char compact[] = {0x82, 0xe4, 0xd0, 0xb1, 0xf4, 0xc9, 0x94, 0xa8, 0x53, 0x67};
    magic(buf, 4);
    CHECK(memcmp(buf, ext, sizeof ext) == 0);
    magic(buf, 0xff);
    CHECK(memcmp(buf, bin, sizeof bin) == 0);
    magic(buf, 2);
    CHECK(memcmp(buf, compact, sizeof compact) == 0);
    CHECK_INT(ph_classify(ext, sizeof ext), PH_SAMPLE);
    CHECK_INT(ph_sample_format(ext, sizeof ext), PH_SF_EXTBINARY);
    CHECK_INT(ph_sample_format(bin, sizeof bin), PH_SF_BINARY);
    CHECK_INT(ph_sample_format(compact, sizeof compact), PH_SF_COMPACT);
    CHECK_INT(ph_sample_format(ext, 8), PH_SF_EXTBINARY);
    CHECK_INT(ph_sample_format(ext, 7), PH_SF_NONE);
    magic(buf, 0x03); /* SPF_GCC is never written as a binary magic */
    CHECK_INT(ph_sample_format(buf, 10), PH_SF_OTHER);
    CHECK_INT(ph_classify(buf, 10), PH_SAMPLE);
    buf[1] = 0x11; /* not e4/e5 */
    CHECK_INT(ph_sample_format(buf, 10), PH_SF_NONE);
    CHECK_INT(ph_classify(buf, 10), PH_BAD_MAGIC);
    CHECK_STR(ph_sample_format_name(PH_SF_EXTBINARY), "extbinary");
    CHECK_STR(ph_sample_format_name(PH_SF_BINARY), "binary");
    CHECK_STR(ph_sample_format_name(PH_SF_COMPACT), "compbinary");
    CHECK_STR(ph_sample_format_name(PH_SF_GCC), "gcc");
    CHECK_STR(ph_sample_format_name(PH_SF_TEXT), "text");
    CHECK_STR(ph_sample_format_name(PH_SF_NONE), "");
    CHECK_STR(ph_kind_reason(PH_SAMPLE), "");

    /* GCC: AutoFDO "adcg*704" and a NUL is a sample profile; a .gcda
     * (gcc 12: "adcg*22B") stays a .gcda. */
    CHECK_INT(ph_classify((const unsigned char *)"adcg*704\0\0\0\0", 12), PH_SAMPLE);
    CHECK_INT(ph_sample_format((const unsigned char *)"adcg*704\0\0\0\0", 12), PH_SF_GCC);
    CHECK_INT(ph_classify((const unsigned char *)"adcg*22B\xa1\x24", 10), PH_GCDA);
    CHECK_INT(ph_classify((const unsigned char *)"adcg*7045", 9), PH_GCDA);

    /* Text sample profiles: the first line that is not blank or a "#"
     * comment is "<name>:<n>:<n>". */
    CHECK_INT(classify_str("main:100:1\n 1: 50\n"), PH_SAMPLE_TEXT);
    CHECK_INT(classify_str("main:100:1"), PH_SAMPLE_TEXT);
    CHECK_INT(classify_str("main:100:1\r\n 1: 50\r\n"), PH_SAMPLE_TEXT);
    CHECK_INT(classify_str("\n\n# a comment: 1:2\nmain:100:1\n"), PH_SAMPLE_TEXT);
    CHECK_INT(classify_str("_ZL2sqi.__uniq.28611233055845225344246277012334318743:5000:1000\n 0: 1000\n"),
              PH_SAMPLE_TEXT);
    CHECK_INT(classify_str("[main:1 @ foo]:100:1\n"), PH_SAMPLE_TEXT);
    CHECK_INT(classify_str("a.c:sq:100:1\n"), PH_SAMPLE_TEXT);
    CHECK_INT(ph_sample_format((const unsigned char *)"main:100:1\n", 11), PH_SF_TEXT);
    /* ... and not text instrumentation profiles, nor other text. */
    CHECK_INT(classify_str(":ir\nmain\n123\n"), PH_TEXT);
    CHECK_INT(classify_str("# IR level Instrumentation Flag\n:ir\nmain\n"), PH_TEXT);
    CHECK_INT(classify_str("# comment\n"), PH_TEXT);
    CHECK_INT(classify_str(" main:100:1\n"), PH_BAD_MAGIC);
    CHECK_INT(classify_str("main:100\n"), PH_BAD_MAGIC);
    CHECK_INT(classify_str(":100:1\n"), PH_BAD_MAGIC);
    CHECK_INT(classify_str("main:100:1 \n"), PH_BAD_MAGIC);
    CHECK_INT(classify_str("main:x:1\n"), PH_BAD_MAGIC);
    CHECK_INT(classify_str("prog.c:sq\n0x1234\n"), PH_BAD_MAGIC);
    CHECK_INT(classify_str("This is not a profile.\n"), PH_BAD_MAGIC);
    CHECK_INT(classify_str("\n\n"), PH_BAD_MAGIC);

    /* ph_check on a text sample profile: accepted, no version. */
    const char *txt = "main:100:1\n 1: 50\n";
    CHECK_INT(check((const unsigned char *)txt, strlen(txt), &info, &reason), PH_OK);
    CHECK_INT(info.is_sample, 1);
    CHECK_INT(info.sample_format, PH_SF_TEXT);
    CHECK_INT(info.version, 0);
    CHECK_INT(info.sample_functions, -1);
    CHECK_STR(pc_kind(&info), "sample");

    /* Extbinary: the section table and every section must be there. */
    const uint64_t secs[3][2] = {{114, 20}, {134, 40}, {174, 0}};
    memset(buf, 0, sizeof buf);
    size_t hdr = ext_header(buf, secs, 3);
    CHECK_INT(hdr, 114);
    CHECK_INT(check(buf, 174, &info, &reason), PH_OK);
    CHECK_STR(sb_str(&reason), "");
    CHECK_INT(info.is_sample, 1);
    CHECK_INT(info.sample_format, PH_SF_EXTBINARY);
    CHECK_INT(info.version, 0);
    CHECK_INT(info.is_ir, 0);
    CHECK_INT(check(buf, 300, &info, &reason), PH_OK); /* bytes after the last section */
    CHECK_INT(check(buf, 173, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 173 bytes, its header says 174");
    CHECK_INT(check(buf, 115, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 115 bytes, its header says 174");
    CHECK_INT(check(buf, 113, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 113 bytes, its header says 114");
    CHECK_INT(check(buf, 17, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (17 bytes)");
    CHECK_INT(check(buf, 9, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (9 bytes)");
    CHECK_INT(check(buf, 8, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (8 bytes)");
    /* The sections need not be in order: the furthest end counts. */
    const uint64_t unordered[3][2] = {{114, 20}, {200, 10}, {134, 40}};
    ext_header(buf, unordered, 3);
    CHECK_INT(check(buf, 209, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 209 bytes, its header says 210");
    CHECK_INT(check(buf, 210, &info, &reason), PH_OK);
    /* A damaged offset (llvm-profdata 14 and 22 crash on it). */
    const uint64_t wild[2][2] = {{0x4000000000000000ULL, 20}, {82, 10}};
    ext_header(buf, wild, 2);
    CHECK_INT(check(buf, 200, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 200 bytes, its header says 4611686018427387924");
    const uint64_t overflow[1][2] = {{UINT64_MAX, 2}};
    ext_header(buf, overflow, 1);
    CHECK_INT(check(buf, 200, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (200 bytes)");
    /* A section count that cannot be. */
    magic(buf, 4);
    put64(buf + 10, 5000000);
    CHECK_INT(check(buf, 200, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (200 bytes)");
    put64(buf + 10, 10);
    CHECK_INT(check(buf, 200, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 200 bytes, its header says 338");
    /* No sections at all: the header is the file. */
    put64(buf + 10, 0);
    CHECK_INT(check(buf, 18, &info, &reason), PH_OK);

    /* Binary: the number of functions of the summary. */
    memset(buf, 0, sizeof buf);
    magic(buf, 0xff);
    const unsigned char summary[] = {0xcf, 0x06, 0xac, 0x02, 0x96, 0x01, 0x06, 0x03, 0x10};
    memcpy(buf + 10, summary, sizeof summary);
    CHECK_INT(check(buf, 10 + sizeof summary, &info, &reason), PH_OK);
    CHECK_INT(info.sample_format, PH_SF_BINARY);
    CHECK_INT(info.sample_functions, 3);
    CHECK_INT(check(buf, 14, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (14 bytes)");
    /* Compact binary and GCC files are left to llvm-profdata. */
    memcpy(buf, compact, sizeof compact);
    CHECK_INT(check(buf, 12, &info, &reason), PH_OK);
    CHECK_INT(info.sample_format, PH_SF_COMPACT);
    CHECK_INT(info.sample_functions, -1);
    CHECK_INT(check((const unsigned char *)"adcg*704\0\0\0\0", 12, &info, &reason), PH_OK);
    CHECK_INT(info.sample_format, PH_SF_GCC);

    /* An indexed profile is still what it was. */
    static const unsigned char indexed[8] = {0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81};
    memset(buf, 0, sizeof buf);
    memcpy(buf, indexed, 8);
    buf[8] = 7;
    buf[15] = 1;
    put64(buf + 32, 64);
    CHECK_INT(check(buf, 80, &info, &reason), PH_OK);
    CHECK_INT(info.is_sample, 0);
    CHECK_INT(info.sample_format, PH_SF_NONE);
    CHECK_STR(pc_kind(&info), "ir");
    buf[15] = 0;
    CHECK_INT(check(buf, 80, &info, &reason), PH_OK);
    CHECK_STR(pc_kind(&info), "fe");

    /* Top-level functions in `show --sample` output. */
    const char *shown = "Function: main: 1000, 10, 2 sampled lines\n"
                        "Samples collected in the function's body {\n"
                        "  1: 100\n"
                        "  2: 200, calls: foo:150\n"
                        "}\n"
                        "Samples collected in inlined callsites {\n"
                        "  3: inlined callee: foo: 50, 0, 1 sampled lines\n"
                        "    Samples collected in the function's body {\n"
                        "      1: 40\n"
                        "    }\n"
                        "    No inlined callsites in this function\n"
                        "}\n"
                        "Function: foo: 500, 150, 2 sampled lines\n"
                        "No inlined callsites in this function\n"
                        "Function: [main:3 @ bar]: 7, 0, 1 sampled lines\n";
    CHECK_INT(lt_parse_sample_functions(shown), 3);
    CHECK_INT(lt_parse_sample_functions(""), 0);
    CHECK_INT(lt_parse_sample_functions("  Function: x: 1, 0, 0 sampled lines\nFunction:x\n"), 0);

    sb_free(&reason);
    return test_done("sample");
}
