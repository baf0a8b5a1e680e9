#include <stdio.h>
#include <stdlib.h>

int deep_work(int n);
int gen_work(int n);
int made_work(int n);

__attribute__((noinline)) static int mstep(int i)
{
  return i & 1 ? i : -i;
}

int main(int argc, char **argv)
{
  int n = argc > 1 ? atoi(argv[1]) : 10;
  int s = 0;
  for (int i = 0; i < n; i++)
    s += mstep(i);
  printf("%d\n", s + deep_work(n) + gen_work(n) + made_work(n));
  return 0;
}
