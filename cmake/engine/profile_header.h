/* SPDX-License-Identifier: MIT */
/* profile_header: what the first bytes of a file say it is, and whether an
 * indexed .profdata is cut short, by the rules of pgo-tool.sh:
 *
 *   magic ff 6c 70 72 6f 66 69 81   indexed profile (checked further)
 *         81 72 66 6f 72 70 6c ff   raw .profraw
 *         ?? ?? d0 b1 f4 c9 94 a8   binary sample profile (see below)
 *         "adcg*704" NUL            GCC AutoFDO sample profile
 *         "adcg" / "gcda"           GCC .gcda
 *         "<name>:<n>:<n>" as the first line that is not blank and not a
 *                                   "#" comment: text sample profile
 *         ":ir" / ":fe" / "#"       text (instrumentation) profile
 *   byte 8 (low byte of the version) is the format version, bit 0 of byte
 *   15 says IR (1) or front-end (0) instrumentation. The u64 at byte 32 is
 *   the offset of the function table, which starts with its number of
 *   buckets N and its number of entries, followed by N 8-byte offsets: a
 *   file shorter than table + 16 + 8 * N is truncated. Numbers are read as
 *   od(1) does: a value cut by the end of the file is padded with zeros;
 *   nothing at all past the end.
 *
 * Sample profiles (clang -fprofile-sample-use=; llvm-profgen, llvm-profdata
 * merge --sample). LLVM's SampleProf.h: the magic is the ULEB128 encoding
 * of SPMagic(F) = "SPROF42" << 8 | F, 9 bytes, so bytes 2..8 are
 * d0 b1 f4 c9 94 a8 53 and the format F is (byte 0 & 0x7f) | (byte 1 & 1)
 * << 7: 84 e4 extbinary (F 4), ff e5 binary (F 0xff), 82 e4 compact
 * binary (F 2; written and read by llvm-profdata 14 to 16, not read by 19
 * or 22). The version (ULEB128, 103) follows. Then:
 *   extbinary: a u64 section count N at byte 10 and N entries of four u64
 *     (type, flags, offset, size); a file shorter than the table, or than
 *     the end of a section, is truncated (llvm-profdata 14 and 22 read such
 *     files without a word when only the last bytes are gone, losing
 *     functions, and crash on an offset past the end).
 *   binary: the summary, six ULEB128 numbers (total, max, max function
 *     count, counts, functions, entries); its number of functions is kept
 *     for comparison (a cut at a function's end reads without error).
 * GCC's AutoFDO files ("adcg*704" and a NUL, the .gcda magic with version
 * 704) are read by llvm-profdata as sample profiles; llvm-profdata cannot
 * write them. */
#ifndef PGO_PROFILE_HEADER_H
#define PGO_PROFILE_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum ph_kind { PH_INDEXED, PH_RAW, PH_GCDA, PH_TEXT, PH_BAD_MAGIC, PH_SAMPLE, PH_SAMPLE_TEXT };

/* The encoding of a sample profile. */
enum ph_sample_format {
    PH_SF_NONE = 0,  /* not a sample profile */
    PH_SF_EXTBINARY, /* 84 e4 ...: what llvm-profgen writes, and pgo's copies */
    PH_SF_BINARY,    /* ff e5 ... */
    PH_SF_COMPACT,   /* 82 e4 ...: compact binary, LLVM 16 and older only */
    PH_SF_GCC,       /* "adcg*704" */
    PH_SF_TEXT,      /* text */
    PH_SF_OTHER      /* the sample magic with a format byte LLVM does not define */
};

/* How many bytes of the head ph_check() hands to ph_classify() (a text
 * sample profile's first line is looked at whole up to this length). */
#define PH_HEAD_MAX 65536

/* What the first N bytes say (16 for binary formats; a text sample profile
 * is recognised by its first line that is not blank or a comment). */
enum ph_kind ph_classify(const unsigned char *head, size_t n);
/* The sample format of the first N bytes (PH_SF_NONE if not a sample
 * profile), and its name ("extbinary", "binary", "compbinary", "gcc",
 * "text", "unknown"; "" for PH_SF_NONE). */
enum ph_sample_format ph_sample_format(const unsigned char *head, size_t n);
const char *ph_sample_format_name(enum ph_sample_format f);
/* The reason text for a file of KIND that is neither an indexed nor a
 * sample profile ("" for those two). */
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
    /* Sample profiles (version, is_ir, table and buckets are 0): */
    int is_sample;       /* 1 for any sample profile */
    enum ph_sample_format sample_format;
    long long sample_functions; /* functions in a binary profile's summary, else -1 */
};

enum ph_status { PH_OK = 0, PH_REJECT = 1, PH_READ_ERROR = -1 };

/* Checks a file of SIZE bytes read through READ: empty, magic, truncated.
 * PH_OK (an indexed or a sample profile) fills INFO; PH_REJECT puts the
 * reason (pgo-tool.sh's text) in REASON. */
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
