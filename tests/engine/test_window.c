/* SPDX-License-Identifier: MIT */
/* window.c's parsers: PGO_WINDOW_SIGNAL values, /proc/PID/environ lookups,
 * the SigCgt mask of /proc/PID/status. */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>

#include "test.h"
#include "window.h"

static void test_signal(void) {
    CHECK_INT(window_parse_signal(NULL), SIGUSR2);
    CHECK_INT(window_parse_signal(""), SIGUSR2);
    CHECK_INT(window_parse_signal("USR2"), SIGUSR2);
    CHECK_INT(window_parse_signal("SIGUSR1"), SIGUSR1);
    CHECK_INT(window_parse_signal("off"), 0);
    CHECK_INT(window_parse_signal("10"), 10);
    CHECK_INT(window_parse_signal("RTMIN+3"), SIGRTMIN + 3);
    CHECK_INT(window_parse_signal("SIGRTMIN+0"), SIGRTMIN);
    CHECK_INT(window_parse_signal("RTMIN+999"), -1);
    CHECK_INT(window_parse_signal("RTMIN+"), -1);
    CHECK_INT(window_parse_signal("9"), -1);  /* SIGKILL cannot be caught */
    CHECK_INT(window_parse_signal("19"), -1); /* nor SIGSTOP */
    CHECK_INT(window_parse_signal("0"), -1);
    CHECK_INT(window_parse_signal("-5"), -1);
    CHECK_INT(window_parse_signal("12x"), -1);
    CHECK_INT(window_parse_signal("HUP"), -1);
}

static void test_env(void) {
    static const char env[] = "A=1\0PGO_WINDOW_DIR=/x y\0PGO_WINDOW_DIRX=no\0EMPTY=\0";
    struct sbuf v;
    sb_init(&v);
    CHECK_INT(window_env_lookup(env, sizeof env - 1, "PGO_WINDOW_DIR", &v), 1);
    CHECK_STR(sb_str(&v), "/x y");
    CHECK_INT(window_env_lookup(env, sizeof env - 1, "A", &v), 1);
    CHECK_STR(sb_str(&v), "1");
    CHECK_INT(window_env_lookup(env, sizeof env - 1, "EMPTY", &v), 1);
    CHECK_STR(sb_str(&v), "");
    CHECK_INT(window_env_lookup(env, sizeof env - 1, "PGO_WINDOW", &v), 0);
    CHECK_INT(window_env_lookup(env, sizeof env - 1, "B", &v), 0);
    /* A last entry without its NUL. */
    static const char cut[] = "K=val";
    CHECK_INT(window_env_lookup(cut, sizeof cut - 1, "K", &v), 1);
    CHECK_STR(sb_str(&v), "val");
    sb_free(&v);
}

static void test_caught(void) {
    /* SIGUSR2 (12) is bit 11: hex digit 2 from the right, value 8. */
    const char *status = "Name:\tapp\nSigIgn:\t0000000000000000\nSigCgt:\t0000000000004800\n";
    CHECK_INT(window_sig_caught(status, 12), 1);
    CHECK_INT(window_sig_caught(status, 15), 1);
    CHECK_INT(window_sig_caught(status, 10), 0);
    CHECK_INT(window_sig_caught(status, 2), 0);
    CHECK_INT(window_sig_caught(status, 64), 0);
    CHECK_INT(window_sig_caught("SigCgt:\t8000000000000000\n", 64), 1);
    CHECK_INT(window_sig_caught("Name:\tx\n", 12), -1);
    CHECK_INT(window_sig_caught("XSigCgt:\t0000000000000800\n", 12), -1);
}

int main(void) {
    test_signal();
    test_env();
    test_caught();
    return test_done("window");
}
