/* SPDX-License-Identifier: MIT */
/* cc_paths.c: how pgo cc names the project's source files. */
#include <stdlib.h>

#include "cc_paths.h"
#include "test.h"

static void expect(const char *cwd, const char *prev, const char *arg, const char *want) {
    char *got = cc_relative_source(cwd, "/b/tree", "/s/src", prev, arg);
    if (want)
        CHECK_STR(got, want);
    else
        CHECK(got == NULL);
    free(got);
}

int main(void) {
    /* Ninja compiles in the tree, Makefiles in the target's folder. */
    expect("/b/tree", "-c", "/s/src/lib.c", "pgo/source/lib.c");
    expect("/b/tree", "-c", "/s/src/a/b/x.cpp", "pgo/source/a/b/x.cpp");
    expect("/b/tree/sub", "-c", "/s/src/lib.c", "../pgo/source/lib.c");
    expect("/b/tree/sub/deeper/", "-c", "/s/src/lib.c", "../../pgo/source/lib.c");
    expect("/b/tree", NULL, "/s/src/asm.S", "pgo/source/asm.S");
    /* Left alone: values of options, non-sources, other folders. */
    expect("/b/tree", "-o", "/s/src/lib.c", NULL);
    expect("/b/tree", "-include", "/s/src/pch.c", NULL);
    expect("/b/tree", "-MF", "/s/src/lib.c", NULL);
    expect("/b/tree", "-c", "/s/src/lib.h", NULL);
    expect("/b/tree", "-c", "/s/src", NULL);
    expect("/b/tree", "-c", "/s/srcx/lib.c", NULL);
    expect("/b/tree", "-c", "/other/lib.c", NULL);
    expect("/b/tree", "-c", "lib.c", NULL);
    expect("/b/tree", "-c", "-I/s/src/lib.c", NULL);
    expect("/elsewhere", "-c", "/s/src/lib.c", NULL);
    expect("/b/treex", "-c", "/s/src/lib.c", NULL);
    /* A tree inside the source folder: its generated sources stay. */
    char *got = cc_relative_source("/s/src/build", "/s/src/build", "/s/src", "-c", "/s/src/build/gen.c");
    CHECK(got == NULL);
    got = cc_relative_source("/s/src/build", "/s/src/build", "/s/src", "-c", "/s/src/lib.c");
    CHECK_STR(got, "pgo/source/lib.c");
    free(got);
    return test_done("cc_paths");
}
