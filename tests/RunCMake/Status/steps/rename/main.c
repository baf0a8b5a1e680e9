#include <stdio.h>
#include <stdlib.h>
int helper2(int x);
int warm(int x);
int cold(int x);
static long run(int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
        s += helper2(i);
        if (i % 64 == 0)
            s += warm(i);
    }
    return s;
}
int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    printf("%ld %d\n", run(n), cold(n));
    return 0;
}
