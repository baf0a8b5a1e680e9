#!/bin/sh
# pgo.mk in a Makefile written like a typical open-source C project
# (examples/make-typical: its own CC and CFLAGS, a MYCFLAGS hook, a static
# library, "default: $(PLAT)" as the default goal that re-runs make for
# "all", and "clean"). Only two lines were added for PGO; the test removes
# them again to get the original and shows that, without clang, both
# Makefiles do exactly the same, and that with clang the whole loop works.
. "$(dirname "$0")/lib.sh"
CLANG="$TCC -std=gnu99"

setup make-typical
grep -v -e '^PGO_TRAIN = ' -e '^include .*/make/pgo\.mk$' Makefile >"$W/Makefile.orig"
diff "$W/Makefile.orig" Makefile >"$W/diff.txt"
[ "$(grep -c '^>' "$W/diff.txt")" = 2 ] && [ "$(grep -c '^<' "$W/diff.txt")" = 0 ] ||
  fail "the PGO Makefile is the original plus two lines" "$(show "$W/diff.txt")"
contains "$W/diff.txt" "> PGO_TRAIN = ./tcalc data/exprs.txt" "added line 1"
contains "$W/diff.txt" "> include ../../make/pgo.mk" "added line 2"

# The original project, in a folder of the same depth.
mkdir -p "$W/orig" && cp -R . "$W/orig/make-typical" && cp "$W/Makefile.orig" "$W/orig/make-typical/Makefile"

# compare NAME ARGS...: make -n ARGS prints the same in the original project
# and in the PGO one (apart from the folder name, and runs of spaces:
# appending the PGO flags to CC leaves a space after it when they turn out
# empty, as they do for gcc).
compare() {
  _c=$1
  shift
  (cd "$W/orig/make-typical" && make -n "$@" 2>&1) | sed -e "s|$W/orig/make-typical|DIR|g" -e 's/  */ /g' -e 's/ $//' -e 's/ "/"/g' >"$W/$_c.orig"
  make -n "$@" 2>&1 | sed -e "s|$PWD|DIR|g" -e 's/  */ /g' -e 's/ $//' -e 's/ "/"/g' >"$W/$_c.pgo"
  cmp -s "$W/$_c.orig" "$W/$_c.pgo" ||
    fail "make -n $* as in the original Makefile" "$(diff "$W/$_c.orig" "$W/$_c.pgo" | head -n 8 | tr '\n' '|')"
}

# With its own CC (gcc) and no profile, including pgo.mk changes nothing:
# same default goal (default -> linux -> make all), same commands, same
# clean. An unusable profile beside the Makefile adds one warning (GCC
# reads GCC profiles, tests/make/gcc.sh), and nothing else.
compare default
compare clean clean
compare echo echo
echo garbage >default.profdata
cp default.profdata "$W/orig/make-typical/"
compare default-with-profile-clean clean
mk with-profile -n
same_line "$W/with-profile.err" "pgo.mk: warning: ignoring default.profdata: is not a GCC profile archive (bad magic); building without PGO (re-train: make pgo_train pgo_update)" "gcc with a garbage default.profdata"
(cd "$W/orig/make-typical" && make -n) >"$W/with-profile.orig" 2>&1
sed -e "s|$W/orig/make-typical|DIR|g" -e 's/  */ /g' -e 's/ $//' "$W/with-profile.orig" >"$W/with-profile.orig.n"
sed -e "s|$PWD|DIR|g" -e 's/  */ /g' -e 's/ $//' "$W/with-profile.out" >"$W/with-profile.pgo.n"
cmp -s "$W/with-profile.orig.n" "$W/with-profile.pgo.n" ||
  fail "make -n with an unusable profile: the original commands" "$(diff "$W/with-profile.orig.n" "$W/with-profile.pgo.n" | head -n 8 | tr '\n' '|')"
rm -f default.profdata "$W/orig/make-typical/default.profdata"
ok gcc-build
empty "$W/gcc-build.err" "gcc build"
./tcalc data/exprs.txt >/dev/null || fail "the gcc-built tcalc runs" "it failed"
ok gcc-clean clean

# The loop with clang (CC on the command line reaches the recursive make).
ok train CC="$CLANG" pgo_train
contains "$W/train.out" "PGO     instrument: default" "pgo_instrument builds the default goal"
all_have "$W/train.out" compile "-DTCALC_USE_LINUX" "the recursive make's own flags stay"
all_have "$W/train.out" compile "-fprofile-generate=$PWD/.pgo/raw" "instrumented compile lines, also in the recursive make"
all_have "$W/train.out" link "-fprofile-generate=$PWD/.pgo/raw" "instrumented link line"
trained .pgo/train.profdata main tc_eval tc_number expr.c:expr expr.c:term expr.c:factor
instrumented tcalc || fail "an instrumented tcalc" "not instrumented"
ok update CC="$CLANG" pgo_update
[ -f default.profdata ] || fail "pgo_update writes default.profdata" "missing"

# The MYCFLAGS hook and the PGO flags together; the phase switch rebuilds
# the library too.
ok n-hook -n CC="$CLANG" MYCFLAGS=-DHOOK
all_have "$W/n-hook.out" compile "-DHOOK" "MYCFLAGS"
all_have "$W/n-hook.out" compile "-fprofile-use=$PWD/.pgo/use/" "default.profdata with MYCFLAGS"
all_have "$W/n-hook.out" link "-flto=thin" "the link line"
contains "$W/n-hook.out" "ar rc libtcalc.a expr.o num.o" "the library is rebuilt after the phase switch"
ok hook CC="$CLANG" MYCFLAGS=-DHOOK
instrumented tcalc && fail "tcalc rebuilt without the profile runtime" "instrumented"
./tcalc data/exprs.txt >"$W/run.txt" || fail "tcalc runs" "it failed"
contains "$W/run.txt" "2999 expressions, 2 bad" "tcalc works"

# The flags ride on CC, given on the command line, whatever CFLAGS and
# LDFLAGS are.
ok n-cflags -n -B CC="$CLANG" CFLAGS=-O1 LDFLAGS=-Wl,-O1
all_have "$W/n-cflags.out" compile "$CLANG -fprofile-use=$PWD/.pgo/use/" "CC on the command line"
all_have "$W/n-cflags.out" compile "-flto=thin -fmacro-prefix-map=$PWD/= -g -O1 " "CFLAGS=-O1 on the command line"
all_have "$W/n-cflags.out" link "$CLANG -fprofile-use=$PWD/.pgo/use/" "the link line runs CC too"
all_have "$W/n-cflags.out" link " -o tcalc -Wl,-O1 " "LDFLAGS=-Wl,-O1 on the command line"
lacks "$W/n-cflags.out" "-Wextra" "the command-line CFLAGS replaces the Makefile's"

# A bad profile: one warning, although make runs three times (recursion).
echo garbage >default.profdata
ok bad CC="$CLANG"
same_line "$W/bad.err" "pgo.mk: warning: ignoring default.profdata: is not an LLVM .profdata file (bad magic); building without PGO (re-train: make pgo_train pgo_update)" "one warning for a bad default.profdata"

# clean needs no checks, even with a broken explicit profile.
ok clean CC="$CLANG" clean PGO=garbage.profdata
empty "$W/clean.err" "make clean with a bad PGO"
pass
