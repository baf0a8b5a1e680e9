/* SPDX-License-Identifier: MIT */
/* pgo status: how well each profile fits today's code, without running
 * the program.
 *
 *   pgo status --profdata P --cache DIR [--binaries LIST] [--sample-binaries LIST]
 *              [--source-root D] [--build-root D] [--min-match PERCENT] [--top N]
 *              [--llvm-dis TOOL] TARGET=PROFILE...
 *
 * Each operand names an opted-in target and the profile it uses. LIST
 * files hold "<target>\t<file>" lines: the files of each target, those of
 * the instrumented build (--binaries; for instrumentation profiles) or of
 * the ordinary build (--sample-binaries; for sample profiles). The
 * instrumented build holds every function's CFG hash (see prf_records.h),
 * the one clang compares with the profile's; the roots give the profile's
 * static functions the paths that build compiled them with (see
 * portable_names.h). A sample profile has no hash: its functions match by
 * name. A front-end profile's hashes are not those of an IR build: it
 * matches by name too.
 *
 * For each profile: what it is (kind, format, hash, size, age, git), then
 * the match (status_match.h), per target and in all, and the hottest
 * functions that no longer match. The match part is kept in DIR, keyed by
 * the stat data of the tool, the profile and every file, so that asking
 * again without a change runs nothing. With --min-match, a profile below
 * it gets one "pgo: " line and the exit status is 4. */
#define _XOPEN_SOURCE 700 /* gmtime_r() */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "code_reader.h"
#include "commands.h"
#include "fsutil.h"
#include "git_info.h"
#include "hash.h"
#include "kv.h"
#include "llvm_tool.h"
#include "md5.h"
#include "portable_names.h"
#include "prf_records.h"
#include "profile_copy.h"
#include "profile_funcs.h"
#include "spawn.h"
#include "status_match.h"

#define STATUS_USAGE                                                                                                   \
    "usage: pgo status --profdata LLVM_PROFDATA --cache DIR [--binaries LIST] [--sample-binaries LIST] "              \
    "[--source-root DIR] [--build-root DIR] [--min-match PERCENT] [--top N] [--llvm-dis LLVM_DIS] TARGET=PROFILE..."
#define STATUS_GATE 4
#define RECORD_MAX (64 << 20)
#define RACY_NS 2000000000LL

struct options {
    const char *tool, *cache, *binaries, *sample_binaries, *src, *bld, *min_match, *top, *llvm_dis;
    double min;
    int has_min;
    size_t ntop;
    struct code_reader code;
};

/* "<target>\t<file>" lines. */
struct list {
    struct strvec names, files;
};

static long long ts_ns(const struct timespec *t) { return (long long)t->tv_sec * 1000000000LL + t->tv_nsec; }

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return ts_ns(&t);
}

static void add_stat_line(struct sbuf *key, const char *what, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        sb_addf(key, "%s\t%s\tmissing\n", what, path);
        return;
    }
    sb_addf(key, "%s\t%s\t%llu %llu %lld %lld %lld\n", what, path, (unsigned long long)st.st_dev,
            (unsigned long long)st.st_ino, (long long)st.st_size, ts_ns(&st.st_mtim), ts_ns(&st.st_ctim));
}

/* ---- arguments ---------------------------------------------------------- */

/* A percentage: digits with at most one '.', 0 to 100. */
static int parse_percent(const char *s, double *out) {
    double v = 0, scale = 0;
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (scale > 0) {
                scale /= 10;
                v += (*p - '0') * scale;
            } else {
                v = v * 10 + (*p - '0');
            }
            digits++;
        } else if (*p == '.' && scale == 0) {
            scale = 1;
        } else {
            return -1;
        }
        if (v > 100)
            return -1;
    }
    if (!digits)
        return -1;
    *out = v;
    return 0;
}

static void read_list(const char *path, struct list *l) {
    sv_init(&l->names);
    sv_init(&l->files);
    if (!path)
        return;
    struct sbuf text;
    sb_init(&text);
    if (fs_read_file(path, &text, RECORD_MAX) != 0)
        pgo_die(PGO_USAGE, "cannot read the list of binaries %s (%s): build the binaries first", path,
                strerror(errno));
    char *p = text.p ? text.p : "";
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        char *tab = strchr(p, '\t');
        if (tab && tab != p && tab[1]) {
            *tab = '\0';
            sv_push(&l->names, p);
            sv_push(&l->files, tab + 1);
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    sb_free(&text);
}

static void free_list(struct list *l) {
    sv_free(&l->names);
    sv_free(&l->files);
}

/* ---- the profile -------------------------------------------------------- */

/* The functions of PROFILE (llvm-profdata's text, names as the build that
 * the hashes come from compiled them). */
static void read_profile(struct options *o, const char *profile, int sample, struct pf_list *funcs) {
    char *text = fs_temp_create(o->cache, ".proftext", NULL);
    if (!text) {
        char *why = xasprintf("cannot write a temporary file in %s", o->cache);
        pgo_fs_fail(why, o->cache, errno);
    }
    struct strvec argv;
    sv_init(&argv);
    sv_push(&argv, o->tool);
    sv_push(&argv, "merge");
    if (sample)
        sv_push(&argv, "--sample");
    sv_push(&argv, "--text");
    sv_push(&argv, "-o");
    sv_push(&argv, text);
    char *in = path_for_tool(profile);
    sv_push(&argv, in);
    struct spawn_result r;
    spawn_result_init(&r);
    lt_run(argv.v, SPAWN_NULL, &r, o->cache);
    if (!(r.exited && r.code == 0)) {
        struct sbuf reason;
        sb_init(&reason);
        if (lt_crashed(&r))
            sb_adds(&reason, "llvm-profdata crashed reading it");
        else
            lt_error_reason(sb_str(&r.err), in, &reason);
        pgo_die(PGO_BAD, "cannot read %s: %s", profile, sb_str(&reason));
    }
    spawn_result_free(&r);
    sv_free(&argv);
    free(in);
    struct sbuf body, named, why;
    sb_init(&body);
    sb_init(&named);
    sb_init(&why);
    if (fs_read_file(text, &body, 0) != 0) {
        char *what = xasprintf("cannot read %s", text);
        pgo_fs_fail(what, o->cache, errno);
    }
    fs_temp_discard(text);
    const struct sbuf *src = &body;
    if (!sample && ((o->src && *o->src) || (o->bld && *o->bld))) {
        pn_rename(sb_str(&body), body.n, PN_ABSOLUTE, o->src, o->bld, &named);
        src = &named;
    }
    int rc = sample ? pf_parse_sample_text(sb_str(src), src->n, funcs, &why)
                    : pf_parse_instr_text(sb_str(src), src->n, funcs, &why);
    if (rc != 0)
        pgo_die(PGO_BAD, "cannot read %s: %s", profile, sb_str(&why));
    sb_free(&body);
    sb_free(&named);
    sb_free(&why);
}

/* How a message names a function: as the checked-in profile does, without
 * a leading "./". */
static const char *shown_name(const char *name, const struct options *o) {
    const char *src = o->src;
    size_t k = src ? strlen(src) : 0;
    if (k && strncmp(name, src, k) == 0 && name[k] == '/')
        return name + k + 1;
    if (strncmp(name, "./", 2) == 0)
        return name + 2;
    return name;
}

static const char *compiler_of_format(unsigned version) {
    switch (version) {
    case 7: return "LLVM 14";
    case 8: return "LLVM 15";
    case 9: return "LLVM 16";
    case 12: return "LLVM 19";
    case 13: return "LLVM 22";
    default: return NULL;
    }
}

static void iso_time(time_t t, char *buf, size_t n) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- one profile -------------------------------------------------------- */

struct group {
    const char *profile;
    struct strvec targets;
};

/* The match part of the output (and what the gate needs), computed. */
static void compute_match(struct options *o, const struct group *g, int sample, int by_name,
                          const struct list *list, struct sbuf *out, struct kv *facts) {
    struct pf_list funcs;
    pf_init(&funcs);
    read_profile(o, g->profile, sample, &funcs);
    uint64_t *refs = xmalloc((funcs.n ? funcs.n : 1) * sizeof *refs);
    for (size_t i = 0; i < funcs.n; i++)
        refs[i] = md5_name_ref(funcs.v[i].name, strlen(funcs.v[i].name));

    size_t nt = g->targets.n;
    struct prf_table *tables = xmalloc((nt ? nt : 1) * sizeof *tables);
    struct sm_target *targets = xmalloc((nt ? nt : 1) * sizeof *targets);
    time_t newest = 0;
    for (size_t k = 0; k < nt; k++) {
        prf_init(&tables[k]);
        int files = 0;
        for (size_t i = 0; i < list->names.n; i++) {
            if (strcmp(list->names.v[i], g->targets.v[k]) != 0)
                continue;
            code_read_file(&o->code, list->files.v[i], sample, &tables[k]);
            struct stat st;
            if (stat(list->files.v[i], &st) == 0 && st.st_mtime > newest)
                newest = st.st_mtime;
            files++;
        }
        if (!files)
            pgo_die(PGO_USAGE, "%s: no files of the target %s are listed in %s; build the binaries first",
                    g->profile, g->targets.v[k], sample ? o->sample_binaries : o->binaries);
        prf_finish(&tables[k]);
        targets[k].name = g->targets.v[k];
        targets[k].code = &tables[k];
    }
    struct sm_result r;
    sm_compute(&funcs, refs, by_name, targets, nt, &r);

    long long all = sm_tenths(r.matched, r.weight, r.matching, r.profile_functions);
    sb_addf(out, "functions=%zu\ncode_functions=%zu\nmatching=%zu\nmatch=%lld.%lld\n", r.profile_functions,
            r.code_functions, r.matching, all / 10, all % 10);
    sb_addf(out, "matched_by=%s\n",
            !by_name ? "name and hash"
            : sample ? "name only (a sample profile has no CFG hash)"
                     : "name only (a front-end profile's hashes are not those of an IR build)");
    if (newest) {
        char when[32];
        iso_time(newest, when, sizeof when);
        sb_addf(out, "code_built=%s\n", when);
    }
    for (size_t k = 0; k < nt; k++) {
        long long t = sm_tenths(targets[k].matched, targets[k].weight, targets[k].matching, targets[k].functions);
        sb_addf(out, "target.%s.functions=%zu\ntarget.%s.matching=%zu\ntarget.%s.match=%lld.%lld\n",
                targets[k].name, targets[k].functions, targets[k].name, targets[k].matching, targets[k].name,
                t / 10, t % 10);
    }
    struct sbuf hottest;
    sb_init(&hottest);
    size_t shown = r.nstale < o->ntop ? r.nstale : o->ntop;
    for (size_t i = 0; i < shown; i++) {
        const struct sm_stale *s = &r.stale[i];
        long long share = sm_tenths(s->weight, r.weight, 1, r.profile_functions);
        const char *why = s->reason == SM_CHANGED ? "changed" : "missing";
        sb_addf(out, "stale=%lld.%lld%% %s %s\n", share / 10, share % 10, why, shown_name(s->name, o));
        if (i < 3)
            sb_addf(&hottest, "%s%s (%s, %lld.%lld%%)", i ? ", " : "", shown_name(s->name, o), why, share / 10,
                    share % 10);
    }
    sb_addf(out, "stale_count=%zu\n", r.nstale);
    kv_addf(facts, "weight", "%llu", (unsigned long long)r.weight);
    kv_addf(facts, "matched", "%llu", (unsigned long long)r.matched);
    kv_addf(facts, "functions", "%zu", r.profile_functions);
    kv_addf(facts, "matching", "%zu", r.matching);
    kv_addf(facts, "match", "%lld.%lld", all / 10, all % 10);
    kv_add(facts, "hottest", sb_str(&hottest));
    sb_free(&hottest);
    sm_result_free(&r);
    for (size_t k = 0; k < nt; k++)
        prf_free(&tables[k]);
    free(tables);
    free(targets);
    free(refs);
    pf_free(&funcs);
}

/* The match part from DIR when nothing changed, else computed and kept. */
static void match_part(struct options *o, const struct group *g, int sample, int by_name, const struct list *list,
                       struct sbuf *out, struct kv *facts) {
    struct sbuf key;
    sb_init(&key);
    long long seen = now_ns();
    sb_addf(&key, "status 1\nsample=%d by_name=%d top=%zu\nroots\t%s\t%s\n", sample, by_name, o->ntop,
            o->src ? o->src : "", o->bld ? o->bld : "");
    char *tool = fs_search_path(o->tool);
    add_stat_line(&key, "tool", tool ? tool : o->tool);
    free(tool);
    char *abs = path_absolute(g->profile);
    add_stat_line(&key, "profile", abs ? abs : g->profile);
    free(abs);
    int racy = 0;
    for (size_t k = 0; k < g->targets.n; k++)
        for (size_t i = 0; i < list->names.n; i++)
            if (strcmp(list->names.v[i], g->targets.v[k]) == 0) {
                char *f = path_absolute(list->files.v[i]);
                sb_addf(&key, "target\t%s\n", g->targets.v[k]);
                add_stat_line(&key, "file", f ? f : list->files.v[i]);
                struct stat st;
                if (stat(list->files.v[i], &st) == 0 && seen - ts_ns(&st.st_mtim) < RACY_NS)
                    racy = 1;
                free(f);
            }
    struct stat pst;
    if (stat(g->profile, &pst) == 0 && seen - ts_ns(&pst.st_mtim) < RACY_NS)
        racy = 1;
    char hex[17];
    hash64_hex(hash64(key.p, key.n, 0), hex);
    char *name = xasprintf("%s.status", hex);
    char *path = path_join(o->cache, name);
    free(name);

    struct sbuf text;
    sb_init(&text);
    struct kv rec;
    kv_init(&rec);
    if (fs_read_file(path, &text, RECORD_MAX) == 0 && kv_decode(text.p, text.n, &rec) == 0 &&
        strcmp(kv_str(&rec, "record"), "status 1") == 0 && strcmp(kv_str(&rec, "key"), sb_str(&key)) == 0) {
        pgo_debug("status: %s: unchanged (status record)", g->profile);
        sb_adds(out, kv_str(&rec, "out"));
        for (size_t i = 0; i < rec.n; i++)
            if (starts_with(rec.key[i], "fact."))
                kv_add(facts, rec.key[i] + 5, rec.val[i]);
    } else {
        pgo_debug("status: %s: reading the profile and the code", g->profile);
        compute_match(o, g, sample, by_name, list, out, facts);
        if (!racy) {
            struct kv nrec;
            kv_init(&nrec);
            kv_add(&nrec, "record", "status 1");
            kv_add(&nrec, "key", sb_str(&key));
            kv_add(&nrec, "out", sb_str(out));
            for (size_t i = 0; i < facts->n; i++) {
                char *k = xasprintf("fact.%s", facts->key[i]);
                kv_add(&nrec, k, facts->val[i]);
                free(k);
            }
            struct sbuf enc;
            sb_init(&enc);
            kv_encode(&nrec, &enc);
            if (fs_write_atomic(o->cache, path, enc.p, enc.n, 0) != 0) {
                char *what = xasprintf("cannot write %s", path);
                pgo_fs_fail(what, o->cache, errno);
            }
            sb_free(&enc);
            kv_free(&nrec);
        }
    }
    kv_free(&rec);
    sb_free(&text);
    sb_free(&key);
    free(path);
}

/* Prints one profile's status; returns 1 when it is below the gate. */
static int status_of(struct options *o, const struct group *g, const struct list *instr, const struct list *samp) {
    struct stat st;
    struct ph_info info;
    struct sbuf reason;
    sb_init(&reason);
    int fd = profile_open_checked(g->profile, &st, &info, &reason);
    if (fd < 0)
        pgo_die(PGO_BAD, "%s %s", g->profile, sb_str(&reason));
    uint64_t content;
    if (hash64_fd(fd, &content) != 0)
        pgo_die(PGO_BAD, "%s is not readable", g->profile);
    close(fd);
    sb_free(&reason);
    const char *kind = pc_kind(&info);
    int sample = info.is_sample, by_name = sample || strcmp(kind, "fe") == 0;

    char hex[17], when[32];
    hash64_hex(content, hex);
    iso_time(st.st_mtime, when, sizeof when);
    printf("profile=%s\nkind=%s\n", g->profile, kind);
    if (sample) {
        printf("format=%s\ncompiler=not recorded (sample profiles name none)\n",
               ph_sample_format_name(info.sample_format));
    } else {
        const char *cc = compiler_of_format(info.version);
        printf("format=%u\n", info.version);
        if (cc)
            printf("compiler=%s (indexed format %u)\n", cc, info.version);
        else
            printf("compiler=an LLVM that writes indexed format %u\n", info.version);
    }
    long long age = (now_ns() / 1000000000LL - (long long)st.st_mtime) / 86400;
    printf("hash=%s\nsize=%lld\nmodified=%s\nage_days=%lld\n", hex, (long long)st.st_size, when, age < 0 ? 0 : age);
    struct git_info gi;
    git_file_info(NULL, g->profile, &gi);
    if (gi.known)
        printf("git_commit=%s\ngit_date=%s\ngit_commits_since=%lld\ngit_modified=%s\n", gi.commit, gi.date,
               gi.since, gi.modified ? "yes" : "no");
    {
        struct sbuf targets;
        sb_init(&targets);
        for (size_t k = 0; k < g->targets.n; k++)
            sb_addf(&targets, "%s%s", k ? " " : "", g->targets.v[k]);
        printf("targets=%s\n", sb_str(&targets));
        sb_free(&targets);
    }

    const struct list *list = sample ? samp : instr;
    if (!(sample ? o->sample_binaries : o->binaries))
        pgo_die(PGO_USAGE, "%s is %s profile: pgo status needs the files of its targets (%s LIST)", g->profile,
                sample ? "a sample" : "an instrumentation", sample ? "--sample-binaries" : "--binaries");
    struct sbuf out;
    sb_init(&out);
    struct kv facts;
    kv_init(&facts);
    match_part(o, g, sample, by_name, list, &out, &facts);
    fputs(sb_str(&out), stdout);
    printf("summary=%s of %s profile functions match (%s%% of its counts)\n", kv_str(&facts, "matching"),
           kv_str(&facts, "functions"), kv_str(&facts, "match"));

    int below = 0;
    if (o->has_min) {
        uint64_t weight, matched, functions, matching;
        if (parse_u64(kv_str(&facts, "weight"), &weight) != 0 || parse_u64(kv_str(&facts, "matched"), &matched) != 0 ||
            parse_u64(kv_str(&facts, "functions"), &functions) != 0 ||
            parse_u64(kv_str(&facts, "matching"), &matching) != 0)
            pgo_die(PGO_USAGE, "the status record of %s in %s is damaged; remove it", g->profile, o->cache);
        below = sm_below(matched, weight, (size_t)matching, (size_t)functions, o->min);
        printf("min_match=%s\ngate=%s\n", o->min_match, below ? "below" : "passed");
        if (below) {
            fflush(stdout);
            const char *hottest = kv_str(&facts, "hottest");
            pgo_msg("%s: %s%% of its counts land on code that still matches, below PGO_MIN_MATCH=%s%s%s; fix: "
                    "re-train and update the profile (pgo_update)",
                    g->profile, kv_str(&facts, "match"), o->min_match, *hottest ? "; hottest stale: " : "",
                    hottest);
        }
    }
    kv_free(&facts);
    sb_free(&out);
    return below;
}

int cmd_status(int argc, char **argv) {
    struct options o = {0};
    o.ntop = 10;
    const struct arg_opt opts[] = {
        {"--profdata", &o.tool, NULL},
        {"--cache", &o.cache, NULL},
        {"--binaries", &o.binaries, "--binaries needs a file"},
        {"--sample-binaries", &o.sample_binaries, "--sample-binaries needs a file"},
        {"--source-root", &o.src, "--source-root needs a folder"},
        {"--build-root", &o.bld, "--build-root needs a folder"},
        {"--min-match", &o.min_match, "--min-match needs a percentage"},
        {"--top", &o.top, "--top needs a number"},
        {"--llvm-dis", &o.llvm_dis, "--llvm-dis needs a program"},
    };
    struct strvec operands;
    sv_init(&operands);
    args_parse(argc, argv, opts, sizeof opts / sizeof *opts, STATUS_USAGE, 0, &operands);
    if (!o.tool || !*o.tool || !o.cache || !*o.cache || operands.n == 0)
        pgo_die(PGO_USAGE, "%s", STATUS_USAGE);
    if (o.min_match) {
        if (parse_percent(o.min_match, &o.min) != 0)
            pgo_die(PGO_USAGE, "PGO_MIN_MATCH=%s is not a percentage; use a number from 0 to 100, e.g. 80",
                    o.min_match);
        o.has_min = 1;
    }
    if (o.top) {
        uint64_t n;
        if (parse_u64(o.top, &n) != 0 || n > 100000)
            pgo_die(PGO_USAGE, "--top %s is not a number of functions", o.top);
        o.ntop = (size_t)n;
    }
    if (fs_mkdir_p(o.cache) != 0) {
        char *what = xasprintf("cannot create the folder %s", o.cache);
        pgo_fs_fail(what, o.cache, errno);
    }
    o.code.tool = o.tool;
    o.code.llvm_dis = o.llvm_dis;
    o.code.tmp_dir = o.cache;

    /* TARGET=PROFILE operands, grouped by profile in the order given. */
    struct group *groups = NULL;
    size_t ngroups = 0;
    for (size_t i = 0; i < operands.n; i++) {
        char *eq = strchr(operands.v[i], '=');
        if (!eq || eq == operands.v[i] || !eq[1])
            pgo_die(PGO_USAGE, "'%s' is not TARGET=PROFILE; %s", operands.v[i], STATUS_USAGE);
        *eq = '\0';
        size_t k = 0;
        while (k < ngroups && strcmp(groups[k].profile, eq + 1) != 0)
            k++;
        if (k == ngroups) {
            groups = xrealloc(groups, (ngroups + 1) * sizeof *groups);
            groups[k].profile = eq + 1;
            sv_init(&groups[k].targets);
            ngroups++;
        }
        sv_push(&groups[k].targets, operands.v[i]);
    }
    struct list instr, samp;
    read_list(o.binaries, &instr);
    read_list(o.sample_binaries, &samp);
    int below = 0;
    for (size_t k = 0; k < ngroups; k++) {
        if (k)
            putchar('\n');
        below |= status_of(&o, &groups[k], &instr, &samp);
        sv_free(&groups[k].targets);
    }
    fflush(stdout);
    free(groups);
    free_list(&instr);
    free_list(&samp);
    code_reader_free(&o.code);
    sv_free(&operands);
    return below ? STATUS_GATE : PGO_OK;
}
