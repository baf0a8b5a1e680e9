/*
 * table.c - hashing, open-addressing hash tables and string interning.
 *
 * Generic tables (script maps) hash and compare keys through the
 * value_ops interface.  The string-keyed variants (globals, the
 * interning set) use the cached hash and pointer identity directly.
 */
#include "interp.h"

#include <stdlib.h>
#include <string.h>

#define TABLE_MIN_CAP 8

/* FNV-1a */
uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* A cheap 64 -> 32 bit mixer (from MurmurHash3's finalizer). */
uint32_t hash_int(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

void table_init(struct table *t)
{
    t->count = t->used = t->cap = 0;
    t->entries = NULL;
}

void table_free(struct table *t)
{
    free(t->entries);
    table_init(t);
}

static bool is_tombstone(const struct tentry *e)
{
    return e->key.type == T_NIL && e->val.type != T_NIL;
}

/* Finds the slot holding `key`, or the slot where it should be inserted
 * (the first tombstone seen, else the empty slot ending the probe). */
static struct tentry *find_entry(struct tentry *entries, uint32_t cap, const value *key)
{
    const struct value_ops *ops = vops(key);
    uint32_t mask = cap - 1;
    uint32_t i = ops->hash(key) & mask;
    struct tentry *tomb = NULL;
    for (;;) {
        struct tentry *e = &entries[i];
        if (e->key.type == T_NIL) {
            if (!is_tombstone(e))
                return tomb ? tomb : e;
            if (!tomb)
                tomb = e;
        } else if (ops->equal(key, &e->key)) {
            return e;
        }
        i = (i + 1) & mask;
    }
}

static struct tentry *find_str(struct tentry *entries, uint32_t cap,
                               const struct str *key)
{
    uint32_t mask = cap - 1;
    uint32_t i = key->hash & mask;
    struct tentry *tomb = NULL;
    for (;;) {
        struct tentry *e = &entries[i];
        if (e->key.type == T_NIL) {
            if (!is_tombstone(e))
                return tomb ? tomb : e;
            if (!tomb)
                tomb = e;
        } else if (e->key.as.o == &key->h) {
            return e;
        }
        i = (i + 1) & mask;
    }
}

static void grow(struct table *t)
{
    uint32_t cap = t->cap ? t->cap * 2 : TABLE_MIN_CAP;
    /* only rehash in place when tombstones dominate */
    if (t->cap && t->count * 2 < t->cap)
        cap = t->cap;
    struct tentry *entries = xmalloc(sizeof *entries * cap);
    for (uint32_t i = 0; i < cap; i++) {
        entries[i].key = v_nil();
        entries[i].val = v_nil();
    }
    t->count = 0;
    for (uint32_t i = 0; i < t->cap; i++) {
        struct tentry *src = &t->entries[i];
        if (src->key.type == T_NIL)
            continue;
        struct tentry *dst = find_entry(entries, cap, &src->key);
        *dst = *src;
        t->count++;
    }
    free(t->entries);
    t->entries = entries;
    t->cap = cap;
    t->used = t->count;
}

bool table_get(const struct table *t, const value *key, value *out)
{
    if (t->count == 0)
        return false;
    const struct tentry *e = find_entry(t->entries, t->cap, key);
    if (e->key.type == T_NIL)
        return false;
    *out = e->val;
    return true;
}

bool table_set(struct table *t, const value *key, const value *val)
{
    if ((t->used + 1) * 4 > t->cap * 3)
        grow(t);
    struct tentry *e = find_entry(t->entries, t->cap, key);
    bool is_new = e->key.type == T_NIL;
    if (is_new) {
        t->count++;
        if (!is_tombstone(e))
            t->used++;
        e->key = *key; /* an equal existing key (2 vs 2.0) is kept */
    }
    e->val = *val;
    return is_new;
}

bool table_delete(struct table *t, const value *key)
{
    if (t->count == 0)
        return false;
    struct tentry *e = find_entry(t->entries, t->cap, key);
    if (e->key.type == T_NIL)
        return false;
    e->key = v_nil();
    e->val = v_int(1); /* tombstone */
    t->count--;
    return true;
}

bool table_get_str(const struct table *t, const struct str *key, value *out)
{
    if (t->count == 0)
        return false;
    const struct tentry *e = find_str(t->entries, t->cap, key);
    if (e->key.type == T_NIL)
        return false;
    *out = e->val;
    return true;
}

bool table_set_str(struct table *t, struct str *key, value val)
{
    if ((t->used + 1) * 4 > t->cap * 3)
        grow(t);
    struct tentry *e = find_str(t->entries, t->cap, key);
    bool is_new = e->key.type == T_NIL;
    if (is_new) {
        t->count++;
        if (!is_tombstone(e))
            t->used++;
    }
    e->key = v_obj(&key->h);
    e->val = val;
    return is_new;
}

/* ------------------------------------------------------------------ */
/* Interning                                                           */
/* ------------------------------------------------------------------ */

static struct str *find_interned(const struct table *t, const char *chars,
                                 uint32_t len, uint32_t hash)
{
    if (t->count == 0)
        return NULL;
    uint32_t mask = t->cap - 1;
    for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
        const struct tentry *e = &t->entries[i];
        if (e->key.type == T_NIL) {
            if (!is_tombstone(e))
                return NULL;
            continue;
        }
        const struct str *s = AS_STR(e->key);
        if (s->hash == hash && s->len == len && memcmp(s->chars, chars, len) == 0)
            return (struct str *)s;
    }
}

static struct str *str_new(struct vm *vm, const char *chars, uint32_t len, uint32_t hash)
{
    struct str *s = (struct str *)obj_alloc(vm, sizeof *s + len + 1, T_STR);
    s->hash = hash;
    s->len = len;
    memcpy(s->chars, chars, len);
    s->chars[len] = '\0';
    table_set_str(&vm->strings, s, v_nil());
    return s;
}

struct str *str_intern(struct vm *vm, const char *chars, size_t len)
{
    uint32_t hash = hash_bytes(chars, len);
    struct str *s = find_interned(&vm->strings, chars, (uint32_t)len, hash);
    return s ? s : str_new(vm, chars, (uint32_t)len, hash);
}

struct str *str_concat(struct vm *vm, const struct str *a, const struct str *b)
{
    size_t len = (size_t)a->len + b->len;
    char small[256];
    char *buf = len <= sizeof small ? small : xmalloc(len);
    memcpy(buf, a->chars, a->len);
    memcpy(buf + a->len, b->chars, b->len);
    struct str *s = str_intern(vm, buf, len);
    if (buf != small)
        free(buf);
    return s;
}
