/* A file that did not exist when the profile was trained. */
int fresh(int i);

__attribute__((noinline)) static int fstep(int i)
{
  return i % 5 ? i ^ 3 : i - 1;
}

__attribute__((noinline)) int fresh(int i)
{
  return fstep(i) + fstep(i + 1);
}
