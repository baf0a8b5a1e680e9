#!/bin/sh
# Builds at the same time, deleted state, interrupted trainings:
# - two "make pgo_train" at once on a fresh copy (five times): both succeed,
#   the second waits for the first (pgo lock), the profile is trained;
# - deleting .pgo, or any single file in it, between two builds never
#   breaks the ordinary build: the next make makes again what it needs (the
#   state include, the pgo program, the checked copy), and the one after
#   has nothing to do;
# - after kill -9 of a whole training run, the next pgo_train works (no
#   lock is left), and what a kill -9 leaves behind (.pgo-tmp.<dead pid>.*)
#   is removed by the next runs and by pgo_clean: no .pgo-tmp.* or *.tmp.*
#   file remains; pgo_clean removes everything pgo.mk made.
. "$(dirname "$0")/lib.sh"

# no_temps WHAT: no temporary file below the current folder.
no_temps() {
  _t=$(find . \( -name '.pgo-tmp.*' -o -name '*.tmp.*' \) -print)
  [ -z "$_t" ] || fail "$1: no temporary files" "$(printf '%s' "$_t" | tr '\n' ' ')"
}

# only_waiting FILE WHAT: FILE holds nothing but pgo lock's waiting line.
only_waiting() {
  grep -v -e '^pgo: waiting for .*/\.pgo/phase\.lock: another build holds it$' "$1" >"$1.rest"
  empty "$1.rest" "$2"
}

# 1. Two trainings at once on a fresh copy.
for n in 1 2 3 4 5; do
  setup minimal-make "$W/c$n"
  make CC="$TCC" pgo_train >"$W/c$n-a.out" 2>"$W/c$n-a.err" &
  pa=$!
  make CC="$TCC" pgo_train >"$W/c$n-b.out" 2>"$W/c$n-b.err"
  rb=$?
  wait "$pa"
  ra=$?
  [ "$ra" = 0 ] && [ "$rb" = 0 ] ||
    fail "round $n: both pgo_train succeed" "exit $ra and $rb; $(show "$W/c$n-a.err") / $(show "$W/c$n-b.err")"
  only_waiting "$W/c$n-a.err" "round $n: first pgo_train"
  only_waiting "$W/c$n-b.err" "round $n: second pgo_train"
  [ "$(grep -c '  PGO     train:' "$W/c$n-a.out" "$W/c$n-b.out" | cut -d: -f2 | tr '\n' ' ')" = "1 1 " ] ||
    fail "round $n: each make trains once" "$(show "$W/c$n-a.out") / $(show "$W/c$n-b.out")"
  trained .pgo/train.profdata main line_score
  instrumented app || fail "round $n: an instrumented app" "not instrumented"
  no_temps "round $n"
done

# 2. Deleting .pgo, or any file in it, between builds.
setup minimal-make "$W/del"
ok d-first CC="$TCC"
rm -rf .pgo
ok d-rm CC="$TCC"
empty "$W/d-rm.err" "make after rm -rf .pgo"
all_have "$W/d-rm.out" compile "-fprofile-use=$PWD/.pgo/use/" "make after rm -rf .pgo"
ok d-rm-again CC="$TCC"
contains "$W/d-rm-again.out" "'app' is up to date" "the make after that"
k=0
for f in $(find .pgo -type f | sort); do
  k=$((k + 1))
  rm -f "$f"
  ok "d$k" CC="$TCC"
  empty "$W/d$k.err" "make after deleting $f"
  none_have "$W/d$k.out" compile "-fprofile-generate" "make after deleting $f"
  [ "$(count_lines "$W/d$k.out" compile)" = 0 ] || all_have "$W/d$k.out" compile "-fprofile-use=$PWD/.pgo/use/" "make after deleting $f"
  ok "d$k-again" CC="$TCC"
  contains "$W/d$k-again.out" "'app' is up to date" "the second make after deleting $f"
done
[ "$k" -ge 5 ] || fail "files in .pgo to delete one by one" "only $k"
[ -x .pgo/bin/pgo ] && [ -f .pgo/state.plain.mk ] && [ "$(ls .pgo/use/*.profdata | wc -l)" = 1 ] ||
  fail "the pgo program, the state and the checked copy made again" "$(find .pgo | tr '\n' ' ')"

# 3. kill -9 of a training run (the whole process group).
have setsid || missing setsid "apt-get install util-linux"
setup minimal-make "$W/kill"
ok k-first CC="$TCC"
cp default.profdata "$W/checked-in.profdata"
setsid make CC="$TCC" pgo_train PGO_TRAIN="./app --input data/typical.txt && touch '$W/trained' && sleep 60" >"$W/k.out" 2>&1 &
pk=$!
i=0
while [ ! -f "$W/trained" ]; do
  i=$((i + 1))
  [ "$i" -le 600 ] || fail "the training to start" "$(show "$W/k.out")"
  sleep 0.1
done
pg=$(ps -o pgid= -p "$pk" | tr -d ' ')
[ -n "$pg" ] || fail "the process group of the training run" "none"
kill -9 "-$pg"
wait "$pk" 2>/dev/null
# What a kill -9 at other moments leaves: temporaries of a dead process.
dead=99999999
for d in .pgo .pgo/bin .pgo/use .pgo/raw .; do
  mkdir -p "$d" && : >"$d/.pgo-tmp.$dead.1.profdata"
done
ok k-train CC="$TCC" pgo_train
trained .pgo/train.profdata main line_score
ok k-update CC="$TCC" pgo_update
ok k-plain CC="$TCC"
empty "$W/k-plain.err" "make after the interrupted training"
no_temps "after kill -9 and the next runs"
for d in .pgo/bin .pgo/use; do : >"$d/.pgo-tmp.$dead.2.profdata"; done
: >".pgo-tmp.$dead.2.profdata"
ok k-clean CC="$TCC" pgo_clean
[ -e .pgo ] && fail "pgo_clean removes .pgo" "$(find .pgo | tr '\n' ' ')"
no_temps "after pgo_clean"
[ -f default.profdata ] || fail "pgo_clean keeps default.profdata" "gone"
pass
