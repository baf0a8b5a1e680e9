/* SPDX-License-Identifier: MIT */
/* pgo cc: run GCC with the project's source files named relative to the
 * build tree, so that the profile finds their static functions in every
 * checkout and every tree.
 *
 *   pgo cc --tree DIR --source-root SRC -- COMPILER [ARG...]
 *
 * GCC finds a static function's profile by a hash of its source path as
 * the compile line writes it; CMake writes absolute paths, which differ in
 * every checkout. Each tree has a link DIR/pgo/source to SRC (the package
 * makes it), and a source argument SRC/<path> becomes
 * <the way from the compile's folder to DIR>/pgo/source/<path>, which is
 * the same in the instrumented tree, the ordinary one and any checkout.
 * Arguments that are values of options (-o, -MF, -include, ...), files in
 * DIR (generated sources) and compiles outside DIR are left alone. Then
 * COMPILER runs in this process (exec), with its exit status. */
#define _XOPEN_SOURCE 700 /* realpath() */

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_paths.h"
#include "commands.h"
#include "util.h"

#define CC_USAGE "usage: pgo cc --tree DIR --source-root SRC -- COMPILER [ARG...]"

int cmd_cc(int argc, char **argv) {
    const char *tree = NULL, *src = NULL;
    int i = 1;
    for (; i + 1 < argc && strcmp(argv[i], "--") != 0; i += 2) {
        if (strcmp(argv[i], "--tree") == 0)
            tree = argv[i + 1];
        else if (strcmp(argv[i], "--source-root") == 0)
            src = argv[i + 1];
        else
            pgo_die(PGO_USAGE, "%s", CC_USAGE);
    }
    if (!tree || !*tree || !src || !*src || i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc ||
        !*argv[i + 1])
        pgo_die(PGO_USAGE, "%s", CC_USAGE);
    char **cmd = argv + i + 1;
    int n = argc - i - 1;
    char cwd[PATH_MAX], real_tree[PATH_MAX], real_src[PATH_MAX];
    /* Anything unresolvable: the compile runs unchanged (it still works;
     * only the static functions' profile is lost in another checkout). */
    if (getcwd(cwd, sizeof cwd) && realpath(tree, real_tree) && realpath(src, real_src)) {
        for (int k = 1; k < n; k++) {
            char *rel = cc_relative_source(cwd, real_tree, real_src, cmd[k - 1], cmd[k]);
            if (!rel)
                rel = cc_relative_source(cwd, real_tree, src, cmd[k - 1], cmd[k]);
            if (rel)
                cmd[k] = rel; /* exec follows: never freed */
        }
    }
    execvp(cmd[0], cmd);
    int e = errno;
    pgo_die(e == ENOENT ? 127 : 126, "cannot run %s: %s", cmd[0], strerror(e));
}
