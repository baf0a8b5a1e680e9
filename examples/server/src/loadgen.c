/*
 * loadgen.c - drives the server: keeps `pipeline` requests in flight on
 * each connection, checks each answer against its expectation, in order,
 * and times the whole run.
 */
#define _POSIX_C_SOURCE 200809L

#include "loadgen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "workload.h"

#define GRACE_SECONDS 2.0 /* for answers still due at the time limit */
#define POLL_MS 100
#define READ_CHUNK 65536
#define MAX_HEAD 16384
#define SHOWN 200 /* bytes of a wrong answer to print */

struct client {
    int fd;
    unsigned index;
    struct stream stream;
    unsigned long quota, sent, answered;
    struct buf out, in;
    struct expect *ring; /* expectations of the requests in flight */
    size_t head, inflight;
    uint64_t checksum;
};

static int connect_local(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 ||
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int starts_nocase(const char *line, size_t n, const char *lit)
{
    size_t i = 0;
    for (; lit[i]; i++)
        if (i == n || lower((unsigned char)line[i]) != lit[i])
            return 0;
    return 1;
}

/* Parses one response at the start of p.  Returns its total length, 0
 * when incomplete, or -1 when malformed. */
static long parse_response(const char *p, size_t n, int *status, const char **body, size_t *body_len)
{
    const char *end = p + (n < MAX_HEAD ? n : MAX_HEAD), *line = p;
    long length = -1;
    for (;;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            return n >= MAX_HEAD ? -1 : 0;
        size_t len = (size_t)(nl - line);
        if (len && line[len - 1] == '\r')
            len--;
        if (line == p) {
            if (len < 12 || memcmp(p, "HTTP/1.1 ", 9) != 0)
                return -1;
            *status = 0;
            for (int i = 9; i < 12; i++) {
                if (p[i] < '0' || p[i] > '9')
                    return -1;
                *status = *status * 10 + (p[i] - '0');
            }
        } else if (len == 0) {
            line = nl + 1;
            break;
        } else if (starts_nocase(line, len, "content-length:")) {
            const char *at = line + 15, *stop = line + len;
            while (at < stop && *at == ' ')
                at++;
            length = 0;
            for (; at < stop && *at >= '0' && *at <= '9' && length < (1L << 30); at++)
                length = length * 10 + (*at - '0');
        }
        line = nl + 1;
    }
    size_t head = (size_t)(line - p);
    if (length < 0)
        return -1;
    if (n - head < (size_t)length)
        return 0;
    *body = line;
    *body_len = (size_t)length;
    return (long)(head + (size_t)length);
}

static void show(const char *what, int status, const char *body, size_t len)
{
    size_t shown = len < SHOWN ? len : SHOWN;
    if (shown && body[shown - 1] == '\n')
        shown--; /* the body's own newline would leave a blank line */
    fprintf(stderr, "  %s %d, %zu bytes: %.*s%s\n", what, status, len, (int)shown, body, len > SHOWN ? "..." : "");
}

static uint64_t fnv_step(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ull;
    return h;
}

/* Checks the answers that have arrived; returns -1 on a wrong one. */
static int check_answers(struct client *c, unsigned pipeline)
{
    size_t used = 0;
    while (c->inflight) {
        int status = 0;
        const char *body = NULL;
        size_t body_len = 0;
        long n = parse_response(c->in.data + used, c->in.len - used, &status, &body, &body_len);
        if (n == 0)
            break;
        struct expect *e = &c->ring[c->head];
        unsigned long number = c->answered + 1;
        if (n < 0) {
            fprintf(stderr, "loadgen: connection %u, request %lu (%s): malformed answer\n",
                    c->index, number, workload_kind_name(e->kind));
            return -1;
        }
        if (status != e->status || body_len != e->body_len || memcmp(body, e->body, body_len) != 0) {
            fprintf(stderr, "loadgen: connection %u, request %lu (%s): wrong answer\n",
                    c->index, number, workload_kind_name(e->kind));
            show("expected", e->status, e->body, e->body_len);
            show("got     ", status, body, body_len);
            return -1;
        }
        unsigned char code[2] = {(unsigned char)(status >> 8), (unsigned char)status};
        c->checksum = fnv_step(fnv_step(c->checksum, code, 2), body, body_len);
        c->head = (c->head + 1) % pipeline;
        c->inflight--;
        c->answered++;
        used += (size_t)n;
    }
    buf_consume(&c->in, used);
    if (c->inflight == 0 && c->in.len) {
        fprintf(stderr, "loadgen: connection %u: %zu bytes nobody asked for\n", c->index, c->in.len);
        return -1;
    }
    return 0;
}

/* Queues requests until the pipeline is full.  Refilling only once it
 * is half empty sends them in batches, with fewer system calls. */
static void refill(struct client *c, const struct workload *w, unsigned pipeline)
{
    if (c->inflight > pipeline / 2)
        return;
    while (c->sent < c->quota && c->inflight < pipeline) {
        workload_next(w, &c->stream, &c->out, &c->ring[(c->head + c->inflight) % pipeline]);
        c->inflight++;
        c->sent++;
    }
}

/* One read or write step; returns -1 when the connection failed. */
static int pump(struct client *c, short revents, unsigned pipeline)
{
    if ((revents & POLLOUT) && c->out.len) {
        ssize_t n = send(c->fd, c->out.data, c->out.len, MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            fprintf(stderr, "loadgen: connection %u: send: %s\n", c->index, strerror(errno));
            return -1;
        }
        if (n > 0)
            buf_consume(&c->out, (size_t)n);
    }
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        if (buf_reserve(&c->in, READ_CHUNK) != 0)
            return -1;
        ssize_t n = recv(c->fd, c->in.data + c->in.len, c->in.cap - c->in.len, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            fprintf(stderr, "loadgen: connection %u: the server closed it with %zu answers due\n",
                    c->index, c->inflight);
            return -1;
        }
        if (n > 0)
            c->in.len += (size_t)n;
        return check_answers(c, pipeline);
    }
    return 0;
}

static int run_clients(struct client *cl, unsigned nc, const struct workload *w, const struct loadgen_options *opt)
{
    double start = clock_now(), deadline = start + opt->seconds;
    int late = 0;
    for (;;) {
        double now = clock_now();
        int sending = now < deadline;
        if (!sending && !late) {
            late = 1;
            fprintf(stderr, "loadgen: time limit of %g s reached\n", opt->seconds);
        }
        struct pollfd fds[WORKLOAD_MAX_CONNECTIONS];
        unsigned busy = 0;
        for (unsigned i = 0; i < nc; i++) {
            struct client *c = &cl[i];
            if (sending)
                refill(c, w, opt->pipeline);
            fds[i].fd = c->fd;
            fds[i].events = (short)((c->inflight ? POLLIN : 0) | (c->out.len ? POLLOUT : 0));
            if (!fds[i].events)
                fds[i].fd = -1; /* finished: poll() skips it */
            else
                busy++;
        }
        if (!busy)
            return 0;
        if (now > deadline + GRACE_SECONDS) {
            fprintf(stderr, "loadgen: answers still due %g s after the time limit\n", GRACE_SECONDS);
            return -1;
        }
        if (poll(fds, nc, POLL_MS) < 0 && errno != EINTR) {
            perror("loadgen: poll");
            return -1;
        }
        for (unsigned i = 0; i < nc; i++)
            if (fds[i].fd >= 0 && pump(&cl[i], fds[i].revents, opt->pipeline) != 0)
                return -1;
    }
}

int loadgen_run(const struct loadgen_options *opt)
{
    struct workload *w = workload_new(opt->mix);
    if (!w) {
        fprintf(stderr, "loadgen: unknown mix '%s' (train or bench), or out of memory\n", opt->mix);
        return 1;
    }
    unsigned nc = opt->connections;
    struct client cl[WORKLOAD_MAX_CONNECTIONS];
    unsigned opened = 0;
    int rc = 0;
    for (; opened < nc; opened++) {
        struct client *c = &cl[opened];
        memset(c, 0, sizeof *c);
        c->index = opened;
        c->quota = opt->requests / nc + (opened < opt->requests % nc);
        c->checksum = 0xcbf29ce484222325ull;
        workload_stream_init(w, &c->stream, opened);
        c->ring = calloc(opt->pipeline, sizeof *c->ring);
        buf_init(&c->out, READ_CHUNK);
        buf_init(&c->in, READ_CHUNK);
        c->fd = connect_local(opt->port);
        if (c->fd < 0 || !c->ring || c->out.failed || c->in.failed) {
            fprintf(stderr, "loadgen: cannot connect to 127.0.0.1:%d: %s\n", opt->port, strerror(errno));
            opened++;
            rc = 1;
            break;
        }
    }
    double start = clock_now();
    if (rc == 0)
        rc = run_clients(cl, nc, w, opt) != 0;
    double seconds = clock_now() - start;

    unsigned long answered = 0;
    uint64_t checksum = 0xcbf29ce484222325ull;
    for (unsigned i = 0; i < opened; i++) {
        answered += cl[i].answered;
        unsigned char le[8]; /* the same checksum on any byte order */
        for (int k = 0; k < 8; k++)
            le[k] = (unsigned char)(cl[i].checksum >> (8 * k));
        checksum = fnv_step(checksum, le, sizeof le);
        if (cl[i].fd >= 0)
            close(cl[i].fd);
        free(cl[i].ring);
        buf_free(&cl[i].out);
        buf_free(&cl[i].in);
    }
    workload_free(w);
    if (rc == 0) {
        printf("requests=%lu seconds=%.3f rps=%.0f\n", answered, seconds, seconds > 0 ? (double)answered / seconds : 0.0);
        printf("checksum=%016llx\n", (unsigned long long)checksum);
        fflush(stdout);
    }
    return rc;
}
