/* SPDX-License-Identifier: MIT */
/* portable_names.c: pgo-tool.sh's renaming rule, both ways. */
#define _POSIX_C_SOURCE 200809L

#include "portable_names.h"
#include "test.h"

static size_t renamed;

static const char *run(const char *text, enum pn_mode mode, const char *src, const char *bld) {
    static struct sbuf out;
    sb_free(&out);
    renamed = pn_rename(text, strlen(text), mode, src, bld, &out);
    return sb_str(&out);
}

int main(void) {
    const char *profile = "# IR level Instrumentation Flag\n"
                          ":ir\n"
                          "/src/app/build/gen.c:table_lookup\n"
                          "# Func Hash:\n"
                          "12345\n"
                          "/src/app/lib/impl.c;fast_mix\n"
                          "/src/app/lib/impl.c:slow mix\n"
                          "main\n"
                          "/src/apples/x.c:f\n"
                          "/src/app\n"
                          "/elsewhere/y.c:g\n";

    /* Relative: build root first (it is inside the source root). */
    CHECK_STR(run(profile, PN_RELATIVE, "/src/app", "/src/app/build"),
              "# IR level Instrumentation Flag\n"
              ":ir\n"
              "@build/gen.c:table_lookup\n"
              "# Func Hash:\n"
              "12345\n"
              "./lib/impl.c;fast_mix\n"
              "./lib/impl.c:slow mix\n"
              "main\n"
              "/src/apples/x.c:f\n"
              "/src/app\n"
              "/elsewhere/y.c:g\n");
    CHECK_INT(renamed, 3);

    /* Only a source root: the generated file is below it too. */
    CHECK_STR(run("/src/app/build/gen.c:t\n", PN_RELATIVE, "/src/app", NULL), "./build/gen.c:t\n");
    CHECK_INT(renamed, 1);
    CHECK_STR(run("/src/app/build/gen.c:t\n", PN_RELATIVE, "/src/app", ""), "./build/gen.c:t\n");
    /* Only a build root. */
    CHECK_STR(run("/b/gen.c:t\n/src/a.c:f\n", PN_RELATIVE, NULL, "/b"), "@build/gen.c:t\n/src/a.c:f\n");
    CHECK_INT(renamed, 1);

    /* Absolute, for another tree (the build root outside the sources). */
    CHECK_STR(run("@build/gen.c:table_lookup\n./lib/impl.c;fast_mix\nmain\n./x\n", PN_ABSOLUTE, "/home/u/co",
                  "/tmp/b 1"),
              "/tmp/b 1/gen.c:table_lookup\n/home/u/co/lib/impl.c;fast_mix\nmain\n/home/u/co/x\n");
    CHECK_INT(renamed, 3);
    /* Without a build root, @build/ names stay; without a source root, ./ ones. */
    CHECK_STR(run("@build/g.c:t\n./a.c:f\n", PN_ABSOLUTE, "/s", NULL), "@build/g.c:t\n/s/a.c:f\n");
    CHECK_INT(renamed, 1);
    CHECK_STR(run("@build/g.c:t\n./a.c:f\n", PN_ABSOLUTE, NULL, "/b"), "/b/g.c:t\n./a.c:f\n");
    CHECK_INT(renamed, 1);
    /* Relative names are left alone in relative mode, absolute ones in
     * absolute mode. */
    CHECK_STR(run("./a.c:f\n@build/g.c:t\n", PN_RELATIVE, "/s", "/b"), "./a.c:f\n@build/g.c:t\n");
    CHECK_INT(renamed, 0);
    CHECK_STR(run("/s/a.c:f\n", PN_ABSOLUTE, "/s", "/b"), "/s/a.c:f\n");
    CHECK_INT(renamed, 0);

    /* A round trip to another checkout. */
    const char *trip = run(profile, PN_RELATIVE, "/src/app", "/src/app/build");
    struct sbuf rel;
    sb_init(&rel);
    sb_adds(&rel, trip);
    CHECK_STR(run(sb_str(&rel), PN_ABSOLUTE, "/w/x;y 'z'", "/w/x;y 'z'/out"),
              "# IR level Instrumentation Flag\n"
              ":ir\n"
              "/w/x;y 'z'/out/gen.c:table_lookup\n"
              "# Func Hash:\n"
              "12345\n"
              "/w/x;y 'z'/lib/impl.c;fast_mix\n"
              "/w/x;y 'z'/lib/impl.c:slow mix\n"
              "main\n"
              "/src/apples/x.c:f\n"
              "/src/app\n"
              "/elsewhere/y.c:g\n");
    CHECK_INT(renamed, 3);
    sb_free(&rel);

    /* No roots: nothing changes, and awk's newline at the end. */
    CHECK_STR(run(profile, PN_RELATIVE, NULL, NULL), profile);
    CHECK_INT(renamed, 0);
    CHECK_STR(run(profile, PN_ABSOLUTE, "", ""), profile);
    CHECK_INT(renamed, 0);
    CHECK_STR(run("a\nb", PN_RELATIVE, NULL, NULL), "a\nb\n");
    CHECK_STR(run("", PN_RELATIVE, "/s", NULL), "");
    CHECK_INT(renamed, 0);
    CHECK_STR(run("\n\n", PN_RELATIVE, "/s", NULL), "\n\n");
    /* Roots with special characters are matched literally. */
    CHECK_STR(run("/a.*b/c.c:f\n/aXXb/c.c:f\n", PN_RELATIVE, "/a.*b", NULL), "./c.c:f\n/aXXb/c.c:f\n");
    CHECK_INT(renamed, 1);
    /* The root "/" itself: "//" never starts a name, as in pgo-tool.sh. */
    CHECK_STR(run("/a.c:f\n", PN_RELATIVE, "/", NULL), "/a.c:f\n");
    CHECK_INT(renamed, 0);
    return test_done("portable_names");
}
