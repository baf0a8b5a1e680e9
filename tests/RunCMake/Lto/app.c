#include <stdio.h>
#include <stdlib.h>

int hot_step(int acc, int i);

int main(int argc, char **argv)
{
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  int acc = 0;
  for (int i = 0; i < n; i++)
    acc = hot_step(acc, i);
  printf("%d\n", acc);
  return 0;
}
