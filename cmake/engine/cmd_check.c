/* SPDX-License-Identifier: MIT */
/* pgo check: a checked copy of a profile, cached.
 *
 * DIR holds, per copy, <content hash>-<tool key>.profdata and its record
 * <same>.copy (the profile it was made from and the output lines); per
 * PROFILE path, <path hash>.stat (its stat data, the tool, the roots and
 * the copy it gave); per llvm-profdata, <path hash>.tool (its stat data
 * and version). Sample profiles (kind=sample; any format llvm-profdata
 * reads, text too) are copied as extbinary, with version=0 and
 * tool_version=0, and their names are left alone. A .stat record that matches means nothing is run or read;
 * else the profile is hashed and an existing copy of the same content for
 * the same tool and roots is reused; only else llvm-profdata runs. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "fsutil.h"
#include "gcda_archive.h"
#include "hash.h"
#include "kv.h"
#include "llvm_tool.h"
#include "profile_copy.h"
#include "profile_header.h"
#include "spawn.h"

#define CHECK_USAGE "usage: pgo check --profdata LLVM_PROFDATA --cache DIR [--source-root DIR] [--build-root DIR] PROFILE"
#define RECORD_MAX (1 << 20)
/* A file changed less than this long before it was looked at may change
 * again without a new mtime (coarse file system clocks): its record is
 * not trusted by the next run, which hashes the file instead. */
#define RACY_NS 2000000000LL

struct check {
    const char *tool, *cache, *src, *bld, *profile;
    char *abs;          /* PROFILE made absolute: the key of its .stat */
    char *stat_path;    /* DIR/<hash of abs>.stat */
    char *tool_real;    /* the tool as found in PATH */
};

/* ---- stat data in records --------------------------------------------- */

static long long ts_ns(const struct timespec *t) { return (long long)t->tv_sec * 1000000000LL + t->tv_nsec; }

static void add_stat(struct kv *kv, const char *prefix, const struct stat *st) {
    char key[64];
    snprintf(key, sizeof key, "%sdev", prefix);
    kv_addf(kv, key, "%llu", (unsigned long long)st->st_dev);
    snprintf(key, sizeof key, "%sino", prefix);
    kv_addf(kv, key, "%llu", (unsigned long long)st->st_ino);
    snprintf(key, sizeof key, "%ssize", prefix);
    kv_addf(kv, key, "%lld", (long long)st->st_size);
    snprintf(key, sizeof key, "%smtime", prefix);
    kv_addf(kv, key, "%lld", ts_ns(&st->st_mtim));
    snprintf(key, sizeof key, "%sctime", prefix);
    kv_addf(kv, key, "%lld", ts_ns(&st->st_ctim));
}

static int same_stat(const struct kv *kv, const char *prefix, const struct stat *st) {
    struct kv now;
    kv_init(&now);
    add_stat(&now, prefix, st);
    int same = 1;
    for (size_t i = 0; i < now.n && same; i++) {
        const char *v = kv_get(kv, now.key[i]);
        same = v && strcmp(v, now.val[i]) == 0;
    }
    kv_free(&now);
    return same;
}

static int stat_changed(const struct stat *a, const struct stat *b) {
    return a->st_dev != b->st_dev || a->st_ino != b->st_ino || a->st_size != b->st_size ||
           ts_ns(&a->st_mtim) != ts_ns(&b->st_mtim) || ts_ns(&a->st_ctim) != ts_ns(&b->st_ctim);
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return ts_ns(&t);
}

static int is_racy(const struct stat *st, long long seen_at) { return seen_at - ts_ns(&st->st_mtim) < RACY_NS; }

static int read_record(const char *path, const char *type, struct kv *kv) {
    struct sbuf text;
    sb_init(&text);
    int ok = fs_read_file(path, &text, RECORD_MAX) == 0 && kv_decode(text.p, text.n, kv) == 0 &&
             strcmp(kv_str(kv, "record"), type) == 0;
    sb_free(&text);
    return ok;
}

static void write_record(const char *dir, const char *path, const struct kv *kv) {
    struct sbuf text;
    sb_init(&text);
    kv_encode(kv, &text);
    if (fs_write_atomic(dir, path, text.p, text.n, 0) != 0) {
        char *what = xasprintf("cannot write %s", path);
        pgo_fs_fail(what, dir, errno);
    }
    sb_free(&text);
}

static int valid_key(const char *s, size_t n) {
    if (n != 25 || s[16] != '-')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i != 16 && !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static void print_lines(const struct check *c, const char *key, const struct kv *rec) {
    char *name = xasprintf("%s.profdata", key);
    char *path = path_join(c->cache, name);
    printf("path=%s\n", path);
    kv_print(stdout, rec, "out.");
    free(path);
    free(name);
}

/* ---- the fast path ---------------------------------------------------- */

static int same_str(const struct kv *kv, const char *key, const char *want) {
    const char *v = kv_get(kv, key);
    return v && strcmp(v, want ? want : "") == 0;
}

/* The stat record matches PROFILE, the tool and the roots, and its copy is
 * there: print its lines. Runs nothing, reads no profile. */
static int fast_path(const struct check *c) {
    struct stat st, tst, cst;
    if (stat(c->profile, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    if (!c->tool_real || stat(c->tool_real, &tst) != 0)
        return 0;
    struct kv rec;
    kv_init(&rec);
    int hit = 0;
    if (read_record(c->stat_path, "stat 1", &rec) && same_str(&rec, "profile", c->abs) &&
        same_str(&rec, "racy", "0") && same_stat(&rec, "", &st) && same_str(&rec, "tool", c->tool) &&
        same_stat(&rec, "tool.", &tst) && same_str(&rec, "source_root", c->src) &&
        same_str(&rec, "build_root", c->bld)) {
        const char *key = kv_str(&rec, "copy");
        char *name = xasprintf("%s.profdata", key);
        char *copy = path_join(c->cache, name);
        char size[32];
        if (valid_key(key, strlen(key)) && stat(copy, &cst) == 0 && S_ISREG(cst.st_mode)) {
            snprintf(size, sizeof size, "%lld", (long long)cst.st_size);
            if (same_str(&rec, "copy_size", size)) {
                pgo_debug("check: %s: unchanged (stat record)", c->profile);
                print_lines(c, key, &rec);
                hit = 1;
            }
        }
        free(copy);
        free(name);
    }
    kv_free(&rec);
    return hit;
}

/* ---- the checks before llvm-profdata ---------------------------------- */

int profile_open_checked(const char *path, struct stat *st, struct ph_info *info, struct sbuf *reason) {
    struct stat lst;
    if (lstat(path, &lst) != 0) {
        sb_adds(reason, errno == ENOENT || errno == ENOTDIR ? "does not exist" : "is not readable");
        return -1;
    }
    if (stat(path, st) != 0) { /* a dangling symbolic link, a loop */
        sb_adds(reason, "is not readable");
        return -1;
    }
    if (S_ISDIR(st->st_mode)) {
        sb_adds(reason, "is a directory, not a .profdata file");
        return -1;
    }
    if (!S_ISREG(st->st_mode)) { /* never open a FIFO or a device */
        sb_adds(reason, st->st_size == 0 ? "is empty" : "is not readable");
        return -1;
    }
    int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, st) != 0) {
        if (fd >= 0)
            close(fd);
        sb_adds(reason, "is not readable");
        return -1;
    }
    unsigned char head[16];
    size_t got = ph_read_fd(&fd, 0, head, sizeof head);
    if (got != (size_t)-1 && ga_is_archive(head, got)) {
        sb_adds(reason, "is a GCC profile (an archive of .gcda files), which clang cannot read; use it in a GCC "
                        "build, or re-train with clang");
        close(fd);
        return -1;
    }
    enum ph_status s = ph_check((uint64_t)st->st_size, ph_read_fd, &fd, info, reason);
    if (s != PH_OK) {
        if (s == PH_READ_ERROR)
            sb_adds(reason, "is not readable");
        close(fd);
        return -1;
    }
    return fd;
}

/* ---- the tool --------------------------------------------------------- */

/* The version line and major of the tool, from its .tool record when its
 * stat data are unchanged, else by running it (and recording that). */
static int tool_version_line(const struct check *c, struct sbuf *line) {
    struct stat st;
    if (!c->tool_real || stat(c->tool_real, &st) != 0)
        pgo_die(PGO_USAGE, "llvm-profdata '%s' not found; set PGO_LLVM_PROFDATA_EXECUTABLE", c->tool);
    char *hname = NULL;
    {
        char hex[17];
        char *k = xasprintf("tool\n%s", c->tool);
        hash64_hex(hash64_str(k), hex);
        free(k);
        hname = xasprintf("%s.tool", hex);
    }
    char *path = path_join(c->cache, hname);
    free(hname);
    struct kv rec;
    kv_init(&rec);
    int major = -1;
    if (read_record(path, "tool 1", &rec) && same_str(&rec, "tool", c->tool) && same_str(&rec, "racy", "0") &&
        same_stat(&rec, "", &st) && kv_get(&rec, "line")) {
        uint64_t m;
        if (parse_u64(kv_str(&rec, "major"), &m) == 0) {
            major = (int)m;
            sb_adds(line, kv_str(&rec, "line"));
        }
    }
    kv_free(&rec);
    if (major < 0) {
        long long seen_at = now_ns();
        major = lt_major(c->tool, line);
        if (major < 0)
            pgo_die(PGO_USAGE,
                    "'%s' is not a working llvm-profdata (its merge --version names no LLVM version); set "
                    "PGO_LLVM_PROFDATA_EXECUTABLE",
                    c->tool);
        struct stat after;
        if (stat(c->tool_real, &after) == 0 && !stat_changed(&st, &after)) {
            kv_init(&rec);
            kv_add(&rec, "record", "tool 1");
            kv_add(&rec, "tool", c->tool);
            add_stat(&rec, "", &st);
            kv_add(&rec, "racy", is_racy(&st, seen_at) ? "1" : "0");
            kv_addf(&rec, "major", "%d", major);
            kv_add(&rec, "line", sb_str(line));
            write_record(c->cache, path, &rec);
            kv_free(&rec);
        }
    }
    free(path);
    return major;
}

/* ---- removing copies nothing refers to -------------------------------- */

static int listed(const struct strvec *sv, const char *s) {
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], s) == 0)
            return 1;
    return 0;
}

static void remove_copy(const char *dir, const char *key) {
    char *n1 = xasprintf("%s.profdata", key), *n2 = xasprintf("%s.copy", key);
    char *p1 = path_join(dir, n1), *p2 = path_join(dir, n2);
    pgo_debug("check: removing the old copy %s", p1);
    unlink(p1);
    unlink(p2);
    free(p1);
    free(p2);
    free(n1);
    free(n2);
}

/* Removes the copies made from ABS (and OLD, the one its record named
 * before) that no .stat record refers to. */
static void collect_garbage(const char *dir, const char *abs, const char *keep, const char *old) {
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct strvec referenced, candidates;
    sv_init(&referenced);
    sv_init(&candidates);
    if (old && *old && strcmp(old, keep) != 0 && valid_key(old, strlen(old)))
        sv_push(&candidates, old);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        int is_stat = ends_with(n, ".stat"), is_copy = ends_with(n, ".copy");
        if (!is_stat && !is_copy)
            continue;
        char *p = path_join(dir, n);
        struct kv rec;
        kv_init(&rec);
        if (is_stat && read_record(p, "stat 1", &rec)) {
            sv_push(&referenced, kv_str(&rec, "copy"));
        } else if (is_copy && valid_key(n, len - 5) && read_record(p, "copy 1", &rec) &&
                   strcmp(kv_str(&rec, "profile"), abs) == 0) {
            char *key = xmalloc(len - 4);
            memcpy(key, n, len - 5);
            key[len - 5] = '\0';
            if (strcmp(key, keep) != 0)
                sv_push(&candidates, key);
            free(key);
        }
        kv_free(&rec);
        free(p);
    }
    closedir(d);
    for (size_t i = 0; i < candidates.n; i++)
        if (!listed(&referenced, candidates.v[i]))
            remove_copy(dir, candidates.v[i]);
    sv_free(&referenced);
    sv_free(&candidates);
}

/* ---- making a copy ---------------------------------------------------- */

PGO_NORETURN static void bad(const char *reason) {
    printf("reason=%s\n", reason);
    exit(PGO_BAD);
}

/* Runs llvm-profdata on PROFILE and leaves the checked copy in a temporary
 * file; fills the output lines into REC. Exits 1 on a bad profile. Sample
 * profiles keep their names: the renaming of static functions is for the
 * "<path>:<name>" names of instrumentation profiles only. */
static char *make_copy(const struct check *c, const struct ph_info *info, int major, struct kv *rec) {
    struct sbuf reason;
    sb_init(&reason);
    long long functions;
    char *tmp = pc_make_copy(c->tool, major, c->profile, info, c->cache, &functions, &reason);
    if (!tmp)
        bad(sb_str(&reason));
    sb_free(&reason);
    if (info->is_sample) {
        kv_addf(rec, "out.functions", "%lld", functions);
        kv_add(rec, "out.version", "0");
        kv_add(rec, "out.tool_version", "0");
        kv_add(rec, "out.kind", "sample");
        return tmp;
    }
    if ((c->src && *c->src) || (c->bld && *c->bld)) {
        char *named;
        struct sbuf why;
        sb_init(&why);
        if (lt_rename(c->tool, tmp, c->cache, PN_ABSOLUTE, c->src, c->bld, &named, &why) != 0)
            pgo_die(PGO_BAD, "cannot rename the static functions of %s", c->profile);
        sb_free(&why);
        if (named) {
            fs_temp_discard(tmp);
            tmp = named;
        }
    }
    unsigned char head[16];
    unsigned writes = 0;
    int ir, fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ph_read_fd(&fd, 0, head, sizeof head) != sizeof head ||
        ph_version(head, sizeof head, &writes, &ir) != 0) {
        if (fd >= 0)
            close(fd);
        pgo_die(PGO_BAD, "llvm-profdata wrote no profile for %s", c->profile);
    }
    close(fd);
    kv_addf(rec, "out.functions", "%lld", functions);
    kv_addf(rec, "out.version", "%u", info->version);
    kv_addf(rec, "out.tool_version", "%u", writes);
    kv_add(rec, "out.kind", pc_kind(info));
    return tmp;
}

int args_want_gcc(int argc, char **argv) {
    for (int i = 1; i + 1 < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--kind") != 0)
            continue;
        if (strcmp(argv[i + 1], "gcc") != 0)
            pgo_die(PGO_USAGE, "--kind takes gcc, not '%s'", argv[i + 1]);
        return 1;
    }
    return 0;
}

int cmd_check(int argc, char **argv) {
    if (args_want_gcc(argc, argv))
        return gcc_check(argc, argv);
    struct check c = {0};
    const struct arg_opt opts[] = {
        {"--profdata", &c.tool, NULL},
        {"--cache", &c.cache, NULL},
        {"--source-root", &c.src, "--source-root needs a folder"},
        {"--build-root", &c.bld, "--build-root needs a folder"},
    };
    struct strvec operands;
    sv_init(&operands);
    args_parse(argc, argv, opts, sizeof opts / sizeof *opts, CHECK_USAGE, 0, &operands);
    if (!c.tool || !*c.tool || !c.cache || !*c.cache || operands.n != 1)
        pgo_die(PGO_USAGE, "%s", CHECK_USAGE);
    c.profile = operands.v[0];
    if (!*c.profile)
        bad("does not exist");
    c.abs = path_absolute(c.profile);
    if (!c.abs)
        pgo_die(PGO_USAGE, "cannot read the working directory: %s", strerror(errno));
    {
        char hex[17];
        hash64_hex(hash64_str(c.abs), hex);
        char *name = xasprintf("%s.stat", hex);
        c.stat_path = path_join(c.cache, name);
        free(name);
    }
    c.tool_real = fs_search_path(c.tool);

    if (fast_path(&c))
        return PGO_OK;

    /* The file itself. */
    struct stat st;
    struct ph_info info;
    struct sbuf reason;
    sb_init(&reason);
    int fd = profile_open_checked(c.profile, &st, &info, &reason);
    if (fd < 0)
        bad(sb_str(&reason));
    long long seen_at = now_ns();

    if (fs_mkdir_p(c.cache) != 0) {
        char *what = xasprintf("cannot create the folder %s", c.cache);
        pgo_fs_fail(what, c.cache, errno);
    }
    int lock = fs_lock_dir(c.cache);
    if (lock < 0) {
        char *what = xasprintf("cannot lock %s/.pgo-lock", c.cache);
        pgo_fs_fail(what, c.cache, errno);
    }

    uint64_t content;
    if (lseek(fd, 0, SEEK_SET) != 0 || hash64_fd(fd, &content) != 0)
        bad("is not readable");
    struct stat after;
    int changed = fstat(fd, &after) != 0 || stat_changed(&st, &after);
    close(fd);
    char hash_hex[17];
    hash64_hex(content, hash_hex);

    /* The copy for this content, tool and roots. */
    struct sbuf line;
    sb_init(&line);
    int major = tool_version_line(&c, &line);
    struct sbuf tk;
    sb_init(&tk);
    sb_adds(&tk, c.tool);
    sb_add(&tk, "", 1);
    sb_adds(&tk, sb_str(&line));
    sb_add(&tk, "", 1);
    sb_adds(&tk, c.src ? c.src : "");
    sb_add(&tk, "", 1);
    sb_adds(&tk, c.bld ? c.bld : "");
    char tool_hex[17];
    hash64_hex(hash64(tk.p, tk.n, 0), tool_hex);
    sb_free(&tk);
    char *key = xasprintf("%s-%.8s", hash_hex, tool_hex);
    char *copy_name = xasprintf("%s.profdata", key), *rec_name = xasprintf("%s.copy", key);
    char *copy = path_join(c.cache, copy_name), *copy_rec = path_join(c.cache, rec_name);
    free(copy_name);
    free(rec_name);

    struct kv out;
    kv_init(&out);
    struct kv crec;
    kv_init(&crec);
    struct stat cst;
    char size[32];
    snprintf(size, sizeof size, "%lld", (long long)st.st_size);
    if (stat(copy, &cst) == 0 && S_ISREG(cst.st_mode) && read_record(copy_rec, "copy 1", &crec) &&
        same_str(&crec, "out.hash", hash_hex) && same_str(&crec, "source_size", size) &&
        kv_get(&crec, "out.functions")) {
        char csize[32];
        snprintf(csize, sizeof csize, "%lld", (long long)cst.st_size);
        if (same_str(&crec, "copy_size", csize)) {
            pgo_debug("check: %s: a copy of the same content exists (%s)", c.profile, copy);
            for (size_t i = 0; i < crec.n; i++)
                if (starts_with(crec.key[i], "out."))
                    kv_add(&out, crec.key[i], crec.val[i]);
        }
    }
    kv_free(&crec);
    if (out.n == 0) {
        pgo_debug("check: %s: running llvm-profdata", c.profile);
        char *tmp = make_copy(&c, &info, major, &out);
        kv_add(&out, "out.hash", hash_hex);
        struct stat tst;
        if (stat(tmp, &tst) != 0 || fs_temp_commit(tmp, copy) != 0) {
            char *what = xasprintf("cannot write %s", copy);
            pgo_fs_fail(what, c.cache, errno);
        }
        kv_init(&crec);
        kv_add(&crec, "record", "copy 1");
        kv_add(&crec, "profile", c.abs);
        kv_add(&crec, "source_size", size);
        kv_addf(&crec, "copy_size", "%lld", (long long)tst.st_size);
        for (size_t i = 0; i < out.n; i++)
            kv_add(&crec, out.key[i], out.val[i]);
        write_record(c.cache, copy_rec, &crec);
        kv_free(&crec);
        cst = tst;
    }

    /* The stat record for the next run, and the old copies. */
    struct kv old;
    kv_init(&old);
    char *old_key = NULL;
    if (read_record(c.stat_path, "stat 1", &old) && same_str(&old, "profile", c.abs))
        old_key = xstrdup(kv_str(&old, "copy"));
    kv_free(&old);
    struct stat tool_st;
    if (!changed && stat(c.tool_real, &tool_st) == 0) {
        struct kv rec;
        kv_init(&rec);
        kv_add(&rec, "record", "stat 1");
        kv_add(&rec, "profile", c.abs);
        add_stat(&rec, "", &st);
        kv_add(&rec, "racy", is_racy(&st, seen_at) ? "1" : "0");
        kv_add(&rec, "tool", c.tool);
        add_stat(&rec, "tool.", &tool_st);
        kv_add(&rec, "source_root", c.src ? c.src : "");
        kv_add(&rec, "build_root", c.bld ? c.bld : "");
        kv_add(&rec, "copy", key);
        kv_addf(&rec, "copy_size", "%lld", (long long)cst.st_size);
        for (size_t i = 0; i < out.n; i++)
            kv_add(&rec, out.key[i], out.val[i]);
        write_record(c.cache, c.stat_path, &rec);
        kv_free(&rec);
        collect_garbage(c.cache, c.abs, key, old_key);
    }
    fs_unlock(lock);

    print_lines(&c, key, &out);
    free(old_key);
    kv_free(&out);
    free(copy);
    free(copy_rec);
    free(key);
    sb_free(&line);
    sb_free(&reason);
    sv_free(&operands);
    free(c.abs);
    free(c.stat_path);
    free(c.tool_real);
    return PGO_OK;
}
