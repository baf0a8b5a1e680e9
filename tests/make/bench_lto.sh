#!/bin/sh
# sh tests/make/bench_lto.sh [SCRATCH [ROUNDS]]: what the ThinLTO link
# options of pgo.mk buy (not a CTest case: it measures and prints). A
# generated project (FILES sources of FUNCS functions each, one program) is
# trained once (pgo_update); then each round edits one source and runs
# make -j2 once per setting, in alternating order, timing the whole make
# (one compile and the link; the edit changes one module's code). Printed
# per comparison: the median of the
# per-round ratios (B/A) with its min-max, and the medians of A and B.
#   cache:  PGO_LTO_CACHE=off (A) against on (B), the ld.lld of pgo.mk
#   jobs:   PGO_LTO_JOBS=1 (A) against 2 (B), no cache
#   linker: PGO_LINKER=default (A: GNU ld + LLVMgold) against auto (B: lld),
#           no cache
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=${1:-/tmp/pgo-bench-lto}
ROUNDS=${2:-7}
FILES=${FILES:-24}
FUNCS=${FUNCS:-60}
CC=${PGO_TEST_CC:-clang-14}
unset MAKEFLAGS MFLAGS MAKELEVEL V CFLAGS LDFLAGS
rm -rf "$S" && mkdir -p "$S/p/make" "$S/p/cmake" "$S/p/proj" || exit 2
cp -R "$ROOT/make/." "$S/p/make/" && cp -R "$ROOT/cmake/engine" "$S/p/cmake/" || exit 2
cd "$S/p/proj" || exit 2

# The sources: f<i>.c with FUNCS functions of a loop and a switch each, and
# main.c calling all of them through a table.
i=0
while [ $i -lt "$FILES" ]; do
  awk -v i=$i -v n="$FUNCS" 'BEGIN {
    for (j = 0; j < n; j++) {
      printf "unsigned f%d_%d(unsigned x) {\n  unsigned s = x;\n", i, j
      printf "  for (unsigned k = 0; k < 64; k++) {\n    switch ((s + k) %% 5) {\n"
      printf "    case 0: s = s * 33u + %d; break;\n    case 1: s ^= s >> 7; break;\n", j
      printf "    case 2: s += k * %du; break;\n    case 3: s = (s << 3) | (s >> 29); break;\n", i + 3
      printf "    default: s -= %du;\n    }\n  }\n  return s;\n}\n", j + 1
    } }' >"f$i.c"
  i=$((i + 1))
done
# The line each round edits.
printf '#define EDIT 0\nunsigned edited(unsigned x) { return x * 7u + EDIT; }\n' >>f0.c
awk -v m="$FILES" -v n="$FUNCS" 'BEGIN {
  print "#include <stdio.h>\n#include <stdlib.h>"
  for (i = 0; i < m; i++) for (j = 0; j < n; j++) printf "unsigned f%d_%d(unsigned);\n", i, j
  print "static unsigned (*const table[])(unsigned) = {"
  for (i = 0; i < m; i++) for (j = 0; j < n; j++) printf "  f%d_%d,\n", i, j
  print "};"
  print "int main(int argc, char **argv) {\n  unsigned s = 1, r = argc > 1 ? (unsigned)atoi(argv[1]) : 20;"
  print "  for (unsigned t = 0; t < r; t++)\n    for (unsigned k = 0; k < sizeof table / sizeof table[0]; k++) s = table[k](s + t);"
  print "  printf(\"%u\\n\", s);\n  return 0;\n}" }' >main.c
{
  printf 'CC = %s\nCFLAGS = -O2\nOBJS = main.o' "$CC"
  i=0
  while [ $i -lt "$FILES" ]; do printf ' f%d.o' $i; i=$((i + 1)); done
  printf '\n\napp: $(OBJS)\n\t$(CC) -o $@ $(OBJS)\n\nPGO_TRAIN = ./app 20\ninclude ../make/pgo.mk\n'
} >Makefile

echo "pgo.mk ThinLTO link options: $FILES files x $FUNCS functions, $CC, $ROUNDS rounds, make -j2"
make -s pgo_update >"$S/train.log" 2>&1 || { echo "pgo_update failed: $S/train.log" >&2; exit 1; }
make -s -j2 >"$S/build.log" 2>&1 || { echo "the first build failed: $S/build.log" >&2; exit 1; }

# run SETTING...: a small edit of f0.c (a new constant in one function,
# so one module's code changes), make -j2 with SETTING; prints the seconds.
edits=0
run() {
  edits=$((edits + 1))
  sed "s/^#define EDIT .*/#define EDIT $edits/" f0.c >f0.c.new && mv f0.c.new f0.c
  t0=$(date +%s.%N)
  make -s -j2 "$@" >>"$S/runs.log" 2>&1 || { echo "make $* failed: $S/runs.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# compare NAME "A settings" "B settings"
compare() {
  : >"$S/$1.txt"
  r=0
  while [ $r -lt "$ROUNDS" ]; do
    if [ $((r % 2)) = 0 ]; then a=$(run $2); b=$(run $3); else b=$(run $3); a=$(run $2); fi
    echo "$a $b" >>"$S/$1.txt"
    r=$((r + 1))
  done
  awk -v name="$1" '{ a[NR] = $1; b[NR] = $2; q[NR] = $2 / $1 }
    function med(v, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
    END { n = NR; lo = hi = q[1]; for (i = 1; i <= n; i++) { if (q[i] < lo) lo = q[i]; if (q[i] > hi) hi = q[i] }
      printf "%-7s B/A %.2fx (%.2f-%.2f)   A %.2f s   B %.2f s\n", name, med(q, n), lo, hi, med(a, n), med(b, n) }' "$S/$1.txt"
}

compare cache "PGO_LTO_CACHE=off" "PGO_LTO_CACHE=on"
compare jobs "PGO_LTO_JOBS=1 PGO_LTO_CACHE=off" "PGO_LTO_JOBS=2 PGO_LTO_CACHE=off"
compare linker "PGO_LINKER=default PGO_LTO_CACHE=off" "PGO_LINKER=auto PGO_LTO_CACHE=off"
