/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"

static struct strvec swept; /* folders already swept by fs_temp_create */
static unsigned long temp_counter;

void fs_reset(void) {
    sv_free(&swept);
    temp_counter = 0;
}

int fs_mkdir_p(const char *dir) {
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        errno = ENOTDIR;
        return -1;
    }
    char *p = xstrdup(dir);
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    for (char *s = p + 1;; s++) {
        int last = *s == '\0';
        if (*s == '/' || last) {
            char saved = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0) {
                int e = errno;
                if (e != EEXIST || stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
                    free(p);
                    errno = e == EEXIST ? ENOTDIR : e;
                    return -1;
                }
            }
            *s = saved;
            if (last)
                break;
        }
    }
    free(p);
    return 0;
}

int fs_parse_temp_name(const char *name, long *pid) {
    size_t k = strlen(FS_TEMP_PREFIX);
    if (strncmp(name, FS_TEMP_PREFIX, k) != 0)
        return 0;
    const char *s = name + k;
    long v = 0;
    const char *d = s;
    while (*d >= '0' && *d <= '9') {
        if (v > 100000000L)
            return 0;
        v = v * 10 + (*d - '0');
        d++;
    }
    if (d == s || (*d != '.' && *d != '\0') || v <= 0)
        return 0;
    *pid = v;
    return 1;
}

int fs_clean_stale(const char *dir) {
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int removed = 0;
    long self = (long)getpid();
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid;
        if (!fs_parse_temp_name(e->d_name, &pid) || pid == self)
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* alive, or someone else's that we may not signal */
        char *path = path_join(dir, e->d_name);
        if (unlink(path) == 0)
            removed++;
        free(path);
    }
    closedir(d);
    return removed;
}

char *fs_temp_create(const char *dir, const char *suffix, int *fdp) {
    int seen = 0;
    for (size_t i = 0; i < swept.n; i++)
        if (strcmp(swept.v[i], dir) == 0)
            seen = 1;
    if (!seen) {
        fs_clean_stale(dir);
        sv_push(&swept, dir);
    }
    for (int tries = 0; tries < 1000; tries++) {
        char *name = xasprintf(FS_TEMP_PREFIX "%ld.%lu%s", (long)getpid(), ++temp_counter, suffix);
        char *path = path_join(dir, name);
        free(name);
        /* Registered before it exists, so that no signal can leave it. */
        if (cleanup_add(path) != 0) {
            free(path);
            errno = EMFILE;
            return NULL;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            if (fdp)
                *fdp = fd;
            else
                close(fd);
            return path;
        }
        int e = errno;
        cleanup_forget(path);
        free(path);
        if (e != EEXIST) {
            errno = e;
            return NULL;
        }
    }
    errno = EEXIST;
    return NULL;
}

void fs_temp_discard(char *path) {
    if (!path)
        return;
    unlink(path);
    cleanup_forget(path);
    free(path);
}

int fs_temp_commit(char *path, const char *dest) {
    if (rename(path, dest) != 0)
        return -1;
    cleanup_forget(path);
    free(path);
    return 0;
}

int fs_write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int fs_read_file(const char *path, struct sbuf *out, size_t max) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[65536];
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        sb_add(out, buf, (size_t)r);
        if (max && out->n > max) {
            close(fd);
            errno = EFBIG;
            return -1;
        }
    }
    close(fd);
    if (!out->p)
        sb_add(out, "", 0);
    return 0;
}

int fs_write_atomic(const char *dir, const char *dest, const void *data, size_t n, int durable) {
    int fd;
    char *tmp = fs_temp_create(dir, "", &fd);
    if (!tmp)
        return -1;
    if (fs_write_all(fd, data, n) != 0 || (durable && fsync(fd) != 0)) {
        int e = errno;
        close(fd);
        fs_temp_discard(tmp);
        errno = e;
        return -1;
    }
    if (close(fd) != 0 || fs_temp_commit(tmp, dest) != 0) {
        int e = errno;
        fs_temp_discard(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

int fs_copy_to_fd(const char *src, int out) {
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    char buf[1 << 16];
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (r == 0) {
            close(in);
            return 0;
        }
        if (fs_write_all(out, buf, (size_t)r) != 0)
            break;
    }
    int e = errno;
    close(in);
    errno = e;
    return -1;
}

int fs_lock_dir(const char *dir) {
    char *path = path_join(dir, ".pgo-lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    free(path);
    if (fd < 0)
        return -1;
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    while (fcntl(fd, F_SETLKW, &fl) != 0) {
        if (errno == EINTR)
            continue;
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

void fs_unlock(int fd) {
    if (fd >= 0)
        close(fd);
}

mode_t fs_umask(void) {
    mode_t m = umask(022);
    umask(m);
    return m;
}

static int is_executable_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *fs_search_path(const char *name) {
    if (!*name)
        return NULL;
    if (strchr(name, '/'))
        return is_executable_file(name) ? xstrdup(name) : NULL;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *p = path;;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        char *dir = xmalloc(len + 1);
        memcpy(dir, p, len);
        dir[len] = '\0';
        char *cand = path_join(len ? dir : ".", name);
        free(dir);
        if (is_executable_file(cand))
            return cand;
        free(cand);
        if (!colon)
            break;
        p = colon + 1;
    }
    return NULL;
}

int fs_process_gone(long pid) {
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return 1;
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    struct sbuf st;
    sb_init(&st);
    int gone = 1;
    if (fs_read_file(path, &st, 4096) == 0) {
        const char *paren = strrchr(sb_str(&st), ')'); /* "pid (comm) S ..." */
        gone = paren && (paren[1] == ' ') && (paren[2] == 'Z' || paren[2] == 'X');
    }
    sb_free(&st);
    return gone;
}

char *fs_self_exe(void) {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n < 0)
        return NULL;
    buf[n] = '\0';
    return xstrdup(buf);
}
