#ifndef LEXER_H
#define LEXER_H

#include <stddef.h>

struct lexstat {
    long words, numbers, punct, spaces;
};

/* Add the tokens of buf[0..n) to st. */
void lex(const char *buf, size_t n, struct lexstat *st);

#endif
