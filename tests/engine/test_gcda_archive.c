/* SPDX-License-Identifier: MIT */
/* gcda_archive.c: the GCC profile archive, encoded, parsed, and every way
 * a file can be bad: cut anywhere, a byte flipped, a wrong header. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "gcda_archive.h"
#include "test.h"

/* A .gcda head of GCC 12.2 ("adcg" "*22B"), then some bytes. */
static const unsigned char gcda12[] = {'a', 'd', 'c', 'g', '*', '2', '2', 'B', 1, 2, 3, 4, 5, 6, 7, 8};
static const unsigned char gcda9[] = {'a', 'd', 'c', 'g', '*', '5', '9', 'A', 9, 9, 9, 9};

static int parse(const struct sbuf *sb, struct ga_archive *a, struct sbuf *reason) {
    sb_clear(reason);
    return ga_parse((const unsigned char *)sb->p, sb->n, a, reason);
}

int main(void) {
    CHECK_INT(ga_gcda_major(gcda12, sizeof gcda12), 12);
    CHECK_INT(ga_gcda_major(gcda9, sizeof gcda9), 9);
    CHECK_INT(ga_gcda_major((const unsigned char *)"gcda*22B", 8), -1);
    CHECK_INT(ga_gcda_major(gcda12, 7), -1);

    CHECK(ga_name_ok("main.c.gcda"));
    CHECK(ga_name_ok("CMakeFiles#app.dir#main.c.gcda"));
    CHECK(!ga_name_ok("a/b.gcda"));
    CHECK(!ga_name_ok(".gcda"));
    CHECK(!ga_name_ok(".hidden.gcda"));
    CHECK(!ga_name_ok("main.c.gcno"));
    CHECK(!ga_name_ok("a\nb.gcda"));

    struct ga_entry v[2] = {
        {xstrdup("z#lib.c.gcda"), gcda12, sizeof gcda12},
        {xstrdup("main.c.gcda"), gcda12, 10},
    };
    struct sbuf sb, reason;
    sb_init(&sb);
    sb_init(&reason);
    char hash[17];
    ga_encode(12, v, 2, &sb, hash);
    CHECK(strncmp(sb.p, "PGO-GCDA 1\ngcc=12\nfiles=2\nhash=", 31) == 0);
    CHECK(ga_is_archive((const unsigned char *)sb.p, sb.n));

    struct ga_archive a;
    CHECK_INT(parse(&sb, &a, &reason), 0);
    CHECK_INT(a.gcc_major, 12);
    CHECK_INT(a.n, 2);
    CHECK_STR(a.hash, hash);
    if (a.n == 2) {
        CHECK_STR(a.v[0].name, "main.c.gcda"); /* sorted */
        CHECK_INT(a.v[0].size, 10);
        CHECK_STR(a.v[1].name, "z#lib.c.gcda");
        CHECK(memcmp(a.v[1].data, gcda12, sizeof gcda12) == 0);
    }
    ga_free(&a);

    /* Every cut is an error, never a smaller profile. */
    for (size_t cut = 0; cut < sb.n; cut++) {
        int rc = ga_parse((const unsigned char *)sb.p, cut, &a, &reason);
        CHECK_INT(rc, -1);
        if (rc == 0)
            ga_free(&a);
    }
    struct sbuf t;
    sb_init(&t);
    sb_add(&t, sb.p, sb.n - 1);
    CHECK_INT(parse(&t, &a, &reason), -1);
    CHECK(strncmp(sb_str(&reason), "is truncated", 12) == 0);
    /* A flipped byte in an entry breaks the hash. */
    sb_clear(&t);
    sb_add(&t, sb.p, sb.n);
    t.p[t.n - 1] ^= 1;
    CHECK_INT(parse(&t, &a, &reason), -1);
    CHECK_STR(sb_str(&reason), "is corrupt: its content does not match its hash");
    /* Bytes after the last entry. */
    sb_clear(&t);
    sb_add(&t, sb.p, sb.n);
    sb_adds(&t, "x");
    CHECK_INT(parse(&t, &a, &reason), -1);
    /* Another format version, garbage, a header without files=. */
    sb_clear(&t);
    sb_adds(&t, "PGO-GCDA 2\ngcc=12\n\n");
    CHECK_INT(parse(&t, &a, &reason), -1);
    CHECK(strstr(sb_str(&reason), "another format version") != NULL);
    sb_clear(&t);
    sb_adds(&t, "garbage\n");
    CHECK_INT(parse(&t, &a, &reason), -1);
    CHECK_STR(sb_str(&reason), "is not a GCC profile archive (bad magic)");
    sb_clear(&t);
    sb_adds(&t, "PGO-GCDA 1\ngcc=12\nhash=0000000000000000\n\n");
    CHECK_INT(parse(&t, &a, &reason), -1);
    CHECK(strstr(sb_str(&reason), "lacks") != NULL);
    sb_clear(&t);
    sb_adds(&t, "PGO-GCDA 1\ngcc=12\nfiles=0\nhash=ef46db3751d8e999\n\n");
    CHECK_INT(parse(&t, &a, &reason), -1);
    CHECK_STR(sb_str(&reason), "holds no .gcda file (an empty GCC profile)");

    /* An entry of another GCC than the header says. */
    struct ga_entry w[1] = {{xstrdup("a.gcda"), gcda9, sizeof gcda9}};
    struct sbuf nine;
    sb_init(&nine);
    ga_encode(12, w, 1, &nine, hash);
    CHECK_INT(parse(&nine, &a, &reason), -1);
    CHECK_STR(sb_str(&reason), "is corrupt: an entry was written by GCC 9, its header says GCC 12");
    /* An entry that is no .gcda at all. */
    struct ga_entry g[1] = {{xstrdup("a.gcda"), (const unsigned char *)"notagcda", 8}};
    sb_clear(&nine);
    ga_encode(12, g, 1, &nine, hash);
    CHECK_INT(parse(&nine, &a, &reason), -1);
    CHECK_STR(sb_str(&reason), "is corrupt: an entry is not a .gcda file");

    free(v[0].name);
    free(v[1].name);
    free(w[0].name);
    free(g[0].name);
    sb_free(&nine);
    sb_free(&t);
    sb_free(&sb);
    sb_free(&reason);
    return test_done("gcda_archive");
}
