/* Works a little through two shared libraries, then prints its own
 * figures, one of them on stderr. */
#include <stdio.h>
#include <stdlib.h>

unsigned long work(unsigned long n);

int main(int argc, char **argv) {
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
    unsigned long sum = work(n);
    printf("sum %lu\nops=%lu\nitems;%lu\n", sum, n * 10, n / 10);
    fprintf(stderr, "[lat %lu us]\n", n / 100);
    return 0;
}
