/* SPDX-License-Identifier: MIT */
/* What the engine reads from other programs and from its command line:
 * llvm-profdata and compiler versions, "Total functions", error reasons,
 * crash detection, temporary file names, paths, numbers, options. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "args.h"
#include "fsutil.h"
#include "llvm_tool.h"
#include "test.h"

/* Runs args_parse in a child; returns its exit status (0 if it returned). */
static int parse_in_child(int argc, char **argv, int stop) {
    pid_t pid = fork();
    if (pid == 0) {
        const char *a = NULL, *b = NULL;
        const struct arg_opt opts[] = {{"--alpha", &a, NULL}, {"--beta", &b, "--beta needs a folder"}};
        struct strvec ops;
        sv_init(&ops);
        if (!freopen("/dev/null", "w", stderr))
            _exit(99);
        args_parse(argc, argv, opts, 2, "usage: t", stop, &ops);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void) {
    struct sbuf line;
    sb_init(&line);

    /* llvm-profdata merge --version. */
    CHECK_INT(lt_parse_llvm_major("Debian LLVM version 14.0.6\n  Optimized build.\n  Default target: x\n", &line),
              14);
    CHECK_STR(sb_str(&line), "Debian LLVM version 14.0.6");
    CHECK_INT(lt_parse_llvm_major("LLVM (http://llvm.org/):\n  LLVM version 19.1.7\n  Optimized build.\n", &line), 19);
    CHECK_STR(sb_str(&line), "LLVM version 19.1.7");
    CHECK_INT(lt_parse_llvm_major("Ubuntu LLVM version 22.1.8", NULL), 22);
    CHECK_INT(lt_parse_llvm_major("LLVM version 3.4 and LLVM version 15.0.0\nLLVM version 9.0\n", NULL), 15);
    CHECK_INT(lt_parse_llvm_major("LLVM version 14\n", NULL), -1);
    CHECK_INT(lt_parse_llvm_major("llvm-profdata-14: Unknown command!\n", NULL), -1);
    CHECK_INT(lt_parse_llvm_major("", NULL), -1);
    CHECK_INT(lt_parse_llvm_major("x\nHomebrew LLVM version 17.0.1-rc2\n", NULL), 17);

    /* cc -dumpversion. */
    CHECK_INT(lt_parse_cc_major("14.0.6\n"), 14);
    CHECK_INT(lt_parse_cc_major("12\n"), 12);
    CHECK_INT(lt_parse_cc_major("19"), 19);
    CHECK_INT(lt_parse_cc_major(""), -1);
    CHECK_INT(lt_parse_cc_major("x14\n"), -1);
    CHECK_INT(lt_parse_cc_major("\n14\n"), -1);

    /* llvm-profdata show. */
    CHECK_INT(lt_parse_functions("Instrumentation level: IR  entry_first = 0\nTotal functions: 2\n"
                                 "Maximum function count: 1000\n"),
              2);
    CHECK_INT(lt_parse_functions("Total functions:  20000\n"), 20000);
    CHECK_INT(lt_parse_functions("Total functions: 0\n"), 0);
    CHECK_INT(lt_parse_functions("  Total functions: 5\n"), -1);
    CHECK_INT(lt_parse_functions("Total functions: x\n"), -1);
    CHECK_INT(lt_parse_functions(""), -1);

    /* Reasons. */
    struct sbuf r;
    sb_init(&r);
    lt_error_reason("warning: newer.profdata: unsupported instrumentation profile format version\n"
                    "error: no profile can be merged\n",
                    "newer.profdata", &r);
    CHECK_STR(sb_str(&r), "unsupported instrumentation profile format version");
    sb_clear(&r);
    lt_error_reason("error: /a b/x.profdata: unsupported instrumentation profile hash type\n", "/a b/x.profdata", &r);
    CHECK_STR(sb_str(&r), "unsupported instrumentation profile hash type");
    sb_clear(&r);
    lt_error_reason("error: other.profdata: bad thing\n", "x.profdata", &r);
    CHECK_STR(sb_str(&r), "bad thing");
    sb_clear(&r);
    lt_error_reason("error: /a b/x.profdata: bad thing\n", "elsewhere", &r); /* sed's [^ ]* fails */
    CHECK_STR(sb_str(&r), "error: /a b/x.profdata: bad thing");
    sb_clear(&r);
    lt_error_reason("LLVM ERROR: something\nmore\n", "x", &r);
    CHECK_STR(sb_str(&r), "LLVM ERROR: something");
    sb_clear(&r);
    lt_error_reason("", "x", &r);
    CHECK_STR(sb_str(&r), "");
    sb_free(&r);
    CHECK(lt_says_newer("warning: x: unsupported instrumentation profile format version\n"));
    CHECK(!lt_says_newer("error: x: unsupported instrumentation profile hash type\n"));
    CHECK(lt_says_no_space("LLVM ERROR: IO failure on output stream: No space left on device\n"));
    CHECK(!lt_says_no_space("error: x: bad magic\n"));

    struct spawn_result sr;
    spawn_result_init(&sr);
    sr.exited = 0;
    sr.code = 11;
    CHECK(lt_crashed(&sr));
    sr.exited = 1;
    sr.code = 139;
    CHECK(lt_crashed(&sr));
    sr.code = 1;
    sb_adds(&sr.err, "error: x: y\n");
    CHECK(!lt_crashed(&sr));
    sb_adds(&sr.err, "PLEASE submit a bug report to https://github.com/llvm/llvm-project/issues/\n");
    CHECK(lt_crashed(&sr));
    sb_clear(&sr.err);
    sb_adds(&sr.err, "PLEASE submit a bug report to x\n");
    CHECK(lt_crashed(&sr));
    spawn_result_free(&sr);

    /* Temporary file names. */
    long pid = 0;
    CHECK(fs_parse_temp_name(".pgo-tmp.123.4.profdata", &pid) && pid == 123);
    CHECK(fs_parse_temp_name(".pgo-tmp.77", &pid) && pid == 77);
    CHECK(!fs_parse_temp_name(".pgo-tmp.x.1", &pid));
    CHECK(!fs_parse_temp_name(".pgo-tmp..1", &pid));
    CHECK(!fs_parse_temp_name(".pgo-tmp.12a.1", &pid));
    CHECK(!fs_parse_temp_name(".pgo-tmp.0.1", &pid));
    CHECK(!fs_parse_temp_name("pgo-tmp.1.2", &pid));
    CHECK(!fs_parse_temp_name(".pgo-tmp.99999999999999999999.1", &pid));
    CHECK(!fs_parse_temp_name("x.profraw", &pid));

    /* Paths. */
    char *s;
    CHECK_STR(s = path_dirname("a/b"), "a");
    free(s);
    CHECK_STR(s = path_dirname("a"), ".");
    free(s);
    CHECK_STR(s = path_dirname("/a"), "/");
    free(s);
    CHECK_STR(s = path_dirname("a//b"), "a");
    free(s);
    CHECK_STR(s = path_dirname("/x y/z;w/f.profdata"), "/x y/z;w");
    free(s);
    CHECK_STR(path_basename("/a/b.c"), "b.c");
    CHECK_STR(path_basename("b.c"), "b.c");
    CHECK_STR(s = path_join("a/", "b"), "a/b");
    free(s);
    CHECK_STR(s = path_join("a", "b"), "a/b");
    free(s);
    CHECK_STR(s = path_join("", "b"), "b");
    free(s);
    CHECK_STR(s = path_for_tool("-x.profdata"), "./-x.profdata");
    free(s);
    CHECK_STR(s = path_for_tool("@resp"), "./@resp");
    free(s);
    CHECK_STR(s = path_for_tool("/-x"), "/-x");
    free(s);
    CHECK_STR(s = path_for_tool("a b"), "a b");
    free(s);
    char cwd[4096];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    char *want = path_join(cwd, "rel/x.profdata");
    CHECK_STR(s = path_absolute("rel/x.profdata"), want);
    free(s);
    free(want);
    CHECK_STR(s = path_absolute("/abs"), "/abs");
    free(s);

    /* Numbers and strings. */
    uint64_t u = 0;
    CHECK(parse_u64("0", &u) == 0 && u == 0);
    CHECK(parse_u64("18446744073709551615", &u) == 0 && u == UINT64_MAX);
    CHECK(parse_u64("18446744073709551616", &u) != 0);
    CHECK(parse_u64("", &u) != 0);
    CHECK(parse_u64("1x", &u) != 0);
    CHECK(parse_u64("-1", &u) != 0);
    CHECK(starts_with("abc", "ab") && !starts_with("ab", "abc"));
    CHECK(ends_with("x.profraw", ".profraw") && !ends_with("raw", ".profraw"));

    /* Options. */
    const char *a = NULL, *b = NULL;
    const struct arg_opt opts[] = {{"--alpha", &a, NULL}, {"--beta", &b, "--beta needs a folder"}};
    struct strvec ops;
    sv_init(&ops);
    char *argv1[] = {"cmd", "x", "--alpha", "A", "y", "--beta=B=C", "--", "--alpha", NULL};
    CHECK_INT(args_parse(8, argv1, opts, 2, "usage", 0, &ops), 8);
    CHECK_STR(a, "A");
    CHECK_STR(b, "B=C");
    CHECK_INT(ops.n, 3);
    CHECK_STR(ops.v[0], "x");
    CHECK_STR(ops.v[1], "y");
    CHECK_STR(ops.v[2], "--alpha");
    sv_free(&ops);
    a = b = NULL;
    char *argv2[] = {"run", "--alpha", "1", "--", "prog", "--beta", NULL};
    CHECK_INT(args_parse(6, argv2, opts, 2, "usage", 1, &ops), 4);
    CHECK_STR(a, "1");
    CHECK(b == NULL);
    char *argv3[] = {"run", "--alpha", "1", "prog", "--beta", NULL};
    CHECK_INT(args_parse(5, argv3, opts, 2, "usage", 1, &ops), 3);
    CHECK_INT(ops.n, 0);
    char *argv4[] = {"cmd", "-", NULL};
    CHECK_INT(args_parse(2, argv4, opts, 2, "usage", 0, &ops), 2);
    CHECK_STR(ops.v[0], "-");
    sv_free(&ops);
    char *bad1[] = {"cmd", "--gamma", "x", NULL};
    CHECK_INT(parse_in_child(3, bad1, 0), 2);
    char *bad2[] = {"cmd", "--beta", NULL};
    CHECK_INT(parse_in_child(2, bad2, 0), 2);
    char *bad3[] = {"cmd", "-x", NULL};
    CHECK_INT(parse_in_child(2, bad3, 0), 2);
    char *good[] = {"cmd", "--alpha", "", NULL};
    CHECK_INT(parse_in_child(3, good, 0), 0);
    sb_free(&line);
    return test_done("parse");
}
