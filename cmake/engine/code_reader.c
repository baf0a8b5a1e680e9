/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */

#include "code_reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ar_read.h"
#include "elf_walk.h"
#include "fsutil.h"
#include "llvm_tool.h"
#include "spawn.h"

/* ---- llvm-dis ----------------------------------------------------------- */

/* llvm-dis beside the (real) llvm-profdata, else llvm-dis-<major>, else
 * llvm-dis; NULL if none. */
static const char *llvm_dis(struct code_reader *o) {
    if (o->dis_looked)
        return o->dis;
    o->dis_looked = 1;
    if (o->llvm_dis && *o->llvm_dis) {
        o->dis = xstrdup(o->llvm_dis);
        return o->dis;
    }
    char *found = fs_search_path(o->tool);
    char *real = found ? realpath(found, NULL) : NULL;
    free(found);
    if (real) {
        char *dir = path_dirname(real);
        char *beside = path_join(dir, "llvm-dis");
        free(dir);
        free(real);
        if (access(beside, X_OK) == 0) {
            o->dis = beside;
            return o->dis;
        }
        free(beside);
    }
    int major = lt_major(o->tool, NULL);
    if (major >= 0) {
        char *name = xasprintf("llvm-dis-%d", major);
        o->dis = fs_search_path(name);
        free(name);
    }
    if (!o->dis)
        o->dis = fs_search_path("llvm-dis");
    return o->dis;
}

/* llvm-dis of the bitcode DATA (from WHAT), its text into TEXT. */
static void disassemble(struct code_reader *o, const char *what, const unsigned char *data, size_t n,
                        struct sbuf *text) {
    const char *dis = llvm_dis(o);
    if (!dis)
        pgo_die(PGO_USAGE,
                "%s holds LLVM bitcode (a ThinLTO build), which pgo status reads with llvm-dis: none found beside %s "
                "or as llvm-dis-<major>; install the LLVM tools of the compiler (Debian: llvm-<major>)",
                what, o->tool);
    int fd;
    char *in = fs_temp_create(o->tmp_dir, ".bc", &fd);
    if (!in || fs_write_all(fd, data, n) != 0 || close(fd) != 0) {
        char *why = xasprintf("cannot write a temporary file in %s", o->tmp_dir);
        pgo_fs_fail(why, o->tmp_dir, errno);
    }
    char *out = fs_temp_create(o->tmp_dir, ".ll", NULL);
    if (!out) {
        char *why = xasprintf("cannot write a temporary file in %s", o->tmp_dir);
        pgo_fs_fail(why, o->tmp_dir, errno);
    }
    char *const argv[] = {(char *)dis, in, "-o", out, NULL};
    struct spawn_result r;
    spawn_result_init(&r);
    lt_run(argv, SPAWN_NULL, &r, o->tmp_dir);
    if (!(r.exited && r.code == 0)) {
        struct sbuf reason;
        sb_init(&reason);
        lt_error_reason(sb_str(&r.err), in, &reason);
        pgo_die(PGO_BAD, "llvm-dis (%s) cannot read the bitcode of %s: %s", dis, what, sb_str(&reason));
    }
    spawn_result_free(&r);
    if (fs_read_file(out, text, 0) != 0) {
        char *why = xasprintf("cannot read %s", out);
        pgo_fs_fail(why, o->tmp_dir, errno);
    }
    fs_temp_discard(in);
    fs_temp_discard(out);
}

/* ---- the code of one file ----------------------------------------------- */

struct reader {
    struct code_reader *o;
    const char *file;
    int names; /* function names (sample profiles), not records */
    struct prf_table *t;
    long added;
};

/* One object: ELF or bitcode (anything else holds no functions). */
static void read_object(struct reader *rd, const char *what, const unsigned char *data, size_t n) {
    struct sbuf why;
    sb_init(&why);
    if (ew_is_elf(data, n)) {
        long k = rd->names ? prf_elf_functions(data, n, rd->t, &why) : prf_elf_records(data, n, rd->t, &why);
        if (k < 0)
            pgo_die(PGO_BAD, "%s %s", what, sb_str(&why));
        rd->added += k;
    } else if (prf_is_bitcode(data, n)) {
        struct sbuf text;
        sb_init(&text);
        disassemble(rd->o, what, data, n, &text);
        rd->added += (long)(rd->names ? prf_ir_functions(sb_str(&text), text.n, rd->t)
                                      : prf_ir_records(sb_str(&text), text.n, rd->t));
        sb_free(&text);
    }
    sb_free(&why);
}

static int read_member(void *ctx, const char *name, const unsigned char *data, size_t n) {
    struct reader *rd = ctx;
    char *what = xasprintf("%s(%s)", rd->file, name);
    read_object(rd, what, data, n);
    free(what);
    return 0;
}

void code_read_file(struct code_reader *o, const char *file, int names, struct prf_table *t) {
    struct sbuf data;
    sb_init(&data);
    struct stat st;
    if (stat(file, &st) != 0)
        pgo_die(PGO_USAGE, "%s does not exist: build it first", file);
    if (!S_ISREG(st.st_mode) || fs_read_file(file, &data, 0) != 0)
        pgo_die(PGO_USAGE, "cannot read %s: %s", file, S_ISREG(st.st_mode) ? strerror(errno) : "not a file");
    const unsigned char *p = (const unsigned char *)sb_str(&data);
    struct reader rd = {o, file, names, t, 0};
    if (ar_is_archive(p, data.n) || (data.n >= 8 && memcmp(p, "!<thin>\n", 8) == 0)) {
        struct sbuf why;
        sb_init(&why);
        if (ar_each(p, data.n, read_member, &rd, &why) != 0)
            pgo_die(PGO_BAD, "%s %s", file, sb_str(&why));
        sb_free(&why);
    } else if (ew_is_elf(p, data.n) || prf_is_bitcode(p, data.n)) {
        read_object(&rd, file, p, data.n);
        if (!names && rd.added == 0 && ew_is_elf(p, data.n))
            pgo_die(PGO_BAD,
                    "%s holds no profile records: it was not built with -fprofile-generate (build the instrumented "
                    "tree again)",
                    file);
        if (names && rd.added == 0 && ew_is_elf(p, data.n))
            pgo_die(PGO_BAD, "%s has no function symbols (stripped?): a sample profile is matched by the names in its symbol table", file);
    } else {
        pgo_die(PGO_BAD, "%s is neither an ELF file, an archive nor LLVM bitcode", file);
    }
    sb_free(&data);
}

void code_reader_free(struct code_reader *cr) {
    free(cr->dis);
    cr->dis = NULL;
    cr->dis_looked = 0;
}
