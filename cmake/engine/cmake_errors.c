/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "cmake_errors.h"

#include <string.h>

static int is_error_header(const char *line, size_t n) {
    static const char head[] = "CMake Error at ";
    return n > sizeof head && strncmp(line, head, sizeof head - 1) == 0 && line[n - 1] == ':' &&
           line[n - 2] == ')';
}

void cmake_error_text(const char *text, struct sbuf *out) {
    static const char stack[] = "Call Stack (most recent call first):";
    int in_error = 0, in_stack = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        const char *next = end ? end + 1 : line + n;
        if (is_error_header(line, n)) {
            in_error = 1;
            in_stack = 0;
        } else if (n == sizeof stack - 1 && strncmp(line, stack, n) == 0) {
            in_stack = 1;
        } else if (in_stack && n > 0 && line[0] == ' ') {
            /* a frame of the call stack */
        } else if (in_error && n == 0) {
            /* CMake's blank lines around the message */
        } else {
            in_stack = 0;
            if (in_error && line[0] == ' ') {
                while (n > 0 && *line == ' ') {
                    line++;
                    n--;
                }
            } else if (!in_error || line[0] != ' ') {
                in_error = 0;
            }
            sb_add(out, line, n);
            sb_addc(out, '\n');
        }
        line = next;
    }
}
