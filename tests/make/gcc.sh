#!/bin/sh
# Only clang is supported: with CC=gcc everything builds plain, no
# clang-only flag reaches gcc, and the pgo_* targets stop with a clear error.
. "$(dirname "$0")/lib.sh"
have gcc || missing gcc "apt-get install gcc" optional
setup minimal-make
gv=$(gcc -dumpversion | cut -d. -f1)

ok n-plain -n CC=gcc
for f in -fprofile -flto -Xclang -mllvm -Wno-profile; do
  none_have "$W/n-plain.out" compile "$f" "CC=gcc"
  none_have "$W/n-plain.out" link "$f" "CC=gcc"
done
empty "$W/n-plain.err" "CC=gcc with default.profdata"
ok plain CC=gcc
empty "$W/plain.err" "CC=gcc build"
./app --input data/typical.txt >/dev/null || fail "the gcc-built app runs" "it failed"

for t in pgo_instrument pgo_train pgo_optimize; do
  mk "$t" CC=gcc "$t"
  rc_is "$t" 2
  # The advice names a clang that is installed here.
  advised=$(sed -n "s/.*PGO needs clang; CC=gcc is GCC $gv: build with clang, e.g. make CC=\([^ ]*\) $t.  Stop.\$/\1/p" "$W/$t.err")
  [ -n "$advised" ] || fail "make CC=gcc $t: the one-line advice to build with clang" "$(show "$W/$t.err")"
  have "$advised" || fail "make CC=gcc $t: advice to use an installed clang" "CC=$advised is not installed"
  [ "$(count_lines "$W/$t.out" compile)" = 0 ] || fail "nothing built by $t with gcc" "$(show "$W/$t.out")"
done

ok explicit CC=gcc PGO=default.profdata
same_line "$W/explicit.err" "pgo.mk: warning: PGO=default.profdata needs clang; CC=gcc is GCC $gv: building without PGO" "CC=gcc PGO=<file>"

# A missing PGO=<file> is an error with every compiler, also a dangling
# symbolic link.
ln -s nowhere.profdata dangling.profdata
for p in nonexistent.profdata dangling.profdata; do
  mk "missing-$p" CC=gcc PGO="$p"
  rc_is "missing-$p" 2
  [ "$(wc -l <"$W/missing-$p.err")" = 1 ] || fail "one error line for CC=gcc PGO=$p" "$(show "$W/missing-$p.err")"
  contains "$W/missing-$p.err" "*** pgo.mk: PGO=$p ($PWD/$p) does not exist; fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off.  Stop." "CC=gcc PGO=$p"
  [ "$(count_lines "$W/missing-$p.out" compile)" = 0 ] || fail "nothing built with CC=gcc PGO=$p" "$(show "$W/missing-$p.out")"
done

# After a clang phase, gcc rebuilds the in-tree objects plain.
ok instr CC="$TCC" pgo_instrument
ok back CC=gcc
[ "$(count_lines "$W/back.out" compile)" = 2 ] || fail "CC=gcc after pgo_instrument recompiles" "$(show "$W/back.out")"
none_have "$W/back.out" compile "-fprofile" "CC=gcc after pgo_instrument"
instrumented app && fail "a plain gcc app" "instrumented"
pass
