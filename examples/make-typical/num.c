#include "tcalc.h"

long tc_number(const char **s)
{
    const char *p = *s;
    long v = 0;

    while (*p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0');
    *s = p;
    return v;
}
