#!/bin/sh
# Ordinary builds are ready to be sampled (PGO_SAMPLE_READY=on, the
# default): -g (unless the flags have one), unique static names, and a macro
# prefix map for the Makefile's folder, with the same instructions;
# PGO_SAMPLE_READY=off leaves the Makefile's own commands; with an
# instrumentation profile the static names stay plain. With the map, a
# static function compiled from an absolute path gets the same unique name
# in two checkouts.
. "$(dirname "$0")/lib.sh"
setup minimal-make
mv default.profdata "$W/ir.profdata"

ok n-ready -n CC="$TCC"
all_have "$W/n-ready.out" compile "$TCC -funique-internal-linkage-names -fmacro-prefix-map=$PWD/= -g -O2 -Wall" "the readiness flags"
none_have "$W/n-ready.out" compile "-fprofile" "no profile without one"
none_have "$W/n-ready.out" compile "-flto" "no ThinLTO without a profile"

# off: byte for byte the Makefile's own commands.
grep -v 'make/pgo\.mk$' Makefile >"$W/Makefile.orig"
ok n-off -n -B CC="$TCC" PGO_SAMPLE_READY=off
make -n -B -f "$W/Makefile.orig" CC="$TCC" >"$W/n-orig.out" 2>&1 || fail "make -n of the Makefile without pgo.mk" "$(show "$W/n-orig.out")"
cmp -s "$W/n-off.out" "$W/n-orig.out" || fail "PGO_SAMPLE_READY=off: the commands of the Makefile without pgo.mk" "$(diff "$W/n-orig.out" "$W/n-off.out" | head -n 4 | tr '\n' '|')"
mk bad -n CC="$TCC" PGO_SAMPLE_READY=maybe
rc_is bad 2
contains "$W/bad.err" "*** pgo.mk: PGO_SAMPLE_READY=maybe is not a setting; use on (the default) or off.  Stop." "a bad PGO_SAMPLE_READY"

# The project's own -g stays the only one.
ok n-g3 -n -B CC="$TCC" CFLAGS="-O2 -g3"
all_have "$W/n-g3.out" compile "-fmacro-prefix-map=$PWD/= -O2 -g3 " "no -g added to -g3"

# The same instructions, with and without: .text byte for byte.
ok ready CC="$TCC"
mkdir -p "$W/ready" && cp main.o stats.o "$W/ready/"
ok notready CC="$TCC" PGO_SAMPLE_READY=off
[ "$(count_lines "$W/notready.out" compile)" = 2 ] || fail "PGO_SAMPLE_READY=off rebuilds both objects" "$(show "$W/notready.out")"
for o in main.o stats.o; do
  readelf -S "$W/ready/$o" | grep -q '\.debug_info' || fail "$o ready: debug info" "none"
  readelf -S "$o" | grep -q '\.debug_info' && fail "$o not ready: no debug info" "there is"
  objcopy -O binary --only-section=.text "$W/ready/$o" "$W/$o.ready.text" &&
    objcopy -O binary --only-section=.text "$o" "$W/$o.plain.text" || fail "reading the .text of $o" "objcopy failed"
  [ -s "$W/$o.plain.text" ] || fail "$o has code" "empty .text"
  cmp -s "$W/$o.ready.text" "$W/$o.plain.text" || fail "$o: the same .text with and without the readiness flags" "they differ"
done
nm "$W/ready/stats.o" | grep -q 'compare_scores.*\.__uniq\.' || fail "a unique name for the static compare_scores" "$(nm "$W/ready/stats.o" | tr '\n' '|')"

# An instrumentation profile names static functions without the suffix.
cp "$W/ir.profdata" default.profdata
ok n-ir -n -B CC="$TCC"
all_have "$W/n-ir.out" compile "-fprofile-use=$PWD/.pgo/use/" "the profile is used"
all_have "$W/n-ir.out" compile "-fmacro-prefix-map=$PWD/= -g -O2" "-g and the map with the profile"
none_have "$W/n-ir.out" compile "-funique-internal-linkage-names" "no unique names with an instrumentation profile"
rm default.profdata

# unique_name DIR: the unique name of compare_scores compiled from the
# absolute path of DIR/stats.c with pgo.mk's flags (from make -n in DIR).
unique_name() {
  (cd "$1" && make -n -B CC="$TCC" 2>/dev/null) | grep -e ' -c -o stats.o stats.c' |
    sed -e "s| -c -o stats.o stats.c\$| -c -o $W/u.o $1/stats.c|" >"$W/u.sh"
  [ -s "$W/u.sh" ] || fail "the compile line of stats.o in $1" "none"
  (cd "$1" && sh "$W/u.sh") || fail "compiling $1/stats.c" "$(cat "$W/u.sh")"
  nm "$W/u.o" | sed -n 's/.* \(.*compare_scores.*\)$/\1/p'
}
a=$(unique_name "$PWD")
setup minimal-make "$W/elsewhere/b"
rm -f default.profdata
b=$(unique_name "$PWD")
case $a in *.__uniq.*) ;; *) fail "a unique name in checkout a" "'$a'" ;; esac
[ "$a" = "$b" ] || fail "the same unique name in two checkouts" "'$a' / '$b'"
# The control: without the map the two differ.
"$TCC" -O2 -funique-internal-linkage-names -c "$PWD/stats.c" -o "$W/c.o" || fail "the control compile" "failed"
c=$(nm "$W/c.o" | sed -n 's/.* \(.*compare_scores.*\)$/\1/p')
[ "$c" != "$b" ] || fail "without -fmacro-prefix-map the name depends on the path" "the same: $c"
pass
