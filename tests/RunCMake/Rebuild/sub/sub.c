#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int sub_step(int i)
{
  return i % 4 ? i * 3 : i / 2;
}

int main(int argc, char **argv)
{
  int n = argc > 1 ? atoi(argv[1]) : 10;
  int s = 0;
  for (int i = 0; i < n; i++)
    s += sub_step(i);
  printf("%d\n", s);
  return 0;
}
