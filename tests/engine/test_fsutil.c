/* SPDX-License-Identifier: MIT */
/* fsutil.c and cleanup.c: mkdir -p, temporary files (names, modes, the
 * cleanup table, stale ones of dead processes), atomic writes, locks, PATH
 * search, and the no-space message. Works in the current directory. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "fsutil.h"
#include "test.h"

static int exists(const char *p) {
    struct stat st;
    return lstat(p, &st) == 0;
}

static int count_temps(const char *dir) {
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    long pid;
    while (d && (e = readdir(d)) != NULL)
        n += fs_parse_temp_name(e->d_name, &pid);
    if (d)
        closedir(d);
    return n;
}

static void touch(const char *p) {
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0)
        close(fd);
}

static char *slurp(const char *p) {
    struct sbuf b;
    sb_init(&b);
    if (fs_read_file(p, &b, 0) != 0)
        return NULL;
    return sb_take(&b);
}

int main(void) {
    char cwd[4096];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK(system("rm -rf fsutil-work") == 0);
    CHECK_INT(mkdir("fsutil-work", 0777), 0);
    CHECK_INT(chdir("fsutil-work"), 0);

    /* mkdir -p. */
    CHECK_INT(fs_mkdir_p("a/b/c"), 0);
    CHECK(exists("a/b/c"));
    CHECK_INT(fs_mkdir_p("a/b/c"), 0);
    CHECK_INT(fs_mkdir_p("a/b/c/"), 0);
    CHECK_INT(fs_mkdir_p("d e;f'g/h"), 0);
    touch("file");
    errno = 0;
    CHECK_INT(fs_mkdir_p("file/x"), -1);
    CHECK_INT(errno, ENOTDIR);
    CHECK_INT(fs_mkdir_p("file"), -1);

    /* Temporary files: name, mode 0644 & ~umask, registered. */
    cleanup_reset();
    fs_reset();
    mode_t old = umask(027);
    int fd = -1;
    char *t = fs_temp_create("a", ".profdata", &fd);
    CHECK(t != NULL && fd >= 0);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "a/.pgo-tmp.%ld.", (long)getpid());
    CHECK(strncmp(t, prefix, strlen(prefix)) == 0);
    CHECK(ends_with(t, ".profdata"));
    struct stat st;
    CHECK(stat(t, &st) == 0 && (st.st_mode & 0777) == 0640);
    CHECK_INT(cleanup_count(), 1);
    CHECK_INT(write(fd, "x", 1), 1);
    close(fd);
    char *t2 = fs_temp_create("a", "", NULL);
    CHECK(t2 != NULL && strcmp(t, t2) != 0);
    CHECK_INT(cleanup_count(), 2);
    umask(old);
    /* commit: renamed and no longer tracked; discard: gone. */
    char *keep = xstrdup(t);
    CHECK_INT(fs_temp_commit(t, "a/final"), 0);
    CHECK(!exists(keep) && exists("a/final"));
    CHECK_INT(cleanup_count(), 1);
    char *keep2 = xstrdup(t2);
    fs_temp_discard(t2);
    CHECK(!exists(keep2));
    CHECK_INT(cleanup_count(), 0);
    /* cleanup_run removes what is left. */
    char *t3 = fs_temp_create("a", ".x", NULL);
    char *keep3 = xstrdup(t3);
    CHECK(exists(keep3));
    cleanup_run();
    CHECK(!exists(keep3));
    CHECK_INT(cleanup_count(), 0);
    free(t3);
    free(keep);
    free(keep2);
    free(keep3);
    /* A failed commit keeps it tracked. */
    char *t4 = fs_temp_create("a", "", NULL);
    CHECK_INT(fs_temp_commit(t4, "no/such/dir/x"), -1);
    CHECK_INT(cleanup_count(), 1);
    fs_temp_discard(t4);
    /* No folder. */
    CHECK(fs_temp_create("missing-dir", "", NULL) == NULL);
    CHECK_INT(errno, ENOENT);
    CHECK_INT(cleanup_count(), 0);

    /* Stale temporary files: a dead pid's go, live ones stay. */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    char dead[64], live[64], mine[64];
    CHECK_INT(fs_mkdir_p("s"), 0);
    snprintf(dead, sizeof dead, "s/.pgo-tmp.%ld.1.profdata", (long)child);
    snprintf(live, sizeof live, "s/.pgo-tmp.%ld.2", (long)getppid());
    snprintf(mine, sizeof mine, "s/.pgo-tmp.%ld.3", (long)getpid());
    touch(dead);
    touch(live);
    touch(mine);
    touch("s/.pgo-tmp.x.4");
    touch("s/other.profraw");
    CHECK_INT(fs_clean_stale("s"), 1);
    CHECK(!exists(dead));
    CHECK(exists(live) && exists(mine) && exists("s/.pgo-tmp.x.4") && exists("s/other.profraw"));
    CHECK_INT(fs_clean_stale("no-such-dir"), -1);
    /* fs_temp_create sweeps a folder the first time it uses it. */
    touch(dead);
    fs_reset();
    char *t5 = fs_temp_create("s", "", NULL);
    CHECK(!exists(dead));
    touch(dead);
    char *t6 = fs_temp_create("s", "", NULL);
    CHECK(exists(dead)); /* once per folder */
    fs_temp_discard(t5);
    fs_temp_discard(t6);
    unlink(dead);
    unlink(live);
    unlink(mine);

    /* Atomic writes replace the file (a new inode: a hard link to the old
     * one keeps the old text) and leave no temporary file. */
    CHECK_INT(fs_write_atomic("a", "a/rec", "one\n", 4, 0), 0);
    CHECK_INT(link("a/rec", "a/rec.old"), 0);
    CHECK_INT(fs_write_atomic("a", "a/rec", "two\n", 4, 1), 0);
    char *got = slurp("a/rec"), *was = slurp("a/rec.old");
    CHECK_STR(got, "two\n");
    CHECK_STR(was, "one\n");
    free(got);
    free(was);
    CHECK_INT(count_temps("a"), 0);
    CHECK_INT(fs_write_atomic("a", "a/missing/rec", "x", 1, 0), -1);
    CHECK_INT(count_temps("a"), 0);

    /* Reads, with a limit. */
    struct sbuf b;
    sb_init(&b);
    CHECK_INT(fs_read_file("a/rec", &b, 2), -1);
    CHECK_INT(errno, EFBIG);
    sb_clear(&b);
    CHECK_INT(fs_read_file("a/rec", &b, 0), 0);
    CHECK_STR(sb_str(&b), "two\n");
    sb_clear(&b);
    CHECK_INT(fs_read_file("a/none", &b, 0), -1);
    sb_free(&b);
    touch("a/empty");
    sb_init(&b);
    CHECK_INT(fs_read_file("a/empty", &b, 0), 0);
    CHECK_STR(sb_str(&b), "");
    sb_free(&b);

    /* Copy to a descriptor. */
    fd = open("a/copy", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK_INT(fs_copy_to_fd("a/rec", fd), 0);
    close(fd);
    got = slurp("a/copy");
    CHECK_STR(got, "two\n");
    free(got);
    CHECK_INT(fs_copy_to_fd("a/none", 1), -1);

    /* The folder lock excludes another process. */
    int lock = fs_lock_dir("a");
    CHECK(lock >= 0);
    child = fork();
    if (child == 0) {
        int fd2 = open("a/.pgo-lock", O_RDWR);
        struct flock fl;
        memset(&fl, 0, sizeof fl);
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        _exit(fcntl(fd2, F_SETLK, &fl) == 0 ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    fs_unlock(lock);
    child = fork();
    if (child == 0) {
        int fd2 = fs_lock_dir("a");
        _exit(fd2 >= 0 ? 0 : 1);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    /* PATH search. */
    char *p = fs_search_path("sh");
    CHECK(p != NULL && p[0] == '/');
    free(p);
    CHECK_STR(p = fs_search_path("/bin/sh"), "/bin/sh");
    free(p);
    CHECK(fs_search_path("no-such-program-pgo-test") == NULL);
    CHECK(fs_search_path("") == NULL);
    CHECK(fs_search_path("a/rec") == NULL); /* not executable */
    CHECK_INT(fs_mkdir_p("bin"), 0);
    touch("bin/tool");
    chmod("bin/tool", 0755);
    touch("bin/plain");
    char *oldpath = getenv("PATH") ? xstrdup(getenv("PATH")) : NULL;
    char *np = xasprintf("%s/fsutil-work/none:%s/fsutil-work/bin", cwd, cwd);
    setenv("PATH", np, 1);
    char *wantp = xasprintf("%s/fsutil-work/bin/tool", cwd);
    CHECK_STR(p = fs_search_path("tool"), wantp);
    free(p);
    CHECK(fs_search_path("plain") == NULL);
    CHECK(fs_search_path("bin") == NULL);
    if (oldpath)
        setenv("PATH", oldpath, 1);
    free(np);
    free(wantp);
    free(oldpath);

    /* umask is read, not changed. */
    old = umask(023);
    CHECK_INT(fs_umask(), 023);
    CHECK_INT(fs_umask(), 023);
    umask(old);

    /* A full disk: ENOSPC from /dev/full, and the one-line message. */
    fd = open("/dev/full", O_WRONLY);
    if (fd >= 0) {
        errno = 0;
        CHECK_INT(fs_write_all(fd, "x", 1), -1);
        CHECK_INT(errno, ENOSPC);
        close(fd);
    }
    int pipefd[2];
    CHECK_INT(pipe(pipefd), 0);
    child = fork();
    if (child == 0) {
        dup2(pipefd[1], 2);
        pgo_fs_fail("cannot write /x/y", "/x", ENOSPC);
    }
    close(pipefd[1]);
    char msg[256] = {0};
    ssize_t n = read(pipefd[0], msg, sizeof msg - 1);
    CHECK(n > 0);
    close(pipefd[0]);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
    CHECK_STR(msg, "pgo: no space left on device in /x\n");
    CHECK_INT(pipe(pipefd), 0);
    child = fork();
    if (child == 0) {
        dup2(pipefd[1], 2);
        pgo_fs_fail("cannot create the folder /r/o", "/r/o", EACCES);
    }
    close(pipefd[1]);
    memset(msg, 0, sizeof msg);
    n = read(pipefd[0], msg, sizeof msg - 1);
    close(pipefd[0]);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
    CHECK_STR(msg, "pgo: cannot create the folder /r/o: Permission denied\n");

    /* A signal removes the registered files and still kills. */
    child = fork();
    if (child == 0) {
        cleanup_reset();
        cleanup_install();
        char *tt = fs_temp_create("a", ".sig", NULL);
        (void)tt;
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    CHECK_INT(count_temps("a"), 0);
    /* exit() removes them too. */
    child = fork();
    if (child == 0) {
        cleanup_reset();
        cleanup_install();
        fs_temp_create("a", ".exit", NULL);
        exit(1);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    CHECK_INT(count_temps("a"), 0);

    CHECK_INT(chdir(cwd), 0);
    CHECK(system("rm -rf fsutil-work") == 0);
    return test_done("fsutil");
}
