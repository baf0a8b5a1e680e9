/* SPDX-License-Identifier: MIT */
/* metric: a program's own figure, found in its output by a POSIX extended
 * regular expression whose first capture group is the number. */
#ifndef PGO_METRIC_H
#define PGO_METRIC_H

#include <regex.h>

#include "util.h"

enum { METRIC_FOUND = 0, METRIC_NO_MATCH = 1, METRIC_NOT_A_NUMBER = 2 };

/* Compiles PATTERN into RE (REG_EXTENDED | REG_NEWLINE: output is lines,
 * so ^ and $ match at each line and nothing but \n matches a newline).
 * Returns 0, or -1 with the reason in WHY: regcomp's message, or that
 * there is no capture group. */
int metric_compile(const char *pattern, regex_t *re, struct sbuf *why);

/* The first match of RE in TEXT: METRIC_FOUND with *VALUE set when its
 * first group is a decimal number (all of it: "12.5", "-3", "1e6");
 * METRIC_NOT_A_NUMBER with the group's text in CAPTURED; METRIC_NO_MATCH. */
int metric_find(const regex_t *re, const char *text, double *value, struct sbuf *captured);

#endif
