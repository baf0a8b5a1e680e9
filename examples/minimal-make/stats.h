#ifndef STATS_H
#define STATS_H

#include <stddef.h>

/* The score of one line of text. */
long line_score(const char *s);

/* The median of n scores; sorts them. */
long median_score(long *scores, size_t n);

#endif
