#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Behavioural tests of `pgo collect` (cmake/engine/cmd_collect.c): real
# perf sampling of small clang-built programs, llvm-profgen, and clang
# using the profile:
#
#     sh collect.sh CASE WORKDIR PGO
#
# CASE is one of the functions case_* below; WORKDIR is emptied first; PGO
# is the built program. Exit 0: passed; 1: failed (the first line on stderr
# says what). Nothing is skipped: perf, clang-14 and llvm-14 (and clang-19
# and llvm-19 for case clang19) are required, and a missing one fails with
# an install hint. `overhead` is not registered with CTest (it measures
# and prints): sh collect.sh overhead /tmp/o PGO.
set -u

[ $# -eq 3 ] || { echo "usage: sh collect.sh CASE WORKDIR PGO" >&2; exit 2; }
CASE=$1 W=$2 PGO=$3
case $W in /*) ;; *) W=$(pwd)/$W ;; esac
case $PGO in /*) ;; *) PGO=$(pwd)/$PGO ;; esac
rm -rf "$W"
mkdir -p "$W" && cd "$W" || exit 1
W=$(pwd -P) # the real path: pgo names binaries by their real path
FLAGS="-O2 -g -fdebug-info-for-profiling -funique-internal-linkage-names"
# Background test programs, stopped however the case ends.
BG=
trap 'for _p in $BG; do kill "$_p" 2>/dev/null; done' EXIT

# ---- helpers -----------------------------------------------------------------

fail() {
  printf 'FAIL: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf '%s\n' "$2" >&2
  exit 1
}

pass() { printf 'PASS: %s\n' "$*"; }
note() { printf 'note: %s\n' "$*"; }

# need PROGRAM PACKAGE: fail with an install hint when PROGRAM is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 not found: install $2"
}

need_perf() {
  need perf "linux-perf (Debian) or linux-tools-\$(uname -r) (Ubuntu)"
  perf record -q -o "$W/.probe.data" -e cpu-clock:u -- true 2>"$W/.probe.err" ||
    fail "perf cannot sample on this machine: $(head -n 3 "$W/.probe.err")"
  rm -f "$W/.probe.data" "$W/.probe.err"
}

# pgo ARG...: runs pgo; sets rc, out and err (stdout/stderr, kept in files;
# err without the test program's own line, "result N").
pgo() {
  "$PGO" "$@" >"$W/.out" 2>"$W/.err"
  rc=$?
  out=$(cat "$W/.out")
  err=$(grep -v '^result [01]$' "$W/.err")
}

# pgo_in_path PATH ARG...: pgo with another PATH (for pgo only).
pgo_in_path() {
  _keep=$PATH
  PATH=$1
  export PATH
  shift
  "$PGO" "$@" >"$W/.out" 2>"$W/.err"
  rc=$?
  PATH=$_keep
  export PATH
  out=$(cat "$W/.out")
  err=$(grep -v '^result [01]$' "$W/.err")
}

show() { printf 'exit code: %s\n--- stdout:\n%s\n--- stderr:\n%s' "$rc" "$out" "$err"; }

# expect_error WHAT RC STDERR: the last pgo call failed with RC, printed
# nothing on stdout and exactly STDERR (one line) on stderr.
expect_error() {
  [ "$rc" = "$2" ] || fail "$1: exit code $rc, expected $2" "$(show)"
  [ -z "$out" ] || fail "$1: stdout should be empty" "$(show)"
  [ "$err" = "$3" ] || fail "$1: stderr differs; expected:" "$3
$(show)"
}

# expect_error_like WHAT RC ERE: as expect_error, stderr one line matching ERE.
expect_error_like() {
  [ "$rc" = "$2" ] || fail "$1: exit code $rc, expected $2" "$(show)"
  [ -z "$out" ] || fail "$1: stdout should be empty" "$(show)"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && printf '%s\n' "$err" | grep -Eq -- "$3" ||
    fail "$1: stderr should be one line matching /$3/" "$(show)"
}

# line KEY: the value of KEY=... in the last stdout.
line() { printf '%s\n' "$out" | sed -n "s/^$1=//p"; }

# no_temps DIR WHAT: DIR holds no .pgo-tmp.* file.
no_temps() {
  _t=$(ls -A "$1" 2>/dev/null | grep '^\.pgo-tmp\.')
  [ -z "$_t" ] || fail "$2: temporary files left in $1" "$_t"
}

# A dead process id.
dead_pid() {
  sh -c 'echo $$' >"$W/.pid"
  cat "$W/.pid"
}

# running PID: wait (5 s at most) until PID has exec'd prog; until then it
# is the shell that forked it.
running() {
  _i=0
  while :; do
    case $(readlink "/proc/$1/exe" 2>/dev/null) in */prog) return 0 ;; esac
    _i=$((_i + 1))
    [ "$_i" -le 100 ] || fail "process $1 did not start prog in 5 s"
    sleep 0.05
  done
}

build_id() { llvm-readelf-14 -n "$1" | sed -n 's/^ *Build ID: //p'; }

# The program: main.c calls hot_op (ops.c, another translation unit)
# through a function pointer, 63 times in 64, from run(), which has hardly
# a sample of its own: its profile is its call sites. `prog SECONDS [STATUS]`
# works for SECONDS, then exits with STATUS (a negative STATUS: kills
# itself with that signal); a negative SECONDS sleeps instead (idle).
write_prog() {
  cat >"$1/main.c" <<'EOF'
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
typedef unsigned long (*op_fn)(unsigned long);
extern op_fn ops[2];
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
__attribute__((noinline)) static unsigned long run(unsigned long s, long n) {
  for (long i = 0; i < n; i++)
    s = ops[(i & 63) == 63](s + (unsigned long)i);
  return s;
}
int main(int argc, char **argv) {
  double secs = argc > 1 ? atof(argv[1]) : 1.0, t0 = now();
  unsigned long s = 1;
  if (secs < 0) {
    struct timespec t = {(time_t)-secs, 0};
    nanosleep(&t, NULL);
  }
  while (now() - t0 < secs)
    s = run(s, 20000);
  printf("result %lu\n", s & 1);
  int status = argc > 2 ? atoi(argv[2]) : 0;
  if (status < 0)
    raise(-status);
  return status;
}
EOF
  cat >"$1/ops.c" <<'EOF'
__attribute__((noinline)) unsigned long hot_op(unsigned long x) {
  for (int i = 0; i < 50; i++)
    x = x * 6364136223846793005UL + (x >> 13) + (unsigned long)i;
  return x;
}
__attribute__((noinline)) unsigned long cold_op(unsigned long x) { return x ^ (x >> 7); }
unsigned long (*ops[2])(unsigned long) = {hot_op, cold_op};
EOF
}

# build_prog CC DIR: DIR/prog from DIR/main.c and DIR/ops.c.
build_prog() {
  mkdir -p "$2"
  write_prog "$2"
  (cd "$2" && $1 $FLAGS main.c ops.c -o prog) || fail "$1 $FLAGS main.c ops.c failed"
}

# check_collected WHAT BINARY: the last pgo call succeeded and printed the
# key=value lines of a profile of BINARY.
check_collected() {
  [ "$rc" = 0 ] || fail "$1: exit code $rc" "$(show)"
  for k in path binary build_id event frequency seconds samples functions; do
    [ -n "$(line $k)" ] || fail "$1: no $k= line" "$(show)"
  done
  [ "$(printf '%s\n' "$out" | grep -cv '^[a-z_]*=')" = 0 ] || fail "$1: stdout holds more than key=value lines" "$(show)"
  [ "$(line binary)" = "$2" ] || fail "$1: binary=$(line binary), expected $2" "$(show)"
  [ "$(line build_id)" = "$(build_id "$2")" ] || fail "$1: build_id=$(line build_id), expected $(build_id "$2")" "$(show)"
  case $(line event) in cpu-clock | lbr) ;; *) fail "$1: event=$(line event)" "$(show)" ;; esac
  [ "$(line samples)" -gt 0 ] || fail "$1: samples=$(line samples)" "$(show)"
  [ "$(line functions)" -gt 0 ] || fail "$1: functions=$(line functions)" "$(show)"
}

# check_profile WHAT PROF N DIR [lib]: llvm-profdata-N lists hot_op with
# samples, and clang-N building DIR/main.c and DIR/ops.c with the profile
# gives hot_op a positive entry count and the indirect call in run a value
# profile naming its target (the call-site records at work). With lib (a
# profile of the library ops.c is in), the calls come from outside it: no
# head samples, no value profile.
check_profile() {
  _pd=llvm-profdata-$3
  $_pd show --sample "$2" >"$W/.show" 2>&1 || fail "$1: $_pd show --sample $2 failed" "$(cat "$W/.show")"
  _hot=$(sed -n 's/^Function: hot_op: \([0-9]*\), \([0-9]*\),.*/\1 \2/p' "$W/.show")
  [ -n "$_hot" ] || fail "$1: $_pd show --sample does not list hot_op" "$(cat "$W/.show")"
  _lib=${5:-}
  set -- "$1" "$2" "$3" "$4" $_hot
  [ "$5" -gt 0 ] || fail "$1: hot_op has $5 samples" "$(cat "$W/.show")"
  [ -n "$_lib" ] || [ "$6" -gt 0 ] || fail "$1: hot_op has no head samples (no call-site records)" "$(cat "$W/.show")"
  _fn=$(grep -c '^Function: ' "$W/.show")
  [ "$_fn" = "$(line functions)" ] || fail "$1: functions=$(line functions), llvm-profdata lists $_fn" "$(cat "$W/.show")"
  # From DIR with the names the build used: -funique-internal-linkage-names
  # names run() after the source file's name as given.
  for f in ops main; do
    (cd "$4" && clang-$3 $FLAGS "-fprofile-sample-use=$2" -S -emit-llvm $f.c -o "$W/$f.ll") ||
      fail "$1: clang-$3 -fprofile-sample-use=$2 failed on $f.c"
  done
  _md=$(sed -n 's/^define .*@hot_op(.* !prof \(![0-9]*\) .*/\1/p' "$W/ops.ll")
  [ -n "$_md" ] || fail "$1: clang-$3 gave hot_op no !prof" "$(grep '^define' "$W/ops.ll")"
  _count=$(sed -n "s/^$_md = !{!\"function_entry_count\", i64 \([0-9]*\)}/\1/p" "$W/ops.ll")
  [ -n "$_count" ] && [ "$_count" -gt 0 ] ||
    fail "$1: hot_op's $_md is no positive function_entry_count" "$(grep "^$_md = " "$W/ops.ll")"
  if [ -n "$_lib" ]; then
    pass "$1: clang-$3 used the profile (hot_op: $5 samples, entry count $_count)"
    return
  fi
  grep -q '!{!"VP", i32 0, ' "$W/main.ll" ||
    fail "$1: no value profile (VP) on the indirect call in main.c: the call-site records were not used" \
      "$(grep -n 'prof' "$W/main.ll" | head -n 20)"
  pass "$1: clang-$3 used the profile (hot_op: $5 samples, entry count $_count; indirect call annotated)"
}

# ---- cases ---------------------------------------------------------------------

case_command() {
  need_perf
  need clang-14 clang-14
  need llvm-profdata-14 llvm-14
  build_prog clang-14 "$W/b"
  cd "$W/b" || fail "cd"
  pgo collect -o "$W/out/p.prof" -- ./prog 1.5
  cd "$W" || fail "cd"
  check_collected "collect -- ./prog" "$W/b/prog"
  [ "$(line path)" = "$W/out/p.prof" ] || fail "path=$(line path)" "$(show)"
  grep -qx 'result [01]' "$W/.err" || fail "the command's output should reach stderr" "$(show)"
  [ "$(stat -c %a "$W/out/p.prof")" = "$(printf '%o' $((0644 & ~$(umask))))" ] ||
    fail "the profile's mode is $(stat -c %a "$W/out/p.prof")"
  no_temps "$W/out" "collect -- ./prog"
  [ "$(ls -A "$W/out")" = p.prof ] || fail "collect left other files" "$(ls -A "$W/out")"
  pass "collect -- ./prog: $(line samples) samples ($(line event), $(line frequency) Hz), $(line functions) functions"
  check_profile "collect -- ./prog" "$W/out/p.prof" 14 "$W/b"

  # A relative -o, a second run replaces the profile.
  cd "$W/b" || fail "cd"
  pgo collect -o p2.prof -- ./prog 0.5
  check_collected "collect -o p2.prof" "$W/b/prog"
  [ "$(line path)" = p2.prof ] && [ -s p2.prof ] || fail "collect -o p2.prof" "$(show)"
  pgo collect -o p2.prof -- ./prog 0.5
  check_collected "collect -o p2.prof again" "$W/b/prog"
  no_temps "$W/b" "collect -o p2.prof"
  pass "a relative -o; a second collect replaces the profile"
}

# pgo repeat runs a command until its runs add up to N seconds, and
# collect --repeat-for samples all of those runs in one profile.
case_repeat() {
  need_perf
  need clang-14 clang-14
  need llvm-profdata-14 llvm-14
  cd "$W" || fail "cd"
  pgo repeat --seconds 1 -- sh -c 'echo run >>runs; sleep 0.3'
  [ "$rc" = 0 ] || fail "repeat --seconds 1: exit $rc" "$(show)"
  n=$(grep -c run runs)
  [ "$n" -ge 3 ] && [ "$n" -le 5 ] || fail "repeat --seconds 1 of 0.3 s runs ran $n times, expected 4 (3 to 5)"
  rm -f runs
  pgo repeat --seconds 0 -- sh -c 'echo run >>runs'
  [ "$rc" = 0 ] && [ "$(grep -c run runs)" = 1 ] || fail "repeat --seconds 0 runs once" "$(cat runs; show)"
  rm -f runs
  pgo repeat --seconds 5 -- sh -c 'echo run >>runs; exit 3'
  [ "$rc" = 3 ] && [ "$(grep -c run runs)" = 1 ] || fail "a failed run ends repeat with its status (3), rc=$rc" "$(cat runs; show)"
  pgo repeat --seconds x -- true
  expect_error "repeat --seconds x" 2 "pgo: bad --seconds 'x': use a whole number from 0 to 86400"
  pgo repeat --seconds 1
  expect_error "repeat without a command" 2 "pgo: usage: pgo repeat --seconds N|--times N -- COMMAND [ARG...]"
  pgo repeat --seconds 1 -- ./no-such-program
  expect_error "repeat of a missing program" 127 "pgo: cannot run ./no-such-program: No such file or directory"
  rm -f runs
  pgo repeat --times 3 -- sh -c 'echo run >>runs'
  [ "$rc" = 0 ] && [ "$(grep -c run runs)" = 3 ] || fail "repeat --times 3 runs three times" "$(cat runs; show)"
  rm -f runs
  pgo repeat --times 3 -- sh -c 'echo run >>runs; [ $(grep -c run runs) -lt 2 ]'
  [ "$rc" = 1 ] && [ "$(grep -c run runs)" = 2 ] || fail "repeat --times stops at the first failed run, rc=$rc" "$(cat runs; show)"
  pgo repeat --times 0 -- true
  expect_error "repeat --times 0" 2 "pgo: bad --times '0': use a whole number from 1 to 86400"
  pass "pgo repeat: 1 s of 0.3 s runs ran $n times; 0 s once; --times 3 three times; a failure stops it with its status; usage errors"

  build_prog clang-14 "$W/b"
  cd "$W/b" || fail "cd"
  pgo collect -o once.prof -- ./prog 0.3
  check_collected "collect -- ./prog 0.3" "$W/b/prog"
  once=$(line samples)
  pgo collect -o rep.prof --repeat-for 2 -- ./prog 0.3
  check_collected "collect --repeat-for 2 -- ./prog 0.3" "$W/b/prog"
  rep=$(line samples)
  secs=$(line seconds)
  awk -v s="$secs" 'BEGIN { exit !(s >= 2.0) }' || fail "collect --repeat-for 2 sampled for $secs s" "$(show)"
  [ "$rep" -ge $((once * 4)) ] || fail "collect --repeat-for 2 of a 0.3 s run: $rep samples, one run gave $once" "$(show)"
  no_temps "$W/b" "collect --repeat-for"
  pgo collect -o p.prof --repeat-for 1 --pid 1 --seconds 1
  expect_error "--repeat-for with --pid" 2 "pgo: --repeat-for repeats a '-- COMMAND'; a process sampled with --pid runs once"
  pgo collect -o p.prof --repeat-for -1 -- ./prog 0.1
  expect_error "--repeat-for -1" 2 "pgo: bad --repeat-for '-1': use a whole number of seconds from 0 to 86400"
  [ ! -e p.prof ] || fail "a refused collect wrote p.prof"
  pass "collect --repeat-for 2: $rep samples in $secs s, against $once from one run; refused with --pid"
}

case_pid() {
  need_perf
  need clang-14 clang-14
  need llvm-profdata-14 llvm-14
  build_prog clang-14 "$W/b"
  "$W/b/prog" 4 >/dev/null &
  p=$!
  BG="$BG $p"
  running $p
  sleep 0.3
  pgo collect --pid $p --seconds 1 -o "$W/out/p.prof"
  kill $p 2>/dev/null
  wait $p 2>/dev/null
  check_collected "collect --pid" "$W/b/prog"
  no_temps "$W/out" "collect --pid"
  pass "collect --pid $p --seconds 1: $(line samples) samples in $(line seconds) s"
  check_profile "collect --pid" "$W/out/p.prof" 14 "$W/b"

  # The process ends before the seconds are up: what was sampled counts.
  "$W/b/prog" 2 >/dev/null &
  p=$!
  BG="$BG $p"
  running $p
  sleep 0.2
  pgo collect --pid $p --seconds 5 -o "$W/out/short.prof"
  wait $p
  if [ "$rc" = 0 ]; then
    check_collected "collect --pid of a process that ends first" "$W/b/prog"
    pass "a process that ends before --seconds: $(line samples) samples in $(line seconds) s"
  else
    expect_error_like "collect --pid of a process that ends first" 1 \
      "^pgo: (process $p exited before perf could sample it|no samples were collected)"
    note "the process ended before perf sampled it: $err"
  fi
}

case_library() {
  need_perf
  need clang-14 clang-14
  need llvm-profdata-14 llvm-14
  mkdir -p "$W/b"
  write_prog "$W/b"
  cd "$W/b" || fail "cd"
  clang-14 $FLAGS -fPIC -shared ops.c -o libops.so || fail "clang-14 -shared ops.c"
  clang-14 $FLAGS main.c -o prog -L. -lops -Wl,-rpath,"$W/b" || fail "clang-14 main.c -lops"
  pgo collect --binary libops.so -o "$W/out/lib.prof" -- ./prog 1.5
  check_collected "collect --binary libops.so" "$W/b/libops.so"
  pass "collect --binary libops.so: $(line samples) samples in the library"
  cd "$W" || fail "cd"
  check_profile "collect --binary libops.so" "$W/out/lib.prof" 14 "$W/b" lib
  # The library's profile has no main; the executable's has no hot_op.
  llvm-profdata-14 show --sample "$W/out/lib.prof" | grep -q '^Function: main:' &&
    fail "the library's profile lists main"
  cd "$W/b" || fail "cd"
  pgo collect -o "$W/out/exe.prof" -- ./prog 1
  if [ "$rc" = 0 ]; then
    check_collected "collect of the executable" "$W/b/prog"
    llvm-profdata-14 show --sample "$W/out/exe.prof" | grep -q '^Function: hot_op:' &&
      fail "the executable's profile lists hot_op, which is in the library"
  else
    # The loop in run() may get no sample of its own: hot_op takes the time.
    expect_error_like "collect of the executable" 1 \
      "^pgo: none of the [0-9]+ samples was in $W/b/prog: the process ran other code \(a shared library\? name it with --binary\)\$"
  fi
  pass "the executable and the library are profiled apart"
}

case_clang19() {
  need_perf
  need clang-19 "clang-19 (Debian 12: from apt.llvm.org)"
  need llvm-profdata-19 llvm-19
  need llvm-profgen-19 llvm-19
  need llvm-readelf-14 llvm-14
  build_prog clang-19 "$W/b"
  cd "$W/b" || fail "cd"
  pgo collect -o "$W/out/p.prof" -- ./prog 1.5
  cd "$W" || fail "cd"
  check_collected "clang-19: collect -- ./prog" "$W/b/prog"
  check_profile "clang-19: collect -- ./prog" "$W/out/p.prof" 19 "$W/b"
  "$W/b/prog" 4 >/dev/null &
  p=$!
  BG="$BG $p"
  running $p
  sleep 0.3
  pgo collect --pid $p --seconds 1 -o "$W/out/pid.prof"
  kill $p 2>/dev/null
  wait $p 2>/dev/null
  check_collected "clang-19: collect --pid" "$W/b/prog"
  check_profile "clang-19: collect --pid" "$W/out/pid.prof" 19 "$W/b"
}

case_errors() {
  need_perf
  need clang-14 clang-14
  need llvm-profdata-14 llvm-14
  build_prog clang-14 "$W/b"
  B=$W/b/prog
  cd "$W/b" || fail "cd"

  # Usage.
  pgo collect -- ./prog 0.1
  expect_error_like "no -o" 2 '^pgo: usage: pgo collect -o OUT '
  pgo collect -o p.prof
  expect_error_like "no command, no --pid" 2 '^pgo: usage: pgo collect '
  pgo collect -o p.prof --pid 1 -- ./prog
  expect_error_like "--pid and a command" 2 "^pgo: --pid and --seconds sample a running process, '-- COMMAND' runs one"
  pgo collect -o p.prof --pid 1
  expect_error_like "--pid without --seconds" 2 '^pgo: usage: pgo collect '
  pgo collect -o p.prof --pid 1 --seconds 0
  expect_error "--seconds 0" 2 "pgo: bad --seconds '0': use a whole number from 1 to 86400"
  pgo collect -o p.prof --pid x --seconds 1
  expect_error "--pid x" 2 "pgo: bad --pid 'x': use a process id"
  pgo collect -o p.prof --frequency 0 -- ./prog
  expect_error "--frequency 0" 2 "pgo: bad --frequency '0': use a number of samples a second, 1 to 100000"
  pgo collect -o p.prof --event x -- ./prog 0.1
  expect_error "--event x" 2 "pgo: bad --event 'x': use auto, lbr or cpu-clock"
  pgo collect -o p.prof --nope -- ./prog
  expect_error_like "an unknown option" 2 "^pgo: unknown option '--nope'"
  pass "usage errors: exit 2, one line"

  # A process that does not exist.
  d=$(dead_pid)
  pgo collect --pid "$d" --seconds 1 -o p.prof
  expect_error "a pid that does not exist" 2 "pgo: no process with id $d"
  pass "a pid that does not exist"

  # perf is not installed.
  mkdir -p "$W/nobin"
  pgo_in_path "$W/nobin" collect -o p.prof -- ./prog 0.1
  expect_error "perf missing" 2 \
    'pgo: perf is not installed: install linux-perf (Debian) or linux-tools-$(uname -r) (Ubuntu)'
  # A perf that does not run (Ubuntu's wrapper without linux-tools-<kernel>).
  mkdir -p "$W/fake"
  cat >"$W/fake/perf" <<'EOF'
#!/bin/sh
cat >&2 <<'MSG'
WARNING: perf not found for kernel 6.99.0-1

  You may need to install the following packages for this specific kernel:
    linux-tools-6.99.0-1-generic
MSG
exit 2
EOF
  chmod +x "$W/fake/perf"
  pgo_in_path "$W/fake:$PATH" collect -o p.prof -- ./prog 0.1
  expect_error "a perf that does not run" 2 \
    'pgo: perf does not run (WARNING: perf not found for kernel 6.99.0-1): install linux-perf (Debian) or linux-tools-$(uname -r) (Ubuntu)'
  # perf may not open events (what perf 6.1 prints for EACCES).
  cat >"$W/fake/perf" <<'EOF'
#!/bin/sh
if [ "$1" = --version ]; then echo "perf version 6.1.99"; exit 0; fi
cat >&2 <<'MSG'
Error:
Access to performance monitoring and observability operations is limited.
Consider adjusting /proc/sys/kernel/perf_event_paranoid setting to open
access to performance monitoring and observability operations for processes
without CAP_PERFMON, CAP_SYS_PTRACE or CAP_SYS_ADMIN Linux capability.
perf_event_paranoid setting is 3:
MSG
exit 255
EOF
  chmod +x "$W/fake/perf"
  pgo_in_path "$W/fake:$PATH" collect -o p.prof -- ./prog 0.1
  if [ "$(id -u)" = 0 ]; then
    expect_error_like "perf not permitted (as root)" 2 \
      '^pgo: perf may not sample here although pgo runs as root \(kernel.perf_event_paranoid is -?[0-9]+\): in a container it needs CAP_PERFMON'
  else
    expect_error_like "perf not permitted" 2 '^pgo: perf may not sample .*perf_event_paranoid'
  fi
  [ ! -e p.prof ] || fail "a failed collect wrote p.prof"
  no_temps "$W/b" "perf failures"
  pass "perf missing, not running, not permitted: one line each, nothing written"

  # A binary without debug info.
  clang-14 -O2 main.c ops.c -o nodebug || fail "clang-14 -O2 main.c ops.c"
  pgo collect -o p.prof -- ./nodebug 0.1
  expect_error "a binary without line tables" 2 \
    "pgo: $W/b/nodebug has no debug line tables: build it with -g (or -gline-tables-only) and -fdebug-info-for-profiling"
  # A script.
  printf '#!/bin/sh\nexec ./prog 0.3\n' >run.sh
  chmod +x run.sh
  pgo collect -o p.prof -- ./run.sh
  expect_error "a script" 2 "pgo: $W/b/run.sh is not an ELF file: name the program it runs with --binary"
  pgo collect --binary prog -o p.prof -- ./run.sh
  check_collected "a script with --binary" "$B"
  rm -f p.prof
  # A command that does not exist.
  pgo collect -o p.prof -- ./nothing
  expect_error "no such command" 2 "pgo: cannot run './nothing': no such executable file"
  pgo collect -o p.prof -- no-such-command-pgo
  expect_error "no such command in PATH" 2 "pgo: cannot run 'no-such-command-pgo': command not found"
  # A binary without a build ID.
  clang-14 $FLAGS -Wl,--build-id=none main.c ops.c -o noid || fail "clang-14 -Wl,--build-id=none"
  pgo collect -o p.prof -- ./noid 0.1
  expect_error "no build ID" 2 \
    "pgo: $W/b/noid has no build ID (ELF note NT_GNU_BUILD_ID): link it with -Wl,--build-id"
  # Not built by clang (gcc), and a clang whose llvm-profgen is missing.
  if command -v gcc >/dev/null 2>&1; then
    gcc -O2 -g main.c ops.c -o gccprog || fail "gcc -O2 -g"
    pgo collect -o p.prof -- ./gccprog 0.1
    expect_error "a GCC binary" 2 \
      "pgo: $W/b/gccprog was not built by clang (its .comment names no clang version): sample profiles are for clang; build it with clang, or name an llvm-profgen with --profgen"
  else
    note "gcc is not installed: the GCC binary check is left out"
  fi
  v=$(strings -a prog | sed -n 's/.*clang version \([0-9][0-9]*\.[0-9.]*\).*/\1/p' | head -n 1)
  [ -n "$v" ] || fail "no 'clang version' in prog's .comment"
  nine=$(printf '%s' "$v" | sed 's/^[0-9][0-9]/99/')
  LC_ALL=C sed "s/clang version $v/clang version $nine/" prog >prog99 && chmod +x prog99
  pgo collect -o p.prof -- ./prog99 0.1
  expect_error_like "no llvm-profgen for the binary's clang" 2 \
    "^pgo: llvm-profgen-99 is not installed \($W/b/prog99 was built by .*clang version $nine\): install llvm-99\$"
  pgo collect --profgen /no/such/llvm-profgen -o p.prof -- ./prog 0.1
  expect_error "--profgen missing" 2 "pgo: llvm-profgen '/no/such/llvm-profgen' not found"
  pass "binaries without line tables or build ID, scripts, GCC binaries, missing llvm-profgen: refused before running"

  # A command that fails, or is killed: its status named, nothing written.
  pgo collect -o p.prof -- ./prog 0.2 3
  expect_error "a command that fails" 1 "pgo: './prog' failed (exit status 3); no profile was written"
  pgo collect -o p.prof -- ./prog 0.2 -9
  expect_error "a command that is killed" 1 "pgo: './prog' was killed by signal 9 (Killed); no profile was written"
  [ ! -e p.prof ] || fail "a failed command wrote p.prof"
  no_temps "$W/b" "failed commands"
  pass "a failing or killed command: exit 1, its status named, nothing written"

  # Idle: no samples.
  pgo collect -o p.prof -- ./prog -1
  expect_error_like "an idle command" 1 \
    "^pgo: (no samples were collected: './prog' used no CPU time in [0-9.]+ seconds \(it was idle\)|none of the [0-9]+ samples was in $B: .*)\$"
  ./prog -8 >/dev/null &
  p=$!
  BG="$BG $p"
  running $p
  pgo collect --pid $p --seconds 1 -o p.prof
  expect_error_like "an idle process" 1 \
    "^pgo: no samples were collected: process $p was idle \(it used no CPU time in [0-9.]+ seconds\); sample it while it works\$"
  pass "an idle command or process: no samples, said so"

  # --binary that the process has not mapped.
  clang-14 $FLAGS -fPIC -shared ops.c -o libother.so || fail "clang-14 -shared"
  pgo collect --pid $p --seconds 1 --binary libother.so -o p.prof
  expect_error "--binary not mapped (--pid)" 2 \
    "pgo: $W/b/libother.so is not mapped in process $p: --binary must name its executable or a shared library it loaded (see /proc/$p/maps)"
  pgo collect --binary libother.so -o p.prof -- ./prog 0.2
  expect_error "--binary not loaded (command)" 2 \
    "pgo: './prog' did not load $W/b/libother.so: --binary must name a program or shared library it runs"
  kill $p 2>/dev/null
  wait $p 2>/dev/null

  # LBR asked for on a machine without it.
  if [ -e /sys/bus/event_source/devices/cpu/caps/branches ] || [ -e /sys/bus/event_source/devices/cpu_core/caps/branches ]; then
    note "this machine has LBR: the --event lbr refusal is not checked"
  else
    pgo collect --event lbr -o p.prof -- ./prog 0.1
    expect_error "--event lbr without LBR" 2 \
      "pgo: this machine has no last branch record (LBR): perf says 'PMU Hardware or event type doesn't support branch stack sampling'; use --event cpu-clock"
  fi
  [ ! -e p.prof ] || fail "an error wrote p.prof"
  no_temps "$W/b" "errors"
  pass "--binary not mapped, --event lbr without LBR"

  # Another user's process, and sampling as that user (as root only, and
  # where that user can run programs at all: not in a root folder of mode
  # 0700, as a chroot made by mktemp has).
  if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$PGO" --version >/dev/null 2>&1; then
    mkdir -p "$W/other" && chmod 777 "$W/other"
    ./prog 3 >/dev/null &
    p=$!
    BG="$BG $p"
    running $p
    sleep 0.2
    setpriv --reuid=65534 --regid=65534 --clear-groups "$PGO" collect --pid $p --seconds 1 -o "$W/other/p.prof" \
      >"$W/.out" 2>"$W/.err"
    rc=$? out=$(cat "$W/.out") err=$(grep -v '^result [01]$' "$W/.err")
    expect_error "another user's process" 2 \
      "pgo: cannot read /proc/$p/exe: Permission denied (process $p belongs to another user: run pgo collect as that user or as root)"
    kill $p 2>/dev/null
    wait $p 2>/dev/null
    paranoid=$(cat /proc/sys/kernel/perf_event_paranoid)
    (cd "$W/other" && setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$W/other" \
      "$PGO" collect -o "$W/other/own.prof" -- "$B" 0.5) >"$W/.out" 2>"$W/.err"
    rc=$? out=$(cat "$W/.out") err=$(grep -v '^result [01]$' "$W/.err")
    if [ "$paranoid" -le 2 ]; then
      check_collected "as an ordinary user (perf_event_paranoid=$paranoid)" "$B"
      pass "another user's process refused; an ordinary user samples its own command"
    else
      expect_error_like "as an ordinary user (perf_event_paranoid=$paranoid)" 2 \
        "^pgo: perf may not sample processes of this user: kernel.perf_event_paranoid is $paranoid; set it with 'sysctl kernel.perf_event_paranoid=2'"
      pass "another user's process refused; perf_event_paranoid=$paranoid refused with the sysctl to set"
    fi
  else
    note "not root, no setpriv, or user 65534 cannot run programs here: the other-user checks are left out"
  fi
}

case_changed() {
  need_perf
  need clang-14 clang-14
  need llvm-profdata-14 llvm-14
  build_prog clang-14 "$W/b"
  cd "$W/b" || fail "cd"
  cp prog prog.old
  # A second build: another build ID.
  sed 's/i < 50/i < 51/' ops.c >ops2.c
  clang-14 $FLAGS main.c ops2.c -o prog.new || fail "clang-14 ops2.c"
  old=$(build_id prog) new=$(build_id prog.new)
  [ "$old" != "$new" ] || fail "the two builds have one build ID"

  # Replaced (by rename, as build systems do) while it was sampled.
  ./prog 20 >/dev/null &
  p=$!
  BG="$BG $p"
  running $p
  sleep 0.2
  mkdir -p "$W/out"
  ("$PGO" collect --pid $p --seconds 3 -o "$W/out/p.prof" >"$W/.out" 2>"$W/.err"; echo $? >"$W/.rc") &
  c=$!
  # Once perf has begun to write its data (not the probe's), plus a bit.
  i=0
  while [ $i -lt 100 ] && ! find "$W/out" -name '.pgo-tmp.*.perf.data' -size +0 | grep -q .; do
    sleep 0.1
    i=$((i + 1))
  done
  sleep 0.5
  cp prog.new prog.tmp && mv -f prog.tmp prog
  wait $c
  rc=$(cat "$W/.rc") out=$(cat "$W/.out") err=$(grep -v '^result [01]$' "$W/.err")
  expect_error "replaced while sampled" 1 \
    "pgo: $W/b/prog changed while it was sampled (build ID $old, now $new); sample it again"
  [ ! -e "$W/out/p.prof" ] || fail "a changed binary gave a profile"
  no_temps "$W/out" "replaced while sampled"

  # Replaced before: the process runs a deleted file.
  pgo collect --pid $p --seconds 1 -o "$W/out/p.prof"
  expect_error "replaced before" 1 \
    "pgo: process $p runs an older $W/b/prog (the file was replaced or deleted after it started); restart the process and sample it again"
  pgo collect --pid $p --seconds 1 --binary prog -o "$W/out/p.prof"
  expect_error "replaced before (--binary)" 1 \
    "pgo: process $p runs an older $W/b/prog (the file was replaced after the process loaded it); restart the process and sample it again"
  kill $p 2>/dev/null
  wait $p 2>/dev/null

  # A command that replaces its own binary while it runs.
  cp prog.old prog
  printf '#!/bin/sh\n./prog 0.8 && cp prog.new prog.tmp && mv -f prog.tmp prog\n' >rebuild.sh
  chmod +x rebuild.sh
  pgo collect --binary prog -o "$W/out/p.prof" -- ./rebuild.sh
  expect_error "a command that replaces the binary" 1 \
    "pgo: $W/b/prog changed while it was sampled (build ID $old, now $new); sample it again"
  [ ! -e "$W/out/p.prof" ] || fail "a changed binary gave a profile"
  no_temps "$W/out" "changed binaries"
  pass "a binary replaced before or while it was sampled is refused, with both build IDs"
}

case_signals() {
  need_perf
  need clang-14 clang-14
  need llvm-profdata-14 llvm-14
  build_prog clang-14 "$W/b"
  cd "$W/b" || fail "cd"
  mkdir -p "$W/out"
  # SIGTERM while a command is sampled: perf stops it, pgo says so.
  "$PGO" collect -o "$W/out/p.prof" -- ./prog 20 >"$W/.out" 2>"$W/.err" &
  c=$!
  BG="$BG $c"
  sleep 1.5
  kill -TERM $c
  wait $c
  rc=$? out=$(cat "$W/.out") err=$(grep -v '^result [01]$' "$W/.err")
  expect_error "SIGTERM while a command is sampled" 1 \
    "pgo: './prog' was killed by signal 15 (Terminated); no profile was written"
  no_temps "$W/out" "SIGTERM while a command is sampled"
  [ ! -e "$W/out/p.prof" ] || fail "SIGTERM gave a profile"
  # SIGTERM while a process is sampled: pgo ends by the signal.
  ./prog 20 >/dev/null &
  p=$!
  BG="$BG $p"
  running $p
  sleep 0.2
  "$PGO" collect --pid $p --seconds 10 -o "$W/out/p.prof" >"$W/.out" 2>"$W/.err" &
  c=$!
  BG="$BG $c"
  sleep 1.5
  kill -TERM $c
  wait $c
  rc=$?
  [ "$rc" = 143 ] || fail "SIGTERM while a process is sampled: exit code $rc, expected 143" "$(cat "$W/.err")"
  no_temps "$W/out" "SIGTERM while a process is sampled"
  [ ! -e "$W/out/p.prof" ] || fail "SIGTERM gave a profile"
  kill -0 $p 2>/dev/null || fail "the sampled process died with pgo"
  kill $p 2>/dev/null
  wait $p 2>/dev/null
  pass "SIGTERM while sampling a command or a process: no profile, no temporary files, the process lives on"
}

# Not registered: what sampling costs a CPU-bound program (a fixed amount
# of the work of main.c and ops.c), from alternating runs with and without
# pgo collect: the medians of the ratios of its CPU time (user + system,
# getrusage) and of its wall time, taken by the program itself.
case_overhead() {
  need_perf
  need clang-14 clang-14
  mkdir -p "$W/b"
  write_prog "$W/b"
  cd "$W/b" || fail "cd"
  cat >bench.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
typedef unsigned long (*op_fn)(unsigned long);
extern op_fn ops[2];
__attribute__((noinline)) static unsigned long run(unsigned long s, long n) {
  for (long i = 0; i < n; i++)
    s = ops[(i & 63) == 63](s + (unsigned long)i);
  return s;
}
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  unsigned long s = 1;
  for (long k = 0; k < n; k++)
    s = run(s, 20000);
  clock_gettime(CLOCK_MONOTONIC, &b);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  fprintf(stderr, "cpu %.4f wall %.4f\n",
          ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
          (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
  printf("%lu\n", s & 1);
  return 0;
}
EOF
  clang-14 $FLAGS bench.c ops.c -o bench || fail "clang-14 bench.c"
  n=${WORK:-800}
  rounds=${ROUNDS:-9}
  for hz in ${FREQUENCIES:-499 999}; do
    : >"$W/ratios"
    i=0
    while [ $i -lt "$rounds" ]; do
      a=$(./bench "$n" 2>&1 >/dev/null | sed -n 's/^cpu //p')
      b=$("$PGO" collect --frequency "$hz" -o "$W/o.prof" -- ./bench "$n" 2>&1 >/dev/null | sed -n 's/^cpu //p')
      echo "$a $b" | awk '{ if ($1 > 0 && $4 > 0) printf "%.4f %.4f\n", $4 / $1 - 1, $6 / $3 - 1 }' >>"$W/ratios"
      i=$((i + 1))
    done
    cpu=$(cut -d' ' -f1 "$W/ratios" | sort -n | awk '{ v[NR] = $1 } END { printf "%+.1f%%", 100 * v[int((NR + 1) / 2)] }')
    wall=$(cut -d' ' -f2 "$W/ratios" | sort -n | awk '{ v[NR] = $1 } END { printf "%+.1f%%", 100 * v[int((NR + 1) / 2)] }')
    echo "$hz Hz: median overhead CPU time $cpu, wall time $wall ($rounds alternating runs of $(echo "$a" | cut -d' ' -f1) s CPU)"
  done
}

command -v "case_$CASE" >/dev/null 2>&1 || { echo "collect.sh: unknown case '$CASE'" >&2; exit 2; }
"case_$CASE"
exit 0
