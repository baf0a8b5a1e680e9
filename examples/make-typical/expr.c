/* A recursive-descent evaluator: the static functions call each other, so
 * they stay functions of their own in the profile ("expr.c:expr"). */
#include <ctype.h>

#include "tcalc.h"

struct parser {
    const char *p;
    int ok;
};

static long expr(struct parser *ps);

static void skip_space(struct parser *ps)
{
    while (isspace((unsigned char)*ps->p))
        ps->p++;
}

static long factor(struct parser *ps)
{
    long v;

    skip_space(ps);
    if (*ps->p == '(') {
        ps->p++;
        v = expr(ps);
        skip_space(ps);
        if (*ps->p == ')')
            ps->p++;
        else
            ps->ok = 0;
        return v;
    }
    if (*ps->p == '-') {
        ps->p++;
        return -factor(ps);
    }
    if (*ps->p >= '0' && *ps->p <= '9')
        return tc_number(&ps->p);
    ps->ok = 0;
    return 0;
}

static long term(struct parser *ps)
{
    long v = factor(ps), r;

    for (;;) {
        skip_space(ps);
        switch (*ps->p) {
        case '*':
            ps->p++;
            v *= factor(ps);
            break;
        case '/':
        case '%':
            r = (ps->p++, factor(ps));
            if (r == 0) {
                ps->ok = 0;
                return 0;
            }
            v = ps->p[-1] == '/' ? v / r : v % r;
            break;
        default:
            return v;
        }
    }
}

static long expr(struct parser *ps)
{
    long v = term(ps);

    for (;;) {
        skip_space(ps);
        if (*ps->p == '+') {
            ps->p++;
            v += term(ps);
        } else if (*ps->p == '-') {
            ps->p++;
            v -= term(ps);
        } else {
            return v;
        }
    }
}

long tc_eval(const char *s, int *ok)
{
    struct parser ps;
    long v;

    ps.p = s;
    ps.ok = 1;
    v = expr(&ps);
    skip_space(&ps);
    if (*ps.p != '\0')
        ps.ok = 0;
    *ok = ps.ok;
    return v;
}
