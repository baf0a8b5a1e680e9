/*
 * workload.h - what the load generator sends and what it expects back.
 *
 * A mix ("train" or "bench") fixes the proportions of request kinds and
 * their sizes.  Stateless requests (hash, sum, words, ...) are drawn from
 * pools built once from the mix's seed, with their answers computed here
 * by code written independently of the server's.  Key-value requests
 * follow a model of what this connection has stored.  Everything is
 * seeded, so a given mix, request count and connection count always
 * produce the same requests, answers and checksum.
 */
#ifndef WORKLOAD_H
#define WORKLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define WORKLOAD_MAX_CONNECTIONS 16 /* each has its own keys */
#define WORKLOAD_KEYS 32            /* keys per connection */
#define EXPECT_OWN 64 /* the longest answer not kept in a pool */

enum request_kind {
    REQ_HASH,
    REQ_SUM,
    REQ_KV_GET,
    REQ_KV_PUT,
    REQ_WORDS,
    REQ_UPPER,
    REQ_REVERSE,
    REQ_ESCAPE,
    REQ_STATS,
    REQ_UNKNOWN, /* a path the server does not have: 404 */
    REQ_KINDS
};

struct expect {
    enum request_kind kind;
    int status;
    const char *body; /* into the pool, or into own[] */
    size_t body_len;
    char own[EXPECT_OWN];
};

struct workload;

/* NULL when the mix is not "train" or "bench", or out of memory. */
struct workload *workload_new(const char *mix);
void workload_free(struct workload *w);
const char *workload_kind_name(enum request_kind kind);

/* One connection's request sequence. */
struct stream {
    uint64_t rng;
    unsigned conn;
    unsigned long issued;
    signed char stored[WORKLOAD_KEYS]; /* value index put last, or -1 */
};

void workload_stream_init(const struct workload *w, struct stream *st, unsigned conn);
/* Appends the next request of st to out and describes its answer. */
void workload_next(const struct workload *w, struct stream *st, struct buf *out, struct expect *e);

#endif
