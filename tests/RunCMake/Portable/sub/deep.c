/* A static function in a subdirectory: named sub/deep.c:dstep. */
int deep_work(int n);

__attribute__((noinline)) static int dstep(int i)
{
  return i % 5 ? i ^ 3 : i - 1;
}

__attribute__((noinline)) int deep_work(int n)
{
  int s = 0;
  for (int i = 0; i < n; i++)
    s += dstep(i);
  return s;
}
