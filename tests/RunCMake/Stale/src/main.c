#include <stdio.h>
#include <stdlib.h>

int hot(int i);
int cold(int i);
long keep(int n);

int main(int argc, char **argv)
{
  int n = argc > 1 ? atoi(argv[1]) : 10;
  long s = 0;
  for (int i = 0; i < n; i++)
    s += hot(i) + (i % 7 == 0 ? cold(i) : 0);
  printf("%ld %ld\n", s, keep(n));
  return 0;
}
