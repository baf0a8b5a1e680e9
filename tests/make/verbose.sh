#!/bin/sh
# pgo.mk's own steps are quiet by default (short labels), V=1 on the command
# line shows their commands, make -s hides the labels, and V in the
# environment does not count.
. "$(dirname "$0")/lib.sh"
setup minimal-make
pgo="'$PWD/.pgo/bin/pgo'"

ok quiet CC="$TCC" pgo_train
lacks "$W/quiet.out" "$pgo" "default output"
lacks "$W/quiet.out" "PGO_PHASE=" "default output"
contains "$W/quiet.out" "  PGO     instrument: app" "label of the instrument phase"
contains "$W/quiet.out" "  PGO     train: ./app --input data/typical.txt" "label of the training"

ok verbose CC="$TCC" pgo_train V=1
contains "$W/verbose.out" "PGO_PHASE=instrument" "V=1 shows the recursive make"
contains "$W/verbose.out" "$pgo lock '$PWD/.pgo/phase.lock' -- make" "V=1 shows the lock around the phase"
contains "$W/verbose.out" "$pgo clear '$PWD/.pgo/raw'" "V=1 shows clear"
contains "$W/verbose.out" "$pgo run --raw-dir '$PWD/.pgo/raw' --scratch-dir '$PWD/.pgo/scratch' --name train -- sh -c './app --input data/typical.txt'" "V=1 shows run"
contains "$W/verbose.out" "$pgo merge --profdata '" "V=1 shows merge"
lacks "$W/verbose.out" "  PGO     train:" "V=1 shows commands instead of labels"

V=1 make CC="$TCC" pgo_train >"$W/env.out" 2>&1 || fail "V=1 in the environment: pgo_train" "$(show "$W/env.out")"
lacks "$W/env.out" "$pgo" "V=1 from the environment is ignored"

ok silent -s CC="$TCC" pgo_train
lacks "$W/silent.out" "  PGO  " "make -s"

# A plain make: nothing from pgo.mk; with V=1 one line about the profile.
ok plain CC="$TCC"
lacks "$W/plain.out" "pgo.mk" "plain make"
ok plain-v CC="$TCC" V=1
contains "$W/plain-v.out" "pgo.mk: default.profdata: using 4 functions from the checked copy $PWD/.pgo/use/" "V=1 plain make"
rm -f default.profdata
ok none-v CC="$TCC" V=1
contains "$W/none-v.out" "pgo.mk: PGO=auto: no default.profdata; building without PGO" "V=1 without a profile"
pass
