/* SPDX-License-Identifier: MIT */
/* pgo merge: the raw profiles of named training runs into one profile,
 * replaced atomically and only when every run succeeded and wrote data;
 * or (--inputs) finished profiles of one kind, all sample or all
 * instrumentation, into one (fleet and window merges):
 *
 *   pgo merge --profdata P -o OUT [--source-root D] [--build-root D] --inputs [W:]FILE...
 *
 * Everything after --inputs is an input. W: is a weight (a whole number
 * from 1 up, default 1); a file whose name starts with digits and a colon
 * is given as ./NAME or 1:NAME. Each input is checked as pgo check does
 * (the same reasons, naming the file) and copied by llvm-profdata; the
 * copies are merged with --weighted-input=W,COPY (and --sample --extbinary
 * for sample profiles). OUT is replaced atomically, then OUT.inputs is
 * written beside it (atomically too): one line per input,
 *   <weight> <kind> <content hash> <absolute path>
 * with kind sample, ir or fe, the hash as pgo check's hash=, and "\\" and
 * "\n" escaped in the path. The roots rename instrumentation profiles as
 * in the --raw-dir form; sample profiles are merged as they are. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "fsutil.h"
#include "hash.h"
#include "llvm_tool.h"
#include "profile_copy.h"
#include "spawn.h"

#define MERGE_USAGE                                                                                                    \
    "usage: pgo merge --profdata LLVM_PROFDATA -o OUT [--source-root DIR] [--build-root DIR] --raw-dir RAWDIR "      \
    "NAME[=WEIGHT]... | --inputs [WEIGHT:]PROFILE..."

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The non-empty RAW/NAME.*.profraw files, sorted, appended to FILES. */
static void raw_files(const char *raw, const char *name, struct strvec *files) {
    DIR *d = opendir(raw);
    if (!d)
        return;
    size_t first = files->n, k = strlen(name);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (strncmp(n, name, k) != 0 || n[k] != '.' || strlen(n) < k + 1 + 8 || !ends_with(n + k + 1, ".profraw"))
            continue;
        char *p = path_join(raw, n);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
            sv_push(files, p);
        free(p);
    }
    closedir(d);
    if (files->n > first)
        qsort(files->v + first, files->n - first, sizeof *files->v, cmp_str);
}

static int positive_number(const char *s) {
    uint64_t v;
    return parse_u64(s, &v) == 0 && v > 0 && v <= 1000000000ULL;
}

/* OUT's folder, created. */
static char *out_dir(const char *out) {
    char *dir = path_dirname(out);
    if (fs_mkdir_p(dir) != 0) {
        char *what = xasprintf("cannot create the folder of %s (%s)", out, dir);
        pgo_fs_fail(what, dir, errno);
    }
    return dir;
}

/* A temporary .profdata in DIR. Not mkstemp: its 0600 mode would end up
 * on a profile meant to be shared. */
static char *temp_in(const char *dir) {
    char *tmp = fs_temp_create(dir, ".profdata", NULL);
    if (!tmp) {
        char *what = xasprintf("cannot create a temporary file in %s", dir);
        pgo_fs_fail(what, dir, errno);
    }
    return tmp;
}

/* Runs the merge ARGS (its stderr shown); exits 1 when it failed. */
static void run_merge(char **args, const char *dir, const char *kept) {
    struct spawn_result r;
    spawn_result_init(&r);
    lt_run(args, SPAWN_STDERR, &r, dir);
    if (r.err.n) /* its warnings and errors, as the user would see them */
        fputs(sb_str(&r.err), stderr);
    if (!(r.exited && r.code == 0))
        pgo_die(PGO_BAD, "llvm-profdata merge failed; %s", kept);
    spawn_result_free(&r);
}

/* The instrumentation profile TMP with the roots' names made relative
 * (see portable_names.h): TMP itself or a new temporary file. */
static char *renamed(const char *tool, char *tmp, const char *dir, const char *src, const char *bld,
                     const char *kept) {
    if (!((src && *src) || (bld && *bld)))
        return tmp;
    char *named;
    struct sbuf why;
    sb_init(&why);
    if (lt_rename(tool, tmp, dir, PN_RELATIVE, src, bld, &named, &why) != 0)
        pgo_die(PGO_BAD, "cannot rename the static functions of the merged profile; %s", kept);
    sb_free(&why);
    if (!named)
        return tmp;
    fs_temp_discard(tmp);
    return named;
}

/* TMP replaces OUT: 0644 as the umask allows, whatever mode llvm-profdata
 * gave it, and on disk before it replaces the previous profile. */
static void commit_out(char *tmp, const char *out, const char *dir) {
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fchmod(fd, 0644 & ~fs_umask()) != 0 || fsync(fd) != 0) {
        char *what = xasprintf("cannot write %s", tmp);
        pgo_fs_fail(what, dir, errno);
    }
    close(fd);
    if (fs_temp_commit(tmp, out) != 0) {
        char *what = xasprintf("cannot replace %s", out);
        pgo_fs_fail(what, dir, errno);
    }
}

/* ---- --inputs: finished profiles --------------------------------------- */

struct input {
    const char *spec, *file, *weight;
    struct ph_info info;
    char hash[17];
    char *copy;
};

static const char *kind_phrase(const struct ph_info *info) {
    if (info->is_sample)
        return "a sample profile";
    return info->is_ir ? "an IR instrumentation profile" : "a front-end (FE) instrumentation profile";
}

static void add_escaped(struct sbuf *sb, const char *s) {
    for (; *s; s++) {
        if (*s == '\\')
            sb_adds(sb, "\\\\");
        else if (*s == '\n')
            sb_adds(sb, "\\n");
        else
            sb_addc(sb, *s);
    }
}

static int merge_inputs(const char *tool, const char *out, const char *src, const char *bld, char **specs,
                        int nspecs) {
    if (nspecs == 0)
        pgo_die(PGO_USAGE, "--inputs needs at least one profile; %s", MERGE_USAGE);
    struct input *in = xmalloc(sizeof *in * (size_t)nspecs);
    memset(in, 0, sizeof *in * (size_t)nspecs);
    for (int i = 0; i < nspecs; i++) {
        const char *s = specs[i];
        size_t d = 0;
        while (s[d] >= '0' && s[d] <= '9')
            d++;
        in[i].spec = s;
        if (d > 0 && s[d] == ':') {
            in[i].weight = strndup(s, d);
            in[i].file = s + d + 1;
        } else {
            in[i].weight = "1";
            in[i].file = s;
        }
        if (!*in[i].file)
            pgo_die(PGO_USAGE, "bad input '%s': no profile after the weight; %s", s, MERGE_USAGE);
        if (!positive_number(in[i].weight))
            pgo_die(PGO_USAGE, "bad weight '%s' for input '%s': use a whole number from 1 up", in[i].weight,
                    in[i].file);
    }
    struct stat st;
    char *kept = stat(out, &st) == 0 ? xasprintf("kept the previous profile %s", out) : xstrdup("no profile was written");

    /* The files themselves, and one kind. */
    for (int i = 0; i < nspecs; i++) {
        struct sbuf reason;
        sb_init(&reason);
        int fd = profile_open_checked(in[i].file, &st, &in[i].info, &reason);
        if (fd < 0)
            pgo_die(PGO_BAD, "%s %s; %s", in[i].file, sb_str(&reason), kept);
        uint64_t h;
        if (hash64_fd(fd, &h) != 0)
            pgo_die(PGO_BAD, "%s is not readable; %s", in[i].file, kept);
        close(fd);
        hash64_hex(h, in[i].hash);
        sb_free(&reason);
        const struct ph_info *a = &in[0].info, *b = &in[i].info;
        if (a->is_sample != b->is_sample)
            pgo_die(PGO_BAD, "%s is %s but %s is %s; merge profiles of one kind", in[i].file,
                    b->is_sample ? "a sample profile" : "an instrumentation profile", in[0].file,
                    a->is_sample ? "a sample profile" : "an instrumentation profile");
        if (!a->is_sample && a->is_ir != b->is_ir)
            pgo_die(PGO_BAD, "%s is %s but %s is %s; merge profiles of one kind", in[i].file, kind_phrase(b),
                    in[0].file, kind_phrase(a));
    }
    int sample = in[0].info.is_sample;

    /* What llvm-profdata makes of each: the checked copies, merged. */
    char *dir = out_dir(out);
    int major = lt_major(tool, NULL);
    if (major < 0)
        pgo_die(PGO_USAGE,
                "'%s' is not a working llvm-profdata (its merge --version names no LLVM version); set "
                "PGO_LLVM_PROFDATA_EXECUTABLE",
                tool);
    struct strvec args;
    sv_init(&args);
    sv_push(&args, tool);
    sv_push(&args, "merge");
    if (sample) {
        sv_push(&args, "--sample");
        sv_push(&args, "--extbinary");
    }
    sv_push(&args, "-o");
    size_t out_slot = args.n;
    sv_push(&args, "");
    for (int i = 0; i < nspecs; i++) {
        struct sbuf reason;
        sb_init(&reason);
        long long functions;
        in[i].copy = pc_make_copy(tool, major, in[i].file, &in[i].info, dir, &functions, &reason);
        if (!in[i].copy)
            pgo_die(PGO_BAD, "%s %s; %s", in[i].file, sb_str(&reason), kept);
        sb_free(&reason);
        /* Split at the first comma: the copy's folder may hold commas. */
        sv_pushf(&args, "--weighted-input=%s,%s", in[i].weight, in[i].copy);
    }
    char *tmp = temp_in(dir);
    free(args.v[out_slot]);
    args.v[out_slot] = path_for_tool(tmp);
    run_merge(args.v, dir, kept);
    sv_free(&args);
    for (int i = 0; i < nspecs; i++)
        fs_temp_discard(in[i].copy);

    long long functions = sample ? lt_sample_functions(tool, tmp, dir) : lt_functions(tool, tmp, dir);
    if (functions <= 0)
        pgo_die(PGO_BAD, "the merged profile holds no functions; %s", kept);
    if (!sample)
        tmp = renamed(tool, tmp, dir, src, bld, kept);

    /* The manifest, ready before OUT is replaced. */
    struct sbuf manifest;
    sb_init(&manifest);
    for (int i = 0; i < nspecs; i++) {
        char *abs = path_absolute(in[i].file);
        sb_addf(&manifest, "%s %s %s ", in[i].weight, pc_kind(&in[i].info), in[i].hash);
        add_escaped(&manifest, abs ? abs : in[i].file);
        sb_addc(&manifest, '\n');
        free(abs);
    }
    char *mpath = xasprintf("%s.inputs", out);
    commit_out(tmp, out, dir);
    if (fs_write_atomic(dir, mpath, manifest.p, manifest.n, 1) != 0) {
        char *what = xasprintf("cannot write %s", mpath);
        pgo_fs_fail(what, dir, errno);
    }
    printf("pgo: merged %d %s profiles into %s (%lld functions)\n", nspecs, sample ? "sample" : "instrumentation",
           out, functions);
    sb_free(&manifest);
    free(mpath);
    free(kept);
    free(dir);
    free(in);
    return PGO_OK;
}

/* ---- the command -------------------------------------------------------- */

int cmd_merge(int argc, char **argv) {
    if (args_want_gcc(argc, argv))
        return gcc_merge(argc, argv);
    const char *tool = NULL, *out = NULL, *src = NULL, *bld = NULL, *raw = NULL;
    const struct arg_opt opts[] = {
        {"--profdata", &tool, NULL},
        {"-o", &out, NULL},
        {"--source-root", &src, "--source-root needs a folder"},
        {"--build-root", &bld, "--build-root needs a folder"},
        {"--raw-dir", &raw, NULL},
    };
    size_t nopts = sizeof opts / sizeof *opts;
    /* --inputs ends the options (an option's value is never taken for it). */
    int inputs = -1;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--inputs") == 0) {
            inputs = i;
            break;
        }
        for (size_t k = 0; k < nopts; k++)
            if (strcmp(argv[i], opts[k].name) == 0) {
                i++;
                break;
            }
    }
    struct strvec names;
    sv_init(&names);
    args_parse(inputs >= 0 ? inputs : argc, argv, opts, nopts, MERGE_USAGE, 0, &names);
    if (inputs >= 0) {
        if (!tool || !*tool || !out || !*out || names.n != 0)
            pgo_die(PGO_USAGE, "%s", MERGE_USAGE);
        if (raw)
            pgo_die(PGO_USAGE, "--raw-dir and --inputs do not mix; %s", MERGE_USAGE);
        return merge_inputs(tool, out, src, bld, argv + inputs + 1, argc - inputs - 1);
    }
    if (!tool || !*tool || !out || !*out || !raw || !*raw || names.n == 0)
        pgo_die(PGO_USAGE, "%s", MERGE_USAGE);

    struct stat st;
    char *kept = stat(out, &st) == 0 ? xasprintf("kept the previous profile %s", out) : xstrdup("no profile was written");

    struct strvec args;
    sv_init(&args);
    sv_push(&args, tool);
    sv_push(&args, "merge");
    sv_push(&args, "-o");
    size_t out_slot = args.n;
    sv_push(&args, ""); /* the temporary file, below */
    size_t nfiles = 0;
    for (size_t i = 0; i < names.n; i++) {
        const char *spec = names.v[i];
        const char *eq = strchr(spec, '=');
        char *name = eq ? strndup(spec, (size_t)(eq - spec)) : xstrdup(spec);
        const char *weight = eq ? eq + 1 : "1";
        if (!*name || strchr(name, '/'))
            pgo_die(PGO_USAGE, "bad training run name '%s'; %s", spec, MERGE_USAGE);
        if (!positive_number(weight))
            pgo_die(PGO_USAGE, "bad weight '%s' for training run '%s': use a whole number from 1 up", weight, name);
        char *ok_name = xasprintf("%s.ok", name);
        char *ok = path_join(raw, ok_name);
        free(ok_name);
        if (stat(ok, &st) != 0 || !S_ISREG(st.st_mode))
            pgo_die(PGO_BAD, "training run '%s' failed or did not run (see its output above); %s", name, kept);
        free(ok);
        struct strvec files;
        sv_init(&files);
        raw_files(raw, name, &files);
        if (files.n == 0)
            pgo_die(PGO_BAD,
                    "training run '%s' wrote no raw profile: its command must run an instrumented binary (built by "
                    "pgo_instrument); %s",
                    name, kept);
        for (size_t f = 0; f < files.n; f++) {
            if (strcmp(weight, "1") == 0) {
                char *p = path_for_tool(files.v[f]);
                sv_push(&args, p);
                free(p);
            } else {
                sv_pushf(&args, "--weighted-input=%s,%s", weight, files.v[f]);
            }
        }
        nfiles += files.n;
        sv_free(&files);
        free(name);
    }

    char *dir = out_dir(out);
    char *tmp = temp_in(dir);
    free(args.v[out_slot]);
    args.v[out_slot] = path_for_tool(tmp);
    run_merge(args.v, dir, kept);
    sv_free(&args);

    long long functions = lt_functions(tool, tmp, dir);
    if (functions <= 0)
        pgo_die(PGO_BAD, "the merged profile holds no functions; %s", kept);
    tmp = renamed(tool, tmp, dir, src, bld, kept);
    commit_out(tmp, out, dir);
    printf("pgo: merged %zu raw profiles into %s (%lld functions)\n", nfiles, out, functions);
    free(kept);
    free(dir);
    sv_free(&names);
    return PGO_OK;
}
