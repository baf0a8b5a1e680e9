/* cli.c - number and option parsing with messages that name the option. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workload.h"

static void usage_error(const char *message, const char *what)
{
    fprintf(stderr, "%s%s (see --help)\n", message, what);
    exit(CLI_USAGE);
}

const char *cli_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        usage_error("a value is missing after ", argv[*i]);
    return argv[++*i];
}

unsigned long cli_count(const char *opt, const char *text, unsigned long lo, unsigned long hi)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-' || v < lo || v > hi) {
        char range[64];
        snprintf(range, sizeof range, "%lu to %lu", lo, hi);
        fprintf(stderr, "%s takes a whole number from %s, not '%s' (see --help)\n", opt, range, text);
        exit(CLI_USAGE);
    }
    return v;
}

double cli_seconds(const char *opt, const char *text, double lo, double hi)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !(v >= lo && v <= hi)) {
        char range[64];
        snprintf(range, sizeof range, "%g to %g", lo, hi);
        fprintf(stderr, "%s takes seconds from %s, not '%s' (see --help)\n", opt, range, text);
        exit(CLI_USAGE);
    }
    return v;
}

int cli_loadgen_option(struct loadgen_options *opt, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strcmp(a, "--port") == 0)
        opt->port = (int)cli_count(a, cli_value(argc, argv, i), 1, 65535);
    else if (strcmp(a, "--requests") == 0)
        opt->requests = cli_count(a, cli_value(argc, argv, i), 1, 1000000000);
    else if (strcmp(a, "--connections") == 0)
        opt->connections = (unsigned)cli_count(a, cli_value(argc, argv, i), 1, WORKLOAD_MAX_CONNECTIONS);
    else if (strcmp(a, "--pipeline") == 0)
        opt->pipeline = (unsigned)cli_count(a, cli_value(argc, argv, i), 1, 1024);
    else if (strcmp(a, "--seconds") == 0)
        opt->seconds = cli_seconds(a, cli_value(argc, argv, i), 0.001, 86400);
    else if (strcmp(a, "--mix") == 0)
        opt->mix = cli_value(argc, argv, i);
    else
        return 0;
    return 1;
}

void cli_loadgen_check(const struct loadgen_options *opt)
{
    if (strcmp(opt->mix, "train") != 0 && strcmp(opt->mix, "bench") != 0)
        usage_error("--mix takes train or bench, not ", opt->mix);
    if (opt->connections > opt->requests)
        usage_error("--connections is more than --requests", "");
}
