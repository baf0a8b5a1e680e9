/* SPDX-License-Identifier: MIT */
/* args: the options of one command ("--name VALUE" or "--name=VALUE"). */
#ifndef PGO_ARGS_H
#define PGO_ARGS_H

#include "util.h"

struct arg_opt {
    const char *name;    /* "--cache", or "-o" */
    const char **value;  /* where the value goes */
    const char *missing; /* the message when the value is missing, or NULL */
};

/* Parses ARGV[1..ARGC) (ARGV[0] is the command). Options and operands may
 * mix; "--" ends the options. With STOP, the first operand (or "--") ends
 * the options and the rest is left alone. Returns the index of the first
 * argument not taken; operands before it are appended to OPERANDS. An
 * unknown option or a missing value is a usage error (exit 2, USAGE
 * shown). */
int args_parse(int argc, char **argv, const struct arg_opt *opts, size_t nopts, const char *usage, int stop,
               struct strvec *operands);

#endif
