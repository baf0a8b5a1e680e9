/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "kv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void kv_init(struct kv *kv) {
    kv->key = kv->val = NULL;
    kv->n = kv->cap = 0;
}

void kv_free(struct kv *kv) {
    for (size_t i = 0; i < kv->n; i++) {
        free(kv->key[i]);
        free(kv->val[i]);
    }
    free(kv->key);
    free(kv->val);
    kv_init(kv);
}

void kv_add(struct kv *kv, const char *key, const char *val) {
    if (kv->n == kv->cap) {
        kv->cap = kv->cap ? 2 * kv->cap : 16;
        kv->key = xrealloc(kv->key, kv->cap * sizeof *kv->key);
        kv->val = xrealloc(kv->val, kv->cap * sizeof *kv->val);
    }
    kv->key[kv->n] = xstrdup(key);
    kv->val[kv->n] = xstrdup(val);
    kv->n++;
}

void kv_addf(struct kv *kv, const char *key, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *s = xmalloc(n < 0 ? 1 : (size_t)n + 1);
    if (n < 0)
        s[0] = '\0';
    else
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    kv_add(kv, key, s);
    free(s);
}

void kv_set(struct kv *kv, const char *key, const char *val) {
    for (size_t i = 0; i < kv->n; i++) {
        if (strcmp(kv->key[i], key) == 0) {
            free(kv->val[i]);
            kv->val[i] = xstrdup(val);
            return;
        }
    }
    kv_add(kv, key, val);
}

const char *kv_get(const struct kv *kv, const char *key) {
    for (size_t i = 0; i < kv->n; i++)
        if (strcmp(kv->key[i], key) == 0)
            return kv->val[i];
    return NULL;
}

const char *kv_str(const struct kv *kv, const char *key) {
    const char *v = kv_get(kv, key);
    return v ? v : "";
}

static void escape(struct sbuf *out, const char *s) {
    for (; *s; s++) {
        if (*s == '\\')
            sb_adds(out, "\\\\");
        else if (*s == '\n')
            sb_adds(out, "\\n");
        else
            sb_addc(out, *s);
    }
}

void kv_encode(const struct kv *kv, struct sbuf *out) {
    for (size_t i = 0; i < kv->n; i++) {
        escape(out, kv->key[i]);
        sb_addc(out, '=');
        escape(out, kv->val[i]);
        sb_addc(out, '\n');
    }
    if (!out->p)
        sb_add(out, "", 0);
}

/* Unescapes [s, e) into a new string; NULL on a bad escape. */
static char *unescape(const char *s, const char *e) {
    struct sbuf b;
    sb_init(&b);
    sb_add(&b, "", 0);
    for (; s < e; s++) {
        if (*s != '\\') {
            sb_addc(&b, *s);
            continue;
        }
        if (++s == e || (*s != '\\' && *s != 'n')) {
            sb_free(&b);
            return NULL;
        }
        sb_addc(&b, *s == 'n' ? '\n' : '\\');
    }
    return sb_take(&b);
}

int kv_decode(const char *text, size_t n, struct kv *out) {
    const char *p = text, *end = text + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return -1; /* a record always ends with a newline */
        const char *eq = memchr(p, '=', (size_t)(nl - p));
        if (!eq || memchr(p, '\0', (size_t)(nl - p)))
            return -1;
        char *k = unescape(p, eq), *v = unescape(eq + 1, nl);
        if (!k || !v || !*k) {
            free(k);
            free(v);
            return -1;
        }
        kv_add(out, k, v);
        free(k);
        free(v);
        p = nl + 1;
    }
    return 0;
}

void kv_print(FILE *f, const struct kv *kv, const char *prefix) {
    size_t k = strlen(prefix);
    for (size_t i = 0; i < kv->n; i++)
        if (strncmp(kv->key[i], prefix, k) == 0)
            fprintf(f, "%s=%s\n", kv->key[i] + k, kv->val[i]);
}
