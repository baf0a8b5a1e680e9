/* interrupt MARKER SIGNAL COMMAND [ARG...]

   Runs COMMAND as the leader of a new process group, with the default
   action for SIGINT, SIGQUIT and SIGTERM (a shell's background job would
   ignore SIGINT), waits until the file MARKER exists, then sends SIGNAL
   (INT, TERM or KILL) to the whole group, as Ctrl-C does to a terminal's
   foreground job. Exits with COMMAND's status (128 + n when a signal ended
   it), 124 when a process of the group outlives the signal by 10 s, 125
   when MARKER does not appear within 60 s. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void pause_100ms(void)
{
  struct timespec t = {0, 100000000};
  nanosleep(&t, NULL);
}

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: interrupt MARKER INT|TERM|KILL COMMAND [ARG...]\n");
    return 125;
  }
  const char *marker = argv[1];
  int sig = strcmp(argv[2], "INT") == 0    ? SIGINT
            : strcmp(argv[2], "TERM") == 0 ? SIGTERM
            : strcmp(argv[2], "KILL") == 0 ? SIGKILL
                                           : 0;
  if (!sig) {
    fprintf(stderr, "interrupt: unknown signal %s\n", argv[2]);
    return 125;
  }
  unlink(marker);
  pid_t pid = fork();
  if (pid < 0) {
    perror("interrupt: fork");
    return 125;
  }
  if (pid == 0) {
    setpgid(0, 0);
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    execvp(argv[3], argv + 3);
    perror(argv[3]);
    _exit(127);
  }
  setpgid(pid, pid);
  int status = 0;
  struct stat st;
  for (int i = 0; stat(marker, &st) != 0; i++) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      fprintf(stderr, "interrupt: %s ended before %s appeared\n", argv[3], marker);
      return 125;
    }
    if (i == 600) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      fprintf(stderr, "interrupt: %s did not appear within 60 s\n", marker);
      return 125;
    }
    pause_100ms();
  }
  kill(-pid, sig);
  waitpid(pid, &status, 0);
  for (int i = 0; kill(-pid, 0) == 0; i++) {
    if (i == 100) {
      kill(-pid, SIGKILL);
      fprintf(stderr, "interrupt: processes of the group outlived SIG%s\n", argv[2]);
      return 124;
    }
    pause_100ms();
  }
  printf("interrupt: sent SIG%s\n", argv[2]);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
