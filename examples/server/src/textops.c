/* textops.c - ASCII case mapping, comparisons and word splitting. */
#include "textops.h"

int text_to_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

int text_to_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int text_is_word_byte(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'';
}

int text_equal_nocase(const char *s, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n; i++)
        if (!lit[i] || text_to_lower((unsigned char)s[i]) != lit[i])
            return 0;
    return lit[i] == '\0';
}

int text_contains_nocase(const char *s, size_t n, const char *lit)
{
    size_t k = 0;
    while (lit[k])
        k++;
    for (size_t i = 0; i + k <= n; i++)
        if (text_equal_nocase(s + i, k, lit))
            return 1;
    return 0;
}

size_t text_words(struct byte_src *src, text_word_fn on_word, void *ctx)
{
    char word[TEXT_WORD_MAX];
    size_t len = 0, full = 0, count = 0;
    for (;;) {
        int c = src->next(src);
        if (c >= 0 && text_is_word_byte(c)) {
            if (len < TEXT_WORD_MAX)
                word[len++] = (char)c;
            full++;
            continue;
        }
        if (full) {
            on_word(ctx, word, len, full);
            count++;
            len = full = 0;
        }
        if (c < 0)
            return count;
    }
}
