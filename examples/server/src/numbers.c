/* numbers.c - comma-separated integer lists. */
#include "numbers.h"

long numbers_parse_list(struct byte_src *src, number_fn on_number, void *ctx)
{
    long count = 0;
    int c = src->next(src);
    if (c < 0)
        return 0;
    for (;;) {
        int negative = 0;
        if (c == '-' || c == '+') {
            negative = c == '-';
            c = src->next(src);
        }
        long long v = 0;
        int digits = 0;
        while (c >= '0' && c <= '9') {
            if (++digits > NUMBERS_MAX_DIGITS)
                return -1;
            v = v * 10 + (c - '0');
            c = src->next(src);
        }
        if (digits == 0 || (c >= 0 && c != ','))
            return -1;
        on_number(ctx, negative ? -v : v);
        count++;
        if (c < 0)
            return count;
        c = src->next(src);
    }
}
