#!/bin/sh
# A failed training keeps the previous profile byte for byte: a failing
# command, a command that writes no profile, a failing llvm-profdata merge.
# And the errors for an empty PGO_TRAIN and a pgo_update whose training fails.
. "$(dirname "$0")/lib.sh"
setup minimal-make
cp default.profdata "$W/checked-in.profdata"

mk empty-train CC="$TCC" pgo_train PGO_TRAIN=
rc_is empty-train 2
contains "$W/empty-train.err" "*** pgo.mk: PGO_TRAIN is empty; set it to the training command, e.g. PGO_TRAIN = ./app --input data/typical.txt.  Stop." "pgo_train with an empty PGO_TRAIN"
[ "$(count_lines "$W/empty-train.out" compile)" = 0 ] || fail "nothing built without PGO_TRAIN" "$(show "$W/empty-train.out")"

# pgo_update without a trained profile trains first; a failing training
# stops it before it installs anything.
mk no-profile CC="$TCC" pgo_update PGO_TRAIN='exit 3'
rc_is no-profile 2
contains "$W/no-profile.err" "pgo.mk: the training command failed (exit status 3); there is no trained profile yet: fix PGO_TRAIN or the program and run make pgo_train again" "pgo_update before pgo_train trains first, and names no profile that does not exist"
cmp -s default.profdata "$W/checked-in.profdata" || fail "default.profdata unchanged by a failed pgo_update" "changed"

ok train CC="$TCC" pgo_train
cp .pgo/train.profdata "$W/before.profdata"

mk fails CC="$TCC" pgo_train PGO_TRAIN='./app --input data/typical.txt && exit 3'
rc_is fails 2
contains "$W/fails.err" "pgo.mk: the training command failed (exit status 3); kept the previous profile .pgo/train.profdata: fix PGO_TRAIN or the program and run make pgo_train again" "failing training"
cmp -s .pgo/train.profdata "$W/before.profdata" || fail "train.profdata byte-identical after a failed training" "it changed"

mk nodata CC="$TCC" pgo_train PGO_TRAIN=true
rc_is nodata 2
contains "$W/nodata.err" "training run 'train' wrote no raw profile" "a training that runs no instrumented binary"
cmp -s .pgo/train.profdata "$W/before.profdata" || fail "train.profdata byte-identical after a training without data" "it changed"

# An llvm-profdata that passes the version check but cannot merge.
pd=$(profdata)
cat >"$W/bad-profdata" <<EOS
#!/bin/sh
case "\$*" in *--version*) exec "$pd" "\$@" ;; esac
echo "bad-profdata: cannot merge" >&2
exit 1
EOS
chmod +x "$W/bad-profdata"
mk badmerge CC="$TCC" pgo_train PGO_LLVM_PROFDATA="$W/bad-profdata"
rc_is badmerge 2
contains "$W/badmerge.err" "kept the previous profile $PWD/.pgo/train.profdata" "a failing merge"
cmp -s .pgo/train.profdata "$W/before.profdata" || fail "train.profdata byte-identical after a failed merge" "it changed"

# The training has an empty scratch folder of its own, PGO_TRAINING_DIR,
# removed afterwards.
ok scratch CC="$TCC" pgo_train PGO_TRAIN='[ -d "$$PGO_TRAINING_DIR" ] && [ -z "$$(ls -A "$$PGO_TRAINING_DIR")" ] && echo "$$PGO_TRAINING_DIR" >'"$W/scratch.txt"' && ./app --input data/typical.txt'
scratch=$(cat "$W/scratch.txt")
case $scratch in "$PWD"/.pgo/scratch/train.[0-9]*) ;; *) fail "PGO_TRAINING_DIR under .pgo/scratch" "$scratch" ;; esac
[ ! -e "$scratch" ] || fail "the scratch folder is removed after the training" "$scratch is still there"

# Multi-command training lines run as one training run.
ok multi CC="$TCC" pgo_train PGO_TRAIN='./app --input data/typical.txt; ./app --input data/typical.txt'
[ "$(fn_count .pgo/train.profdata main)" -gt "$(fn_count "$W/before.profdata" main)" ] ||
  fail "two runs in one PGO_TRAIN count twice" "main: $(fn_count .pgo/train.profdata main) vs $(fn_count "$W/before.profdata" main)"
cmp -s default.profdata "$W/checked-in.profdata" || fail "training never touches default.profdata" "changed"
pass
