/*
 * codec.h - the wire format: parsing HTTP/1.1 request heads, reading
 * query parameters, and writing response heads.
 */
#ifndef CODEC_H
#define CODEC_H

#include <stddef.h>

#include "buf.h"

/* A request head may not be longer than this (431 otherwise). */
#define CODEC_MAX_HEAD 8192

struct http_request {
    const char *method, *path, *query; /* point into the input buffer */
    size_t method_len, path_len, query_len;
    int keep_alive;  /* HTTP/1.1 without "Connection: close" */
    size_t head_len; /* bytes of input the head took, blank line included */
};

enum parse_result {
    PARSE_OK,
    PARSE_INCOMPLETE, /* no blank line yet: read more */
    PARSE_BAD,        /* answer 400 and close */
    PARSE_TOO_LARGE,  /* answer 431 and close */
    PARSE_HAS_BODY,   /* a body was announced; this server takes none: 413 */
};

enum parse_result codec_parse_request(const char *data, size_t len, struct http_request *req);

/*
 * A byte source: a query value read one byte at a time, percent-decoded
 * on the fly, so that handlers never copy or allocate.  `next` is chosen
 * per value: values without '%' or '+' skip the decoder.
 */
struct byte_src {
    int (*next)(struct byte_src *s); /* 0..255, or -1 at the end */
    const char *pos, *end;
};

/* Finds parameter `name` in the query; returns 1 and sets *src, or 0. */
int codec_query_param(const struct http_request *req, const char *name, struct byte_src *src);

/* Reads the rest of src into dst (at most cap bytes); returns the
 * length, or -1 if it did not fit. */
long codec_src_read_all(struct byte_src *src, char *dst, size_t cap);

const char *codec_status_text(int status);
/* Status line and headers for a JSON body of body_len bytes. */
void codec_put_response_head(struct buf *out, int status, size_t body_len, int keep_alive);

#endif
