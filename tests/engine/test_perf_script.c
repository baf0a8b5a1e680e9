/* SPDX-License-Identifier: MIT */
/* perf_script.c: text captured from perf 6.1 (perf script
 * --show-mmap-events --no-inline -F comm,pid,tid,ip,dso on cpu-clock:u
 * samples with --call-graph=dwarf, with and without --buildid-mmap, in
 * --pid and command mode), fed whole and in pieces of every size. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "perf_script.h"
#include "test.h"

/* perf record --buildid-mmap -p PID: synthesized events ("0/0") first. */
static const char captured[] =
    "prog     0/0     PERF_RECORD_MMAP2 18778/18778: [0x5606aa516000(0x1000) @ 0 "
    "<393372d615b71c51c43f394e05e8d0c067871884>]: r--p /tmp/cx/prog\n"
    "prog     0/0     PERF_RECORD_MMAP2 18778/18778: [0x5606aa517000(0x1000) @ 0x1000 "
    "<393372d615b71c51c43f394e05e8d0c067871884>]: r-xp /tmp/cx/prog\n"
    "prog     0/0     PERF_RECORD_MMAP2 18778/18778: [0x7f117631b000(0x3000) @ 0 00:00 0 0]: rw-p //anon\n"
    "prog     0/0     PERF_RECORD_MMAP2 18778/18778: [0x7f1176344000(0x156000) @ 0x26000 "
    "<93ac61ec5a8eb1396f9fbd350e3169a558528a40>]: r-xp /usr/lib/x86_64-linux-gnu/libc.so.6\n"
    "prog     0/0     PERF_RECORD_MMAP2 18778/18778: [0x7f1176513000(0x2000) @ 0 00:00 0 0]: r-xp [vdso]\n"
    "prog     0/0     PERF_RECORD_MMAP2 18778/18778: [0xffffffffff600000(0x1000) @ 0 00:00 0 0]: --xp [vsyscall]\n"
    "prog 18778/18778 \n"
    "\t            131a (/tmp/cx/prog)\n"
    "\t            12b0 (/tmp/cx/prog)\n"
    "\t            1227 (/tmp/cx/prog)\n"
    "\t           27249 (/usr/lib/x86_64-linux-gnu/libc.so.6)\n"
    "\t           27304 (/usr/lib/x86_64-linux-gnu/libc.so.6)\n"
    "\t            1090 (/tmp/cx/prog)\n"
    "\n"
    "prog 18778/18778 \n"
    "\t            12b5 (/tmp/cx/prog)\n"
    "\t            1227 (/tmp/cx/prog)\n"
    "\n"
    /* Without --buildid-mmap: device, inode and generation. */
    "prog 29930/29930 PERF_RECORD_MMAP2 29930/29930: [0x55692c133000(0x1000) @ 0x1000 fe:00 11051854 794824788]: "
    "r-xp /tmp/cx/prog\n"
    "swapper     0/0     PERF_RECORD_MMAP -1/0: [0xffffffff81000000(0x120bb08) @ 0xffffffff81000000]: x "
    "[kernel.kallsyms]_text\n"
    /* A thread whose name has spaces, a frame perf could not place, and a
     * path with spaces and parentheses. */
    "my worker 2  4242/4243  \n"
    "\t    7f00dead (/opt/my app (1)/lib.so)\n"
    "\t    55aa ([unknown])\n"
    "\t            1227 (inlined)\n"
    "\n"
    "prog  9160/9160 \n"
    "\t            1339 hot_mix+0x9 (/tmp/cx/prog)\n"
    "\n"
    /* A sample without a call chain: its runtime address on the line. */
    "            prog  9160/9160       564b38893352 (/tmp/cx/prog)\n"
    /* Something else perf prints: not a sample. */
    "prog 1/1 PERF_RECORD_COMM exec: prog:1/1\n"
    "prog 77/77 \r\n"
    "\t    1000 (/tmp/cx/prog)\r\n"
    "\t    2000 (/tmp/cx/prog)"; /* no blank line, no newline at the end */

struct seen {
    struct sbuf log;
    int mmaps, samples;
};

static void on_mmap(void *ctx, const struct ps_mmap *m) {
    struct seen *s = ctx;
    s->mmaps++;
    sb_addf(&s->log, "M %ld/%ld %llx+%llx@%llx %s [%s] ", m->pid, m->tid, (unsigned long long)m->start,
            (unsigned long long)m->len, (unsigned long long)m->pgoff, m->prot, m->build_id);
    if (m->has_inode)
        sb_addf(&s->log, "%lx:%lx %llu %llu ", m->maj, m->min, (unsigned long long)m->ino,
                (unsigned long long)m->ino_gen);
    sb_addf(&s->log, "%s\n", m->path);
}

static void on_sample(void *ctx, const struct ps_sample *smp) {
    struct seen *s = ctx;
    s->samples++;
    sb_addf(&s->log, "S %ld/%ld", smp->pid, smp->tid);
    for (size_t i = 0; i < smp->nframes; i++)
        sb_addf(&s->log, " %llx<%s>", (unsigned long long)smp->frames[i].addr, smp->frames[i].dso);
    sb_adds(&s->log, "\n");
}

static const char expected[] =
    "M 18778/18778 5606aa516000+1000@0 r--p [393372d615b71c51c43f394e05e8d0c067871884] /tmp/cx/prog\n"
    "M 18778/18778 5606aa517000+1000@1000 r-xp [393372d615b71c51c43f394e05e8d0c067871884] /tmp/cx/prog\n"
    "M 18778/18778 7f117631b000+3000@0 rw-p [] 0:0 0 0 //anon\n"
    "M 18778/18778 7f1176344000+156000@26000 r-xp [93ac61ec5a8eb1396f9fbd350e3169a558528a40] "
    "/usr/lib/x86_64-linux-gnu/libc.so.6\n"
    "M 18778/18778 7f1176513000+2000@0 r-xp [] 0:0 0 0 [vdso]\n"
    "M 18778/18778 ffffffffff600000+1000@0 --xp [] 0:0 0 0 [vsyscall]\n"
    "S 18778/18778 131a</tmp/cx/prog> 12b0</tmp/cx/prog> 1227</tmp/cx/prog> "
    "27249</usr/lib/x86_64-linux-gnu/libc.so.6> 27304</usr/lib/x86_64-linux-gnu/libc.so.6> 1090</tmp/cx/prog>\n"
    "S 18778/18778 12b5</tmp/cx/prog> 1227</tmp/cx/prog>\n"
    "M 29930/29930 55692c133000+1000@1000 r-xp [] fe:0 11051854 794824788 /tmp/cx/prog\n"
    "M -1/0 ffffffff81000000+120bb08@ffffffff81000000 x [] [kernel.kallsyms]_text\n"
    "S 4242/4243 7f00dead</opt/my app (1)/lib.so> 55aa<[unknown]>\n"
    "S 9160/9160 1339</tmp/cx/prog>\n"
    "S 9160/9160\n"
    "S 77/77 1000</tmp/cx/prog> 2000</tmp/cx/prog>\n";

static void run(size_t piece, struct seen *s, struct ps_parser *p) {
    sb_init(&s->log);
    s->mmaps = s->samples = 0;
    struct ps_handler h = {on_mmap, on_sample, s};
    ps_init(p, &h);
    size_t n = sizeof captured - 1;
    for (size_t at = 0; at < n; at += piece)
        ps_feed(p, captured + at, n - at < piece ? n - at : piece);
    ps_finish(p);
}

int main(void) {
    struct seen s;
    struct ps_parser p;

    run(sizeof captured, &s, &p);
    CHECK_STR(sb_str(&s.log), expected);
    CHECK_INT(s.mmaps, 8);
    CHECK_INT(s.samples, 6);
    CHECK_INT(p.samples, 6);
    CHECK_INT(p.mmaps, 8);
    CHECK_INT(p.no_chain, 1);
    CHECK_INT(p.skipped, 2); /* the "(inlined)" frame and the COMM record */
    ps_free(&p);
    sb_free(&s.log);

    /* Any split into pieces gives the same. */
    int same = 1;
    for (size_t piece = 1; piece < 200; piece++) {
        run(piece, &s, &p);
        if (strcmp(sb_str(&s.log), expected) != 0)
            same = 0;
        ps_free(&p);
        sb_free(&s.log);
    }
    CHECK(same);

    /* Lines alone. */
    struct ps_mmap m;
    CHECK_INT(ps_parse_mmap("prog 1/1 PERF_RECORD_MMAP2 1/1: [0x10(0x20) @ 0x30 <ab>]: r-xp /a b", &m), 1);
    CHECK_STR(m.path, "/a b");
    CHECK_STR(m.build_id, "ab");
    CHECK_INT(m.start, 0x10);
    CHECK_INT(m.len, 0x20);
    CHECK_INT(m.pgoff, 0x30);
    CHECK_INT(ps_parse_mmap("prog 1/1 PERF_RECORD_MMAP2 1/1: [0x10(0x20) @ 0x30 <ab]: r-xp /a", &m), 0);
    CHECK_INT(ps_parse_mmap("prog 1/1 PERF_RECORD_MMAP2 1/1: [0x10(0x20) @ 0x30 fe:00 12]: r-xp /a", &m), 0);
    CHECK_INT(ps_parse_mmap("prog 1/1 PERF_RECORD_MMAP2 1/1: [0x10(0x20) @ 0x30 fe:00 12 0]: r-xp", &m), 0);
    CHECK_INT(ps_parse_mmap("prog 1/1 PERF_RECORD_MMAP2 1/1: [0x10(0x20)", &m), 0);
    CHECK_INT(ps_parse_mmap("prog 1/1 PERF_RECORD_COMM exec: prog:1/1", &m), 0);
    CHECK_INT(ps_parse_mmap("", &m), 0);
    CHECK_INT(ps_parse_mmap("x PERF_RECORD_MMAP2 1/1: [0x11111111111111111(0x1) @ 0 <a>]: r-xp /a", &m), 0);

    uint64_t addr;
    const char *dso;
    size_t len;
    CHECK_INT(ps_parse_frame("\t  abc (/x)", &addr, &dso, &len), 1);
    CHECK_INT(addr, 0xabc);
    CHECK_INT(len, 2);
    CHECK(strncmp(dso, "/x", 2) == 0);
    CHECK_INT(ps_parse_frame("\t  abc", &addr, &dso, &len), 1);
    CHECK_INT(len, 0);
    CHECK_INT(ps_parse_frame("\t  abc (inlined)", &addr, &dso, &len), 0);
    CHECK_INT(ps_parse_frame("\t  zz (/x)", &addr, &dso, &len), 0);
    CHECK_INT(ps_parse_frame("abc (/x)", &addr, &dso, &len), 0);
    CHECK_INT(ps_parse_frame("\t  abc f (/x)", &addr, &dso, &len), 1);
    CHECK_INT(len, 2);
    CHECK_INT(ps_parse_frame("\t  abc f", &addr, &dso, &len), 1);

    return test_done("perf_script");
}
