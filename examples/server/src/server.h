/* server.h - the HTTP service: a poll() loop on 127.0.0.1. */
#ifndef SERVER_H
#define SERVER_H

struct server_options {
    int port;                   /* 0: the kernel picks one */
    unsigned long max_requests; /* 0: no limit */
    double idle_exit;           /* seconds without a request; 0: never */
};

/* Serves until SIGTERM, SIGINT, max_requests or idle_exit; returns the
 * exit status (0 after a clean stop, 1 when it could not listen). */
int server_run(const struct server_options *opt);

#endif
