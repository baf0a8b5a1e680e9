#!/bin/sh
# SPDX-License-Identifier: MIT
#
# phase_configure.sh [CHECKS] [ROUNDS]: what pgo_instrument costs in a
# project with CHECKS configure checks (check_include_file, half of them
# for headers that do not exist), against the ordinary configure that ran
# them. Not a test: it prints figures.
#
# Each round configures a fresh tree (timed: "ordinary configure"), builds
# it (not timed), then times `cmake --build --target pgo_instrument` (the
# phase tree's first configure and the build of one instrumented file).
# With PGO_BASE_DIR=<another checkout of this package> that package is
# measured in the same rounds, alternating, as a second arm.
# Printed: medians, and the medians of per-round ratios with min-max.
# Needs clang-14, llvm-14, cmake and ninja.
set -eu
checks=${1:-40}
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
base=${PGO_BASE_DIR:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src"
printf 'int main(void) { return 0; }\n' >"$work/src/main.c"
{
  echo 'cmake_minimum_required(VERSION 3.21)'
  echo 'project(checks C)'
  echo 'list(APPEND CMAKE_MODULE_PATH "${PGO_PACKAGE}/cmake")'
  echo 'find_package(PGO REQUIRED)'
  echo 'include(CheckIncludeFile)'
  i=0
  while [ $i -lt "$checks" ]; do
    if [ $((i % 2)) -eq 0 ]; then h=stdio.h; else h=pgo_bench_missing_$i.h; fi
    echo "check_include_file($h HAVE_CHECK_$i)"
    i=$((i + 1))
  done
  echo 'add_executable(app main.c)'
  echo 'pgo_target(app)'
  echo 'pgo_add_training(NAME run COMMAND app)'
} >"$work/src/CMakeLists.txt"

now() { date +%s.%N; }

# arm PACKAGE: "<ordinary configure s> <pgo_instrument s>".
arm() {
  rm -rf "$work/b"
  t0=$(now)
  cmake -S "$work/src" -B "$work/b" -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=Release \
    "-DPGO_PACKAGE=$1" >/dev/null
  t1=$(now)
  cmake --build "$work/b" >/dev/null
  t2=$(now)
  cmake --build "$work/b" --target pgo_instrument >/dev/null
  t3=$(now)
  echo "$t0 $t1 $t2 $t3" | awk '{ printf "%.3f %.3f\n", $2 - $1, $4 - $3 }'
}

arm "$root" >/dev/null
[ -z "$base" ] || arm "$base" >/dev/null
: >"$work/rows"
r=0
while [ $r -lt "$rounds" ]; do
  if [ -z "$base" ]; then
    t=$(arm "$root"); b="0 0"
  elif [ $((r % 2)) -eq 0 ]; then
    t=$(arm "$root"); b=$(arm "$base")
  else
    b=$(arm "$base"); t=$(arm "$root")
  fi
  echo "$t $b" >>"$work/rows"
  echo "round $((r + 1))/$rounds: this package (configure, pgo_instrument) $t s; base $b s" >&2
  r=$((r + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" '{ print $c }' "$work/rows" | median; }
ratios() { awk -v n="$1" -v d="$2" '{ print $n / $d }' "$work/rows" | sort -n >"$work/ratios"; }
report() {
  printf '%s: %.2fx (median of %d per-round ratios, min-max %.2f-%.2f)\n' "$1" \
    "$(median <"$work/ratios")" "$rounds" "$(head -n 1 "$work/ratios")" "$(tail -n 1 "$work/ratios")"
}
printf '%d checks: medians: ordinary configure %.2f s, pgo_instrument %.2f s\n' "$checks" "$(col 1)" "$(col 2)"
ratios 2 1; report "pgo_instrument / ordinary configure"
if [ -n "$base" ]; then
  printf 'base package: medians: ordinary configure %.2f s, pgo_instrument %.2f s\n' "$(col 3)" "$(col 4)"
  ratios 2 4; report "pgo_instrument, this package / base"
fi
