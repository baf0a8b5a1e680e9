int hot(int i);
int cold(int i);

__attribute__((noinline)) static int step(int k)
{
  return k % 3 ? k * 2 : k + 1;
}

__attribute__((noinline)) int hot(int i)
{
  int s = 0;
  for (int k = 0; k < 8; k++) {
    if ((i + k) & 1)
      s += step(k);
    else
      s -= k;
    if (s > 1000)
      s = cold(s); /* a call: clang 15+ cannot turn it into a select */
  }
  return s;
}

__attribute__((noinline)) int cold(int i)
{
  return i > 50 ? i * 3 : i - 2;
}
