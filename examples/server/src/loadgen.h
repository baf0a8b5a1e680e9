/*
 * loadgen.h - the load generator: pipelined keep-alive requests over a
 * few connections, every answer checked.
 */
#ifndef LOADGEN_H
#define LOADGEN_H

struct loadgen_options {
    int port;
    unsigned long requests;
    unsigned connections;
    unsigned pipeline; /* requests in flight per connection */
    double seconds;    /* stop sending after this long */
    const char *mix;
};

#define LOADGEN_DEFAULTS {0, 300000, 2, 128, 30.0, "bench"}

/* Prints "requests=N seconds=T rps=R" and "checksum=X" on stdout.
 * Returns 0, or 1 after a wrong, missing or late answer (explained on
 * stderr). */
int loadgen_run(const struct loadgen_options *opt);

#endif
