#!/bin/sh
# Broken or foreign profiles: with PGO=auto a default.profdata that is empty,
# truncated, not a profile, a raw .profraw or from a newer LLVM gives exactly
# one warning line and a plain build (exit 0); the same file given as
# PGO=<file> stops make (exit 2) with a pgo.mk: error that says how to fix it.
. "$(dirname "$0")/lib.sh"
setup minimal-make
good=$W/good.profdata
cp default.profdata "$good"
ok train CC="$TCC" pgo_train
raw=$(ls .pgo/raw/*.profraw | head -n 1)
[ -s "$raw" ] || fail "a raw profile from pgo_train" "none"

# reason NAME: the one-line reason "pgo check" gives for $W/NAME.profdata
# (pgo.mk must pass it on unchanged); it must reject it.
reason() {
  _r=$("$(engine)" check --profdata "$(profdata)" --cache "$W/check" "$W/$1.profdata" 2>&1)
  _s=$?
  [ "$_s" = 1 ] && [ -n "$_r" ] && [ "$(printf '%s\n' "$_r" | wc -l)" = 1 ] ||
    fail "pgo check rejects $1.profdata with one line" "exit $_s: $_r"
  printf '%s\n' "$_r" | sed 's/^reason=//'
}

# auto_bad NAME [REASON]: default.profdata is in $W/NAME.profdata; expect the
# warning with REASON (default: the reason from pgo check) and a plain build.
auto_bad() {
  set -- "$1" "${2:-$(reason "$1")}"
  cp "$W/$1.profdata" default.profdata
  ok "$1-n" -n CC="$TCC"
  none_have "$W/$1-n.out" compile "-fprofile-use" "$1 default.profdata: plain build"
  none_have "$W/$1-n.out" compile "-flto" "$1 default.profdata: plain build"
  same_line "$W/$1-n.err" "pgo.mk: warning: ignoring default.profdata: $2; building without PGO (re-train: make pgo_train pgo_update)" "$1 default.profdata"
  ok "$1" CC="$TCC"
  same_line "$W/$1.err" "pgo.mk: warning: ignoring default.profdata: $2; building without PGO (re-train: make pgo_train pgo_update)" "$1 default.profdata"
  [ -x app ] && ! instrumented app || fail "$1 default.profdata: a plain app" "missing or instrumented"
}

# explicit_bad NAME [REASON]: the same file as PGO=NAME.profdata is an error.
explicit_bad() {
  set -- "$1" "${2:-$(reason "$1")}"
  cp "$W/$1.profdata" "$1.profdata"
  mk "x-$1" CC="$TCC" PGO="$1.profdata"
  rc_is "x-$1" 2
  [ "$(wc -l <"$W/x-$1.err")" = 1 ] || fail "one error line for PGO=$1.profdata" "$(show "$W/x-$1.err")"
  contains "$W/x-$1.err" "*** pgo.mk: PGO=$1.profdata ($PWD/$1.profdata) $2; fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off.  Stop." "PGO=$1.profdata"
  [ "$(count_lines "$W/x-$1.out" compile)" = 0 ] || fail "nothing built with PGO=$1.profdata" "$(show "$W/x-$1.out")"
}

: >"$W/empty.profdata"
head -c 40 "$good" >"$W/truncated.profdata"
echo 'not a profile' >"$W/garbage.profdata"
cp "$raw" "$W/raw.profdata"

auto_bad empty "is empty"
auto_bad truncated
auto_bad garbage "is not an LLVM .profdata file (bad magic)"
auto_bad raw
# A sample profile is told apart by content and used with
# -fprofile-sample-use; an entry for a function the code no longer has stays
# quiet under -Werror.
printf 'main:100:1\n 0: 1\n 1: 99\ngone_function:50:5\n 0: 5\n' >"$W/sample.txt"
"$(profdata)" merge --sample --extbinary -o "$W/sample.profdata" "$W/sample.txt" || fail "llvm-profdata merge --sample" "failed"
cp "$W/sample.profdata" default.profdata
ok sample-n -n -B CC="$TCC"
all_have "$W/sample-n.out" compile "-fprofile-sample-use=" "a sample default.profdata"
all_have "$W/sample-n.out" compile "-funique-internal-linkage-names" "a sample default.profdata"
none_have "$W/sample-n.out" compile "-fprofile-use=" "a sample default.profdata"
ok sample -B CC="$TCC" CFLAGS="-O2 -Wall -Werror"
empty "$W/sample.err" "make with a sample default.profdata under -Werror"
./app --input data/typical.txt >/dev/null || fail "the app built with a sample profile runs" "it failed"
rm -f default.profdata

# A dangling symbolic link: one warning with the check's reason.
mv default.profdata "$W/saved.profdata"
ln -s "$W/nowhere.profdata" default.profdata
ok dangling-n -n CC="$TCC"
ok dangling CC="$TCC"
for n in dangling-n dangling; do
  same_line "$W/$n.err" "pgo.mk: warning: ignoring default.profdata: is not readable; building without PGO (re-train: make pgo_train pgo_update)" "a dangling default.profdata ($n)"
  none_have "$W/$n.out" compile "-fprofile-use" "a dangling default.profdata ($n)"
done
mk x-dangling CC="$TCC" PGO=default.profdata
rc_is x-dangling 2
[ "$(wc -l <"$W/x-dangling.err")" = 1 ] || fail "one error line for PGO=<dangling link>" "$(show "$W/x-dangling.err")"
contains "$W/x-dangling.err" "*** pgo.mk: PGO=default.profdata ($PWD/default.profdata) is not readable; fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off.  Stop." "PGO=<dangling link>"
rm -f default.profdata
mv "$W/saved.profdata" default.profdata
explicit_bad empty "is empty"
explicit_bad truncated
explicit_bad garbage "is not an LLVM .profdata file (bad magic)"

# A profile written by a newer LLVM than the compiler's.
major=$("$TCC" -dumpversion | cut -d. -f1)
newer=""
for v in 22 21 20 19 18 17 16 15; do
  [ "$v" -gt "$major" ] && have "llvm-profdata-$v" && { newer=$v; break; }
done
if [ -n "$newer" ]; then
  "llvm-profdata-$newer" merge -o "$W/newer.profdata" "$good" || fail "llvm-profdata-$newer merge" "failed"
  fmt=$(od -An -tu1 -j8 -N1 "$W/newer.profdata" | tr -d ' ')
  own=$(od -An -tu1 -j8 -N1 "$good" | tr -d ' ')
  r=$(reason newer)
  case $r in *"format version $fmt"*"llvm-profdata $major"*"version $own"*) ;;
    *) fail "the reason for a newer profile names versions $fmt, $own and llvm-profdata $major" "$r" ;; esac
  auto_bad newer "$r"
  explicit_bad newer "$r"
fi

# A missing explicit file, and a good one given by absolute path.
mk missing CC="$TCC" PGO=nonexistent.profdata
rc_is missing 2
contains "$W/missing.err" "*** pgo.mk: PGO=nonexistent.profdata ($PWD/nonexistent.profdata) does not exist; fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off.  Stop." "PGO=<missing file>"
rm -f default.profdata
ok n-abs -n CC="$TCC" PGO="$good"
all_have "$W/n-abs.out" compile "-fprofile-use=$PWD/.pgo/use/" "PGO=<absolute good file>"
empty "$W/n-abs.err" "PGO=<absolute good file>"
cp "$good" default.profdata
ok n-off -n -B CC="$TCC" PGO=off
none_have "$W/n-off.out" compile "-fprofile" "PGO=off"
none_have "$W/n-off.out" link "-flto" "PGO=off"
# The rest passed; without a newer llvm-profdata its case did not run.
[ -n "$newer" ] || missing "an llvm-profdata newer than $major" "apt-get install llvm-19" optional
pass
