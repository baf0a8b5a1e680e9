/* SPDX-License-Identifier: MIT */
/* compare_spec.c and metric.c: good and bad specs (with the line of each
 * error), and metrics found in a program's output. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "compare_spec.h"
#include "metric.h"
#include "test.h"

/* Parses TEXT; returns the error ("" when it parsed) in a static buffer. */
static const char *parse(const char *text, struct cmp_spec *spec) {
    static char msg[1024];
    struct sbuf err;
    sb_init(&err);
    int rc = cmp_spec_parse(text, strlen(text), "t.spec", spec, &err);
    snprintf(msg, sizeof msg, "%s", rc == 0 ? "" : sb_str(&err));
    if (rc == 0 && err.n)
        snprintf(msg, sizeof msg, "parsed, yet an error: %s", sb_str(&err));
    sb_free(&err);
    return msg;
}

static void expect_error(const char *text, const char *want) {
    struct cmp_spec spec;
    CHECK_STR(parse(text, &spec), want);
    CHECK_INT(spec.n, 0);
}

static void good_specs(void) {
    struct cmp_spec spec;
    const char *text = "# two benchmarks\n"
                       "\n"
                       "benchmark interp\n"
                       "cwd /w d\n"
                       "metric ops_per_s ops=([0-9.]+)/s\n"
                       "  metric lat \\[lat ([0-9]+)\\]\n"
                       "arm baseline\n"
                       "size bin/a\n"
                       "size lib/x y.so\n"
                       "arg ./interp\n"
                       "arg  two  spaces \n"
                       "arg \n"
                       "arg a;b $(x) `y` 'z'\r\n"
                       "arm optimized\n"
                       "size o/a\n"
                       "size o/x.so\n"
                       "arg ./o\n"
                       "arm sample-2_x\n"
                       "size s/a\n"
                       "arg ./s\n"
                       "benchmark b\n"
                       "arm r\n"
                       "arg r\n"
                       "arm o\n"
                       "arg o\n";
    CHECK_STR(parse(text, &spec), "");
    CHECK_INT(spec.n, 2);
    if (spec.n != 2)
        return;
    const struct cmp_bench *b = &spec.bench[0];
    CHECK_STR(b->name, "interp");
    CHECK_STR(b->cwd, "/w d");
    CHECK_INT(b->line, 3);
    CHECK_INT(b->nmetrics, 2);
    CHECK_STR(b->metrics[0].name, "ops_per_s");
    CHECK_STR(b->metrics[0].pattern, "ops=([0-9.]+)/s");
    CHECK_STR(b->metrics[1].pattern, "\\[lat ([0-9]+)\\]");
    CHECK(cmp_bench_metric(b, "lat") == &b->metrics[1]);
    CHECK(cmp_bench_metric(b, "nope") == NULL);
    CHECK_INT(b->narms, 3);
    CHECK_STR(b->arms[0].label, "baseline");
    CHECK_INT(b->arms[0].line, 7);
    CHECK_INT(b->arms[0].sizes.n, 2);
    CHECK_STR(b->arms[0].sizes.v[1], "lib/x y.so");
    CHECK_INT(b->arms[0].argv.n, 4);
    CHECK_STR(b->arms[0].argv.v[0], "./interp");
    CHECK_STR(b->arms[0].argv.v[1], " two  spaces ");
    CHECK_STR(b->arms[0].argv.v[2], "");
    CHECK_STR(b->arms[0].argv.v[3], "a;b $(x) `y` 'z'");
    CHECK(b->arms[0].argv.v[4] == NULL); /* an argv */
    CHECK_STR(b->arms[2].label, "sample-2_x");
    CHECK_INT(b->arms[2].sizes.n, 1);
    b = &spec.bench[1];
    CHECK(b->cwd == NULL);
    CHECK_INT(b->nmetrics, 0);
    CHECK_INT(b->narms, 2);
    CHECK_INT(b->arms[1].sizes.n, 0);
    cmp_spec_free(&spec);
    CHECK_INT(spec.n, 0);

    /* No final newline; the last line still counts. */
    CHECK_STR(parse("benchmark x\narm a\narg p\narm b\narg q", &spec), "");
    CHECK_INT(spec.n, 1);
    if (spec.n == 1)
        CHECK_STR(spec.bench[0].arms[1].argv.v[0], "q");
    cmp_spec_free(&spec);
}

static void bad_specs(void) {
    expect_error("", "t.spec: no benchmarks: add a 'benchmark <name>' line and its arms");
    expect_error("# only a comment\n\n", "t.spec: no benchmarks: add a 'benchmark <name>' line and its arms");
    expect_error("benchmark x\nfrob 1\n",
                 "t.spec:2: unknown directive 'frob' (the directives are benchmark, cwd, metric, arm, size and arg)");
    expect_error("benchmark x\nbaseline /bin/true\n",
                 "t.spec:2: unknown directive 'baseline' (the directives are benchmark, cwd, metric, arm, size and arg)");
    expect_error("arm a\n", "t.spec:1: 'arm' before the first 'benchmark' line");
    expect_error("\n\ncwd /tmp\n", "t.spec:3: 'cwd' before the first 'benchmark' line");
    expect_error("benchmark x\narg p\n", "t.spec:2: 'arg' before the first 'arm' line of benchmark 'x'");
    expect_error("benchmark x\nsize f\n", "t.spec:2: 'size' before the first 'arm' line of benchmark 'x'");
    expect_error("benchmark\n", "t.spec:1: 'benchmark' needs a value");
    expect_error("benchmark x\narm a\narg\n", "t.spec:3: 'arg' needs a value");
    expect_error("benchmark x\ncwd \n", "t.spec:2: 'cwd' needs a value");
    expect_error("benchmark a b\n",
                 "t.spec:1: benchmark name 'a b' is not made of letters, digits, '-' and '_' (it names a folder)");
    expect_error("benchmark ../x\n",
                 "t.spec:1: benchmark name '../x' is not made of letters, digits, '-' and '_' (it names a folder)");
    expect_error("benchmark x\narm a\narg p\narm b\narg q\nbenchmark x\n",
                 "t.spec:6: benchmark 'x' again (first on line 1); give each benchmark its own name");
    expect_error("benchmark x\ncwd /a\ncwd /b\n", "t.spec:3: a second 'cwd' in benchmark 'x'");
    expect_error("benchmark x\narm a.b\n",
                 "t.spec:2: arm label 'a.b' is not made of letters, digits, '-' and '_' (it names files)");
    expect_error("benchmark x\narm a\narg p\narm a\n", "t.spec:4: arm 'a' again in benchmark 'x' (first on line 2)");
    expect_error("benchmark x\nmetric ops\n",
                 "t.spec:2: 'metric' needs a name and a regular expression: metric <name> <regex>");
    expect_error("benchmark x\nmetric 9ops o=([0-9]+)\n",
                 "t.spec:2: metric name '9ops' is not a letter or '_' followed by letters, digits and '_'");
    expect_error("benchmark x\nmetric o-ps o=([0-9]+)\n",
                 "t.spec:2: metric name 'o-ps' is not a letter or '_' followed by letters, digits and '_'");
    expect_error("benchmark x\nmetric cpu c=([0-9]+)\n",
                 "t.spec:2: metric name 'cpu' is that of a measure pgo compare makes itself; choose another");
    expect_error("benchmark x\nmetric size c=([0-9]+)\n",
                 "t.spec:2: metric name 'size' is that of a measure pgo compare makes itself; choose another");
    expect_error("benchmark x\nmetric ops a([0-9])\nmetric ops b([0-9])\n",
                 "t.spec:3: metric 'ops' twice in benchmark 'x'");
    expect_error("benchmark x\nmetric ops ops=[0-9]+\n",
                 "t.spec:2: metric 'ops': bad regular expression 'ops=[0-9]+': it has no capture group: put the "
                 "number in ( )");
    /* regcomp's own words differ between C libraries: only the start. */
    struct cmp_spec spec;
    const char *msg = parse("benchmark x\n\nmetric ops ops=([0-9]+\n", &spec);
    const char *start = "t.spec:3: metric 'ops': bad regular expression 'ops=([0-9]+': ";
    CHECK(strncmp(msg, start, strlen(start)) == 0 && strlen(msg) > strlen(start));
    CHECK_INT(spec.n, 0);
    /* Checks of the whole benchmark, at its line or its arm's. */
    expect_error("benchmark x\n",
                 "t.spec:1: benchmark 'x' has 0 arms; it needs two or more (the first is the reference): add 'arm "
                 "<label>' blocks");
    expect_error("benchmark x\narm a\narg p\n",
                 "t.spec:1: benchmark 'x' has 1 arm; it needs two or more (the first is the reference): add 'arm "
                 "<label>' blocks");
    expect_error("benchmark x\narm a\narg p\narm b\nsize f\n",
                 "t.spec:4: arm 'b' of benchmark 'x' has no command: add 'arg <program>' (and one 'arg' line per "
                 "argument)");
    expect_error("benchmark x\narm a\narg \narm b\narg q\n",
                 "t.spec:2: arm 'a' of benchmark 'x': the program (its first 'arg') is empty");
    expect_error("benchmark x\narm a\narg p\nsize f\narm b\narg q\n",
                 "t.spec:5: benchmark 'x': arm 'b' has no 'size' lines but the reference arm 'a' has some; give "
                 "every arm its files, or none");
    expect_error("benchmark x\narm a\narg p\narm b\nsize g\narg q\n",
                 "t.spec:4: benchmark 'x': arm 'b' has its 'size' lines but the reference arm 'a' has none; give "
                 "every arm its files, or none");
    /* The first benchmark's problem is reported, not a later one's. */
    expect_error("benchmark x\narm a\narg p\nbenchmark y\narm c\narg p\narm d\narg q\n",
                 "t.spec:1: benchmark 'x' has 1 arm; it needs two or more (the first is the reference): add 'arm "
                 "<label>' blocks");
    const char nul[] = "benchmark x\narm a\0b\n";
    struct sbuf err;
    sb_init(&err);
    CHECK_INT(cmp_spec_parse(nul, sizeof nul - 1, "t.spec", &spec, &err), -1);
    CHECK_STR(sb_str(&err), "t.spec:2: a NUL byte; the spec is a text file");
    sb_free(&err);
}

static void names(void) {
    CHECK(cmp_valid_label("optimized"));
    CHECK(cmp_valid_label("sample-2_B"));
    CHECK(!cmp_valid_label(""));
    CHECK(!cmp_valid_label("a/b"));
    CHECK(!cmp_valid_label("."));
    CHECK(cmp_valid_metric_name("_x9"));
    CHECK(!cmp_valid_metric_name("9x"));
    CHECK(!cmp_valid_metric_name("a-b"));
    CHECK(!cmp_valid_metric_name(""));
}

static void metrics(void) {
    regex_t re;
    struct sbuf why, cap;
    sb_init(&why);
    sb_init(&cap);
    double v = -1;
    CHECK_INT(metric_compile("ops=([0-9.eE+-]+)", &re, &why), 0);
    CHECK_INT(metric_find(&re, "warm\nops=12.5\nops=99\n", &v, &cap), METRIC_FOUND);
    CHECK(v == 12.5); /* the first match */
    CHECK_INT(metric_find(&re, "ops=-3", &v, &cap), METRIC_FOUND);
    CHECK(v == -3);
    CHECK_INT(metric_find(&re, "ops=1e6", &v, &cap), METRIC_FOUND);
    CHECK(v == 1e6);
    CHECK_INT(metric_find(&re, "nothing here", &v, &cap), METRIC_NO_MATCH);
    CHECK_INT(metric_find(&re, "ops=1.2.3", &v, &cap), METRIC_NOT_A_NUMBER);
    CHECK_STR(sb_str(&cap), "1.2.3");
    CHECK_INT(metric_find(&re, "ops=-", &v, &cap), METRIC_NOT_A_NUMBER);
    regfree(&re);
    CHECK_INT(metric_compile("t=(.*)$", &re, &why), 0);
    CHECK_INT(metric_find(&re, "t=inf", &v, &cap), METRIC_NOT_A_NUMBER);
    CHECK_INT(metric_find(&re, "t=nan", &v, &cap), METRIC_NOT_A_NUMBER);
    CHECK_INT(metric_find(&re, "t=0x10", &v, &cap), METRIC_NOT_A_NUMBER);
    CHECK_INT(metric_find(&re, "t= 5", &v, &cap), METRIC_NOT_A_NUMBER);
    CHECK_INT(metric_find(&re, "t=", &v, &cap), METRIC_NOT_A_NUMBER);
    CHECK_INT(metric_find(&re, "t=1e999", &v, &cap), METRIC_NOT_A_NUMBER);
    /* Lines: $ ends the first line, so the number is that line's. */
    CHECK_INT(metric_find(&re, "t=42\nt=7\n", &v, &cap), METRIC_FOUND);
    CHECK(v == 42);
    regfree(&re);
    CHECK_INT(metric_compile("^ops: ([^ ]+)$", &re, &why), 0);
    CHECK_INT(metric_find(&re, "start\nops: 17\nend\n", &v, &cap), METRIC_FOUND);
    CHECK(v == 17);
    CHECK_INT(metric_find(&re, "ops: 17 x\n", &v, &cap), METRIC_NO_MATCH);
    regfree(&re);
    /* The first group only; a group that took no part is no number. */
    CHECK_INT(metric_compile("(a)?b=([0-9]+)", &re, &why), 0);
    CHECK_INT(metric_find(&re, "b=7", &v, &cap), METRIC_NOT_A_NUMBER);
    regfree(&re);
    CHECK_INT(metric_compile("\\[lat ([0-9]+) us\\]", &re, &why), 0);
    CHECK_INT(metric_find(&re, "x [lat 250 us] y", &v, &cap), METRIC_FOUND);
    CHECK(v == 250);
    regfree(&re);
    CHECK_INT(metric_compile("no group", &re, &why), -1);
    CHECK_STR(sb_str(&why), "it has no capture group: put the number in ( )");
    sb_clear(&why);
    CHECK_INT(metric_compile("(", &re, &why), -1);
    CHECK(why.n > 0);
    sb_free(&why);
    sb_free(&cap);
}

int main(void) {
    good_specs();
    bad_specs();
    names();
    metrics();
    return test_done("compare_spec");
}
