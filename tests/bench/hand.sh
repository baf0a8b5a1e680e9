#!/bin/sh
# SPDX-License-Identifier: MIT
#
# hand.sh [ROUNDS]: the package's default build of examples/interp against
# PGO done by hand with the same profile (issue 11: within 1%, and both at
# or below 0.80x plain). Not a test: it prints figures.
#
# plain    the example's ordinary CMake build with PGO=off (-O3 -DNDEBUG)
# package  its ordinary CMake build, which uses the checked-in
#          default.profdata (ThinLTO through the static library, lld)
# hand     clang-14 -O3 -DNDEBUG -fprofile-use=default.profdata -flto=thin,
#          linked with ld.lld-14, compiled from the example's folder as
#          ./src/*.c so that the profile's static function names
#          (./src/vm.c:fn) match; objects linked in the order of the glob
#
# All three run workloads/bench.txt, timed by `pgo compare` in alternating
# order (plain package hand, hand package plain, ...). Printed: pgo
# compare's summary (medians of per-round ratios against plain, min-max),
# and package/hand from the same rounds.
set -eu
rounds=${1:-11}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ex=$root/examples/interp

cmake -S "$ex" -B "$work/plain" -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=Release -DPGO=off >/dev/null
cmake --build "$work/plain" >/dev/null
cmake -S "$ex" -B "$work/package" -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_BUILD_TYPE=Release >"$work/package.log"
grep -q 'use .*default.profdata' "$work/package.log" || { echo "hand.sh: the package build does not use the profile" >&2; exit 1; }
cmake --build "$work/package" >/dev/null

mkdir -p "$work/hand"
(
  cd "$ex"
  for f in src/*.c; do
    o=$work/hand/$(basename "$f" .c).o
    clang-14 -O3 -DNDEBUG -std=c11 -fprofile-use=default.profdata -Wno-profile-instr-out-of-date \
      -Wno-profile-instr-unprofiled -flto=thin -c "./$f" -o "$o"
  done
)
clang-14 -O3 -flto=thin --ld-path="$(command -v ld.lld-14)" "$work"/hand/*.o -lm -o "$work/hand/interp"

pgo=$work/pgo
cc -std=c11 -O2 -o "$pgo" "$root"/cmake/engine/*.c
{
  echo "benchmark interp"
  for arm in plain package hand; do
    echo "arm $arm"
    echo "size $work/$arm/interp"
    echo "arg $work/$arm/interp"
    echo "arg $ex/workloads/bench.txt"
  done
} >"$work/spec"
"$pgo" compare --out "$work/out" --rounds "$rounds" --warmup 1 --quiet --json "$work/figures.json" "$work/spec"

# package / hand, per round, from the same runs.
python3 - "$work/figures.json" <<'EOF2'
import json, statistics, sys
bench = json.load(open(sys.argv[1]))["benchmarks"][0]
arms = {a["label"]: a for a in bench["arms"]}
for measure in ("cpu_ms", "wall_ms"):
    p, h = arms["package"][measure]["rounds"], arms["hand"][measure]["rounds"]
    r = sorted(a / b for a, b in zip(p, h))
    print("interp: package / hand %s %.3fx (median of %d per-round ratios, min-max %.3f-%.3f)"
          % (measure[:-3], statistics.median(r), len(r), r[0], r[-1]))
EOF2
