/* textops.h - ASCII string work: case, word splitting. */
#ifndef TEXTOPS_H
#define TEXTOPS_H

#include <stddef.h>

#include "codec.h"

/* Longest word text_words() hands out; longer words are cut there. */
#define TEXT_WORD_MAX 63

int text_to_upper(int c);
int text_to_lower(int c);
/* Letters, digits and the apostrophe make words; all else separates. */
int text_is_word_byte(int c);

/* s[0..n) equals the lowercase literal `lit`, ignoring ASCII case. */
int text_equal_nocase(const char *s, size_t n, const char *lit);
/* s[0..n) contains the lowercase literal `lit`, ignoring ASCII case. */
int text_contains_nocase(const char *s, size_t n, const char *lit);

/* Calls on_word(ctx, word, len, full_len) for each word in src, in
 * order: word holds at most TEXT_WORD_MAX bytes, full_len is the real
 * length.  Returns the number of words. */
typedef void (*text_word_fn)(void *ctx, const char *word, size_t len, size_t full_len);
size_t text_words(struct byte_src *src, text_word_fn on_word, void *ctx);

#endif
