/* Another program of the same repository: it shares keep.c with app, but
   its main and its hot are different functions. */
#include <stdio.h>

long keep(int n);

__attribute__((noinline)) int hot(int i)
{
  return i * i - 3;
}

int main(void)
{
  long s = 0;
  for (int i = 0; i < 300; i++)
    s += hot(i) > 40 ? keep(i % 50) : 1;
  printf("%ld\n", s);
  return 0;
}
