/* minimal-make: score the lines of a text file. */
#include <stdio.h>
#include <string.h>

#include "stats.h"

#define MAX_LINES 100000

static long scores[MAX_LINES];

int main(int argc, char **argv)
{
    const char *path = NULL;
    char line[1024];
    long total = 0, long_lines = 0;
    size_t lines = 0;
    FILE *f;
    int i;

    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], "--input") == 0 && i + 1 < argc)
            path = argv[++i];
    if (path == NULL) {
        fprintf(stderr, "usage: %s --input FILE\n", argv[0]);
        return 2;
    }
    f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    while (lines < MAX_LINES && fgets(line, sizeof line, f) != NULL) {
        long s = line_score(line);

        if (s > 60) /* the hot branch: most lines are long */
            long_lines++;
        total += s;
        scores[lines++] = s;
    }
    fclose(f);
    printf("%zu lines, %ld long, score %ld, median %ld\n", lines, long_lines,
           total, median_score(scores, lines));
    return 0;
}
