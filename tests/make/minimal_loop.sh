#!/bin/sh
# The whole loop in examples/minimal-make (objects in-tree): the checked-in
# default.profdata is used by a plain make, pgo_instrument/pgo_train/
# pgo_update/pgo_optimize/pgo_clean do what they say, and switching phases
# rebuilds the in-tree objects so that they never mix.
. "$(dirname "$0")/lib.sh"
setup minimal-make
[ -f default.profdata ] || fail "a checked-in examples/minimal-make/default.profdata" "none"
cp default.profdata "$W/checked-in.profdata"

# 0. The pgo program is built by the first make (one compiler per CPU); a
#    host compiler that fails is one line and leaves nothing behind.
mk hostcc-bad CC="$TCC" PGO_HOST_CC=false
rc_is hostcc-bad 2
contains "$W/hostcc-bad.err" "pgo.mk: building the pgo program with PGO_HOST_CC=false failed (see above); set PGO_HOST_CC to a C11 compiler for this machine, or PGO_ENGINE to an installed pgo" "a host compiler that fails"
[ -z "$(ls -A .pgo/bin)" ] || fail "a failed build of the pgo program leaves nothing in .pgo/bin" "$(ls -A .pgo/bin | tr '\n' ' ')"

# 1. A plain make uses the checked-in profile (through a checked copy in .pgo/use).
ok n-plain -n CC="$TCC"
all_have "$W/n-plain.out" compile "-fprofile-use=$PWD/.pgo/use/" "plain make with default.profdata"
all_have "$W/n-plain.out" compile "-Wno-profile-instr-out-of-date" "plain make with default.profdata"
all_have "$W/n-plain.out" compile "-flto=thin" "plain make, ThinLTO on compile lines"
all_have "$W/n-plain.out" link "-flto=thin" "plain make, ThinLTO on the link line"
none_have "$W/n-plain.out" compile "-fprofile-generate" "plain make"
ok plain CC="$TCC"
empty "$W/plain.err" "plain make with the checked-in profile"
instrumented app && fail "a plain build of app without the profile runtime" "__llvm_profile_raw_version in app"
./app --input data/typical.txt >/dev/null || fail "the PGO-built app runs" "it failed"
ok plain-again CC="$TCC"
contains "$W/plain-again.out" "'app' is up to date" "a second plain make rebuilds nothing"

# 2. pgo_instrument: compile AND link lines get -fprofile-generate; the
#    in-tree objects are rebuilt although they are newer than the sources.
ok n-instr -n CC="$TCC" pgo_instrument
all_have "$W/n-instr.out" compile "-fprofile-generate=$PWD/.pgo/raw" "pgo_instrument"
all_have "$W/n-instr.out" link "-fprofile-generate=$PWD/.pgo/raw" "pgo_instrument"
none_have "$W/n-instr.out" compile "-fprofile-use" "pgo_instrument"
ok instr CC="$TCC" pgo_instrument
[ "$(count_lines "$W/instr.out" compile)" = 2 ] ||
  fail "pgo_instrument recompiles both in-tree objects" "$(show "$W/instr.out")"
instrumented app || fail "an instrumented app after pgo_instrument" "no __llvm_profile_raw_version"

# 3. Back to a plain make: the objects are rebuilt, never linked instrumented.
ok back CC="$TCC"
[ "$(count_lines "$W/back.out" compile)" = 2 ] ||
  fail "a plain make after pgo_instrument recompiles both objects" "$(show "$W/back.out")"
contains "$W/back.out" "PGO     flags changed (use): rebuilding" "the phase switch is reported"
instrumented app && fail "no profile runtime in app after going back to a plain make" "__llvm_profile_raw_version in app"

# 4. pgo_train: instruments, trains, merges; the trained functions have counts.
ok train CC="$TCC" pgo_train
contains "$W/train.out" "PGO     train: ./app --input data/typical.txt" "pgo_train runs PGO_TRAIN"
contains "$W/train.out" "$PWD/.pgo/train.profdata" "pgo_train reports the merge"
instrumented app || fail "pgo_train leaves the instrumented app in-tree" "not instrumented"
trained .pgo/train.profdata main line_score median_score stats.c:compare_scores

# 5. pgo_update installs it atomically as default.profdata.
ok update CC="$TCC" pgo_update
contains "$W/update.out" "PGO     update default.profdata" "pgo_update"
cmp -s .pgo/train.profdata default.profdata || fail "default.profdata equal to .pgo/train.profdata" "they differ"

# 6. pgo_optimize builds with the trained profile and says where the binaries are.
ok n-opt -n CC="$TCC" pgo_optimize
all_have "$W/n-opt.out" compile "-fprofile-use=$PWD/.pgo/use/" "pgo_optimize"
all_have "$W/n-opt.out" link "-flto=thin" "pgo_optimize"
ok opt CC="$TCC" pgo_optimize
contains "$W/opt.out" "pgo.mk: optimized build of app (profile .pgo/train.profdata) is in $PWD/" "pgo_optimize"
[ "$(count_lines "$W/opt.out" compile)" = 2 ] ||
  fail "pgo_optimize rebuilds the instrumented in-tree objects" "$(show "$W/opt.out")"
instrumented app && fail "an optimized app without the profile runtime" "instrumented"
./app --input data/typical.txt >"$W/run.txt" || fail "the optimized app runs" "it failed"
contains "$W/run.txt" "400 lines" "the optimized app works"

# default.profdata now holds the same profile: a plain make keeps those objects.
ok after-opt CC="$TCC"
contains "$W/after-opt.out" "'app' is up to date" "plain make after pgo_update + pgo_optimize (same profile)"

# 7. pgo_clean removes what pgo.mk made, never the checked-in profile.
ok clean CC="$TCC" pgo_clean
[ -e .pgo ] && fail "pgo_clean removes .pgo" "$(ls -A .pgo | tr '\n' ' ')"
[ -f default.profdata ] || fail "pgo_clean keeps default.profdata" "it is gone"
ok after-clean CC="$TCC"
[ "$(count_lines "$W/after-clean.out" compile)" = 2 ] ||
  fail "objects rebuilt once after pgo_clean removed the flag stamp" "$(show "$W/after-clean.out")"
pass
