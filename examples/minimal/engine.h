#ifndef ENGINE_H
#define ENGINE_H

#include <stddef.h>

/* Counts of the character classes in a buffer. */
struct tally {
  unsigned long letters, digits, spaces, other;
};

void engine_scan(struct tally *t, const char *buf, size_t len);

#endif
