#!/bin/sh
# make pgo_compare: the optimized build and the plain one (PGO=off), each
# program copied aside, then pgo compare times the copies in alternating
# rounds with PGO_BENCH's arguments, keeps every run's output and writes the
# CSV; the gate fails the make; bad PGO_BENCH values are one-line errors.
# In-tree (minimal-make) and with an output folder (make-outdir); a
# program with a shared library of the tree.
. "$(dirname "$0")/lib.sh"

setup minimal-make
mk nobench CC="$TCC" pgo_compare
rc_is nobench 2
contains "$W/nobench.err" "pgo.mk: PGO_BENCH is empty; set it to the benchmark command, the program first, e.g. PGO_BENCH = ./app --input data/big.txt" "no PGO_BENCH"
mk notbuilt CC="$TCC" pgo_compare PGO_BENCH="./nothere --input data/typical.txt"
rc_is notbuilt 2
contains "$W/notbuilt.err" "pgo.mk: PGO_BENCH runs ./nothere, which the optimized build did not make; start PGO_BENCH with the program the goals build" "a PGO_BENCH program the build does not make"

ok cmp CC="$TCC" pgo_compare PGO_BENCH="./app --input data/typical.txt" PGO_COMPARE_ROUNDS=2 PGO_COMPARE_WARMUP=0
contains "$W/cmp.out" "PGO     optimize: app" "the optimized build"
contains "$W/cmp.out" "PGO     baseline: app" "then the plain one"
contains "$W/cmp.out" "bench: optimized vs baseline: cpu " "the report"
contains "$W/cmp.out" "(medians of 2 per-round ratios)" "over PGO_COMPARE_ROUNDS rounds"
readelf -S .pgo/compare/optimized/app | grep -q '\.note\.pgo' || fail "the optimized copy carries the profile's note" "$(readelf -S .pgo/compare/optimized/app)"
readelf -S .pgo/compare/baseline/app | grep -q '\.note\.pgo' && fail "the baseline copy is plain" "it has .note.pgo"
for f in baseline.1 baseline.2 optimized.1 optimized.2; do
  same_line ".pgo/compare/bench/$f.stdout" "400 lines, 340 long, score 57399, median 148" "the output of run $f is kept"
done
grep -q '^bench,optimized,baseline,2,0,' .pgo/compare/compare.csv || fail "compare.csv has the optimized row" "$(show .pgo/compare/compare.csv)"
grep -q '^arg exec "$0" --input data/typical.txt$' .pgo/compare/spec || fail "the arms run PGO_BENCH's arguments" "$(show .pgo/compare/spec)"

# The program's own figure, and a gate on it.
mk nometric CC="$TCC" pgo_compare PGO_BENCH="./app --input data/typical.txt" PGO_COMPARE_METRICS=score
rc_is nometric 2
contains "$W/nometric.err" "pgo.mk: PGO_COMPARE_METRICS names score, but PGO_METRIC_score is empty; set it to a regular expression whose first group is the number, e.g. PGO_METRIC_score = score=([0-9.]+)" "a metric without its expression"
ok metric CC="$TCC" pgo_compare PGO_BENCH="./app --input data/typical.txt" PGO_COMPARE_ROUNDS=1 PGO_COMPARE_WARMUP=0 \
  PGO_COMPARE_METRICS=score 'PGO_METRIC_score=score ([0-9]+)' PGO_COMPARE_GATE=metric:score PGO_COMPARE_FAIL_ABOVE=1.0
contains "$W/metric.out" "  score 1.00x (median of 1 per-round ratio" "the score's ratio"
contains "$W/metric.out" "baseline cpu " "the medians"
contains "$W/metric.out" ", score 57399; optimized cpu " "with the score"

mk gate CC="$TCC" pgo_compare PGO_BENCH="./app --input data/typical.txt" PGO_COMPARE_ROUNDS=1 PGO_COMPARE_WARMUP=0 PGO_COMPARE_FAIL_ABOVE=0.001
rc_is gate 2
grep -q "^pgo: bench: optimized vs baseline: cpu [0-9.]*x (median of 1 per-round ratio) is above --fail-above 0.001$" "$W/gate.err" ||
  fail "PGO_COMPARE_FAIL_ABOVE fails the make with one line" "$(show "$W/gate.err")"

ok clean CC="$TCC" pgo_clean
[ ! -e .pgo/compare ] || fail "pgo_clean removes .pgo/compare" "$(ls -A .pgo)"

setup make-outdir "$W/outdir"
mk wrongdir CC="$TCC" pgo_compare PGO_BENCH="./lexstat data/sample.txt"
rc_is wrongdir 2
contains "$W/wrongdir.err" 'pgo.mk: PGO_BENCH starts with ./lexstat, which is not in $(BUILD) (build); start it with the program the goals build, e.g. PGO_BENCH = $(BUILD)/app ...' "a program outside the output folder"
ok outdir CC="$TCC" pgo_compare 'PGO_BENCH=$(BUILD)/lexstat data/sample.txt' PGO_COMPARE_ROUNDS=1 PGO_COMPARE_WARMUP=0
contains "$W/outdir.out" "PGO     optimized: build/pgo-optimize/lexstat" "the optimized program of its output folder"
contains "$W/outdir.out" "PGO     baseline: build/pgo-baseline/lexstat" "the plain program of its own"
contains "$W/outdir.out" "bench: optimized vs baseline: cpu " "the report"
ok outclean CC="$TCC" pgo_clean
[ ! -e build/pgo-baseline ] || fail "pgo_clean removes build/pgo-baseline" "$(ls -A build)"
# A program that loads a shared library of the tree: the library is copied
# with each build's program, its size counts, and each build runs with its
# own copy (in-tree, the plain build overwrites the optimized library).
mkdir -p "$W/so" && cd "$W/so" || fail "cd $W/so" "cd failed"
printf '%s\n' "CC = $TCC" 'RPATH = -Wl,-rpath,'"'"'$$ORIGIN'"'"'' 'app: main.o libwork.so' \
  '	$(CC) -o $@ main.o -L. -lwork $(RPATH)' 'libwork.so: work.c' '	$(CC) -O2 -fPIC -shared -o $@ work.c' \
  'main.o: main.c' '	$(CC) -O2 -c -o $@ main.c' 'PGO_TRAIN = ./app 200000' "include $W/repo/make/pgo.mk" >Makefile
printf '#include <stdlib.h>\nlong work(long);\nint main(int c, char **v) { return work(atol(v[1])) == 0; }\n' >main.c
printf 'long work(long n) { long s = 0; for (long i = 0; i < n; i++) s += (i %% 7) ? i : -i; return s; }\n' >work.c
ok so-cmp pgo_compare PGO_BENCH="./app 2000000" PGO_COMPARE_ROUNDS=1 PGO_COMPARE_WARMUP=0
contains "$W/so-cmp.out" "size " "the report"
contains "$W/so-cmp.out" "(2 files)" "the library's size counts"
for arm in baseline optimized; do
  grep -qx "size $PWD/.pgo/compare/$arm/lib/libwork.so" .pgo/compare/spec || fail "the $arm library's size is in the spec" "$(show .pgo/compare/spec)"
done
grep -q '^arg LD_LIBRARY_PATH="$1${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$0" 2000000$' .pgo/compare/spec || fail "each arm runs with its own libraries" "$(show .pgo/compare/spec)"
readelf -S .pgo/compare/optimized/lib/libwork.so | grep -q '\.note\.pgo' || fail "the optimized build's library is kept" "no .note.pgo"
readelf -S .pgo/compare/baseline/lib/libwork.so | grep -q '\.note\.pgo' && fail "the plain build's library is its own" "it has .note.pgo"
# An absolute DT_RPATH into the tree wins over LD_LIBRARY_PATH: refused.
mk so-rpath pgo_compare PGO_BENCH="./app 2000000" PGO_COMPARE_ROUNDS=1 PGO_COMPARE_WARMUP=0 "RPATH=-Wl,--disable-new-dtags,-rpath,$PWD"
rc_is so-rpath 2
contains "$W/so-rpath.err" "pgo.mk: PGO_BENCH's program loads libwork.so from $PWD/libwork.so whatever LD_LIBRARY_PATH says (an absolute DT_RPATH), so pgo_compare cannot run each build with its own copy; link it with -Wl,--enable-new-dtags or -Wl,-rpath,'\$ORIGIN'" "a DT_RPATH into the tree"
pass
