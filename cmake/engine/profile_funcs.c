/* SPDX-License-Identifier: MIT */
#include "profile_funcs.h"

#include <stdlib.h>
#include <string.h>

void pf_init(struct pf_list *l) { memset(l, 0, sizeof *l); }

void pf_free(struct pf_list *l) {
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].name);
    free(l->v);
    pf_init(l);
}

void pf_add(struct pf_list *l, const char *name, size_t n, uint64_t hash, uint64_t weight) {
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    struct pf_func *f = &l->v[l->n++];
    f->name = xmalloc(n + 1);
    memcpy(f->name, name, n);
    f->name[n] = '\0';
    f->hash = hash;
    f->weight = weight;
}

uint64_t pf_add_sat(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

struct lines {
    const char *p, *end;
    size_t lineno;
};

/* The next line (without its newline, and a '\r' before it); 0 at the end. */
static int next_line(struct lines *ls, const char **s, size_t *len) {
    if (ls->p >= ls->end)
        return 0;
    const char *nl = memchr(ls->p, '\n', (size_t)(ls->end - ls->p));
    const char *le = nl ? nl : ls->end;
    *s = ls->p;
    *len = (size_t)(le - ls->p);
    if (*len && (*s)[*len - 1] == '\r')
        (*len)--;
    ls->p = nl ? nl + 1 : ls->end;
    ls->lineno++;
    return 1;
}

/* A whole line of decimal digits. */
static int line_u64(const char *s, size_t len, uint64_t *out) {
    if (!len)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* The next line that is not a "#" comment, as a number. */
static int next_number(struct lines *ls, uint64_t *out) {
    const char *s;
    size_t len;
    while (next_line(ls, &s, &len))
        if (!(len && s[0] == '#'))
            return line_u64(s, len, out);
    return -1;
}

int pf_parse_instr_text(const char *text, size_t n, struct pf_list *l, struct sbuf *why) {
    struct lines ls = {text, text + n, 0};
    const char *s;
    size_t len;
    int skipping = 0; /* inside the header's temporal traces block */
    while (next_line(&ls, &s, &len)) {
        if (len == 0) {
            skipping = 0;
            continue;
        }
        if (skipping || s[0] == '#')
            continue;
        if (s[0] == ':') {
            skipping = len == 21 && memcmp(s, ":temporal_prof_traces", 21) == 0;
            continue;
        }
        const char *name = s;
        size_t nlen = len;
        size_t at = ls.lineno;
        uint64_t hash, count, weight = 0;
        if (next_number(&ls, &hash) != 0 || next_number(&ls, &count) != 0) {
            sb_addf(why, "the text profile has no hash or counter count for the function on line %zu", at);
            return -1;
        }
        for (uint64_t i = 0; i < count; i++) {
            uint64_t c;
            if (next_number(&ls, &c) != 0) {
                sb_addf(why, "the text profile has fewer counters than it says for the function on line %zu", at);
                return -1;
            }
            weight = pf_add_sat(weight, c);
        }
        pf_add(l, name, nlen, hash, weight);
        while (next_line(&ls, &s, &len) && len != 0)
            ; /* value profile data and bitmap bytes */
    }
    return 0;
}

int pf_parse_sample_text(const char *text, size_t n, struct pf_list *l, struct sbuf *why) {
    struct lines ls = {text, text + n, 0};
    const char *s;
    size_t len;
    while (next_line(&ls, &s, &len)) {
        if (len == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '#')
            continue;
        /* "<name>:<total>:<head>", the numbers from the right. */
        const char *c2 = NULL, *c1 = NULL;
        for (size_t i = len; i-- > 0;)
            if (s[i] == ':') {
                if (!c2)
                    c2 = s + i;
                else {
                    c1 = s + i;
                    break;
                }
            }
        uint64_t total, head;
        if (!c1 || line_u64(c1 + 1, (size_t)(c2 - c1 - 1), &total) != 0 ||
            line_u64(c2 + 1, (size_t)(s + len - c2 - 1), &head) != 0 || c1 == s) {
            sb_addf(why, "the text sample profile's line %zu is not \"<function>:<samples>:<head samples>\"",
                    ls.lineno);
            return -1;
        }
        const char *name = s;
        size_t nlen = (size_t)(c1 - s);
        if (name[0] == '[') { /* a context: the function is its last frame */
            const char *last = name + 1;
            for (size_t i = 0; i + 3 <= nlen; i++)
                if (memcmp(name + i, " @ ", 3) == 0)
                    last = name + i + 3;
            size_t k = (size_t)(name + nlen - last);
            if (k && last[k - 1] == ']')
                k--;
            const char *colon = memchr(last, ':', k);
            nlen = colon ? (size_t)(colon - last) : k;
            name = last;
        }
        pf_add(l, name, nlen, 0, total);
    }
    return 0;
}
