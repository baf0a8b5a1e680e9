/* SPDX-License-Identifier: MIT */
/* profile_header: what the first bytes of a file say it is, and whether an
 * indexed .profdata is cut short, by the rules of pgo-tool.sh:
 *
 *   magic ff 6c 70 72 6f 66 69 81   indexed profile (checked further)
 *         81 72 66 6f 72 70 6c ff   raw .profraw
 *         "adcg" / "gcda"           GCC .gcda
 *         ":ir" / ":fe" / "#"       text profile
 *   byte 8 (low byte of the version) is the format version, bit 0 of byte
 *   15 says IR (1) or front-end (0) instrumentation. The u64 at byte 32 is
 *   the offset of the function table, which starts with its number of
 *   buckets N and its number of entries, followed by N 8-byte offsets: a
 *   file shorter than table + 16 + 8 * N is truncated. Numbers are read as
 *   od(1) does: a value cut by the end of the file is padded with zeros;
 *   nothing at all past the end. */
#ifndef PGO_PROFILE_HEADER_H
#define PGO_PROFILE_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum ph_kind { PH_INDEXED, PH_RAW, PH_GCDA, PH_TEXT, PH_BAD_MAGIC };

/* What the first N bytes (up to 16 are looked at) say. */
enum ph_kind ph_classify(const unsigned char *head, size_t n);
/* The reason text for a file of KIND that is not an indexed profile. */
const char *ph_kind_reason(enum ph_kind kind);

/* Reads up to LEN bytes at OFF; returns how many were read (0 past the
 * end), or (size_t)-1 on an I/O error. */
typedef size_t (*ph_read_fn)(void *ctx, uint64_t off, void *buf, size_t len);

struct ph_info {
    unsigned version;    /* byte 8 */
    int is_ir;           /* bit 0 of byte 15 */
    uint64_t size;       /* file size */
    uint64_t table;      /* offset of the function table */
    uint64_t buckets;    /* its number of buckets */
};

enum ph_status { PH_OK = 0, PH_REJECT = 1, PH_READ_ERROR = -1 };

/* Checks a file of SIZE bytes read through READ: empty, magic, truncated.
 * PH_OK fills INFO; PH_REJECT puts the reason (pgo-tool.sh's text) in
 * REASON. */
enum ph_status ph_check(uint64_t size, ph_read_fn read, void *ctx, struct ph_info *info,
                        struct sbuf *reason);

/* The header fields of an indexed profile from its first 16 bytes
 * (N >= 16): returns 0 and fills version/is_ir, else -1. */
int ph_version(const unsigned char *head, size_t n, unsigned *version, int *is_ir);

/* A ph_read_fn for a memory buffer { data, size } (tests, and small files). */
struct ph_mem {
    const unsigned char *data;
    size_t size;
};
size_t ph_read_mem(void *ctx, uint64_t off, void *buf, size_t len);
/* A ph_read_fn over a file descriptor (ctx points to the int). */
size_t ph_read_fd(void *ctx, uint64_t off, void *buf, size_t len);

#endif
