/* SPDX-License-Identifier: MIT */
/* gcda_archive: a GCC profile as one file. GCC's profile is a folder of
 * .gcda files, one per object, named after the object's path relative to
 * -fprofile-prefix-path with '/' as '#'. The archive holds that set:
 *
 *   PGO-GCDA 1\n
 *   gcc=<major>\n          the GCC major of every .gcda in it
 *   files=<n>\n
 *   hash=<16 hex digits>\n XXH64 of everything after the blank line
 *   \n
 *   <size> <name>\n<size bytes>      n times, names sorted and unique
 *
 * Names are the .gcda names: no '/', no leading '.', no control
 * characters, ending in ".gcda". Each entry starts with the .gcda magic
 * ("adcg" on disk) and a version word naming the same GCC major. Nothing
 * may follow the last entry. Unknown header keys are errors: a newer
 * format says so by its first line. */
#ifndef PGO_GCDA_ARCHIVE_H
#define PGO_GCDA_ARCHIVE_H

#include <stddef.h>

#include "util.h"

#define GA_MAGIC "PGO-GCDA 1\n"
/* What the first bytes of any version of the format start with. */
#define GA_FAMILY "PGO-GCDA "

struct ga_entry {
    char *name;
    const unsigned char *data; /* into the parsed buffer, or owned by the packer */
    size_t size;
};

struct ga_archive {
    int gcc_major;
    size_t n;
    struct ga_entry *v;
    char hash[17];
};

/* 1 if the first N bytes are those of an archive of any version. */
int ga_is_archive(const unsigned char *head, size_t n);

/* The GCC major of a .gcda file's first N bytes (magic and version word),
 * or -1 when they are not those of a .gcda file. */
int ga_gcda_major(const unsigned char *data, size_t n);

/* 1 if NAME may be an entry's name. */
int ga_name_ok(const char *name);

/* Parses the N bytes at DATA (entries point into it). 0 on success; -1
 * with the reason in REASON, a phrase after "<file> ..." such as "is
 * truncated: ...". */
int ga_parse(const unsigned char *data, size_t n, struct ga_archive *a, struct sbuf *reason);
void ga_free(struct ga_archive *a);

/* Appends the archive of the N entries (sorted here by name) of GCC
 * MAJOR to OUT and puts its hash in HASH. */
void ga_encode(int major, struct ga_entry *v, size_t n, struct sbuf *out, char hash[17]);

/* Reads the .gcda files of DIR (not its subfolders) into an archive in
 * OUT. 0 on success (*FILES of GCC *MAJOR), 1 when DIR holds none, -1
 * with the reason in REASON when a file is not a .gcda file, the files
 * are of several GCC majors, or DIR cannot be read (errno set). */
int ga_pack_dir(const char *dir, struct sbuf *out, int *major, size_t *files, struct sbuf *reason);

/* Writes the entries of A as files into the new folder DEST, through a
 * temporary folder beside it and a rename, so that DEST is whole or
 * absent. A DEST that exists is left as it is (same content: same name).
 * 0 on success, -1 with errno. */
int ga_unpack(const struct ga_archive *a, const char *dest);

#endif
