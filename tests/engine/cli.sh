#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Behavioural tests of the pgo program (cmake/engine), on real profiles made
# with clang-14 and llvm-profdata-14 (the sample_* cases: sample profiles
# made by llvm-profdata-14 and -22 from text):
#
#     sh cli.sh CASE WORKDIR PGO
#
# CASE is one of the functions case_* below; WORKDIR is emptied first; PGO
# is the built program. Exit 0: passed; 1: failed (the first line on stderr
# says what). Nothing is skipped: a missing required tool fails with an
# install hint; optional ones (gcc, clang-19) only narrow a case, with a
# note. Exit codes, stdout and stderr are compared exactly wherever pgo's
# callers parse them.
set -u

[ $# -eq 3 ] || { echo "usage: sh cli.sh CASE WORKDIR PGO" >&2; exit 2; }
CASE=$1 W=$2 PGO=$3
case $W in /*) ;; *) W=$(pwd)/$W ;; esac
case $PGO in /*) ;; *) PGO=$(pwd)/$PGO ;; esac
rm -rf "$W"
mkdir -p "$W" && cd "$W" || exit 1
CLANG=clang-14
PROFDATA=llvm-profdata-14

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

# pgo ARG...: runs pgo; sets rc, out and err (stdout/stderr, kept in files).
pgo() {
  "$PGO" "$@" >"$W/.out" 2>"$W/.err"
  rc=$?
  out=$(cat "$W/.out")
  err=$(cat "$W/.err")
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
  err=$(cat "$W/.err")
}

show() { printf 'exit code: %s\n--- stdout:\n%s\n--- stderr:\n%s' "$rc" "$out" "$err"; }

# exact FILE TEXT: FILE holds TEXT and one newline (nothing for "").
exact() {
  if [ -z "$2" ]; then [ ! -s "$1" ]; else printf '%s\n' "$2" | cmp -s - "$1"; fi
}

# expect WHAT RC STDOUT STDERR: the last pgo call, exactly.
expect() {
  [ "$rc" = "$2" ] || fail "$1: exit code $rc, expected $2" "$(show)"
  exact "$W/.out" "$3" || fail "$1: stdout differs; expected:" "$3
$(show)"
  exact "$W/.err" "$4" || fail "$1: stderr differs; expected:" "$4
$(show)"
}

# expect_rc WHAT RC
expect_rc() {
  [ "$rc" = "$2" ] || fail "$1: exit code $rc, expected $2" "$(show)"
}

# line KEY: the value of KEY=... in the last stdout.
line() { printf '%s\n' "$out" | sed -n "s/^$1=//p"; }

# no_temps DIR WHAT: DIR holds no .pgo-tmp.* file.
no_temps() {
  _t=$(ls -A "$1" 2>/dev/null | grep '^\.pgo-tmp\.')
  [ -z "$_t" ] || fail "$2: temporary files left in $1" "$_t"
}

mode_of() { stat -c %a "$1"; }
inode_of() { stat -c %i "$1"; }
size_of() { wc -c <"$1" | tr -d ' '; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# text_of PROFDATA: its text form on stdout (llvm-profdata-14 cannot -o -).
text_of() {
  $PROFDATA merge --text -o "$W/.text" "$1" || fail "llvm-profdata-14 merge --text $1"
  cat "$W/.text"
}

# has_line FILE-TEXT LINE
has_line() { printf '%s\n' "$1" | grep -qxF -- "$2"; }

# count_of PROFDATA NAME: the first counter (for IR profiles, the entry
# count) of the function whose name contains NAME.
count_of() {
  $PROFDATA show --counts "--function=$2" "$1" | sed -n 's/^ *Block counts: \[\([0-9]*\).*/\1/p' | head -n 1
}

# A dead process id.
dead_pid() {
  sh -c 'echo $$' >"$W/.pid"
  cat "$W/.pid"
}

# The training program: a loop, a static function (named "<file>:sq" in the
# profile) and main.
write_prog() {
  cat >"$1" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
static __attribute__((noinline)) int sq(int x) { return x * x + 1; }
__attribute__((noinline)) int work(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += sq(i) % 7;
  return s;
}
int main(int argc, char **argv) {
  printf("%d\n", work(argc > 1 ? atoi(argv[1]) : 100));
  return 0;
}
EOF
}

# make_profile OUT [N]: an IR profile of prog.c trained with argument N.
make_profile() {
  if [ ! -x "$W/.prog/prog" ]; then
    need "$CLANG" clang-14
    need "$PROFDATA" llvm-14
    mkdir -p "$W/.prog"
    write_prog "$W/.prog/prog.c"
    $CLANG -O2 -fprofile-generate "$W/.prog/prog.c" -o "$W/.prog/prog" ||
      fail "clang-14 -fprofile-generate failed: install libclang-rt-14-dev"
  fi
  rm -rf "$W/.prog/raw"
  mkdir -p "$W/.prog/raw"
  LLVM_PROFILE_FILE="$W/.prog/raw/p-%p.profraw" "$W/.prog/prog" "${2:-100}" >/dev/null ||
    fail "running the instrumented program"
  $PROFDATA merge -o "$1" "$W/.prog/raw"/*.profraw || fail "llvm-profdata-14 merge"
}

# A wrapper llvm-profdata that logs every call to $PGO_TEST_LOG.
make_logging_tool() {
  _real=$(command -v "$PROFDATA")
  mkdir -p "$(dirname "$1")"
  cat >"$1" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"\$PGO_TEST_LOG"
exec '$_real' "\$@"
EOF
  chmod +x "$1"
  # An old mtime: a tool changed in the last seconds is asked again.
  touch -d "$OLD" "$1"
}

calls() { wc -l <"$PGO_TEST_LOG" | tr -d ' '; }

OLD='2001-02-03 04:05:06'

# ---- check: every kind of bad input ------------------------------------------

case_check_matrix() {
  make_profile good.profdata 100
  size=$(size_of good.profdata)
  functions=$($PROFDATA show good.profdata | sed -n 's/^Total functions: //p')
  mkdir dir.profdata
  ln -s nowhere dangling.profdata
  : >empty.profdata
  head -c 10 good.profdata >short.profdata
  head -c 40 good.profdata >truncated.profdata
  head -c $((size - 16)) good.profdata >cut.profdata
  { head -c 40 good.profdata; printf AAAAAAAAAAAAAAAAAAAA; tail -c +61 good.profdata; } >corrupt.profdata
  printf ':ir\n' >empty.proftext
  $PROFDATA merge -o nofunctions.profdata empty.proftext || fail "merging an empty :ir profile"
  echo 'This is not a profile.' >garbage.profdata
  $PROFDATA merge --text -o text.proftext good.profdata || fail "llvm-profdata-14 merge --text"
  cp "$(ls .prog/raw/*.profraw | head -n 1)" raw.profraw
  printf 'adcg\000\000\000\000\000\000\000\000' >adcg.gcda
  printf 'gcda\000\000\000\000\000\000\000\000' >gcda.gcda
  cp good.profdata hashtype.profdata
  printf '\005' | dd of=hashtype.profdata bs=1 seek=24 conv=notrunc 2>/dev/null

  C=$W/bad-cache
  bad() {
    pgo check --profdata $PROFDATA --cache "$C" "$1"
    expect "check $1" 1 "reason=$2" ""
  }
  bad missing.profdata "does not exist"
  bad dir.profdata "is a directory, not a .profdata file"
  bad dangling.profdata "is not readable"
  bad empty.profdata "is empty"
  bad short.profdata "is truncated: its header points past its end (10 bytes)"
  bad truncated.profdata "is truncated: its header points past its end (40 bytes)"
  bad cut.profdata "is truncated: it has $((size - 16)) bytes, its header says $size"
  bad corrupt.profdata "is corrupt: llvm-profdata 14 crashed reading it"
  bad nofunctions.profdata "holds no functions (truncated or empty profile)"
  bad garbage.profdata "is not an LLVM .profdata file (bad magic)"
  bad text.proftext "is a text profile; convert it with llvm-profdata merge -o FILE.profdata"
  bad raw.profraw "is a raw .profraw file; merge raw profiles with llvm-profdata merge first"
  bad adcg.gcda "is a GCC .gcda file; this package uses clang IR PGO (.profdata)"
  bad gcda.gcda "is a GCC .gcda file; this package uses clang IR PGO (.profdata)"
  bad hashtype.profdata "cannot be read by llvm-profdata: unsupported instrumentation profile hash type"
  if command -v gcc >/dev/null 2>&1; then
    mkdir gcc && (cd gcc && cp ../.prog/prog.c . && gcc -O2 -fprofile-generate prog.c -o prog && ./prog 10 >/dev/null) ||
      fail "making a .gcda file with gcc"
    bad "$(ls gcc/*.gcda | head -n 1)" "is a GCC .gcda file; this package uses clang IR PGO (.profdata)"
  else
    note "gcc is not installed: checked only hand-made .gcda headers"
  fi
  no_temps "$C" "bad profiles"
  [ -z "$(ls "$C" 2>/dev/null | grep -E '\.(profdata|stat|copy)$')" ] ||
    fail "bad profiles left copies or records in $C" "$(ls -A "$C")"
  pass "bad profiles: exit 1 and exactly one reason= line each"

  C=$W/cache
  pgo check --profdata $PROFDATA --cache "$C" good.profdata
  expect_rc "check good.profdata" 0
  printf '%s\n' "$out" | grep -qE "^path=$C/[0-9a-f]{16}-[0-9a-f]{8}\\.profdata\$" || fail "path= line" "$(show)"
  copy=$(line path)
  hash=$(line hash)
  printf '%s\n' "$hash" | grep -qE '^[0-9a-f]{16}$' || fail "hash= line" "$(show)"
  expect "check good.profdata" 0 "path=$copy
functions=$functions
version=7
tool_version=7
kind=ir
hash=$hash" ""
  [ -f "$copy" ] || fail "the copy $copy exists"
  [ "$(mode_of "$copy")" = 644 ] || fail "the copy has mode 644" "$(mode_of "$copy")"
  $PROFDATA show "$copy" | grep -qx "Total functions: $functions" || fail "the copy holds the functions"
  pass "good profile: path, functions, version, tool_version, kind, hash"

  # The same bytes under other names, one an llvm-profdata option, one a
  # response file: same copy.
  cp good.profdata ./-dash.profdata
  cp good.profdata ./@resp.profdata
  pgo check --profdata $PROFDATA --cache "$C" -- -dash.profdata
  expect_rc "check -dash.profdata" 0
  [ "$(line path)" = "$copy" ] || fail "-dash.profdata: the same copy" "$(show)"
  pgo check --profdata $PROFDATA --cache "$C" @resp.profdata
  expect_rc "check @resp.profdata" 0
  [ "$(line path)" = "$copy" ] || fail "@resp.profdata: the same copy" "$(show)"
  pass "names starting with - and @ reach llvm-profdata as files"

  # Front-end instrumentation.
  $CLANG -O2 -fprofile-instr-generate .prog/prog.c -o fe || fail "clang-14 -fprofile-instr-generate"
  LLVM_PROFILE_FILE=$W/fe.profraw ./fe 10 >/dev/null
  $PROFDATA merge -o fe.profdata fe.profraw || fail "merging the FE profile"
  pgo check --profdata $PROFDATA --cache "$C" fe.profdata
  expect_rc "check fe.profdata" 0
  [ "$(line kind)" = fe ] || fail "kind=fe for a front-end profile" "$(show)"
  pass "front-end profile: kind=fe"
  no_temps "$C" "good profiles"

  # Usage and environment errors: exit 2, one "pgo: " line on stderr.
  usage() {
    expect_rc "$1" 2
    [ -z "$out" ] || fail "$1: nothing on stdout" "$(show)"
    [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] && case $err in "pgo: "*) true ;; *) false ;; esac ||
      fail "$1: one line starting 'pgo: ' on stderr" "$(show)"
    [ -z "${2:-}" ] || [ "$err" = "$2" ] || fail "$1: message" "expected: $2
$(show)"
  }
  U="pgo: usage: pgo check --profdata LLVM_PROFDATA --cache DIR [--source-root DIR] [--build-root DIR] PROFILE"
  pgo check --profdata $PROFDATA good.profdata
  usage "check without --cache" "$U"
  pgo check --profdata $PROFDATA --cache "$C"
  usage "check without PROFILE" "$U"
  pgo check --profdata $PROFDATA --cache "$C" a.profdata b.profdata
  usage "check with two profiles" "$U"
  pgo check --bogus x
  usage "check --bogus" "pgo: unknown option '--bogus'; usage: pgo check --profdata LLVM_PROFDATA --cache DIR [--source-root DIR] [--build-root DIR] PROFILE"
  pgo check --profdata $PROFDATA --cache "$C" good.profdata --source-root
  usage "--source-root without a value" "pgo: --source-root needs a folder"
  pgo check --profdata /no/such/llvm-profdata --cache "$C" good.profdata
  usage "a missing llvm-profdata" "pgo: llvm-profdata '/no/such/llvm-profdata' not found; set PGO_LLVM_PROFDATA_EXECUTABLE"
  pgo check --profdata /bin/true --cache "$W/cache-true" good.profdata
  usage "an llvm-profdata without a version"
  pgo frobnicate
  usage "an unknown command" "pgo: unknown command 'frobnicate'; usage: pgo --version | find-profdata | check | merge | run | clear | install | show | step | lock | collect | repeat | cc | compare | status | info | provenance ARGS..."
  pgo
  usage "no command"
  pgo --version
  expect "pgo --version" 0 "pgo 0.2.0" ""
  pass "usage errors: exit 2 with one pgo: line"
}

# ---- check: a profile in a newer format --------------------------------------

case_check_newer() {
  command -v llvm-profdata-19 >/dev/null 2>&1 || fail "llvm-profdata-19 not found: install llvm-19"
  make_profile good.profdata 100
  llvm-profdata-19 merge -o v12.profdata good.profdata || fail "llvm-profdata-19 merge"
  [ "$(od -An -tu1 -j8 -N1 v12.profdata | tr -d ' ')" = 12 ] || fail "llvm-profdata-19 writes format version 12"
  NEWER="reason=has format version 12, newer than llvm-profdata 14 reads (it writes version 7); it was written by a newer LLVM: re-train it with this compiler"
  pgo check --profdata $PROFDATA --cache "$W/cache" v12.profdata
  expect "check a v12 profile with llvm-profdata-14" 1 "$NEWER" ""
  no_temps "$W/cache" "the newer profile"
  pass "format version 12 under llvm-profdata 14: the newer reason"

  # A profile really trained by clang-19, when it can link instrumented code.
  if command -v clang-19 >/dev/null 2>&1 &&
    clang-19 -O2 -fprofile-generate .prog/prog.c -o prog19 2>/dev/null; then
    LLVM_PROFILE_FILE=$W/p19.profraw ./prog19 10 >/dev/null
    llvm-profdata-19 merge -o trained19.profdata p19.profraw || fail "llvm-profdata-19 merge of a clang-19 run"
    pgo check --profdata $PROFDATA --cache "$W/cache" trained19.profdata
    expect "check a clang-19 profile with llvm-profdata-14" 1 "$NEWER" ""
    pass "a clang-19 profile: the newer reason"
  else
    note "clang-19 with its profile runtime is not installed: the v12 file was converted by llvm-profdata-19"
  fi

  pgo check --profdata llvm-profdata-19 --cache "$W/cache19" v12.profdata
  expect_rc "check v12 with llvm-profdata-19" 0
  [ "$(line version)" = 12 ] && [ "$(line tool_version)" = 12 ] || fail "v12 under 19: version=12 tool_version=12" "$(show)"
  pgo check --profdata llvm-profdata-19 --cache "$W/cache19" good.profdata
  expect_rc "check v7 with llvm-profdata-19" 0
  [ "$(line version)" = 7 ] && [ "$(line tool_version)" = 12 ] || fail "v7 under 19: version=7 tool_version=12" "$(show)"
  pass "llvm-profdata-19 reads both: version and tool_version"
}

# ---- check: the cache --------------------------------------------------------

case_check_cache() {
  T=$W/bin/llvm-profdata
  make_logging_tool "$T"
  PGO_TEST_LOG=$W/log
  export PGO_TEST_LOG
  : >"$PGO_TEST_LOG"
  C=$W/cache
  make_profile a.profdata 100
  make_profile b.profdata 300
  cmp -s a.profdata b.profdata && fail "two different profiles"
  touch -d "$OLD" a.profdata b.profdata
  cp -p a.profdata x.profdata
  export PGO_DEBUG=1

  pgo check --profdata "$T" --cache "$C" x.profdata
  expect_rc "first check" 0
  first=$out
  copy_a=$(line path)
  n=$(calls)
  [ "$n" -ge 2 ] || fail "the first check runs llvm-profdata" "$(cat "$PGO_TEST_LOG")"
  pgo check --profdata "$T" --cache "$C" x.profdata
  expect "second check" 0 "$first" "pgo: debug: check: x.profdata: unchanged (stat record)"
  [ "$(calls)" = "$n" ] || fail "the second check runs nothing" "$(cat "$PGO_TEST_LOG")"
  pass "an unchanged profile: the second check spawns nothing (llvm-profdata log did not grow)"

  cp -p a.profdata y.profdata
  pgo check --profdata "$T" --cache "$C" y.profdata
  expect "same content, another path" 0 "$first" "pgo: debug: check: y.profdata: a copy of the same content exists ($copy_a)"
  [ "$(calls)" = "$n" ] || fail "a copy of the same content runs nothing" "$(cat "$PGO_TEST_LOG")"
  pass "same content under another path: the copy is reused, nothing spawned"

  # Just written (a racy mtime): hashed every time until it is old enough.
  touch x.profdata
  pgo check --profdata "$T" --cache "$C" x.profdata
  expect "touched" 0 "$first" "pgo: debug: check: x.profdata: a copy of the same content exists ($copy_a)"
  pgo check --profdata "$T" --cache "$C" x.profdata
  expect "touched, again at once" 0 "$first" "pgo: debug: check: x.profdata: a copy of the same content exists ($copy_a)"
  touch -d "$OLD" x.profdata
  pgo check --profdata "$T" --cache "$C" x.profdata
  expect_rc "back-dated" 0
  pgo check --profdata "$T" --cache "$C" x.profdata
  expect "back-dated, again" 0 "$first" "pgo: debug: check: x.profdata: unchanged (stat record)"
  [ "$(calls)" = "$n" ] || fail "touching a profile runs nothing" "$(cat "$PGO_TEST_LOG")"
  pass "a changed mtime or ctime: hashed, not re-checked; a fresh mtime is not trusted"

  # New content at x: a new copy; the old one stays while y's record uses it.
  cp -p b.profdata x.profdata
  pgo check --profdata "$T" --cache "$C" x.profdata
  expect_rc "new content" 0
  copy_b=$(line path)
  [ "$copy_b" != "$copy_a" ] || fail "new content, new copy" "$(show)"
  [ "$(calls)" -gt "$n" ] || fail "new content runs llvm-profdata"
  n=$(calls)
  [ -f "$copy_a" ] || fail "the old copy stays while y.profdata's record refers to it"
  cp -p b.profdata y.profdata
  pgo check --profdata "$T" --cache "$C" y.profdata
  expect_rc "y gets the new content" 0
  [ "$(line path)" = "$copy_b" ] || fail "y: the copy of b" "$(show)"
  [ "$(calls)" = "$n" ] || fail "y: nothing run"
  [ ! -e "$copy_a" ] && [ ! -e "${copy_a%.profdata}.copy" ] || fail "the copy nothing refers to any more is removed" "$(ls -A "$C")"
  pass "old copies are removed once no profile's record refers to them"

  # Another llvm-profdata, other roots: other copies.
  pgo check --profdata $PROFDATA --cache "$C" x.profdata
  expect_rc "another tool" 0
  copy_t=$(line path)
  [ "${copy_t%-*}" = "${copy_b%-*}" ] && [ "$copy_t" != "$copy_b" ] || fail "another tool: same content hash, other tool key" "$copy_t vs $copy_b"
  pgo check --profdata "$T" --cache "$C" x.profdata
  expect_rc "the first tool again" 0
  [ "$(line path)" = "$copy_b" ] || fail "the first tool again: its copy" "$(show)"
  [ "$(calls)" = "$n" ] || fail "the first tool again: nothing run"
  [ ! -e "$copy_t" ] || fail "the other tool's copy is removed once unused"
  pgo check --profdata "$T" --cache "$C" --source-root "$W/src" x.profdata
  expect_rc "with a source root" 0
  copy_r=$(line path)
  [ "$copy_r" != "$copy_b" ] || fail "roots: another copy"
  [ "$(calls)" -gt "$n" ] || fail "roots: llvm-profdata runs"
  n=$(calls)
  pgo check --profdata "$T" --cache "$C" --source-root "$W/src" x.profdata
  expect_rc "with a source root, again" 0
  [ "$(line path)" = "$copy_r" ] && [ "$(calls)" = "$n" ] || fail "roots, again: the same copy, nothing run"
  pass "the copy depends on the tool and the roots"

  # A removed copy is made again; a damaged record is ignored.
  rm -f "$copy_r"
  pgo check --profdata "$T" --cache "$C" --source-root "$W/src" x.profdata
  expect_rc "copy removed" 0
  [ "$(line path)" = "$copy_r" ] && [ -f "$copy_r" ] && [ "$(calls)" -gt "$n" ] || fail "a removed copy is made again" "$(show)"
  n=$(calls)
  for f in "$C"/*.stat "$C"/*.copy "$C"/*.tool; do echo garbage >"$f"; done
  pgo check --profdata "$T" --cache "$C" --source-root "$W/src" x.profdata
  expect_rc "damaged records" 0
  [ "$(line path)" = "$copy_r" ] || fail "damaged records: the same copy" "$(show)"
  pass "a removed copy is made again; damaged records are not trusted"

  # Stale temporary files of dead processes go, live ones stay.
  dead=$(dead_pid)
  : >"$C/.pgo-tmp.$dead.1.profdata"
  : >"$C/.pgo-tmp.$$.1.profdata"
  make_profile c.profdata 50
  pgo check --profdata "$T" --cache "$C" c.profdata
  expect_rc "check c.profdata" 0
  [ ! -e "$C/.pgo-tmp.$dead.1.profdata" ] || fail "a dead process's temporary file is removed"
  [ -e "$C/.pgo-tmp.$$.1.profdata" ] || fail "a live process's temporary file stays"
  rm -f "$C/.pgo-tmp.$$.1.profdata"
  no_temps "$C" "the cache"

  # Parallel checks of one new profile agree.
  make_profile d.profdata 77
  unset PGO_DEBUG
  for i in 1 2 3 4; do "$PGO" check --profdata "$T" --cache "$C" d.profdata >"$W/par.$i" 2>&1 & done
  wait
  for i in 2 3 4; do cmp -s "$W/par.1" "$W/par.$i" || fail "parallel checks agree" "$(cat "$W/par.1" "$W/par.$i")"; done
  grep -q '^path=' "$W/par.1" || fail "parallel checks succeed" "$(cat "$W/par.1")"
  no_temps "$C" "parallel checks"
  pass "stale temporary files, parallel checks"
}

# ---- check: the time of an unchanged large profile ---------------------------

case_check_speed() {
  need "$PROFDATA" llvm-14
  T=$W/bin/llvm-profdata
  make_logging_tool "$T"
  PGO_TEST_LOG=$W/log
  export PGO_TEST_LOG
  : >"$PGO_TEST_LOG"
  awk 'BEGIN {
    print ":ir"
    for (f = 0; f < 20000; f++) {
      printf "fn_%05d\n%d\n%d\n", f, 1000 + f, 120
      for (c = 0; c < 120; c++) print (f * 7 + c) % 1000 + 1
      print ""
    }
  }' >big.proftext
  $PROFDATA merge -o big.profdata big.proftext || fail "merging the large profile"
  rm -f big.proftext
  touch -d "$OLD" big.profdata
  bytes=$(size_of big.profdata)
  t0=$(now_ms)
  pgo check --profdata "$T" --cache "$W/cache" big.profdata
  t1=$(now_ms)
  expect_rc "first check of the large profile" 0
  first=$out
  [ "$(line functions)" = 20000 ] || fail "20000 functions" "$(show)"
  n=$(calls)
  pgo check --profdata "$T" --cache "$W/cache" big.profdata
  t2=$(now_ms)
  expect "second check" 0 "$first" ""
  cp -p big.profdata big2.profdata
  t3=$(now_ms)
  pgo check --profdata "$T" --cache "$W/cache" big2.profdata
  t4=$(now_ms)
  expect "same content, new path" 0 "$first" ""
  [ "$(calls)" = "$n" ] || fail "unchanged large profile: nothing spawned" "$(cat "$PGO_TEST_LOG")"
  printf 'timing: %s bytes, 20000 functions: first check %s ms, second (stat record) %s ms, same content under a new name (hashed) %s ms\n' \
    "$bytes" $((t1 - t0)) $((t2 - t1)) $((t4 - t3))
  [ $((t2 - t1)) -lt 1000 ] || fail "the second check takes under a second" "$((t2 - t1)) ms"
  [ $((t4 - t3)) -lt 2000 ] || fail "hashing the large profile takes under two seconds" "$((t4 - t3)) ms"
  pass "a large unchanged profile costs nothing"
}

# ---- portable names: merge with roots, check for another tree ----------------

case_portable() {
  need "$CLANG" clang-14
  need "$PROFDATA" llvm-14
  S1=$W/one
  mkdir -p "$S1/src" "$S1/build"
  write_prog "$S1/src/prog.c"
  sed -i 's/printf("%d\\n", work(/printf("%d %d\\n", gen_entry(3), work(/' "$S1/src/prog.c"
  sed -i '1i int gen_entry(int);' "$S1/src/prog.c"
  cat >"$S1/build/gen.c" <<'EOF'
static __attribute__((noinline)) int gen_static(int x) { return x * 3; }
int gen_entry(int n) { int s = 0; for (int i = 0; i < n; i++) s += gen_static(i); return s; }
EOF
  $CLANG -O2 -fprofile-generate "$S1/src/prog.c" "$S1/build/gen.c" -o "$S1/build/app" || fail "building the instrumented app"
  pgo run --raw-dir "$W/raw" --name t1 -- "$S1/build/app" 100
  direct=$(LLVM_PROFILE_FILE=$W/direct.profraw "$S1/build/app" 100)
  expect "pgo run" 0 "$direct" ""
  pgo merge --profdata $PROFDATA -o "$W/plain.profdata" --raw-dir "$W/raw" t1
  expect_rc "merge without roots" 0
  functions=$($PROFDATA show "$W/plain.profdata" | sed -n 's/^Total functions: //p')
  pgo merge --profdata $PROFDATA -o "$W/portable.profdata" --source-root "$S1" --build-root "$S1/build" --raw-dir "$W/raw" t1
  expect "merge with roots" 0 "pgo: merged 1 raw profiles into $W/portable.profdata ($functions functions)" ""
  text=$(text_of "$W/portable.profdata")
  has_line "$text" "./src/prog.c:sq" || fail "merge: ./src/prog.c:sq" "$text"
  has_line "$text" "@build/gen.c:gen_static" || fail "merge: @build/gen.c:gen_static (the build root first)" "$text"
  ! printf '%s\n' "$text" | grep -qF "$S1" || fail "merge: no absolute path left" "$text"
  plain=$(text_of "$W/plain.profdata")
  has_line "$plain" "$S1/src/prog.c:sq" || fail "merge without roots keeps absolute names" "$plain"
  pass "merge --source-root/--build-root: ./file.c:name and @build/file.c:name"

  # Another checkout, its build tree outside its sources.
  S2=$W/two
  B2=$W/two-build
  mkdir -p "$S2" "$B2"
  cp -r "$S1/src" "$S2/src"
  cp "$S1/build/gen.c" "$B2/gen.c"
  pgo check --profdata $PROFDATA --cache "$W/cache" --source-root "$S2" --build-root "$B2" "$W/portable.profdata"
  expect_rc "check for the other tree" 0
  copy=$(line path)
  [ "$(line functions)" = "$functions" ] || fail "check: functions" "$(show)"
  text=$(text_of "$copy")
  has_line "$text" "$S2/src/prog.c:sq" || fail "check: $S2/src/prog.c:sq" "$text"
  has_line "$text" "$B2/gen.c:gen_static" || fail "check: $B2/gen.c:gen_static" "$text"
  ! printf '%s\n' "$text" | grep -qE '^(\./|@build/)' || fail "check: no relative name left" "$text"
  pass "check --source-root/--build-root: absolute names under the new roots"

  # clang uses the copy: no static function without profile data.
  for f in "$S2/src/prog.c" "$B2/gen.c"; do
    $CLANG -O2 "-fprofile-use=$copy" -mllvm -pgo-warn-missing-function -c "$f" -o "$W/x.o" 2>"$W/warn" ||
      fail "clang-14 -fprofile-use=$copy $f" "$(cat "$W/warn")"
    ! grep -q 'no profile data available' "$W/warn" || fail "clang-14 finds every function of $f" "$(cat "$W/warn")"
  done
  $CLANG -O2 "-fprofile-use=$W/portable.profdata" -mllvm -pgo-warn-missing-function -c "$S2/src/prog.c" -o "$W/x.o" 2>"$W/warn"
  grep -q 'no profile data available for function sq' "$W/warn" ||
    fail "(control) without renaming, clang misses sq" "$(cat "$W/warn")"
  pass "clang-14 -fprofile-use finds the renamed static functions"

  # Nothing to rename: the profile is kept as it is.
  pgo merge --profdata $PROFDATA -o "$W/nomatch.profdata" --source-root /no/such/root --raw-dir "$W/raw" t1
  expect_rc "merge with roots that match nothing" 0
  cmp -s "$W/nomatch.profdata" "$W/plain.profdata" || fail "roots that match nothing: the same bytes as no roots"
  pgo check --profdata $PROFDATA --cache "$W/cache-a" "$W/plain.profdata"
  expect_rc "check without roots" 0
  c1=$(line path)
  pgo check --profdata $PROFDATA --cache "$W/cache-b" --source-root /no/such/root "$W/plain.profdata"
  expect_rc "check with roots that match nothing" 0
  c2=$(line path)
  [ "${c1##*-}" != "${c2##*-}" ] && cmp -s "$c1" "$c2" || fail "check with roots that match nothing: another copy with the same bytes"
  pass "no name to rename: no text round trip"

  # LLVM 18 and later write "file.c;name".
  if command -v clang-19 >/dev/null 2>&1 && command -v llvm-profdata-19 >/dev/null 2>&1 &&
    clang-19 -O2 -fprofile-generate "$S1/src/prog.c" "$S1/build/gen.c" -o "$S1/build/app19" 2>/dev/null; then
    pgo run --raw-dir "$W/raw19" --name t1 -- "$S1/build/app19" 100
    expect_rc "pgo run (19)" 0
    pgo merge --profdata llvm-profdata-19 -o "$W/p19.profdata" --source-root "$S1" --build-root "$S1/build" --raw-dir "$W/raw19" t1
    expect_rc "merge with roots (19)" 0
    llvm-profdata-19 merge --text -o "$W/p19.txt" "$W/p19.profdata"
    grep -qxF './src/prog.c;sq' "$W/p19.txt" || fail "merge (19): ./src/prog.c;sq" "$(cat "$W/p19.txt")"
    pgo check --profdata llvm-profdata-19 --cache "$W/cache19" --source-root "$S2" --build-root "$B2" "$W/p19.profdata"
    expect_rc "check (19)" 0
    llvm-profdata-19 merge --text -o "$W/c19.txt" "$(line path)"
    grep -qxF "$S2/src/prog.c;sq" "$W/c19.txt" || fail "check (19): $S2/src/prog.c;sq" "$(cat "$W/c19.txt")"
    grep -qxF "$B2/gen.c;gen_static" "$W/c19.txt" || fail "check (19): $B2/gen.c;gen_static" "$(cat "$W/c19.txt")"
    pass "LLVM 19 names (file.c;name) round trip"
  else
    note "clang-19 with its profile runtime is not installed: the ';' names are covered by engine.portable_names only"
  fi
}

# ---- merge -------------------------------------------------------------------

case_merge() {
  make_profile unused.profdata
  P=$W/.prog/prog
  R=$W/raw
  OUT=$W/out/default.profdata
  for spec in r1:10 r2:20; do
    pgo run --raw-dir "$R" --name "${spec%:*}" -- "$P" "${spec#*:}"
    expect_rc "pgo run ${spec%:*}" 0
  done
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" r1 r2
  expect "merge r1 r2" 0 "pgo: merged 2 raw profiles into $OUT (3 functions)" ""
  [ "$(count_of "$OUT" sq)" = 30 ] || fail "unweighted: sq called 10 + 20 times" "$(count_of "$OUT" sq)"
  [ "$(mode_of "$OUT")" = 644 ] || fail "umask 022: mode 644" "$(mode_of "$OUT")"
  ino=$(inode_of "$OUT")
  ln "$OUT" "$W/old.profdata"
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" r1 r2=3
  expect "merge r1 r2=3" 0 "pgo: merged 2 raw profiles into $OUT (3 functions)" ""
  [ "$(count_of "$OUT" sq)" = 70 ] || fail "weighted: sq counts 10 + 3 * 20" "$(count_of "$OUT" sq)"
  [ "$(inode_of "$OUT")" != "$ino" ] || fail "OUT is replaced by a rename, not rewritten"
  [ "$(count_of "$W/old.profdata" sq)" = 30 ] || fail "a hard link to the old OUT keeps the old profile"
  (umask 027 && "$PGO" merge --profdata $PROFDATA -o "$W/out/masked.profdata" --raw-dir "$R" r1 >/dev/null) ||
    fail "merge under umask 027"
  [ "$(mode_of "$W/out/masked.profdata")" = 640 ] || fail "umask 027: mode 640" "$(mode_of "$W/out/masked.profdata")"
  pgo merge --profdata $PROFDATA -o "$W/new/deep/x.profdata" --raw-dir "$R" r1
  expect_rc "merge into a new folder" 0
  [ -f "$W/new/deep/x.profdata" ] || fail "merge creates the folder of OUT"
  pass "merge: weights, mode 0644 & ~umask, atomic replacement, OUT's folder created"

  : >"$R/r1.99999-0.profraw"
  pgo merge --profdata $PROFDATA -o "$W/out/empty-skipped.profdata" --raw-dir "$R" r1
  expect "an empty raw profile is skipped" 0 "pgo: merged 1 raw profiles into $W/out/empty-skipped.profdata (3 functions)" ""

  cp "$OUT" "$W/before.profdata"
  pgo run --raw-dir "$R" --name r3 -- sh -c 'exit 1'
  expect_rc "a failing training run" 1
  [ ! -e "$R/r3.ok" ] || fail "a failing run leaves no r3.ok"
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" r1 r3
  expect "merge with a failed run" 1 "" "pgo: training run 'r3' failed or did not run (see its output above); kept the previous profile $OUT"
  cmp -s "$OUT" "$W/before.profdata" || fail "a refused merge keeps OUT"
  pgo merge --profdata $PROFDATA -o "$W/out/none.profdata" --raw-dir "$R" r1 r3
  expect "merge with a failed run, no OUT yet" 1 "" "pgo: training run 'r3' failed or did not run (see its output above); no profile was written"
  [ ! -e "$W/out/none.profdata" ] || fail "a refused merge writes no OUT"
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" ghost
  expect "merge of a run that never ran" 1 "" "pgo: training run 'ghost' failed or did not run (see its output above); kept the previous profile $OUT"
  pgo run --raw-dir "$R" --name nothing -- true
  expect_rc "a run of no instrumented program" 0
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" r1 nothing
  expect "merge of a run without raw profiles" 1 "" "pgo: training run 'nothing' wrote no raw profile: its command must run an instrumented binary (built by pgo_instrument); kept the previous profile $OUT"
  pgo merge --profdata $PROFDATA -o "$W/out/none.profdata" --raw-dir "$R" nothing
  expect "the same, no OUT yet" 1 "" "pgo: training run 'nothing' wrote no raw profile: its command must run an instrumented binary (built by pgo_instrument); no profile was written"
  pass "merge refuses failed runs and runs without data, and keeps OUT"

  : >"$R/junk.ok"
  echo 'not a raw profile' >"$R/junk.1.profraw"
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" junk
  expect_rc "merge of garbage" 1
  [ "$(printf '%s\n' "$err" | tail -n 1)" = "pgo: llvm-profdata merge failed; kept the previous profile $OUT" ] ||
    fail "merge of garbage: message" "$(show)"
  printf ':ir\n' >"$W/e.proftext"
  : >"$R/zero.ok"
  $PROFDATA merge -o "$R/zero.1.profraw" "$W/e.proftext"
  pgo merge --profdata $PROFDATA -o "$W/out/none.profdata" --raw-dir "$R" zero
  expect "merge of no functions" 1 "" "pgo: the merged profile holds no functions; no profile was written"
  cmp -s "$OUT" "$W/before.profdata" || fail "failed merges keep OUT"
  [ ! -e "$W/out/none.profdata" ] || fail "failed merges write no new OUT"
  no_temps "$W/out" "failed merges"
  pass "llvm-profdata failures and empty results keep OUT and leave no temporary file"

  dead=$(dead_pid)
  : >"$W/out/.pgo-tmp.$dead.7.profdata"
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" r1
  expect_rc "merge after a killed merge" 0
  no_temps "$W/out" "merge"
  pass "merge removes the temporary files of dead processes"

  for w in x 0 -1 1.5 ""; do
    pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R" "r1=$w"
    expect "bad weight '$w'" 2 "" "pgo: bad weight '$w' for training run 'r1': use a whole number from 1 up"
  done
  pgo merge --profdata $PROFDATA -o "$OUT" --raw-dir "$R"
  expect_rc "merge without names" 2
  pgo merge --profdata $PROFDATA --raw-dir "$R" r1
  expect_rc "merge without -o" 2
  pgo merge --profdata $PROFDATA -o "$OUT" r1
  expect_rc "merge without --raw-dir" 2
  pass "merge usage errors exit 2"
}

# ---- run ---------------------------------------------------------------------

case_run() {
  R=$W/raw
  pgo run --raw-dir "$R" --name args -- printf '[%s]\n' 'a b' '$(touch X)' '`touch X`' "'" '"' ';' '' '*'
  expect "arguments verbatim" 0 "[a b]
[\$(touch X)]
[\`touch X\`]
[']
[\"]
[;]
[]
[*]" ""
  [ ! -e X ] || fail "no shell ran the arguments"
  [ -f "$R/args.ok" ] || fail "a successful run leaves NAME.ok"
  pgo run --raw-dir "$R" --name env -- sh -c 'printf "%s\n" "$LLVM_PROFILE_FILE"; pwd'
  expect "LLVM_PROFILE_FILE and the working directory" 0 "$R/env.%p-%m.profraw
$W" ""
  pass "run: arguments as given, LLVM_PROFILE_FILE, cwd and stdio inherited"

  : >"$R/n.ok"
  : >"$R/n.1-2.profraw"
  : >"$R/n.x.y.profraw"
  : >"$R/n2.1.profraw"
  : >"$R/other.1.profraw"
  : >"$R/n.keep"
  pgo run --raw-dir "$R" --name n -- sh -c 'exit 7'
  expect "exit status 7" 7 "" ""
  [ ! -e "$R/n.ok" ] && [ ! -e "$R/n.1-2.profraw" ] && [ ! -e "$R/n.x.y.profraw" ] ||
    fail "a run removes its own NAME.ok and NAME.*.profraw first" "$(ls -A "$R")"
  [ -e "$R/n2.1.profraw" ] && [ -e "$R/other.1.profraw" ] && [ -e "$R/n.keep" ] ||
    fail "a run keeps other runs' files" "$(ls -A "$R")"
  pgo run --raw-dir "$R" --name k -- sh -c 'kill -KILL $$'
  expect "killed by SIGKILL" 137 "" ""
  [ ! -e "$R/k.ok" ] || fail "a killed run leaves no .ok"
  pgo run --raw-dir "$R" --name nf -- no-such-command-pgo-test
  expect "command not found" 127 "" "pgo: cannot run 'no-such-command-pgo-test': No such file or directory"
  pass "run: exit status and 128+signal passed on, no .ok on failure"

  make_profile unused.profdata
  pgo run --raw-dir "$W/new/raw" --name train -- "$W/.prog/prog" 5
  expect_rc "an instrumented program" 0
  ls "$W/new/raw"/train.*-*.profraw >/dev/null 2>&1 || fail "the raw profile is named NAME.<pid>-<module>.profraw" "$(ls -A "$W/new/raw")"
  [ -f "$W/new/raw/train.ok" ] || fail "train.ok"
  pass "run: creates RAWDIR; the raw profile follows LLVM_PROFILE_FILE"

  # SIGTERM to pgo reaches the command; its exit status comes back.
  "$PGO" run --raw-dir "$R" --name term -- sh -c "sleep 60 & s=\$!; trap 'kill \$s; echo got >\"$W/term\"; exit 5' TERM; echo ready >\"$W/ready\"; wait \$s" &
  pid=$!
  i=0
  while [ ! -e "$W/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  kill -TERM $pid
  wait $pid
  st=$?
  [ "$st" = 5 ] || fail "SIGTERM forwarded: the command's exit status 5" "exit $st"
  [ "$(cat "$W/term" 2>/dev/null)" = got ] || fail "SIGTERM forwarded: the command saw it"
  pass "run forwards SIGTERM"

  pgo run --raw-dir "$R" --name x
  expect_rc "run without a command" 2
  pgo run --name x -- true
  expect_rc "run without --raw-dir" 2
  pgo run --raw-dir "$R" --name a/b -- true
  expect_rc "run with a / in NAME" 2
}

# ---- install -------------------------------------------------------------------

case_install() {
  mkdir -p src dest
  echo "profile one" >src/a.profdata
  chmod 600 src/a.profdata
  pgo install src/missing.profdata dest/default.profdata
  expect "install of a missing profile" 1 "" "pgo: no trained profile at src/missing.profdata: run pgo_train first"
  pgo install src dest/default.profdata
  expect "install of a folder" 1 "" "pgo: no trained profile at src: run pgo_train first"
  pgo install src/a.profdata dest/default.profdata
  expect "install" 0 "pgo: updated dest/default.profdata" ""
  cmp -s src/a.profdata dest/default.profdata || fail "install copies the content"
  [ "$(mode_of dest/default.profdata)" = 644 ] || fail "install: mode 644, not the source's 600" "$(mode_of dest/default.profdata)"
  ln dest/default.profdata old-link
  ino=$(inode_of dest/default.profdata)
  echo "profile two" >src/a.profdata
  (umask 027 && "$PGO" install src/a.profdata dest/default.profdata >/dev/null) || fail "install under umask 027"
  [ "$(cat dest/default.profdata)" = "profile two" ] || fail "install replaces DEST"
  [ "$(cat old-link)" = "profile one" ] && [ "$(inode_of dest/default.profdata)" != "$ino" ] ||
    fail "install replaces DEST by a rename (a hard link keeps the old file)"
  [ "$(mode_of dest/default.profdata)" = 640 ] || fail "umask 027: mode 640" "$(mode_of dest/default.profdata)"
  no_temps dest "install"
  dead=$(dead_pid)
  : >"dest/.pgo-tmp.$dead.1.profdata"
  pgo install src/a.profdata dest/default.profdata
  expect_rc "install again" 0
  no_temps dest "install removes stale temporary files"
  pgo install src/a.profdata "$W/no/such/dir/default.profdata"
  expect_rc "install into a missing folder" 3
  case $err in "pgo: cannot write next to $W/no/such/dir/default.profdata (in $W/no/such/dir): No such file or directory") ;;
    *) fail "install into a missing folder: the message names the folder" "$(show)" ;; esac
  pgo install a
  expect_rc "install with one argument" 2
  pass "install: content only, mode 0644 & ~umask, atomic, messages"
}

# ---- clear ---------------------------------------------------------------------

case_clear() {
  pgo clear "$W/new/raw"
  expect "clear creates RAWDIR" 0 "" ""
  [ -d "$W/new/raw" ] || fail "clear creates RAWDIR"
  R=$W/raw
  mkdir -p "$R/sub.profraw"
  dead=$(dead_pid)
  for f in a.1-2.profraw b.ok .hidden.profraw .hidden.ok notes.txt "x.profraw.bak" \
    ".pgo-tmp.$dead.1.profdata" ".pgo-tmp.$$.2.profdata"; do
    : >"$R/$f"
  done
  pgo clear "$R"
  expect "clear" 0 "" ""
  left=$(ls -A "$R" | sort | tr '\n' ' ')
  [ "$left" = ".hidden.ok .hidden.profraw .pgo-tmp.$$.2.profdata notes.txt sub.profraw x.profraw.bak " ] ||
    fail "clear removes *.profraw, *.ok and dead processes' temporary files only" "$left"
  pgo clear
  expect_rc "clear without RAWDIR" 2
  pgo clear a b
  expect_rc "clear with two folders" 2
  pass "clear"
}

# ---- show ----------------------------------------------------------------------

case_show() {
  make_profile good.profdata
  size=$(size_of good.profdata)
  pgo check --profdata $PROFDATA --cache "$W/cache" good.profdata
  hash=$(line hash)
  pgo show good.profdata
  expect "show" 0 "kind=ir
version=7
hash=$hash
size=$size" ""
  pgo show --profdata $PROFDATA good.profdata
  expect "show --profdata" 0 "kind=ir
version=7
functions=3
hash=$hash
size=$size" ""
  : >empty.profdata
  pgo show empty.profdata
  expect "show of an empty file" 1 "reason=is empty" ""
  { head -c 40 good.profdata; printf AAAAAAAAAAAAAAAAAAAA; tail -c +61 good.profdata; } >corrupt.profdata
  pgo show --profdata $PROFDATA corrupt.profdata
  expect "show of a corrupt file" 1 "reason=is corrupt: llvm-profdata 14 crashed reading it" ""
  pgo show
  expect_rc "show without a profile" 2
  pass "show"
}

# ---- paths with shell syntax in every argument -----------------------------------

case_quoting() {
  need "$CLANG" clang-14
  need "$PROFDATA" llvm-14
  Q="$W/we ird;x'y\"z\$(touch X)\`touch X\`"
  mkdir -p "$Q/src" "$Q/bin"
  [ -d "$Q/src" ] || fail "making $Q"
  write_prog "$Q/src/prog.c"
  $CLANG -O2 -fprofile-generate "$Q/src/prog.c" -o "$Q/bin/app" || fail "building in $Q"
  T="$Q/bin/llvm profdata;\$(touch X)"
  PGO_TEST_LOG=$Q/log
  export PGO_TEST_LOG
  make_logging_tool "$T"
  NAME="n a;m'e\"\$(touch X)\`touch X\`"
  R="$Q/raw dir"

  pgo run --raw-dir "$R" --name "$NAME" -- "$Q/bin/app" 50
  expect_rc "run" 0
  [ -f "$R/$NAME.ok" ] || fail "run: NAME.ok" "$(ls -A "$R")"
  ls "$R" | grep -q '\.profraw$' || fail "run: a raw profile" "$(ls -A "$R")"
  OUT="$Q/out;'\"/o \$(touch X).profdata"
  pgo merge --profdata "$T" -o "$OUT" --source-root "$Q" --build-root "$Q/bin" --raw-dir "$R" "$NAME=2"
  expect "merge" 0 "pgo: merged 1 raw profiles into $OUT (3 functions)" ""
  has_line "$(text_of "$OUT")" "./src/prog.c:sq" || fail "merge renamed below the odd source root" "$(text_of "$OUT")"
  touch -d "$OLD" "$OUT"
  C="$Q/cache \$(touch X)"
  S2="$Q/other root;\`touch X\`"
  pgo check --profdata "$T" --cache "$C" --source-root "$S2" --build-root "$Q/b'" "$OUT"
  expect_rc "check" 0
  first=$out
  copy=$(line path)
  case $copy in "$C/"*.profdata) ;; *) fail "check: the copy is in the cache" "$(show)" ;; esac
  has_line "$(text_of "$copy")" "$S2/src/prog.c:sq" || fail "check renamed below the odd root" "$(text_of "$copy")"
  n=$(calls)
  pgo check --profdata "$T" --cache "$C" --source-root "$S2" --build-root "$Q/b'" "$OUT"
  expect "check again" 0 "$first" ""
  [ "$(calls)" = "$n" ] || fail "check again: nothing run"
  cp "$OUT" "$Q/hash type.profdata"
  printf '\005' | dd of="$Q/hash type.profdata" bs=1 seek=24 conv=notrunc 2>/dev/null
  pgo check --profdata "$T" --cache "$C" "$Q/hash type.profdata"
  expect "a bad profile" 1 "reason=cannot be read by llvm-profdata: unsupported instrumentation profile hash type" ""
  pgo check --profdata "$T" --cache "$C" "$Q/missing \$(touch X).profdata"
  expect "a missing profile" 1 "reason=does not exist" ""
  pgo show --profdata "$T" "$OUT"
  expect_rc "show" 0
  DEST="$Q/inst \`touch X\`/de'st.profdata"
  mkdir -p "$(dirname "$DEST")"
  pgo install "$OUT" "$DEST"
  expect "install" 0 "pgo: updated $DEST" ""
  cmp -s "$OUT" "$DEST" || fail "install copied"
  pgo clear "$R"
  expect "clear" 0 "" ""
  [ -z "$(ls "$R" | grep -E '\.(ok|profraw)$')" ] || fail "clear emptied $R" "$(ls -A "$R")"
  ln -s "$(command -v $CLANG)" "$Q/bin/cc \$(touch X)"
  pgo find-profdata --compiler "$Q/bin/cc \$(touch X)" --profdata "$T"
  expect "find-profdata" 0 "profdata=$T
major=14" ""
  pgo find-profdata --compiler "$Q/bin/cc \$(touch X)"
  expect_rc "find-profdata through a symbolic link" 0

  found=$(find "$W" -name X)
  [ -z "$found" ] || fail "a shell ran a path: X was created" "$found"
  for d in "$W" "$HOME" / /tmp "$(dirname "$PGO")"; do
    [ ! -e "$d/X" ] || fail "a shell ran a path: $d/X was created"
  done
  pass "spaces, ; ' \" \$(...) and backticks in every path: no shell, no file X"
}

# ---- find-profdata -------------------------------------------------------------

case_find_profdata() {
  need "$CLANG" clang-14
  sib=$(dirname "$(readlink -f "$(command -v $CLANG)")")/llvm-profdata
  pgo find-profdata --compiler $CLANG
  expect "find-profdata clang-14" 0 "profdata=$sib
major=14" ""
  pgo find-profdata --compiler "$(command -v $CLANG)" --profdata ""
  expect "find-profdata by path, empty --profdata" 0 "profdata=$sib
major=14" ""
  pgo find-profdata --compiler $CLANG --profdata $PROFDATA
  expect "find-profdata --profdata llvm-profdata-14" 0 "profdata=$PROFDATA
major=14" ""
  if command -v llvm-profdata-19 >/dev/null 2>&1; then
    pgo find-profdata --compiler $CLANG --profdata llvm-profdata-19
    expect "find-profdata --profdata llvm-profdata-19" 2 "" "pgo: 'llvm-profdata-19' is llvm-profdata 19 but the compiler is clang 14; profiles are tied to one LLVM major version: use llvm-profdata-14"
  else
    note "llvm-profdata-19 is not installed: the mismatch message is checked with a fake below"
  fi
  pgo find-profdata --compiler $CLANG --profdata /bin/true
  expect "find-profdata --profdata /bin/true" 2 "" "pgo: '/bin/true' is not a working llvm-profdata; set PGO_LLVM_PROFDATA_EXECUTABLE to llvm-profdata-14"
  pgo find-profdata --compiler no-such-cc-pgo-test
  expect "find-profdata of a missing compiler" 2 "" "pgo: cannot read the version of compiler 'no-such-cc-pgo-test' (-dumpversion)"
  pgo find-profdata
  expect_rc "find-profdata without --compiler" 2

  # A fake toolchain alone in PATH.
  F=$W/fake
  mkdir -p "$F/bin" "$F/real"
  fake() { # FILE DUMPVERSION-OUTPUT MERGE-VERSION-OUTPUT
    printf '#!/bin/sh\ncase "$1 ${2:-}" in\n  "-dumpversion ") printf "%%s\\n" "%s" ;;\n  "merge --version") printf "%%s\\n" "%s" ;;\nesac\n' "$2" "$3" >"$1"
    chmod +x "$1"
  }
  fake "$F/real/realcc" 14.0.6 ""
  fake "$F/real/llvm-profdata" "" "Debian LLVM version 14.0.6"
  ln -s ../real/realcc "$F/bin/cc-link"
  fake "$F/bin/cc99" 99.1.0 ""
  pgo_in_path "$F/bin" find-profdata --compiler cc-link
  expect "the sibling of the compiler's real path" 0 "profdata=$F/real/llvm-profdata
major=14" ""
  pgo_in_path "$F/bin" find-profdata --compiler cc99
  expect "no llvm-profdata at all" 2 "" "pgo: no llvm-profdata for clang 99 found: install llvm-99 (package llvm-99) or set PGO_LLVM_PROFDATA_EXECUTABLE"
  fake "$F/bin/llvm-profdata" "" "LLVM version 98.0.1"
  pgo_in_path "$F/bin" find-profdata --compiler cc99
  expect "only other versions" 2 "" "pgo: no llvm-profdata for clang 99; found only $F/bin/llvm-profdata (LLVM 98) $F/bin/llvm-profdata (LLVM 98): install llvm-99 or set PGO_LLVM_PROFDATA_EXECUTABLE"
  pgo_in_path "$F/bin" find-profdata --compiler cc99 --profdata llvm-profdata
  expect "a given llvm-profdata of another version" 2 "" "pgo: 'llvm-profdata' is llvm-profdata 98 but the compiler is clang 99; profiles are tied to one LLVM major version: use llvm-profdata-99"
  fake "$F/bin/llvm-profdata-99" "" "Homebrew LLVM version 99.1.0"
  pgo_in_path "$F/bin" find-profdata --compiler cc99
  expect "llvm-profdata-<major> in PATH" 0 "profdata=$F/bin/llvm-profdata-99
major=99" ""
  pass "find-profdata: search order and messages"
}

# ---- signals and kill -9: no temporary file survives ---------------------------------

# The slow tool: "merge -o" sleeps (its pid in $PGO_TEST_PIDFILE), the rest
# is llvm-profdata-14.
make_slow_tool() {
  _real=$(command -v "$PROFDATA")
  cat >"$1" <<EOF
#!/bin/sh
if [ "\$1" = merge ] && [ "\$2" = -o ]; then
  echo \$\$ >"\$PGO_TEST_PIDFILE.tmp" && mv "\$PGO_TEST_PIDFILE.tmp" "\$PGO_TEST_PIDFILE"
  exec sleep 60
fi
exec '$_real' "\$@"
EOF
  chmod +x "$1"
}

# wait_for FILE: up to 20 s.
wait_for() {
  _i=0
  while [ ! -s "$1" ] && [ $_i -lt 200 ]; do sleep 0.1; _i=$((_i + 1)); done
  [ -s "$1" ] || fail "timed out waiting for $1"
}

case_signals() {
  make_profile good.profdata
  touch -d "$OLD" good.profdata
  mkdir -p bin
  make_slow_tool "$W/bin/slow"
  PGO_TEST_PIDFILE=$W/tool.pid
  export PGO_TEST_PIDFILE
  for sig in TERM INT HUP; do
    C=$W/cache-$sig
    rm -f "$PGO_TEST_PIDFILE"
    env --default-signal=INT "$PGO" check --profdata "$W/bin/slow" --cache "$C" good.profdata >"$W/sig.out" 2>&1 &
    pid=$!
    wait_for "$PGO_TEST_PIDFILE"
    tool=$(cat "$PGO_TEST_PIDFILE")
    ls -A "$C" | grep -q "^\\.pgo-tmp\\.$pid\\." || fail "SIG$sig: a temporary file while llvm-profdata runs" "$(ls -A "$C")"
    kill -$sig $pid
    wait $pid
    st=$?
    case $sig in TERM) want=143 ;; INT) want=130 ;; HUP) want=129 ;; esac
    [ "$st" = "$want" ] || fail "SIG$sig: pgo dies of the signal" "exit $st: $(cat "$W/sig.out")"
    no_temps "$C" "SIG$sig"
    ! kill -0 "$tool" 2>/dev/null || { kill "$tool"; fail "SIG$sig: llvm-profdata is stopped too"; }
    [ -z "$(ls "$C" | grep -E '\.(stat|copy|profdata)$')" ] || fail "SIG$sig: no record, no copy" "$(ls -A "$C")"
  done
  pass "check: SIGTERM, SIGINT and SIGHUP remove every temporary file and stop llvm-profdata"

  # kill -9 leaves one; the next check in that folder removes it.
  C=$W/cache-kill
  rm -f "$PGO_TEST_PIDFILE"
  "$PGO" check --profdata "$W/bin/slow" --cache "$C" good.profdata >/dev/null 2>&1 &
  pid=$!
  wait_for "$PGO_TEST_PIDFILE"
  kill -KILL $pid
  wait $pid 2>/dev/null
  kill "$(cat "$PGO_TEST_PIDFILE")" 2>/dev/null
  ls -A "$C" | grep -q "^\\.pgo-tmp\\.$pid\\." || fail "kill -9 leaves a temporary file (the test needs one)" "$(ls -A "$C")"
  make_profile other.profdata 55
  pgo check --profdata $PROFDATA --cache "$C" other.profdata
  expect_rc "the next check" 0
  no_temps "$C" "the check after a kill -9"
  pass "check: a kill -9's temporary file is removed by the next run"

  # merge: OUT stays as it was.
  make_profile unused.profdata
  pgo run --raw-dir "$W/raw" --name r -- "$W/.prog/prog" 10
  mkdir -p out
  cp good.profdata out/default.profdata
  rm -f "$PGO_TEST_PIDFILE"
  "$PGO" merge --profdata "$W/bin/slow" -o "$W/out/default.profdata" --raw-dir "$W/raw" r >/dev/null 2>&1 &
  pid=$!
  wait_for "$PGO_TEST_PIDFILE"
  kill -TERM $pid
  wait $pid
  st=$?
  [ "$st" = 143 ] || fail "merge: SIGTERM" "exit $st"
  no_temps "$W/out" "merge after SIGTERM"
  cmp -s good.profdata out/default.profdata || fail "merge after SIGTERM: OUT unchanged"
  pass "merge: SIGTERM keeps OUT and leaves no temporary file"
}

# ---- a full disk ----------------------------------------------------------------------

# pgo_full ARG...: pgo with writes into $M failing for want of space (see
# case_nospace).
pgo_full() {
  if [ -n "$SHIM" ]; then
    LD_PRELOAD=$SHIM PGO_TEST_FULL_DIR=$M "$PGO" "$@" >"$W/.out" 2>"$W/.err"
  else
    "$PGO" "$@" >"$W/.out" 2>"$W/.err"
  fi
  rc=$?
  out=$(cat "$W/.out")
  err=$(cat "$W/.err")
}

# A full disk is a small tmpfs filled up (as root, where mount works), else
# a write() that fails with ENOSPC in that folder, for pgo and llvm-profdata
# alike (LD_PRELOAD). PGO_TEST_NO_MOUNT=1 forces the second.
case_nospace() {
  make_profile good.profdata
  pgo run --raw-dir "$W/raw" --name r -- "$W/.prog/prog" 10
  expect_rc "a training run" 0
  M=$W/full
  mkdir -p "$M"
  SHIM=""
  if [ -z "${PGO_TEST_NO_MOUNT:-}" ] && [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$M" 2>/dev/null; then
    trap 'umount "$M" 2>/dev/null' EXIT
    mkdir -p "$M/cache" "$M/out" "$M/dest"
    dd if=/dev/zero of="$M/fill" bs=4096 2>/dev/null
    how="a full 64 KiB tmpfs"
  else
    mkdir -p "$M/cache" "$M/out" "$M/dest"
    cat >"$W/full.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* write() into a file below $PGO_TEST_FULL_DIR fails: the disk is full. */
ssize_t write(int fd, const void *buf, size_t n) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *dir = getenv("PGO_TEST_FULL_DIR");
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t k = dir && fd > 2 ? readlink(link, path, sizeof path - 1) : -1;
    if (k > 0) {
        path[k] = '\0';
        size_t d = strlen(dir);
        if (strncmp(path, dir, d) == 0 && path[d] == '/') {
            errno = ENOSPC;
            return -1;
        }
    }
    return real(fd, buf, n);
}
EOF
    # LD_PRELOAD splits at spaces and colons.
    case $W in
      *[' :']*) SHIM_DIR=$(mktemp -d) && trap 'rm -rf "$SHIM_DIR"' EXIT ;;
      *) SHIM_DIR=$W ;;
    esac
    SHIM=$SHIM_DIR/full.so
    $CLANG -shared -fPIC -O2 -o "$SHIM" "$W/full.c" -ldl || fail "building the ENOSPC write() shim"
    how="write() failing with ENOSPC (LD_PRELOAD; no tmpfs mount here)"
  fi
  note "a full disk is $how"
  pgo_full check --profdata $PROFDATA --cache "$M/cache" good.profdata
  expect "check into a full disk" 3 "" "pgo: no space left on device in $M/cache"
  no_temps "$M/cache" "check into a full disk"
  pgo_full install good.profdata "$M/dest/default.profdata"
  expect "install into a full disk" 3 "" "pgo: no space left on device in $M/dest"
  no_temps "$M/dest" "install into a full disk"
  [ ! -e "$M/dest/default.profdata" ] || fail "install into a full disk writes no DEST"
  pgo_full merge --profdata $PROFDATA -o "$M/out/default.profdata" --raw-dir "$W/raw" r
  expect "merge into a full disk" 3 "" "pgo: no space left on device in $M/out"
  no_temps "$M/out" "merge into a full disk"
  [ ! -e "$M/out/default.profdata" ] || fail "merge into a full disk writes no OUT"
  pass "a full disk: exit 3, 'no space left on device in DIR', no temporary file"
}

# ---- sample profiles (clang -fprofile-sample-use=) ------------------------------

# write_sample_text FILE: a text sample profile of three top-level
# functions (main with foo inlined at line 3, foo, bar).
write_sample_text() {
  printf '%s\n' 'main:1000:10' ' 1: 100' ' 2: 200 foo:150' ' 3: foo:50' '  1: 40' \
    'foo:500:150' ' 1: 300' ' 2: 200' 'bar:7:0' ' 1: 7' >"$1"
}

# samples_of TOOL PROFILE NAME: the total samples of the top-level function NAME.
samples_of() {
  "$1" show --sample "$2" | sed -n "s/^Function: $3: \([0-9]*\),.*/\1/p"
}

# head_hex FILE: its first 8 bytes in hex.
head_hex() { od -An -tx1 -N8 "$1" | tr -d ' \n'; }

# u64_at FILE OFFSET: the little-endian u64 at OFFSET.
u64_at() { od -An -tu8 -j"$2" -N8 "$1" | tr -d ' '; }

# make_crashing_tool FILE REAL: llvm-profdata REAL, except that every call
# with --sample dies of SIGSEGV (as llvm-profdata does on some damaged files).
make_crashing_tool() {
  _real=$(command -v "$2")
  mkdir -p "$(dirname "$1")"
  cat >"$1" <<EOF
#!/bin/sh
case "\$*" in *--sample*) kill -SEGV \$\$ ;; esac
exec '$_real' "\$@"
EOF
  chmod +x "$1"
}

# An empty GCC AutoFDO file: "adcg*704", a zero word, an empty name table
# (tag 0xaa000000) and no functions (tag 0xac000000).
write_empty_afdo() {
  printf 'adcg*704\000\000\000\000\000\000\000\252\000\000\000\000\000\000\000\000\000\000\000\254\000\000\000\000\000\000\000\000' >"$1"
}

EXT_MAGIC=84e4d0b1f4c994a8

case_sample_check() {
  for V in 14 22; do
    PD=llvm-profdata-$V
    need $PD llvm-$V
    D=$W/v$V
    C=$D/cache
    mkdir -p "$D"
    write_sample_text "$D/s.txt"
    $PD merge --sample --extbinary -o "$D/s.extbinary" "$D/s.txt" || fail "$PD merge --sample --extbinary"
    $PD merge --sample --binary -o "$D/s.binary" "$D/s.txt" || fail "$PD merge --sample --binary"
    [ "$(head_hex "$D/s.extbinary")" = $EXT_MAGIC ] || fail "$V: the extbinary magic" "$(head_hex "$D/s.extbinary")"
    [ "$(head_hex "$D/s.binary")" = ffe5d0b1f4c994a8 ] || fail "$V: the binary magic" "$(head_hex "$D/s.binary")"

    # Good profiles of every format: kind=sample, version=0, tool_version=0.
    for f in s.extbinary s.binary s.txt; do
      pgo check --profdata $PD --cache "$C" "$D/$f"
      expect_rc "$V: check $f" 0
      copy=$(line path)
      hash=$(line hash)
      printf '%s\n' "$copy" | grep -qE "^$C/[0-9a-f]{16}-[0-9a-f]{8}\\.profdata\$" || fail "$V $f: path= line" "$(show)"
      expect "$V: check $f" 0 "path=$copy
functions=3
version=0
tool_version=0
kind=sample
hash=$hash" ""
      [ "$(head_hex "$copy")" = $EXT_MAGIC ] || fail "$V $f: the copy is extbinary" "$(head_hex "$copy")"
      [ "$(mode_of "$copy")" = 644 ] || fail "$V $f: the copy has mode 644"
      $PD show --sample "$copy" >"$D/copy.show" && $PD show --sample "$D/$f" >"$D/in.show" ||
        fail "$V $f: llvm-profdata reads the copy"
      cmp -s "$D/copy.show" "$D/in.show" || fail "$V $f: the copy holds the same samples" "$(diff "$D/in.show" "$D/copy.show")"
    done
    pgo show "$D/s.txt"
    [ "$(line hash)" = "$hash" ] || fail "$V: hash= is the hash of the text file" "$(show)"
    { echo '# made by hand'; echo; cat "$D/s.txt"; } >"$D/comment.txt"
    pgo check --profdata $PD --cache "$C" "$D/comment.txt"
    expect_rc "$V: a text profile that starts with a comment" 0
    [ "$(line kind)" = sample ] && [ "$(line functions)" = 3 ] || fail "$V: comment.txt" "$(show)"
    pass "$V: extbinary, binary and text sample profiles: kind=sample, 3 functions, an extbinary copy"

    # The same profile again: the stat record, nothing run.
    touch -d "$OLD" "$D/s.extbinary"
    pgo check --profdata $PD --cache "$C" "$D/s.extbinary"
    first=$out
    PGO_DEBUG=1
    export PGO_DEBUG
    pgo check --profdata $PD --cache "$C" "$D/s.extbinary"
    unset PGO_DEBUG
    expect "$V: check again" 0 "$first" "pgo: debug: check: $D/s.extbinary: unchanged (stat record)"
    # Roots change no sample name (no text round trip).
    $PD show --sample "$D/s.extbinary" >"$D/in.show"
    pgo check --profdata $PD --cache "$C" --source-root "$D/src" --build-root "$D/build" "$D/s.extbinary"
    expect_rc "$V: check with roots" 0
    rcopy=$(line path)
    [ "$rcopy" != "$(printf '%s\n' "$first" | sed -n 's/^path=//p')" ] || fail "$V: roots are part of the copy's key"
    $PD show --sample "$rcopy" >"$D/roots.show"
    cmp -s "$D/roots.show" "$D/in.show" || fail "$V: roots leave sample names alone" "$(diff "$D/in.show" "$D/roots.show")"
    pass "$V: the cache works for sample profiles; roots rename nothing"

    # Bad sample profiles.
    bad() {
      pgo check --profdata $PD --cache "$C" "$1"
      expect "$V: check $1" 1 "reason=$2" ""
    }
    size=$(size_of "$D/s.extbinary")
    : >"$D/empty.prof"
    bad "$D/empty.prof" "is empty"
    head -c $((size - 5)) "$D/s.extbinary" >"$D/cut5.prof"
    $PD show --sample "$D/cut5.prof" >/dev/null 2>&1 ||
      note "$V: llvm-profdata now rejects an extbinary file without its last 5 bytes"
    bad "$D/cut5.prof" "is truncated: it has $((size - 5)) bytes, its header says $size"
    head -c 300 "$D/s.extbinary" >"$D/cut300.prof"
    bad "$D/cut300.prof" "is truncated: it has 300 bytes, its header says $size"
    head -c 100 "$D/s.extbinary" >"$D/cut100.prof"
    bad "$D/cut100.prof" "is truncated: it has 100 bytes, its header says $((18 + 32 * $(u64_at "$D/s.extbinary" 10)))"
    head -c 12 "$D/s.extbinary" >"$D/cut12.prof"
    bad "$D/cut12.prof" "is truncated: its header points past its end (12 bytes)"
    head -c 8 "$D/s.extbinary" >"$D/cut8.prof"
    bad "$D/cut8.prof" "is truncated: its header points past its end (8 bytes)"
    # A binary profile cut at the end of a function reads without an error.
    n=$(($(size_of "$D/s.binary") - 1))
    while [ $n -gt 20 ]; do
      head -c $n "$D/s.binary" >"$D/bcut.prof"
      if $PD show --sample "$D/bcut.prof" >"$D/bcut.show" 2>/dev/null; then break; fi
      n=$((n - 1))
    done
    [ $n -gt 20 ] || fail "$V: a binary profile cut at a function's end (the test needs one)"
    k=$(grep -c '^Function: ' "$D/bcut.show")
    bad "$D/bcut.prof" "is truncated: its summary counts 3 functions, llvm-profdata read $k"
    pass "$V: empty and truncated sample profiles (llvm-profdata reads the cut ones without an error)"

    # Damaged content: llvm-profdata's reason.
    sum=$(u64_at "$D/s.extbinary" 34)
    cp "$D/s.extbinary" "$D/corrupt.prof"
    printf '\377' | dd of="$D/corrupt.prof" bs=1 seek=$((sum + 1)) conv=notrunc 2>/dev/null
    bad "$D/corrupt.prof" "cannot be read by llvm-profdata: Truncated profile data"
    # A section offset past the end crashes llvm-profdata: refused first.
    cp "$D/s.extbinary" "$D/wild.prof"
    printf '\100' | dd of="$D/wild.prof" bs=1 seek=41 conv=notrunc 2>/dev/null
    $PD merge --sample --extbinary -o "$D/wild.out" "$D/wild.prof" >/dev/null 2>&1
    st=$?
    [ $st -gt 128 ] || note "$V: llvm-profdata no longer crashes on a section offset past the end (exit $st)"
    bad "$D/wild.prof" "is truncated: it has $size bytes, its header says $((0x4000000000000000 + sum + $(u64_at "$D/s.extbinary" 42)))"
    # A crash is never let through.
    make_crashing_tool "$D/bin/crashing" $PD
    pgo check --profdata "$D/bin/crashing" --cache "$C" "$D/s.txt"
    expect "$V: llvm-profdata crashes" 1 "reason=is corrupt: llvm-profdata $V crashed reading it" ""
    printf 'main:100:1\n 1: lots\n' >"$D/badtext.txt"
    pgo check --profdata $PD --cache "$C" "$D/badtext.txt"
    expect_rc "$V: a text profile llvm-profdata cannot parse" 1
    case $out in "reason=cannot be read by llvm-profdata: "?*) ;; *) fail "$V: bad text: llvm-profdata's reason" "$(show)" ;; esac
    pass "$V: damaged sample profiles: llvm-profdata's reason, never a crash"

    # No functions: an empty GCC AutoFDO file (llvm-profdata reads that
    # format, cannot write it) and the extbinary made from it.
    write_empty_afdo "$D/empty.afdo"
    bad "$D/empty.afdo" "holds no functions (truncated or empty profile)"
    $PD merge --sample --extbinary -o "$D/nofunctions.prof" "$D/empty.afdo" || fail "$V: merging an empty AutoFDO file"
    bad "$D/nofunctions.prof" "holds no functions (truncated or empty profile)"
    # Compact binary: written and read up to LLVM 16.
    if [ $V = 14 ]; then
      $PD merge --sample --compbinary -o "$W/s.compbinary" "$D/s.txt" || fail "14: merge --sample --compbinary"
      [ "$(head_hex "$W/s.compbinary")" = 82e4d0b1f4c994a8 ] || fail "the compact binary magic"
      pgo check --profdata $PD --cache "$C" "$W/s.compbinary"
      expect_rc "14: check a compact binary profile" 0
      [ "$(line kind)" = sample ] && [ "$(line functions)" = 3 ] || fail "14: compact binary" "$(show)"
    else
      bad "$W/s.compbinary" "is a compact binary sample profile, which llvm-profdata $V no longer reads (16 and older do): convert it with llvm-profdata-16 merge --sample --extbinary"
    fi
    no_temps "$C" "$V: sample checks"
    pass "$V: no functions, compact binary"

    # clang reads the copy.
    if command -v clang-$V >/dev/null 2>&1; then
      pgo check --profdata $PD --cache "$C" "$D/s.txt"
      printf 'int bar(int x) { return x + 1; }\nint foo(int x) { return bar(x) * 2; }\nint main(void) { return foo(1); }\n' >"$D/m.c"
      clang-$V -O2 -g "-fprofile-sample-use=$(line path)" -c "$D/m.c" -o "$D/m.o" 2>"$D/warn" ||
        fail "$V: clang-$V -fprofile-sample-use= the copy" "$(cat "$D/warn")"
      pass "$V: clang-$V -fprofile-sample-use reads the copy"
    else
      note "clang-$V is not installed: the copy is not compiled with"
    fi
  done
}

case_sample_merge() {
  for V in 14 22; do
    PD=llvm-profdata-$V
    need $PD llvm-$V
    D=$W/v$V
    mkdir -p "$D" && cd "$D" || fail "cd $D"
    write_sample_text a.txt
    $PD merge --sample --extbinary -o a.prof a.txt || fail "$V: merge a.txt"
    printf 'main:10:1\n 1: 10\nbaz:5:1\n 1: 5\n' >b.txt
    pgo show a.prof
    ha=$(line hash)
    pgo show b.txt
    hb=$(line hash)
    OUT=$D/out/fleet.prof
    pgo merge --profdata $PD -o "$OUT" --inputs a.prof 3:b.txt
    expect "$V: merge a 3:b" 0 "pgo: merged 2 sample profiles into $OUT (4 functions)" ""
    [ "$(head_hex "$OUT")" = $EXT_MAGIC ] || fail "$V: OUT is extbinary"
    [ "$(samples_of $PD "$OUT" main)" = 1030 ] || fail "$V: main: 1000 + 3 * 10 samples" "$($PD show --sample "$OUT")"
    [ "$(samples_of $PD "$OUT" foo)" = 500 ] || fail "$V: foo: 500 samples" "$($PD show --sample "$OUT")"
    [ "$(samples_of $PD "$OUT" baz)" = 15 ] || fail "$V: baz: 3 * 5 samples" "$($PD show --sample "$OUT")"
    [ "$(mode_of "$OUT")" = 644 ] || fail "$V: OUT has mode 644"
    exact "$OUT.inputs" "1 sample $ha $D/a.prof
3 sample $hb $D/b.txt" || fail "$V: the manifest" "$(cat "$OUT.inputs")"
    pgo merge --profdata $PD -o "$OUT" --inputs 2:a.prof a.prof
    expect "$V: merge 2:a a" 0 "pgo: merged 2 sample profiles into $OUT (3 functions)" ""
    [ "$(samples_of $PD "$OUT" main)" = 3000 ] || fail "$V: main: 3 * 1000 samples"
    exact "$OUT.inputs" "2 sample $ha $D/a.prof
1 sample $ha $D/a.prof" || fail "$V: the manifest, again" "$(cat "$OUT.inputs")"
    pgo check --profdata $PD --cache "$D/cache" "$OUT"
    expect_rc "$V: check the merged profile" 0
    [ "$(line kind)" = sample ] && [ "$(line functions)" = 3 ] || fail "$V: check OUT" "$(show)"
    pass "$V: sample merge: weights add up, extbinary OUT, manifest (weight, kind, hash, absolute path)"

    # Refusals keep OUT and its manifest.
    cp "$OUT" before.prof
    cp "$OUT.inputs" before.inputs
    kept="kept the previous profile $OUT"
    [ -f "$W/ir.profdata" ] || make_profile "$W/ir.profdata" 100
    cp "$W/ir.profdata" ir.profdata
    pgo merge --profdata $PD -o "$OUT" --inputs a.prof b.txt ir.profdata
    expect "$V: sample then instrumentation" 1 "" "pgo: ir.profdata is an instrumentation profile but a.prof is a sample profile; merge profiles of one kind"
    pgo merge --profdata $PD -o "$OUT" --inputs ir.profdata 2:a.prof
    expect "$V: instrumentation then sample" 1 "" "pgo: a.prof is a sample profile but ir.profdata is an instrumentation profile; merge profiles of one kind"
    : >empty.prof
    pgo merge --profdata $PD -o "$OUT" --inputs a.prof empty.prof
    expect "$V: an empty input" 1 "" "pgo: empty.prof is empty; $kept"
    head -c 300 a.prof >cut.prof
    pgo merge --profdata $PD -o "$OUT" --inputs a.prof cut.prof
    expect "$V: a truncated input" 1 "" "pgo: cut.prof is truncated: it has 300 bytes, its header says $(size_of a.prof); $kept"
    pgo merge --profdata $PD -o "$OUT" --inputs a.prof missing.prof
    expect "$V: a missing input" 1 "" "pgo: missing.prof does not exist; $kept"
    make_crashing_tool "$D/bin/crashing" $PD
    pgo merge --profdata "$D/bin/crashing" -o "$OUT" --inputs a.prof
    expect "$V: llvm-profdata crashes on an input" 1 "" "pgo: a.prof is corrupt: llvm-profdata $V crashed reading it; $kept"
    write_empty_afdo empty.afdo
    pgo merge --profdata $PD -o "$OUT" --inputs a.prof empty.afdo
    expect "$V: an input without functions" 1 "" "pgo: empty.afdo holds no functions (truncated or empty profile); $kept"
    cmp -s "$OUT" before.prof && cmp -s "$OUT.inputs" before.inputs || fail "$V: refused merges keep OUT and OUT.inputs"
    pgo merge --profdata $PD -o "$D/out/new.prof" --inputs a.prof empty.prof
    expect "$V: an empty input, no OUT yet" 1 "" "pgo: empty.prof is empty; no profile was written"
    [ ! -e "$D/out/new.prof" ] && [ ! -e "$D/out/new.prof.inputs" ] || fail "$V: a refused merge writes no OUT"
    no_temps "$D/out" "$V: refused merges"
    no_temps "$D" "$V: refused merges"
    pass "$V: mixed kinds and bad inputs are refused, naming the file; OUT and its manifest stay"

    # Usage.
    for w in 0 1000000001; do
      pgo merge --profdata $PD -o "$OUT" --inputs "$w:a.prof"
      expect "$V: bad weight $w" 2 "" "pgo: bad weight '$w' for input 'a.prof': use a whole number from 1 up"
    done
    pgo merge --profdata $PD -o "$OUT" --inputs
    expect_rc "$V: --inputs without profiles" 2
    pgo merge --profdata $PD -o "$OUT" --inputs 3:
    expect_rc "$V: a weight without a profile" 2
    pgo merge --profdata $PD -o "$OUT" --raw-dir "$D/raw" --inputs a.prof
    expect_rc "$V: --raw-dir with --inputs" 2
    pgo merge --profdata $PD --inputs a.prof
    expect_rc "$V: --inputs without -o" 2
    # A file named like a weight: ./3:x or 1:3:x.
    cp a.prof 3:x
    pgo merge --profdata $PD -o "$D/out/colon.prof" --inputs ./3:x 1:3:x
    expect_rc "$V: a file named 3:x" 0
    [ "$(samples_of $PD "$D/out/colon.prof" main)" = 2000 ] || fail "$V: ./3:x and 1:3:x are the file 3:x, weight 1"
    exact "$D/out/colon.prof.inputs" "1 sample $ha $D/./3:x
1 sample $ha $D/3:x" || fail "$V: the manifest of 3:x" "$(cat "$D/out/colon.prof.inputs")"
    pass "$V: merge --inputs usage errors exit 2; a weight is digits and a colon"
    cd "$W" || fail "cd $W"
  done

  # Instrumentation profiles, and IR with FE.
  PD=$PROFDATA
  make_profile "$W/i1.profdata" 100
  make_profile "$W/i2.profdata" 300
  OUT=$W/out/ir.profdata
  pgo show "$W/i1.profdata"
  h1=$(line hash)
  pgo show "$W/i2.profdata"
  h2=$(line hash)
  pgo merge --profdata $PD -o "$OUT" --inputs "$W/i1.profdata" "2:$W/i2.profdata"
  expect "merge two IR profiles" 0 "pgo: merged 2 instrumentation profiles into $OUT (3 functions)" ""
  [ "$(count_of "$OUT" sq)" = 700 ] || fail "IR: sq counts 100 + 2 * 300" "$(count_of "$OUT" sq)"
  exact "$OUT.inputs" "1 ir $h1 $W/i1.profdata
2 ir $h2 $W/i2.profdata" || fail "the IR manifest" "$(cat "$OUT.inputs")"
  pgo merge --profdata $PD -o "$W/out/portable.profdata" --source-root "$W/.prog" --inputs "$W/i1.profdata"
  expect_rc "merge --inputs with a source root" 0
  has_line "$(text_of "$W/out/portable.profdata")" "./prog.c:sq" || fail "--inputs: roots rename IR names" "$(text_of "$W/out/portable.profdata")"
  $CLANG -O2 -fprofile-instr-generate "$W/.prog/prog.c" -o "$W/fe" || fail "clang-14 -fprofile-instr-generate"
  LLVM_PROFILE_FILE=$W/fe.profraw "$W/fe" 10 >/dev/null
  $PD merge -o "$W/fe.profdata" "$W/fe.profraw" || fail "merging the FE profile"
  pgo merge --profdata $PD -o "$OUT" --inputs "$W/i1.profdata" "$W/fe.profdata"
  expect "IR with FE" 1 "" "pgo: $W/fe.profdata is a front-end (FE) instrumentation profile but $W/i1.profdata is an IR instrumentation profile; merge profiles of one kind"
  pgo merge --profdata $PD -o "$OUT" --inputs "$W/i1.profdata" "$W/fe.profraw"
  expect "a raw input" 1 "" "pgo: $W/fe.profraw is a raw .profraw file; merge raw profiles with llvm-profdata merge first; kept the previous profile $OUT"
  no_temps "$W/out" "instrumentation merges"
  pass "instrumentation --inputs: weights, manifest kind ir, roots; IR with FE and raw inputs refused"
}

case_sample_show() {
  for V in 14 22; do
    PD=llvm-profdata-$V
    need $PD llvm-$V
    write_sample_text "$W/s$V.txt"
    $PD merge --sample --extbinary -o "$W/s$V.prof" "$W/s$V.txt" || fail "$V: merge --sample"
    pgo check --profdata $PD --cache "$W/cache" "$W/s$V.prof"
    hash=$(line hash)
    size=$(size_of "$W/s$V.prof")
    pgo show "$W/s$V.prof"
    expect "$V: show" 0 "kind=sample
version=0
hash=$hash
size=$size" ""
    pgo show --profdata $PD "$W/s$V.prof"
    expect "$V: show --profdata" 0 "kind=sample
version=0
functions=3
hash=$hash
size=$size" ""
    pgo show --profdata $PD "$W/s$V.txt"
    expect_rc "$V: show a text sample profile" 0
    [ "$(line kind)" = sample ] && [ "$(line functions)" = 3 ] || fail "$V: show s.txt" "$(show)"
    head -c 300 "$W/s$V.prof" >"$W/cut.prof"
    pgo show --profdata $PD "$W/cut.prof"
    expect "$V: show of a truncated profile" 1 "reason=is truncated: it has 300 bytes, its header says $size" ""
    make_crashing_tool "$W/bin/crashing$V" $PD
    pgo show --profdata "$W/bin/crashing$V" "$W/s$V.prof"
    expect "$V: show, llvm-profdata crashes" 1 "reason=is corrupt: llvm-profdata $V crashed reading it" ""
  done
  pass "show: kind=sample, version=0, functions= from show --sample"
}

# -funique-internal-linkage-names (the flag of sample PGO builds) appends
# ".__uniq.<MD5 of the module path, in decimal>" to static functions: the
# path as given to the compiler, after -fmacro-prefix-map (and so
# -ffile-prefix-map) but not -fdebug-prefix-map. Sample profiles name
# functions so, and hold no path: pgo check cannot carry such names to
# another checkout, and leaves every name as it is.
case_sample_uniq() {
  need $CLANG clang-14
  need $PROFDATA llvm-14
  for t in one two; do
    mkdir -p "$W/$t/src"
    printf 'static __attribute__((noinline)) int sq(int x) { return x * x + 1; }\nint work(int n) { int s = 0; for (int i = 0; i < n; i++) s += sq(i); return s; }\n' >"$W/$t/src/s.c"
  done
  F="-O2 -g -funique-internal-linkage-names -c"
  uniq_of() { nm "$1" | sed -n 's/.* t _ZL2sqi\.__uniq\.\([0-9]*\)$/\1/p'; }
  $CLANG $F "$W/one/src/s.c" -o "$W/one.o" && $CLANG $F "$W/two/src/s.c" -o "$W/two.o" || fail "clang-14 $F"
  u1=$(uniq_of "$W/one.o")
  u2=$(uniq_of "$W/two.o")
  [ -n "$u1" ] && [ -n "$u2" ] && [ "$u1" != "$u2" ] || fail "absolute paths: the suffix differs per checkout" "$u1 $u2"
  if command -v python3 >/dev/null 2>&1; then
    md5=$(python3 -c 'import hashlib,sys; print(int(hashlib.md5(sys.argv[1].encode()).hexdigest(), 16))' "$W/one/src/s.c")
    [ "$md5" = "$u1" ] || fail "the suffix is the MD5 of the path, in decimal" "$md5 vs $u1"
  else
    note "python3 is not installed: the suffix is not compared with the MD5 of the path"
  fi
  (cd "$W/one" && $CLANG $F src/s.c -o "$W/rel1.o") && (cd "$W/two" && $CLANG $F src/s.c -o "$W/rel2.o") || fail "relative builds"
  [ "$(uniq_of "$W/rel1.o")" = "$(uniq_of "$W/rel2.o")" ] || fail "relative paths: the same suffix"
  $CLANG $F "-ffile-prefix-map=$W/one=." "$W/one/src/s.c" -o "$W/fp1.o" &&
    $CLANG $F "-ffile-prefix-map=$W/two=." "$W/two/src/s.c" -o "$W/fp2.o" || fail "-ffile-prefix-map builds"
  [ "$(uniq_of "$W/fp1.o")" = "$(uniq_of "$W/fp2.o")" ] || fail "-ffile-prefix-map: the same suffix"
  $CLANG $F "-fdebug-prefix-map=$W/one=." "$W/one/src/s.c" -o "$W/dp1.o" || fail "-fdebug-prefix-map build"
  [ "$(uniq_of "$W/dp1.o")" = "$u1" ] || fail "-fdebug-prefix-map does not change the suffix"
  pass "the .__uniq. suffix follows the path as compiled and -ffile-prefix-map, not -fdebug-prefix-map"

  # A profile from checkout one gives sq no profile in checkout two; a
  # profile without the suffix fits both.
  printf '_ZL2sqi.__uniq.%s:5000:1000\n 0: 1000\nwork:100:1\n 0: 1\n 1: 100\n' "$u1" >"$W/uniq.txt"
  printf '_ZL2sqi:5000:1000\n 0: 1000\nwork:100:1\n 0: 1\n 1: 100\n' >"$W/plain.txt"
  for p in uniq plain; do
    pgo check --profdata $PROFDATA --cache "$W/cache" --source-root "$W/two" "$W/$p.txt"
    expect_rc "check $p.txt" 0
    cp "$(line path)" "$W/$p.prof"
  done
  $PROFDATA show --sample "$W/uniq.prof" | grep -qF "Function: _ZL2sqi.__uniq.$u1:" ||
    fail "check leaves the suffix of checkout one" "$($PROFDATA show --sample "$W/uniq.prof")"
  entry() { # PROFILE TREE: sq's function_entry_count, or "none"
    $CLANG -O2 -gline-tables-only -fdebug-info-for-profiling -funique-internal-linkage-names -fno-inline-functions \
      "-fprofile-sample-use=$1" -S -emit-llvm -o "$W/e.ll" "$W/$2/src/s.c" || fail "clang-14 -fprofile-sample-use=$1"
    _m=$(grep -E '^define.*@_ZL2sqi' "$W/e.ll" | grep -o '!prof ![0-9]*' | cut -d' ' -f2)
    _e=""
    [ -z "$_m" ] || _e=$(sed -n "s/^$_m = !{!\"function_entry_count\", i64 \([0-9-]*\)}/\1/p" "$W/e.ll")
    echo "${_e:-none}"
  }
  [ "$(entry "$W/uniq.prof" one)" = 1001 ] || fail "checkout one: sq has its profile" "$(entry "$W/uniq.prof" one)"
  e2=$(entry "$W/uniq.prof" two)
  [ "$e2" = -1 ] || [ "$e2" = none ] || fail "checkout two: sq has no profile (the suffix differs)" "$e2"
  [ "$(entry "$W/plain.prof" two)" = 1001 ] || fail "a profile without the suffix fits checkout two" "$(entry "$W/plain.prof" two)"
  pass "a .__uniq. name fits only the checkout path it was built in; names without the suffix fit any"
}

command -v "case_$CASE" >/dev/null 2>&1 || { echo "cli.sh: unknown case '$CASE'" >&2; exit 2; }
"case_$CASE"
exit 0
