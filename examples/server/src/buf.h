/*
 * buf.h - a growable byte buffer and the formatting that writes into it
 * (decimal, hex, JSON strings).  The server builds responses with it and
 * the load generator builds requests and expected answers.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>
#include <stdint.h>

/* A buffer never grows past this; a write that would is dropped and
 * `failed` is set, so that one bad request cannot eat the machine. */
#define BUF_MAX (16u * 1024 * 1024)

struct buf {
    char *data;
    size_t len, cap;
    int failed; /* out of memory or over BUF_MAX */
};

void buf_init(struct buf *b, size_t cap);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Removes the first n bytes (sent data, consumed input). */
void buf_consume(struct buf *b, size_t n);
/* Makes room for n more bytes; returns 0, or -1 with `failed` set. */
int buf_reserve(struct buf *b, size_t n);

void buf_putc(struct buf *b, int c);
void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_put_i64(struct buf *b, long long v);
void buf_put_u64(struct buf *b, unsigned long long v);
/* Exactly `digits` lowercase hex digits of the low bits of v. */
void buf_put_hex(struct buf *b, uint64_t v, int digits);

/* JSON string escaping, byte by byte: '"' and '\\' get a backslash,
 * \b \f \n \r \t their short forms, other bytes below 0x20 and 0x7f
 * become \u00xx; bytes from 0x80 up pass through, so UTF-8 stays as is. */
void buf_put_json_byte(struct buf *b, int c);
/* A whole JSON string value, quotes included. */
void buf_put_json_string(struct buf *b, const char *s, size_t n);

#endif
