/*
 * pgo-compare: interleaved A/B benchmark runner for baseline vs. PGO builds.
 *
 *   pgo-compare [--rounds N] [--warmup N] [--fail-above RATIO]
 *               [--csv FILE] [--json FILE] [--quiet] SPEC
 *
 * --rounds N   timed A/B rounds per benchmark (default 7; >= 5 recommended,
 *              since only the median of a handful of samples resists noise)
 * --warmup N   untimed A/B rounds first, to warm caches (default 1)
 * --fail-above RATIO  exit 3 if any median time ratio (optimized/baseline)
 *              is greater than RATIO; checked after the reports are written
 *
 * SPEC has one directive per line; the value is everything after the first
 * space, verbatim (one argv element per line, so no quoting is needed).
 * Empty lines and lines starting with '#' are ignored.
 *
 *   benchmark <name>          starts a new benchmark
 *   cwd <dir>                 optional working directory for both commands
 *   baseline-size <file>      file whose size is the baseline binary size
 *   optimized-size <file>
 *   baseline <arg>            repeated: argv of the baseline command
 *   optimized <arg>           repeated: argv of the optimized command
 *
 * Relative size paths and a relative argv[0] containing '/' are resolved
 * against cwd. argv[0] without '/' is searched in PATH (execvp).
 *
 * Exit status: 0 ok, 1 a command or I/O failed, 2 usage/spec error,
 * 3 --fail-above exceeded.
 */
#define _DEFAULT_SOURCE /* wait4() */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ROUNDS 100000L
#define STDERR_SHOWN 4096 /* bytes of a failing command's stderr to show */

enum { BASE, OPT };
static const char *const side_name[2] = {"baseline", "optimized"};

struct strvec { char **v; size_t n, cap; };

struct bench {
    char *name, *cwd, *size_path[2];
    struct strvec argv[2];
    long long size[2];
    int line; /* spec line of the 'benchmark' directive, for messages */
};

struct result {
    double wall[2], cpu[2]; /* medians in ms */
    double ratio_med, ratio_min, ratio_max, cpu_ratio;
};

struct options {
    long rounds, warmup;
    double fail_above;
    const char *fail_above_str, *csv, *json, *spec;
    int quiet;
};

struct runner { int devnull, errfd; };

struct ctx {
    struct options opt;
    struct bench *b;
    struct result *r;
    size_t n;
};

/* ---- small utilities ---------------------------------------------------- */

#ifdef __GNUC__
__attribute__((format(printf, 2, 3), noreturn))
#endif
static void die(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("pgo-compare: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(code);
}

static void *xrealloc(void *p, size_t size) {
    p = realloc(p, size);
    if (!p)
        die(1, "out of memory");
    return p;
}

static char *xstrdup(const char *s) {
    return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

static void strvec_push(struct strvec *sv, const char *s) {
    if (sv->n + 2 > sv->cap) { /* keep room for the NULL terminator */
        sv->cap = sv->cap ? 2 * sv->cap : 8;
        sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
    }
    sv->v[sv->n++] = xstrdup(s);
    sv->v[sv->n] = NULL;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v in place. */
static double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- command line ------------------------------------------------------- */

static void usage(int code) {
    fputs("usage: pgo-compare [--rounds N] [--warmup N] [--fail-above RATIO]"
          " [--csv FILE] [--json FILE] [--quiet] SPEC\n",
          code ? stderr : stdout);
    exit(code);
}

static long parse_count(const char *opt, const char *s, long min) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > MAX_ROUNDS)
        die(2, "%s: expected an integer from %ld to %ld, got '%s'",
            opt, min, MAX_ROUNDS, s);
    return v;
}

static double parse_ratio(const char *opt, const char *s) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v > 0) || !isfinite(v))
        die(2, "%s: expected a positive number, got '%s'", opt, s);
    return v;
}

static void parse_args(int argc, char **argv, struct options *o) {
    *o = (struct options){.rounds = 7, .warmup = 1};
    int i;
    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) usage(0);
        if (!strcmp(a, "--quiet")) { o->quiet = 1; continue; }
        if (strcmp(a, "--rounds") && strcmp(a, "--warmup") && strcmp(a, "--csv")
            && strcmp(a, "--json") && strcmp(a, "--fail-above")) {
            fprintf(stderr, "pgo-compare: unknown option '%s'\n", a);
            usage(2);
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "pgo-compare: %s needs a value\n", a);
            usage(2);
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--rounds")) o->rounds = parse_count(a, v, 1);
        else if (!strcmp(a, "--warmup")) o->warmup = parse_count(a, v, 0);
        else if (!strcmp(a, "--csv")) o->csv = v;
        else if (!strcmp(a, "--json")) o->json = v;
        else { o->fail_above = parse_ratio(a, v); o->fail_above_str = v; }
    }
    if (argc - i != 1)
        usage(2);
    o->spec = argv[i];
}

/* ---- spec file ---------------------------------------------------------- */

static int is_word(const char *p, size_t n, const char *word) {
    return strlen(word) == n && !strncmp(p, word, n);
}

static struct bench *parse_spec(const char *spec, size_t *count) {
    /* The order matters: indices map to fields below. */
    static const char *const known[] = {"benchmark", "cwd", "baseline-size",
                                        "optimized-size", "baseline", "optimized"};
    FILE *f = fopen(spec, "r");
    if (!f)
        die(2, "cannot open spec '%s': %s", spec, strerror(errno));
    struct bench *b = NULL;
    size_t n = 0, cap = 0;
    char *buf = NULL;
    ssize_t len;
    int line = 0;
    while ((len = getline(&buf, &cap, f)) != -1) {
        line++;
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = '\0';
        char *p = buf + strspn(buf, " \t");
        if (!*p || *p == '#')
            continue;
        char *val = strchr(p, ' ');
        size_t dlen = val ? (size_t)(val - p) : strlen(p);
        size_t k = 0;
        while (k < sizeof known / sizeof *known && !is_word(p, dlen, known[k]))
            k++;
        if (k == sizeof known / sizeof *known)
            die(2, "%s:%d: unknown directive '%.*s'", spec, line, (int)dlen, p);
        if (!val)
            die(2, "%s:%d: '%s' needs a value", spec, line, known[k]);
        val++;
        if (k == 0) {
            if (!*val)
                die(2, "%s:%d: empty benchmark name", spec, line);
            b = xrealloc(b, ++n * sizeof *b);
            b[n - 1] = (struct bench){.name = xstrdup(val), .line = line};
        } else if (n == 0) {
            die(2, "%s:%d: '%s' before the first 'benchmark' line", spec, line, known[k]);
        } else if (k >= 4) { /* baseline / optimized: one argv element */
            strvec_push(&b[n - 1].argv[k - 4], val);
        } else { /* cwd / baseline-size / optimized-size: at most once */
            char **field = k == 1 ? &b[n - 1].cwd : &b[n - 1].size_path[k - 2];
            if (*field)
                die(2, "%s:%d: duplicate '%s' directive", spec, line, known[k]);
            *field = xstrdup(val);
        }
    }
    free(buf);
    fclose(f);
    if (n == 0)
        die(2, "%s: no benchmarks defined", spec);
    *count = n;
    return b;
}

/* Checks everything up front so a bad spec fails before any time is spent. */
static void validate(struct bench *b, const char *spec) {
    struct stat st;
    if (b->cwd && (stat(b->cwd, &st) != 0 || !S_ISDIR(st.st_mode)))
        die(2, "benchmark '%s': cwd '%s' is not a directory", b->name, b->cwd);
    for (int s = BASE; s <= OPT; s++) {
        if (!b->argv[s].n)
            die(2, "%s:%d: benchmark '%s' has no %s command",
                spec, b->line, b->name, side_name[s]);
        const char *path = b->size_path[s];
        if (!path)
            die(2, "%s:%d: benchmark '%s' has no %s-size file",
                spec, b->line, b->name, side_name[s]);
        char *full = xrealloc(NULL, strlen(path) + (b->cwd ? strlen(b->cwd) : 0) + 2);
        if (path[0] != '/' && b->cwd)
            sprintf(full, "%s/%s", b->cwd, path);
        else
            strcpy(full, path);
        if (stat(full, &st) != 0)
            die(2, "benchmark '%s': %s-size file '%s': %s", b->name, side_name[s], full,
                strerror(errno));
        b->size[s] = (long long)st.st_size;
        free(full);
    }
    if (b->size[BASE] == 0)
        die(2, "benchmark '%s': baseline-size file '%s' is empty", b->name,
            b->size_path[BASE]);
}

/* ---- running commands --------------------------------------------------- */

static struct runner open_runner(void) {
    struct runner r;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/pgo-compare-XXXXXX", dir && *dir ? dir : "/tmp");
    r.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    r.errfd = mkstemp(path);
    if (r.devnull < 0 || r.errfd < 0)
        die(1, "cannot open /dev/null or temporary file '%s': %s", path, strerror(errno));
    unlink(path); /* anonymous: nothing to clean up on exit */
    fcntl(r.errfd, F_SETFD, FD_CLOEXEC);
    return r;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv) {
    return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

static void child_exec(const struct runner *r, const struct bench *b, int side) {
    dup2(r->devnull, STDIN_FILENO);
    dup2(r->devnull, STDOUT_FILENO);
    dup2(r->errfd, STDERR_FILENO);
    if (b->cwd && chdir(b->cwd) != 0) {
        dprintf(STDERR_FILENO, "cannot chdir to '%s': %s\n", b->cwd, strerror(errno));
        _exit(126);
    }
    execvp(b->argv[side].v[0], b->argv[side].v);
    dprintf(STDERR_FILENO, "cannot execute '%s': %s\n", b->argv[side].v[0], strerror(errno));
    _exit(127);
}

/* Shows the tail of the captured stderr: errors usually come last. */
static void report_failure(const struct runner *r, const struct bench *b, int side,
                           int status) {
    fprintf(stderr, "pgo-compare: %s: %s command failed (", b->name, side_name[side]);
    if (WIFEXITED(status))
        fprintf(stderr, "exit status %d):", WEXITSTATUS(status));
    else
        fprintf(stderr, "killed by signal %d):", WTERMSIG(status));
    for (char **a = b->argv[side].v; *a; a++)
        fprintf(stderr, " %s", *a);
    fputc('\n', stderr);

    char buf[STDERR_SHOWN];
    off_t size = lseek(r->errfd, 0, SEEK_END);
    off_t from = size > STDERR_SHOWN ? size - STDERR_SHOWN : 0;
    ssize_t got = size > 0 ? pread(r->errfd, buf, sizeof buf, from) : 0;
    if (from > 0)
        fputs("[... stderr truncated ...]\n", stderr);
    if (got > 0) {
        fwrite(buf, 1, (size_t)got, stderr);
        if (buf[got - 1] != '\n')
            fputc('\n', stderr);
    }
    exit(1);
}

/* One timed run; exits the program if the command fails. */
static void run_once(const struct runner *r, const struct bench *b, int side,
                     double *wall_ms, double *cpu_ms) {
    if (ftruncate(r->errfd, 0) != 0 || lseek(r->errfd, 0, SEEK_SET) != 0)
        die(1, "cannot reset stderr capture file: %s", strerror(errno));
    fflush(NULL); /* don't time our own output, and don't duplicate it in the child */
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        die(1, "fork: %s", strerror(errno));
    if (pid == 0)
        child_exec(r, b, side);
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR)
            die(1, "wait4: %s", strerror(errno));
    double t1 = now_ms();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        report_failure(r, b, side, status);
    *wall_ms = t1 - t0;
    *cpu_ms = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
}

static void progress(const struct options *o, const struct bench *b,
                     const char *what, long i, long n) {
    if (!o->quiet)
        fprintf(stderr, "pgo-compare: %s: %s %ld/%ld\n", b->name, what, i, n);
}

/* Alternates baseline and optimized (A B A B ...) so that slow drift in
 * machine state (thermal, frequency, background load) hits both equally. */
static void run_bench(const struct runner *r, const struct options *o,
                      const struct bench *b, struct result *res) {
    size_t n = (size_t)o->rounds, ncpu = 0;
    double *v = xrealloc(NULL, 6 * n * sizeof *v), dummy[2];
    double *wall[2] = {v, v + n}, *cpu[2] = {v + 2 * n, v + 3 * n};
    double *ratio = v + 4 * n, *cpu_ratio = v + 5 * n;

    for (long w = 0; w < o->warmup; w++) {
        progress(o, b, "warm-up", w + 1, o->warmup);
        run_once(r, b, BASE, &dummy[0], &dummy[1]);
        run_once(r, b, OPT, &dummy[0], &dummy[1]);
    }
    for (size_t i = 0; i < n; i++) {
        progress(o, b, "round", (long)i + 1, o->rounds);
        for (int s = BASE; s <= OPT; s++)
            run_once(r, b, s, &wall[s][i], &cpu[s][i]);
        ratio[i] = wall[OPT][i] / wall[BASE][i];
        if (cpu[BASE][i] > 0) /* very short commands may record no CPU time */
            cpu_ratio[ncpu++] = cpu[OPT][i] / cpu[BASE][i];
    }
    res->ratio_med = median(ratio, n);
    res->ratio_min = ratio[0];
    res->ratio_max = ratio[n - 1];
    res->cpu_ratio = ncpu ? median(cpu_ratio, ncpu) : NAN;
    for (int s = BASE; s <= OPT; s++) {
        res->wall[s] = median(wall[s], n);
        res->cpu[s] = median(cpu[s], n);
    }
    free(v);
}

/* ---- reporting ---------------------------------------------------------- */

static double size_pct(const struct bench *b) {
    return (double)(b->size[OPT] - b->size[BASE]) / (double)b->size[BASE] * 100.0;
}

static void print_summary(const struct options *o, const struct bench *b,
                          const struct result *r) {
    double pct = size_pct(b);
    long rounded = pct < 0 ? -(long)(-pct + 0.5) : (long)(pct + 0.5); /* no libm */
    printf("%s: %.2fx time (%.2f-%.2f), %+ld%% size\n", b->name, r->ratio_med,
           r->ratio_min, r->ratio_max, rounded);
    printf("  baseline %.1f ms, optimized %.1f ms (median wall of %ld A/B round%s"
           " after %ld warm-up%s); cpu ",
           r->wall[BASE], r->wall[OPT], o->rounds, o->rounds == 1 ? "" : "s",
           o->warmup, o->warmup == 1 ? "" : "s");
    if (isnan(r->cpu_ratio))
        puts("n/a");
    else
        printf("%.2fx\n", r->cpu_ratio);
    fflush(stdout);
}

/* The columns shared by the CSV and JSON reports (after the name). */
struct field { const char *key; double val; int prec; };
#define NFIELDS 12

static void get_fields(const struct ctx *c, size_t i, struct field f[NFIELDS]) {
    const struct bench *b = &c->b[i];
    const struct result *r = &c->r[i];
    struct field all[NFIELDS] = {
        {"rounds", (double)c->opt.rounds, 0},
        {"baseline_wall_ms", r->wall[BASE], 3}, {"optimized_wall_ms", r->wall[OPT], 3},
        {"ratio_median", r->ratio_med, 4}, {"ratio_min", r->ratio_min, 4},
        {"ratio_max", r->ratio_max, 4},
        {"baseline_cpu_ms", r->cpu[BASE], 3}, {"optimized_cpu_ms", r->cpu[OPT], 3},
        {"cpu_ratio_median", r->cpu_ratio, 4},
        {"baseline_size", (double)b->size[BASE], 0},
        {"optimized_size", (double)b->size[OPT], 0},
        {"size_change_pct", size_pct(b), 2},
    };
    memcpy(f, all, sizeof all);
}

static void put_num(FILE *f, const struct field *fd, const char *nan_text) {
    if (isnan(fd->val))
        fputs(nan_text, f);
    else
        fprintf(f, "%.*f", fd->prec, fd->val);
}

static void write_csv(FILE *f, const struct ctx *c) {
    struct field fd[NFIELDS];
    get_fields(c, 0, fd);
    fputs("benchmark", f);
    for (int k = 0; k < NFIELDS; k++)
        fprintf(f, ",%s", fd[k].key);
    fputc('\n', f);
    for (size_t i = 0; i < c->n; i++) {
        const char *s = c->b[i].name;
        if (strpbrk(s, ",\"")) { /* RFC 4180 quoting */
            fputc('"', f);
            for (; *s; s++) {
                if (*s == '"')
                    fputc('"', f); /* quotes are doubled */
                fputc(*s, f);
            }
            fputc('"', f);
        } else {
            fputs(s, f);
        }
        get_fields(c, i, fd);
        for (int k = 0; k < NFIELDS; k++) {
            fputc(',', f);
            put_num(f, &fd[k], "");
        }
        fputc('\n', f);
    }
}

static void write_json(FILE *f, const struct ctx *c) {
    struct field fd[NFIELDS];
    fprintf(f, "{\"rounds\":%ld,\"warmup\":%ld,\"benchmarks\":[", c->opt.rounds,
            c->opt.warmup);
    for (size_t i = 0; i < c->n; i++) {
        fputs(i ? ",{\"name\":\"" : "{\"name\":\"", f);
        for (const unsigned char *s = (const unsigned char *)c->b[i].name; *s; s++) {
            if (*s == '"' || *s == '\\')
                fprintf(f, "\\%c", *s);
            else if (*s < 0x20)
                fprintf(f, "\\u%04x", *s);
            else
                fputc(*s, f);
        }
        fputc('"', f);
        get_fields(c, i, fd);
        for (int k = 0; k < NFIELDS; k++) {
            fprintf(f, ",\"%s\":", fd[k].key);
            put_num(f, &fd[k], "null");
        }
        fputc('}', f);
    }
    fputs("]}\n", f);
}

/* Write to FILE.tmp and rename, so readers never see a half-written report. */
static void write_atomically(const char *path, void (*fn)(FILE *, const struct ctx *),
                             const struct ctx *c) {
    char *tmp = xrealloc(NULL, strlen(path) + 5);
    sprintf(tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        die(1, "cannot write '%s': %s", tmp, strerror(errno));
    fn(f, c);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        int err = bad ? EIO : errno;
        unlink(tmp);
        die(1, "cannot write '%s': %s", path, strerror(err));
    }
    free(tmp);
}

int main(int argc, char **argv) {
    struct ctx c;
    parse_args(argc, argv, &c.opt);
    c.b = parse_spec(c.opt.spec, &c.n);
    for (size_t i = 0; i < c.n; i++)
        validate(&c.b[i], c.opt.spec);

    struct runner r = open_runner();
    c.r = xrealloc(NULL, c.n * sizeof *c.r);
    for (size_t i = 0; i < c.n; i++) {
        run_bench(&r, &c.opt, &c.b[i], &c.r[i]);
        print_summary(&c.opt, &c.b[i], &c.r[i]);
    }
    if (c.opt.csv)
        write_atomically(c.opt.csv, write_csv, &c);
    if (c.opt.json)
        write_atomically(c.opt.json, write_json, &c);

    int rc = 0;
    for (size_t i = 0; c.opt.fail_above_str && i < c.n; i++) {
        if (c.r[i].ratio_med > c.opt.fail_above) {
            fprintf(stderr, "pgo-compare: %s: optimized build is slower than allowed:"
                    " %.2fx > %sx (fail-above)\n", c.b[i].name, c.r[i].ratio_med,
                    c.opt.fail_above_str);
            rc = 3;
        }
    }
    return rc;
}
