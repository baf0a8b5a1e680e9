/* tcalc: evaluate one integer expression per line of a file. */
#include <stdio.h>
#include <string.h>

#include "tcalc.h"

int main(int argc, char **argv)
{
    char line[512];
    long sum = 0, n = 0, bad = 0;
    FILE *f = stdin;

    if (argc > 1 && (f = fopen(argv[1], "r")) == NULL) {
        perror(argv[1]);
        return 1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        int ok;
        long v;

        line[strcspn(line, "\n")] = '\0';
        v = tc_eval(line, &ok);
        if (ok) {
            sum += v;
            n++;
        } else {
            bad++;
        }
    }
    printf("%ld expressions, %ld bad, sum %ld\n", n, bad, sum);
    return 0;
}
