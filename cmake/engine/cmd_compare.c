/* SPDX-License-Identifier: MIT */
/* pgo compare: times builds of the same program against each other, round
 * after round, and keeps what every run printed.
 *
 *   pgo compare --out DIR [--rounds N] [--warmup N] [--csv FILE] [--json FILE]
 *               [--gate cpu|wall|metric:NAME] [--fail-above RATIO] [--quiet] SPEC
 *
 * --out DIR     where each run's output is kept:
 *               DIR/<benchmark>/<arm>.<round>.stdout and .stderr (rounds
 *               1..N, warm-ups w1..wK); older kept files there are removed
 * --rounds N    timed rounds per benchmark (default 7)
 * --warmup N    untimed rounds first (default 1)
 * --gate M      what --fail-above checks: cpu (default), wall or
 *               metric:NAME
 * --fail-above R  exit 3 when, for any arm but the reference, the median
 *               per-round ratio of the gate's measure is above R (or there
 *               is no such ratio); checked after the reports are written
 * --csv, --json the figures, every round's values too in JSON
 * --quiet       no progress lines on stderr
 *
 * SPEC has one directive per line: the directive, one space, and the
 * value, which is everything after that space, verbatim (no quoting: one
 * argument per line). Empty lines and lines starting with '#' are ignored;
 * so are spaces and tabs before the directive, and a '\r' at the end.
 *
 *   benchmark <name>        starts a benchmark (letters, digits, '-', '_')
 *   cwd <dir>               the folder its commands run in (default: ours)
 *   metric <name> <regex>   a figure the program prints: a POSIX extended
 *                           regular expression whose first capture group is
 *                           the number, searched in each run's stdout, then
 *                           its stderr (repeatable; a name is a letter or '_'
 *                           then letters, digits and '_'; not cpu, wall or
 *                           size)
 *   arm <label>             starts an arm (letters, digits, '-', '_'); the
 *                           first arm of a benchmark is the reference that
 *                           every other arm is compared with
 *   size <file>             a file of the arm whose size counts (repeatable:
 *                           the sizes are summed); every arm has some, or none
 *   arg <arg>               the next element of the arm's argv ("arg " alone
 *                           is an empty argument)
 *
 * Relative size files, and a relative program holding a '/', are taken
 * from cwd; a program without '/' is looked up in PATH.
 *
 * Timed round r (1, 2, ...) runs the arms in spec order when r is odd and
 * in reverse order when r is even (A B C, C B A, ...), so that neither the
 * order nor slow drift in the machine's load favours an arm. Warm-ups
 * alternate the same way. Each run is measured for wall time (monotonic
 * clock) and CPU time (user + system of the child, from wait4) and its
 * metrics. A ratio is arm / reference of one round; the summary gives their
 * median and min-max, and the medians of the absolute figures beside them.
 *
 * Exit status: 0 ok; 1 a command failed, a metric was not found, or a file
 * could not be written; 2 usage, spec or environment error; 3 --fail-above
 * was exceeded.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "compare_report.h"
#include "compare_run.h"
#include "compare_spec.h"
#include "fsutil.h"
#include "metric.h"

#define COMPARE_USAGE                                                                                                  \
    "usage: pgo compare --out DIR [--rounds N] [--warmup N] [--csv FILE] [--json FILE] "                              \
    "[--gate cpu|wall|metric:NAME] [--fail-above RATIO] [--quiet] SPEC"
#define MAX_ROUNDS 100000
#define TAIL_LINES 10
#define TAIL_BYTES 4096

enum { PGO_GATE = 3 }; /* the exit status of a tripped --fail-above */

struct compare {
    const char *out, *csv, *json, *gate, *fail_above_text, *spec_path;
    size_t rounds, warmup;
    double fail_above; /* NAN: no gate */
    const char *gate_metric; /* metric:NAME, or NULL for cpu and wall */
    int quiet;
    struct strvec args; /* the options' values point into it */
    struct cmp_spec spec;
    struct cmp_results res;
};

/* ---- options -------------------------------------------------------------------- */

static size_t parse_count(const char *opt, const char *s, unsigned long min) {
    uint64_t v;
    if (!s || parse_u64(s, &v) != 0 || v < min || v > MAX_ROUNDS)
        pgo_die(PGO_USAGE, "%s takes a whole number from %lu to %d, not '%s'", opt, min, MAX_ROUNDS, s ? s : "");
    return (size_t)v;
}

static void parse_options(int argc, char **argv, struct compare *c) {
    const char *rounds = "7", *warmup = "1";
    const struct arg_opt opts[] = {
        {"--out", &c->out, NULL},       {"--rounds", &rounds, NULL}, {"--warmup", &warmup, NULL},
        {"--csv", &c->csv, NULL},       {"--json", &c->json, NULL},  {"--gate", &c->gate, NULL},
        {"--fail-above", &c->fail_above_text, NULL},
    };
    /* --quiet takes no value, which args_parse does not know. */
    struct strvec *rest = &c->args, operands;
    sv_init(rest);
    sv_init(&operands);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            for (; i < argc; i++)
                sv_push(rest, argv[i]);
            break;
        }
        if (strcmp(argv[i], "--quiet") == 0)
            c->quiet = 1;
        else
            sv_push(rest, argv[i]);
    }
    args_parse((int)rest->n, rest->v, opts, sizeof opts / sizeof *opts, COMPARE_USAGE, 0, &operands);
    if (operands.n != 1)
        pgo_die(PGO_USAGE, "%s", COMPARE_USAGE);
    c->spec_path = xstrdup(operands.v[0]);
    if (!c->out || !*c->out)
        pgo_die(PGO_USAGE, "pgo compare needs --out DIR, the folder that keeps each run's output; %s", COMPARE_USAGE);
    c->rounds = parse_count("--rounds", rounds, 1);
    c->warmup = parse_count("--warmup", warmup, 0);
    c->fail_above = NAN;
    if (c->fail_above_text) {
        char *end;
        errno = 0;
        double v = strtod(c->fail_above_text, &end);
        if (errno || end == c->fail_above_text || *end || !(v > 0) || !isfinite(v))
            pgo_die(PGO_USAGE, "--fail-above takes a ratio above 0 (say 1.02), not '%s'", c->fail_above_text);
        c->fail_above = v;
    }
    if (!c->gate)
        c->gate = "cpu";
    if (starts_with(c->gate, "metric:"))
        c->gate_metric = c->gate + 7;
    else if (strcmp(c->gate, "cpu") != 0 && strcmp(c->gate, "wall") != 0)
        pgo_die(PGO_USAGE, "--gate takes cpu, wall or metric:<name>, not '%s'", c->gate);
    sv_free(&operands);
}

/* ---- checks before any time is spent ----------------------------------------------- */

/* PATH as the commands of B see it. */
static char *in_cwd(const struct cmp_bench *b, const char *path) {
    if (path[0] == '/' || !b->cwd)
        return xstrdup(path);
    return path_join(b->cwd, path);
}

static void check_gate(const struct compare *c) {
    if (!c->gate_metric)
        return;
    for (size_t b = 0; b < c->spec.n; b++)
        if (cmp_bench_metric(&c->spec.bench[b], c->gate_metric))
            return;
    pgo_die(PGO_USAGE, "--gate %s: no benchmark in %s has a metric named '%s'", c->gate, c->spec_path,
            c->gate_metric);
}

static void check_program(const struct cmp_bench *b, const struct cmp_arm *a) {
    const char *prog = a->argv.v[0];
    if (!strchr(prog, '/')) {
        char *found = fs_search_path(prog);
        if (!found)
            pgo_die(PGO_USAGE, "%s: arm '%s': cannot run '%s': there is no such program in PATH", b->name, a->label,
                    prog);
        free(found);
        return;
    }
    char *path = in_cwd(b, prog);
    struct stat st;
    if (stat(path, &st) != 0)
        pgo_die(PGO_USAGE, "%s: arm '%s': cannot run '%s': %s", b->name, a->label, path, strerror(errno));
    if (!S_ISREG(st.st_mode) || access(path, X_OK) != 0)
        pgo_die(PGO_USAGE, "%s: arm '%s': cannot run '%s': it is not an executable file", b->name, a->label, path);
    free(path);
}

/* The folders, commands and size files exist; the sizes are summed. */
static void check_bench(struct compare *c, size_t bi) {
    const struct cmp_bench *b = &c->spec.bench[bi];
    struct stat st;
    if (b->cwd && (stat(b->cwd, &st) != 0 || !S_ISDIR(st.st_mode)))
        pgo_die(PGO_USAGE, "%s: cwd '%s' is not a folder", b->name, b->cwd);
    for (size_t ai = 0; ai < b->narms; ai++) {
        const struct cmp_arm *a = &b->arms[ai];
        check_program(b, a);
        long long sum = 0;
        for (size_t k = 0; k < a->sizes.n; k++) {
            char *path = in_cwd(b, a->sizes.v[k]);
            if (stat(path, &st) != 0)
                pgo_die(PGO_USAGE, "%s: arm '%s': size file '%s': %s", b->name, a->label, path, strerror(errno));
            if (!S_ISREG(st.st_mode))
                pgo_die(PGO_USAGE, "%s: arm '%s': size file '%s' is not a file", b->name, a->label, path);
            sum += (long long)st.st_size;
            free(path);
        }
        if (ai == 0 && a->sizes.n && sum == 0)
            pgo_die(PGO_USAGE, "%s: the size files of the reference arm '%s' are empty", b->name, a->label);
        c->res.arm[bi][ai].size = sum;
    }
}

/* DIR/<benchmark>/, without the files an earlier comparison kept. */
static char *prepare_out_dir(const struct compare *c, const struct cmp_bench *b) {
    char *dir = path_join(c->out, b->name);
    if (fs_mkdir_p(dir) != 0)
        pgo_die(PGO_BAD, "cannot create the folder %s: %s", dir, strerror(errno));
    DIR *d = opendir(dir);
    if (!d)
        pgo_die(PGO_BAD, "cannot read the folder %s: %s", dir, strerror(errno));
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (ends_with(e->d_name, ".stdout") || ends_with(e->d_name, ".stderr")) {
            char *p = path_join(dir, e->d_name);
            if (unlink(p) != 0 && errno != ENOENT)
                pgo_die(PGO_BAD, "cannot remove %s: %s", p, strerror(errno));
            free(p);
        }
    }
    closedir(d);
    return dir;
}

/* ---- running ---------------------------------------------------------------------- */

struct run_ctx {
    const struct cmp_bench *b;
    const struct cmp_arm *a;
    const char *dir;  /* DIR/<benchmark> */
    char tag[32];     /* "3" or "w1", in the file names */
    char what[48];    /* "round 3" or "warm-up 1", in messages */
    char *out, *err;  /* the kept files */
};

/* The last lines of the kept stderr, after the one-line message. */
static void show_tail(const char *path) {
    struct sbuf t;
    sb_init(&t);
    if (fs_read_file(path, &t, 0) != 0 || t.n == 0) {
        sb_free(&t);
        return;
    }
    size_t end = t.n;
    while (end && t.p[end - 1] == '\n')
        end--;
    size_t start = end, lines = 0;
    while (start > 0 && end - start < TAIL_BYTES) {
        if (t.p[start - 1] == '\n' && ++lines == TAIL_LINES)
            break;
        start--;
    }
    if (start > 0)
        fputs("[...]\n", stderr);
    fwrite(t.p + start, 1, end - start, stderr);
    fputc('\n', stderr);
    sb_free(&t);
}

PGO_NORETURN static void run_failed(const struct run_ctx *x, const struct run_result *r) {
    if (r->exited)
        pgo_msg("%s: %s, %s: exited with status %d; its stderr is kept in %s", x->b->name, x->a->label, x->what,
                r->code, x->err);
    else
        pgo_msg("%s: %s, %s: killed by signal %d; its stderr is kept in %s", x->b->name, x->a->label, x->what, r->code,
                x->err);
    show_tail(x->err);
    exit(PGO_BAD);
}

/* Finds metric M in the run's stdout, then its stderr. */
static double read_metric(const struct run_ctx *x, const struct cmp_metric *m) {
    const char *files[] = {x->out, x->err};
    struct sbuf text, captured;
    sb_init(&text);
    sb_init(&captured);
    double value = 0;
    for (size_t k = 0; k < 2; k++) {
        sb_clear(&text);
        if (fs_read_file(files[k], &text, 0) != 0)
            pgo_die(PGO_BAD, "cannot read %s: %s", files[k], strerror(errno));
        int rc = metric_find(&m->re, sb_str(&text), &value, &captured);
        if (rc == METRIC_FOUND) {
            sb_free(&text);
            sb_free(&captured);
            return value;
        }
        if (rc == METRIC_NOT_A_NUMBER)
            pgo_die(PGO_BAD, "%s: %s, %s: metric '%s' matched '%s' in %s, which is not a number", x->b->name,
                    x->a->label, x->what, m->name, sb_str(&captured), files[k]);
    }
    pgo_die(PGO_BAD, "%s: %s, %s: metric '%s' not found: no match for '%s' in %s or %s", x->b->name, x->a->label,
            x->what, m->name, m->pattern, x->out, x->err);
}

/* One run of arm A; with ROUND (0-based) it is timed and stored. */
static void run_arm(struct compare *c, size_t bi, size_t ai, const char *dir, int warmup, size_t k) {
    struct run_ctx x = {.b = &c->spec.bench[bi], .a = &c->spec.bench[bi].arms[ai], .dir = dir};
    snprintf(x.tag, sizeof x.tag, "%s%zu", warmup ? "w" : "", k + 1);
    snprintf(x.what, sizeof x.what, "%s %zu", warmup ? "warm-up" : "round", k + 1);
    char *stem = xasprintf("%s/%s.%s", dir, x.a->label, x.tag);
    x.out = xasprintf("%s.stdout", stem);
    x.err = xasprintf("%s.stderr", stem);
    free(stem);
    struct run_result r;
    if (compare_run(x.a->argv.v, x.b->cwd, x.out, x.err, &r) != 0)
        pgo_die(PGO_BAD, "%s: %s, %s: cannot start it (%s): %s", x.b->name, x.a->label, x.what, x.out,
                strerror(errno));
    if (r.exec_errno)
        pgo_die(PGO_BAD, "%s: %s, %s: cannot run '%s': %s", x.b->name, x.a->label, x.what, x.a->argv.v[0],
                strerror(r.exec_errno));
    if (!r.exited || r.code != 0)
        run_failed(&x, &r);
    struct cmp_arm_result *res = &c->res.arm[bi][ai];
    for (size_t m = 0; m < x.b->nmetrics; m++) {
        double v = read_metric(&x, &x.b->metrics[m]);
        if (!warmup)
            res->metric[m * c->rounds + k] = v;
    }
    if (!warmup) {
        res->wall[k] = r.wall_ms;
        res->cpu[k] = r.cpu_ms;
    }
    free(x.out);
    free(x.err);
}

/* Round K (0-based) runs the arms forward when K is even, else backward. */
static void run_round(struct compare *c, size_t bi, const char *dir, int warmup, size_t k) {
    size_t n = c->spec.bench[bi].narms;
    if (!c->quiet)
        pgo_msg("%s: %s %zu/%zu", c->spec.bench[bi].name, warmup ? "warm-up" : "round", k + 1,
                warmup ? c->warmup : c->rounds);
    for (size_t i = 0; i < n; i++)
        run_arm(c, bi, k % 2 == 0 ? i : n - 1 - i, dir, warmup, k);
}

/* ---- reports and the gate ------------------------------------------------------------ */

static void write_report(const char *path, void (*fn)(struct sbuf *, const struct cmp_results *),
                         const struct cmp_results *res) {
    struct sbuf text;
    sb_init(&text);
    fn(&text, res);
    char *dir = path_dirname(path);
    if (fs_mkdir_p(dir) != 0 || fs_write_atomic(dir, path, text.p, text.n, 0) != 0)
        pgo_die(PGO_BAD, "cannot write %s: %s", path, strerror(errno));
    free(dir);
    sb_free(&text);
}

/* 1 when some arm's gated ratio is above the limit (or missing). */
static int gate_fails(const struct compare *c) {
    int failed = 0;
    for (size_t bi = 0; bi < c->spec.n; bi++) {
        const struct cmp_bench *b = &c->spec.bench[bi];
        const char *measure = c->gate_metric ? c->gate_metric : c->gate;
        size_t m = 0;
        if (c->gate_metric) {
            const struct cmp_metric *found = cmp_bench_metric(b, c->gate_metric);
            if (!found)
                continue; /* not gated: the benchmark has no such figure */
            m = (size_t)(found - b->metrics);
        }
        for (size_t ai = 1; ai < b->narms; ai++) {
            const struct cmp_arm_result *r = &c->res.arm[bi][ai];
            const struct ratio_stats *s = c->gate_metric              ? &r->metric_ratio[m]
                                          : strcmp(c->gate, "wall") == 0 ? &r->wall_ratio
                                                                         : &r->cpu_ratio;
            if (!s->n) {
                pgo_msg("%s: %s vs %s: no %s ratio to check against --fail-above %s (no round had a %s figure above 0)",
                        b->name, b->arms[ai].label, b->arms[0].label, measure, c->fail_above_text, b->arms[0].label);
                failed = 1;
            } else if (s->median > c->fail_above) {
                pgo_msg("%s: %s vs %s: %s %.4fx (median of %zu per-round ratio%s) is above --fail-above %s", b->name,
                        b->arms[ai].label, b->arms[0].label, measure, s->median, s->n, s->n == 1 ? "" : "s",
                        c->fail_above_text);
                failed = 1;
            }
        }
    }
    return failed;
}

int cmd_compare(int argc, char **argv) {
    struct compare c;
    memset(&c, 0, sizeof c);
    parse_options(argc, argv, &c);

    struct sbuf text, err;
    sb_init(&text);
    sb_init(&err);
    if (fs_read_file(c.spec_path, &text, 0) != 0)
        pgo_die(PGO_USAGE, "cannot read the spec %s: %s", c.spec_path, strerror(errno));
    if (cmp_spec_parse(text.p, text.n, c.spec_path, &c.spec, &err) != 0)
        pgo_die(PGO_USAGE, "%s", sb_str(&err));
    sb_free(&text);
    sb_free(&err);
    check_gate(&c);
    compare_results_init(&c.res, &c.spec, c.rounds, c.warmup);
    for (size_t b = 0; b < c.spec.n; b++)
        check_bench(&c, b);

    for (size_t b = 0; b < c.spec.n; b++) {
        char *dir = prepare_out_dir(&c, &c.spec.bench[b]);
        for (size_t k = 0; k < c.warmup; k++)
            run_round(&c, b, dir, 1, k);
        for (size_t k = 0; k < c.rounds; k++)
            run_round(&c, b, dir, 0, k);
        free(dir);
    }

    compare_figures(&c.res);
    compare_print(stdout, &c.res);
    if (c.csv)
        write_report(c.csv, compare_csv, &c.res);
    if (c.json)
        write_report(c.json, compare_json, &c.res);
    int rc = PGO_OK;
    if (c.fail_above_text && gate_fails(&c))
        rc = PGO_GATE;
    compare_results_free(&c.res);
    cmp_spec_free(&c.spec);
    sv_free(&c.args);
    return rc;
}
