#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

long lib_work(long n);

/* app N: a good training run. app kill|crash: a run that dies (SIGKILL,
   abort()). app hang MARKER: creates MARKER, then waits to be interrupted
   (gives up after 60 s). */
int main(int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "10";
  if (strcmp(mode, "kill") == 0) {
    printf("%ld\n", lib_work(100));
    fflush(stdout);
    raise(SIGKILL);
  }
  if (strcmp(mode, "crash") == 0) {
    printf("%ld\n", lib_work(100));
    fflush(stdout);
    abort();
  }
  if (strcmp(mode, "hang") == 0 && argc > 2) {
    printf("%ld\n", lib_work(100));
    fflush(stdout);
    FILE *marker = fopen(argv[2], "w");
    if (marker)
      fclose(marker);
    for (int i = 0; i < 600; i++)
      usleep(100000);
    return 1;
  }
  printf("%ld\n", lib_work(atol(mode)));
  return 0;
}
