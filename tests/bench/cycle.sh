#!/bin/sh
# SPDX-License-Identifier: MIT
#
# cycle.sh [EXAMPLE] [ROUNDS]: what the whole PGO cycle costs against one
# plain build (issue 11: at most 2.7 times), on an example of this
# repository (default interp; textpipe has its hot code in a static
# library). Not a test: it prints figures.
#
# plain  a fresh tree: configure and build, no profile (PGO=off);
# cycle  a fresh tree, configured and built the same way first (not timed),
#        then timed: `cmake --build --target pgo_update` (instrument, train,
#        install the profile) and the ordinary `cmake --build` that follows
#        (it re-configures and rebuilds the opted-in targets with the
#        profile and ThinLTO).
#
# Rounds alternate plain-cycle and cycle-plain; printed: the median of the
# per-round ratios cycle/plain, with min-max, and the medians of each.
# Needs clang-14, llvm-14, cmake and ninja.
set -eu
example=${1:-interp}
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -d "$root/examples/$example" ] || { echo "cycle.sh: no example '$example' in $root/examples" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the package and the example without its profile.
mkdir -p "$work/src/examples"
cp -R "$root/cmake" "$work/src/cmake"
cp -R "$root/examples/$example" "$work/src/examples/$example"
src=$work/src/examples/$example
compilers="-DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14"

now() { date +%s.%N; }

# plain: seconds for configure + build of a fresh tree, and for the build
# alone.
plain() {
  rm -rf "$work/plain"
  t0=$(now)
  cmake -S "$src" -B "$work/plain" -G Ninja $compilers -DCMAKE_BUILD_TYPE=Release -DPGO=off >/dev/null
  tm=$(now)
  cmake --build "$work/plain" >/dev/null
  t1=$(now)
  echo "$t0 $tm $t1" | awk '{ printf "%.3f %.3f\n", $3 - $1, $3 - $2 }'
}

# cycle: seconds for pgo_update + the ordinary build, in a built tree.
cycle() {
  rm -rf "$work/cycle"
  rm -f "$src/default.profdata"
  cmake -S "$src" -B "$work/cycle" -G Ninja $compilers -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$work/cycle" >/dev/null
  t0=$(now)
  cmake --build "$work/cycle" --target pgo_update >/dev/null
  cmake --build "$work/cycle" >"$work/cycle.log"
  t1=$(now)
  grep -q "use .*default.profdata" "$work/cycle.log" || { echo "cycle.sh: the ordinary build did not pick up the profile" >&2; exit 1; }
  echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
}

# Warm-up: caches, and the engine's first build.
plain >/dev/null
cycle >/dev/null
: >"$work/rows"
r=0
while [ $r -lt "$rounds" ]; do
  if [ $((r % 2)) -eq 0 ]; then p=$(plain); c=$(cycle); else c=$(cycle); p=$(plain); fi
  echo "$p $c" >>"$work/rows"
  echo "round $((r + 1))/$rounds: plain (configure+build, build) ${p} s, cycle ${c} s" >&2
  r=$((r + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Columns of rows: plain configure+build, plain build, cycle.
for col in 1 2; do
  awk -v c=$col '{ print $3 / $c }' "$work/rows" | sort -n >"$work/ratios.$col"
done
what1="configure + build"
what2="build alone"
for col in 1 2; do
  eval "what=\$what$col"
  printf '%s: cycle / plain %s = %.2fx (median of %d per-round ratios, min-max %.2f-%.2f)\n' "$example" "$what" \
    "$(median <"$work/ratios.$col")" "$rounds" "$(head -n 1 "$work/ratios.$col")" "$(tail -n 1 "$work/ratios.$col")"
done
printf '%s: medians: plain configure + build %.2f s, plain build %.2f s, cycle %.2f s\n' "$example" \
  "$(awk '{ print $1 }' "$work/rows" | median)" "$(awk '{ print $2 }' "$work/rows" | median)" \
  "$(awk '{ print $3 }' "$work/rows" | median)"
