/* buf.c - growable byte buffer and number/JSON formatting. */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t cap)
{
    b->data = malloc(cap ? cap : 1);
    b->len = 0;
    b->cap = b->data ? (cap ? cap : 1) : 0;
    b->failed = b->data == NULL;
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->failed = 0;
}

void buf_consume(struct buf *b, size_t n)
{
    if (n >= b->len) {
        b->len = 0;
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}

int buf_reserve(struct buf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (b->cap - b->len >= n)
        return 0;
    if (n > BUF_MAX - b->len) {
        b->failed = 1;
        return -1;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len < n)
        cap = cap > BUF_MAX / 2 ? BUF_MAX : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void buf_putc(struct buf *b, int c)
{
    if (b->len == b->cap && buf_reserve(b, 1) != 0)
        return;
    b->data[b->len++] = (char)c;
}

void buf_put(struct buf *b, const void *p, size_t n)
{
    if (buf_reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void buf_puts(struct buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

void buf_put_u64(struct buf *b, unsigned long long v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (buf_reserve(b, (size_t)n) != 0)
        return;
    while (n)
        b->data[b->len++] = tmp[--n];
}

void buf_put_i64(struct buf *b, long long v)
{
    if (v < 0) {
        buf_putc(b, '-');
        /* Negate in unsigned arithmetic: -LLONG_MIN does not fit. */
        buf_put_u64(b, 0ull - (unsigned long long)v);
    } else {
        buf_put_u64(b, (unsigned long long)v);
    }
}

static const char hex_digits[] = "0123456789abcdef";

void buf_put_hex(struct buf *b, uint64_t v, int digits)
{
    if (buf_reserve(b, (size_t)digits) != 0)
        return;
    for (int i = digits - 1; i >= 0; i--) {
        b->data[b->len + (size_t)i] = hex_digits[v & 15];
        v >>= 4;
    }
    b->len += (size_t)digits;
}

void buf_put_json_byte(struct buf *b, int c)
{
    switch (c) {
    case '"': buf_put(b, "\\\"", 2); return;
    case '\\': buf_put(b, "\\\\", 2); return;
    case '\b': buf_put(b, "\\b", 2); return;
    case '\f': buf_put(b, "\\f", 2); return;
    case '\n': buf_put(b, "\\n", 2); return;
    case '\r': buf_put(b, "\\r", 2); return;
    case '\t': buf_put(b, "\\t", 2); return;
    }
    if (c < 0x20 || c == 0x7f) {
        buf_put(b, "\\u00", 4);
        buf_put_hex(b, (uint64_t)c, 2);
        return;
    }
    buf_putc(b, c);
}

void buf_put_json_string(struct buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++)
        buf_put_json_byte(b, (unsigned char)s[i]);
    buf_putc(b, '"');
}
