/* SPDX-License-Identifier: MIT */
/* pgo: the profile logic shared by FindPGO.cmake and pgo.mk (finding
 * llvm-profdata, checking, training, merging, installing profiles), so
 * that both build systems do it exactly alike.
 *
 *   pgo --version
 *   pgo find-profdata --compiler CC [--profdata P]
 *   pgo check --profdata P --cache DIR [--source-root D] [--build-root D] PROFILE
 *   pgo merge --profdata P -o OUT [--source-root D] [--build-root D] --raw-dir RAW NAME[=WEIGHT]...
 *   pgo merge --profdata P -o OUT --inputs [W:]FILE...     (finished profiles of one kind)
 *   pgo collect -o OUT [--binary PATH] (--pid PID --seconds N | -- COMMAND [ARG...])
 *   pgo run --raw-dir RAW --name NAME -- COMMAND [ARG...]
 *   pgo clear RAW
 *   pgo install SRC DEST
 *   pgo lock FILE -- COMMAND [ARG...]
 *   pgo show [--profdata P] PROFILE
 *   pgo step -- COMMAND [ARG...]
 *   pgo compare --out DIR [--rounds N] [--warmup N] [--csv F] [--json F]
 *               [--gate cpu|wall|metric:NAME] [--fail-above R] [--quiet] SPEC
 *   pgo status --profdata P --cache DIR [--binaries LIST] [--sample-binaries LIST]
 *              [--source-root D] [--build-root D] [--min-match PERCENT] TARGET=PROFILE...
 *   pgo info BINARY
 *   pgo provenance --dir DIR --profile NAME --hash HASH --kind KIND --compiler TEXT
 *
 * Results are key=value lines on stdout; errors one "pgo: " line on
 * stderr. Exit codes: 0 ok, 1 bad profile or failed step, 2 usage or
 * environment, 3 disk full or another file system error (pgo compare: a
 * tripped --fail-above, see cmd_compare.c), 4 a profile below pgo status
 * --min-match. Build with
 *   cc -std=c11 -O2 -o pgo cmake/engine/<every .c file>
 * (in a shell: cmake/engine/ followed by *.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>

#include "cleanup.h"
#include "commands.h"

#define USAGE "usage: pgo --version | find-profdata | check | merge | run | clear | install | show | step | lock | collect | repeat | cc | compare | status | info | provenance ARGS..."

int main(int argc, char **argv) {
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } commands[] = {
        {"find-profdata", cmd_find_profdata}, {"check", cmd_check}, {"merge", cmd_merge}, {"run", cmd_run},
        {"clear", cmd_clear},                 {"install", cmd_install}, {"show", cmd_show},
        {"lock", cmd_lock},
        {"step", cmd_step},
        {"collect", cmd_collect}, {"repeat", cmd_repeat}, {"cc", cmd_cc},
        {"compare", cmd_compare},
        {"status", cmd_status},               {"info", cmd_info},       {"provenance", cmd_provenance},
    };
    if (argc < 2)
        pgo_die(PGO_USAGE, "%s", USAGE);
    if (strcmp(argv[1], "--version") == 0) {
        printf("pgo %s\n", PGO_VERSION);
        return PGO_OK;
    }
    cleanup_install();
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    pgo_die(PGO_USAGE, "unknown command '%s'; %s", argv[1], USAGE);
}
