#!/bin/sh
# Objects follow the profile's content, not its time: touching
# default.profdata rebuilds nothing, new content rebuilds the objects. And a
# phase switch whose build fails half-way never leaves mixed objects behind:
# the flag stamp's time is the time of the last flag change.
. "$(dirname "$0")/lib.sh"
setup minimal-make
pd=$(profdata) || fail "an llvm-profdata for $TCC" "none"

ok first CC="$TCC"
[ "$(count_lines "$W/first.out" compile)" = 2 ] || fail "first build compiles 2 objects" "$(show "$W/first.out")"
# The checked copies (the cache also keeps small records next to them).
copies() { (cd .pgo/use && ls -- *.profdata); }
copy1=$(copies)
[ "$(copies | wc -l)" = 1 ] || fail "one checked copy in .pgo/use" "$(copies | tr '\n' ' ')"

sleep 1
touch default.profdata
ok touched CC="$TCC"
contains "$W/touched.out" "'app' is up to date" "no rebuild after touching default.profdata"
[ "$(copies)" = "$copy1" ] || fail "the same checked copy after a touch" "$(copies | tr '\n' ' ')"

"$pd" merge -o "$W/new.profdata" --weighted-input=3,default.profdata || fail "llvm-profdata merge" "failed"
cmp -s "$W/new.profdata" default.profdata && fail "a profile with other content" "same bytes"
cp "$W/new.profdata" default.profdata
ok changed CC="$TCC"
[ "$(count_lines "$W/changed.out" compile)" = 2 ] || fail "new profile content rebuilds both objects" "$(show "$W/changed.out")"
contains "$W/changed.out" "PGO     flags changed (use): rebuilding" "the change is reported"
lacks "$W/changed.out" "-fprofile-use=$PWD/.pgo/use/$copy1" "the new checked copy is used"
# The copy of the old content is pruned: one copy per profile path.
[ "$(copies | wc -l)" = 1 ] && [ "$(copies)" != "$copy1" ] ||
  fail "only the new checked copy in .pgo/use" "$(copies | tr '\n' ' ')"
ok changed-again CC="$TCC"
contains "$W/changed-again.out" "'app' is up to date" "nothing to do after the rebuild"

# A phase switch that fails half-way: main.o is rebuilt instrumented, then
# stats.c fails to compile. The sources keep their times (cp -p).
cp -p stats.c "$W/stats.c.orig"
{ cat "$W/stats.c.orig"; echo '#error broken on purpose'; } >stats.c
touch -r "$W/stats.c.orig" stats.c
mk broken CC="$TCC" pgo_instrument
rc_is broken 2
contains "$W/broken.out" "-fprofile-generate=$PWD/.pgo/raw -flto=thin -O2 -Wall   -c -o main.o main.c" "main.o was rebuilt instrumented"
cp -p "$W/stats.c.orig" stats.c

# A plain make now rebuilds main.o, although it is newer than main.c.
ok back CC="$TCC"
[ "$(count_lines "$W/back.out" compile)" = 2 ] || fail "plain make after a failed pgo_instrument recompiles both objects" "$(show "$W/back.out")"
instrumented app && fail "a plain app after a failed phase switch" "instrumented"

# Failed again; then pgo_instrument finishes the job: only stats.o remains.
{ cat "$W/stats.c.orig"; echo '#error broken on purpose'; } >stats.c
touch -r "$W/stats.c.orig" stats.c
mk broken2 CC="$TCC" pgo_instrument
rc_is broken2 2
cp -p "$W/stats.c.orig" stats.c
ok resume CC="$TCC" pgo_instrument
[ "$(count_lines "$W/resume.out" compile)" = 1 ] || fail "the resumed pgo_instrument compiles only stats.o" "$(show "$W/resume.out")"
contains "$W/resume.out" "-c -o stats.o stats.c" "the resumed pgo_instrument"
instrumented app || fail "an instrumented app after the resumed pgo_instrument" "not instrumented"

# The same without .EXTRA_PREREQS (GNU Make < 4.3): the objects found on disk
# get the stamp as a normal prerequisite.
ok old-plain CC="$TCC" __pgo_has_extra_prereqs=
[ "$(count_lines "$W/old-plain.out" compile)" = 2 ] || fail "Make < 4.3 mode: plain make after pgo_instrument recompiles" "$(show "$W/old-plain.out")"
instrumented app && fail "Make < 4.3 mode: a plain app" "instrumented"
ok old-instr CC="$TCC" __pgo_has_extra_prereqs= pgo_instrument
[ "$(count_lines "$W/old-instr.out" compile)" = 2 ] || fail "Make < 4.3 mode: pgo_instrument recompiles" "$(show "$W/old-instr.out")"
instrumented app || fail "Make < 4.3 mode: instrumented app" "not instrumented"

# With an explicit PGO_OBJECTS list.
ok list CC="$TCC" PGO_OBJECTS="main.o stats.o"
[ "$(count_lines "$W/list.out" compile)" = 2 ] || fail "PGO_OBJECTS: plain make after pgo_instrument recompiles" "$(show "$W/list.out")"
instrumented app && fail "PGO_OBJECTS: a plain app" "instrumented"
pass
