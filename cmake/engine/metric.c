/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "metric.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int metric_compile(const char *pattern, regex_t *re, struct sbuf *why) {
    int rc = regcomp(re, pattern, REG_EXTENDED | REG_NEWLINE);
    if (rc != 0) {
        char msg[256];
        regerror(rc, re, msg, sizeof msg);
        sb_adds(why, msg);
        return -1;
    }
    if (re->re_nsub < 1) {
        regfree(re);
        sb_adds(why, "it has no capture group: put the number in ( )");
        return -1;
    }
    return 0;
}

int metric_find(const regex_t *re, const char *text, double *value, struct sbuf *captured) {
    regmatch_t m[2];
    if (regexec(re, text, 2, m, 0) != 0)
        return METRIC_NO_MATCH;
    sb_clear(captured);
    if (m[1].rm_so < 0)
        return METRIC_NOT_A_NUMBER; /* the group took no part in the match */
    sb_add(captured, text + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so));
    const char *s = sb_str(captured);
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* strtod also takes "inf", "nan" and hex: a figure is finite decimal. */
    if (!*s || strchr(" \t\n\r\f\v", *s) || *end || errno == ERANGE || !isfinite(v) || strpbrk(s, "xXnN"))
        return METRIC_NOT_A_NUMBER;
    *value = v;
    return METRIC_FOUND;
}
