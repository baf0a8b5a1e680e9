/* SPDX-License-Identifier: MIT */
/* ar_read: the members of a Unix archive (a static library) in memory,
 * GNU and BSD name forms; the symbol tables and the long-name table are
 * not members. */
#ifndef PGO_AR_READ_H
#define PGO_AR_READ_H

#include <stddef.h>

#include "util.h"

/* 1 if DATA starts like an archive ("!<arch>\n"). */
int ar_is_archive(const unsigned char *data, size_t n);

/* Calls FN for each member until it returns non-zero (which ar_each then
 * returns). NAME is the member's name. -1 with the reason in WHY when the
 * archive is damaged or thin (its members are other files). */
typedef int (*ar_member_fn)(void *ctx, const char *name, const unsigned char *data, size_t n);
int ar_each(const unsigned char *data, size_t n, ar_member_fn fn, void *ctx, struct sbuf *why);

#endif
