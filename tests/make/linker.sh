#!/bin/sh
# ThinLTO links use the ld.lld of the compiler's LLVM version when the
# project chose no linker (PGO_LINKER=auto), with as many backend jobs as
# make's -j (PGO_LTO_JOBS) and a cache in $(PGO_DIR)/lto-cache
# (PGO_LTO_CACHE), which the link fills; compile lines get none of it, and
# PGO_LINKER=default or the project's own -fuse-ld keeps the linker (with
# the LLVMgold forms of the options).
. "$(dirname "$0")/lib.sh"
major=${TCC##*-}
have "ld.lld-$major" || missing "ld.lld-$major" "apt-get install lld-$major" optional
setup minimal-make
cc_dir=$(dirname "$(readlink -f "$(command -v "$TCC")")")
lld=$cc_dir/ld.lld
[ -x "$lld" ] || lld=$(dirname "$(readlink -f "$(command -v "ld.lld-$major")")")/ld.lld
cache=$PWD/.pgo/lto-cache

ok n-j2 -n -j2 CC="$TCC"
all_have "$W/n-j2.out" link "--ld-path=$lld " "the link uses ld.lld $major"
all_have "$W/n-j2.out" link " -Wl,--thinlto-jobs=2 " "as many backend jobs as make -j2"
all_have "$W/n-j2.out" link " -Wl,-z,keep-text-section-prefix" "hot and cold text kept apart"
all_have "$W/n-j2.out" link " -Wl,--thinlto-cache-dir=$cache " "the cache"
all_have "$W/n-j2.out" link "-Wno-unused-command-line-argument" "link-only flags come with the warning off"
for f in --ld-path= thinlto -plugin-opt keep-text-section-prefix -Wno-unused-command-line-argument; do
  none_have "$W/n-j2.out" compile "$f" "no link-only flag on a compile line"
done

ok n-serial -n CC="$TCC"
all_have "$W/n-serial.out" link " -Wl,--thinlto-jobs=1 " "one backend job without -j"
ok n-unlimited -n -j CC="$TCC"
none_have "$W/n-unlimited.out" link "thinlto-jobs" "make -j: the linker's default (all cores)"
ok n-jobs -n -j2 CC="$TCC" PGO_LTO_JOBS=3
all_have "$W/n-jobs.out" link " -Wl,--thinlto-jobs=3 " "PGO_LTO_JOBS"
mk n-badjobs -n CC="$TCC" PGO_LTO_JOBS=many
rc_is n-badjobs 2
contains "$W/n-badjobs.err" "*** pgo.mk: PGO_LTO_JOBS=many is not a number of jobs; use a whole number from 1 up, or leave it empty for the -j of make.  Stop." "a bad PGO_LTO_JOBS"
ok n-nocache -n CC="$TCC" PGO_LTO_CACHE=off
none_have "$W/n-nocache.out" link "cache-dir" "PGO_LTO_CACHE=off"

# The linker stays where the project or the user chose it.
ok n-default -n -j2 CC="$TCC" PGO_LINKER=default
none_have "$W/n-default.out" link "--ld-path" "PGO_LINKER=default"
all_have "$W/n-default.out" link " -Wl,-plugin-opt,jobs=2 -Wl,-plugin-opt,cache-dir=$cache " "GNU ld's LLVMgold takes jobs and the cache as plugin options"
ok n-own -n -j2 CC="$TCC" LDFLAGS=-fuse-ld=gold
none_have "$W/n-own.out" link "--ld-path" "the project's -fuse-ld"
all_have "$W/n-own.out" link " -Wl,-plugin-opt,jobs=2 " "gold gets the plugin options"
mk n-badlinker -n CC="$TCC" PGO_LINKER=mold
rc_is n-badlinker 2
contains "$W/n-badlinker.err" "*** pgo.mk: PGO_LINKER=mold is not a setting; use auto (the default: ld.lld of the compiler's version when there is one), lld (the same) or default (never change the linker).  Stop." "a bad PGO_LINKER"

# A real link: lld of the compiler's version, and the cache filled.
ok build -j2 CC="$TCC"
readelf -p .comment app >"$W/comment.txt" 2>&1 || fail "reading app's .comment" "$(show "$W/comment.txt")"
contains "$W/comment.txt" "LLD $major." "app linked by LLD $major"
n=$(find "$cache" -name 'llvmcache-*' 2>/dev/null | wc -l)
[ "$n" -gt 0 ] || fail "the ThinLTO cache filled after the link" "$n files in $cache"
./app --input data/typical.txt >"$W/run.txt" || fail "app runs" "exit $?"
same_line "$W/run.txt" "400 lines, 340 long, score 57399, median 148" "app's output"
# Changing the link-only flags rebuilds nothing.
ok again -j3 CC="$TCC" PGO_LTO_CACHE=off
contains "$W/again.out" "'app' is up to date" "link-only flags are not tracked"
# And the instrumented link uses them too.
ok n-instr -n -j2 CC="$TCC" pgo_instrument
all_have "$W/n-instr.out" link "--ld-path=$lld " "the instrumented ThinLTO link"
pass
