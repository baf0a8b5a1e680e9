/* A long-running instrumented program for tests/engine/window.sh:
 *   app MODE DIR
 * MODE steps: it calls before() 1000 times, prints "ready", waits for
 * DIR/go1, calls during() 500 times (and lib_during() when linked with
 * lib.c), prints "during", waits for DIR/go2, calls before() 1000 times
 * more and exits. MODE "forever": after "ready" it only waits for signals
 * (SIGTERM kills it). MODE "ignore": SIGUSR2 ignored, then steps. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

__attribute__((weak)) int lib_during(int x);

__attribute__((noinline)) int before(int x) { return x * 3 + 1; }
__attribute__((noinline)) int during(int x) { return x * 5 + 2; }

static void wait_for(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct timespec pause = {0, 10 * 1000 * 1000};
    for (int i = 0; i < 3000 && access(path, F_OK) != 0; i++) /* at most 30 s */
        nanosleep(&pause, NULL);
}

int main(int argc, char **argv) {
    if (argc != 3)
        return 2;
    if (strcmp(argv[1], "ignore") == 0)
        signal(SIGUSR2, SIG_IGN);
    long s = 0;
    for (int i = 0; i < 1000; i++)
        s += before(i);
    printf("ready\n");
    fflush(stdout);
    if (strcmp(argv[1], "forever") == 0) {
        struct timespec pause = {0, 100 * 1000 * 1000};
        for (int i = 0; i < 600; i++) /* at most 60 s */
            nanosleep(&pause, NULL);
        return 3;
    }
    wait_for(argv[2], "go1");
    for (int i = 0; i < 500; i++)
        s += during(i) + (lib_during ? lib_during(i) : 0);
    printf("during\n");
    fflush(stdout);
    wait_for(argv[2], "go2");
    for (int i = 0; i < 1000; i++)
        s += before(i);
    printf("%ld\n", s);
    return 0;
}
