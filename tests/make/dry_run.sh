#!/bin/sh
# make -n writes nothing (no state include, no flag stamp, no checked copy,
# no pgo program; what it needs is found out in memory, in a temporary
# folder that is removed again) and still shows what the real make would
# run, including the rebuilds that changed flags cause.
. "$(dirname "$0")/lib.sh"
setup minimal-make
TMPDIR=$W/tmp
export TMPDIR
mkdir -p "$TMPDIR"

# snap: every file below .pgo with its size and time (nothing if none).
snap() {
  if [ -e .pgo ]; then find .pgo -exec ls -ld --time-style=full-iso {} + | sort; fi
}

# unchanged WHAT: .pgo is as it was at the last "snap >$W/snap".
unchanged() {
  snap >"$W/snap.now"
  cmp -s "$W/snap" "$W/snap.now" || fail "$1: make -n writes nothing in .pgo" "$(diff "$W/snap" "$W/snap.now" | head -n 6 | tr '\n' '|')"
  [ -z "$(ls -A "$TMPDIR")" ] || fail "$1: no temporary folder left" "$(ls -A "$TMPDIR")"
}

# A fresh tree: the flags of the checked-in profile, and no .pgo.
snap >"$W/snap"
ok fresh -n CC="$TCC"
empty "$W/fresh.err" "make -n on a fresh tree"
all_have "$W/fresh.out" compile "-fprofile-use=$PWD/.pgo/use/" "make -n on a fresh tree"
all_have "$W/fresh.out" link "-flto=thin" "make -n on a fresh tree"
[ -e .pgo ] && fail "make -n on a fresh tree creates no .pgo" "$(find .pgo | tr '\n' ' ')"
unchanged "fresh make -n"
ok fresh-train -n CC="$TCC" pgo_train
all_have "$W/fresh-train.out" compile "-fprofile-generate=$PWD/.pgo/raw" "make -n pgo_train"
contains "$W/fresh-train.out" "'$PWD/.pgo/bin/pgo' run --raw-dir '$PWD/.pgo/raw' --scratch-dir '$PWD/.pgo/scratch' --name train -- sh -c './app --input data/typical.txt'" "make -n pgo_train shows the training"
unchanged "make -n pgo_train"
mk fresh-q -q CC="$TCC"
rc_is fresh-q 1
unchanged "make -q"

# After a real build: make -n with other flags shows the rebuild and writes
# nothing; the real make then does exactly that.
ok build CC="$TCC"
snap >"$W/snap"
ok nolto -n CC="$TCC" PGO_LTO=off
contains "$W/nolto.out" "PGO     flags changed (use): rebuilding" "make -n PGO_LTO=off"
[ "$(count_lines "$W/nolto.out" compile)" = 2 ] || fail "make -n PGO_LTO=off shows both compiles" "$(show "$W/nolto.out")"
none_have "$W/nolto.out" compile "-flto" "make -n PGO_LTO=off"
unchanged "make -n PGO_LTO=off"
ok nothing -n CC="$TCC"
contains "$W/nothing.out" "'app' is up to date" "make -n with nothing to do"
[ "$(count_lines "$W/nothing.out" compile)" = 0 ] || fail "make -n with nothing to do compiles nothing" "$(show "$W/nothing.out")"
unchanged "make -n with nothing to do"

# A new profile: make -n names the checked copy the real make will make.
"$(profdata)" merge -o "$W/new.profdata" --weighted-input=3,default.profdata || fail "llvm-profdata merge" "failed"
cp "$W/new.profdata" default.profdata
snap >"$W/snap"
ok newprof -n CC="$TCC"
[ "$(count_lines "$W/newprof.out" compile)" = 2 ] || fail "make -n with a new profile shows both compiles" "$(show "$W/newprof.out")"
copy=$(sed -n 's|.*-fprofile-use=\([^ ]*\) .*|\1|p' "$W/newprof.out" | sort -u)
[ "$(printf '%s\n' "$copy" | wc -l)" = 1 ] && [ ! -e "$copy" ] ||
  fail "make -n names one checked copy that does not exist yet" "$copy"
unchanged "make -n with a new profile"
ok newprof-real CC="$TCC"
all_have "$W/newprof-real.out" compile "-fprofile-use=$copy " "the real make uses the copy make -n named"
[ -f "$copy" ] || fail "the real make makes the checked copy" "no $copy"

# Deleted .pgo: make -n shows the full rebuild and writes nothing.
rm -rf .pgo
snap >"$W/snap"
ok gone -n CC="$TCC"
[ "$(count_lines "$W/gone.out" compile)" = 2 ] || fail "make -n after rm -rf .pgo shows both compiles" "$(show "$W/gone.out")"
unchanged "make -n after rm -rf .pgo"
pass
