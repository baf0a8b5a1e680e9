/* SPDX-License-Identifier: MIT */
/* kv.c: ordered key=value lists and their escaped record form. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>

#include "kv.h"
#include "test.h"

int main(void) {
    struct kv kv;
    kv_init(&kv);
    kv_add(&kv, "record", "stat 1");
    kv_add(&kv, "path", "/a b/c;d'e\"f$(touch X)`g`");
    kv_add(&kv, "multi", "line1\nline2\\n\\");
    kv_add(&kv, "equals", "a=b=c");
    kv_add(&kv, "empty", "");
    kv_addf(&kv, "num", "%d-%s", 42, "x");
    kv_add(&kv, "out.path", "/p");
    kv_add(&kv, "out.functions", "3");
    CHECK_STR(kv_get(&kv, "num"), "42-x");
    CHECK(kv_get(&kv, "missing") == NULL);
    CHECK_STR(kv_str(&kv, "missing"), "");
    kv_add(&kv, "path", "second");
    CHECK_STR(kv_get(&kv, "path"), "/a b/c;d'e\"f$(touch X)`g`");
    kv_set(&kv, "num", "43");
    CHECK_STR(kv_get(&kv, "num"), "43");
    kv_set(&kv, "new", "n");
    CHECK_STR(kv_get(&kv, "new"), "n");

    struct sbuf text;
    sb_init(&text);
    kv_encode(&kv, &text);
    CHECK(strstr(sb_str(&text), "multi=line1\\nline2\\\\n\\\\\n") != NULL);
    struct kv back;
    kv_init(&back);
    CHECK_INT(kv_decode(text.p, text.n, &back), 0);
    CHECK_INT(back.n, kv.n);
    for (size_t i = 0; i < kv.n && i < back.n; i++) {
        CHECK_STR(back.key[i], kv.key[i]);
        CHECK_STR(back.val[i], kv.val[i]);
    }
    kv_free(&back);

    /* Malformed records. */
    kv_init(&back);
    CHECK_INT(kv_decode("a=b", 3, &back), -1);       /* no final newline */
    CHECK_INT(kv_decode("ab\n", 3, &back), -1);      /* no '=' */
    CHECK_INT(kv_decode("=b\n", 3, &back), -1);      /* empty key */
    CHECK_INT(kv_decode("a=\\x\n", 5, &back), -1);   /* bad escape */
    CHECK_INT(kv_decode("a=b\\\n", 5, &back), -1);   /* escape at the end */
    CHECK_INT(kv_decode("a=\0b\n", 5, &back), -1);   /* a NUL byte */
    kv_free(&back);
    kv_init(&back);
    CHECK_INT(kv_decode("", 0, &back), 0);
    CHECK_INT(back.n, 0);
    kv_free(&back);

    /* Printing a prefix, unescaped. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    kv_print(f, &kv, "out.");
    fclose(f);
    CHECK_STR(buf, "path=/p\nfunctions=3\n");
    free(buf);

    sb_free(&text);
    kv_free(&kv);
    return test_done("kv");
}
