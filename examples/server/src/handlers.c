/*
 * handlers.c - one function per path.  Query values are read through
 * struct byte_src (decoded as they are read); the work itself is done by
 * hashes.c, numbers.c, textops.c and kvstore.c.
 */
#include "handlers.h"

#include <string.h>

#include "hashes.h"
#include "numbers.h"
#include "textops.h"

#define HASH_MAX_ROUNDS 64
#define TEXT_MAX 4096       /* /reverse holds the whole text */
#define WORD_SET_SLOTS 1024 /* power of two */

int handlers_error(struct buf *body, int status, const char *message)
{
    buf_puts(body, "{\"error\":");
    buf_put_json_string(body, message, strlen(message));
    buf_puts(body, "}\n");
    return status;
}

/* Parameter names are literals of this file: nothing to escape. */
static int missing(struct buf *body, const char *param)
{
    buf_puts(body, "{\"error\":\"missing parameter ");
    buf_puts(body, param);
    buf_puts(body, "\"}\n");
    return 400;
}

/* Reads a decimal parameter in [lo, hi]; absent means `fallback`.
 * Returns -1 when the value is not a number in range. */
static long small_number_param(const struct http_request *req, const char *name, long lo, long hi, long fallback)
{
    struct byte_src src;
    if (!codec_query_param(req, name, &src))
        return fallback;
    long v = 0;
    int digits = 0, c;
    while ((c = src.next(&src)) >= '0' && c <= '9' && digits < 9) {
        v = v * 10 + (c - '0');
        digits++;
    }
    return c < 0 && digits && v >= lo && v <= hi ? v : -1;
}

/* GET /hash?s=TEXT[&alg=NAME][&rounds=R]: TEXT repeated R times, hashed
 * with fnv1a64 (the default), crc32 or adler32. */
static int handle_hash(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)env;
    struct byte_src text, name;
    if (!codec_query_param(req, "s", &text))
        return missing(body, "s");
    const struct hash_algo *algo = hash_algo_find("fnv1a64", 7);
    if (codec_query_param(req, "alg", &name)) {
        char n[16];
        long len = codec_src_read_all(&name, n, sizeof n);
        algo = len < 0 ? NULL : hash_algo_find(n, (size_t)len);
        if (!algo)
            return handlers_error(body, 400, "alg must be fnv1a64, crc32 or adler32");
    }
    long rounds = small_number_param(req, "rounds", 1, HASH_MAX_ROUNDS, 1);
    if (rounds < 0)
        return handlers_error(body, 400, "rounds must be 1 to 64");
    uint64_t state = algo->init;
    size_t length = 0;
    for (long r = 0; r < rounds; r++) {
        struct byte_src src = text;
        for (int c; (c = src.next(&src)) >= 0; length++)
            state = algo->step(state, c);
    }
    buf_puts(body, "{\"alg\":\"");
    buf_puts(body, algo->name);
    buf_puts(body, "\",\"length\":");
    buf_put_u64(body, length);
    buf_puts(body, ",\"hash\":\"");
    buf_put_hex(body, algo->finish(state), algo->digits);
    buf_puts(body, "\"}\n");
    return 200;
}

struct sum_state {
    size_t count;
    long long sum, min, max;
};

static void sum_add(void *ctx, long long v)
{
    struct sum_state *s = ctx;
    if (s->count == 0 || v < s->min)
        s->min = v;
    if (s->count == 0 || v > s->max)
        s->max = v;
    s->sum += v;
    s->count++;
}

/* GET /sum?n=1,2,3: count, sum, min, max and mean (rounded toward 0). */
static int handle_sum(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)env;
    struct byte_src src;
    if (!codec_query_param(req, "n", &src))
        return missing(body, "n");
    struct sum_state s;
    s.count = 0;
    s.sum = s.min = s.max = 0;
    long n = numbers_parse_list(&src, sum_add, &s);
    if (n <= 0)
        return handlers_error(body, 400, "n must be a list like 1,-2,3");
    buf_puts(body, "{\"count\":");
    buf_put_u64(body, s.count);
    buf_puts(body, ",\"sum\":");
    buf_put_i64(body, s.sum);
    buf_puts(body, ",\"min\":");
    buf_put_i64(body, s.min);
    buf_puts(body, ",\"max\":");
    buf_put_i64(body, s.max);
    buf_puts(body, ",\"mean\":");
    buf_put_i64(body, s.sum / (long long)s.count);
    buf_puts(body, "}\n");
    return 200;
}

/* Decodes parameter `name` into dst; returns its length, or -1 after
 * writing the error (missing: 400, too long: 413). */
static long string_param(const struct http_request *req, const char *name, char *dst, size_t cap, struct buf *body, int *status)
{
    struct byte_src src;
    if (!codec_query_param(req, name, &src)) {
        *status = missing(body, name);
        return -1;
    }
    long n = codec_src_read_all(&src, dst, cap);
    if (n < 0)
        *status = handlers_error(body, 413, "parameter too long");
    return n;
}

/* GET /kv/get?k=KEY */
static int handle_kv_get(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    char key[KV_KEY_MAX];
    int status = 0;
    long key_len = string_param(req, "k", key, sizeof key, body, &status);
    if (key_len < 0)
        return status;
    size_t value_len;
    const char *value = kvstore_get(env->store, key, (size_t)key_len, &value_len);
    if (!value)
        return handlers_error(body, 404, "no such key");
    buf_puts(body, "{\"value\":");
    buf_put_json_string(body, value, value_len);
    buf_puts(body, "}\n");
    return 200;
}

/* GET /kv/put?k=KEY&v=VALUE */
static int handle_kv_put(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    char key[KV_KEY_MAX], value[KV_VALUE_MAX];
    int status = 0;
    long key_len = string_param(req, "k", key, sizeof key, body, &status);
    if (key_len < 0)
        return status;
    long value_len = string_param(req, "v", value, sizeof value, body, &status);
    if (value_len < 0)
        return status;
    switch (kvstore_put(env->store, key, (size_t)key_len, value, (size_t)value_len)) {
    case KV_STORED:
    case KV_REPLACED:
        buf_puts(body, "{\"stored\":true}\n");
        return 200;
    case KV_FULL:
        return handlers_error(body, 507, "store full");
    case KV_TOO_LONG:
        break;
    }
    return handlers_error(body, 413, "parameter too long");
}

/* The distinct words of one request.  A slot belongs to the current
 * request when its generation matches, so nothing is cleared between
 * requests.  The server is single-threaded, so one set suffices. */
struct word_slot {
    unsigned generation;
    unsigned char len;
    char word[TEXT_WORD_MAX];
};

static struct word_slot word_set[WORD_SET_SLOTS];
static unsigned word_generation;

struct word_state {
    size_t distinct;
    size_t longest_len, longest_full;
    char longest[TEXT_WORD_MAX];
    int full; /* too many distinct words to count */
};

static void word_seen(void *ctx, const char *word, size_t len, size_t full_len)
{
    struct word_state *w = ctx;
    if (full_len > w->longest_full) {
        w->longest_full = full_len;
        w->longest_len = len;
        memcpy(w->longest, word, len);
    }
    size_t mask = WORD_SET_SLOTS - 1;
    for (size_t i = (size_t)hash_fnv1a64(word, len) & mask;; i = (i + 1) & mask) {
        struct word_slot *s = &word_set[i];
        if (s->generation != word_generation) {
            if (w->distinct >= WORD_SET_SLOTS / 4 * 3) {
                w->full = 1;
                return;
            }
            s->generation = word_generation;
            s->len = (unsigned char)len;
            memcpy(s->word, word, len);
            w->distinct++;
            return;
        }
        if (s->len == len && memcmp(s->word, word, len) == 0)
            return;
    }
}

/* GET /words?t=TEXT: word count, distinct words, the first longest. */
static int handle_words(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)env;
    struct byte_src src;
    if (!codec_query_param(req, "t", &src))
        return missing(body, "t");
    if (++word_generation == 0) { /* wrapped: old slots could match */
        memset(word_set, 0, sizeof word_set);
        word_generation = 1;
    }
    struct word_state w;
    w.distinct = w.longest_len = w.longest_full = 0;
    w.full = 0;
    size_t words = text_words(&src, word_seen, &w);
    if (w.full)
        return handlers_error(body, 413, "too many distinct words");
    buf_puts(body, "{\"words\":");
    buf_put_u64(body, words);
    buf_puts(body, ",\"distinct\":");
    buf_put_u64(body, w.distinct);
    buf_puts(body, ",\"longest\":");
    buf_put_json_string(body, w.longest, w.longest_len);
    buf_puts(body, "}\n");
    return 200;
}

/* GET /upper?t=TEXT */
static int handle_upper(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)env;
    struct byte_src src;
    if (!codec_query_param(req, "t", &src))
        return missing(body, "t");
    buf_puts(body, "{\"upper\":\"");
    for (int c; (c = src.next(&src)) >= 0;)
        buf_put_json_byte(body, text_to_upper(c));
    buf_puts(body, "\"}\n");
    return 200;
}

/* GET /reverse?t=TEXT: the bytes of TEXT in reverse order. */
static int handle_reverse(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)env;
    char text[TEXT_MAX];
    int status = 0;
    long n = string_param(req, "t", text, sizeof text, body, &status);
    if (n < 0)
        return status;
    buf_puts(body, "{\"reversed\":\"");
    while (n > 0)
        buf_put_json_byte(body, (unsigned char)text[--n]);
    buf_puts(body, "\"}\n");
    return 200;
}

/* GET /escape?t=TEXT: TEXT as a JSON string, and its decoded length. */
static int handle_escape(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)env;
    struct byte_src src;
    if (!codec_query_param(req, "t", &src))
        return missing(body, "t");
    size_t length = 0;
    buf_puts(body, "{\"text\":\"");
    for (int c; (c = src.next(&src)) >= 0; length++)
        buf_put_json_byte(body, c);
    buf_puts(body, "\",\"length\":");
    buf_put_u64(body, length);
    buf_puts(body, "}\n");
    return 200;
}

/* GET /stats: requests on this connection so far, this one included. */
static int handle_stats(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)req;
    buf_puts(body, "{\"connection_requests\":");
    buf_put_u64(body, env->connection_requests);
    buf_puts(body, "}\n");
    return 200;
}

static int handle_not_found(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)req;
    (void)env;
    return handlers_error(body, 404, "no such path");
}

static int handle_bad_method(const struct http_request *req, struct handler_env *env, struct buf *body)
{
    (void)req;
    (void)env;
    return handlers_error(body, 405, "only GET is served");
}

struct route {
    const char *path;
    handler_fn handle;
};

static const struct route routes[] = {
    {"/hash", handle_hash},
    {"/sum", handle_sum},
    {"/kv/get", handle_kv_get},
    {"/kv/put", handle_kv_put},
    {"/words", handle_words},
    {"/upper", handle_upper},
    {"/reverse", handle_reverse},
    {"/escape", handle_escape},
    {"/stats", handle_stats},
};

handler_fn handlers_route(const struct http_request *req)
{
    if (req->method_len != 3 || memcmp(req->method, "GET", 3) != 0)
        return handle_bad_method;
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        const char *p = routes[i].path;
        if (strlen(p) == req->path_len && memcmp(p, req->path, req->path_len) == 0)
            return routes[i].handle;
    }
    return handle_not_found;
}
