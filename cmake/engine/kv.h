/* SPDX-License-Identifier: MIT */
/* kv: ordered key=value lists, printed as the "key=value" lines callers
 * parse, and stored in record files with values escaped ("\\" and "\n"),
 * so that any path survives the round trip. */
#ifndef PGO_KV_H
#define PGO_KV_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct kv {
    char **key, **val;
    size_t n, cap;
};

void kv_init(struct kv *kv);
void kv_free(struct kv *kv);
/* Appends; a key may appear more than once (kv_get returns the first). */
void kv_add(struct kv *kv, const char *key, const char *val);
void kv_addf(struct kv *kv, const char *key, const char *fmt, ...) PGO_PRINTF(3, 4);
/* Replaces the first KEY, or appends it. */
void kv_set(struct kv *kv, const char *key, const char *val);
const char *kv_get(const struct kv *kv, const char *key);
/* kv_get, with "" for a missing key. */
const char *kv_str(const struct kv *kv, const char *key);

/* Record form: one escaped "key=value" line each. */
void kv_encode(const struct kv *kv, struct sbuf *out);
/* Parses the record form (appending to OUT). 0, or -1 if malformed. */
int kv_decode(const char *text, size_t n, struct kv *out);

/* The "key=value" lines (unescaped) of the keys that start with PREFIX,
 * with PREFIX removed, in order. */
void kv_print(FILE *f, const struct kv *kv, const char *prefix);

#endif
