/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "hash.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/* Little-endian loads, whatever the host. */
static uint64_t load64(const unsigned char *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static uint64_t load32(const unsigned char *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

static uint64_t round64(uint64_t acc, uint64_t input) {
    acc += input * P2;
    acc = rotl(acc, 31);
    return acc * P1;
}

static uint64_t merge_round(uint64_t acc, uint64_t val) {
    acc ^= round64(0, val);
    return acc * P1 + P4;
}

void hash64_init(struct hash64 *h, uint64_t seed) {
    h->seed = seed;
    h->v[0] = seed + P1 + P2;
    h->v[1] = seed + P2;
    h->v[2] = seed;
    h->v[3] = seed - P1;
    h->total = 0;
    h->nbuf = 0;
}

static void stripe(uint64_t v[4], const unsigned char *p) {
    v[0] = round64(v[0], load64(p));
    v[1] = round64(v[1], load64(p + 8));
    v[2] = round64(v[2], load64(p + 16));
    v[3] = round64(v[3], load64(p + 24));
}

void hash64_update(struct hash64 *h, const void *data, size_t n) {
    const unsigned char *p = data;
    h->total += n;
    if (h->nbuf) {
        size_t take = 32 - h->nbuf;
        if (take > n)
            take = n;
        memcpy(h->buf + h->nbuf, p, take);
        h->nbuf += take;
        p += take;
        n -= take;
        if (h->nbuf < 32)
            return;
        stripe(h->v, h->buf);
        h->nbuf = 0;
    }
    uint64_t v[4] = {h->v[0], h->v[1], h->v[2], h->v[3]};
    while (n >= 32) {
        stripe(v, p);
        p += 32;
        n -= 32;
    }
    memcpy(h->v, v, sizeof v);
    if (n) {
        memcpy(h->buf, p, n);
        h->nbuf = n;
    }
}

uint64_t hash64_final(const struct hash64 *h) {
    uint64_t acc;
    if (h->total >= 32) {
        acc = rotl(h->v[0], 1) + rotl(h->v[1], 7) + rotl(h->v[2], 12) + rotl(h->v[3], 18);
        for (int i = 0; i < 4; i++)
            acc = merge_round(acc, h->v[i]);
    } else {
        acc = h->seed + P5;
    }
    acc += h->total;
    const unsigned char *p = h->buf;
    size_t n = h->nbuf;
    while (n >= 8) {
        acc ^= round64(0, load64(p));
        acc = rotl(acc, 27) * P1 + P4;
        p += 8;
        n -= 8;
    }
    if (n >= 4) {
        acc ^= load32(p) * P1;
        acc = rotl(acc, 23) * P2 + P3;
        p += 4;
        n -= 4;
    }
    while (n > 0) {
        acc ^= (uint64_t)*p * P5;
        acc = rotl(acc, 11) * P1;
        p++;
        n--;
    }
    acc ^= acc >> 33;
    acc *= P2;
    acc ^= acc >> 29;
    acc *= P3;
    acc ^= acc >> 32;
    return acc;
}

uint64_t hash64(const void *data, size_t n, uint64_t seed) {
    struct hash64 h;
    hash64_init(&h, seed);
    hash64_update(&h, data, n);
    return hash64_final(&h);
}

uint64_t hash64_str(const char *s) { return hash64(s, strlen(s), 0); }

int hash64_fd(int fd, uint64_t *out) {
    enum { BLOCK = 1 << 20 };
    unsigned char *buf = malloc(BLOCK);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    struct hash64 h;
    hash64_init(&h, 0);
    for (;;) {
        ssize_t r = read(fd, buf, BLOCK);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        hash64_update(&h, buf, (size_t)r);
    }
    free(buf);
    *out = hash64_final(&h);
    return 0;
}

void hash64_hex(uint64_t h, char out[17]) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = digits[h & 15];
        h >>= 4;
    }
    out[16] = '\0';
}
