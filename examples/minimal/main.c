/* minimal: counts character classes in a file, a given number of times. */
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE [REPEAT]\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  static char buf[1 << 20];
  size_t len = fread(buf, 1, sizeof buf, f);
  fclose(f);
  long repeat = argc > 2 ? strtol(argv[2], NULL, 10) : 200;

  struct tally t = {0, 0, 0, 0};
  for (long r = 0; r < repeat; r++)
    engine_scan(&t, buf, len);
  printf("letters %lu digits %lu spaces %lu other %lu\n", t.letters, t.digits, t.spaces, t.other);
  return 0;
}
