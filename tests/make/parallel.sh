#!/bin/sh
# make -j2: the whole loop in one command, in order, in the in-tree
# example and in the typical project (whose goal re-runs make).
. "$(dirname "$0")/lib.sh"
setup minimal-make
ok loop -j2 CC="$TCC" pgo_train pgo_update pgo_optimize
empty "$W/loop.err" "make -j2 pgo_train pgo_update pgo_optimize"
trained .pgo/train.profdata main line_score stats.c:compare_scores
cmp -s .pgo/train.profdata default.profdata || fail "pgo_update after pgo_train under -j2" "default.profdata differs"
instrumented app && fail "an optimized app at the end" "instrumented"
order=$(grep -n -e '  PGO     instrument' -e '  PGO     train' -e '  PGO     update' -e '  PGO     optimize' "$W/loop.out" | cut -d: -f2 | cut -c11-14 | tr '\n' ' ')
[ "$order" = "inst trai upda opti " ] || fail "instrument, train, update, optimize in order" "$order"

# pgo_clean with pgo_optimize: clean first, then train again, then optimize.
ok clean-opt -j2 CC="$TCC" pgo_clean pgo_optimize
contains "$W/clean-opt.out" "  PGO     train:" "pgo_optimize trains after pgo_clean"
trained .pgo/train.profdata main line_score
ok plain -j2 CC="$TCC"
instrumented app && fail "plain -j2 build after the loop" "instrumented"

setup make-typical "$W/typical"
ok typical -j2 CC="$TCC -std=gnu99" pgo_optimize
trained .pgo/train.profdata expr.c:expr tc_number
instrumented tcalc && fail "optimized tcalc" "instrumented"
./tcalc data/exprs.txt >"$W/run.txt" || fail "tcalc runs" "it failed"
contains "$W/run.txt" "2999 expressions" "tcalc works"
pass
