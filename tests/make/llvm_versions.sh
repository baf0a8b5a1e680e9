#!/bin/sh
# The llvm-profdata that matches the compiler is used; a profile from an
# older LLVM is used with one warning; a mismatched PGO_LLVM_PROFDATA is a
# warning in auto and an error for the pgo_* targets; ThinLTO can be turned
# off and is dropped with one warning where the linker cannot do it.
. "$(dirname "$0")/lib.sh"
setup minimal-make
major=$("$TCC" -dumpversion | cut -d. -f1)

# PGO_LTO=off.
ok n-nolto -n -B CC="$TCC" PGO_LTO=off
all_have "$W/n-nolto.out" compile "-fprofile-use=" "PGO_LTO=off"
none_have "$W/n-nolto.out" compile "-flto" "PGO_LTO=off"
none_have "$W/n-nolto.out" link "-flto" "PGO_LTO=off"

# A compiler that cannot link with -flto=thin.
cat >"$W/nolto-cc" <<EOS
#!/bin/sh
for a; do [ "\$a" = -flto=thin ] && { echo "nolto-cc: no LTO here" >&2; exit 1; }; done
exec $TCC "\$@"
EOS
chmod +x "$W/nolto-cc"
ok nolto CC="$W/nolto-cc" pgo_instrument
same_line "$W/nolto.err" "pgo.mk: warning: CC=$W/nolto-cc cannot link with -flto=thin (needs LLVMgold.so or lld); building without ThinLTO (PGO_LTO=off silences this)" "no ThinLTO"
all_have "$W/nolto.out" compile "-fprofile-generate=" "no ThinLTO, still instrumented"
none_have "$W/nolto.out" compile "-flto" "no ThinLTO"
instrumented app || fail "an instrumented app without ThinLTO" "not instrumented"

other=""
for v in 22 21 20 19 18 17 16 15; do
  [ "$v" -gt "$major" ] && have "clang-$v" && have "llvm-profdata-$v" && { other=$v; break; }
done
[ -n "$other" ] || missing "a clang newer than $major" "apt-get install clang-19 libclang-rt-19-dev llvm-19" optional
pd=$(profdata)

# The clang-$major profile with clang-$other: used, one warning.
ok newer CC="clang-$other"
fmt=$(od -An -tu1 -j8 -N1 default.profdata | tr -d ' ')
d=$(mktemp -d) && printf ':ir\n' >"$d/e.proftext" && "llvm-profdata-$other" merge -o "$d/e.profdata" "$d/e.proftext" &&
  own=$(od -An -tu1 -j8 -N1 "$d/e.profdata" | tr -d ' ') && rm -rf "$d"
same_line "$W/newer.err" "pgo.mk: warning: default.profdata was written by an older LLVM (profile format version $fmt, llvm-profdata writes $own); it is used but parts of it may no longer apply: re-train it with this compiler: make pgo_train pgo_update" "an older profile"
all_have "$W/newer.out" compile "-fprofile-use=$PWD/.pgo/use/" "the older profile is used"
all_have "$W/newer.out" compile "clang-$other " "built with clang-$other"

# A PGO_LLVM_PROFDATA of the wrong version.
# The reason comes from pgo find-profdata (minus its "pgo: "; it exits 2),
# with the CMake knob's name replaced by the Make one.
msg=$("$(engine)" find-profdata --compiler "clang-$other" --profdata "$pd" 2>&1)
[ $? = 2 ] || fail "pgo find-profdata rejects llvm-profdata $major for clang $other (exit 2)" "$msg"
msg=$(printf '%s\n' "$msg" | sed -e 's/^pgo: //' -e 's/PGO_LLVM_PROFDATA_EXECUTABLE/PGO_LLVM_PROFDATA/g')
case $msg in *"$major"*"$other"*) ;; *) fail "a version mismatch reason naming $major and $other" "$msg" ;; esac
ok wrong-auto -n -B CC="clang-$other" PGO_LLVM_PROFDATA="$pd"
same_line "$W/wrong-auto.err" "pgo.mk: warning: ignoring default.profdata: $msg; building without PGO" "PGO_LLVM_PROFDATA mismatch in auto"
none_have "$W/wrong-auto.out" compile "-fprofile-use" "PGO_LLVM_PROFDATA mismatch in auto"
mk wrong-train CC="clang-$other" PGO_LLVM_PROFDATA="$pd" pgo_train
rc_is wrong-train 2
contains "$W/wrong-train.err" "*** pgo.mk: $msg.  Stop." "PGO_LLVM_PROFDATA mismatch for pgo_train"

# Training with clang-$other finds llvm-profdata-$other by itself.
ok train CC="clang-$other" pgo_train
TCC=clang-$other
trained .pgo/train.profdata main line_score
v=$(od -An -tu1 -j8 -N1 .pgo/train.profdata | tr -d ' ')
[ "$v" = "$own" ] || fail "a train.profdata in the format of llvm-profdata-$other ($own)" "format $v"
pass
