/* A static function keeps its own profile record only when it is not
   inlined before instrumentation. */
__attribute__((noinline)) static long lib_step(long i, long acc)
{
  for (int k = 0; k < 8; k++) {
    if ((i + k) % 3 == 0)
      acc += i * k;
    else if ((i ^ k) & 1)
      acc -= k;
    else
      acc ^= i << (k & 7);
  }
  return acc;
}

long lib_work(long n)
{
  long acc = 0;
  for (long i = 0; i < n; i++)
    acc = lib_step(i, acc) + lib_step(acc & 1023, i);
  return acc;
}
