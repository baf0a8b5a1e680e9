/*
 * kvstore.h - the server's key-value store: a fixed-size open-addressing
 * hash map of short strings.  It never grows, so a client cannot make the
 * server allocate without bound; a put past the limit is refused.
 */
#ifndef KVSTORE_H
#define KVSTORE_H

#include <stddef.h>
#include <stdint.h>

#define KV_KEY_MAX 64
#define KV_VALUE_MAX 128

typedef uint64_t (*kv_hash_fn)(const void *p, size_t n);

struct kv_slot {
    uint64_t hash;
    unsigned char used, key_len, value_len;
    char key[KV_KEY_MAX];
    char value[KV_VALUE_MAX];
};

struct kvstore {
    kv_hash_fn hash; /* the caller's choice: the store needs no hash of its own */
    struct kv_slot *slots;
    size_t cap, count, limit; /* cap is a power of two; limit = 3/4 cap */
};

enum kv_result { KV_STORED, KV_REPLACED, KV_FULL, KV_TOO_LONG };

/* cap must be a power of two; returns 0, or -1 when out of memory. */
int kvstore_init(struct kvstore *kv, size_t cap, kv_hash_fn hash);
void kvstore_free(struct kvstore *kv);
enum kv_result kvstore_put(struct kvstore *kv, const char *key, size_t key_len, const char *value, size_t value_len);
/* The stored value and its length, or NULL when the key is absent. */
const char *kvstore_get(const struct kvstore *kv, const char *key, size_t key_len, size_t *value_len);

#endif
