/* SPDX-License-Identifier: MIT */
/* git_info: when a file last changed in git, and how many commits came
 * since, from git itself (run without a shell, with hooks, external diff
 * and fsmonitor programs of the repository switched off). */
#ifndef PGO_GIT_INFO_H
#define PGO_GIT_INFO_H

#include "util.h"

struct git_info {
    int known;             /* the file is in a git checkout and was committed */
    char commit[41];       /* the last commit that changed it (abbreviated) */
    char date[32];         /* its committer date, YYYY-MM-DD */
    long long since;       /* commits on HEAD after it */
    int modified;          /* the file differs from HEAD */
};

/* Fills GI for FILE (GIT names the git program, NULL for "git"). Not a
 * checkout, an untracked file or no git at all leave gi->known 0. */
void git_file_info(const char *git, const char *file, struct git_info *gi);

/* Parses "<commit>\t<date>" (git log --format=%h%x09%cs); 0 on success. */
int git_parse_log_line(const char *text, struct git_info *gi);

#endif
