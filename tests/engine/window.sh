#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Window profiles from instrumented processes: cmake/runtime/pgo_window.c
# linked into a program (and a shared library) built with
# -fprofile-generate, and `pgo collect --pid` pulling windows from it:
#
#     sh window.sh CASE WORKDIR PGO REPO
#
# Exit 0: passed; 1: failed (the first line on stderr says what). clang-14,
# llvm-14, clang-15, llvm-15, clang-22 and llvm-22 are required.
set -u

[ $# -eq 4 ] || { echo "usage: sh window.sh CASE WORKDIR PGO REPO" >&2; exit 2; }
CASE=$1 W=$2 PGO=$3 REPO=$4
rm -rf "$W"
mkdir -p "$W" && cd "$W" || exit 1
W=$(pwd -P)
APP=
trap '[ -z "$APP" ] || kill -9 "$APP" 2>/dev/null' EXIT

fail() {
  printf 'FAIL: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf '%s\n' "$2" >&2
  exit 1
}
pass() { printf 'PASS: %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 not found: install $2"; }

# build V [EXTRA_FLAGS...]: app (and libwin.so) with clang-V, instrumented,
# with the helper in each.
build() {
  v=$1
  shift
  need "clang-$v" "clang-$v (tests/install-deps.sh --test)"
  need "llvm-profdata-$v" "llvm-$v"
  cc="clang-$v"
  $cc -O2 -c "$REPO/cmake/runtime/pgo_window.c" -o window.o -fPIC || fail "the helper does not compile with $cc"
  $cc -O1 -fprofile-generate "$@" -c "$REPO/tests/engine/window/app.c" -o app.o || fail "app.c"
  if [ "${WITH_LIB:-}" ]; then
    $cc -O1 -fPIC -shared -fprofile-generate "$@" "$REPO/tests/engine/window/lib.c" window.o -o libwin.so -pthread ||
      fail "lib.c"
    $cc -fprofile-generate "$@" app.o window.o -o app -pthread -L. -lwin -Wl,-rpath,"$W" \
      -Wl,--export-dynamic-symbol=__pgo_window_register || fail "link with libwin.so"
  else
    $cc -fprofile-generate -Wno-unused-command-line-argument "$@" app.o window.o -o app -pthread || fail "link"
  fi
}

# start MODE: runs app MODE in the background until it says "ready".
start() {
  rm -f go1 go2 out.txt
  ./app "$1" "$W" >out.txt 2>err.txt &
  APP=$!
  i=0
  while [ $i -lt 100 ] && ! grep -q '^ready$' out.txt 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
  grep -q '^ready$' out.txt || fail "the program did not start" "$(cat err.txt)"
}

# counts FILE FUNCTION: the first block count of FUNCTION in FILE.
counts() {
  llvm-profdata-$v show --all-functions --counts "$1" 2>&1 |
    awk -v f="  $2:" '$0 == f { found = 1 } found && /Block counts/ { gsub(/[^0-9,]/, ""); split($0, a, ","); print a[1]; exit }'
}

expect_count() { # FILE FUNCTION N WHAT
  got=$(counts "$1" "$2")
  [ "$got" = "$3" ] || fail "$4: $2 counted ${got:-nothing} in $1, not $3" "$(llvm-profdata-$v show --all-functions --counts "$1" 2>&1 | head -40)"
}

# The window holds the counts of its seconds only; the exit profile holds
# them all, as if no window had been taken; nothing is left in the folder.
window_case() {
  v=$1
  build "$v"
  mkdir -p wdir
  export PGO_WINDOW_DIR="$W/wdir"
  LLVM_PROFILE_FILE="$W/exit.%p.profraw" start steps
  (sleep 0.3; : >go1) &
  "$PGO" collect --pid "$APP" --seconds 1 -o "$W/window.profdata" >collect.out 2>collect.err ||
    fail "pgo collect failed" "$(cat collect.err)"
  : >go2
  wait "$APP" || fail "the program failed after the window"
  APP=
  grep -qx 'mode=window' collect.out || fail "pgo collect did not take a window" "$(cat collect.out)"
  grep -qx 'modules=1' collect.out || fail "expected one module" "$(cat collect.out)"
  expect_count window.profdata during 500 "the window"
  expect_count window.profdata before 0 "the window"
  exit_file=$(ls exit.*.profraw)
  expect_count "$exit_file" before 2000 "the exit profile"
  expect_count "$exit_file" during 500 "the exit profile"
  [ -z "$(ls -A wdir)" ] || fail "files left in PGO_WINDOW_DIR: $(ls -A wdir)"
  pass "clang-$v: the window counts during() 500 times and before() never; the exit profile counts all"
}

case_window14() { window_case 14; }

# A process that exits during a window: pgo collect says so and writes
# nothing, and the exit profile still holds every count.
case_exit() {
  v=14
  build 14
  LLVM_PROFILE_FILE="$W/exit.profraw" start steps
  "$PGO" collect --pid "$APP" --seconds 5 -o "$W/window.profdata" >collect.out 2>collect.err &
  collector=$!
  i=0
  while [ $i -lt 100 ] && [ -z "$(ls /tmp/pgo-window."$APP".*.start 2>/dev/null)" ]; do sleep 0.05; i=$((i + 1)); done
  : >go1
  : >go2
  wait "$APP" || fail "the program failed"
  APP=
  wait "$collector" && fail "pgo collect should fail when the process exits during the window"
  grep -q "exited during the window; no profile was written" collect.err || fail "unexpected message" "$(cat collect.err)"
  [ ! -e window.profdata ] || fail "a window of an exited process was written"
  expect_count exit.profraw before 2000 "the exit profile of a process that exited during a window"
  expect_count exit.profraw during 500 "the exit profile of a process that exited during a window"
  pass "exit during a window: no window, and the exit profile keeps every count"
}
case_window22() { window_case 22; }

# An instrumented shared library: its counters are in the window too.
case_shared() {
  v=14
  WITH_LIB=1 build 14
  export PGO_WINDOW_DIR="$W"
  LLVM_PROFILE_FILE="$W/exit.%p-%m.profraw" start steps
  (sleep 0.3; : >go1) &
  "$PGO" collect --pid "$APP" --seconds 1 -o "$W/window.profdata" >collect.out 2>collect.err ||
    fail "pgo collect failed" "$(cat collect.err)"
  : >go2
  wait "$APP" || fail "the program failed after the window"
  APP=
  grep -qx 'modules=2' collect.out || fail "expected two modules (app, libwin.so)" "$(cat collect.out)"
  expect_count window.profdata during 500 "the window"
  expect_count window.profdata lib_during 500 "the window"
  pass "the window holds the executable's and the shared library's counts"
}

# SIGTERM, which would lose the profile, writes it; the process still dies
# of the signal.
case_sigterm() {
  v=14
  build 14
  LLVM_PROFILE_FILE="$W/term.profraw" start forever
  kill -TERM "$APP"
  wait "$APP"
  rc=$?
  APP=
  [ $rc -eq 143 ] || fail "the program should die of SIGTERM (status 143), got $rc"
  expect_count term.profraw before 1000 "the SIGTERM profile"
  pass "SIGTERM: status 143 and a profile with every count"
}

# SIGKILL: only continuous mode keeps the counts (opt-in), with each
# clang's flag; a window cannot be taken then, and pgo collect says why.
# Not clang 14: its -runtime-counter-relocation crashes the optimizer
# (LICM) on about half the compiles of app.c and every one of interp's
# vm.c.
kill_case() {
  v=$1
  shift
  build "$v" "$@"
  LLVM_PROFILE_FILE="$W/kill.%c%p.profraw" start forever
  "$PGO" collect --pid "$APP" --seconds 1 -o "$W/window.profdata" >collect.out 2>collect.err &&
    fail "a window in continuous mode should be refused"
  grep -q '^pgo: process [0-9]* cannot take a window: continuous mode' collect.err ||
    fail "unexpected message" "$(cat collect.err)"
  [ ! -e window.profdata ] || fail "a refused window wrote window.profdata"
  kill -9 "$APP"
  wait "$APP"
  APP=
  expect_count "$(ls kill.*.profraw)" before 1000 "the profile after SIGKILL"
  pass "clang-$v continuous mode ($*): counts survive SIGKILL; windows are refused with a reason"
}
case_sigkill15() { kill_case 15 -mllvm -runtime-counter-relocation; }
case_sigkill22() { kill_case 22 -fprofile-continuous; }

# Requests the process cannot take: the helper turned off, the signal
# ignored by the program.
case_errors() {
  v=14
  build 14
  PGO_WINDOW_SIGNAL=off start steps
  "$PGO" collect --pid "$APP" --seconds 1 -o "$W/w.profdata" >/dev/null 2>collect.err && fail "PGO_WINDOW_SIGNAL=off accepted"
  grep -qx "pgo: process $APP runs with PGO_WINDOW_SIGNAL=off, so it takes no window requests: restart it without that setting (or with a signal it does not use)" collect.err ||
    fail "unexpected message for PGO_WINDOW_SIGNAL=off" "$(cat collect.err)"
  kill "$APP"; wait "$APP"; APP=
  start ignore
  "$PGO" collect --pid "$APP" --seconds 1 -o "$W/w.profdata" >/dev/null 2>collect.err && fail "an ignored signal accepted"
  grep -q "^pgo: process $APP does not catch SIGUSR2, so its window helper is not running" collect.err ||
    fail "unexpected message for an ignored SIGUSR2" "$(cat collect.err)"
  kill "$APP"; wait "$APP"; APP=
  PGO_WINDOW_SIGNAL=USR1 start steps
  (sleep 0.3; : >go1) &
  "$PGO" collect --pid "$APP" --seconds 1 -o "$W/w.profdata" >/dev/null 2>collect.err || fail "PGO_WINDOW_SIGNAL=USR1 failed" "$(cat collect.err)"
  : >go2; wait "$APP"; APP=
  expect_count w.profdata during 500 "the window on SIGUSR1"
  pass "PGO_WINDOW_SIGNAL=off and an ignored signal are refused with a reason; USR1 works"
}

"case_$CASE"
