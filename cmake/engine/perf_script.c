/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "perf_script.h"

#include <stdlib.h>
#include <string.h>

/* ---- small scanners ------------------------------------------------------ */

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A hexadecimal number (with or without 0x) at *S; moves *S past it. */
static int scan_hex(const char **s, uint64_t *v) {
    const char *p = *s;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hexval(p[2]) >= 0)
        p += 2;
    uint64_t x = 0;
    const char *start = p;
    for (; hexval(*p) >= 0; p++) {
        if (p - start >= 16)
            return 0;
        x = (x << 4) | (uint64_t)hexval(*p);
    }
    if (p == start)
        return 0;
    *v = x;
    *s = p;
    return 1;
}

/* A decimal number, optionally negative ("-1/0" is the kernel's pid). */
static int scan_dec(const char **s, long long *v) {
    const char *p = *s;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    long long x = 0;
    const char *start = p;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (x > 100000000000000LL)
            return 0;
        x = x * 10 + (*p - '0');
    }
    if (p == start)
        return 0;
    *v = neg ? -x : x;
    *s = p;
    return 1;
}

static int scan_udec(const char **s, uint64_t *v) {
    long long x;
    const char *p = *s;
    if (*p == '-' || !scan_dec(&p, &x))
        return 0;
    *v = (uint64_t)x;
    *s = p;
    return 1;
}

static int scan_lit(const char **s, const char *lit) {
    size_t n = strlen(lit);
    if (strncmp(*s, lit, n) != 0)
        return 0;
    *s += n;
    return 1;
}

static void skip_spaces(const char **s) {
    while (**s == ' ' || **s == '\t')
        (*s)++;
}

/* "<pid>/<tid>" at *S. */
static int scan_pid_tid(const char **s, long *pid, long *tid) {
    long long a, b;
    const char *p = *s;
    if (!scan_dec(&p, &a) || *p != '/')
        return 0;
    p++;
    if (!scan_dec(&p, &b))
        return 0;
    *pid = (long)a;
    *tid = (long)b;
    *s = p;
    return 1;
}

/* ---- lines -------------------------------------------------------------- */

int ps_parse_mmap(const char *line, struct ps_mmap *m) {
    const char *p = strstr(line, " PERF_RECORD_MMAP");
    if (!p)
        return 0;
    p += strlen(" PERF_RECORD_MMAP");
    int v2 = 0;
    if (*p == '2') {
        v2 = 1;
        p++;
    }
    memset(m, 0, sizeof *m);
    if (!scan_lit(&p, " ") || !scan_pid_tid(&p, &m->pid, &m->tid) || !scan_lit(&p, ": [") ||
        !scan_hex(&p, &m->start) || !scan_lit(&p, "(") || !scan_hex(&p, &m->len) || !scan_lit(&p, ") @ ") ||
        !scan_hex(&p, &m->pgoff))
        return 0;
    if (v2) {
        if (scan_lit(&p, " <")) {
            size_t n = 0;
            while (hexval(p[n]) >= 0 && n < sizeof m->build_id - 1)
                n++;
            if (p[n] != '>')
                return 0;
            memcpy(m->build_id, p, n);
            m->build_id[n] = '\0';
            p += n + 1;
        } else {
            uint64_t maj, min;
            if (!scan_lit(&p, " ") || !scan_hex(&p, &maj) || !scan_lit(&p, ":") || !scan_hex(&p, &min) ||
                !scan_lit(&p, " ") || !scan_udec(&p, &m->ino) || !scan_lit(&p, " ") || !scan_udec(&p, &m->ino_gen))
                return 0;
            m->maj = (unsigned long)maj;
            m->min = (unsigned long)min;
            m->has_inode = 1;
        }
    }
    if (!scan_lit(&p, "]: "))
        return 0;
    size_t k = 0;
    while (p[k] && p[k] != ' ' && k < sizeof m->prot - 1)
        k++;
    if (k == 0 || p[k] != ' ')
        return 0;
    memcpy(m->prot, p, k);
    m->prot[k] = '\0';
    m->path = p + k + 1;
    return 1;
}

int ps_parse_frame(const char *line, uint64_t *addr, const char **dso, size_t *dso_len) {
    const char *p = line;
    if (*p != '\t' && *p != ' ')
        return 0;
    skip_spaces(&p);
    if (!scan_hex(&p, addr))
        return 0;
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
        n--;
    if (n == 0 || p[n - 1] != ')') { /* no dso printed */
        *dso = "";
        *dso_len = 0;
        return 1;
    }
    /* "<addr> (<dso>)", or "<addr> <sym>+<off> (<dso>)": the dso is what
     * follows the first " (" (it may hold parentheses itself) ... */
    const char *open = p;
    while (*open == ' ')
        open++;
    if (*open != '(') { /* ... after a symbol: the last " (" */
        open = NULL;
        for (const char *q = p; q + 1 < p + n; q++)
            if (q[0] == ' ' && q[1] == '(')
                open = q + 1;
        if (!open)
            return 0;
    }
    *dso = open + 1;
    *dso_len = (size_t)(p + n - 1 - (open + 1));
    if (*dso_len == 7 && memcmp(*dso, "inlined", 7) == 0)
        return 0;
    return 1;
}

/* ---- the parser ------------------------------------------------------------ */

void ps_init(struct ps_parser *p, const struct ps_handler *h) {
    memset(p, 0, sizeof *p);
    p->h = *h;
    sb_init(&p->partial);
    sb_init(&p->dsos);
}

void ps_free(struct ps_parser *p) {
    sb_free(&p->partial);
    sb_free(&p->dsos);
    free(p->addrs);
    free(p->dso_at);
    free(p->out);
    memset(p, 0, sizeof *p);
}

static void add_frame(struct ps_parser *p, uint64_t addr, const char *dso, size_t len) {
    if (p->nframes == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->addrs = xrealloc(p->addrs, p->cap * sizeof *p->addrs);
        p->dso_at = xrealloc(p->dso_at, p->cap * sizeof *p->dso_at);
    }
    p->addrs[p->nframes] = addr;
    p->dso_at[p->nframes] = p->dsos.n;
    sb_add(&p->dsos, dso, len);
    sb_add(&p->dsos, "", 1);
    p->nframes++;
}

static void end_sample(struct ps_parser *p) {
    if (!p->in_sample)
        return;
    p->in_sample = 0;
    p->samples++;
    if (p->out_cap < p->nframes) {
        p->out_cap = p->nframes;
        p->out = xrealloc(p->out, p->out_cap * sizeof *p->out);
    }
    for (size_t i = 0; i < p->nframes; i++) {
        p->out[i].addr = p->addrs[i];
        p->out[i].dso = p->dsos.p + p->dso_at[i];
    }
    struct ps_sample s = {p->pid, p->tid, p->out, p->nframes};
    if (p->h.sample)
        p->h.sample(p->h.ctx, &s);
    p->nframes = 0;
    sb_clear(&p->dsos);
}

/* A sample's first line: "<comm> <pid>/<tid>", where the comm may hold
 * spaces (and is right-aligned when there is no call chain). A sample
 * without a call chain has its address on this line, as a runtime address,
 * not an offset like the frames: it is counted, not kept. */
static int parse_header(struct ps_parser *p, const char *line) {
    for (const char *q = line; (q = strchr(q, ' ')) != NULL;) {
        while (*q == ' ')
            q++;
        const char *r = q;
        long pid, tid;
        if (scan_pid_tid(&r, &pid, &tid) && (*r == ' ' || *r == '\0' || *r == ':')) {
            p->in_sample = 1;
            p->pid = pid;
            p->tid = tid;
            p->nframes = 0;
            sb_clear(&p->dsos);
            if (*r == ':')
                r++;
            skip_spaces(&r);
            if (*r)
                p->no_chain++;
            return 1;
        }
    }
    return 0;
}

static void line(struct ps_parser *p, char *text) {
    p->lines++;
    size_t n = strlen(text);
    if (n && text[n - 1] == '\r')
        text[--n] = '\0';
    const char *t = text;
    skip_spaces(&t);
    if (*t == '\0') {
        end_sample(p);
        return;
    }
    if (text[0] == '\t' && p->in_sample) {
        uint64_t addr;
        const char *dso;
        size_t len;
        if (ps_parse_frame(text, &addr, &dso, &len))
            add_frame(p, addr, dso, len);
        else
            p->skipped++;
        return;
    }
    end_sample(p);
    struct ps_mmap m;
    if (ps_parse_mmap(text, &m)) {
        p->mmaps++;
        if (p->h.mmap)
            p->h.mmap(p->h.ctx, &m);
        return;
    }
    if (strstr(text, " PERF_RECORD_") || text[0] == '\t' || !parse_header(p, text))
        p->skipped++;
}

void ps_feed(struct ps_parser *p, const char *data, size_t n) {
    while (n) {
        const char *nl = memchr(data, '\n', n);
        size_t k = nl ? (size_t)(nl - data) : n;
        sb_add(&p->partial, data, k);
        if (!nl)
            return;
        line(p, p->partial.p);
        sb_clear(&p->partial);
        data += k + 1;
        n -= k + 1;
    }
}

void ps_finish(struct ps_parser *p) {
    if (p->partial.n) {
        line(p, p->partial.p);
        sb_clear(&p->partial);
    }
    end_sample(p);
}
