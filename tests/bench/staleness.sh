#!/bin/sh
# SPDX-License-Identifier: MIT
#
# staleness.sh [ROUNDS]: how the match figure of pgo_status relates to the
# speedup, on examples/interp with its checked-in profile applied to a
# series of deliberate edits (tests/bench/staleness/*.patch, applied one
# after the other, like commits that nobody re-trained for):
#
#   0 as checked in     the code the profile was trained on
#   1 small edit        table.c: a fast path for the first probe of
#                       find_entry (about 1% of the profile's counts)
#   2 renamed function  value.c: array_get, the hottest operation (about
#                       5%), renamed array_index
#   3 hot loop edited   vm.c: an int fast path for OP_ADD in vm_run, the
#                       dispatch loop (about 73%)
#   3 re-trained        the same code after pgo_update
#
# For each step: the ordinary build (PGO=auto: the stale default.profdata,
# with ThinLTO) and a plain one (PGO=off), the match from pgo_status, and
# the time of workloads/bench.txt timed by the pgo_compare runner
# (cmake/pgo-compare.c: alternating A/B rounds, the median of per-round
# ratios, with min-max), the same comparison pgo_compare makes, with the
# checked-in profile instead of a freshly trained one. Both builds must
# print the same output. Not a test: it prints figures.
# Needs clang-14, llvm-14, lld-14, cmake, ninja and patch.
set -eu
rounds=${1:-7}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src/examples"
cp -R "$root/cmake" "$work/src/cmake"
cp -R "$root/examples/interp" "$work/src/examples/interp"
src=$work/src/examples/interp
compilers="-DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=Release"
cmake -S "$src" -B "$work/pgo" -G Ninja $compilers >/dev/null
cmake -S "$src" -B "$work/plain" -G Ninja $compilers -DPGO=off >/dev/null
cc -O2 -std=c11 -o "$work/runner" "$root/cmake/pgo-compare.c" -lm

# measure LABEL: one row.
measure() {
  cmake --build "$work/pgo" >/dev/null
  cmake --build "$work/plain" >/dev/null
  cmake --build "$work/pgo" --target pgo_status >"$work/status.out" 2>&1 ||
    { cat "$work/status.out" >&2; exit 1; }
  match=$(sed -n 's/^match=//p' "$work/status.out" | head -n 1)
  stale=$(sed -n 's/^stale=\([0-9.]*%\) [a-z]* \(.*\)/\2 \1/p' "$work/status.out" | head -n 2 | paste -sd, - | sed 's/,/, /g')
  "$work/pgo/interp" "$src/workloads/bench.txt" >"$work/pgo.txt"
  "$work/plain/interp" "$src/workloads/bench.txt" >"$work/plain.txt"
  cmp -s "$work/pgo.txt" "$work/plain.txt" || { echo "staleness.sh: $1: the builds print different output" >&2; exit 1; }
  printf 'benchmark interp\ncwd %s\nbaseline-size %s\noptimized-size %s\nbaseline %s\nbaseline %s\noptimized %s\noptimized %s\n' \
    "$src" "$work/plain/interp" "$work/pgo/interp" "$work/plain/interp" "$src/workloads/bench.txt" "$work/pgo/interp" \
    "$src/workloads/bench.txt" >"$work/spec"
  "$work/runner" --rounds "$rounds" --warmup 1 "$work/spec" >"$work/compare.out" 2>"$work/compare.err" ||
    { cat "$work/compare.out" "$work/compare.err" >&2; exit 1; }
  ratio=$(sed -n 's/^interp: \([0-9.]*x time ([0-9.]*-[0-9.]*)\).*/\1/p' "$work/compare.out")
  [ -n "$ratio" ] || { cat "$work/compare.out" >&2; exit 1; }
  printf '| %s | %s%% | %s | %s |\n' "$1" "$match" "$ratio" "${stale:--}"
}

printf '| step | match | time, PGO / plain | hottest stale |\n|---|---|---|---|\n'
measure "0 as checked in"
n=0
for patch in "$here"/staleness/*.patch; do
  n=$((n + 1))
  (cd "$src" && patch -p1 --quiet <"$patch")
  case $n in 1) label="1 small edit" ;; 2) label="2 renamed function" ;; *) label="3 hot loop edited" ;; esac
  measure "$label"
done
cmake --build "$work/pgo" --target pgo_update >/dev/null
measure "3 re-trained"
echo "(median of $rounds per-round ratios, min-max; clang-14, ThinLTO)"
