/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "profile_header.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static const unsigned char magic_indexed[8] = {0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81};
static const unsigned char magic_raw[8] = {0x81, 0x72, 0x66, 0x6f, 0x72, 0x70, 0x6c, 0xff};

static int has_prefix(const unsigned char *head, size_t n, const void *prefix, size_t k) {
    return n >= k && memcmp(head, prefix, k) == 0;
}

enum ph_kind ph_classify(const unsigned char *head, size_t n) {
    if (has_prefix(head, n, magic_indexed, 8))
        return PH_INDEXED;
    if (has_prefix(head, n, magic_raw, 8))
        return PH_RAW;
    if (has_prefix(head, n, "adcg", 4) || has_prefix(head, n, "gcda", 4))
        return PH_GCDA;
    if (has_prefix(head, n, ":ir", 3) || has_prefix(head, n, ":fe", 3) || has_prefix(head, n, "#", 1))
        return PH_TEXT;
    return PH_BAD_MAGIC;
}

const char *ph_kind_reason(enum ph_kind kind) {
    switch (kind) {
    case PH_RAW:
        return "is a raw .profraw file; merge raw profiles with llvm-profdata merge first";
    case PH_GCDA:
        return "is a GCC .gcda file; this package uses clang IR PGO (.profdata)";
    case PH_TEXT:
        return "is a text profile; convert it with llvm-profdata merge -o FILE.profdata";
    case PH_BAD_MAGIC:
        return "is not an LLVM .profdata file (bad magic)";
    case PH_INDEXED:
        break;
    }
    return "";
}

int ph_version(const unsigned char *head, size_t n, unsigned *version, int *is_ir) {
    if (n < 16 || ph_classify(head, n) != PH_INDEXED)
        return -1;
    *version = head[8];
    *is_ir = head[15] & 1;
    return 0;
}

/* The u64 at OFF as od reads it: 1 and the value (zero-padded) when at
 * least one byte is there, 0 when none, -1 on an I/O error. */
static int u64_at(ph_read_fn read, void *ctx, uint64_t size, uint64_t off, uint64_t *v) {
    unsigned char b[8] = {0};
    if (off >= size)
        return 0;
    size_t got = read(ctx, off, b, 8);
    if (got == (size_t)-1)
        return -1;
    if (got == 0)
        return 0;
    *v = 0;
    for (int i = 7; i >= 0; i--)
        *v = *v << 8 | b[i];
    return 1;
}

enum ph_status ph_check(uint64_t size, ph_read_fn read, void *ctx, struct ph_info *info,
                        struct sbuf *reason) {
    unsigned char head[16] = {0};
    memset(info, 0, sizeof *info);
    info->size = size;
    if (size == 0) {
        sb_adds(reason, "is empty");
        return PH_REJECT;
    }
    size_t n = read(ctx, 0, head, sizeof head);
    if (n == (size_t)-1)
        return PH_READ_ERROR;
    enum ph_kind kind = ph_classify(head, n);
    if (kind != PH_INDEXED) {
        sb_adds(reason, ph_kind_reason(kind));
        return PH_REJECT;
    }
    if (n > 8)
        info->version = head[8];
    if (n > 15)
        info->is_ir = head[15] & 1;

    /* pgo-tool.sh compares decimal strings: an offset of 12 or more digits
     * or a bucket count of 10 or more digits is "past its end". */
    uint64_t table = 0, buckets = 0;
    int have_table = u64_at(read, ctx, size, 32, &table);
    int have_buckets = 0;
    if (have_table < 0)
        return PH_READ_ERROR;
    if (have_table && table < 100000000000ULL && table < size) {
        have_buckets = u64_at(read, ctx, size, table, &buckets);
        if (have_buckets < 0)
            return PH_READ_ERROR;
    }
    if (!have_buckets || buckets >= 1000000000ULL) {
        sb_addf(reason, "is truncated: its header points past its end (%llu bytes)", (unsigned long long)size);
        return PH_REJECT;
    }
    uint64_t need = table + 16 + 8 * buckets;
    if (need > size) {
        sb_addf(reason, "is truncated: it has %llu bytes, its header says %llu", (unsigned long long)size,
                (unsigned long long)need);
        return PH_REJECT;
    }
    info->table = table;
    info->buckets = buckets;
    return PH_OK;
}

size_t ph_read_mem(void *ctx, uint64_t off, void *buf, size_t len) {
    const struct ph_mem *m = ctx;
    if (off >= m->size)
        return 0;
    size_t avail = m->size - (size_t)off;
    if (len > avail)
        len = avail;
    memcpy(buf, m->data + off, len);
    return len;
}

size_t ph_read_fd(void *ctx, uint64_t off, void *buf, size_t len) {
    int fd = *(const int *)ctx;
    size_t got = 0;
    while (got < len) {
        ssize_t r = pread(fd, (char *)buf + got, len - got, (off_t)(off + got));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return (size_t)-1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return got;
}
