/*
 * handlers.h - the request handlers and the route table that picks one.
 * Each handler writes a JSON body and returns the HTTP status.
 */
#ifndef HANDLERS_H
#define HANDLERS_H

#include "buf.h"
#include "codec.h"
#include "kvstore.h"

struct handler_env {
    struct kvstore *store;
    unsigned long connection_requests; /* on this connection, this one included */
};

typedef int (*handler_fn)(const struct http_request *req, struct handler_env *env, struct buf *body);

/* The handler for the request's method and path; never NULL (unknown
 * paths get the 404 handler, other methods than GET the 405 one). */
handler_fn handlers_route(const struct http_request *req);

/* Writes {"error":"<message>"} and returns status. */
int handlers_error(struct buf *body, int status, const char *message);

#endif
