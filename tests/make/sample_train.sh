#!/bin/sh
# make pgo_train PGO_TRAIN_KIND=sample pgo_update: the training runs against
# the ordinary build (in-tree: the very objects of the plain make, nothing
# instrumented, nothing rebuilt) under pgo collect, and the merged sample
# profile becomes default.profdata, which the next ordinary build uses with
# -fprofile-sample-use. Needs perf (and llvm-profgen); a machine where perf
# may not sample skips, except under CI=true.
. "$(dirname "$0")/lib.sh"
major=${TCC##*-}
have perf || missing perf "apt-get install linux-perf" optional
have "llvm-profgen-$major" || missing "llvm-profgen-$major" "apt-get install llvm-$major" optional
if ! perf record -q -o "$W/probe.data" -e cpu-clock:u -- true >/dev/null 2>"$W/probe.err"; then
  why="perf cannot sample on this machine: $(head -n 1 "$W/probe.err")"
  [ "${CI:-}" = true ] && fail "perf samples (under CI=true nothing may be skipped)" "$why"
  echo "pgo-test: skipped: $why"
  exit 0
fi

setup minimal-make
# A longer training than data/typical.txt, so that it gets samples: 30 runs
# over 100000 lines.
i=0
while [ $i -lt 250 ]; do cat data/typical.txt; i=$((i + 1)); done | head -n 100000 >data/big.txt
TRAIN='i=0; while [ $$i -lt 30 ]; do ./app --input data/big.txt || exit 1; i=$$((i + 1)); done >/dev/null'

ok plain CC="$TCC"
cp -p app "$W/app.plain"

# The default PGO_TRAIN_BINARY is PGO_TRAIN's first word.
mk nobinary CC="$TCC" pgo_train PGO_TRAIN_KIND=sample PGO_TRAIN="$TRAIN"
rc_is nobinary 2
contains "$W/nobinary.err" "pgo.mk: PGO_TRAIN_KIND=sample samples i=0; (the first word of PGO_TRAIN), which is not a file; there is no trained profile yet: set PGO_TRAIN_BINARY to the program the training runs" "a PGO_TRAIN that does not start with the binary"

# The training repeats until its runs add up to PGO_TRAIN_SAMPLE_SECONDS.
mk badseconds CC="$TCC" pgo_train PGO_TRAIN_KIND=sample PGO_TRAIN_SAMPLE_SECONDS=10s
rc_is badseconds 2
contains "$W/badseconds.err" "pgo.mk: PGO_TRAIN_SAMPLE_SECONDS=10s is not a number of seconds; use a whole number from 0 (run the training once) to 86400" "a bad PGO_TRAIN_SAMPLE_SECONDS"
ok n-train -n V=1 CC="$TCC" pgo_train PGO_TRAIN_KIND=sample PGO_TRAIN="$TRAIN" PGO_TRAIN_BINARY=./app
contains "$W/n-train.out" " collect --frequency 20000 --repeat-for 0 -o " "the training runs once by default"
ok n-train2 -n V=1 CC="$TCC" pgo_train PGO_TRAIN_KIND=sample PGO_TRAIN="$TRAIN" PGO_TRAIN_BINARY=./app PGO_TRAIN_SAMPLE_SECONDS=7
contains "$W/n-train2.out" " collect --frequency 20000 --repeat-for 7 -o " "PGO_TRAIN_SAMPLE_SECONDS=7 repeats it for 7 s"

ok train CC="$TCC" pgo_train PGO_TRAIN_KIND=sample PGO_TRAIN="$TRAIN" PGO_TRAIN_BINARY=./app pgo_update
contains "$W/train.out" "PGO     sample: app" "the sample phase builds the goals"
contains "$W/train.out" "PGO     train (sampled): " "the training runs sampled"
[ "$(count_lines "$W/train.out" compile)$(count_lines "$W/train.out" link)" = 00 ] ||
  fail "in-tree, the sample phase is the ordinary build: nothing rebuilt" "$(show "$W/train.out")"
cmp -s app "$W/app.plain" || fail "the sampled app is the ordinary one" "it changed"
instrumented app && fail "no instrumented app" "instrumented"
contains "$W/train.out" "pgo: merged 1 sample profiles into $PWD/.pgo/train.profdata" "the sample profile is merged"
contains "$W/train.out" "pgo: updated $PWD/default.profdata" "and installed"
"$(engine)" show default.profdata >"$W/show.out" || fail "pgo show default.profdata" "$(show "$W/show.out")"
contains "$W/show.out" "kind=sample" "default.profdata is a sample profile"
"$(profdata)" show --sample default.profdata >"$W/samples.out" 2>&1 || fail "llvm-profdata show --sample" "$(show "$W/samples.out")"
contains "$W/samples.out" "Function: main: " "main was sampled"

# The next ordinary build uses it.
ok n-use -n CC="$TCC"
all_have "$W/n-use.out" compile "-fprofile-sample-use=$PWD/.pgo/use/" "the ordinary build uses the sample profile"
all_have "$W/n-use.out" compile "-funique-internal-linkage-names" "with unique static names"
all_have "$W/n-use.out" compile "-Xclang -mllvm -Xclang -no-discriminators" "without discriminators the sampled binary did not have"
all_have "$W/n-use.out" link "-flto=thin" "and ThinLTO"
all_have "$W/n-use.out" link "-fprofile-sample-use=$PWD/.pgo/use/" "whose backends get the sample profile"
ok use CC="$TCC"
empty "$W/use.err" "the build with the sample profile"
./app --input data/typical.txt >"$W/run.txt" || fail "app runs" "exit $?"
same_line "$W/run.txt" "400 lines, 340 long, score 57399, median 148" "app's output"
pass
