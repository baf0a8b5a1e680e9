/*
 * hashes.h - streaming hashes, fed one byte at a time, so that a handler
 * can hash a query value while it is being decoded.
 */
#ifndef HASHES_H
#define HASHES_H

#include <stddef.h>
#include <stdint.h>

/* A streaming hash: state = step(state, byte) for each byte, from init;
 * the digest is finish(state), `digits` hex digits long.  /hash picks
 * one by name for each request. */
struct hash_algo {
    const char *name;
    uint64_t init;
    uint64_t (*step)(uint64_t state, int byte);
    uint64_t (*finish)(uint64_t state);
    int digits;
};

/* fnv1a64, crc32 or adler32; NULL for another name. */
const struct hash_algo *hash_algo_find(const char *name, size_t len);

/* FNV-1a over a whole key: the key-value store's default hash. */
uint64_t hash_fnv1a64(const void *p, size_t n);

#endif
