/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "elf_info.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- reading fields ----------------------------------------------------- */

struct elf {
    const unsigned char *p;
    size_t n;
    int is64, msb;
};

static uint64_t rd(const struct elf *e, uint64_t off, unsigned size) {
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned b = e->p[off + (e->msb ? i : size - 1 - i)];
        v = (v << 8) | b;
    }
    return v;
}

/* [off, off + len) lies in the image. */
static int fits(const struct elf *e, uint64_t off, uint64_t len) { return off <= e->n && len <= e->n - off; }

/* A field of a structure at BASE: the offset and size differ by class. */
#define FIELD(e, base, off32, size32, off64, size64)                                                                   \
    ((e)->is64 ? rd((e), (base) + (off64), (size64)) : rd((e), (base) + (off32), (size32)))

struct shdr {
    uint64_t name, type, flags, offset, size, link, entsize, align;
};

static void read_shdr(const struct elf *e, uint64_t at, struct shdr *s) {
    s->name = rd(e, at, 4);
    s->type = rd(e, at + 4, 4);
    s->flags = FIELD(e, at, 8, 4, 8, 8);
    s->offset = FIELD(e, at, 16, 4, 24, 8);
    s->size = FIELD(e, at, 20, 4, 32, 8);
    s->link = FIELD(e, at, 24, 4, 40, 4);
    s->align = FIELD(e, at, 32, 4, 48, 8);
    s->entsize = FIELD(e, at, 36, 4, 56, 8);
}

/* ---- pieces ------------------------------------------------------------- */

void elf_info_init(struct elf_info *ei) {
    memset(ei, 0, sizeof *ei);
    ei->clang_major = -1;
    ei->fd = -1;
}

void elf_info_free(struct elf_info *ei) {
    if (ei->fd >= 0)
        close(ei->fd);
    free(ei->clang_line);
    free(ei->loads);
    free(ei->funcs);
    elf_info_init(ei);
}

int elf_clang_major(const char *s) {
    static const char key[] = "clang version ";
    const char *p = strstr(s, key);
    if (!p)
        return -1;
    p += sizeof key - 1;
    long v = 0;
    const char *d = p;
    while (*d >= '0' && *d <= '9' && v < 100000)
        v = v * 10 + (*d++ - '0');
    return d == p ? -1 : (int)v;
}

/* The notes in [off, off + size): the GNU build ID into EI. */
static void scan_notes(const struct elf *e, uint64_t off, uint64_t size, uint64_t align, struct elf_info *ei) {
    if (!fits(e, off, size))
        return;
    align = align == 8 ? 8 : 4;
    uint64_t p = off, end = off + size;
    while (end - p >= 12) {
        uint64_t namesz = rd(e, p, 4), descsz = rd(e, p + 4, 4), type = rd(e, p + 8, 4);
        uint64_t name = p + 12;
        uint64_t desc = name + ((namesz + align - 1) & ~(align - 1));
        uint64_t next = desc + ((descsz + align - 1) & ~(align - 1));
        if (desc > end || descsz > end - desc)
            return;
        if (type == 3 && namesz == 4 && memcmp(e->p + name, "GNU", 4) == 0 && descsz > 0 && descsz <= 64 &&
            !ei->build_id[0]) {
            static const char hex[] = "0123456789abcdef";
            for (uint64_t i = 0; i < descsz; i++) {
                ei->build_id[2 * i] = hex[e->p[desc + i] >> 4];
                ei->build_id[2 * i + 1] = hex[e->p[desc + i] & 15];
            }
            ei->build_id[2 * descsz] = '\0';
        }
        if (next <= p || next > end)
            return;
        p = next;
    }
}

/* The strings of .comment: the first one that names clang. */
static void scan_comment(const struct elf *e, uint64_t off, uint64_t size, struct elf_info *ei) {
    if (!fits(e, off, size) || ei->clang_line)
        return;
    uint64_t p = off, end = off + size;
    while (p < end) {
        const char *s = (const char *)e->p + p;
        size_t len = strnlen(s, (size_t)(end - p));
        if (len) {
            char *str = strndup(s, len);
            if (!str)
                pgo_die(PGO_USAGE, "out of memory");
            int major = elf_clang_major(str);
            if (major >= 0) {
                ei->clang_line = str;
                ei->clang_major = major;
                return;
            }
            free(str);
        }
        p += len + 1;
    }
}

static int cmp_func(const void *a, const void *b) {
    const struct elf_func *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? 1 : x->end > y->end ? -1 : 0; /* the largest first */
}

/* The functions of a symbol table (section S, entries of ENTSIZE). */
static void scan_symbols(const struct elf *e, const struct shdr *s, struct elf_info *ei) {
    uint64_t entsize = e->is64 ? 24 : 16;
    if (s->entsize && s->entsize < entsize)
        return;
    if (s->entsize)
        entsize = s->entsize;
    if (!fits(e, s->offset, s->size))
        return;
    uint64_t count = s->size / entsize;
    size_t cap = 0;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t at = s->offset + i * entsize;
        unsigned info = (unsigned)(e->is64 ? rd(e, at + 4, 1) : rd(e, at + 12, 1));
        uint64_t shndx = e->is64 ? rd(e, at + 6, 2) : rd(e, at + 14, 2);
        uint64_t value = e->is64 ? rd(e, at + 8, 8) : rd(e, at + 4, 4);
        uint64_t size = e->is64 ? rd(e, at + 16, 8) : rd(e, at + 8, 4);
        unsigned type = info & 15;
        if ((type != 2 && type != 10) || shndx == 0 || shndx >= 0xff00 || value == 0)
            continue; /* STT_FUNC or STT_GNU_IFUNC, defined in a section */
        if (ei->nfuncs == cap) {
            cap = cap ? 2 * cap : 256;
            ei->funcs = xrealloc(ei->funcs, cap * sizeof *ei->funcs);
        }
        ei->funcs[ei->nfuncs].start = value;
        ei->funcs[ei->nfuncs].end = size ? value + size : 0; /* 0: up to the next one */
        ei->nfuncs++;
    }
    if (!ei->nfuncs)
        return;
    qsort(ei->funcs, ei->nfuncs, sizeof *ei->funcs, cmp_func);
    size_t k = 0;
    for (size_t i = 0; i < ei->nfuncs; i++)
        if (k == 0 || ei->funcs[i].start != ei->funcs[k - 1].start)
            ei->funcs[k++] = ei->funcs[i];
    ei->nfuncs = k;
    for (size_t i = 0; i < k; i++)
        if (ei->funcs[i].end == 0)
            ei->funcs[i].end = i + 1 < k ? ei->funcs[i + 1].start : ei->funcs[i].start + 1;
}

/* ---- the whole file ----------------------------------------------------- */

int elf_parse(const unsigned char *data, size_t n, struct elf_info *ei, struct sbuf *why) {
    elf_info_init(ei);
    struct elf e = {data, n, 0, 0};
    if (n < 16 || memcmp(data, "\177ELF", 4) != 0) {
        sb_adds(why, "is not an ELF file");
        return -1;
    }
    if ((data[4] != 1 && data[4] != 2) || (data[5] != 1 && data[5] != 2)) {
        sb_adds(why, "is an ELF file of an unknown class or byte order");
        return -1;
    }
    e.is64 = data[4] == 2;
    e.msb = data[5] == 2;
    if (n < (e.is64 ? 64u : 52u)) {
        sb_adds(why, "is a truncated ELF file");
        return -1;
    }
    ei->type = (int)rd(&e, 16, 2);
    ei->machine = (int)rd(&e, 18, 2);
    ei->image = data;
    ei->image_size = n;
    uint64_t phoff = FIELD(&e, 0, 28, 4, 32, 8), shoff = FIELD(&e, 0, 32, 4, 40, 8);
    uint64_t phentsize = FIELD(&e, 0, 42, 2, 54, 2), phnum = FIELD(&e, 0, 44, 2, 56, 2);
    uint64_t shentsize = FIELD(&e, 0, 46, 2, 58, 2), shnum = FIELD(&e, 0, 48, 2, 60, 2);
    uint64_t shstrndx = FIELD(&e, 0, 50, 2, 62, 2);
    uint64_t want_ph = e.is64 ? 56 : 32, want_sh = e.is64 ? 64 : 40;

    /* Program headers: the loadable segments and the notes. */
    if (phnum && (phentsize < want_ph || !fits(&e, phoff, phnum * phentsize))) {
        sb_adds(why, "is a damaged ELF file (its program headers lie outside it)");
        return -1;
    }
    int notes_in_sections = 0;
    for (uint64_t i = 0; i < phnum; i++) {
        uint64_t at = phoff + i * phentsize;
        uint64_t type = rd(&e, at, 4);
        uint64_t flags = e.is64 ? rd(&e, at + 4, 4) : rd(&e, at + 24, 4);
        uint64_t off = FIELD(&e, at, 4, 4, 8, 8), vaddr = FIELD(&e, at, 8, 4, 16, 8);
        uint64_t filesz = FIELD(&e, at, 16, 4, 32, 8), memsz = FIELD(&e, at, 20, 4, 40, 8);
        if (type == 1) { /* PT_LOAD */
            ei->loads = xrealloc(ei->loads, (ei->nloads + 1) * sizeof *ei->loads);
            struct elf_load *l = &ei->loads[ei->nloads++];
            l->offset = off;
            l->vaddr = vaddr;
            l->filesz = filesz;
            l->memsz = memsz;
            l->exec = (flags & 1) != 0;
            if (l->exec && !ei->has_base) {
                ei->has_base = 1;
                ei->base = vaddr & ~(uint64_t)0xfff;
            }
        }
    }

    /* Section headers: notes, .comment, .debug_line, symbols. */
    struct shdr s0;
    if (shoff && shentsize >= want_sh && fits(&e, shoff, want_sh)) {
        read_shdr(&e, shoff, &s0);
        if (shnum == 0)
            shnum = s0.size;
        if (shstrndx == 0xffff)
            shstrndx = s0.link;
    } else {
        shnum = 0;
    }
    if (shnum > n / want_sh || (shnum && !fits(&e, shoff, shnum * shentsize)))
        shnum = 0;
    struct shdr names = {0};
    if (shnum && shstrndx < shnum)
        read_shdr(&e, shoff + shstrndx * shentsize, &names);
    if (!fits(&e, names.offset, names.size))
        names.size = 0;
    struct shdr symtab = {0}, dynsym = {0};
    for (uint64_t i = 0; i < shnum; i++) {
        struct shdr s;
        read_shdr(&e, shoff + i * shentsize, &s);
        const char *name = "";
        if (s.name < names.size) {
            name = (const char *)data + names.offset + s.name;
            if (!memchr(name, '\0', (size_t)(names.size - s.name)))
                name = "";
        }
        int nobits = s.type == 8;
        if (s.type == 7) { /* SHT_NOTE */
            notes_in_sections = 1;
            scan_notes(&e, s.offset, s.size, s.align, ei);
        } else if (strcmp(name, "pgo_window") == 0) {
            ei->has_pgo_window = 1;
        } else if (strcmp(name, ".comment") == 0 && !nobits) {
            scan_comment(&e, s.offset, s.size, ei);
        } else if ((strcmp(name, ".debug_line") == 0 || strcmp(name, ".zdebug_line") == 0) && !nobits &&
                   s.size > 0 && fits(&e, s.offset, s.size)) {
            ei->has_line_tables = 1;
        } else if (s.type == 2 && !symtab.type) { /* SHT_SYMTAB */
            symtab = s;
        } else if (s.type == 11 && !dynsym.type) { /* SHT_DYNSYM */
            dynsym = s;
        }
    }
    if (!notes_in_sections)
        for (uint64_t i = 0; i < phnum; i++) {
            uint64_t at = phoff + i * phentsize;
            if (rd(&e, at, 4) == 4) /* PT_NOTE */
                scan_notes(&e, FIELD(&e, at, 4, 4, 8, 8), FIELD(&e, at, 16, 4, 32, 8), FIELD(&e, at, 28, 4, 48, 8),
                           ei);
        }
    if (symtab.type)
        scan_symbols(&e, &symtab, ei);
    if (!ei->nfuncs && dynsym.type)
        scan_symbols(&e, &dynsym, ei);
    return 0;
}

int elf_read(const char *path, struct elf_info *ei, struct sbuf *why) {
    elf_info_init(ei);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        sb_addf(why, "cannot be read: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        sb_adds(why, S_ISDIR(st.st_mode) ? "is a directory" : "is not an ELF file");
        return -1;
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        sb_addf(why, "cannot be read: %s", strerror(errno));
        close(fd);
        return -1;
    }
    int rc = elf_parse(map, (size_t)st.st_size, ei, why);
    munmap(map, (size_t)st.st_size); /* not kept: the file may be cut while it is read */
    ei->image = NULL;
    if (rc != 0) {
        close(fd);
        return rc;
    }
    ei->fd = fd;
    return 0;
}

int elf_offset_to_vaddr(const struct elf_info *ei, uint64_t off, uint64_t *vaddr) {
    for (size_t i = 0; i < ei->nloads; i++) {
        const struct elf_load *l = &ei->loads[i];
        if (off >= l->offset && off - l->offset < l->filesz) {
            *vaddr = l->vaddr + (off - l->offset);
            return 0;
        }
    }
    return -1;
}

int elf_func_start(const struct elf_info *ei, uint64_t vaddr, uint64_t *start) {
    size_t lo = 0, hi = ei->nfuncs; /* the first function that starts after VADDR */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ei->funcs[mid].start <= vaddr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || vaddr >= ei->funcs[lo - 1].end)
        return -1;
    *start = ei->funcs[lo - 1].start;
    return 0;
}

/* The length of a ModRM operand (ModRM, SIB, displacement) at P, with
 * AVAIL bytes there, or -1. */
static int modrm_len(const unsigned char *p, size_t avail) {
    if (avail < 1)
        return -1;
    unsigned mod = p[0] >> 6, rm = p[0] & 7;
    int len = 1;
    if (mod == 3)
        return 1;
    if (rm == 4) {
        if (avail < 2)
            return -1;
        len++;
        if (mod == 0 && (p[1] & 7) == 5)
            len += 4;
    } else if (mod == 0 && rm == 5) {
        len += 4; /* RIP-relative */
    }
    if (mod == 1)
        len += 1;
    else if (mod == 2)
        len += 4;
    return len;
}

int elf_x86_call_start(const struct elf_info *ei, uint64_t ret, uint64_t *start) {
    if (ei->machine != 62 || (!ei->image && ei->fd < 0))
        return -1;
    /* The bytes before RET, from the segment that holds them. */
    enum { BACK = 10 };
    unsigned char buf[BACK];
    uint64_t have = 0;
    for (size_t i = 0; i < ei->nloads && !have; i++) {
        const struct elf_load *l = &ei->loads[i];
        if (ret > l->vaddr && ret - l->vaddr <= l->filesz) {
            have = ret - l->vaddr < BACK ? ret - l->vaddr : BACK;
            uint64_t off = l->offset + (ret - l->vaddr) - have;
            if (ei->image) {
                if (off > ei->image_size || have > ei->image_size - off)
                    return -1;
                memcpy(buf, ei->image + off, (size_t)have);
            } else if (ei->fd < 0 || pread(ei->fd, buf, (size_t)have, (off_t)off) != (ssize_t)have) {
                return -1;
            }
        }
    }
    if (!have)
        return -1;
    const unsigned char *end = buf + have;
    int found = 0;
    for (uint64_t k = 2; k <= have; k++) { /* the instruction is RET - K .. RET */
        const unsigned char *p = end - k, *q = p;
        if (k == 5 && p[0] == 0xe8) {
            *start = ret - k;
            found = 1;
            continue;
        }
        for (int prefixes = 0; prefixes < 2 && q < end && (*q == 0x3e || (*q >= 0x40 && *q <= 0x4f)); prefixes++)
            q++;
        if (q + 1 >= end || q[0] != 0xff || ((q[1] >> 3) & 7) != 2)
            continue;
        int len = modrm_len(q + 1, (size_t)(end - q - 1));
        if (len > 0 && q + 1 + len == end) {
            *start = ret - k;
            found = 1;
        }
    }
    return found ? 0 : -1;
}
