/* SPDX-License-Identifier: MIT */
/* hash: XXH64 (the 64-bit xxHash), in one call or streamed, and over a
 * file read in large blocks. */
#ifndef PGO_HASH_H
#define PGO_HASH_H

#include <stddef.h>
#include <stdint.h>

struct hash64 {
    uint64_t v[4], seed, total;
    unsigned char buf[32];
    size_t nbuf;
};

void hash64_init(struct hash64 *h, uint64_t seed);
void hash64_update(struct hash64 *h, const void *data, size_t n);
uint64_t hash64_final(const struct hash64 *h);
uint64_t hash64(const void *data, size_t n, uint64_t seed);
uint64_t hash64_str(const char *s);

/* Hashes what is left to read from FD (seed 0). 0 on success, -1 with
 * errno on a read error. */
int hash64_fd(int fd, uint64_t *out);

/* 16 lowercase hex digits and a NUL. */
void hash64_hex(uint64_t h, char out[17]);

#endif
