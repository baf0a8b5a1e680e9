/* SPDX-License-Identifier: MIT */
/* pgo collect: a sample profile (LLVM extbinary) of one binary, from a
 * running process (--pid, for --seconds) or from a command run to its end.
 *
 * perf samples the process. With a last branch record (LBR) it records
 * branch stacks and llvm-profgen reads perf's text; without one (VMs,
 * most CI machines) it samples cpu-clock with DWARF call stacks, which
 * this file turns into llvm-profgen's unsymbolized profile: each sampled
 * instruction a zero-length range, each pair of adjacent frames a call
 * from the caller's call site to the callee's entry (the start of the
 * .symtab function that holds the callee's frame) and the call instruction
 * a range (unsymbolized.h).
 *
 * The binary is the process's executable, or --binary (a shared library
 * it loaded). It must have line tables and a build ID, and must be the
 * file that ran: the build ID the kernel recorded for the mapping (perf
 * record --buildid-mmap) and the file's build ID before and after the run
 * must agree. The llvm-profgen is the one of the clang major named in the
 * binary's .comment, unless --profgen names one.
 *
 * --repeat-for N runs the command again (under pgo repeat, in the same perf
 * session) until its runs add up to N seconds: a short training run alone
 * gives too few samples for a useful profile.
 *
 * Temporary files (the perf data, mode 0600: it holds stack memory) are
 * .pgo-tmp.* files in OUT's folder, removed on every path. The command's
 * stdout goes to our stderr: stdout holds only the key=value lines. */
#define _XOPEN_SOURCE 700 /* realpath() */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "cleanup.h"
#include "commands.h"
#include "elf_info.h"
#include "fsutil.h"
#include "llvm_tool.h"
#include "perf_script.h"
#include "spawn.h"
#include "unsymbolized.h"
#include "window.h"

#define COLLECT_USAGE                                                                                                  \
    "usage: pgo collect -o OUT [--binary PATH] [--profgen LLVM_PROFGEN] [--profdata LLVM_PROFDATA] "                 \
    "[--event auto|lbr|cpu-clock] [--frequency HZ] (--pid PID --seconds N | [--repeat-for N] -- COMMAND [ARG...])"

/* The sampling rate and the user stack copied per sample (DWARF mode).
 * What it cost a CPU-bound program (tests/engine/collect.sh overhead: 15
 * alternating runs with and without, median ratio of its CPU time; a busy
 * 2 vCPU VM without a PMU): 499 Hz +1.4%, 999 Hz +3.1%, 1999 Hz +3.5%.
 * The stack copy is part of it: perf record alone at 999 Hz cost +2.9%
 * with 8 KiB, +1.6% with 4 KiB. 4 KiB holds the frames nearest the
 * sampled instruction, which give the call-site records; deeper ones are
 * lost when a stack is bigger. --frequency trades cost for samples. */
#define DEFAULT_HZ 499
#define STACK_BYTES 4096

#define PERF_HINT "install linux-perf (Debian) or linux-tools-$(uname -r) (Ubuntu)"
#define FLAGS_HINT "-g (or -gline-tables-only) and -fdebug-info-for-profiling"

struct collect {
    const char *out, *binary_opt, *profgen_opt, *profdata_opt, *event_opt, *freq_opt, *pid_opt, *seconds_opt,
        *repeat_opt;
    char **command;    /* NULL in --pid mode */
    unsigned repeat_for; /* --repeat-for: seconds the command's runs add up to */
    long pid;          /* --pid */
    unsigned seconds;  /* --seconds */
    unsigned hz;
    char *perf;        /* perf as found in PATH */
    char *binary;      /* realpath of the binary */
    struct stat bin_st;
    struct elf_info elf;
    char *dir;         /* OUT's folder */
    int lbr, buildid_mmap;
};

/* ---- small helpers ------------------------------------------------------------ */

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *temp_or_die(const char *dir, const char *suffix) {
    char *t = fs_temp_create(dir, suffix, NULL);
    if (!t) {
        char *what = xasprintf("cannot create a temporary file in %s", dir);
        pgo_fs_fail(what, dir, errno);
    }
    return t;
}

/* The first line of TEXT that says something, trimmed, without perf's
 * "Error:" prefix (at most 300 characters). */
static void first_line(const char *text, struct sbuf *out) {
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t')) {
            p++;
            n--;
        }
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
            n--;
        if (n == 6 && strncmp(p, "Error:", 6) == 0)
            n = 0; /* perf writes "Error:" alone on a line, the reason below */
        if (n) {
            if (n > 300)
                n = 300;
            sb_add(out, p, n);
            return;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    sb_adds(out, "(no message)");
}

static void add_perf_options(const struct collect *c, struct strvec *argv, const char *data) {
    sv_push(argv, c->perf);
    sv_push(argv, "record");
    sv_push(argv, "-q");
    sv_push(argv, "--no-buildid-cache"); /* nothing copied into ~/.debug */
    sv_push(argv, "--no-bpf-event");     /* its side-band thread delays the end by 1 s */
    if (c->buildid_mmap)
        sv_push(argv, "--buildid-mmap");
    if (c->lbr) {
        sv_push(argv, "-e");
        sv_push(argv, "cycles:u");
        sv_push(argv, "-b");
    } else {
        sv_push(argv, "-e");
        sv_push(argv, "cpu-clock:u");
        sv_pushf(argv, "--call-graph=dwarf,%d", STACK_BYTES);
    }
    sv_pushf(argv, "--freq=%u", c->hz);
    sv_push(argv, "-o");
    sv_push(argv, data);
}

static int perf_paranoid(void) {
    struct sbuf t;
    sb_init(&t);
    int v = -100;
    if (fs_read_file("/proc/sys/kernel/perf_event_paranoid", &t, 64) == 0) {
        char *end;
        long x = strtol(sb_str(&t), &end, 10);
        if (end != sb_str(&t))
            v = (int)x;
    }
    sb_free(&t);
    return v;
}

static int says(const char *err, const char *what) {
    size_t n = strlen(what);
    for (const char *p = err; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && (p[i] | 0x20) == (what[i] | 0x20))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* perf record failed with ERR: one line that says why and what to do. */
PGO_NORETURN static void perf_failed(const struct collect *c, const char *err) {
    if (says(err, "branch stack sampling"))
        pgo_die(PGO_USAGE, "this machine has no last branch record (LBR): perf says '%s'; use --event cpu-clock",
                "PMU Hardware or event type doesn't support branch stack sampling");
    if (says(err, "No such process"))
        pgo_die(PGO_USAGE, "no process with id %ld", c->pid);
    if (says(err, "perf_event_paranoid") || says(err, "permission") || says(err, "not permitted") ||
        says(err, "Access to performance monitoring")) {
        int p = perf_paranoid();
        if (geteuid() == 0)
            pgo_die(PGO_USAGE,
                    "perf may not sample here although pgo runs as root (kernel.perf_event_paranoid is %d): in a "
                    "container it needs CAP_PERFMON (docker run --cap-add PERFMON, or --privileged)",
                    p);
        if (p > 2)
            pgo_die(PGO_USAGE,
                    "perf may not sample processes of this user: kernel.perf_event_paranoid is %d; set it with "
                    "'sysctl kernel.perf_event_paranoid=2' (as root), or run pgo collect as root",
                    p);
        if (!c->command)
            pgo_die(PGO_USAGE,
                    "perf may not sample process %ld (another user's, or one this user may not trace): run pgo "
                    "collect as that user or as root",
                    c->pid);
        pgo_die(PGO_USAGE,
                "perf may not sample here although kernel.perf_event_paranoid is %d (in a container it needs "
                "CAP_PERFMON): run pgo collect as root, or the container with --cap-add PERFMON",
                p);
    }
    struct sbuf line;
    sb_init(&line);
    first_line(err, &line);
    pgo_die(PGO_USAGE, "perf record failed: %s", sb_str(&line));
}

/* A file of /proc/PID that cannot be read. */
PGO_NORETURN static void proc_failed(const char *path, long pid, int err) {
    if (err == EACCES || err == EPERM)
        pgo_die(PGO_USAGE,
                "cannot read %s: %s (process %ld belongs to another user: run pgo collect as that user or as root)",
                path, strerror(err), pid);
    if (err == ENOENT || err == ESRCH)
        pgo_die(PGO_USAGE, "no process with id %ld", pid);
    pgo_die(PGO_USAGE, "cannot read %s: %s", path, strerror(err));
}

/* ---- checks before sampling -------------------------------------------------- */

static void find_perf(struct collect *c) {
    c->perf = fs_search_path("perf");
    if (!c->perf)
        pgo_die(PGO_USAGE, "perf is not installed: " PERF_HINT);
    char *argv[] = {c->perf, "--version", NULL};
    struct spawn_result r;
    spawn_result_init(&r);
    int rc = spawn_run(argv, SPAWN_CAPTURE, SPAWN_CAPTURE, &r);
    if (rc != 0 || !r.exited || r.code != 0 || !starts_with(sb_str(&r.out), "perf version")) {
        /* Ubuntu's /usr/bin/perf is a script that fails without the
         * linux-tools package of the running kernel. */
        struct sbuf line;
        sb_init(&line);
        first_line(rc != 0 ? strerror(r.exec_errno ? r.exec_errno : errno) : sb_str(&r.err), &line);
        pgo_die(PGO_USAGE, "perf does not run (%s): " PERF_HINT, sb_str(&line));
    }
    spawn_result_free(&r);
}

/* The binary must be an ELF file with line tables and a build ID. */
static void check_binary(struct collect *c) {
    struct sbuf why;
    sb_init(&why);
    if (stat(c->binary, &c->bin_st) != 0)
        pgo_die(PGO_USAGE, "%s does not exist", c->binary);
    if (elf_read(c->binary, &c->elf, &why) != 0) {
        if (c->command && !c->binary_opt)
            pgo_die(PGO_USAGE, "%s %s: name the program it runs with --binary", c->binary, sb_str(&why));
        pgo_die(PGO_USAGE, "%s %s", c->binary, sb_str(&why));
    }
    if (!c->elf.has_line_tables)
        pgo_die(PGO_USAGE, "%s has no debug line tables: build it with " FLAGS_HINT, c->binary);
    if (!c->elf.build_id[0])
        pgo_die(PGO_USAGE, "%s has no build ID (ELF note NT_GNU_BUILD_ID): link it with -Wl,--build-id",
                c->binary);
    if (!c->elf.has_base || c->elf.nloads == 0)
        pgo_die(PGO_USAGE, "%s has no executable segment", c->binary);
    sb_free(&why);
}

/* /proc/PID/maps maps the binary, executable, and the same file. */
static void check_maps(const struct collect *c) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/maps", c->pid);
    struct sbuf maps;
    sb_init(&maps);
    if (fs_read_file(path, &maps, 0) != 0)
        proc_failed(path, c->pid, errno);
    int mapped = 0, deleted = 0, other_inode = 0;
    for (const char *p = sb_str(&maps); *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *l = strndup(p, n);
        if (!l)
            pgo_die(PGO_USAGE, "out of memory");
        char perms[8] = "";
        unsigned long long inode = 0;
        int at = 0;
        if (sscanf(l, "%*s %7s %*s %*s %llu %n", perms, &inode, &at) >= 2 && at > 0 && strchr(perms, 'x')) {
            const char *file = l + at;
            size_t k = strlen(c->binary);
            if (strncmp(file, c->binary, k) == 0) {
                if (file[k] == '\0') {
                    mapped = 1;
                    if (inode != (unsigned long long)c->bin_st.st_ino)
                        other_inode = 1;
                } else if (strcmp(file + k, " (deleted)") == 0) {
                    deleted = 1;
                }
            }
        }
        free(l);
        if (!nl)
            break;
        p = nl + 1;
    }
    sb_free(&maps);
    if ((deleted && !mapped) || other_inode)
        pgo_die(PGO_BAD,
                "process %ld runs an older %s (the file was replaced after the process loaded it); restart the "
                "process and sample it again",
                c->pid, c->binary);
    if (!mapped)
        pgo_die(PGO_USAGE,
                "%s is not mapped in process %ld: --binary must name its executable or a shared library it loaded "
                "(see /proc/%ld/maps)",
                c->binary, c->pid, c->pid);
}

/* The llvm-profgen (and llvm-profdata) for the binary's clang. */
static void find_tools(const struct collect *c, char **profgen, char **profdata) {
    int n = c->elf.clang_major;
    *profgen = NULL;
    if (c->profgen_opt) {
        *profgen = fs_search_path(c->profgen_opt);
        if (!*profgen)
            pgo_die(PGO_USAGE, "llvm-profgen '%s' not found", c->profgen_opt);
    } else {
        if (n < 0)
            pgo_die(PGO_USAGE,
                    "%s was not built by clang (its .comment names no clang version): sample profiles are for "
                    "clang; build it with clang, or name an llvm-profgen with --profgen",
                    c->binary);
        char *name = xasprintf("llvm-profgen-%d", n);
        *profgen = fs_search_path(name);
        free(name);
        if (!*profgen) {
            char *pd = xasprintf("llvm-profdata-%d", n);
            char *found = fs_search_path(pd);
            free(pd);
            char *real = found ? realpath(found, NULL) : NULL;
            if (real) {
                char *d = path_dirname(real);
                char *sib = path_join(d, "llvm-profgen");
                if (access(sib, X_OK) == 0)
                    *profgen = sib;
                else
                    free(sib);
                free(d);
            }
            free(real);
            free(found);
        }
        if (!*profgen) {
            char *lib = xasprintf("/usr/lib/llvm-%d/bin/llvm-profgen", n);
            if (access(lib, X_OK) == 0)
                *profgen = lib;
            else
                free(lib);
        }
        if (!*profgen)
            pgo_die(PGO_USAGE, "llvm-profgen-%d is not installed (%s was built by %s): install llvm-%d", n,
                    c->binary, c->elf.clang_line, n);
    }
    /* llvm-profdata: beside llvm-profgen, else llvm-profdata-N. */
    *profdata = NULL;
    char *real = realpath(*profgen, NULL);
    if (real) {
        char *d = path_dirname(real);
        char *sib = path_join(d, "llvm-profdata");
        if (access(sib, X_OK) == 0)
            *profdata = sib;
        else
            free(sib);
        free(d);
        free(real);
    }
    if (!*profdata && n >= 0) {
        char *pd = xasprintf("llvm-profdata-%d", n);
        *profdata = fs_search_path(pd);
        free(pd);
    }
    if (!*profdata)
        pgo_die(PGO_USAGE, "no llvm-profdata beside %s%s", *profgen,
                n >= 0 ? ": install the llvm package of its version" : "");
}

/* ---- choosing how to sample ------------------------------------------------------ */

static int has_branch_caps(void) {
    return access("/sys/bus/event_source/devices/cpu/caps/branches", F_OK) == 0 ||
           access("/sys/bus/event_source/devices/cpu_core/caps/branches", F_OK) == 0;
}

/* perf record of /bin/true the way the real run will be made; 0 when it
 * worked, else its stderr in ERR. */
static int probe(const struct collect *c, const char *data, struct sbuf *err) {
    struct strvec argv;
    sv_init(&argv);
    add_perf_options(c, &argv, data);
    char *t = fs_search_path("true");
    sv_push(&argv, "--");
    sv_push(&argv, t ? t : "/bin/true");
    free(t);
    struct spawn_result r;
    spawn_result_init(&r);
    int rc = spawn_run(argv.v, SPAWN_NULL, SPAWN_CAPTURE, &r);
    int ok = rc == 0 && r.exited && r.code == 0;
    if (!ok) {
        sb_clear(err);
        sb_adds(err, rc != 0 ? strerror(r.exec_errno ? r.exec_errno : errno) : sb_str(&r.err));
    }
    spawn_result_free(&r);
    sv_free(&argv);
    return ok ? 0 : -1;
}

static void choose_sampling(struct collect *c) {
    char *data = temp_or_die(c->dir, ".probe.data");
    char *old = xasprintf("%s.old", data);
    cleanup_add(old);
    struct sbuf err;
    sb_init(&err);
    const char *ev = c->event_opt ? c->event_opt : "auto";
    if (strcmp(ev, "auto") != 0 && strcmp(ev, "lbr") != 0 && strcmp(ev, "cpu-clock") != 0)
        pgo_die(PGO_USAGE, "bad --event '%s': use auto, lbr or cpu-clock", ev);
    c->buildid_mmap = 1;
    c->lbr = strcmp(ev, "lbr") == 0 || (strcmp(ev, "auto") == 0 && has_branch_caps());
    int ok = probe(c, data, &err) == 0;
    if (!ok && c->buildid_mmap && !strstr(sb_str(&err), "branch stack")) {
        /* perf before 5.12, or a kernel that cannot give build IDs: the
         * mapped file is then checked by device and inode. */
        c->buildid_mmap = 0;
        ok = probe(c, data, &err) == 0;
        if (!ok)
            c->buildid_mmap = 1;
    }
    if (!ok && c->lbr && strcmp(ev, "auto") == 0) {
        pgo_debug("collect: LBR probe failed (%s); sampling cpu-clock", sb_str(&err));
        c->lbr = 0;
        ok = probe(c, data, &err) == 0;
    }
    if (!ok)
        perf_failed(c, sb_str(&err));
    pgo_debug("collect: event %s, %u Hz, build IDs %s", c->lbr ? "lbr" : "cpu-clock", c->hz,
              c->buildid_mmap ? "from the kernel" : "from the file");
    sb_free(&err);
    fs_temp_discard(data);
    unlink(old);
    cleanup_forget(old);
    free(old);
}

/* ---- perf script, streamed ------------------------------------------------------- */

/* Runs ARGV with stdout read in pieces into FN and stderr into ERR.
 * Returns the exit status as the shell gives it (128 + signal), or -1 if
 * it could not be started. */
static int run_streaming(char *const argv[], void (*fn)(void *, const char *, size_t), void *ctx,
                         struct sbuf *err) {
    int po[2], pe[2];
    if (pipe(po) != 0)
        return -1;
    if (pipe(pe) != 0) {
        close(po[0]);
        close(po[1]);
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(po[i], F_SETFD, FD_CLOEXEC);
        fcntl(pe[i], F_SETFD, FD_CLOEXEC);
    }
    fflush(stdout);
    fflush(stderr);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = fork();
    if (pid == 0) {
        spawn_child_defaults();
        sigprocmask(SIG_SETMASK, &old, NULL);
        int in = open("/dev/null", O_RDONLY);
        if (in > 0) {
            dup2(in, 0);
            close(in);
        }
        dup2(po[1], 1); /* the copies are not close-on-exec */
        dup2(pe[1], 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    if (pid > 0)
        cleanup_set_child(pid);
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(po[1]);
    close(pe[1]);
    if (pid < 0) {
        close(po[0]);
        close(pe[0]);
        return -1;
    }
    static char buf[1 << 16];
    int fo = po[0], fe = pe[0];
    while (fo >= 0 || fe >= 0) {
        struct pollfd fds[2];
        int k = 0, io = -1, ie = -1;
        if (fo >= 0) {
            fds[k].fd = fo;
            fds[k].events = POLLIN;
            io = k++;
        }
        if (fe >= 0) {
            fds[k].fd = fe;
            fds[k].events = POLLIN;
            ie = k++;
        }
        if (poll(fds, (nfds_t)k, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (io >= 0 && fds[io].revents) {
            ssize_t r = read(fo, buf, sizeof buf);
            if (r > 0) {
                fn(ctx, buf, (size_t)r);
            } else if (r == 0 || errno != EINTR) {
                close(fo);
                fo = -1;
            }
        }
        if (ie >= 0 && fds[ie].revents) {
            ssize_t r = read(fe, buf, sizeof buf);
            if (r > 0) {
                if (err->n < (1 << 20))
                    sb_add(err, buf, (size_t)r);
            } else if (r == 0 || errno != EINTR) {
                close(fe);
                fe = -1;
            }
        }
    }
    if (fo >= 0)
        close(fo);
    if (fe >= 0)
        close(fe);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    cleanup_set_child(0);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

struct script_state {
    const struct collect *c;
    struct ps_parser parser;
    struct unsym u;
    unsigned long long total;   /* samples */
    int mapped, deleted;        /* of the binary */
    char mapped_id[129];        /* a build ID of a mapping that is not the file's */
    int other_inode;
    int out_fd;                 /* LBR: the text is also written here */
    int write_failed;
};

static void on_mmap(void *ctx, const struct ps_mmap *m) {
    struct script_state *s = ctx;
    const char *b = s->c->binary;
    size_t k = strlen(b);
    if (strncmp(m->path, b, k) != 0)
        return;
    if (strcmp(m->path + k, " (deleted)") == 0) {
        s->deleted = 1;
        return;
    }
    if (m->path[k] != '\0')
        return;
    if (strchr(m->prot, 'x'))
        s->mapped = 1;
    if (m->build_id[0] && strcmp(m->build_id, s->c->elf.build_id) != 0 && !s->mapped_id[0])
        snprintf(s->mapped_id, sizeof s->mapped_id, "%s", m->build_id);
    if (m->has_inode && m->ino != (uint64_t)s->c->bin_st.st_ino)
        s->other_inode = 1;
}

static void on_sample(void *ctx, const struct ps_sample *smp) {
    struct script_state *s = ctx;
    s->total++;
    us_add_sample(&s->u, &s->c->elf, s->c->binary, smp->frames, smp->nframes);
}

static void on_text(void *ctx, const char *data, size_t n) {
    struct script_state *s = ctx;
    ps_feed(&s->parser, data, n);
    if (s->out_fd >= 0 && !s->write_failed && fs_write_all(s->out_fd, data, n) != 0)
        s->write_failed = errno ? errno : EIO;
}

/* ---- the command ------------------------------------------------------------------ */

static void parse(struct collect *c, int argc, char **argv) {
    const struct arg_opt opts[] = {
        {"-o", &c->out, NULL},
        {"--binary", &c->binary_opt, "--binary needs a file"},
        {"--profgen", &c->profgen_opt, "--profgen needs a program"},
        {"--profdata", &c->profdata_opt, "--profdata needs a program"},
        {"--event", &c->event_opt, NULL},
        {"--frequency", &c->freq_opt, NULL},
        {"--pid", &c->pid_opt, NULL},
        {"--seconds", &c->seconds_opt, NULL},
        {"--repeat-for", &c->repeat_opt, NULL},
    };
    struct strvec operands;
    sv_init(&operands);
    int dashdash = 0;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            dashdash = i;
            break;
        }
    int end = dashdash ? dashdash : argc;
    args_parse(end, argv, opts, sizeof opts / sizeof *opts, COLLECT_USAGE, 0, &operands);
    if (operands.n)
        pgo_die(PGO_USAGE, "unexpected argument '%s'; %s", operands.v[0], COLLECT_USAGE);
    sv_free(&operands);
    if (!c->out || !*c->out)
        pgo_die(PGO_USAGE, "%s", COLLECT_USAGE);
    if (dashdash) {
        if (dashdash + 1 >= argc)
            pgo_die(PGO_USAGE, "no COMMAND after '--'; %s", COLLECT_USAGE);
        if (c->pid_opt || c->seconds_opt)
            pgo_die(PGO_USAGE, "--pid and --seconds sample a running process, '-- COMMAND' runs one: give one of "
                               "the two; %s", COLLECT_USAGE);
        c->command = argv + dashdash + 1;
        if (c->repeat_opt) {
            uint64_t v;
            if (parse_u64(c->repeat_opt, &v) != 0 || v > 86400)
                pgo_die(PGO_USAGE, "bad --repeat-for '%s': use a whole number of seconds from 0 to 86400",
                        c->repeat_opt);
            c->repeat_for = (unsigned)v;
        }
    } else {
        uint64_t v;
        if (c->repeat_opt)
            pgo_die(PGO_USAGE, "--repeat-for repeats a '-- COMMAND'; a process sampled with --pid runs once");
        if (!c->pid_opt || !c->seconds_opt)
            pgo_die(PGO_USAGE, "%s", COLLECT_USAGE);
        if (parse_u64(c->pid_opt, &v) != 0 || v == 0 || v > 0x7fffffff)
            pgo_die(PGO_USAGE, "bad --pid '%s': use a process id", c->pid_opt);
        c->pid = (long)v;
        if (parse_u64(c->seconds_opt, &v) != 0 || v == 0 || v > 86400)
            pgo_die(PGO_USAGE, "bad --seconds '%s': use a whole number from 1 to 86400", c->seconds_opt);
        c->seconds = (unsigned)v;
    }
    c->hz = DEFAULT_HZ;
    if (c->freq_opt) {
        uint64_t v;
        if (parse_u64(c->freq_opt, &v) != 0 || v == 0 || v > 100000)
            pgo_die(PGO_USAGE, "bad --frequency '%s': use a number of samples a second, 1 to 100000", c->freq_opt);
        c->hz = (unsigned)v;
        /* perf refuses a rate above the kernel's limit (which the kernel
         * lowers itself when sampling takes too long): take the limit. */
        struct sbuf max;
        sb_init(&max);
        uint64_t limit;
        if (fs_read_file("/proc/sys/kernel/perf_event_max_sample_rate", &max, 64) == 0 && max.p) {
            char *nl = strchr(max.p, '\n');
            if (nl)
                *nl = '\0';
            if (parse_u64(max.p, &limit) == 0 && limit > 0 && limit < c->hz) {
                pgo_debug("collect: --frequency %u is above perf_event_max_sample_rate, using %llu", c->hz,
                          (unsigned long long)limit);
                c->hz = (unsigned)limit;
            }
        }
        sb_free(&max);
    }
}

/* The binary of the command or process, made absolute and real. */
static void find_binary(struct collect *c) {
    char *given = NULL;
    if (c->binary_opt) {
        given = xstrdup(c->binary_opt);
    } else if (c->command) {
        given = fs_search_path(c->command[0]);
        if (!given)
            pgo_die(PGO_USAGE, "cannot run '%s': %s", c->command[0],
                    strchr(c->command[0], '/') ? "no such executable file" : "command not found");
    } else {
        char link[64];
        snprintf(link, sizeof link, "/proc/%ld/exe", c->pid);
        char target[4096];
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n < 0) {
            if (errno != ENOENT)
                proc_failed(link, c->pid, errno);
            pgo_die(PGO_USAGE, "process %ld has no executable (a kernel thread, or it is exiting)", c->pid);
        }
        target[n] = '\0';
        if (ends_with(target, " (deleted)")) {
            target[n - 10] = '\0';
            pgo_die(PGO_BAD,
                    "process %ld runs an older %s (the file was replaced or deleted after it started); restart the "
                    "process and sample it again",
                    c->pid, target);
        }
        given = xstrdup(target);
    }
    char *real = realpath(given, NULL);
    if (!real)
        pgo_die(PGO_USAGE, "%s does not exist", given);
    free(given);
    c->binary = real;
}

int cmd_collect(int argc, char **argv) {
    struct collect c;
    memset(&c, 0, sizeof c);
    elf_info_init(&c.elf);
    parse(&c, argc, argv);

    /* The process, the binary, perf and the tools: before sampling. */
    if (!c.command) {
        if (kill((pid_t)c.pid, 0) != 0 && errno == ESRCH)
            pgo_die(PGO_USAGE, "no process with id %ld", c.pid);
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/%ld", c.pid);
        struct stat pst;
        if (stat(proc, &pst) != 0)
            pgo_die(PGO_USAGE, "no process with id %ld", c.pid);
    }
    find_binary(&c);
    if (!c.command) {
        /* An instrumented process with the window helper gives exact counts
         * of a window instead of samples. */
        struct sbuf why;
        sb_init(&why);
        if (elf_read(c.binary, &c.elf, &why) == 0 && c.elf.has_pgo_window) {
            struct window_job job = {c.pid, c.seconds, c.binary, &c.elf, c.out, c.profdata_opt};
            int rc = window_collect(&job);
            elf_info_free(&c.elf);
            free(c.binary);
            return rc;
        }
        elf_info_free(&c.elf);
        elf_info_init(&c.elf);
        sb_free(&why);
    }
    find_perf(&c);
    check_binary(&c);
    if (!c.command)
        check_maps(&c);
    char *profgen, *profdata;
    find_tools(&c, &profgen, &profdata);
    char start_id[129];
    snprintf(start_id, sizeof start_id, "%s", c.elf.build_id);

    c.dir = path_dirname(c.out);
    if (fs_mkdir_p(c.dir) != 0) {
        char *what = xasprintf("cannot create the folder of %s (%s)", c.out, c.dir);
        pgo_fs_fail(what, c.dir, errno);
    }
    choose_sampling(&c);
    /* perf writes its own files with mode 0600, and keeps that of an
     * existing (empty) one: the stacks in it are the process's memory. */
    char *data = temp_or_die(c.dir, ".perf.data");
    if (chmod(data, 0600) != 0)
        pgo_fs_fail(data, c.dir, errno);
    char *data_old = xasprintf("%s.old", data); /* perf's backup of a non-empty file */
    cleanup_add(data_old);

    /* Sampling. */
    struct strvec rec;
    sv_init(&rec);
    add_perf_options(&c, &rec, data);
    double t0 = now_s(), seconds;
    int ended = 0; /* the process ended while it was sampled */
    if (c.command) {
        sv_push(&rec, "--");
        if (c.repeat_for) {
            char *self = fs_self_exe();
            if (!self)
                pgo_die(PGO_USAGE, "cannot find this pgo program (/proc/self/exe) to repeat the command: %s",
                        strerror(errno));
            sv_push(&rec, self);
            sv_push(&rec, "repeat");
            sv_push(&rec, "--seconds");
            sv_pushf(&rec, "%u", c.repeat_for);
            sv_push(&rec, "--");
            free(self);
        }
        for (char **a = c.command; *a; a++)
            sv_push(&rec, *a);
        /* The command's stdout goes to our stderr, its stderr stays. */
        int saved = fcntl(1, F_DUPFD_CLOEXEC, 3);
        if (saved < 0 || dup2(2, 1) < 0)
            pgo_die(PGO_USAGE, "cannot redirect the command's output: %s", strerror(errno));
        int exec_errno;
        int rc = spawn_forwarding(rec.v, &exec_errno);
        fflush(stdout);
        dup2(saved, 1);
        close(saved);
        seconds = now_s() - t0;
        if (exec_errno)
            pgo_die(PGO_USAGE, "cannot run %s: %s", c.perf, strerror(exec_errno));
        if (rc > 128 && rc < 128 + 65)
            pgo_die(PGO_BAD, "'%s' was killed by signal %d (%s); no profile was written", c.command[0], rc - 128,
                    strsignal(rc - 128));
        if (rc != 0)
            pgo_die(PGO_BAD, "'%s' failed (exit status %d); no profile was written", c.command[0], rc);
    } else {
        char *sleep_path = fs_search_path("sleep");
        sv_pushf(&rec, "--pid=%ld", c.pid);
        sv_push(&rec, "--");
        sv_push(&rec, sleep_path ? sleep_path : "/bin/sleep");
        sv_pushf(&rec, "%u", c.seconds);
        free(sleep_path);
        struct spawn_result r;
        spawn_result_init(&r);
        if (spawn_run(rec.v, SPAWN_NULL, SPAWN_CAPTURE, &r) != 0)
            pgo_die(PGO_USAGE, "cannot run %s: %s", c.perf, strerror(r.exec_errno ? r.exec_errno : errno));
        seconds = now_s() - t0;
        /* When the process ends first, perf stops sleep with SIGTERM and
         * exits with its status, or ends by SIGTERM itself, the data
         * written. */
        int ok = (r.exited && (r.code == 0 || r.code == 128 + SIGTERM)) || (!r.exited && r.code == SIGTERM);
        pgo_debug("collect: perf record %s %d after %.1f s: %s", r.exited ? "exited with" : "killed by signal",
                  r.code, seconds, sb_str(&r.err));
        if (!ok && fs_process_gone(c.pid))
            pgo_die(PGO_BAD, "process %ld exited before perf could sample it; no profile was written", c.pid);
        if (!ok)
            perf_failed(&c, sb_str(&r.err));
        spawn_result_free(&r);
        ended = fs_process_gone(c.pid);
    }
    sv_free(&rec);
    struct stat dst;
    if (stat(data, &dst) != 0 || dst.st_size == 0)
        pgo_die(PGO_BAD, "perf record wrote no data for %s", c.command ? c.command[0] : "the process");

    /* Reading the samples. */
    struct script_state s;
    memset(&s, 0, sizeof s);
    s.c = &c;
    s.out_fd = -1;
    us_init(&s.u);
    s.u.call_ranges = 1;
    struct ps_handler h = {on_mmap, c.lbr ? NULL : on_sample, &s};
    ps_init(&s.parser, &h);
    char *script_text = NULL;
    if (c.lbr) {
        script_text = temp_or_die(c.dir, ".perfscript");
        s.out_fd = open(script_text, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (s.out_fd < 0)
            pgo_fs_fail(script_text, c.dir, errno);
    }
    struct strvec scr;
    sv_init(&scr);
    sv_push(&scr, c.perf);
    sv_push(&scr, "script");
    sv_push(&scr, "--force");
    sv_push(&scr, "-i");
    sv_push(&scr, data);
    sv_push(&scr, "--show-mmap-events");
    if (c.lbr) {
        sv_push(&scr, "-F");
        sv_push(&scr, "ip,brstack");
    } else {
        sv_push(&scr, "--no-inline");
        sv_push(&scr, "-F");
        sv_push(&scr, "comm,pid,tid,ip,dso");
    }
    struct sbuf err;
    sb_init(&err);
    int rc = run_streaming(scr.v, on_text, &s, &err);
    ps_finish(&s.parser);
    sv_free(&scr);
    if (rc != 0) {
        struct sbuf line;
        sb_init(&line);
        first_line(sb_str(&err), &line);
        pgo_die(PGO_BAD, "perf script failed (exit status %d): %s", rc, sb_str(&line));
    }
    if (s.out_fd >= 0) {
        if (s.write_failed || close(s.out_fd) != 0)
            pgo_fs_fail(script_text, c.dir, s.write_failed ? s.write_failed : errno);
        s.out_fd = -1;
    }
    if (c.lbr)
        s.total = s.parser.skipped; /* the sample lines: everything but mmap events */
    fs_temp_discard(data);
    unlink(data_old);
    cleanup_forget(data_old);
    free(data_old);

    /* The same binary ran, and is still there. */
    struct elf_info now;
    struct sbuf why;
    sb_init(&why);
    if (elf_read(c.binary, &now, &why) != 0)
        pgo_die(PGO_BAD, "%s was deleted or replaced while it was sampled (it %s now); sample it again", c.binary,
                sb_str(&why));
    if (strcmp(now.build_id, start_id) != 0)
        pgo_die(PGO_BAD, "%s changed while it was sampled (build ID %s, now %s); sample it again", c.binary,
                start_id, now.build_id[0] ? now.build_id : "none");
    elf_info_free(&now);
    if (s.mapped_id[0])
        pgo_die(PGO_BAD, "%s changed while it was sampled (build ID %s, now %s); sample it again", c.binary,
                s.mapped_id, start_id);
    if (s.other_inode || (s.deleted && !s.mapped))
        pgo_die(PGO_BAD, "%s was replaced while it was sampled (the process ran another file of that name); "
                         "sample it again",
                c.binary);
    if (ended && (!s.mapped || s.total == 0))
        pgo_die(PGO_BAD, "process %ld exited before perf could sample it; no profile was written", c.pid);
    if (!s.mapped) {
        if (c.command)
            pgo_die(PGO_USAGE, "'%s' did not load %s: --binary must name a program or shared library it runs",
                    c.command[0], c.binary);
        pgo_die(PGO_USAGE, "%s is not mapped in process %ld (see /proc/%ld/maps)", c.binary, c.pid, c.pid);
    }
    if (s.total == 0) {
        if (c.command)
            pgo_die(PGO_BAD, "no samples were collected: '%s' used no CPU time in %.1f seconds (it was idle)",
                    c.command[0], seconds);
        pgo_die(PGO_BAD, "no samples were collected: process %ld was idle (it used no CPU time in %.1f seconds); "
                         "sample it while it works",
                c.pid, seconds);
    }
    if (!c.lbr && s.u.samples == 0)
        pgo_die(PGO_BAD,
                "none of the %llu samples was in %s: the process ran other code (a shared library? name it with "
                "--binary)",
                s.total, c.binary);

    /* llvm-profgen. */
    char *input = script_text;
    if (!c.lbr) {
        struct sbuf text;
        sb_init(&text);
        us_write(&s.u, &text);
        input = temp_or_die(c.dir, ".unsymbolized.txt");
        int fd = open(input, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0 || fs_write_all(fd, text.p, text.n) != 0 || close(fd) != 0)
            pgo_fs_fail(input, c.dir, errno);
        sb_free(&text);
    }
    char *prof = temp_or_die(c.dir, ".prof");
    struct strvec pg;
    sv_init(&pg);
    sv_push(&pg, profgen);
    sv_pushf(&pg, "--binary=%s", c.binary);
    sv_pushf(&pg, c.lbr ? "--perfscript=%s" : "--unsymbolized-profile=%s", input);
    sv_pushf(&pg, "--output=%s", prof);
    sv_push(&pg, "--format=extbinary");
    struct spawn_result r;
    spawn_result_init(&r);
    if (spawn_run(pg.v, SPAWN_NULL, SPAWN_CAPTURE, &r) != 0)
        pgo_die(PGO_USAGE, "cannot run %s: %s", profgen, strerror(r.exec_errno ? r.exec_errno : errno));
    if (!(r.exited && r.code == 0)) {
        if (lt_says_no_space(sb_str(&r.err)))
            pgo_fs_fail(prof, c.dir, ENOSPC);
        struct sbuf line;
        sb_init(&line);
        lt_error_reason(sb_str(&r.err), input, &line);
        pgo_die(PGO_BAD, "%s failed (%s): %s", profgen,
                r.exited ? xasprintf("exit status %d", r.code) : xasprintf("signal %d", r.code), sb_str(&line));
    }
    pgo_debug("collect: %s said: %s", profgen, sb_str(&r.err));
    sv_free(&pg);
    fs_temp_discard(input);

    /* The functions it holds. */
    char *show[] = {profdata, "show", "--sample", prof, NULL};
    if (spawn_run(show, SPAWN_CAPTURE, SPAWN_CAPTURE, &r) != 0 || !r.exited || r.code != 0)
        pgo_die(PGO_BAD, "%s show --sample cannot read the profile llvm-profgen wrote", profdata);
    unsigned long long functions = 0;
    for (const char *p = sb_str(&r.out); p; p = strchr(p, '\n')) {
        if (*p == '\n')
            p++;
        if (starts_with(p, "Function: "))
            functions++;
    }
    spawn_result_free(&r);
    if (functions == 0)
        pgo_die(PGO_BAD,
                "the profile of %s holds no functions (from %llu samples): build it with " FLAGS_HINT, c.binary,
                c.lbr ? s.total : s.u.samples);

    int fd = open(prof, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fchmod(fd, 0644 & ~fs_umask()) != 0 || fsync(fd) != 0)
        pgo_fs_fail(prof, c.dir, errno);
    close(fd);
    if (fs_temp_commit(prof, c.out) != 0) {
        char *what = xasprintf("cannot replace %s", c.out);
        pgo_fs_fail(what, c.dir, errno);
    }

    printf("path=%s\n", c.out);
    printf("binary=%s\n", c.binary);
    printf("build_id=%s\n", start_id);
    printf("event=%s\n", c.lbr ? "lbr" : "cpu-clock");
    printf("frequency=%u\n", c.hz);
    printf("seconds=%.1f\n", seconds);
    printf("samples=%llu\n", c.lbr ? s.total : s.u.samples);
    printf("functions=%llu\n", functions);
    ps_free(&s.parser);
    us_free(&s.u);
    elf_info_free(&c.elf);
    free(profgen);
    free(profdata);
    free(c.perf);
    free(c.binary);
    free(c.dir);
    return PGO_OK;
}
