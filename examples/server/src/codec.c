/* codec.c - HTTP/1.1 request heads, query parameters, response heads. */
#include "codec.h"

#include <string.h>

#include "textops.h"

/* Returns the line starting at p (without "\r\n" or "\n") and sets
 * *next past it, or returns NULL when no '\n' comes before end. */
static const char *next_line(const char *p, const char *end, size_t *line_len, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
        return NULL;
    size_t n = (size_t)(nl - p);
    if (n > 0 && p[n - 1] == '\r')
        n--;
    *line_len = n;
    *next = nl + 1;
    return p;
}

/* Splits "METHOD SP TARGET SP HTTP/1.x"; returns the minor version, or
 * -1 when the line is malformed. */
static int parse_request_line(const char *s, size_t n, struct http_request *req)
{
    const char *end = s + n;
    const char *sp1 = memchr(s, ' ', n);
    if (!sp1 || sp1 == s)
        return -1;
    const char *target = sp1 + 1;
    const char *sp2 = memchr(target, ' ', (size_t)(end - target));
    if (!sp2 || sp2 == target || *target != '/')
        return -1;
    const char *version = sp2 + 1;
    if (end - version != 8 || memcmp(version, "HTTP/1.", 7) != 0)
        return -1;
    int minor = version[7] - '0';
    if (minor != 0 && minor != 1)
        return -1;
    req->method = s;
    req->method_len = (size_t)(sp1 - s);
    const char *q = memchr(target, '?', (size_t)(sp2 - target));
    req->path = target;
    req->path_len = (size_t)((q ? q : sp2) - target);
    req->query = q ? q + 1 : sp2;
    req->query_len = q ? (size_t)(sp2 - q - 1) : 0;
    return minor;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* Applies one "Name: value" line; returns a parse_result. */
static enum parse_result parse_header(const char *s, size_t n, struct http_request *req)
{
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s)
        return PARSE_BAD;
    size_t name_len = (size_t)(colon - s);
    const char *value = colon + 1;
    size_t value_len = n - name_len - 1;
    trim(&value, &value_len);
    if (text_equal_nocase(s, name_len, "connection")) {
        if (text_contains_nocase(value, value_len, "close"))
            req->keep_alive = 0;
        else if (text_contains_nocase(value, value_len, "keep-alive"))
            req->keep_alive = 1;
    } else if (text_equal_nocase(s, name_len, "content-length")) {
        for (size_t i = 0; i < value_len; i++)
            if (value[i] < '0' || value[i] > '9')
                return PARSE_BAD;
        for (size_t i = 0; i < value_len; i++)
            if (value[i] != '0')
                return PARSE_HAS_BODY;
    } else if (text_equal_nocase(s, name_len, "transfer-encoding")) {
        return PARSE_HAS_BODY;
    }
    return PARSE_OK;
}

enum parse_result codec_parse_request(const char *data, size_t len, struct http_request *req)
{
    const char *end = data + (len > CODEC_MAX_HEAD ? CODEC_MAX_HEAD : len);
    const char *p = data, *line;
    size_t n;
    if (!(line = next_line(p, end, &n, &p)))
        return len > CODEC_MAX_HEAD ? PARSE_TOO_LARGE : PARSE_INCOMPLETE;
    int minor = parse_request_line(line, n, req);
    if (minor < 0)
        return PARSE_BAD;
    req->keep_alive = minor == 1;
    enum parse_result verdict = PARSE_OK;
    for (;;) {
        if (!(line = next_line(p, end, &n, &p)))
            return len > CODEC_MAX_HEAD ? PARSE_TOO_LARGE : PARSE_INCOMPLETE;
        if (n == 0)
            break;
        /* Keep reading to the blank line even after a bad header, so
         * that the answer is for this request and not the next. */
        enum parse_result r = parse_header(line, n, req);
        if (r != PARSE_OK && verdict == PARSE_OK)
            verdict = r;
    }
    req->head_len = (size_t)(p - data);
    return verdict;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int raw_next(struct byte_src *s)
{
    if (s->pos == s->end)
        return -1;
    return (unsigned char)*s->pos++;
}

/* '+' is a space and "%XX" a byte; a '%' not followed by two hex
 * digits stands for itself. */
static int url_next(struct byte_src *s)
{
    if (s->pos == s->end)
        return -1;
    int c = (unsigned char)*s->pos++;
    if (c == '+')
        return ' ';
    if (c == '%' && s->end - s->pos >= 2) {
        int hi = hex_value((unsigned char)s->pos[0]);
        int lo = hex_value((unsigned char)s->pos[1]);
        if (hi >= 0 && lo >= 0) {
            s->pos += 2;
            return hi * 16 + lo;
        }
    }
    return c;
}

int codec_query_param(const struct http_request *req, const char *name, struct byte_src *src)
{
    size_t name_len = strlen(name);
    const char *p = req->query, *end = req->query + req->query_len;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *pair_end = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(pair_end - p));
        const char *key_end = eq ? eq : pair_end;
        if ((size_t)(key_end - p) == name_len && memcmp(p, name, name_len) == 0) {
            src->pos = eq ? eq + 1 : pair_end;
            src->end = pair_end;
            src->next = raw_next;
            for (const char *c = src->pos; c < src->end; c++)
                if (*c == '%' || *c == '+') {
                    src->next = url_next;
                    break;
                }
            return 1;
        }
        p = pair_end + 1;
    }
    return 0;
}

long codec_src_read_all(struct byte_src *src, char *dst, size_t cap)
{
    size_t n = 0;
    int c;
    while ((c = src->next(src)) >= 0) {
        if (n == cap)
            return -1;
        dst[n++] = (char)c;
    }
    return (long)n;
}

const char *codec_status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    case 507: return "Insufficient Storage";
    }
    return "Error";
}

void codec_put_response_head(struct buf *out, int status, size_t body_len, int keep_alive)
{
    buf_puts(out, "HTTP/1.1 ");
    buf_put_u64(out, (unsigned)status);
    buf_putc(out, ' ');
    buf_puts(out, codec_status_text(status));
    buf_puts(out, "\r\nContent-Type: application/json\r\nContent-Length: ");
    buf_put_u64(out, body_len);
    if (!keep_alive)
        buf_puts(out, "\r\nConnection: close");
    buf_puts(out, "\r\n\r\n");
}
