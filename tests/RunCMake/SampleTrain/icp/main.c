#include <stdio.h>
#include <stdlib.h>

long lib_work(long n, int which);

int main(int argc, char **argv)
{
  long n = argc > 1 ? atol(argv[1]) : 10;
  printf("%ld\n", lib_work(n, argc > 2));
  return 0;
}
