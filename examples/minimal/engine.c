#include "engine.h"

/* Static on purpose: IR PGO names static functions after their source path,
   which is what makes checked-in profiles depend on where the checkout is. */
static int classify(unsigned char c)
{
  if (c >= 'a' && c <= 'z')
    return 0;
  if (c >= 'A' && c <= 'Z')
    return 0;
  if (c >= '0' && c <= '9')
    return 1;
  if (c == ' ' || c == '\n' || c == '\t')
    return 2;
  return 3;
}

void engine_scan(struct tally *t, const char *buf, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    switch (classify((unsigned char)buf[i])) {
    case 0: t->letters++; break;
    case 1: t->digits++; break;
    case 2: t->spaces++; break;
    default: t->other++; break;
    }
  }
}
