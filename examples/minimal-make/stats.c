/* The hot path: static helpers called for every character and comparison.
 * In the profile a static function is named after the source path given to
 * the compiler ("stats.c:compare_scores"), which the Makefile keeps relative,
 * so a profile trained in one checkout applies in any other. */
#include <stdlib.h>

#include "stats.h"

static int char_score(int c, int *vowels)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
        ++*vowels;
        return 2;
    case ' ': case '\t': case '\n':
        return 0;
    }
    if (c >= 'a' && c <= 'z')
        return 1;
    if (c >= 'A' && c <= 'Z')
        return 3;
    if (c >= '0' && c <= '9')
        return 4;
    return 5;
}

long line_score(const char *s)
{
    long n = 0;
    int vowels = 0;

    for (; *s != '\0'; s++)
        n += char_score((unsigned char)*s, &vowels);
    return vowels > 8 ? n + vowels : n;
}

static int compare_scores(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    if (x < y)
        return -1;
    return x > y;
}

long median_score(long *scores, size_t n)
{
    if (n == 0)
        return 0;
    qsort(scores, n, sizeof *scores, compare_scores);
    return scores[n / 2];
}
