/* A program that keeps its data in a folder it locks, like a database:
   scratchdb <db folder> <log>. It fails if the folder is locked, or if
   PGO_TRAINING_DIR is not an empty folder of its own, and writes
   PGO_TRAINING_DIR to <log>. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  const char *dir = getenv("PGO_TRAINING_DIR");
  if (argc != 3 || !dir)
    return 2;
  DIR *d = opendir(dir);
  if (!d)
    return 3;
  for (struct dirent *e; (e = readdir(d)) != NULL;)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
      return 4; /* not empty */
  closedir(d);
  if (mkdir(argv[1], 0777) != 0)
    return 5;
  char lock[4096];
  snprintf(lock, sizeof lock, "%s/LOCK", argv[1]);
  if (open(lock, O_WRONLY | O_CREAT | O_EXCL, 0666) < 0)
    return 6;
  struct timespec pause = {0, 300 * 1000 * 1000}; /* both runs hold a lock at once */
  nanosleep(&pause, NULL);
  FILE *log = fopen(argv[2], "w");
  if (!log || fprintf(log, "%s\n", dir) < 0 || fclose(log) != 0)
    return 7;
  return 0;
}
