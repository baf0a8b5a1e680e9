/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "args.h"

#include <string.h>

int args_parse(int argc, char **argv, const struct arg_opt *opts, size_t nopts, const char *usage, int stop,
               struct strvec *operands) {
    int i = 1;
    while (i < argc) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            if (stop)
                return i;
            for (; i < argc; i++)
                sv_push(operands, argv[i]);
            return i;
        }
        if (a[0] != '-' || a[1] == '\0') {
            if (stop)
                return i;
            sv_push(operands, a);
            i++;
            continue;
        }
        const struct arg_opt *o = NULL;
        const char *value = NULL;
        for (size_t k = 0; k < nopts; k++) {
            size_t n = strlen(opts[k].name);
            if (strncmp(a, opts[k].name, n) != 0)
                continue;
            if (a[n] == '\0') {
                o = &opts[k];
                break;
            }
            if (a[n] == '=') {
                o = &opts[k];
                value = a + n + 1;
                break;
            }
        }
        if (!o)
            pgo_die(PGO_USAGE, "unknown option '%s'; %s", a, usage);
        if (!value) {
            if (i + 1 >= argc) {
                if (o->missing)
                    pgo_die(PGO_USAGE, "%s", o->missing);
                pgo_die(PGO_USAGE, "%s needs a value; %s", o->name, usage);
            }
            value = argv[++i];
        }
        *o->value = value;
        i++;
    }
    return i;
}
