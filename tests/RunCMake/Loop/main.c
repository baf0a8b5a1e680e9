#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long lib_work(long n);

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "fail") == 0) {
    fprintf(stderr, "training input rejected\n");
    return 3;
  }
  long n = argc > 1 ? atol(argv[1]) : 10;
  printf("%d %ld\n", LOOP_VALUE, lib_work(n));
  return 0;
}
