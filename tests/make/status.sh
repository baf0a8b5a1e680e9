#!/bin/sh
# make pgo_status and the profile's record, in examples/minimal-make (objects
# in-tree) and examples/make-outdir: the checked-in profile reads 100.0 on
# the code it was trained on; a small edit of the comparator, then one of
# the hot line_score make the match fall step by step, and PGO_MIN_MATCH=50
# trips at the second edit only, naming the function and the fix. Every
# binary the use build links carries the record, also stripped; a plain
# build carries none.
. "$(dirname "$0")/lib.sh"
have strip || missing strip "apt-get install binutils"
setup minimal-make
PGO=$(engine)

# match: the match= value of make NAME's output.
match() { sed -n 's/^match=//p' "$W/$1.out" | head -n 1; }
# tenths 97.3 -> 973
tenths() { printf '%s\n' "$1" | sed 's/\.//'; }

# 1. The ordinary build: its binary records the profile.
ok build CC="$TCC"
hash=$("$PGO" show default.profdata | sed -n 's/^hash=//p')
cp app app.stripped && strip app.stripped || fail "strip app" "strip failed"
for b in app app.stripped; do
  "$PGO" info "$b" >"$W/info.out" 2>&1 || fail "pgo info $b" "$(show "$W/info.out")"
  same_line "$W/info.out" "binary=$b
profiles=1
profile=default.profdata
hash=$hash
kind=ir
compiler=clang $($TCC -dumpversion)" "the record of the profile in $b"
done

# 2. make -n pgo_status writes nothing; make pgo_status reads 100.0.
ok n-status -n CC="$TCC" pgo_status
[ ! -e .pgo/status ] || fail "make -n pgo_status writes nothing" "$(ls -A .pgo)"
ok status CC="$TCC" pgo_status
contains "$W/status.out" "PGO     status of default.profdata" "pgo_status's label"
contains "$W/status.out" "matched_by=name and hash" "pgo_status"
contains "$W/status.out" "stale_count=0" "the code the profile was trained on"
contains "$W/status.out" "target.app.match=100.0" "the code the profile was trained on"
[ "$(match status)" = 100.0 ] || fail "match=100.0 on the code the profile was trained on" "$(show "$W/status.out")"
instrumented app || fail "pgo_status builds the instrumented app in-tree (as pgo_train does)" "not instrumented"

# 3. A small edit of the comparator: the match falls, the gate holds.
sed -i 's/^    return x > y;$/    return x > y ? 1 : x == y ? 0 : -1;/' stats.c
grep -q 'x == y ? 0' stats.c || fail "editing stats.c" "sed changed nothing"
ok small CC="$TCC" PGO_MIN_MATCH=50 pgo_status
contains "$W/small.out" "gate=passed" "a small edit, PGO_MIN_MATCH=50"
grep -q '^stale=[0-9.]*% changed stats.c:compare_scores$' "$W/small.out" ||
  fail "compare_scores listed as changed" "$(show "$W/small.out")"
small=$(tenths "$(match small)")
[ "$small" -lt 1000 ] || fail "the match falls after a small edit" "$(match small)"

# 4. The hot loop rewritten: the gate trips, naming it and the fix.
sed -i 's/^    return vowels > 8 ? n + vowels : n;$/    if (vowels > 100)\n        return n * 2;\n    return vowels > 8 ? n + vowels : n;/' stats.c
grep -q 'vowels > 100' stats.c || fail "editing stats.c" "sed changed nothing"
mk rewrite CC="$TCC" PGO_MIN_MATCH=50 pgo_status
rc_is rewrite 2
contains "$W/rewrite.out" "gate=below" "the rewrite, PGO_MIN_MATCH=50"
rewrite=$(tenths "$(match rewrite)")
[ "$rewrite" -lt "$small" ] || fail "the match falls again ($rewrite after $small)" "$(show "$W/rewrite.out")"
grep -qxE "pgo: $PWD/default\.profdata: $(match rewrite)% of its counts land on code that still matches, below PGO_MIN_MATCH=50; hottest stale: line_score \(changed, [0-9.]+%\), stats\.c:compare_scores \(changed, [0-9.]+%\); fix: re-train and update the profile \(pgo_update\)" "$W/rewrite.err" ||
  fail "the gate's message names the hottest stale functions and the fix" "$(show "$W/rewrite.err")"

# 5. Bad requests.
mk off CC="$TCC" PGO=off pgo_status
rc_is off 2
contains "$W/off.err" "pgo.mk: PGO=off: the build uses no profile to report on; use PGO=auto or PGO=<file>" "pgo_status with PGO=off"
mk combined CC="$TCC" pgo_status app
rc_is combined 2
contains "$W/combined.err" "pgo.mk: pgo_status cannot be combined with other goals (app) in one make command" "pgo_status with another goal"

# 6. pgo_clean removes the status record; a plain build carries no record.
ok clean pgo_clean
[ ! -e .pgo ] || fail "pgo_clean removes .pgo (status records too)" "$(ls -A .pgo)"
ok plain CC="$TCC" PGO=off
"$PGO" info app >"$W/plain-info.out" 2>&1
same_line "$W/plain-info.out" "binary=app
profiles=0
note=no profile record: built without a profile (or by a build that does not add one)" "a plain build's binary"

# 7. Output folders: the goals are not files, PGO_STATUS_BINARIES names them.
setup make-outdir "$W/outdir"
ok o-train CC="$TCC" pgo_train pgo_update
mk o-nobin CC="$TCC" pgo_status
rc_is o-nobin 2
contains "$W/o-nobin.err" 'pgo.mk: none of the goals (all) is a file; set PGO_STATUS_BINARIES to the programs and libraries the profile is for (e.g. PGO_STATUS_BINARIES = $(BUILD)/<program>)' "make-outdir without PGO_STATUS_BINARIES"
ok o-status CC="$TCC" 'PGO_STATUS_BINARIES=$(BUILD)/lexstat' pgo_status
contains "$W/o-status.out" "target.lexstat.match=100.0" "make-outdir: the instrumented build below build/pgo-instrument"
pass
