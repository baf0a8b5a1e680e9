/* SPDX-License-Identifier: MIT */
/* gcda_archive: see gcda_archive.h. */
#define _POSIX_C_SOURCE 200809L

#include "gcda_archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "hash.h"

#define HEADER_MAX 4096
/* No .gcda of a real program comes near this; a bigger size is garbage. */
#define ENTRY_MAX ((size_t)1 << 30)

int ga_is_archive(const unsigned char *head, size_t n) {
    size_t k = sizeof GA_FAMILY - 1;
    return n >= k && memcmp(head, GA_FAMILY, k) == 0;
}

/* The magic is the word 0x67636461 ("gcda") in the host's order, so
 * "adcg" on little-endian disks; the version word, read the same way,
 * spells e.g. "B22*" for 12.2: (major / 10 + 'A'), (major % 10 + '0'),
 * minor, status. */
int ga_gcda_major(const unsigned char *data, size_t n) {
    if (n < 8 || memcmp(data, "adcg", 4) != 0)
        return -1;
    unsigned char tens = data[7], ones = data[6];
    if (tens < 'A' || tens > 'Z' || ones < '0' || ones > '9')
        return -1;
    return (tens - 'A') * 10 + (ones - '0');
}

int ga_name_ok(const char *name) {
    size_t n = strlen(name);
    if (n <= 5 || n > 4000 || name[0] == '.' || !ends_with(name, ".gcda"))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (name[i] == '/' || (unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return 0;
    return 1;
}

static int cmp_entry(const void *a, const void *b) {
    return strcmp(((const struct ga_entry *)a)->name, ((const struct ga_entry *)b)->name);
}

void ga_free(struct ga_archive *a) {
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i].name);
    free(a->v);
    a->v = NULL;
    a->n = 0;
}

/* A decimal number of at most 19 digits, without a sign or leading zero. */
static int parse_count(const char *s, size_t len, uint64_t *out) {
    if (len == 0 || len > 19 || (len > 1 && s[0] == '0'))
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

static int fail(struct sbuf *reason, const char *text) {
    sb_adds(reason, text);
    return -1;
}

int ga_parse(const unsigned char *data, size_t n, struct ga_archive *a, struct sbuf *reason) {
    memset(a, 0, sizeof *a);
    a->gcc_major = -1;
    size_t k = sizeof GA_MAGIC - 1;
    if (!ga_is_archive(data, n))
        return fail(reason, "is not a GCC profile archive (bad magic)");
    if (n < k || memcmp(data, GA_MAGIC, k) != 0) {
        if (memchr(data, '\n', n < 64 ? n : 64) == NULL)
            return fail(reason, "is truncated: it ends inside its header");
        return fail(reason, "is a GCC profile archive of another format version; update this package, or re-train");
    }
    /* key=value lines up to a blank line. */
    size_t at = k;
    uint64_t files = 0;
    int have_gcc = 0, have_files = 0, have_hash = 0;
    for (;;) {
        const unsigned char *nl = memchr(data + at, '\n', n - at);
        if (!nl)
            return fail(reason, "is truncated: it ends inside its header");
        size_t len = (size_t)(nl - (data + at));
        if (at + len > HEADER_MAX)
            return fail(reason, "is not a GCC profile archive (its header is too long)");
        const char *line = (const char *)data + at;
        at += len + 1;
        if (len == 0)
            break;
        const char *eq = memchr(line, '=', len);
        if (!eq)
            return fail(reason, "is not a GCC profile archive (a header line without '=')");
        size_t klen = (size_t)(eq - line), vlen = len - klen - 1;
        const char *val = eq + 1;
        uint64_t v;
        if (klen == 3 && memcmp(line, "gcc", 3) == 0 && parse_count(val, vlen, &v) == 0 && v > 0 && v < 100) {
            a->gcc_major = (int)v;
            have_gcc = 1;
        } else if (klen == 5 && memcmp(line, "files", 5) == 0 && parse_count(val, vlen, &v) == 0) {
            files = v;
            have_files = 1;
        } else if (klen == 4 && memcmp(line, "hash", 4) == 0 && vlen == 16) {
            for (size_t i = 0; i < 16; i++)
                if (!((val[i] >= '0' && val[i] <= '9') || (val[i] >= 'a' && val[i] <= 'f')))
                    return fail(reason, "is not a GCC profile archive (a bad hash= line)");
            memcpy(a->hash, val, 16);
            a->hash[16] = '\0';
            have_hash = 1;
        } else {
            return fail(reason, "is not a GCC profile archive (an unknown or bad header line)");
        }
    }
    if (!have_gcc || !have_files || !have_hash)
        return fail(reason, "is not a GCC profile archive (its header lacks gcc=, files= or hash=)");
    if (files == 0)
        return fail(reason, "holds no .gcda file (an empty GCC profile)");
    char got[17];
    hash64_hex(hash64(data + at, n - at, 0), got);
    /* Entries. */
    a->v = xmalloc(sizeof *a->v * (files < 4096 ? files : 4096));
    size_t cap = files < 4096 ? files : 4096;
    while (at < n) {
        const unsigned char *nl = memchr(data + at, '\n', n - at < 4100 ? n - at : 4100);
        if (!nl) {
            ga_free(a);
            return fail(reason, n - at < 4100 ? "is truncated: it ends inside an entry" : "is not a GCC profile archive (a bad entry line)");
        }
        const char *line = (const char *)data + at;
        size_t len = (size_t)(nl - (data + at));
        const char *sp = memchr(line, ' ', len);
        uint64_t size;
        if (!sp || parse_count(line, (size_t)(sp - line), &size) != 0 || size > ENTRY_MAX) {
            ga_free(a);
            return fail(reason, "is not a GCC profile archive (a bad entry line)");
        }
        char *name = strndup(sp + 1, len - (size_t)(sp - line) - 1);
        if (!name)
            pgo_die(PGO_USAGE, "out of memory");
        if (!ga_name_ok(name)) {
            free(name);
            ga_free(a);
            return fail(reason, "is not a GCC profile archive (an entry name that is not a .gcda name)");
        }
        at += len + 1;
        if (size > n - at) {
            sb_addf(reason, "is truncated: its entry %s needs %llu bytes, %llu are left", name, (unsigned long long)size,
                    (unsigned long long)(n - at));
            free(name);
            ga_free(a);
            return -1;
        }
        if (a->n == files) {
            free(name);
            ga_free(a);
            return fail(reason, "is not a GCC profile archive (more entries than files= says)");
        }
        if (a->n == cap) {
            cap *= 2;
            a->v = xrealloc(a->v, sizeof *a->v * cap);
        }
        a->v[a->n].name = name;
        a->v[a->n].data = data + at;
        a->v[a->n].size = (size_t)size;
        a->n++;
        int major = ga_gcda_major(data + at, (size_t)size);
        at += (size_t)size;
        if (a->n > 1 && strcmp(a->v[a->n - 2].name, name) >= 0) {
            ga_free(a);
            return fail(reason, "is not a GCC profile archive (entries out of order or repeated)");
        }
        if (major != a->gcc_major) {
            int header = a->gcc_major;
            ga_free(a);
            if (major < 0)
                return fail(reason, "is corrupt: an entry is not a .gcda file");
            sb_addf(reason, "is corrupt: an entry was written by GCC %d, its header says GCC %d", major, header);
            return -1;
        }
    }
    if (a->n != files) {
        size_t got_n = a->n;
        ga_free(a);
        sb_addf(reason, "is truncated: it holds %zu of the %llu .gcda files its header names", got_n,
                (unsigned long long)files);
        return -1;
    }
    if (strcmp(got, a->hash) != 0) {
        ga_free(a);
        return fail(reason, "is corrupt: its content does not match its hash");
    }
    return 0;
}

void ga_encode(int major, struct ga_entry *v, size_t n, struct sbuf *out, char hash[17]) {
    qsort(v, n, sizeof *v, cmp_entry);
    struct sbuf body;
    sb_init(&body);
    for (size_t i = 0; i < n; i++) {
        sb_addf(&body, "%zu %s\n", v[i].size, v[i].name);
        sb_add(&body, v[i].data, v[i].size);
    }
    hash64_hex(hash64(body.p, body.n, 0), hash);
    sb_addf(out, "%sgcc=%d\nfiles=%zu\nhash=%s\n\n", GA_MAGIC, major, n, hash);
    sb_add(out, body.p, body.n);
    sb_free(&body);
}

int ga_pack_dir(const char *dir, struct sbuf *out, int *major, size_t *files, struct sbuf *reason) {
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT)
            return 1;
        sb_addf(reason, "cannot read the folder %s: %s", dir, strerror(errno));
        return -1;
    }
    struct ga_entry *v = NULL;
    struct sbuf *bufs = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, first_major = -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!ga_name_ok(e->d_name))
            continue;
        char *p = path_join(dir, e->d_name);
        struct stat st;
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            v = xrealloc(v, sizeof *v * cap);
            bufs = xrealloc(bufs, sizeof *bufs * cap);
        }
        sb_init(&bufs[n]);
        if (fs_read_file(p, &bufs[n], ENTRY_MAX) != 0) {
            sb_addf(reason, "cannot read %s: %s", p, strerror(errno));
            sb_free(&bufs[n]);
            free(p);
            rc = -1;
            break;
        }
        int m = ga_gcda_major((const unsigned char *)bufs[n].p, bufs[n].n);
        if (m < 0 || (first_major >= 0 && m != first_major)) {
            if (m < 0)
                sb_addf(reason, "%s is not a .gcda file written by GCC", p);
            else
                sb_addf(reason, "%s was written by GCC %d, other files by GCC %d: clear the folder and train again", p,
                        m, first_major);
            sb_free(&bufs[n]);
            free(p);
            rc = -1;
            break;
        }
        first_major = m;
        v[n].name = xstrdup(e->d_name);
        v[n].data = (const unsigned char *)bufs[n].p;
        v[n].size = bufs[n].n;
        n++;
        free(p);
    }
    closedir(d);
    if (rc == 0 && n == 0)
        rc = 1;
    if (rc == 0) {
        char hash[17];
        ga_encode(first_major, v, n, out, hash);
        *major = first_major;
        *files = n;
    }
    /* The entries were sorted: free names and buffers separately. */
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        sb_free(&bufs[i]);
    }
    free(v);
    free(bufs);
    return rc;
}

static int remove_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = path_join(dir, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
    return rmdir(dir);
}

int ga_unpack(const struct ga_archive *a, const char *dest) {
    struct stat st;
    if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    char *tmp = xasprintf("%s%s%ld", dest, ".pgo-tmp.", (long)getpid());
    remove_tree(tmp);
    if (mkdir(tmp, 0777) != 0) {
        int saved = errno;
        free(tmp);
        errno = saved;
        return -1;
    }
    for (size_t i = 0; i < a->n; i++) {
        char *p = path_join(tmp, a->v[i].name);
        int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        int ok = fd >= 0 && fs_write_all(fd, a->v[i].data, a->v[i].size) == 0;
        if (fd >= 0 && close(fd) != 0)
            ok = 0;
        free(p);
        if (!ok) {
            int saved = errno;
            remove_tree(tmp);
            free(tmp);
            errno = saved;
            return -1;
        }
    }
    if (rename(tmp, dest) != 0) {
        int saved = errno;
        remove_tree(tmp);
        free(tmp);
        /* Another process made it first: its content is the same. */
        if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
        errno = saved;
        return -1;
    }
    free(tmp);
    return 0;
}
