/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "compare_spec.h"

#include <stdlib.h>
#include <string.h>

#include "metric.h"

/* Measures every benchmark has: no metric may take their names. */
static const char *const builtin_measures[] = {"cpu", "wall", "size"};

int cmp_valid_label(const char *s) {
    if (!*s)
        return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

int cmp_valid_metric_name(const char *s) {
    if (!*s || (*s >= '0' && *s <= '9'))
        return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

const struct cmp_metric *cmp_bench_metric(const struct cmp_bench *b, const char *name) {
    for (size_t i = 0; i < b->nmetrics; i++)
        if (strcmp(b->metrics[i].name, name) == 0)
            return &b->metrics[i];
    return NULL;
}

static void free_bench(struct cmp_bench *b) {
    free(b->name);
    free(b->cwd);
    for (size_t i = 0; i < b->nmetrics; i++) {
        free(b->metrics[i].name);
        free(b->metrics[i].pattern);
        regfree(&b->metrics[i].re);
    }
    free(b->metrics);
    for (size_t i = 0; i < b->narms; i++) {
        free(b->arms[i].label);
        sv_free(&b->arms[i].argv);
        sv_free(&b->arms[i].sizes);
    }
    free(b->arms);
}

void cmp_spec_free(struct cmp_spec *spec) {
    for (size_t i = 0; i < spec->n; i++)
        free_bench(&spec->bench[i]);
    free(spec->bench);
    spec->bench = NULL;
    spec->n = 0;
}

struct parser {
    const char *file;
    int line;
    struct cmp_spec *spec;
    struct sbuf *err;
};

#define FAIL(p, ...)                                                                                                   \
    do {                                                                                                               \
        sb_addf((p)->err, "%s:%d: ", (p)->file, (p)->line);                                                           \
        sb_addf((p)->err, __VA_ARGS__);                                                                                \
        return -1;                                                                                                     \
    } while (0)

static struct cmp_bench *current(struct parser *p) { return p->spec->n ? &p->spec->bench[p->spec->n - 1] : NULL; }

static int add_benchmark(struct parser *p, const char *name) {
    if (!cmp_valid_label(name))
        FAIL(p, "benchmark name '%s' is not made of letters, digits, '-' and '_' (it names a folder)", name);
    for (size_t i = 0; i < p->spec->n; i++)
        if (strcmp(p->spec->bench[i].name, name) == 0)
            FAIL(p, "benchmark '%s' again (first on line %d); give each benchmark its own name", name,
                 p->spec->bench[i].line);
    p->spec->bench = xrealloc(p->spec->bench, (p->spec->n + 1) * sizeof *p->spec->bench);
    struct cmp_bench *b = &p->spec->bench[p->spec->n++];
    memset(b, 0, sizeof *b);
    b->name = xstrdup(name);
    b->line = p->line;
    return 0;
}

static int add_metric(struct parser *p, struct cmp_bench *b, const char *value) {
    const char *space = strchr(value, ' ');
    if (!space || space == value || !space[1])
        FAIL(p, "'metric' needs a name and a regular expression: metric <name> <regex>");
    char *name = xasprintf("%.*s", (int)(space - value), value);
    const char *pattern = space + 1;
    int bad = 0;
    if (!cmp_valid_metric_name(name)) {
        sb_addf(p->err, "%s:%d: metric name '%s' is not a letter or '_' followed by letters, digits and '_'",
                p->file, p->line, name);
        bad = 1;
    }
    for (size_t i = 0; !bad && i < sizeof builtin_measures / sizeof *builtin_measures; i++) {
        if (strcmp(name, builtin_measures[i]) == 0) {
            sb_addf(p->err, "%s:%d: metric name '%s' is that of a measure pgo compare makes itself; choose another",
                    p->file, p->line, name);
            bad = 1;
        }
    }
    if (!bad && cmp_bench_metric(b, name)) {
        sb_addf(p->err, "%s:%d: metric '%s' twice in benchmark '%s'", p->file, p->line, name, b->name);
        bad = 1;
    }
    regex_t re;
    struct sbuf why;
    sb_init(&why);
    if (!bad && metric_compile(pattern, &re, &why) != 0) {
        sb_addf(p->err, "%s:%d: metric '%s': bad regular expression '%s': %s", p->file, p->line, name, pattern,
                sb_str(&why));
        bad = 1;
    }
    sb_free(&why);
    if (bad) {
        free(name);
        return -1;
    }
    b->metrics = xrealloc(b->metrics, (b->nmetrics + 1) * sizeof *b->metrics);
    struct cmp_metric *m = &b->metrics[b->nmetrics++];
    m->name = name;
    m->pattern = xstrdup(pattern);
    m->re = re;
    return 0;
}

static int add_arm(struct parser *p, struct cmp_bench *b, const char *label) {
    if (!cmp_valid_label(label))
        FAIL(p, "arm label '%s' is not made of letters, digits, '-' and '_' (it names files)", label);
    for (size_t i = 0; i < b->narms; i++)
        if (strcmp(b->arms[i].label, label) == 0)
            FAIL(p, "arm '%s' again in benchmark '%s' (first on line %d)", label, b->name, b->arms[i].line);
    b->arms = xrealloc(b->arms, (b->narms + 1) * sizeof *b->arms);
    struct cmp_arm *a = &b->arms[b->narms++];
    a->label = xstrdup(label);
    sv_init(&a->argv);
    sv_init(&a->sizes);
    a->line = p->line;
    return 0;
}

/* One non-empty, non-comment line: DIRECTIVE[ VALUE]. */
static int directive(struct parser *p, const char *word, size_t wlen, const char *value) {
    static const char *const known[] = {"benchmark", "cwd", "metric", "arm", "size", "arg"};
    const char *d = NULL;
    for (size_t k = 0; k < sizeof known / sizeof *known; k++)
        if (strlen(known[k]) == wlen && strncmp(word, known[k], wlen) == 0)
            d = known[k];
    if (!d)
        FAIL(p, "unknown directive '%.*s' (the directives are benchmark, cwd, metric, arm, size and arg)", (int)wlen,
             word);
    /* An 'arg' may be empty (an empty argument); nothing else may. */
    if (!value || (!*value && strcmp(d, "arg") != 0))
        FAIL(p, "'%s' needs a value", d);
    if (strcmp(d, "benchmark") == 0)
        return add_benchmark(p, value);
    struct cmp_bench *b = current(p);
    if (!b)
        FAIL(p, "'%s' before the first 'benchmark' line", d);
    if (strcmp(d, "cwd") == 0) {
        if (b->cwd)
            FAIL(p, "a second 'cwd' in benchmark '%s'", b->name);
        b->cwd = xstrdup(value);
        return 0;
    }
    if (strcmp(d, "metric") == 0)
        return add_metric(p, b, value);
    if (strcmp(d, "arm") == 0)
        return add_arm(p, b, value);
    if (!b->narms)
        FAIL(p, "'%s' before the first 'arm' line of benchmark '%s'", d, b->name);
    struct cmp_arm *a = &b->arms[b->narms - 1];
    sv_push(strcmp(d, "size") == 0 ? &a->sizes : &a->argv, value);
    return 0;
}

/* What the lines alone cannot show: every benchmark compares something,
 * every arm has a command, and sizes are given for all arms or none. */
static int check_bench(struct parser *p, const struct cmp_bench *b) {
    p->line = b->line;
    if (b->narms < 2)
        FAIL(p, "benchmark '%s' has %zu arm%s; it needs two or more (the first is the reference): add 'arm <label>' "
                "blocks",
             b->name, b->narms, b->narms == 1 ? "" : "s");
    for (size_t i = 0; i < b->narms; i++) {
        const struct cmp_arm *a = &b->arms[i];
        p->line = a->line;
        if (!a->argv.n)
            FAIL(p, "arm '%s' of benchmark '%s' has no command: add 'arg <program>' (and one 'arg' line per argument)",
                 a->label, b->name);
        if (!a->argv.v[0][0])
            FAIL(p, "arm '%s' of benchmark '%s': the program (its first 'arg') is empty", a->label, b->name);
        if ((a->sizes.n == 0) != (b->arms[0].sizes.n == 0))
            FAIL(p, "benchmark '%s': arm '%s' has %s 'size' lines but the reference arm '%s' has %s; give every arm its "
                    "files, or none",
                 b->name, a->label, a->sizes.n ? "its" : "no", b->arms[0].label, a->sizes.n ? "none" : "some");
    }
    return 0;
}

int cmp_spec_parse(const char *text, size_t len, const char *file, struct cmp_spec *spec, struct sbuf *err) {
    spec->bench = NULL;
    spec->n = 0;
    struct parser p = {file, 0, spec, err};
    struct sbuf line;
    sb_init(&line);
    int rc = 0;
    size_t pos = 0;
    while (rc == 0 && pos < len) {
        p.line++;
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (memchr(start, '\0', n)) {
            sb_addf(err, "%s:%d: a NUL byte; the spec is a text file", file, p.line);
            rc = -1;
            break;
        }
        while (n && start[n - 1] == '\r')
            n--;
        sb_clear(&line);
        sb_add(&line, start, n);
        const char *s = sb_str(&line);
        s += strspn(s, " \t");
        if (!*s || *s == '#')
            continue;
        const char *space = strchr(s, ' ');
        size_t wlen = space ? (size_t)(space - s) : strlen(s);
        rc = directive(&p, s, wlen, space ? space + 1 : NULL);
    }
    sb_free(&line);
    if (rc == 0 && spec->n == 0) {
        sb_addf(err, "%s: no benchmarks: add a 'benchmark <name>' line and its arms", file);
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < spec->n; i++)
        rc = check_bench(&p, &spec->bench[i]);
    if (rc != 0)
        cmp_spec_free(spec);
    return rc;
}
