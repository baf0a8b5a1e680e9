/* SPDX-License-Identifier: MIT */
/* cmake_errors: the message of a failed "cmake -P" step without CMake's
 * decoration, so that a failing pgo_* target prints one line. */
#ifndef PGO_CMAKE_ERRORS_H
#define PGO_CMAKE_ERRORS_H

#include "util.h"

/* Appends TEXT (a cmake -P step's stderr) to OUT without the lines CMake
 * adds around an error: "CMake Error at <file>:<line> (<command>):", the
 * "Call Stack (most recent call first):" block and blank lines, with the
 * message lines' indentation removed. Other lines pass unchanged. */
void cmake_error_text(const char *text, struct sbuf *out);

#endif
