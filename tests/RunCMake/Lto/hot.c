/* A small function an executable calls in its hot loop: with ThinLTO
   through the static library it is inlined into the caller. */
int hot_step(int acc, int i)
{
  return (acc ^ i) * 31 + (i & 7);
}
