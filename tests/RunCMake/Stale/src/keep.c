/* Never edited: its functions keep their profile in every stale case. */
long keep(int n);

__attribute__((noinline)) static long kstep(long i)
{
  return i & 2 ? i * 5 : i ^ 9;
}

__attribute__((noinline)) long keep(int n)
{
  long s = 0;
  for (int i = 0; i < n; i++)
    s += kstep(i);
  return s;
}
