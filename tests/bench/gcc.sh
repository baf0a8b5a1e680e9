#!/bin/sh
# SPDX-License-Identifier: MIT
#
# gcc.sh [ROUNDS]: issue 13's proof, GCC's PGO against gcc -O2 in both
# flavours, each a pgo_compare (alternating rounds, medians of per-round
# ratios):
#
#   examples/interp       CMake, CC=gcc: its training, timed on its bench
#                         workload (pgo_add_benchmark)
#   examples/make-typical pgo.mk, CC=gcc: trained on data/exprs.txt, timed
#                         on 500 copies of it (3 ms a run is too short to
#                         time)
#
# Each from a copy of the example without a checked-in profile. Not a test:
# it prints the two reports. Needs gcc (10 or later), cmake, ninja, make.
set -eu
rounds=${1:-11}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src/examples"
cp -R "$root/cmake" "$root/make" "$work/src/"
for example in interp make-typical; do
  cp -R "$root/examples/$example" "$work/src/examples/$example"
  rm -f "$work/src/examples/$example/default.profdata"
done

echo "== examples/interp, CMake, gcc $(gcc -dumpversion)"
cmake -S "$work/src/examples/interp" -B "$work/interp" -G Ninja -DCMAKE_C_COMPILER=gcc \
  -DCMAKE_BUILD_TYPE=Release -DPGO_COMPARE_ROUNDS="$rounds" >/dev/null
cmake --build "$work/interp" --target pgo_compare

echo "== examples/make-typical, pgo.mk, gcc $(gcc -dumpversion)"
cd "$work/src/examples/make-typical"
for _ in $(seq 500); do cat data/exprs.txt; done >"$work/exprs-500.txt"
make CC=gcc PGO_COMPARE_ROUNDS="$rounds" PGO_BENCH="./tcalc $work/exprs-500.txt" pgo_compare
