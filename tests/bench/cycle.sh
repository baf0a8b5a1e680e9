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
# hand   the floor of the same steps done by hand, without the package
#        (PGO=off, flags in CMAKE_<LANG>_FLAGS): two fresh trees configured
#        first (not timed), one instrumented (-fprofile-generate, ThinLTO,
#        lld) and one to use the profile (-fprofile-use, ThinLTO, lld, as
#        many backend jobs as CPUs, as the package); timed: the build of
#        the first, the training command, llvm-profdata merge and the
#        build of the second.
#
# Rounds alternate plain-cycle-hand and hand-cycle-plain; printed: the
# median of the per-round ratios cycle/plain and hand/plain, with min-max,
# and the medians of each.
# Needs clang-14, llvm-14, lld-14, cmake and ninja.
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
# The example's training run, as its CMakeLists.txt has it (pgo_add_training).
case $example in
  interp) train() { "$1/interp" "$src/workloads/train.txt" >/dev/null; } ;;
  textpipe) train() { "$1/textpipe" 400000 1 5 >/dev/null; } ;;
  *) echo "cycle.sh: no training command known for '$example'" >&2; exit 2 ;;
esac
lld=$(command -v ld.lld-14) || { echo "cycle.sh: needs ld.lld-14 (lld-14)" >&2; exit 2; }
jobs=$(nproc)

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

# hand: seconds for the by-hand steps in two fresh, configured trees. The
# profile of the last round is in place for the second tree's configure
# (its compiler checks read it) and replaced before that tree is built.
hand() {
  rm -rf "$work/hi" "$work/ho" "$work/raw"
  [ -f "$work/hand.profdata" ] || cp "$root/examples/$example/default.profdata" "$work/hand.profdata"
  gen="-fprofile-generate=$work/raw -flto=thin"
  use="-fprofile-use=$work/hand.profdata -Wno-profile-instr-unprofiled -Wno-profile-instr-out-of-date -flto=thin"
  link="-flto=thin --ld-path=$lld -Wl,--thinlto-jobs=$jobs"
  tools="-DCMAKE_AR=$(command -v llvm-ar-14) -DCMAKE_RANLIB=$(command -v llvm-ranlib-14)"
  cmake -S "$src" -B "$work/hi" -G Ninja $compilers $tools -DCMAKE_BUILD_TYPE=Release -DPGO=off \
    "-DCMAKE_C_FLAGS=$gen" "-DCMAKE_CXX_FLAGS=$gen" "-DCMAKE_EXE_LINKER_FLAGS=-fprofile-generate $link" >/dev/null
  cmake -S "$src" -B "$work/ho" -G Ninja $compilers $tools -DCMAKE_BUILD_TYPE=Release -DPGO=off \
    "-DCMAKE_C_FLAGS=$use" "-DCMAKE_CXX_FLAGS=$use" "-DCMAKE_EXE_LINKER_FLAGS=$link" >/dev/null
  t0=$(now)
  cmake --build "$work/hi" >/dev/null
  train "$work/hi"
  llvm-profdata-14 merge -o "$work/hand.profdata" "$work"/raw/*.profraw
  cmake --build "$work/ho" >/dev/null
  t1=$(now)
  echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
}

# Warm-up: caches, and the engine's first build.
plain >/dev/null
cycle >/dev/null
hand >/dev/null
: >"$work/rows"
r=0
while [ $r -lt "$rounds" ]; do
  if [ $((r % 2)) -eq 0 ]; then p=$(plain); c=$(cycle); h=$(hand); else h=$(hand); c=$(cycle); p=$(plain); fi
  echo "$p $c $h" >>"$work/rows"
  echo "round $((r + 1))/$rounds: plain (configure+build, build) ${p} s, cycle ${c} s, hand ${h} s" >&2
  r=$((r + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Columns of rows: plain configure+build, plain build, cycle, hand.
ratio() { awk -v n="$1" -v d="$2" '{ print $n / $d }' "$work/rows" | sort -n >"$work/ratios"; }
report() {
  printf '%s: %s = %.2fx (median of %d per-round ratios, min-max %.2f-%.2f)\n' "$example" "$1" \
    "$(median <"$work/ratios")" "$rounds" "$(head -n 1 "$work/ratios")" "$(tail -n 1 "$work/ratios")"
}
ratio 3 1; report "cycle / plain configure + build"
ratio 3 2; report "cycle / plain build alone"
ratio 4 2; report "hand / plain build alone"
ratio 3 4; report "cycle / hand"
printf '%s: medians: plain configure + build %.2f s, plain build %.2f s, cycle %.2f s, hand %.2f s\n' "$example" \
  "$(awk '{ print $1 }' "$work/rows" | median)" "$(awk '{ print $2 }' "$work/rows" | median)" \
  "$(awk '{ print $3 }' "$work/rows" | median)" "$(awk '{ print $4 }' "$work/rows" | median)"
