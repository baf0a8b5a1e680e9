/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "profile_header.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const unsigned char magic_indexed[8] = {0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81};
static const unsigned char magic_raw[8] = {0x81, 0x72, 0x66, 0x6f, 0x72, 0x70, 0x6c, 0xff};

/* Bytes 2..7 of every binary sample profile's magic (ULEB128 of SPMagic). */
static const unsigned char magic_sample[6] = {0xd0, 0xb1, 0xf4, 0xc9, 0x94, 0xa8};

static int has_prefix(const unsigned char *head, size_t n, const void *prefix, size_t k) {
    return n >= k && memcmp(head, prefix, k) == 0;
}

static int is_digits(const unsigned char *s, size_t n) {
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The text reader's test (SampleProfileReaderText::hasFormat): the first
 * line that is not empty and does not start with '#' is a function head
 * "<name>:<samples>:<head samples>" that does not start with a space. */
static int is_sample_text(const unsigned char *head, size_t n) {
    const unsigned char *p = head, *end = head + n;
    while (p < end) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len && p[len - 1] == '\r')
            len--;
        if (len == 0 || p[0] == '#') {
            if (!nl)
                return 0;
            p = nl + 1;
            continue;
        }
        if (p[0] == ' ' || p[0] == '\t')
            return 0;
        const unsigned char *c2 = NULL, *c1 = NULL;
        for (size_t i = len; i-- > 0;)
            if (p[i] == ':') {
                if (!c2)
                    c2 = p + i;
                else {
                    c1 = p + i;
                    break;
                }
            }
        if (!c1 || c1 == p)
            return 0;
        return is_digits(c1 + 1, (size_t)(c2 - c1 - 1)) && is_digits(c2 + 1, (size_t)(p + len - c2 - 1));
    }
    return 0;
}

enum ph_sample_format ph_sample_format(const unsigned char *head, size_t n) {
    if (n >= 8 && memcmp(head + 2, magic_sample, sizeof magic_sample) == 0 && (head[0] & 0x80) &&
        (head[1] == 0xe4 || head[1] == 0xe5)) {
        unsigned f = (head[0] & 0x7fu) | (unsigned)(head[1] & 1) << 7;
        switch (f) {
        case 0x04:
            return PH_SF_EXTBINARY;
        case 0xff:
            return PH_SF_BINARY;
        case 0x02:
            return PH_SF_COMPACT;
        default:
            return PH_SF_OTHER;
        }
    }
    /* SampleProfileReaderGCC::hasFormat compares the C string at the start. */
    if (has_prefix(head, n, "adcg*704", 8) && (n == 8 || head[8] == 0))
        return PH_SF_GCC;
    if (n && head[0] != ':' && is_sample_text(head, n))
        return PH_SF_TEXT;
    return PH_SF_NONE;
}

const char *ph_sample_format_name(enum ph_sample_format f) {
    switch (f) {
    case PH_SF_EXTBINARY:
        return "extbinary";
    case PH_SF_BINARY:
        return "binary";
    case PH_SF_COMPACT:
        return "compbinary";
    case PH_SF_GCC:
        return "gcc";
    case PH_SF_TEXT:
        return "text";
    case PH_SF_OTHER:
        return "unknown";
    case PH_SF_NONE:
        break;
    }
    return "";
}

enum ph_kind ph_classify(const unsigned char *head, size_t n) {
    if (has_prefix(head, n, magic_indexed, 8))
        return PH_INDEXED;
    if (has_prefix(head, n, magic_raw, 8))
        return PH_RAW;
    enum ph_sample_format sf = ph_sample_format(head, n);
    if (sf == PH_SF_TEXT)
        return PH_SAMPLE_TEXT;
    if (sf != PH_SF_NONE)
        return PH_SAMPLE;
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
    case PH_SAMPLE:
    case PH_SAMPLE_TEXT:
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

/* A ULEB128 number at *POS of the N bytes at P: 1 and the value, 0 when it
 * runs past the end (or past 10 bytes). */
static int uleb(const unsigned char *p, size_t n, size_t *pos, uint64_t *v) {
    uint64_t r = 0;
    for (unsigned shift = 0; *pos < n && shift < 70; shift += 7) {
        unsigned char b = p[(*pos)++];
        if (shift < 64)
            r |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = r;
            return 1;
        }
    }
    return 0;
}

static uint64_t le64(const unsigned char *b) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
}

#define PH_SAMPLE_MAX_SECTIONS 1000000ULL

/* The sample checks after the magic: the extbinary section table, the
 * binary summary. HEAD holds the first N bytes of the SIZE. */
static enum ph_status sample_check(uint64_t size, ph_read_fn read, void *ctx, const unsigned char *head, size_t n,
                                   struct ph_info *info, struct sbuf *reason) {
    size_t pos = 9;
    uint64_t version;
    if (info->sample_format != PH_SF_EXTBINARY && info->sample_format != PH_SF_BINARY)
        return PH_OK;
    if (size < 9 || !uleb(head, n, &pos, &version)) {
        sb_addf(reason, "is truncated: its header points past its end (%llu bytes)", (unsigned long long)size);
        return PH_REJECT;
    }
    if (info->sample_format == PH_SF_BINARY) {
        uint64_t v[5];
        for (int i = 0; i < 5; i++)
            if (!uleb(head, n, &pos, &v[i])) {
                if (n < size) /* a summary longer than the head: not looked at */
                    return PH_OK;
                sb_addf(reason, "is truncated: its header points past its end (%llu bytes)",
                        (unsigned long long)size);
                return PH_REJECT;
            }
        info->sample_functions = v[4] > 1000000000000ULL ? 1000000000000LL : (long long)v[4];
        return PH_OK;
    }
    unsigned char b[8];
    size_t got = read(ctx, pos, b, 8);
    if (got == (size_t)-1)
        return PH_READ_ERROR;
    uint64_t count = got == 8 ? le64(b) : 0;
    if (got != 8 || count > PH_SAMPLE_MAX_SECTIONS) {
        sb_addf(reason, "is truncated: its header points past its end (%llu bytes)", (unsigned long long)size);
        return PH_REJECT;
    }
    uint64_t table = pos + 8, need = table + 32 * count;
    if (need > size) {
        sb_addf(reason, "is truncated: it has %llu bytes, its header says %llu", (unsigned long long)size,
                (unsigned long long)need);
        return PH_REJECT;
    }
    uint64_t last = need;
    unsigned char chunk[32 * 128];
    for (uint64_t i = 0; i < count;) {
        uint64_t k = count - i < 128 ? count - i : 128;
        got = read(ctx, table + 32 * i, chunk, (size_t)(32 * k));
        if (got == (size_t)-1)
            return PH_READ_ERROR;
        if (got != 32 * k) { /* the file shrank under us */
            sb_addf(reason, "is truncated: it has %llu bytes, its header says %llu", (unsigned long long)size,
                    (unsigned long long)need);
            return PH_REJECT;
        }
        for (uint64_t j = 0; j < k; j++) {
            uint64_t off = le64(chunk + 32 * j + 16), len = le64(chunk + 32 * j + 24);
            if (off > UINT64_MAX - len) {
                sb_addf(reason, "is truncated: its header points past its end (%llu bytes)",
                        (unsigned long long)size);
                return PH_REJECT;
            }
            if (off + len > last)
                last = off + len;
        }
        i += k;
    }
    if (last > size) {
        sb_addf(reason, "is truncated: it has %llu bytes, its header says %llu", (unsigned long long)size,
                (unsigned long long)last);
        return PH_REJECT;
    }
    return PH_OK;
}

static enum ph_status indexed_check(uint64_t size, ph_read_fn read, void *ctx, enum ph_kind kind,
                                    const unsigned char *head, size_t n, struct ph_info *info,
                                    struct sbuf *reason);

enum ph_status ph_check(uint64_t size, ph_read_fn read, void *ctx, struct ph_info *info,
                        struct sbuf *reason) {
    memset(info, 0, sizeof *info);
    info->size = size;
    info->sample_functions = -1;
    if (size == 0) {
        sb_adds(reason, "is empty");
        return PH_REJECT;
    }
    size_t want = size < PH_HEAD_MAX ? (size_t)size : PH_HEAD_MAX;
    unsigned char *head = xmalloc(want < 16 ? 16 : want);
    memset(head, 0, want < 16 ? 16 : want);
    size_t n = read(ctx, 0, head, want);
    if (n == (size_t)-1) {
        free(head);
        return PH_READ_ERROR;
    }
    enum ph_kind kind = ph_classify(head, n);
    if (kind == PH_SAMPLE || kind == PH_SAMPLE_TEXT) {
        info->is_sample = 1;
        info->sample_format = ph_sample_format(head, n);
        enum ph_status s = sample_check(size, read, ctx, head, n, info, reason);
        free(head);
        return s;
    }
    enum ph_status s = indexed_check(size, read, ctx, kind, head, n, info, reason);
    free(head);
    return s;
}

static enum ph_status indexed_check(uint64_t size, ph_read_fn read, void *ctx, enum ph_kind kind,
                                    const unsigned char *head, size_t n, struct ph_info *info,
                                    struct sbuf *reason) {
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
