#!/bin/sh
# Profiles apply across checkout paths: a profile trained in one copy of the
# project is used in a copy at another path without a single "no profile
# data" warning for its (static) functions, because the Makefile passes
# relative source paths. The control compiles with an absolute path, which
# IR PGO does not match.
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
pass
