#!/bin/sh
# A stale profile never fails a build nor prints anything, also with -Werror:
# after training, a function is edited (its control flow changes); clang on
# its own rejects the profile under -Werror, the build with pgo.mk succeeds
# silently and still applies the profile.
. "$(dirname "$0")/lib.sh"
setup minimal-make
ok train CC="$TCC" pgo_train pgo_update
ok build CC="$TCC"

# Edit line_score: one more branch. It calls a function, so that clang 15
# and later cannot fold it into a select before instrumenting (that keeps
# the control flow, and the profile would not be stale at all).
sed 's/return vowels > 8 ? n + vowels : n;/if (n > 1000)\n        n = 1000 + strtol(s, NULL, 10);\n    return vowels > 8 ? n + vowels : n;/' stats.c >stats.c.new && mv stats.c.new stats.c
grep -q "n = 1000 + strtol" stats.c || fail "the edit of stats.c" "not applied"

# Control: the profile is stale for this source.
"$TCC" -O2 -Werror -fprofile-use=default.profdata -c stats.c -o "$W/control.o" 2>"$W/control.err" &&
  fail "clang alone fails on the stale profile under -Werror" "it succeeded"
contains "$W/control.err" "hash mismatch" "clang alone reports the stale profile"

ok werror CC="$TCC" CFLAGS="-O2 -Wall -Werror"
empty "$W/werror.err" "make CFLAGS='-O2 -Wall -Werror' with a stale profile"
all_have "$W/werror.out" compile "-fprofile-use=$PWD/.pgo/use/" "the stale profile is still used"
all_have "$W/werror.out" compile "-Werror" "the build runs with -Werror"
all_have "$W/werror.out" link "-Werror" "the link runs with -Werror too"
./app --input data/typical.txt >/dev/null || fail "the app built with the stale profile runs" "it failed"
pass
