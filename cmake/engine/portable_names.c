/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "portable_names.h"

#include <string.h>

/* Does the line [s, s+n) start with ROOT followed by '/'? Sets *skip to the
 * length of that prefix. */
static int under_root(const char *s, size_t n, const char *root, size_t *skip) {
    size_t k = strlen(root);
    if (n < k + 1 || memcmp(s, root, k) != 0 || s[k] != '/')
        return 0;
    *skip = k + 1;
    return 1;
}

static int has(const char *s, size_t n, const char *prefix, size_t *skip) {
    size_t k = strlen(prefix);
    if (n < k || memcmp(s, prefix, k) != 0)
        return 0;
    *skip = k;
    return 1;
}

size_t pn_rename(const char *text, size_t n, enum pn_mode mode, const char *source_root,
                 const char *build_root, struct sbuf *out) {
    const char *src = source_root && *source_root ? source_root : NULL;
    const char *bld = build_root && *build_root ? build_root : NULL;
    size_t renamed = 0;
    const char *p = text, *end = text + n;
    sb_add(out, "", 0);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        size_t skip = 0;
        if (mode == PN_RELATIVE) {
            if (bld && under_root(p, len, bld, &skip)) {
                sb_adds(out, "@build/");
                renamed++;
            } else if (src && under_root(p, len, src, &skip)) {
                sb_adds(out, "./");
                renamed++;
            }
        } else {
            if (bld && has(p, len, "@build/", &skip)) {
                sb_adds(out, bld);
                sb_addc(out, '/');
                renamed++;
            } else if (src && has(p, len, "./", &skip)) {
                sb_adds(out, src);
                sb_addc(out, '/');
                renamed++;
            }
        }
        sb_add(out, p + skip, len - skip);
        sb_addc(out, '\n');
        p += len + (nl ? 1 : 0);
    }
    return renamed;
}
