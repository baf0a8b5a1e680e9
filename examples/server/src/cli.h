/* cli.h - command-line parsing shared by the server and loadgen programs. */
#ifndef CLI_H
#define CLI_H

#include "loadgen.h"

/* Exit status for a usage error. */
#define CLI_USAGE 2

/* The value after argv[*i] (advancing *i), or a usage error. */
const char *cli_value(int argc, char **argv, int *i);
/* A whole number in [lo, hi] given to option `opt`, or a usage error. */
unsigned long cli_count(const char *opt, const char *text, unsigned long lo, unsigned long hi);
/* A number of seconds in [lo, hi], or a usage error. */
double cli_seconds(const char *opt, const char *text, double lo, double hi);

/* Handles argv[*i] if it is one of --port --requests --connections
 * --pipeline --seconds --mix; returns 1 if it was, 0 if not. */
int cli_loadgen_option(struct loadgen_options *opt, int argc, char **argv, int *i);
/* Usage-checks the combination (connections <= requests and so on). */
void cli_loadgen_check(const struct loadgen_options *opt);

#endif
