/* SPDX-License-Identifier: MIT */
#include "ar_read.h"

#include <stdlib.h>
#include <string.h>

int ar_is_archive(const unsigned char *data, size_t n) { return n >= 8 && memcmp(data, "!<arch>\n", 8) == 0; }

/* A decimal field of an archive header (space padded); -1 if malformed. */
static long long header_number(const unsigned char *p, size_t len) {
    long long v = 0;
    size_t i = 0;
    while (i < len && p[i] == ' ')
        i++;
    size_t start = i;
    while (i < len && p[i] >= '0' && p[i] <= '9') {
        if (v > 1000000000000LL)
            return -1;
        v = v * 10 + (p[i++] - '0');
    }
    if (i == start)
        return -1;
    while (i < len && p[i] == ' ')
        i++;
    return i == len ? v : -1;
}

int ar_each(const unsigned char *data, size_t n, ar_member_fn fn, void *ctx, struct sbuf *why) {
    if (n >= 8 && memcmp(data, "!<thin>\n", 8) == 0) {
        sb_adds(why, "is a thin archive (its members are other files)");
        return -1;
    }
    if (!ar_is_archive(data, n)) {
        sb_adds(why, "is not an archive");
        return -1;
    }
    const unsigned char *longnames = NULL;
    size_t nlong = 0;
    size_t p = 8;
    while (p < n) {
        if (n - p < 60 || data[p + 58] != '`' || data[p + 59] != '\n') {
            sb_adds(why, "is a damaged archive (a member header is cut or malformed)");
            return -1;
        }
        const unsigned char *h = data + p;
        long long size = header_number(h + 48, 10);
        size_t body = p + 60;
        if (size < 0 || (unsigned long long)size > n - body) {
            sb_adds(why, "is a damaged archive (a member reaches past its end)");
            return -1;
        }
        const unsigned char *content = data + body;
        size_t len = (size_t)size;
        char name[256];
        size_t nlen = 0;
        int member = 1;
        if (h[0] == '/' && (h[1] == ' ' || (h[1] == 'S' && h[2] == 'Y' && h[3] == 'M'))) {
            member = 0; /* the symbol table ("/" or "/SYM64/") */
        } else if (h[0] == '/' && h[1] == '/' && h[2] == ' ') {
            member = 0;
            longnames = content;
            nlong = len;
        } else if (h[0] == '/' && h[1] >= '0' && h[1] <= '9') {
            long long off = header_number(h + 1, 15);
            if (off < 0 || !longnames || (unsigned long long)off >= nlong) {
                sb_adds(why, "is a damaged archive (a long member name is missing)");
                return -1;
            }
            const unsigned char *s = longnames + off;
            while (nlen < sizeof name - 1 && (size_t)(s - longnames) + nlen < nlong && s[nlen] != '\n' &&
                   !(s[nlen] == '/' && ((size_t)(s - longnames) + nlen + 1 == nlong || s[nlen + 1] == '\n')))
                nlen++;
            memcpy(name, s, nlen);
        } else if (h[0] == '#' && h[1] == '1' && h[2] == '/') {
            long long blen = header_number(h + 3, 13); /* BSD: the name follows the header */
            if (blen < 0 || (unsigned long long)blen > len) {
                sb_adds(why, "is a damaged archive (a member name is cut)");
                return -1;
            }
            nlen = (size_t)blen < sizeof name - 1 ? (size_t)blen : sizeof name - 1;
            memcpy(name, content, nlen);
            while (nlen && name[nlen - 1] == '\0')
                nlen--;
            content += blen;
            len -= (size_t)blen;
            if (nlen == 16 && memcmp(name, "__.SYMDEF SORTED", 16) == 0)
                member = 0;
        } else {
            while (nlen < 16 && h[nlen] != '/' && h[nlen] != ' ')
                nlen++;
            memcpy(name, h, nlen);
            if (nlen == 9 && memcmp(name, "__.SYMDEF", 9) == 0)
                member = 0;
        }
        name[nlen] = '\0';
        if (member) {
            int r = fn(ctx, name, content, len);
            if (r)
                return r;
        }
        p = body + (size_t)size + ((size_t)size & 1);
    }
    return 0;
}
