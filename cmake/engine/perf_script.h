/* SPDX-License-Identifier: MIT */
/* perf_script: a parser (no process involved) of the text of
 *
 *   perf script --show-mmap-events --no-inline -F comm,pid,tid,ip,dso
 *
 * on data recorded with --call-graph=dwarf. Each sample is a header line
 * ("<comm> <pid>/<tid>") followed by one tab-indented line per frame,
 * innermost first, and a blank line:
 *
 *   prog 19455/19455
 *   \t            1339 (/tmp/cx/prog)
 *   \t            12b0 (/tmp/cx/prog)
 *
 * perf prints the frames of user-space objects as offsets into their file
 * (the runtime address - the mapping's start + its file offset), and every
 * frame but the innermost at its return address - 1 (inside the call
 * instruction). The mmap events look like
 *
 *   prog 19455/19455 PERF_RECORD_MMAP2 19455/19455: [0x5620(0x1000) @ 0x1000 fe:00 11051854 794824788]: r-xp /p
 *   prog 19455/19455 PERF_RECORD_MMAP2 19455/19455: [0x5620(0x1000) @ 0x1000 <3933...>]: r-xp /p
 *   swapper 0/0 PERF_RECORD_MMAP -1/0: [0xffffffff81000000(0x120bb08) @ 0xffffffff81000000]: x [kernel.kallsyms]_text
 *
 * (the second form with perf record --buildid-mmap: the build ID of the
 * file the kernel mapped). Text is fed in pieces of any size; the handler
 * is called for each mmap event and each complete sample. Lines it does
 * not know (other records, LBR samples) are counted and skipped. A sample
 * recorded without a call chain has its runtime address on the header
 * line: it is passed on without frames. */
#ifndef PGO_PERF_SCRIPT_H
#define PGO_PERF_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct ps_mmap {
    long pid, tid;
    uint64_t start, len, pgoff;
    char prot[8];       /* "r-xp" (MMAP2), "x" or "r" (MMAP) */
    char build_id[129]; /* hex, "" when the event holds none */
    int has_inode;      /* maj, min, ino and ino_gen are set */
    unsigned long maj, min;
    uint64_t ino, ino_gen;
    const char *path; /* the rest of the line; valid during the call */
};

struct ps_frame {
    uint64_t addr;   /* as perf printed it (see above) */
    const char *dso; /* the object's path, "[unknown]", "[vdso]" ... */
};

struct ps_sample {
    long pid, tid;
    const struct ps_frame *frames; /* innermost first; valid during the call */
    size_t nframes;
};

struct ps_handler {
    void (*mmap)(void *ctx, const struct ps_mmap *m);
    void (*sample)(void *ctx, const struct ps_sample *s);
    void *ctx;
};

struct ps_parser {
    struct ps_handler h;
    struct sbuf partial; /* an incomplete last line */
    int in_sample;
    long pid, tid;
    struct sbuf dsos; /* the current sample's dso names, each NUL-terminated */
    uint64_t *addrs;
    size_t *dso_at, nframes, cap;
    struct ps_frame *out;
    size_t out_cap;
    /* counts */
    unsigned long long lines, samples, mmaps, skipped;
    unsigned long long no_chain; /* samples without a call chain (no frames kept) */
};

void ps_init(struct ps_parser *p, const struct ps_handler *h);
void ps_free(struct ps_parser *p);
/* Parses DATA[0..N): every line it completes. */
void ps_feed(struct ps_parser *p, const char *data, size_t n);
/* The end of the text: a last line without a newline, a last sample. */
void ps_finish(struct ps_parser *p);

/* One line (no newline): 1 and M filled (M->path points into LINE) if it
 * is an mmap event, else 0. */
int ps_parse_mmap(const char *line, struct ps_mmap *m);
/* One frame line: 1 with *ADDR and the dso name (not NUL-terminated:
 * *DSO, *DSO_LEN) if it is one, else 0. "(inlined)" frames are not. */
int ps_parse_frame(const char *line, uint64_t *addr, const char **dso, size_t *dso_len);

#endif
