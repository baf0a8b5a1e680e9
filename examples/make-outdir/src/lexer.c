/* The hot path: a byte-class state machine with a static helper. */
#include "lexer.h"

enum cls { SPACE, ALPHA, DIGIT, PUNCT };

static enum cls classify(unsigned char c)
{
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
        return SPACE;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
        return ALPHA;
    if (c >= '0' && c <= '9')
        return DIGIT;
    return PUNCT;
}

void lex(const char *buf, size_t n, struct lexstat *st)
{
    enum cls prev = SPACE;
    size_t i;

    for (i = 0; i < n; i++) {
        enum cls c = classify((unsigned char)buf[i]);

        if (c == prev && c != PUNCT) /* inside a token: the common case */
            continue;
        switch (c) {
        case SPACE: st->spaces++; break;
        case ALPHA: st->words++; break;
        case DIGIT: st->numbers++; break;
        case PUNCT: st->punct++; break;
        }
        prev = c;
    }
}
