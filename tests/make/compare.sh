#!/bin/sh
# make pgo_compare: the optimized build and the plain one (PGO=off), each
# program copied aside, then pgo compare times the copies in alternating
# rounds with PGO_BENCH's arguments, keeps every run's output and writes the
# CSV; the gate fails the make; bad PGO_BENCH values are one-line errors.
# In-tree (minimal-make) and with an output folder (make-outdir).
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
pass
