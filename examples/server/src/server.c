/*
 * server.c - the event loop: accept, read, answer every complete request
 * in the input (HTTP/1.1 pipelining), write, and stop cleanly.
 */
#define _POSIX_C_SOURCE 200809L

#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "codec.h"
#include "handlers.h"
#include "hashes.h"
#include "kvstore.h"

#define MAX_CONNS 64
#define READ_CHUNK 65536
#define IN_LIMIT 65536         /* stop reading while this much is unanswered */
#define OUT_HIGH (256u * 1024) /* stop answering while this much is unsent */
#define STORE_SLOTS 8192
#define POLL_MS 100  /* how late a stop or idle check can be */
#define DRAIN_SECONDS 2.0 /* to flush answers after a stop */

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

struct conn {
    int fd;
    struct buf in, out;
    unsigned long requests;
    int closing; /* send what is queued, then close */
};

struct server {
    int listen_fd;
    struct conn conns[MAX_CONNS];
    size_t nconns;
    struct kvstore store;
    struct buf body; /* scratch for one response body */
    unsigned long served, max_requests, accepted;
    double last_request;
};

static int set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/* Binds 127.0.0.1:port (never a wider address) and prints the port. */
static int open_listener(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        perror("server: socket");
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 64) != 0 ||
        getsockname(fd, (struct sockaddr *)&addr, &len) != 0 || set_nonblocking(fd) != 0) {
        fprintf(stderr, "server: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(errno));
        close(fd);
        return -1;
    }
    /* The first stdout line is the contract with scripts and --self-test. */
    printf("listening on 127.0.0.1:%u\n", (unsigned)ntohs(addr.sin_port));
    fflush(stdout);
    return fd;
}

static void accept_all(struct server *s)
{
    while (s->nconns < MAX_CONNS) {
        int fd = accept(s->listen_fd, NULL, NULL);
        if (fd < 0)
            return; /* EAGAIN, or a connection that went away */
        if (set_nonblocking(fd) != 0) {
            close(fd);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = &s->conns[s->nconns++];
        c->fd = fd;
        buf_init(&c->in, READ_CHUNK);
        buf_init(&c->out, READ_CHUNK);
        c->requests = 0;
        c->closing = 0;
        s->accepted++;
    }
}

static int limit_reached(const struct server *s)
{
    return s->max_requests && s->served >= s->max_requests;
}

static void answer_error(struct server *s, struct conn *c, int status, const char *message)
{
    buf_reset(&s->body);
    handlers_error(&s->body, status, message);
    codec_put_response_head(&c->out, status, s->body.len, 0);
    buf_put(&c->out, s->body.data, s->body.len);
    c->closing = 1;
}

/* Answers the complete requests at the start of c->in, in order. */
static void answer_buffered(struct server *s, struct conn *c)
{
    size_t used = 0;
    while (!c->closing && c->out.len < OUT_HIGH && !limit_reached(s)) {
        struct http_request req;
        enum parse_result r = codec_parse_request(c->in.data + used, c->in.len - used, &req);
        if (r == PARSE_INCOMPLETE)
            break;
        if (r != PARSE_OK) {
            if (r == PARSE_TOO_LARGE)
                answer_error(s, c, 431, "request head over 8 KiB");
            else if (r == PARSE_HAS_BODY)
                answer_error(s, c, 413, "requests take no body");
            else
                answer_error(s, c, 400, "malformed request");
            used = c->in.len;
            break;
        }
        used += req.head_len;
        s->served++;
        struct handler_env env = {&s->store, ++c->requests};
        buf_reset(&s->body);
        int status = handlers_route(&req)(&req, &env, &s->body);
        if (s->body.failed) {
            buf_reset(&s->body);
            status = handlers_error(&s->body, 503, "out of memory");
        }
        codec_put_response_head(&c->out, status, s->body.len, req.keep_alive);
        buf_put(&c->out, s->body.data, s->body.len);
        if (!req.keep_alive)
            c->closing = 1;
    }
    buf_consume(&c->in, used);
}

/* Returns -1 when the connection is finished with (error or EOF). */
static int read_some(struct conn *c)
{
    if (buf_reserve(&c->in, READ_CHUNK) != 0)
        return -1;
    ssize_t n = recv(c->fd, c->in.data + c->in.len, c->in.cap - c->in.len, 0);
    if (n > 0) {
        c->in.len += (size_t)n;
        return 0;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return 0;
    c->closing = 1; /* EOF: still answer what was sent before it */
    return n == 0 ? 0 : -1;
}

static int write_some(struct conn *c)
{
    if (c->out.len == 0)
        return 0;
    ssize_t n = send(c->fd, c->out.data, c->out.len, MSG_NOSIGNAL);
    if (n >= 0) {
        buf_consume(&c->out, (size_t)n);
        return 0;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
}

static void close_conn(struct server *s, size_t i)
{
    struct conn *c = &s->conns[i];
    close(c->fd);
    buf_free(&c->in);
    buf_free(&c->out);
    s->conns[i] = s->conns[--s->nconns];
}

static const char *stop_reason(const struct server *s, int idle)
{
    if (stop_signal == SIGTERM)
        return "SIGTERM";
    if (stop_signal == SIGINT)
        return "SIGINT";
    if (limit_reached(s))
        return "--max-requests";
    return idle ? "--idle-exit" : "?";
}

/* One poll() round; returns 0 to go on, 1 when there is nothing left. */
static int serve_round(struct server *s, int stopping)
{
    struct pollfd fds[MAX_CONNS + 1];
    size_t nfds = 0;
    for (size_t i = 0; i < s->nconns; i++) {
        struct conn *c = &s->conns[i];
        short ev = 0;
        if (!stopping && !c->closing && c->in.len < IN_LIMIT && c->out.len < OUT_HIGH)
            ev |= POLLIN;
        if (c->out.len)
            ev |= POLLOUT;
        fds[nfds].fd = c->fd;
        fds[nfds++].events = ev;
    }
    int listening = !stopping && s->nconns < MAX_CONNS;
    if (listening) {
        fds[nfds].fd = s->listen_fd;
        fds[nfds++].events = POLLIN;
    }
    if (nfds == 0)
        return 1;
    if (poll(fds, (nfds_t)nfds, POLL_MS) < 0)
        return 0; /* EINTR: a stop signal, seen by the caller */
    /* Back to front, so that close_conn() moving the last one into a
     * freed slot never skips a connection. */
    for (size_t i = s->nconns; i-- > 0;) {
        struct conn *c = &s->conns[i];
        short rev = fds[i].revents;
        int failed = 0;
        if (rev & (POLLIN | POLLHUP | POLLERR))
            failed = read_some(c) != 0;
        if (!failed) {
            answer_buffered(s, c);
            failed = write_some(c) != 0;
        }
        if (!failed && c->out.len < OUT_HIGH)
            answer_buffered(s, c); /* more room after a write */
        if (failed || ((c->closing || stopping) && c->out.len == 0))
            close_conn(s, i);
    }
    if (listening && (fds[nfds - 1].revents & POLLIN))
        accept_all(s);
    return 0;
}

int server_run(const struct server_options *opt)
{
    static struct server s; /* large (64 connections); one per process */
    memset(&s, 0, sizeof s);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal; /* no SA_RESTART: poll() must return */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (kvstore_init(&s.store, STORE_SLOTS, hash_fnv1a64) != 0) {
        fprintf(stderr, "server: out of memory\n");
        return 1;
    }
    buf_init(&s.body, 4096);
    s.max_requests = opt->max_requests;
    s.listen_fd = open_listener(opt->port);
    if (s.listen_fd < 0)
        return 1;
    s.last_request = clock_now();

    int stopping = 0, idle = 0;
    unsigned long served_before = 0;
    double drain_deadline = 0;
    for (;;) {
        double now = clock_now();
        if (s.served != served_before) {
            s.last_request = now;
            served_before = s.served;
        }
        if (!stopping) {
            idle = opt->idle_exit > 0 && now - s.last_request >= opt->idle_exit;
            if (stop_signal || limit_reached(&s) || idle) {
                stopping = 1;
                drain_deadline = now + DRAIN_SECONDS;
                close(s.listen_fd);
            }
        } else if (now >= drain_deadline) {
            break;
        }
        if (serve_round(&s, stopping))
            break;
    }
    if (!stopping)
        close(s.listen_fd);
    while (s.nconns)
        close_conn(&s, s.nconns - 1);
    fprintf(stderr, "server: stopped by %s after %lu requests on %lu connections\n",
            stop_reason(&s, idle), s.served, s.accepted);
    kvstore_free(&s.store);
    buf_free(&s.body);
    return 0;
}
