#!/bin/sh
# Profiles apply across checkout paths: a profile trained in one copy of the
# project is used in a copy at another path without a single "no profile
# data" warning for its (static) functions, because the Makefile passes
# relative source paths. The control compiles with an absolute path, which
# IR PGO does not match. And a built tree moved to another folder rebuilds
# nothing, although its flags name the folder.
. "$(dirname "$0")/lib.sh"
setup minimal-make "$W/a"
ok train CC="$TCC" pgo_train pgo_update
trained default.profdata stats.c:compare_scores line_score main
prof=$PWD/default.profdata

setup minimal-make "$W/b/another/checkout"
cp "$prof" default.profdata
ok build CC="$TCC" CFLAGS="-O2 -Wall -mllvm -pgo-warn-missing-function"
all_have "$W/build.out" compile "-fprofile-use=$PWD/.pgo/use/" "the copied profile is used"
n=$(grep -c 'no profile data available for function' "$W/build.err")
[ "$n" = 0 ] || fail "no missing-profile warnings in the other checkout" "$n: $(grep 'no profile data' "$W/build.err" | head -n 2 | tr '\n' '|')"

"$TCC" -O2 -fprofile-use=default.profdata -mllvm -pgo-warn-missing-function -c "$PWD/stats.c" -o "$W/abs.o" 2>"$W/abs.err"
contains "$W/abs.err" "no profile data available for function compare_scores" "the control (absolute source path) misses the static function"

# Moved: the copy keeps the files' times (cp -p), as mv and most archivers do.
cd "$W" && mkdir -p "$W/moved/to/a" && cp -Rp "$W/b/another/checkout" "$W/moved/to/a/place" ||
  fail "copying the built tree" "cp failed"
cd "$W/moved/to/a/place/examples/minimal-make" || fail "cd into the moved tree" "cd failed"
mk q -q CC="$TCC"
rc_is q 0
ok n-moved -n CC="$TCC"
[ "$(count_lines "$W/n-moved.out" compile)" = 0 ] || fail "make -n in the moved tree compiles nothing" "$(show "$W/n-moved.out")"
ok moved CC="$TCC"
[ "$(count_lines "$W/moved.out" compile)$(count_lines "$W/moved.out" link)" = 00 ] || fail "make in the moved tree rebuilds nothing" "$(show "$W/moved.out")"
contains "$W/moved.out" "'app' is up to date" "make in the moved tree"
ok n-moved-all -n -B CC="$TCC"
all_have "$W/n-moved-all.out" compile "-fprofile-use=$PWD/.pgo/use/" "the moved tree's flags name its new folder"
pass
