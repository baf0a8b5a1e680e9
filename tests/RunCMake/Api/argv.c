/* Writes its arguments, one per line in brackets, to the file named by the
   first one: what a training run's command line became. */
#include <stdio.h>

int main(int argc, char **argv)
{
  if (argc < 2)
    return 2;
  FILE *out = fopen(argv[1], "w");
  if (!out)
    return 1;
  for (int i = 2; i < argc; i++)
    fprintf(out, "[%s]\n", argv[i]);
  return fclose(out) == 0 ? 0 : 1;
}
