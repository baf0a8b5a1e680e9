/* SPDX-License-Identifier: MIT */
/* md5: MD5 (RFC 1321), for the name keys of LLVM's profile records: a
 * function's NameRef is the first 8 bytes of the MD5 of its PGO name, read
 * as a little-endian number (llvm::MD5Hash). */
#ifndef PGO_MD5_H
#define PGO_MD5_H

#include <stddef.h>
#include <stdint.h>

void md5(const void *data, size_t n, unsigned char digest[16]);
/* LLVM's MD5Hash(): the NameRef of the function NAME. */
uint64_t md5_name_ref(const char *name, size_t n);

#endif
