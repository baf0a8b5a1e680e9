/*
 * lexer.c - turns source bytes into tokens.
 *
 * Hand-written scanner: one switch on the current byte, keyword
 * recognition by switching on the first letter, decimal / hex / float
 * literals and double- or single-quoted strings with C-like escapes.
 */
#include "interp.h"

#include <stdlib.h>
#include <string.h>

static const char *const tok_names[TK_COUNT] = {
    [TK_EOF] = "end of file",
    [TK_ERROR] = "error",
    [TK_IDENT] = "identifier",
    [TK_INT] = "integer",
    [TK_FLOAT] = "float",
    [TK_STRING] = "string",
    [TK_VAR] = "'var'",
    [TK_FN] = "'fn'",
    [TK_IF] = "'if'",
    [TK_ELSE] = "'else'",
    [TK_WHILE] = "'while'",
    [TK_FOR] = "'for'",
    [TK_RETURN] = "'return'",
    [TK_BREAK] = "'break'",
    [TK_CONTINUE] = "'continue'",
    [TK_NIL] = "'nil'",
    [TK_TRUE] = "'true'",
    [TK_FALSE] = "'false'",
    [TK_LPAREN] = "'('",
    [TK_RPAREN] = "')'",
    [TK_LBRACKET] = "'['",
    [TK_RBRACKET] = "']'",
    [TK_LBRACE] = "'{'",
    [TK_RBRACE] = "'}'",
    [TK_COMMA] = "','",
    [TK_SEMI] = "';'",
    [TK_COLON] = "':'",
    [TK_PLUS] = "'+'",
    [TK_MINUS] = "'-'",
    [TK_STAR] = "'*'",
    [TK_SLASH] = "'/'",
    [TK_PERCENT] = "'%'",
    [TK_AMP] = "'&'",
    [TK_PIPE] = "'|'",
    [TK_CARET] = "'^'",
    [TK_TILDE] = "'~'",
    [TK_BANG] = "'!'",
    [TK_SHL] = "'<<'",
    [TK_SHR] = "'>>'",
    [TK_ANDAND] = "'&&'",
    [TK_OROR] = "'||'",
    [TK_EQ] = "'=='",
    [TK_NE] = "'!='",
    [TK_LT] = "'<'",
    [TK_LE] = "'<='",
    [TK_GT] = "'>'",
    [TK_GE] = "'>='",
    [TK_ASSIGN] = "'='",
    [TK_PLUS_ASSIGN] = "'+='",
    [TK_MINUS_ASSIGN] = "'-='",
    [TK_STAR_ASSIGN] = "'*='",
    [TK_SLASH_ASSIGN] = "'/='",
    [TK_PERCENT_ASSIGN] = "'%='",
};

const char *tok_name(enum tok kind)
{
    if (kind >= 0 && kind < TK_COUNT && tok_names[kind])
        return tok_names[kind];
    return "?";
}

void lexer_init(struct lexer *lx, struct vm *vm, const char *src)
{
    lx->vm = vm;
    lx->src = src;
    lx->cur = src;
    lx->line = 1;
    sb_init(&lx->scratch);
}

void lexer_free(struct lexer *lx)
{
    sb_free(&lx->scratch);
}

static bool is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hex_val(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static struct token make(struct lexer *lx, enum tok kind, const char *start)
{
    struct token t;
    memset(&t, 0, sizeof t);
    t.kind = kind;
    t.line = lx->line;
    t.start = start;
    t.len = (int)(lx->cur - start);
    return t;
}

static struct token error_tok(struct lexer *lx, const char *start,
                              const char *msg)
{
    struct token t = make(lx, TK_ERROR, start);
    t.msg = msg;
    return t;
}

static bool match_kw(const char *s, int len, const char *kw)
{
    return (int)strlen(kw) == len && memcmp(s, kw, (size_t)len) == 0;
}

static enum tok keyword(const char *s, int len)
{
    switch (s[0]) {
    case 'b':
        if (match_kw(s, len, "break"))
            return TK_BREAK;
        break;
    case 'c':
        if (match_kw(s, len, "continue"))
            return TK_CONTINUE;
        break;
    case 'e':
        if (match_kw(s, len, "else"))
            return TK_ELSE;
        break;
    case 'f':
        if (len > 1) {
            switch (s[1]) {
            case 'a':
                if (match_kw(s, len, "false"))
                    return TK_FALSE;
                break;
            case 'n':
                if (len == 2)
                    return TK_FN;
                break;
            case 'o':
                if (match_kw(s, len, "for"))
                    return TK_FOR;
                break;
            }
        }
        break;
    case 'i':
        if (match_kw(s, len, "if"))
            return TK_IF;
        break;
    case 'n':
        if (match_kw(s, len, "nil"))
            return TK_NIL;
        break;
    case 'r':
        if (match_kw(s, len, "return"))
            return TK_RETURN;
        break;
    case 't':
        if (match_kw(s, len, "true"))
            return TK_TRUE;
        break;
    case 'v':
        if (match_kw(s, len, "var"))
            return TK_VAR;
        break;
    case 'w':
        if (match_kw(s, len, "while"))
            return TK_WHILE;
        break;
    }
    return TK_IDENT;
}

/* Skips blanks and comments ('#', '//' and '/ * ... * /').  Returns an
 * error message for an unterminated block comment, NULL otherwise. */
static const char *skip_space(struct lexer *lx)
{
    for (;;) {
        char c = *lx->cur;
        switch (c) {
        case '\n':
            lx->line++;
            /* fall through */
        case ' ':
        case '\t':
        case '\r':
            lx->cur++;
            break;
        case '#':
            while (*lx->cur && *lx->cur != '\n')
                lx->cur++;
            break;
        case '/':
            if (lx->cur[1] == '/') {
                while (*lx->cur && *lx->cur != '\n')
                    lx->cur++;
            } else if (lx->cur[1] == '*') {
                lx->cur += 2;
                while (!(lx->cur[0] == '*' && lx->cur[1] == '/')) {
                    if (*lx->cur == '\0')
                        return "unterminated comment";
                    if (*lx->cur == '\n')
                        lx->line++;
                    lx->cur++;
                }
                lx->cur += 2;
            } else {
                return NULL;
            }
            break;
        default:
            return NULL;
        }
    }
}

static struct token number(struct lexer *lx, const char *start)
{
    const char *p = start;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        uint64_t v = 0;
        int d, ndigits = 0;
        p += 2;
        while ((d = hex_val(*p)) >= 0 || *p == '_') {
            if (*p != '_') {
                v = v * 16 + (uint64_t)d;
                ndigits++;
            }
            p++;
        }
        lx->cur = p;
        if (ndigits == 0)
            return error_tok(lx, start, "malformed hex literal");
        struct token t = make(lx, TK_INT, start);
        t.ival = (int64_t)v;
        return t;
    }

    uint64_t v = 0;
    bool is_float = false;
    while (is_digit(*p) || *p == '_') {
        if (*p != '_')
            v = v * 10 + (uint64_t)(*p - '0');
        p++;
    }
    if (*p == '.' && is_digit(p[1])) {
        is_float = true;
        p++;
        while (is_digit(*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            q++;
        if (is_digit(*q)) {
            is_float = true;
            p = q;
            while (is_digit(*p))
                p++;
        }
    }
    if (is_ident_start(*p)) {
        lx->cur = p + 1;
        return error_tok(lx, start, "malformed number");
    }
    lx->cur = p;
    if (is_float) {
        /* strtod stops at the first character it can't use; underscores
         * are only allowed in integer literals. */
        char buf[128];
        size_t n = (size_t)(p - start);
        if (n >= sizeof buf || memchr(start, '_', n))
            return error_tok(lx, start, "malformed float literal");
        memcpy(buf, start, n);
        buf[n] = '\0';
        struct token t = make(lx, TK_FLOAT, start);
        t.fval = strtod(buf, NULL);
        return t;
    }
    struct token t = make(lx, TK_INT, start);
    t.ival = (int64_t)v;
    return t;
}

static struct token string(struct lexer *lx, const char *start)
{
    char quote = *start;
    const char *p = start + 1;
    lx->scratch.len = 0;
    for (;;) {
        char c = *p++;
        switch (c) {
        case '\0':
            lx->cur = p - 1;
            return error_tok(lx, start, "unterminated string");
        case '\n':
            lx->line++;
            sb_putc(&lx->scratch, c);
            break;
        case '\\': {
            char e = *p++;
            switch (e) {
            case 'n':
                sb_putc(&lx->scratch, '\n');
                break;
            case 't':
                sb_putc(&lx->scratch, '\t');
                break;
            case 'r':
                sb_putc(&lx->scratch, '\r');
                break;
            case '0':
                sb_putc(&lx->scratch, '\0');
                break;
            case '\\':
            case '"':
            case '\'':
                sb_putc(&lx->scratch, e);
                break;
            case 'x': {
                int hi = hex_val(p[0]), lo = hi >= 0 ? hex_val(p[1]) : -1;
                if (lo < 0) {
                    lx->cur = p;
                    return error_tok(lx, start, "bad \\x escape");
                }
                sb_putc(&lx->scratch, (char)(hi * 16 + lo));
                p += 2;
                break;
            }
            default:
                lx->cur = p;
                return error_tok(lx, start, "unknown escape sequence");
            }
            break;
        }
        default:
            if (c == quote) {
                lx->cur = p;
                struct token t = make(lx, TK_STRING, start);
                t.sval = str_intern(lx->vm, lx->scratch.data ? lx->scratch.data : "",
                                    lx->scratch.len);
                return t;
            }
            sb_putc(&lx->scratch, c);
            break;
        }
    }
}

/* Two-character operators: if the next byte is `second`, consume it and
 * return `two`, else return `one`. */
static enum tok pick(struct lexer *lx, char second, enum tok two, enum tok one)
{
    if (*lx->cur == second) {
        lx->cur++;
        return two;
    }
    return one;
}

struct token lexer_next(struct lexer *lx)
{
    const char *err = skip_space(lx);
    const char *start = lx->cur;
    if (err)
        return error_tok(lx, start, err);

    char c = *lx->cur;
    if (c == '\0')
        return make(lx, TK_EOF, start);
    lx->cur++;

    if (is_ident_start(c)) {
        while (is_ident_start(*lx->cur) || is_digit(*lx->cur))
            lx->cur++;
        int len = (int)(lx->cur - start);
        enum tok kind = keyword(start, len);
        struct token t = make(lx, kind, start);
        if (kind == TK_IDENT)
            t.sval = str_intern(lx->vm, start, (size_t)len);
        return t;
    }
    if (is_digit(c))
        return number(lx, start);

    enum tok kind;
    switch (c) {
    case '(': kind = TK_LPAREN; break;
    case ')': kind = TK_RPAREN; break;
    case '[': kind = TK_LBRACKET; break;
    case ']': kind = TK_RBRACKET; break;
    case '{': kind = TK_LBRACE; break;
    case '}': kind = TK_RBRACE; break;
    case ',': kind = TK_COMMA; break;
    case ';': kind = TK_SEMI; break;
    case ':': kind = TK_COLON; break;
    case '~': kind = TK_TILDE; break;
    case '^': kind = TK_CARET; break;
    case '+': kind = pick(lx, '=', TK_PLUS_ASSIGN, TK_PLUS); break;
    case '-': kind = pick(lx, '=', TK_MINUS_ASSIGN, TK_MINUS); break;
    case '*': kind = pick(lx, '=', TK_STAR_ASSIGN, TK_STAR); break;
    case '/': kind = pick(lx, '=', TK_SLASH_ASSIGN, TK_SLASH); break;
    case '%': kind = pick(lx, '=', TK_PERCENT_ASSIGN, TK_PERCENT); break;
    case '&': kind = pick(lx, '&', TK_ANDAND, TK_AMP); break;
    case '|': kind = pick(lx, '|', TK_OROR, TK_PIPE); break;
    case '!': kind = pick(lx, '=', TK_NE, TK_BANG); break;
    case '=': kind = pick(lx, '=', TK_EQ, TK_ASSIGN); break;
    case '<':
        if (*lx->cur == '<') {
            lx->cur++;
            kind = TK_SHL;
        } else {
            kind = pick(lx, '=', TK_LE, TK_LT);
        }
        break;
    case '>':
        if (*lx->cur == '>') {
            lx->cur++;
            kind = TK_SHR;
        } else {
            kind = pick(lx, '=', TK_GE, TK_GT);
        }
        break;
    case '"':
    case '\'':
        return string(lx, start);
    default:
        return error_tok(lx, start, "unexpected character");
    }
    return make(lx, kind, start);
}
