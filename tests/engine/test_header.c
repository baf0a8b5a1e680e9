/* SPDX-License-Identifier: MIT */
/* profile_header.c: magic classification, reason texts, version and kind,
 * and pgo-tool.sh's truncation rule with its od(1) edge cases. */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "profile_header.h"
#include "test.h"

static void put64(unsigned char *p, uint64_t v) {
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* A header: magic, version, IR flag, function table at TABLE with
 * BUCKETS buckets. */
static void header(unsigned char *buf, unsigned version, int ir, uint64_t table, uint64_t buckets) {
    static const unsigned char magic[8] = {0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81};
    memcpy(buf, magic, 8);
    put64(buf + 8, version);
    buf[15] = (unsigned char)(ir ? 1 : 0);
    put64(buf + 32, table);
    put64(buf + table, buckets);
}

/* ph_check on the first SIZE bytes of BUF; returns the status, REASON
 * holds the text. */
static enum ph_status check(const unsigned char *buf, size_t size, struct ph_info *info, struct sbuf *reason) {
    struct ph_mem m = {buf, size};
    sb_clear(reason);
    return ph_check(size, ph_read_mem, &m, info, reason);
}

/* A sparse huge "file": the header, zeros elsewhere. */
struct sparse {
    unsigned char head[48];
    uint64_t size;
    uint64_t at;      /* where VALUE is */
    uint64_t value;
};

static size_t read_sparse(void *ctx, uint64_t off, void *buf, size_t len) {
    struct sparse *s = ctx;
    if (off >= s->size)
        return 0;
    if (len > s->size - off)
        len = (size_t)(s->size - off);
    unsigned char v[8];
    put64(v, s->value);
    for (size_t i = 0; i < len; i++) {
        uint64_t o = off + i;
        unsigned char b = 0;
        if (o < sizeof s->head)
            b = s->head[o];
        if (o >= s->at && o < s->at + 8)
            b = v[o - s->at];
        ((unsigned char *)buf)[i] = b;
    }
    return len;
}

static enum ph_status check_sparse(uint64_t size, uint64_t table, uint64_t buckets, struct sbuf *reason) {
    struct sparse s;
    memset(&s, 0, sizeof s);
    unsigned char tmp[48 + 8];
    memset(tmp, 0, sizeof tmp);
    header(tmp, 7, 1, 40, 0);
    memcpy(s.head, tmp, 32);
    put64(s.head + 32, table);
    s.size = size;
    s.at = table;
    s.value = buckets;
    struct ph_info info;
    sb_clear(reason);
    return ph_check(size, read_sparse, &s, &info, reason);
}

int main(void) {
    struct sbuf reason;
    sb_init(&reason);
    struct ph_info info;

    /* Magic numbers. */
    const unsigned char indexed[] = {0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81};
    const unsigned char raw[] = {0x81, 0x72, 0x66, 0x6f, 0x72, 0x70, 0x6c, 0xff, 8, 0, 0, 0};
    CHECK_INT(ph_classify(indexed, 8), PH_INDEXED);
    CHECK_INT(ph_classify(indexed, 7), PH_BAD_MAGIC);
    CHECK_INT(ph_classify(raw, sizeof raw), PH_RAW);
    CHECK_INT(ph_classify((const unsigned char *)"adcg\0\0\0\0", 8), PH_GCDA);
    CHECK_INT(ph_classify((const unsigned char *)"gcda\0\0\0\0", 8), PH_GCDA);
    CHECK_INT(ph_classify((const unsigned char *)"gcd", 3), PH_BAD_MAGIC);
    CHECK_INT(ph_classify((const unsigned char *)":ir\nfoo", 7), PH_TEXT);
    CHECK_INT(ph_classify((const unsigned char *)":fe\n", 4), PH_TEXT);
    CHECK_INT(ph_classify((const unsigned char *)"# IR level", 10), PH_TEXT);
    CHECK_INT(ph_classify((const unsigned char *)":csir", 5), PH_BAD_MAGIC);
    CHECK_INT(ph_classify((const unsigned char *)"This is not a profile.\n", 23), PH_BAD_MAGIC);
    CHECK_STR(ph_kind_reason(PH_RAW), "is a raw .profraw file; merge raw profiles with llvm-profdata merge first");
    CHECK_STR(ph_kind_reason(PH_GCDA), "is a GCC .gcda file; this package uses clang IR PGO (.profdata)");
    CHECK_STR(ph_kind_reason(PH_TEXT), "is a text profile; convert it with llvm-profdata merge -o FILE.profdata");
    CHECK_STR(ph_kind_reason(PH_BAD_MAGIC), "is not an LLVM .profdata file (bad magic)");

    /* Reasons through ph_check. */
    CHECK_INT(check((const unsigned char *)"", 0, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is empty");
    CHECK_INT(check(raw, sizeof raw, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), ph_kind_reason(PH_RAW));
    CHECK_INT(check((const unsigned char *)"adcg", 4, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), ph_kind_reason(PH_GCDA));
    CHECK_INT(check((const unsigned char *)"x", 1, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), ph_kind_reason(PH_BAD_MAGIC));

    /* A good header: table at 64 with 2 buckets: 64 + 16 + 16 = 96. */
    unsigned char buf[256];
    memset(buf, 0, sizeof buf);
    header(buf, 7, 1, 64, 2);
    CHECK_INT(check(buf, 96, &info, &reason), PH_OK);
    CHECK_STR(sb_str(&reason), "");
    CHECK_INT(info.version, 7);
    CHECK_INT(info.is_ir, 1);
    CHECK_INT(info.table, 64);
    CHECK_INT(info.buckets, 2);
    CHECK_INT(info.size, 96);
    CHECK_INT(check(buf, 200, &info, &reason), PH_OK);

    /* One byte short of what the header says. */
    CHECK_INT(check(buf, 95, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 95 bytes, its header says 96");
    /* Cut inside the header: no table offset at all (od prints nothing). */
    CHECK_INT(check(buf, 10, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (10 bytes)");
    CHECK_INT(check(buf, 32, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (32 bytes)");
    /* A table offset cut short is zero-padded (here still 64): past the end. */
    CHECK_INT(check(buf, 33, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (33 bytes)");
    CHECK_INT(check(buf, 40, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (40 bytes)");
    /* The table offset is the last byte: the bucket count is zero-padded. */
    CHECK_INT(check(buf, 65, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 65 bytes, its header says 96");
    /* The bucket count read from 3 bytes: 0x030201 buckets. */
    memset(buf, 0, sizeof buf);
    header(buf, 7, 0, 100, 0);
    buf[100] = 1;
    buf[101] = 2;
    buf[102] = 3;
    CHECK_INT(check(buf, 103, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 103 bytes, its header says 1577084");
    /* Zero buckets: table + 16. */
    memset(buf, 0, sizeof buf);
    header(buf, 12, 0, 48, 0);
    CHECK_INT(check(buf, 64, &info, &reason), PH_OK);
    CHECK_INT(info.version, 12);
    CHECK_INT(info.is_ir, 0);
    CHECK_INT(check(buf, 63, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 63 bytes, its header says 64");
    /* Byte 15 holds more flags than IR: bit 0 decides. */
    buf[15] = 0x03;
    CHECK_INT(check(buf, 64, &info, &reason), PH_OK);
    CHECK_INT(info.is_ir, 1);
    buf[15] = 0x02;
    CHECK_INT(check(buf, 64, &info, &reason), PH_OK);
    CHECK_INT(info.is_ir, 0);
    /* A table offset at or past the end. */
    memset(buf, 0, sizeof buf);
    header(buf, 7, 1, 64, 0);
    put64(buf + 32, 5000);
    CHECK_INT(check(buf, 200, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (200 bytes)");
    put64(buf + 32, 200);
    CHECK_INT(check(buf, 200, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (200 bytes)");

    /* pgo-tool.sh's digit limits, on a sparse 200 GB "file". */
    uint64_t huge = 200000000000ULL;
    CHECK_INT(check_sparse(huge, 99999999999ULL, 0, &reason), PH_OK);
    CHECK_INT(check_sparse(huge, 100000000000ULL, 0, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (200000000000 bytes)");
    CHECK_INT(check_sparse(huge, 64, 999999999ULL, &reason), PH_OK);
    CHECK_INT(check_sparse(huge, 64, 1000000000ULL, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: its header points past its end (200000000000 bytes)");
    CHECK_INT(check_sparse(1000, 64, 999999999ULL, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 1000 bytes, its header says 8000000072");

    /* ph_version. */
    unsigned v = 0;
    int ir = -1;
    memset(buf, 0, sizeof buf);
    header(buf, 13, 1, 64, 0);
    CHECK_INT(ph_version(buf, 16, &v, &ir), 0);
    CHECK_INT(v, 13);
    CHECK_INT(ir, 1);
    CHECK_INT(ph_version(buf, 15, &v, &ir), -1);
    CHECK_INT(ph_version(raw, sizeof raw, &v, &ir), -1);

    /* The file reader gives the same answers. */
    memset(buf, 0, sizeof buf);
    header(buf, 7, 1, 64, 2);
    int fd = open("header-test.profdata", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, buf, 95) == 95);
    sb_clear(&reason);
    CHECK_INT(ph_check(95, ph_read_fd, &fd, &info, &reason), PH_REJECT);
    CHECK_STR(sb_str(&reason), "is truncated: it has 95 bytes, its header says 96");
    CHECK(write(fd, buf + 95, 1) == 1);
    sb_clear(&reason);
    CHECK_INT(ph_check(96, ph_read_fd, &fd, &info, &reason), PH_OK);
    unsigned char b8[8];
    CHECK_INT(ph_read_fd(&fd, 90, b8, 8), 6);
    CHECK_INT(ph_read_fd(&fd, 96, b8, 8), 0);
    close(fd);
    unlink("header-test.profdata");
    sb_free(&reason);
    return test_done("header");
}
