/* SPDX-License-Identifier: MIT */
/* hash.c: XXH64 test vectors, streaming in any split equals one call, the
 * file reader, hex output, and speed (200 MB well under a second). */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "test.h"

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void) {
    /* The published XXH64 values (seed 0). */
    CHECK(hash64("", 0, 0) == 0xEF46DB3751D8E999ULL);
    CHECK(hash64("a", 1, 0) == 0xD24EC4F1A98C6E5BULL);
    CHECK(hash64("abc", 3, 0) == 0x44BC2CF5AD770999ULL);
    CHECK(hash64("Nobody inspects the spammish repetition", 39, 0) == 0xFBCEA83C8A378BF1ULL);
    CHECK(hash64_str("abc") == 0x44BC2CF5AD770999ULL);
    CHECK(hash64("abc", 3, 1) != hash64("abc", 3, 0));

    char hex[17];
    hash64_hex(0x0123456789ABCDEFULL, hex);
    CHECK_STR(hex, "0123456789abcdef");
    hash64_hex(0, hex);
    CHECK_STR(hex, "0000000000000000");

    /* Streaming: every chunk size gives the one-call value. */
    unsigned char buf[1000];
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (unsigned char)x;
    }
    size_t lens[] = {0, 1, 3, 4, 7, 8, 31, 32, 33, 63, 64, 65, 100, 999, 1000};
    size_t chunks[] = {1, 2, 3, 5, 7, 8, 13, 31, 32, 33, 64, 1000};
    for (size_t l = 0; l < sizeof lens / sizeof *lens; l++) {
        uint64_t want = hash64(buf, lens[l], 0);
        for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
            struct hash64 h;
            hash64_init(&h, 0);
            for (size_t off = 0; off < lens[l]; off += chunks[c]) {
                size_t n = lens[l] - off < chunks[c] ? lens[l] - off : chunks[c];
                hash64_update(&h, buf + off, n);
            }
            CHECK(hash64_final(&h) == want);
        }
    }

    /* A file of 3 MB and a bit: more than one 1 MiB block. */
    size_t fsize = 3 * (1 << 20) + 12345;
    unsigned char *big = malloc(fsize);
    for (size_t i = 0; i < fsize; i++)
        big[i] = (unsigned char)(i * 2654435761u >> 13);
    const char *path = "hash-test.bin";
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, big, fsize) == (ssize_t)fsize);
    close(fd);
    fd = open(path, O_RDONLY);
    uint64_t fh = 0;
    CHECK(hash64_fd(fd, &fh) == 0);
    close(fd);
    CHECK(fh == hash64(big, fsize, 0));
    unlink(path);
    free(big);

    /* Speed: 208 MB in memory. */
    size_t block = 16 << 20;
    unsigned char *mem = malloc(block);
    for (size_t i = 0; i < block; i++)
        mem[i] = (unsigned char)i;
    double t0 = seconds();
    struct hash64 h;
    hash64_init(&h, 0);
    for (int i = 0; i < 13; i++)
        hash64_update(&h, mem, block);
    volatile uint64_t sink = hash64_final(&h);
    (void)sink;
    double dt = seconds() - t0;
    printf("hashed 208 MB in %.3f s\n", dt);
    CHECK(dt < 1.0);
    free(mem);
    return test_done("hash");
}
