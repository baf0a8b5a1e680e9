#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Behavioural tests of pgo status, pgo info and pgo provenance on real
# builds: programs instrumented by clang-14 and clang-22 (48- and 64-byte
# profile records), a ThinLTO static library (bitcode, read through
# llvm-dis), a sample profile, a git checkout, and binaries carrying the
# profile record after strip and --gc-sections:
#
#     sh status.sh CASE WORKDIR PGO
#
# CASE is one of the functions case_* below; WORKDIR is emptied first; PGO
# is the built program. Exit 0: passed; 1: failed (the first line on stderr
# says what). A missing tool fails with an install hint.
set -u

[ $# -eq 3 ] || { echo "usage: sh status.sh CASE WORKDIR PGO" >&2; exit 2; }
CASE=$1 W=$2 PGO=$3
case $W in /*) ;; *) W=$(pwd)/$W ;; esac
case $PGO in /*) ;; *) PGO=$(pwd)/$PGO ;; esac
rm -rf "$W"
mkdir -p "$W" && cd "$W" || exit 1

fail() {
  printf 'FAIL: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf '%s\n' "$2" >&2
  exit 1
}
pass() { printf 'PASS: %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 not found: install $2"; }

# pgo ARG...: sets rc, out, err.
pgo() {
  "$PGO" "$@" >"$W/.out" 2>"$W/.err"
  rc=$?
  out=$(cat "$W/.out")
  err=$(cat "$W/.err")
}
show() { printf 'exit code: %s\n--- stdout:\n%s\n--- stderr:\n%s' "$rc" "$out" "$err"; }
expect_rc() { [ "$rc" = "$2" ] || fail "$1: exit code $rc, expected $2" "$(show)"; }
# expect_err WHAT RC STDERR: exit code and the whole stderr.
expect_err() {
  expect_rc "$1" "$2"
  [ "$err" = "$3" ] || fail "$1: stderr differs; expected:" "$3
$(show)"
}
# value KEY: the value of the first KEY=... line of the last stdout.
value() { printf '%s\n' "$out" | sed -n "s/^$1=//p" | head -n 1; }
has() { printf '%s\n' "$out" | grep -qxF -- "$1" || fail "$2: no line '$1'" "$(show)"; }
# tenths 97.3 -> 973
tenths() { printf '%s\n' "$1" | sed 's/\.//'; }

# ---- a program with a hot loop, a hot helper, a warm and a cold function -

write_program() {
  mkdir -p "$W/src"
  cat >"$W/src/lib.c" <<'EOF'
int helper(int x) { return (x * 7 + 3) % 11; }
int warm(int x) { return x % 3 == 0 ? x / 3 : x + 1; }
int cold(int x) { return x < 0 ? -x : x; }
EOF
  cat >"$W/src/main.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
int helper(int x);
int warm(int x);
int cold(int x);
static long run(int n) {
  long s = 0;
  for (int i = 0; i < n; i++) {
    s += helper(i);
    if (i % 64 == 0)
      s += warm(i);
  }
  return s;
}
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100000;
  printf("%ld %d\n", run(n), cold(n));
  return 0;
}
EOF
}

# build CC FLAGS...: $W/gen (instrumented, helpers not inlined across files).
build_gen() {
  _cc=$1
  shift
  "$_cc" -O2 "$@" -fprofile-generate -c "$W/src/lib.c" -o "$W/lib.o" || fail "$_cc -fprofile-generate lib.c"
  "$_cc" -O2 "$@" -fprofile-generate -c "$W/src/main.c" -o "$W/main.o" || fail "$_cc -fprofile-generate main.c"
  "$_cc" -fprofile-generate "$W/main.o" "$W/lib.o" -o "$W/gen" || fail "$_cc link"
}

# train PROFDATA: $W/p.profdata from a run of $W/gen.
train() {
  rm -rf "$W/raw"
  LLVM_PROFILE_FILE="$W/raw/%p.profraw" "$W/gen" 200000 >/dev/null || fail "the instrumented program failed"
  "$1" merge -o "$W/p.profdata" "$W"/raw/*.profraw || fail "$1 merge"
}

list() { printf 'app\t%s\n' "$W/gen" >"$W/list.txt"; }

status() { pgo status --profdata "$PROFDATA" --cache "$W/cache" --binaries "$W/list.txt" "$@" "app=$W/p.profdata"; }

# The same checks for a clang and its llvm-profdata.
instrumented_case() {
  CC=$1 PROFDATA=$2
  need "$CC" "$3"
  need "$PROFDATA" "$4"
  write_program
  build_gen "$CC"
  train "$PROFDATA"
  list
  total=$("$PROFDATA" show "$W/p.profdata" | sed -n 's/^Total functions: //p')

  status
  expect_rc "$CC: fresh" 0
  has "match=100.0" "$CC: fresh code"
  has "functions=$total" "$CC: fresh code"
  has "matching=$total" "$CC: fresh code"
  has "matched_by=name and hash" "$CC: fresh code"
  has "stale_count=0" "$CC: fresh code"
  has "kind=ir" "$CC: fresh code"
  has "target.app.match=100.0" "$CC: fresh code"
  status --min-match 100
  expect_err "$CC: the gate at 100 on fresh code" 0 ""
  has "gate=passed" "$CC: the gate at 100"
  fresh=$(tenths "$(value match)")

  # A small edit of the warm function.
  sed -i 's|x % 3 == 0 ? x / 3 : x + 1|x % 3 == 0 ? x / 3 : x % 5 == 0 ? x - 1 : x + 1|' "$W/src/lib.c"
  build_gen "$CC"
  status
  expect_rc "$CC: warm edited" 0
  edited=$(tenths "$(value match)")
  [ "$edited" -lt "$fresh" ] || fail "$CC: the match did not fall after editing warm ($edited, $fresh)" "$(show)"
  printf '%s\n' "$out" | grep -q '^stale=[0-9.]*% changed warm$' || fail "$CC: warm is not listed as changed" "$(show)"

  # The hot helper renamed.
  sed -i 's/helper/helper2/g' "$W/src/lib.c" "$W/src/main.c"
  build_gen "$CC"
  status
  renamed=$(tenths "$(value match)")
  [ "$renamed" -lt "$edited" ] || fail "$CC: the match did not fall after renaming helper ($renamed, $edited)" "$(show)"
  first=$(printf '%s\n' "$out" | sed -n 's/^stale=[0-9.]*% //p' | head -n 1)
  [ "$first" = "missing helper" ] || fail "$CC: the hottest stale function is '$first', not helper (missing)" "$(show)"

  # The gate: exit 4, one line naming the hottest stale functions and the fix.
  status --min-match 99.9
  expect_rc "$CC: below the gate" 4
  has "gate=below" "$CC: below the gate"
  case $err in
    "pgo: $W/p.profdata: $(value match)% of its counts land on code that still matches, below PGO_MIN_MATCH=99.9; hottest stale: helper (missing, "*"%), warm (changed, "*"%); fix: re-train and update the profile (pgo_update)") ;;
    *) fail "$CC: the gate's message" "$(show)" ;;
  esac
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "$CC: the gate's message is not one line" "$(show)"
  pass "$CC: fresh $fresh, warm edited $edited, helper renamed $renamed (tenths of a percent); the gate"
}

case_clang14() { instrumented_case clang-14 llvm-profdata-14 clang-14 llvm-14; }
case_clang22() { instrumented_case clang-22 llvm-profdata-22 clang-22 llvm-22; }

# ---- the record kept between runs ------------------------------------------

case_cache() {
  CC=clang-14 PROFDATA=llvm-profdata-14
  need $CC clang-14
  need $PROFDATA llvm-14
  write_program
  build_gen $CC
  train $PROFDATA
  list
  sleep 2 # older than the racy window: the record is kept
  PGO_DEBUG=1 status
  expect_rc "first run" 0
  printf '%s\n' "$err" | grep -qxF "pgo: debug: status: $W/p.profdata: reading the profile and the code" ||
    fail "the first run did not read the profile" "$(show)"
  first=$out
  PGO_DEBUG=1 status
  printf '%s\n' "$err" | grep -qxF "pgo: debug: status: $W/p.profdata: unchanged (status record)" ||
    fail "an unchanged profile and binary were read again" "$(show)"
  [ "$out" = "$first" ] || fail "the kept result differs from the computed one" "$(show)"
  # A rebuilt binary (same content, new time stamps) is read again.
  build_gen $CC
  sleep 2
  PGO_DEBUG=1 status
  printf '%s\n' "$err" | grep -qxF "pgo: debug: status: $W/p.profdata: reading the profile and the code" ||
    fail "a rebuilt binary was not read again" "$(show)"
  ls -A "$W/cache" | grep -q '^\.pgo-tmp\.' && fail "temporary files left in the cache" "$(ls -A "$W/cache")"
  pass "the status record: kept, used, and replaced when the binary changes"
}

# ---- ThinLTO: a static library of bitcode, read with llvm-dis --------------

case_thinlto() {
  CC=clang-14 PROFDATA=llvm-profdata-14
  need $CC clang-14
  need $PROFDATA llvm-14
  need llvm-dis-14 llvm-14
  need ld.lld-14 lld-14
  write_program
  $CC -O2 -flto=thin -fprofile-generate -c "$W/src/lib.c" -o "$W/lib.o" || fail "lib.c"
  $CC -O2 -flto=thin -fprofile-generate -c "$W/src/main.c" -o "$W/main.o" || fail "main.c"
  rm -f "$W/liblib.a"
  ar rcs "$W/liblib.a" "$W/lib.o" || fail "ar"
  $CC -flto=thin -fuse-ld=lld -fprofile-generate "$W/main.o" "$W/liblib.a" -o "$W/gen" || fail "link"
  head -c 4 "$W/lib.o" | od -An -c | grep -q 'B   C' || fail "lib.o is not bitcode"
  train $PROFDATA
  printf 'app\t%s\nlib\t%s\n' "$W/gen" "$W/liblib.a" >"$W/list.txt"
  pgo status --profdata $PROFDATA --cache "$W/cache" --binaries "$W/list.txt" "app=$W/p.profdata" "lib=$W/p.profdata"
  expect_rc "ThinLTO" 0
  has "match=100.0" "ThinLTO"
  has "target.lib.functions=3" "ThinLTO: helper, warm, cold in the library"
  has "target.lib.match=100.0" "ThinLTO: the library"
  has "target.app.match=100.0" "ThinLTO: the program"
  # The library's edit shows in both.
  sed -i 's/return x < 0 ? -x : x;/return x < 0 ? -x : x > 9 ? 9 : x;/; s/(x \* 7 + 3) % 11/x > 5 ? (x * 7 + 3) % 11 : x/' "$W/src/lib.c"
  $CC -O2 -flto=thin -fprofile-generate -c "$W/src/lib.c" -o "$W/lib.o" || fail "lib.c"
  rm -f "$W/liblib.a"
  ar rcs "$W/liblib.a" "$W/lib.o"
  $CC -flto=thin -fuse-ld=lld -fprofile-generate "$W/main.o" "$W/liblib.a" -o "$W/gen" || fail "link"
  pgo status --profdata $PROFDATA --cache "$W/cache" --binaries "$W/list.txt" "app=$W/p.profdata" "lib=$W/p.profdata"
  expect_rc "ThinLTO, edited" 0
  has "target.lib.matching=1" "ThinLTO edited: only warm still matches in the library"
  printf '%s\n' "$out" | grep -q '^stale=[0-9.]*% changed helper$' || fail "ThinLTO: helper not changed" "$(show)"
  # A binary that is not instrumented, and llvm-dis that is not there.
  $CC -O2 "$W/src/main.c" "$W/src/lib.c" -o "$W/plain" || fail "plain build"
  printf 'app\t%s\n' "$W/plain" >"$W/plain.txt"
  pgo status --profdata $PROFDATA --cache "$W/cache" --binaries "$W/plain.txt" "app=$W/p.profdata"
  expect_err "a plain binary" 1 "pgo: $W/plain holds no profile records: it was not built with -fprofile-generate (build the instrumented tree again)"
  pgo status --profdata $PROFDATA --cache "$W/cache2" --llvm-dis "$W/no-such-llvm-dis" --binaries "$W/list.txt" "lib=$W/p.profdata"
  expect_rc "llvm-dis missing" 2
  case $err in "pgo: cannot run $W/no-such-llvm-dis: No such file or directory") ;; *) fail "llvm-dis missing" "$(show)" ;; esac
  pass "ThinLTO: the bitcode library through llvm-dis, per target; plain binaries refused"
}

# ---- a sample profile: names only --------------------------------------------

case_sample() {
  CC=clang-14 PROFDATA=llvm-profdata-14
  need $CC clang-14
  need $PROFDATA llvm-14
  write_program
  $CC -O2 -fno-inline "$W/src/main.c" "$W/src/lib.c" -o "$W/app" || fail "build"
  printf 'main:5000:1\n 1: 10\nrun:90000:1\n 2: 90000\nhelper:8000:100\n 1: 8000\nwarm:1000:10\n 1: 1000\ngone:1000:1\n 1: 1000\n' >"$W/s.txt"
  $PROFDATA merge --sample --extbinary -o "$W/s.prof" "$W/s.txt" || fail "merge --sample"
  printf 'app\t%s\n' "$W/app" >"$W/list.txt"
  pgo status --profdata $PROFDATA --cache "$W/cache" --sample-binaries "$W/list.txt" "app=$W/s.prof"
  expect_rc "sample" 0
  has "kind=sample" "sample"
  has "format=extbinary" "sample"
  has "matched_by=name only (a sample profile has no CFG hash)" "sample"
  has "functions=5" "sample"
  has "matching=4" "sample"
  # gone: 1000 of 105000 samples.
  has "match=99.0" "sample: 104000 of 105000 samples"
  has "stale=0.9% missing gone" "sample"
  pgo status --profdata $PROFDATA --cache "$W/cache" --binaries "$W/list.txt" "app=$W/s.prof"
  expect_err "a sample profile without --sample-binaries" 2 "pgo: $W/s.prof is a sample profile: pgo status needs the files of its targets (--sample-binaries LIST)"
  strip -o "$W/app.stripped" "$W/app" || fail "strip"
  printf 'app\t%s\n' "$W/app.stripped" >"$W/stripped.txt"
  pgo status --profdata $PROFDATA --cache "$W/cache" --sample-binaries "$W/stripped.txt" "app=$W/s.prof"
  expect_err "a stripped binary for a sample profile" 1 "pgo: $W/app.stripped has no function symbols (stripped?): a sample profile is matched by the names in its symbol table"
  pass "sample profiles match by name, weighted by samples"
}

# ---- git ---------------------------------------------------------------------

case_git() {
  CC=clang-14 PROFDATA=llvm-profdata-14
  need $CC clang-14
  need $PROFDATA llvm-14
  need git git
  write_program
  build_gen $CC
  train $PROFDATA
  list
  g() { git -C "$W" -c user.name=t -c user.email=t@example.com "$@" >/dev/null 2>&1 || fail "git $*"; }
  g init -q
  g add p.profdata
  g commit -q -m profile
  : >"$W/a"
  g add a
  g commit -q -m one
  : >"$W/b"
  g add b
  g commit -q -m two
  status
  expect_rc "git" 0
  has "git_commits_since=2" "git"
  has "git_modified=no" "git"
  has "git_date=$(git -C "$W" log -1 --format=%cs -- p.profdata)" "git"
  has "git_commit=$(git -C "$W" log -1 --format=%h -- p.profdata)" "git"
  # Re-trained, not committed.
  LLVM_PROFILE_FILE="$W/raw2/%p.profraw" "$W/gen" 7 >/dev/null || fail "the instrumented program failed"
  $PROFDATA merge -o "$W/p.profdata" "$W"/raw2/*.profraw || fail "merge"
  status
  expect_rc "git, modified" 0
  has "git_modified=yes" "git, modified"
  has "git_commits_since=2" "git, modified"
  git -C "$W" checkout -q -- p.profdata
  mv "$W/p.profdata" "$W/q.profdata"
  pgo status --profdata $PROFDATA --cache "$W/cache" --binaries "$W/list.txt" "app=$W/q.profdata"
  expect_rc "an untracked profile" 0
  printf '%s\n' "$out" | grep -q '^git_' && fail "an untracked profile has git lines" "$(show)"
  pass "git: commits since the profile last changed"
}

# ---- usage and bad input ------------------------------------------------------

case_errors() {
  PROFDATA=llvm-profdata-14
  need $PROFDATA llvm-14
  printf ':ir\nf\n# Func Hash:\n1\n# Num Counters:\n1\n# Counter Values:\n5\n' >"$W/p.proftext"
  $PROFDATA merge -o "$W/p.profdata" "$W/p.proftext" || fail "merge"
  usage="usage: pgo status --profdata LLVM_PROFDATA --cache DIR [--binaries LIST] [--sample-binaries LIST] [--source-root DIR] [--build-root DIR] [--min-match PERCENT] [--top N] [--llvm-dis LLVM_DIS] TARGET=PROFILE..."
  pgo status --profdata $PROFDATA --cache "$W/c"
  expect_err "no operands" 2 "pgo: $usage"
  pgo status --profdata $PROFDATA --cache "$W/c" app
  expect_err "not TARGET=PROFILE" 2 "pgo: 'app' is not TARGET=PROFILE; $usage"
  for bad in 80% 101 -1 abc ""; do
    pgo status --profdata $PROFDATA --cache "$W/c" --min-match "$bad" "app=$W/p.profdata"
    expect_err "--min-match '$bad'" 2 "pgo: PGO_MIN_MATCH=$bad is not a percentage; use a number from 0 to 100, e.g. 80"
  done
  pgo status --profdata $PROFDATA --cache "$W/c" --binaries "$W/none.txt" "app=$W/p.profdata"
  expect_err "a missing list" 2 "pgo: cannot read the list of binaries $W/none.txt (No such file or directory): build the binaries first"
  printf 'other\t/bin/sh\n' >"$W/list.txt"
  pgo status --profdata $PROFDATA --cache "$W/c" --binaries "$W/list.txt" "app=$W/p.profdata"
  expect_err "a target not listed" 2 "pgo: $W/p.profdata: no files of the target app are listed in $W/list.txt; build the binaries first"
  printf 'app\t%s\n' "$W/missing" >"$W/list.txt"
  pgo status --profdata $PROFDATA --cache "$W/c" --binaries "$W/list.txt" "app=$W/p.profdata"
  expect_err "a missing binary" 2 "pgo: $W/missing does not exist: build it first"
  printf 'app\t%s\n' "$W/p.proftext" >"$W/list.txt"
  pgo status --profdata $PROFDATA --cache "$W/c" --binaries "$W/list.txt" "app=$W/p.profdata"
  expect_err "a text file as binary" 1 "pgo: $W/p.proftext is neither an ELF file, an archive nor LLVM bitcode"
  pgo status --profdata $PROFDATA --cache "$W/c" --binaries "$W/list.txt" "app=$W/nothing.profdata"
  expect_err "a missing profile" 1 "pgo: $W/nothing.profdata does not exist"
  pgo status --profdata $PROFDATA --cache "$W/c" --binaries "$W/list.txt" "app=$W/p.proftext"
  expect_err "a text profile" 1 "pgo: $W/p.proftext is a text profile; convert it with llvm-profdata merge -o FILE.profdata"
  pgo info
  expect_err "info without a binary" 2 "pgo: usage: pgo info BINARY"
  pgo info "$W/nothing"
  expect_err "info: a missing binary" 1 "pgo: $W/nothing does not exist"
  pgo info "$W/p.proftext"
  expect_err "info: not ELF" 1 "pgo: $W/p.proftext is not an ELF file"
  pgo provenance --dir "$W/n" --profile a --hash 1 --kind ir
  expect_err "provenance without --compiler" 2 "pgo: pgo provenance needs --compiler; usage: pgo provenance --dir DIR --profile NAME --hash HASH --kind KIND --compiler TEXT"
  pass "usage errors and bad input: one line each, with the fix"
}

# ---- the record in binaries --------------------------------------------------

# note_of BINARY: its pgo info.
note_of() {
  pgo info "$1"
  expect_rc "pgo info $1" 0
}

case_info() {
  need clang-14 clang-14
  need gcc gcc
  need strip binutils
  need ld.lld-14 lld-14
  pgo provenance --dir "$W/notes" --profile "sub dir/default.profdata" --hash 15ad30869603ccaf --kind ir --compiler "clang 14.0.6"
  expect_rc "provenance" 0
  note=$(value path)
  [ -f "$note" ] || fail "provenance wrote no file" "$(show)"
  before=$(stat -c %Y.%i "$note")
  sleep 1
  pgo provenance --dir "$W/notes" --profile "sub dir/default.profdata" --hash 15ad30869603ccaf --kind ir --compiler "clang 14.0.6"
  [ "$(value path)" = "$note" ] && [ "$(stat -c %Y.%i "$note")" = "$before" ] || fail "the same record was written again" "$(show)"
  want="binary=%s
profiles=1
profile=sub dir/default.profdata
hash=15ad30869603ccaf
kind=ir
compiler=clang 14.0.6"
  printf 'int f(int);\nint main(int c, char **v) { (void)v; return f(c); }\n' >"$W/m.c"
  printf 'int f(int x) { return x + 1; }\n' >"$W/f.c"
  for cc in clang-14 gcc; do
    for ld in "" -fuse-ld=lld; do
      [ $cc = gcc ] && [ -n "$ld" ] && continue
      $cc -O2 -c "$note" -o "$W/note.o" -Wall -Wextra -Wpedantic -Werror || fail "$cc cannot compile the note" 
      $cc -O2 $ld -Wl,--gc-sections "$W/m.c" "$W/f.c" "$W/note.o" -o "$W/app" || fail "$cc $ld: link"
      strip "$W/app" || fail strip
      note_of "$W/app"
      [ "$out" = "$(printf "$want" "$W/app")" ] || fail "$cc $ld: the record after --gc-sections and strip" "$(show)"
    done
  done
  # In a shared library, an object file, and a C++ build.
  clang-14 -O2 -fPIC -shared "$W/f.c" "$W/note.o" -o "$W/libf.so" || fail "shared library"
  note_of "$W/libf.so"
  has "profiles=1" "a shared library"
  note_of "$W/note.o"
  has "profiles=1" "the note object"
  clang++-14 -x c++ -O2 -c "$note" -o "$W/note-cxx.o" -Wall -Wextra -Wpedantic -Werror || fail "clang++ cannot compile the note"
  # ThinLTO with lld: the note compiled to bitcode is kept once per module;
  # pgo info shows one record.
  clang-14 -O2 -flto=thin -fuse-ld=lld "$W/m.c" "$W/f.c" -include "$note" -o "$W/lto" || fail "ThinLTO"
  note_of "$W/lto"
  [ "$out" = "$(printf "$want" "$W/lto")" ] || fail "ThinLTO: the record" "$(show)"
  # Two records, and none.
  pgo provenance --dir "$W/notes" --profile other.profdata --hash 0123456789abcdef --kind sample --compiler "clang 14.0.6"
  other=$(value path)
  clang-14 -O2 "$W/m.c" "$W/f.c" "$note" "$other" -o "$W/two" || fail "two records"
  note_of "$W/two"
  has "profiles=2" "two records"
  has "profile=other.profdata" "two records"
  clang-14 -O2 "$W/m.c" "$W/f.c" -o "$W/none" || fail "no record"
  note_of "$W/none"
  [ "$out" = "binary=$W/none
profiles=0
note=no profile record: built without a profile (or by a build that does not add one)" ] || fail "a binary without a record" "$(show)"
  pass "the record survives strip and --gc-sections (clang, gcc, lld, ThinLTO), once per record"
}

case "$CASE" in
  clang14 | clang22 | cache | thinlto | sample | git | errors | info) "case_$CASE" ;;
  *) echo "status.sh: unknown case '$CASE'" >&2; exit 2 ;;
esac
