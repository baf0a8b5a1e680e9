long op_add(long a, long b);
long op_xor(long a, long b);

/* Filled at run time, so only a profile tells which operation is hot. */
static long (*ops[2])(long, long);

long lib_work(long n, int which)
{
  ops[0] = op_add;
  ops[1] = op_xor;
  long acc = 0;
  for (long i = 0; i < n; i++)
    acc = (i & 15) ? ops[which](acc, i) : acc - 1; /* several blocks on one line */
  return acc;
}
