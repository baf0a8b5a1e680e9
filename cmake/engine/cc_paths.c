/* SPDX-License-Identifier: MIT */
#include "cc_paths.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Options whose value is the next argument (a file that is not a source to
 * compile, or not a file at all). */
static const char *const value_options[] = {
    "-o", "-MF", "-MT", "-MQ", "-include", "-imacros", "-isystem", "-I", "-iquote", "-idirafter", "-iprefix",
    "-isysroot", "-x", "-D", "-U", "-L", "-l", "-Xlinker", "-Xassembler", "-Xpreprocessor", "--param",
    "-aux-info", "-dumpbase", "-dumpdir", "-e", "-T", "-u", "-z", "-specs", NULL,
};

static const char *const source_suffixes[] = {
    ".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".CPP", ".i", ".ii", ".s", ".S", ".sx", ".m", ".mm", NULL,
};

static int takes_value(const char *opt) {
    for (size_t i = 0; value_options[i]; i++)
        if (strcmp(opt, value_options[i]) == 0)
            return 1;
    return 0;
}

static int is_source(const char *arg) {
    size_t n = strlen(arg);
    for (size_t i = 0; source_suffixes[i]; i++) {
        size_t m = strlen(source_suffixes[i]);
        if (n > m && strcmp(arg + n - m, source_suffixes[i]) == 0)
            return 1;
    }
    return 0;
}

/* The rest of PATH after DIR and a '/', or NULL if PATH is not below DIR. */
static const char *below(const char *path, const char *dir) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (strncmp(path, dir, n) != 0)
        return NULL;
    if (n == 1 && dir[0] == '/')
        return path + 1;
    return path[n] == '/' ? path + n + 1 : NULL;
}

char *cc_relative_source(const char *cwd, const char *tree, const char *src, const char *prev, const char *arg) {
    if (!arg || arg[0] != '/' || (prev && takes_value(prev)) || !is_source(arg))
        return NULL;
    const char *rest = below(arg, src);
    if (!rest || !*rest || below(arg, tree))
        return NULL;
    const char *sub = strcmp(cwd, tree) == 0 ? "" : below(cwd, tree);
    if (!sub)
        return NULL;
    struct sbuf out;
    sb_init(&out);
    /* One "../" per folder of the compile's folder below TREE. */
    for (const char *p = sub; *p;) {
        sb_adds(&out, "../");
        p = strchr(p, '/');
        if (!p)
            break;
        while (*p == '/')
            p++;
    }
    sb_adds(&out, "pgo/source/");
    sb_adds(&out, rest);
    return sb_take(&out);
}
