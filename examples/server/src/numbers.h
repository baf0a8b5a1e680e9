/* numbers.h - decimal integer lists. */
#ifndef NUMBERS_H
#define NUMBERS_H

#include <stddef.h>

#include "codec.h"

/* Below 10^15, so that the sum of any list that fits in a request head
 * (a few thousand items) fits in 64 bits. */
#define NUMBERS_MAX_DIGITS 15

typedef void (*number_fn)(void *ctx, long long value);

/* Parses "12,-5,+300" from src, calling on_number for each item in
 * order.  Returns the number of items, or -1 when an item is empty, is
 * not an optionally signed run of digits, or has too many digits. */
long numbers_parse_list(struct byte_src *src, number_fn on_number, void *ctx);

#endif
