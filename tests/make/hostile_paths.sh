#!/bin/sh
# Paths are data, never code. The project (with pgo's make/ and
# cmake/engine/ beside it) sits in a folder named with a space, ';', "'",
# '"', '$(touch X)', '$(shell touch INJECTED)', '$$', a backtick command,
# '#' or non-ASCII letters, one folder per character, and once more reached
# through a symbolic link. In each, the whole loop works: a plain make with
# the checked-in default.profdata, pgo_train, pgo_update, and a plain make
# that uses the new profile; and no command hidden in a name ever runs (no
# file INJECTED or X appears below the scratch folder, in $HOME or in /tmp).
# A PGO_DIR or profile that GNU Make cannot name in a rule (a space outside
# the current folder) stops make with one error line that names it, and
# only when PGO is needed: with PGO=off the build is untouched.
. "$(dirname "$0")/lib.sh"

# What injected commands would leave behind, outside the scratch folder.
outside() {
  find "$HOME" /tmp -maxdepth 2 \( -name INJECTED -o -name X \) 2>/dev/null | sort
}
outside >"$W/outside.before"

# loop N: the loop in the current folder (a copy of examples/minimal-make).
loop() {
  _L=$1
  [ -f default.profdata ] || fail "$_L: a checked-in default.profdata" "none in $PWD"
  ok "$_L-plain" CC="$TCC"
  empty "$W/$_L-plain.err" "$_L: plain make"
  all_have "$W/$_L-plain.out" compile "-fprofile-use=" "$_L: plain make uses default.profdata"
  all_have "$W/$_L-plain.out" compile "/.pgo/use/" "$_L: through the checked copy"
  _first=$(cd .pgo/use && ls -- *.profdata)
  instrumented app && fail "$_L: a plain app" "instrumented"
  ok "$_L-again" CC="$TCC"
  contains "$W/$_L-again.out" "'app' is up to date" "$_L: a second make rebuilds nothing"

  # Two runs: counts other than the checked-in profile's.
  ok "$_L-train" CC="$TCC" pgo_train PGO_TRAIN='./app --input data/typical.txt; ./app --input data/typical.txt'
  contains "$W/$_L-train.out" "  PGO     train: ./app --input data/typical.txt; ./app" "$_L: pgo_train"
  trained .pgo/train.profdata main line_score
  ok "$_L-update" CC="$TCC" pgo_update
  cmp -s .pgo/train.profdata default.profdata || fail "$_L: pgo_update installs the trained profile" "default.profdata differs"

  ok "$_L-after" CC="$TCC"
  empty "$W/$_L-after.err" "$_L: plain make with the new profile"
  [ "$(count_lines "$W/$_L-after.out" compile)" = 2 ] || fail "$_L: the new profile rebuilds both objects" "$(show "$W/$_L-after.out")"
  _new=$(cd .pgo/use && ls -- *.profdata)
  [ "$(printf '%s\n' "$_new" | wc -l)" = 1 ] && [ "$_new" != "$_first" ] ||
    fail "$_L: one new checked copy (the old one pruned)" "before: $_first, now: $(printf '%s' "$_new" | tr '\n' ' ')"
  all_have "$W/$_L-after.out" compile "/.pgo/use/$_new" "$_L: the new profile is used"
  instrumented app && fail "$_L: a plain app after the loop" "instrumented"
  ./app --input data/typical.txt >/dev/null || fail "$_L: the app runs" "it failed"
}

i=0
for name in 'sp ace' 'semi;colon' "single'quote" 'double"quote' 'dollar$(touch X)paren' \
  'shell$(shell touch INJECTED)call' 'two$$dollars' 'back`touch INJECTED`tick' 'hash#mark' \
  'ünïcødé'; do
  i=$((i + 1))
  setup minimal-make "$W/$name/repo"
  loop "dir$i"
done

# A checkout reached through a symbolic link (make's CURDIR is the real
# folder).
setup minimal-make "$W/real;dir/repo"
ln -s "$W/real;dir/repo" "$W/linked checkout" || fail "ln -s" "failed"
cd "$W/linked checkout/examples/minimal-make" || fail "cd through the link" "failed"
loop linked

# Paths GNU Make cannot name in a rule: one error line, only when needed.
setup minimal-make "$W/plain/repo"
bad="$W/bad dir/.pgo"
mk bad-dir CC="$TCC" PGO_DIR="$bad"
rc_is bad-dir 2
[ "$(wc -l <"$W/bad-dir.err")" = 1 ] || fail "one error line for PGO_DIR with a space" "$(show "$W/bad-dir.err")"
contains "$W/bad-dir.err" "*** pgo.mk: PGO_DIR $bad holds a space, which GNU Make cannot use in a rule's file name: set PGO_DIR to a folder without it" "PGO_DIR with a space"
[ "$(count_lines "$W/bad-dir.out" compile)" = 0 ] || fail "nothing built with an unusable PGO_DIR" "$(show "$W/bad-dir.out")"
mk bad-dir-train CC="$TCC" PGO_DIR="$bad" pgo_train
rc_is bad-dir-train 2
[ "$(wc -l <"$W/bad-dir-train.err")" = 1 ] || fail "one error line for pgo_train with PGO_DIR with a space" "$(show "$W/bad-dir-train.err")"
contains "$W/bad-dir-train.err" "*** pgo.mk: PGO_DIR $bad holds a space" "pgo_train with PGO_DIR with a space"
ok bad-dir-off CC="$TCC" PGO_DIR="$bad" PGO=off
empty "$W/bad-dir-off.err" "PGO=off with an unusable PGO_DIR"
none_have "$W/bad-dir-off.out" compile "-fprofile" "PGO=off with an unusable PGO_DIR"
[ -e "$W/bad dir" ] && fail "PGO=off writes nothing to an unusable PGO_DIR" "$(ls -A "$W/bad dir")"
mkdir -p "$W/pro file" && cp default.profdata "$W/pro file/x.profdata"
mk bad-profile CC="$TCC" PGO="$W/pro file/x.profdata"
rc_is bad-profile 2
[ "$(wc -l <"$W/bad-profile.err")" = 1 ] || fail "one error line for a profile path with a space" "$(show "$W/bad-profile.err")"
contains "$W/bad-profile.err" "*** pgo.mk: the profile $W/pro file/x.profdata holds a space" "a profile path with a space"
# Relative to the Makefile's folder it works: it is named as given.
cp default.profdata "x y.profdata"
mk spaced-profile CC="$TCC" PGO="x y.profdata"
rc_is spaced-profile 2
contains "$W/spaced-profile.err" "*** pgo.mk: the profile x y.profdata holds a space" "a relative profile path with a space"

# Nothing hidden in a name ran.
found=$(find "$SCRATCH" \( -name INJECTED -o -name X \) -print)
[ -z "$found" ] || fail "no file INJECTED or X below the scratch folder" "$found"
outside >"$W/outside.after"
cmp -s "$W/outside.before" "$W/outside.after" ||
  fail "no file INJECTED or X in \$HOME or /tmp" "$(comm -13 "$W/outside.before" "$W/outside.after" | tr '\n' ' ')"
pass
