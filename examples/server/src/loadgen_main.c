/* loadgen_main.c - the loadgen program: load an already running server. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "loadgen.h"

static const char usage[] =
    "usage: loadgen --port N [--mix train|bench] [--requests N]\n"
    "               [--connections C] [--pipeline P] [--seconds S]\n"
    "\n"
    "Sends N requests (default 300000) of the given mix (default bench) to\n"
    "the server on 127.0.0.1:PORT over C keep-alive connections (default 2),\n"
    "P requests in flight on each (default 128), for at most S seconds\n"
    "(default 30).  Every answer is checked; a wrong or missing one makes the\n"
    "exit status 1.  Prints \"requests=N seconds=T rps=R\" and a checksum of\n"
    "the answers, which depends only on the mix, N and C.\n";

int main(int argc, char **argv)
{
    struct loadgen_options opt = LOADGEN_DEFAULTS;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (!cli_loadgen_option(&opt, argc, argv, &i)) {
            fprintf(stderr, "unknown option: %s (see --help)\n", argv[i]);
            return CLI_USAGE;
        }
    }
    if (opt.port == 0) {
        fprintf(stderr, "loadgen needs --port, the port the server printed (see --help)\n");
        return CLI_USAGE;
    }
    cli_loadgen_check(&opt);
    return loadgen_run(&opt);
}
