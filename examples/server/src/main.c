/*
 * main.c - the server program.  Without --self-test it serves; with it,
 * it runs itself as a child server and puts load on it (selftest.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "selftest.h"
#include "server.h"

static const char usage[] =
    "usage: server [--port N] [--max-requests N] [--idle-exit SECONDS]\n"
    "       server --self-test [--server PATH] [--mix train|bench] [--requests N]\n"
    "                          [--connections C] [--pipeline P] [--seconds S]\n"
    "\n"
    "Serves a small HTTP/1.1 API on 127.0.0.1 (see README.md) and prints\n"
    "\"listening on 127.0.0.1:PORT\" first; --port 0 (the default) lets the\n"
    "kernel choose.  SIGTERM or SIGINT stops it cleanly, with exit status 0.\n"
    "\n"
    "--self-test starts PATH (default: this program) as the server on a free\n"
    "port, sends the requests, checks every answer, stops the server with\n"
    "SIGTERM and fails unless all went well.  Defaults: --mix bench\n"
    "--requests 300000 --connections 2 --pipeline 128 --seconds 30.\n";

static int self_test(int argc, char **argv)
{
    struct selftest_options opt = {NULL, LOADGEN_DEFAULTS};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--self-test") == 0)
            continue;
        if (strcmp(argv[i], "--server") == 0) {
            opt.server = cli_value(argc, argv, &i);
        } else if (strcmp(argv[i], "--port") == 0) {
            fprintf(stderr, "--self-test picks a free port itself; drop --port (see --help)\n");
            return CLI_USAGE;
        } else if (!cli_loadgen_option(&opt.load, argc, argv, &i)) {
            fprintf(stderr, "unknown option with --self-test: %s (see --help)\n", argv[i]);
            return CLI_USAGE;
        }
    }
    cli_loadgen_check(&opt.load);
    return selftest_run(&opt);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--self-test") == 0)
            return self_test(argc, argv);
    }
    struct server_options opt = {0, 0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--port") == 0)
            opt.port = (int)cli_count(a, cli_value(argc, argv, &i), 0, 65535);
        else if (strcmp(a, "--max-requests") == 0)
            opt.max_requests = cli_count(a, cli_value(argc, argv, &i), 1, 4000000000ul);
        else if (strcmp(a, "--idle-exit") == 0)
            opt.idle_exit = cli_seconds(a, cli_value(argc, argv, &i), 0.001, 86400);
        else {
            fprintf(stderr, "unknown option: %s (see --help)\n", a);
            return CLI_USAGE;
        }
    }
    return server_run(&opt);
}
