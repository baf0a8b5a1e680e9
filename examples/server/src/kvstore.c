/* kvstore.c - fixed-size hash map with linear probing. */
#include "kvstore.h"

#include <stdlib.h>
#include <string.h>

int kvstore_init(struct kvstore *kv, size_t cap, kv_hash_fn hash)
{
    kv->slots = calloc(cap, sizeof *kv->slots);
    kv->hash = hash;
    kv->cap = kv->slots ? cap : 0;
    kv->count = 0;
    kv->limit = kv->cap / 4 * 3;
    return kv->slots ? 0 : -1;
}

void kvstore_free(struct kvstore *kv)
{
    free(kv->slots);
    kv->slots = NULL;
    kv->cap = kv->count = kv->limit = 0;
}

/* The slot holding the key, or the empty slot where it would go.  The
 * table is never full (limit < cap), so the probe always ends. */
static struct kv_slot *find_slot(const struct kvstore *kv, const char *key, size_t key_len, uint64_t h)
{
    size_t mask = kv->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct kv_slot *s = &kv->slots[i];
        if (!s->used)
            return s;
        if (s->hash == h && s->key_len == key_len && memcmp(s->key, key, key_len) == 0)
            return s;
    }
}

enum kv_result kvstore_put(struct kvstore *kv, const char *key, size_t key_len, const char *value, size_t value_len)
{
    if (key_len > KV_KEY_MAX || value_len > KV_VALUE_MAX)
        return KV_TOO_LONG;
    uint64_t h = kv->hash(key, key_len);
    struct kv_slot *s = find_slot(kv, key, key_len, h);
    enum kv_result r = KV_REPLACED;
    if (!s->used) {
        if (kv->count >= kv->limit)
            return KV_FULL;
        s->used = 1;
        s->hash = h;
        s->key_len = (unsigned char)key_len;
        memcpy(s->key, key, key_len);
        kv->count++;
        r = KV_STORED;
    }
    s->value_len = (unsigned char)value_len;
    memcpy(s->value, value, value_len);
    return r;
}

const char *kvstore_get(const struct kvstore *kv, const char *key, size_t key_len, size_t *value_len)
{
    if (key_len > KV_KEY_MAX)
        return NULL;
    struct kv_slot *s = find_slot(kv, key, key_len, kv->hash(key, key_len));
    if (!s->used)
        return NULL;
    *value_len = s->value_len;
    return s->value;
}
