#!/bin/sh
# sh link_style.sh SCRATCH STYLE: examples/minimal-make's sources (with its
# checked-in default.profdata) built by tests/make/link-styles/STYLE.mk, a
# Makefile whose link rule is written in one of the ways real Makefiles
# write it, plus the two PGO lines. Its own CC is clang. The ordinary build
# uses the profile with ThinLTO, and its code is that of the same Makefile
# without pgo.mk and the flags given by hand (with lld); pgo_update trains and
# installs; the next build is optimized again. STYLE literal-cc links with
# a compiler named in the recipe, which no flag can reach: the ordinary
# build is plain with one warning, and pgo_train stops with an error.
. "$(dirname "$0")/lib.sh"
STYLE=${2:-}
MK=$ROOT/tests/make/link-styles/$STYLE.mk
[ -n "$STYLE" ] && [ -f "$MK" ] || fail "a style of tests/make/link-styles" "'$STYLE'"
BIN=app
[ "$STYLE" = link-o ] && BIN=main

setup minimal-make
sed "s|@CC@|$TCC|" "$MK" >Makefile || fail "writing the Makefile" "sed failed"
prof=$PWD/default.profdata

# calls BINARY: the functions main calls directly.
calls() {
  objdump -d --no-show-raw-insn "$1" | awk '/^[0-9a-f]+ <main>:$/ { on = 1; next } on && /^$/ { exit }
    on && /call/ { sub(/.*</, ""); sub(/>.*/, ""); print }'
}

# optimized NAME: the binary has what only PGO with ThinLTO gives:
# line_score (stats.c) inlined into main (cross-file inlining: ThinLTO),
# median_score (called once: cold in the profile) not.
optimized() {
  calls "$BIN" >"$W/$1.calls"
  lacks "$W/$1.calls" "line_score" "$1: line_score inlined into main (ThinLTO)"
  contains "$W/$1.calls" "median_score" "$1: the cold median_score not inlined (the profile)"
  ./"$BIN" --input data/typical.txt >"$W/$1.run" || fail "$1: $BIN runs" "exit $?"
  same_line "$W/$1.run" "400 lines, 340 long, score 57399, median 148" "$1: $BIN's output"
}

if [ "$STYLE" = literal-cc ]; then
  ok plain
  same_line "$W/plain.err" "pgo.mk: warning: app is linked by a command that does not run the compiler variables (CC), so pgo.mk cannot give it -flto=thin (make -n: cc -o app main.o stats.o); building without PGO: make it link with \$(CC), or name the variable it runs in PGO_CC_VARS (PGO_LTO=off uses the profile without ThinLTO)" "the one line that says why"
  none_have "$W/plain.out" compile "-fprofile-use" "a plain build"
  none_have "$W/plain.out" compile "-flto" "a plain build"
  ./app --input data/typical.txt >"$W/plain.run" || fail "the plain app runs" "exit $?"
  ok again
  contains "$W/again.out" "'app' is up to date" "nothing to do the second time"
  # Without ThinLTO the profile needs nothing on the link line.
  ok nolto PGO_LTO=off
  empty "$W/nolto.err" "PGO_LTO=off"
  all_have "$W/nolto.out" compile "-fprofile-use=$PWD/.pgo/use/" "PGO_LTO=off uses the profile"
  mk train pgo_train
  rc_is train 2
  contains "$W/train.err" "pgo.mk: app is linked by a command that does not run the compiler variables (CC), so pgo.mk cannot give it -fprofile-generate (make -n: cc -o app main.o stats.o); make it link with \$(CC), or name the variable it runs in PGO_CC_VARS.  Stop." "pgo_train says why it cannot instrument"
  instrumented app && fail "no instrumented app" "instrumented"
  pass
fi

# Compile lines; the sqlite style compiles on its link line. (V=1: the
# redis style shows its commands only then.)
COMPILE=compile
[ "$STYLE" = sqlite ] && COMPILE=link

# The ordinary build with the checked-in profile.
ok plain V=1
empty "$W/plain.err" "the ordinary build"
all_have "$W/plain.out" $COMPILE "-fprofile-use=$PWD/.pgo/use/" "compile lines use the profile"
all_have "$W/plain.out" $COMPILE "-flto=thin" "compile lines make ThinLTO objects"
all_have "$W/plain.out" link "-flto=thin" "the link line has -flto=thin"
optimized plain

# The same Makefile without pgo.mk, the flags given by hand (and lld, which
# pgo.mk picks for ThinLTO links).
# The binary pgo.mk links also carries the profile's record (a note object
# on the link line, which moves .text): the hand-made link gets the same.
note=$(ls "$PWD"/.pgo/use/pgo-note-*.o 2>/dev/null | head -n 1)
[ -n "$note" ] || fail "the profile's record object" "no .pgo/use/pgo-note-*.o"
mkdir -p "$W/hand" && cp -p ./*.c ./*.h "$W/hand/" && cp -R data "$W/hand/" &&
  grep -v 'make/pgo\.mk$' Makefile | sed "s|^CC = $TCC|CC = $TCC -fprofile-use=$prof -flto=thin -fuse-ld=lld -Wl,-z,keep-text-section-prefix -Wno-unused-command-line-argument $note|" >"$W/hand/Makefile" ||
  fail "the hand-made build" "copy failed"
(cd "$W/hand" && make >"$W/hand.out" 2>&1) || fail "the hand-made build builds" "$(show "$W/hand.out")"
objdump -d --no-show-raw-insn -j .text "$BIN" | tail -n +3 >"$W/pgo.text"
objdump -d --no-show-raw-insn -j .text "$W/hand/$BIN" | tail -n +3 >"$W/hand.text"
cmp -s "$W/pgo.text" "$W/hand.text" ||
  fail "the same instructions as the hand-made PGO + ThinLTO build" "$(diff "$W/hand.text" "$W/pgo.text" | head -n 6 | tr '\n' '|')"

# Training and installing, then the ordinary build again.
ok update pgo_update V=1
all_have "$W/update.out" link "-fprofile-generate=$PWD/.pgo/raw" "the instrumented link line"
contains "$W/update.out" "pgo: updated $prof" "pgo_update installs the profile"
trained default.profdata main line_score median_score stats.c:compare_scores
ok after V=1
empty "$W/after.err" "the build after pgo_update"
all_have "$W/after.out" $COMPILE "-fprofile-use=$PWD/.pgo/use/" "the build after pgo_update uses the new profile"
optimized after
pass
