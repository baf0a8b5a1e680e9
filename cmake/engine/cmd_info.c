/* SPDX-License-Identifier: MIT */
/* pgo info BINARY: the profile records (provenance.h) of an executable, a
 * shared library or an object file. pgo provenance: the C file that
 * carries one.
 *
 *   pgo info BINARY
 *     profiles=<n>, then for each distinct record its lines (profile=,
 *     hash=, kind=, compiler=); a binary built without a profile says
 *     profiles=0 and why that may be.
 *   pgo provenance --dir DIR --profile NAME --hash HASH --kind KIND --compiler TEXT
 *     writes DIR/pgo-note-<key>.c (only when it is not there already) and
 *     prints path=<it>. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "commands.h"
#include "elf_walk.h"
#include "fsutil.h"
#include "hash.h"
#include "kv.h"
#include "provenance.h"

#define INFO_USAGE "usage: pgo info BINARY"
#define PROVENANCE_USAGE "usage: pgo provenance --dir DIR --profile NAME --hash HASH --kind KIND --compiler TEXT"

struct notes {
    struct strvec seen; /* the distinct records' texts */
};

static int one_note(void *ctx, const char *name, size_t namesz, uint32_t type, const unsigned char *desc,
                    size_t descsz) {
    struct notes *ns = ctx;
    if (type != PV_NOTE_TYPE || namesz != sizeof PV_NOTE_NAME || memcmp(name, PV_NOTE_NAME, namesz) != 0)
        return 0;
    struct kv rec;
    kv_init(&rec);
    if (pv_decode(desc, descsz, &rec) == 0 && strcmp(kv_str(&rec, "record"), "provenance 1") == 0) {
        struct sbuf text;
        sb_init(&text);
        for (size_t i = 0; i < rec.n; i++)
            if (strcmp(rec.key[i], "record") != 0)
                sb_addf(&text, "%s=%s\n", rec.key[i], rec.val[i]);
        int dup = 0;
        for (size_t i = 0; i < ns->seen.n && !dup; i++)
            dup = strcmp(ns->seen.v[i], sb_str(&text)) == 0;
        if (!dup)
            sv_push(&ns->seen, sb_str(&text));
        sb_free(&text);
    }
    kv_free(&rec);
    return 0;
}

int cmd_info(int argc, char **argv) {
    struct strvec operands;
    sv_init(&operands);
    args_parse(argc, argv, NULL, 0, INFO_USAGE, 0, &operands);
    if (operands.n != 1 || !*operands.v[0])
        pgo_die(PGO_USAGE, "%s", INFO_USAGE);
    const char *file = operands.v[0];
    struct stat st;
    if (stat(file, &st) != 0)
        pgo_die(PGO_BAD, "%s does not exist", file);
    if (!S_ISREG(st.st_mode))
        pgo_die(PGO_BAD, "%s is not a file", file);
    struct sbuf data, why;
    sb_init(&data);
    sb_init(&why);
    if (fs_read_file(file, &data, 0) != 0)
        pgo_die(PGO_BAD, "%s cannot be read: %s", file, strerror(errno));
    struct ew_elf e;
    if (ew_open(&e, (const unsigned char *)sb_str(&data), data.n, &why) != 0)
        pgo_die(PGO_BAD, "%s %s", file, sb_str(&why));
    struct notes ns;
    sv_init(&ns.seen);
    ew_notes(&e, one_note, &ns);
    printf("binary=%s\nprofiles=%zu\n", file, ns.seen.n);
    if (!ns.seen.n)
        printf("note=no profile record: built without a profile (or by a build that does not add one)\n");
    for (size_t i = 0; i < ns.seen.n; i++)
        fputs(ns.seen.v[i], stdout);
    sv_free(&ns.seen);
    sb_free(&data);
    sb_free(&why);
    sv_free(&operands);
    return PGO_OK;
}

/* A value of a record field: one line of printable text. */
static void check_value(const char *what, const char *v) {
    if (!v || !*v)
        pgo_die(PGO_USAGE, "pgo provenance needs %s; %s", what, PROVENANCE_USAGE);
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20)
            pgo_die(PGO_USAGE, "pgo provenance: %s holds a control character", what);
}

int cmd_provenance(int argc, char **argv) {
    const char *dir = NULL, *profile = NULL, *hash = NULL, *kind = NULL, *compiler = NULL;
    const struct arg_opt opts[] = {
        {"--dir", &dir, NULL},       {"--profile", &profile, NULL},   {"--hash", &hash, NULL},
        {"--kind", &kind, NULL},     {"--compiler", &compiler, NULL},
    };
    struct strvec operands;
    sv_init(&operands);
    args_parse(argc, argv, opts, sizeof opts / sizeof *opts, PROVENANCE_USAGE, 0, &operands);
    if (operands.n || !dir || !*dir)
        pgo_die(PGO_USAGE, "%s", PROVENANCE_USAGE);
    check_value("--profile", profile);
    check_value("--hash", hash);
    check_value("--kind", kind);
    check_value("--compiler", compiler);
    struct kv rec;
    kv_init(&rec);
    kv_add(&rec, "record", "provenance 1");
    kv_add(&rec, "profile", profile);
    kv_add(&rec, "hash", hash);
    kv_add(&rec, "kind", kind);
    kv_add(&rec, "compiler", compiler);
    struct sbuf desc, source, old;
    sb_init(&desc);
    sb_init(&source);
    sb_init(&old);
    kv_encode(&rec, &desc);
    pv_source(sb_str(&desc), desc.n, &source);
    char key[17];
    hash64_hex(hash64(source.p, source.n, 0), key);
    char *name = xasprintf("pgo-note-%s.c", key);
    char *path = path_join(dir, name);
    free(name);
    if (fs_read_file(path, &old, 0) != 0 || strcmp(sb_str(&old), sb_str(&source)) != 0) {
        if (fs_mkdir_p(dir) != 0 || fs_write_atomic(dir, path, source.p, source.n, 0) != 0) {
            char *what = xasprintf("cannot write %s", path);
            pgo_fs_fail(what, dir, errno);
        }
    }
    printf("path=%s\n", path);
    free(path);
    sb_free(&desc);
    sb_free(&source);
    sb_free(&old);
    kv_free(&rec);
    sv_free(&operands);
    return PGO_OK;
}
