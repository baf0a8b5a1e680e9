/* lexstat: count the tokens of a file. */
#include <stdio.h>

#include "lexer.h"

int main(int argc, char **argv)
{
    struct lexstat st = { 0, 0, 0, 0 };
    char buf[4096];
    size_t n;
    FILE *f;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        lex(buf, n, &st);
    fclose(f);
    printf("%ld words, %ld numbers, %ld punctuation, %ld spaces\n", st.words,
           st.numbers, st.punct, st.spaces);
    return 0;
}
