__attribute__((noinline)) static long lib_step(long i, long acc)
{
  return i % 3 ? acc + i : acc ^ i;
}

long lib_work(long n)
{
  long acc = 0;
  for (long i = 0; i < n; i++)
    acc = lib_step(i, acc);
  return acc;
}
