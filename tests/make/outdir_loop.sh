#!/bin/sh
# The whole loop in examples/make-outdir, whose Makefile builds below
# $(BUILD) and links with $(LDFLAGS) only: with PGO_OUTDIR_VAR = BUILD the
# phases build into build/pgo-instrument and build/pgo-optimize, and nothing
# in the user's own build/ is rebuilt.
. "$(dirname "$0")/lib.sh"
setup make-outdir

ok plain CC="$TCC"
empty "$W/plain.err" "plain make"
none_have "$W/plain.out" compile "-fprofile" "plain make without a profile"
[ -x build/lexstat ] || fail "build/lexstat" "missing"
cp build/lexstat "$W/lexstat.plain"
ls -l --time-style=full-iso build/lexstat build/src/main.o build/src/lexer.o >"$W/times.before"

# Flags of the instrument phase, on compile and link lines.
ok n-instr -n CC="$TCC" pgo_instrument
all_have "$W/n-instr.out" compile "-fprofile-generate=$PWD/.pgo/raw" "pgo_instrument"
all_have "$W/n-instr.out" link "-fprofile-generate=$PWD/.pgo/raw" "pgo_instrument (link line uses LDFLAGS only)"
all_have "$W/n-instr.out" compile " -o build/pgo-instrument/src/" "pgo_instrument builds in build/pgo-instrument"
all_have "$W/n-instr.out" link "-o build/pgo-instrument/lexstat" "pgo_instrument links in build/pgo-instrument"

ok train CC="$TCC" pgo_train
contains "$W/train.out" "PGO     instrument: all in build/pgo-instrument" "pgo_train label"
contains "$W/train.out" "PGO     train: build/pgo-instrument/lexstat data/sample.txt" "PGO_TRAIN sees BUILD of the phase"
instrumented build/pgo-instrument/lexstat || fail "an instrumented build/pgo-instrument/lexstat" "not instrumented"
trained .pgo/train.profdata main lex

ok n-opt -n CC="$TCC" pgo_optimize
all_have "$W/n-opt.out" compile "-fprofile-use=$PWD/.pgo/use/" "pgo_optimize"
all_have "$W/n-opt.out" link "-flto=thin" "pgo_optimize"
all_have "$W/n-opt.out" link "-o build/pgo-optimize/lexstat" "pgo_optimize links in build/pgo-optimize"
ok opt CC="$TCC" pgo_optimize
contains "$W/opt.out" "pgo.mk: optimized build of all (profile .pgo/train.profdata) is in build/pgo-optimize/" "pgo_optimize says where"
instrumented build/pgo-optimize/lexstat && fail "build/pgo-optimize/lexstat without the profile runtime" "instrumented"
build/pgo-optimize/lexstat data/sample.txt >"$W/run.txt" || fail "the optimized lexstat runs" "it failed"
contains "$W/run.txt" " words, " "the optimized lexstat works"

# The user's own build/ was not touched by any phase.
ls -l --time-style=full-iso build/lexstat build/src/main.o build/src/lexer.o >"$W/times.after"
cmp -s "$W/times.before" "$W/times.after" || fail "build/ untouched by the phases" "$(diff "$W/times.before" "$W/times.after" | tr '\n' '|')"
ok plain-again CC="$TCC"
contains "$W/plain-again.out" "Nothing to be done for 'all'" "a plain make after the phases rebuilds nothing"
cmp -s build/lexstat "$W/lexstat.plain" || fail "build/lexstat unchanged" "it changed"

# Each phase keeps its own objects: re-running a phase rebuilds nothing.
ok opt-again CC="$TCC" pgo_optimize
[ "$(count_lines "$W/opt-again.out" compile)" = 0 ] || fail "pgo_optimize again compiles nothing" "$(show "$W/opt-again.out")"
ok instr-again CC="$TCC" pgo_instrument
[ "$(count_lines "$W/instr-again.out" compile)" = 0 ] || fail "pgo_instrument again compiles nothing" "$(show "$W/instr-again.out")"

# After pgo_update the plain build in build/ uses the profile and rebuilds once.
ok update CC="$TCC" pgo_update
ok plain-pgo CC="$TCC"
[ "$(count_lines "$W/plain-pgo.out" compile)" = 2 ] || fail "build/ rebuilt with the new default.profdata" "$(show "$W/plain-pgo.out")"
all_have "$W/plain-pgo.out" compile "-fprofile-use=$PWD/.pgo/use/" "plain make with default.profdata"

ok clean CC="$TCC" pgo_clean
[ -f default.profdata ] || fail "pgo_clean keeps default.profdata" "it is gone"
[ -x build/lexstat ] || fail "pgo_clean keeps the user's build/lexstat" "it is gone"
for d in build/pgo-instrument build/pgo-optimize .pgo; do
  [ -e "$d" ] && fail "pgo_clean removes $d" "it exists"
done
pass
