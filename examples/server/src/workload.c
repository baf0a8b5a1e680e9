/*
 * workload.c - the train and bench mixes, their request pools, and the
 * expected answers.  The reference code here (hashes, escaping, word
 * counts) is deliberately separate from the server's, so that a
 * miscompiled or broken server cannot agree with itself.
 */
#define _POSIX_C_SOURCE 200809L

#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_SIZE 512 /* distinct requests per pooled kind */
#define VALUES 16     /* distinct values for the key-value store */
#define VALUE_MAX 40
#define TEXT_MAX 512

struct mix {
    const char *name;
    uint64_t seed;
    unsigned weight[REQ_KINDS]; /* per mille, in enum request_kind order */
    size_t hash_min, hash_max;  /* bytes hashed per round */
    unsigned rounds_max;
    unsigned alg_percent[3];    /* fnv1a64, crc32, adler32 */
    size_t numbers_min, numbers_max;
    size_t words_min, words_max;
    size_t text_min, text_max; /* /upper, /reverse, /escape */
    unsigned absent_percent;   /* of /kv/get, for keys never stored */
};

/* Both mixes lean on the same three handlers (hash, sum, words: 90%)
 * but in other proportions, with other sizes and other seeds. */
static const struct mix mixes[] = {
    {"train", 0x747261696e2d3031ull,
     /* hash sum get put words upper reverse escape stats unknown */
     {400, 300, 40, 20, 200, 10, 10, 10, 5, 5},
     32, 160, 4, {50, 30, 20}, 8, 40, 8, 40, 16, 80, 20},
    {"bench", 0x62656e63682d3031ull,
     {320, 340, 40, 20, 240, 10, 10, 10, 5, 5},
     48, 224, 5, {40, 35, 25}, 16, 64, 16, 64, 24, 120, 10},
};

struct pool_entry {
    size_t request, request_len; /* offsets into the arena */
    size_t body, body_len;
    int status;
};

struct workload {
    const struct mix *mix;
    struct buf arena;
    struct pool_entry pool[REQ_KINDS][POOL_SIZE]; /* pooled kinds only */
    char values[VALUES][VALUE_MAX + 1];
    size_t value_body[VALUES], value_body_len[VALUES]; /* /kv/get answers */
};

static const char *const kind_names[REQ_KINDS] = {
    "hash", "sum", "kv/get", "kv/put", "words", "upper", "reverse", "escape", "stats", "unknown",
};

const char *workload_kind_name(enum request_kind kind)
{
    return kind < REQ_KINDS ? kind_names[kind] : "?";
}

/* splitmix64: tiny, fast, and the same on every platform. */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static size_t rng_below(uint64_t *s, size_t n)
{
    return (size_t)(rng_next(s) % n);
}

static size_t rng_range(uint64_t *s, size_t lo, size_t hi)
{
    return lo + rng_below(s, hi - lo + 1);
}

/* ---- request text --------------------------------------------------- */

static void put_url_encoded(struct buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            buf_putc(b, c);
        } else if (c == ' ') {
            buf_putc(b, '+');
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_put(b, esc, 3);
        }
    }
}

static void put_request_end(struct buf *b)
{
    buf_puts(b, " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: pgo-loadgen\r\n"
                "Accept: application/json\r\n\r\n");
}

/* ---- reference answers ---------------------------------------------- */

static void ref_json_escape(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        const char *rep = NULL;
        switch (c) {
        case '"': rep = "\\\""; break;
        case '\\': rep = "\\\\"; break;
        case '\b': rep = "\\b"; break;
        case '\f': rep = "\\f"; break;
        case '\n': rep = "\\n"; break;
        case '\r': rep = "\\r"; break;
        case '\t': rep = "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                snprintf(tmp, sizeof tmp, "\\u%04x", c);
                rep = tmp;
            }
        }
        if (rep)
            buf_puts(b, rep);
        else
            buf_putc(b, c);
    }
}

static uint64_t ref_fnv1a64(const unsigned char *s, size_t n, unsigned rounds)
{
    uint64_t h = 14695981039346656037ull;
    for (unsigned r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++)
            h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

/* Bit by bit, so that it shares nothing with the server's table. */
static uint32_t ref_crc32(const unsigned char *s, size_t n, unsigned rounds)
{
    uint32_t crc = 0xffffffffu;
    for (unsigned r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            crc ^= s[i];
            for (int k = 0; k < 8; k++)
                crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
        }
    return ~crc;
}

static uint32_t ref_adler32(const unsigned char *s, size_t n, unsigned rounds)
{
    uint32_t a = 1, b = 0;
    for (unsigned r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            a = (a + s[i]) % 65521;
            b = (b + a) % 65521;
        }
    return b << 16 | a;
}

/* ---- pools ------------------------------------------------------------ */

static const char plain_chars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

/* Mostly URL-safe characters; `rich` text also has bytes that must be
 * percent-encoded (and so takes the server's decoding path). */
static size_t gen_text(uint64_t *rng, char *dst, size_t n, int rich)
{
    static const char marks[] = "&=%/?#+\"'<>,;:!";
    size_t i = 0;
    while (i < n) {
        size_t roll = rich ? rng_below(rng, 100) : 0;
        if (roll < 85) {
            dst[i++] = plain_chars[rng_below(rng, sizeof plain_chars - 1)];
        } else if (roll < 93) {
            dst[i++] = ' ';
        } else if (roll < 98 || i + 2 > n) {
            dst[i++] = marks[rng_below(rng, sizeof marks - 1)];
        } else {
            dst[i++] = (char)0xc3; /* U+00E9, two bytes of UTF-8 */
            dst[i++] = (char)0xa9;
        }
    }
    return i;
}

/* Printable ASCII with quotes and backslashes; `controls` adds control
 * bytes and UTF-8 for /escape. */
static size_t gen_printable(uint64_t *rng, char *dst, size_t n, int controls)
{
    static const char specials[] = "\n\t\r\b\f\x01\x1f\x7f";
    size_t i = 0;
    while (i < n) {
        size_t roll = rng_below(rng, 100);
        if (controls && roll < 10) {
            dst[i++] = specials[rng_below(rng, sizeof specials - 1)];
        } else if (controls && roll < 16 && i + 3 <= n) {
            memcpy(dst + i, "\xe2\x82\xac", 3); /* U+20AC */
            i += 3;
        } else if (roll < 22) {
            dst[i++] = "\"\\"[rng_below(rng, 2)];
        } else if (roll < 35) {
            dst[i++] = ' ';
        } else {
            dst[i++] = (char)(0x21 + rng_below(rng, 0x7e - 0x21 + 1));
        }
    }
    return i;
}

static const char *const vocabulary[] = {
    "the", "a", "of", "and", "to", "in", "is", "it", "that", "for", "on", "with",
    "as", "was", "be", "by", "at", "or", "from", "this", "an", "are", "not", "but",
    "server", "request", "profile", "branch", "inline", "compiler", "optimize",
    "function", "pointer", "hash", "table", "word", "count", "store", "value",
    "key", "loop", "cache", "line", "page", "thread", "socket", "buffer", "parse",
    "format", "number", "string", "byte", "don't", "it's", "o'clock", "x86",
    "llvm", "clang", "pgo", "thinlto", "indirect", "promotion", "benchmark",
    "instrumentation",
};
#define VOCABULARY (sizeof vocabulary / sizeof *vocabulary)

struct builder {
    struct workload *w;
    uint64_t rng;
    struct buf text; /* the decoded parameter being built */
};

static void begin_entry(struct builder *bd, struct pool_entry *e, const char *path_and_param)
{
    e->request = bd->w->arena.len;
    buf_puts(&bd->w->arena, "GET ");
    buf_puts(&bd->w->arena, path_and_param);
}

static void end_request(struct builder *bd, struct pool_entry *e)
{
    put_request_end(&bd->w->arena);
    e->request_len = bd->w->arena.len - e->request;
    e->body = bd->w->arena.len;
    e->status = 200;
}

static void end_body(struct builder *bd, struct pool_entry *e)
{
    e->body_len = bd->w->arena.len - e->body;
}

static void build_hash(struct builder *bd, struct pool_entry *e)
{
    static const char *const algs[] = {"fnv1a64", "crc32", "adler32"};
    const struct mix *m = bd->w->mix;
    char text[TEXT_MAX];
    size_t n = gen_text(&bd->rng, text, rng_range(&bd->rng, m->hash_min, m->hash_max), rng_below(&bd->rng, 10) < 7);
    unsigned rounds = (unsigned)rng_range(&bd->rng, 1, m->rounds_max);
    size_t roll = rng_below(&bd->rng, 100);
    int alg = roll < m->alg_percent[0] ? 0 : roll < m->alg_percent[0] + m->alg_percent[1] ? 1 : 2;
    begin_entry(bd, e, "/hash?s=");
    put_url_encoded(&bd->w->arena, text, n);
    char tail[48] = "";
    /* fnv1a64 is the default: leave out alg= for some of its requests. */
    if (alg != 0 || rng_below(&bd->rng, 2))
        snprintf(tail, sizeof tail, "&alg=%s", algs[alg]);
    if (rounds > 1)
        snprintf(tail + strlen(tail), sizeof tail - strlen(tail), "&rounds=%u", rounds);
    buf_puts(&bd->w->arena, tail);
    end_request(bd, e);
    const unsigned char *u = (const unsigned char *)text;
    char digest[20];
    if (alg == 0)
        snprintf(digest, sizeof digest, "%016llx", (unsigned long long)ref_fnv1a64(u, n, rounds));
    else
        snprintf(digest, sizeof digest, "%08lx", (unsigned long)(alg == 1 ? ref_crc32(u, n, rounds) : ref_adler32(u, n, rounds)));
    char body[160];
    snprintf(body, sizeof body, "{\"alg\":\"%s\",\"length\":%zu,\"hash\":\"%s\"}\n", algs[alg], n * rounds, digest);
    buf_puts(&bd->w->arena, body);
    end_body(bd, e);
}

static void build_sum(struct builder *bd, struct pool_entry *e)
{
    const struct mix *m = bd->w->mix;
    size_t n = rng_range(&bd->rng, m->numbers_min, m->numbers_max);
    begin_entry(bd, e, "/sum?n=");
    long long sum = 0, min = 0, max = 0;
    for (size_t i = 0; i < n; i++) {
        size_t roll = rng_below(&bd->rng, 10);
        unsigned long long limit = roll < 6 ? 1000 : roll < 9 ? 100000 : 1000000000000ull;
        long long x = (long long)(rng_next(&bd->rng) % limit);
        if (rng_below(&bd->rng, 10) < 4)
            x = -x;
        if (i == 0 || x < min)
            min = x;
        if (i == 0 || x > max)
            max = x;
        sum += x;
        char num[32];
        /* An explicit '+' must be sent as %2B: a bare '+' is a space. */
        snprintf(num, sizeof num, "%s%s%lld", i ? "," : "", x >= 0 && rng_below(&bd->rng, 30) == 0 ? "%2B" : "", x);
        buf_puts(&bd->w->arena, num);
    }
    end_request(bd, e);
    char body[160];
    snprintf(body, sizeof body, "{\"count\":%zu,\"sum\":%lld,\"min\":%lld,\"max\":%lld,\"mean\":%lld}\n",
             n, sum, min, max, sum / (long long)n);
    buf_puts(&bd->w->arena, body);
    end_body(bd, e);
}

static void build_words(struct builder *bd, struct pool_entry *e)
{
    static const char *const separators[] = {" ", " ", " ", " ", ", ", ". ", "; ", " -- ", "\n"};
    const struct mix *m = bd->w->mix;
    size_t n = rng_range(&bd->rng, m->words_min, m->words_max);
    unsigned char seen[VOCABULARY] = {0};
    size_t distinct = 0, longest = 0;
    const char *longest_word = "";
    buf_reset(&bd->text);
    for (size_t i = 0; i < n; i++) {
        size_t k = rng_below(&bd->rng, VOCABULARY);
        const char *word = vocabulary[k];
        size_t len = strlen(word);
        if (!seen[k]) {
            seen[k] = 1;
            distinct++;
        }
        if (len > longest) {
            longest = len;
            longest_word = word;
        }
        if (i)
            buf_puts(&bd->text, separators[rng_below(&bd->rng, sizeof separators / sizeof *separators)]);
        buf_puts(&bd->text, word);
    }
    begin_entry(bd, e, "/words?t=");
    put_url_encoded(&bd->w->arena, bd->text.data, bd->text.len);
    end_request(bd, e);
    char body[160];
    snprintf(body, sizeof body, "{\"words\":%zu,\"distinct\":%zu,\"longest\":\"%s\"}\n", n, distinct, longest_word);
    buf_puts(&bd->w->arena, body);
    end_body(bd, e);
}

static void build_text_kind(struct builder *bd, struct pool_entry *e, enum request_kind kind)
{
    const struct mix *m = bd->w->mix;
    char text[TEXT_MAX] = {0}, done[TEXT_MAX]; /* = {0} only quiets a false gcc -O1 warning */
    size_t n = gen_printable(&bd->rng, text, rng_range(&bd->rng, m->text_min, m->text_max), kind == REQ_ESCAPE);
    static const char *const paths[] = {[REQ_UPPER] = "/upper?t=", [REQ_REVERSE] = "/reverse?t=", [REQ_ESCAPE] = "/escape?t="};
    begin_entry(bd, e, paths[kind]);
    put_url_encoded(&bd->w->arena, text, n);
    end_request(bd, e);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (kind == REQ_UPPER)
            done[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
        else if (kind == REQ_REVERSE)
            done[i] = text[n - 1 - i];
        else
            done[i] = (char)c;
    }
    struct buf *b = &bd->w->arena;
    buf_puts(b, kind == REQ_UPPER ? "{\"upper\":\"" : kind == REQ_REVERSE ? "{\"reversed\":\"" : "{\"text\":\"");
    ref_json_escape(b, done, n);
    if (kind == REQ_ESCAPE) {
        char tail[40];
        snprintf(tail, sizeof tail, "\",\"length\":%zu}\n", n);
        buf_puts(b, tail);
    } else {
        buf_puts(b, "\"}\n");
    }
    end_body(bd, e);
}

static void build_unknown(struct builder *bd, struct pool_entry *e)
{
    static const char *const paths[] = {"/", "/favicon.ico", "/hash/", "/kv", "/sum2?n=1", "/HASH?s=x"};
    begin_entry(bd, e, paths[rng_below(&bd->rng, sizeof paths / sizeof *paths)]);
    end_request(bd, e);
    e->status = 404;
    buf_puts(&bd->w->arena, "{\"error\":\"no such path\"}\n");
    end_body(bd, e);
}

struct workload *workload_new(const char *mix_name)
{
    const struct mix *m = NULL;
    for (size_t i = 0; i < sizeof mixes / sizeof *mixes; i++)
        if (strcmp(mixes[i].name, mix_name) == 0)
            m = &mixes[i];
    if (!m)
        return NULL;
    struct workload *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->mix = m;
    buf_init(&w->arena, 1 << 20);
    struct builder bd = {w, m->seed, {0}};
    buf_init(&bd.text, 1024);
    for (size_t i = 0; i < VALUES; i++) {
        char text[VALUE_MAX];
        size_t n = gen_text(&bd.rng, text, rng_range(&bd.rng, 8, VALUE_MAX), 1);
        memcpy(w->values[i], text, n);
        w->values[i][n] = '\0';
        w->value_body[i] = w->arena.len;
        buf_puts(&w->arena, "{\"value\":\"");
        ref_json_escape(&w->arena, text, n);
        buf_puts(&w->arena, "\"}\n");
        w->value_body_len[i] = w->arena.len - w->value_body[i];
    }
    for (size_t i = 0; i < POOL_SIZE; i++) {
        build_hash(&bd, &w->pool[REQ_HASH][i]);
        build_sum(&bd, &w->pool[REQ_SUM][i]);
        build_words(&bd, &w->pool[REQ_WORDS][i]);
        build_text_kind(&bd, &w->pool[REQ_UPPER][i], REQ_UPPER);
        build_text_kind(&bd, &w->pool[REQ_REVERSE][i], REQ_REVERSE);
        build_text_kind(&bd, &w->pool[REQ_ESCAPE][i], REQ_ESCAPE);
        build_unknown(&bd, &w->pool[REQ_UNKNOWN][i]);
    }
    buf_free(&bd.text);
    if (w->arena.failed || bd.text.failed) {
        workload_free(w);
        return NULL;
    }
    return w;
}

void workload_free(struct workload *w)
{
    if (!w)
        return;
    buf_free(&w->arena);
    free(w);
}

/* ---- per-connection streams ------------------------------------------ */

void workload_stream_init(const struct workload *w, struct stream *st, unsigned conn)
{
    st->rng = w->mix->seed ^ (0x9e3779b97f4a7c15ull * (conn + 1));
    st->conn = conn;
    st->issued = 0;
    memset(st->stored, -1, sizeof st->stored);
}

static enum request_kind pick_kind(const struct mix *m, uint64_t *rng)
{
    size_t roll = rng_below(rng, 1000);
    for (int k = 0; k < REQ_KINDS; k++) {
        if (roll < m->weight[k])
            return (enum request_kind)k;
        roll -= m->weight[k];
    }
    return REQ_HASH;
}

static void expect_own(struct expect *e, int status, const char *body)
{
    size_t n = strlen(body);
    if (n >= sizeof e->own)
        n = sizeof e->own - 1;
    memcpy(e->own, body, n);
    e->own[n] = '\0';
    e->status = status;
    e->body = e->own;
    e->body_len = n;
}

static void put_key(struct buf *out, unsigned conn, const char *what, size_t index)
{
    char key[32];
    snprintf(key, sizeof key, "c%u.%s%zu", conn, what, index);
    buf_puts(out, key);
}

void workload_next(const struct workload *w, struct stream *st, struct buf *out, struct expect *e)
{
    /* Each connection first stores all its keys, so that later gets
     * know their answers whatever earlier runs left in the server. */
    enum request_kind kind = st->issued < WORKLOAD_KEYS ? REQ_KV_PUT : pick_kind(w->mix, &st->rng);
    e->kind = kind;
    st->issued++;
    if (kind == REQ_KV_PUT) {
        size_t key = st->issued <= WORKLOAD_KEYS ? st->issued - 1 : rng_below(&st->rng, WORKLOAD_KEYS);
        size_t value = rng_below(&st->rng, VALUES);
        buf_puts(out, "GET /kv/put?k=");
        put_key(out, st->conn, "k", key);
        buf_puts(out, "&v=");
        put_url_encoded(out, w->values[value], strlen(w->values[value]));
        put_request_end(out);
        st->stored[key] = (signed char)value;
        expect_own(e, 200, "{\"stored\":true}\n");
    } else if (kind == REQ_KV_GET) {
        int absent = rng_below(&st->rng, 100) < w->mix->absent_percent;
        size_t key = rng_below(&st->rng, WORKLOAD_KEYS);
        buf_puts(out, "GET /kv/get?k=");
        put_key(out, st->conn, absent ? "absent" : "k", key);
        put_request_end(out);
        if (absent) {
            expect_own(e, 404, "{\"error\":\"no such key\"}\n");
        } else {
            size_t value = (size_t)st->stored[key];
            e->status = 200;
            e->body = w->arena.data + w->value_body[value];
            e->body_len = w->value_body_len[value];
        }
    } else if (kind == REQ_STATS) {
        buf_puts(out, "GET /stats");
        put_request_end(out);
        char body[64];
        snprintf(body, sizeof body, "{\"connection_requests\":%lu}\n", st->issued);
        expect_own(e, 200, body);
    } else {
        const struct pool_entry *p = &w->pool[kind][rng_below(&st->rng, POOL_SIZE)];
        buf_put(out, w->arena.data + p->request, p->request_len);
        e->status = p->status;
        e->body = w->arena.data + p->body;
        e->body_len = p->body_len;
    }
}
