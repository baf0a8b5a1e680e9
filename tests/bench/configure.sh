#!/bin/sh
# SPDX-License-Identifier: MIT
#
# configure.sh [FUNCTIONS] [ROUNDS]: what find_package(PGO) adds to a
# re-configure of a project whose checked-in default.profdata is unchanged
# (issue 9: at most 0.3 s with a 200,000-function profile). Not a test: it
# prints figures. A small project is configured once without the package
# and once with it (and the profile); then both are re-configured
# alternately, ROUNDS times, and the median of the per-round differences
# and ratios is printed. Needs clang-14, llvm-profdata-14, cmake and ninja.
set -eu
functions=${1:-200000}
rounds=${2:-11}
here=$(cd "$(dirname "$0")" && pwd)
# PGO_PACKAGE_DIR: another checkout of this package to measure (default: this one).
root=${PGO_PACKAGE_DIR:-$(cd "$here/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/plain" "$work/pgo"
printf 'int work(int);\nint main(int c, char **v) { (void)v; return work(c); }\n' >"$work/main.c"
printf 'int work(int x) { return x * 3; }\n' >"$work/lib.c"
for d in plain pgo; do cp "$work/main.c" "$work/lib.c" "$work/$d/"; done
cat >"$work/plain/CMakeLists.txt" <<EOC
cmake_minimum_required(VERSION 3.21)
project(bench C)
add_executable(app main.c lib.c)
EOC
cat >"$work/pgo/CMakeLists.txt" <<EOC
cmake_minimum_required(VERSION 3.21)
project(bench C)
list(APPEND CMAKE_MODULE_PATH "$root/cmake")
find_package(PGO)
add_executable(app main.c lib.c)
pgo_target(app)
pgo_add_training(NAME run COMMAND app)
EOC

# A profile of FUNCTIONS functions, one in ten of them static (named by
# their source file, as clang does, so the check renames them).
awk -v n="$functions" 'BEGIN {
  print ":ir"
  for (i = 0; i < n; i++) {
    if (i % 10 == 0) printf "./src/file%d.c;static_%d\n", i % 997, i
    else printf "function_%d\n", i
    printf "# Func Hash:\n%d\n# Num Counters:\n4\n# Counter Values:\n%d\n%d\n%d\n%d\n\n", 1000 + i, i, i * 2, i % 7, 1
  }
}' >"$work/p.proftext"
llvm-profdata-14 merge -o "$work/pgo/default.profdata" "$work/p.proftext"
size=$(wc -c <"$work/pgo/default.profdata")

cmake -S "$work/plain" -B "$work/plain/build" -G Ninja -DCMAKE_C_COMPILER=clang-14 >/dev/null
first0=$(date +%s%N)
cmake -S "$work/pgo" -B "$work/pgo/build" -G Ninja -DCMAKE_C_COMPILER=clang-14 >/dev/null
first1=$(date +%s%N)

ms() { echo "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
t() {
  s=$(date +%s%N)
  cmake "$1" >/dev/null
  e=$(date +%s%N)
  echo $((e - s))
}
diffs="" ratios=""
i=0
while [ $i -lt "$rounds" ]; do
  a=$(t "$work/plain/build")
  b=$(t "$work/pgo/build")
  diffs="$diffs $((b - a))"
  ratios="$ratios $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')"
  i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
range() { printf '%s\n' $1 | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
echo "profile: $functions functions, $size bytes"
echo "first configure with the package (engine build, first check): $(ms $((first1 - first0))) ms"
echo "re-configure, with minus without the package: median $(ms "$(median "$diffs")") ms over $rounds alternating rounds (min-max $(range "$diffs" | awk -F- '{ printf "%.1f-%.1f", $1 / 1e6, $2 / 1e6 }') ms)"
echo "re-configure, ratio with/without: median $(median "$ratios")x (min-max $(range "$ratios"))"
