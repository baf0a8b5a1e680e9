#!/bin/sh
# GCC gets the whole loop in pgo.mk: instrument, train (concurrent runs
# merged by libgcov), one archive as the profile, use by every ordinary
# build, stale edits quiet under -Werror, a copy of the checkout at another
# path keeping the data of static functions, a changed profile rebuilding
# exactly the objects; GCC older than 10 and sample training refused with
# one line; a clang profile never read by GCC. Also with an output folder
# (examples/make-outdir), whose phases build below folders of their own.
. "$(dirname "$0")/lib.sh"
have gcc || missing gcc "apt-get install gcc" optional
gv=$(gcc -dumpversion | cut -d. -f1)
have "gcov-dump-$gv" || missing "gcov-dump-$gv" "apt-get install gcc-$gv"
CLANGXX=clang++-${TCC#clang-}
have "$CLANGXX" || missing "$CLANGXX" "apt-get install $TCC"
setup minimal-make
P=$(engine)

# The checked-in profile is clang's: GCC warns once and builds plain.
ok n-plain -n CC=gcc
for f in -fprofile -flto -Xclang -mllvm; do
  none_have "$W/n-plain.out" compile "$f" "CC=gcc with a clang default.profdata"
  none_have "$W/n-plain.out" link "$f" "CC=gcc with a clang default.profdata"
done
ok plain CC=gcc
same_line "$W/plain.err" "pgo.mk: warning: ignoring default.profdata: is a clang (LLVM) profile, not a GCC one; GCC builds read archives that pgo_update writes with GCC; building without PGO (re-train: make pgo_train pgo_update)" "CC=gcc with a clang profile"
./app --input data/typical.txt >/dev/null || fail "the gcc-built app runs" "it failed"
mk clang-explicit CC=gcc PGO=default.profdata
rc_is clang-explicit 2
contains "$W/clang-explicit.err" "*** pgo.mk: PGO=default.profdata ($PWD/default.profdata) is a clang (LLVM) profile, not a GCC one; GCC builds read archives that pgo_update writes with GCC; fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off.  Stop." "CC=gcc PGO=<a clang profile>"
rm default.profdata

# The instrumented build: every compile and link line.
ok n-instr -n CC=gcc pgo_instrument
all_have "$W/n-instr.out" compile "-fprofile-generate=$PWD/.pgo/raw -fprofile-update=prefer-atomic -fprofile-prefix-path=$PWD/ -flto=auto" "make -n CC=gcc pgo_instrument"
all_have "$W/n-instr.out" link "-fprofile-generate=$PWD/.pgo/raw" "make -n CC=gcc pgo_instrument"
all_have "$W/n-instr.out" link "-flto=auto" "GCC's LTO on the link line"
for f in -flto=thin -Xclang -mllvm window.o; do
  none_have "$W/n-instr.out" compile "$f" "CC=gcc pgo_instrument"
  none_have "$W/n-instr.out" link "$f" "CC=gcc pgo_instrument"
done

# Two concurrent runs of the training, merged by libgcov.
T='./app --input data/typical.txt >/dev/null & ./app --input data/typical.txt >/dev/null; wait'
ok train CC=gcc PGO_TRAIN="$T" pgo_train
contains "$W/train.out" "pgo: packed 2 .gcda files of GCC $gv into $PWD/.pgo/train.profdata" "pgo_train's merge"
for g in main stats; do
  [ -f ".pgo/raw/$g.gcda" ] || fail "the .gcda of $g.o is named after its path in the tree" "$(ls .pgo/raw | tr '\n' ' ')"
  runs=$("gcov-dump-$gv" ".pgo/raw/$g.gcda" | sed -n 's/.*OBJECT_SUMMARY runs=\([0-9]*\).*/\1/p')
  [ "$runs" = 2 ] || fail "$g.gcda counts both concurrent runs" "runs=$runs"
done
"$P" show .pgo/train.profdata >"$W/show.out" || fail "pgo show of the trained archive" "$(show "$W/show.out")"
contains "$W/show.out" "kind=gcc
gcc=$gv
files=2" "the trained profile is a GCC archive"
ok update CC=gcc pgo_update
cmp -s .pgo/train.profdata default.profdata || fail "pgo_update installs the archive" "default.profdata differs"

# The ordinary build uses it, and every object and function finds its data:
# without the stale flags, a missing one would be an error here.
ok use CC=gcc PGO_GCC_STALE_FLAGS= CFLAGS="-O2 -Wall -Werror -Werror=missing-profile -Werror=coverage-mismatch" V=1
empty "$W/use.err" "the GCC build with its profile"
copy=$(sed -n 's/^pgo.mk: default.profdata: using 2 .gcda files unpacked into //p' "$W/use.out")
[ -d "$copy" ] || fail "V=1 names the unpacked profile" "$(show "$W/use.out")"
all_have "$W/use.out" compile "-fprofile-use=$copy -fprofile-correction -fprofile-prefix-path=$PWD/" "CC=gcc with a GCC default.profdata"
all_have "$W/use.out" compile " -flto=auto" "GCC's LTO in the use build"
all_have "$W/use.out" link " -flto=auto" "GCC's LTO on the use build's link"
ok n-nolto -n -B CC=gcc PGO_LTO=off
none_have "$W/n-nolto.out" compile "-flto" "PGO_LTO=off with GCC"
all_have "$W/n-nolto.out" compile "-fprofile-use=" "PGO_LTO=off keeps the profile"
[ "$(count_lines "$W/use.out" compile)" = 2 ] || fail "both objects compiled with the profile" "$(show "$W/use.out")"
"$P" info app >"$W/info.out" || fail "pgo info app" "$(show "$W/info.out")"
contains "$W/info.out" "kind=gcc" "the binary's record"
ok use-again CC=gcc PGO_GCC_STALE_FLAGS= CFLAGS="-O2 -Wall -Werror -Werror=missing-profile -Werror=coverage-mismatch"
[ "$(count_lines "$W/use-again.out" compile)" = 0 ] || fail "nothing is rebuilt when nothing changed" "$(show "$W/use-again.out")"
# An ar without GCC's LTO plugin (here one that writes no symbol index):
# the link of an archive of GIMPLE objects would fail, so one warning, and
# the profile without LTO.
mkdir -p "$W/ar-noplugin"
printf '#!/bin/sh\nop=$1\nshift\nexec /usr/bin/ar "${op}S" "$@"\n' >"$W/ar-noplugin/ar"
chmod +x "$W/ar-noplugin/ar"
rm -f .pgo/state.*.mk
old_path=$PATH
PATH="$W/ar-noplugin:$PATH"
mk noplugin -B CC=gcc V=1
PATH=$old_path
rc_is noplugin 0
same_line "$W/noplugin.err" "pgo.mk: warning: CC=gcc cannot link an ar archive of -flto=auto objects (binutils' ar needs GCC's LTO plugin in /usr/lib/bfd-plugins); building without LTO (PGO_LTO=off silences this)" "an ar without GCC's LTO plugin"
none_have "$W/noplugin.out" compile "-flto" "an ar without GCC's LTO plugin"
all_have "$W/noplugin.out" compile "-fprofile-use=" "an ar without GCC's LTO plugin keeps the profile"
rm -f .pgo/state.*.mk
ok plain-off CC=gcc PGO=off
none_have "$W/plain-off.out" compile "-fprofile" "CC=gcc PGO=off"

# A copy of the checkout at another path: the same objects, statics too.
mkdir -p "$W/elsewhere/one/two"
cp -R "$W/repo" "$W/elsewhere/one/two/" || fail "copying the checkout" "cp failed"
(
  cd "$W/elsewhere/one/two/repo/examples/minimal-make" || exit 1
  rm -rf .pgo ./*.o app
  ok copy CC=gcc PGO_GCC_STALE_FLAGS= CFLAGS="-O2 -Wall -Werror -Werror=missing-profile -Werror=coverage-mismatch"
  empty "$W/copy.err" "the copied checkout's GCC build, statics included"
) || exit 1

# Stale: an edited function, a new one, a comment line at the top and a new
# file; quiet under -Werror, the profile still applied.
sed 's/return vowels > 8 ? n + vowels : n;/if (n > 1000)\n        n = 1000 + strtol(s, NULL, 10);\n    return vowels > 8 ? n + vowels : n;/' stats.c >stats.c.new && mv stats.c.new stats.c
grep -q "n = 1000 + strtol" stats.c || fail "the edit of stats.c" "not applied"
{ echo '/* a new first line */'; cat main.c; echo 'int added_later(int x) { return x * 7; }'; } >main.c.new && mv main.c.new main.c
printf 'int extra(int x) { return x + 1; }\n' >extra.c
gcc -O2 -Werror -fprofile-use="$copy" -fprofile-prefix-path="$PWD/" -c stats.c -o stats.o 2>"$W/control.err" && rm -f stats.o &&
  fail "gcc alone fails on the stale profile under -Werror" "it succeeded"
contains "$W/control.err" "coverage-mismatch" "gcc alone reports the stale profile"
ok stale CC=gcc CFLAGS="-O2 -Wall -Werror" OBJS="main.o stats.o extra.o"
empty "$W/stale.err" "CC=gcc -Werror with a stale profile"
all_have "$W/stale.out" compile "-fprofile-use=$copy" "the stale profile is still used"
./app --input data/typical.txt >/dev/null || fail "the app built with the stale profile runs" "it failed"

# A changed profile rebuilds exactly the objects (and relinks).
ok retrain CC=gcc OBJS="main.o stats.o extra.o" pgo_train pgo_update
ok rebuilt CC=gcc OBJS="main.o stats.o extra.o"
[ "$(count_lines "$W/rebuilt.out" compile)" = 3 ] || fail "a new profile rebuilds the three objects" "$(show "$W/rebuilt.out")"
[ "$(count_lines "$W/rebuilt.out" link)" = 1 ] || fail "and links the app again" "$(show "$W/rebuilt.out")"
lacks "$W/rebuilt.out" "$copy" "the old unpacked profile is not used"

# Refusals, one line each.
mk sample CC=gcc PGO_TRAIN_KIND=sample pgo_train
rc_is sample 2
contains "$W/sample.err" "*** pgo.mk: PGO_TRAIN_KIND=sample (llvm-profgen) needs clang; CC=gcc is GCC $gv: build with clang, e.g. make CC=" "CC=gcc PGO_TRAIN_KIND=sample"
[ "$(wc -l <"$W/sample.err")" = 1 ] || fail "one line for PGO_TRAIN_KIND=sample with gcc" "$(show "$W/sample.err")"
mk status CC=gcc pgo_status
rc_is status 2
contains "$W/status.err" "*** pgo.mk: make pgo_status needs clang; CC=gcc is GCC $gv:" "CC=gcc pgo_status"

# GCC 9 (a wrapper that says it is): one line, plain builds.
cat >"$W/gcc9" <<'EOF'
#!/bin/sh
case " $* " in
*" -dM "*) gcc "$@" | sed 's/^#define __GNUC__ .*/#define __GNUC__ 9/' ;;
*) exec gcc "$@" ;;
esac
EOF
chmod +x "$W/gcc9"
mk old CC="$W/gcc9" pgo_instrument
rc_is old 2
contains "$W/old.err" "*** pgo.mk: PGO needs clang or GCC 10 or later (-fprofile-prefix-path); CC=$W/gcc9 is GCC 9: build with clang, e.g. make CC=" "GCC 9 pgo_instrument"
[ "$(wc -l <"$W/old.err")" = 1 ] || fail "one line for GCC 9" "$(show "$W/old.err")"
ok old-auto CC="$W/gcc9" OBJS="main.o stats.o extra.o"
empty "$W/old-auto.err" "GCC 9 with PGO=auto"
none_have "$W/old-auto.out" compile "-fprofile" "GCC 9 with PGO=auto"
ok old-explicit CC="$W/gcc9" PGO=default.profdata OBJS="main.o stats.o extra.o"
same_line "$W/old-explicit.err" "pgo.mk: warning: PGO=default.profdata needs clang or GCC 10 or later; CC=$W/gcc9 is GCC 9: building without PGO" "GCC 9 PGO=<file>"

# A missing PGO=<file> is an error with every compiler, also a dangling link.
ln -s nowhere.profdata dangling.profdata
for p in nonexistent.profdata dangling.profdata; do
  mk "missing-$p" CC=gcc PGO="$p"
  rc_is "missing-$p" 2
  [ "$(wc -l <"$W/missing-$p.err")" = 1 ] || fail "one error line for CC=gcc PGO=$p" "$(show "$W/missing-$p.err")"
  contains "$W/missing-$p.err" "*** pgo.mk: PGO=$p ($PWD/$p) does not exist; fix or re-train it (make pgo_train pgo_update), or build without it: make PGO=off.  Stop." "CC=gcc PGO=$p"
done
# The bad-input matrix, as in CMake: named, one error line and nothing
# built; as default.profdata, one warning and a plain build.
mkdir -p "$W/bad/dir.profdata" "$W/bad/raw11"
: >"$W/bad/empty.profdata"
echo "not a profile at all" >"$W/bad/garbage.profdata"
head -c 40 default.profdata >"$W/bad/truncated.profdata"
printf 'adcg*11B-counts-' >"$W/bad/raw11/main.gcda"
: >"$W/bad/raw11/run.ok"
"$P" merge --kind gcc -o "$W/bad/gcc11.profdata" --raw-dir "$W/bad/raw11" run >/dev/null || fail "packing a GCC 11 archive" "failed"
for case in empty:"is empty" garbage:"is not a GCC profile archive (bad magic)" truncated:"" \
  gcc11:"was written by GCC 11, and this is GCC $gv, which cannot read it" dir:"is a directory, not a profile file"; do
  name=${case%%:*} reason=${case#*:}
  mk "bad-$name" CC=gcc PGO="$W/bad/$name.profdata" OBJS="main.o stats.o extra.o"
  rc_is "bad-$name" 2
  [ "$(wc -l <"$W/bad-$name.err")" = 1 ] || fail "one line for CC=gcc PGO=<$name>" "$(show "$W/bad-$name.err")"
  contains "$W/bad-$name.err" "*** pgo.mk: PGO=$W/bad/$name.profdata $reason" "CC=gcc PGO=<$name>"
  [ "$(count_lines "$W/bad-$name.out" compile)" = 0 ] || fail "nothing built with CC=gcc PGO=<$name>" "$(show "$W/bad-$name.out")"
done
cp default.profdata "$W/good.profdata"
for name in empty garbage gcc11; do
  cp "$W/bad/$name.profdata" default.profdata
  ok "auto-$name" CC=gcc OBJS="main.o stats.o extra.o"
  [ "$(wc -l <"$W/auto-$name.err")" = 1 ] || fail "one warning for a bad default.profdata ($name)" "$(show "$W/auto-$name.err")"
  contains "$W/auto-$name.err" "pgo.mk: warning: ignoring default.profdata: " "a bad default.profdata ($name)"
  none_have "$W/auto-$name.out" compile "-fprofile" "a bad default.profdata ($name) builds plain"
done
cp "$W/good.profdata" default.profdata

# An output folder: each phase builds below its own, and the objects' data
# (static functions too) still fits the ordinary build, here and in a copy.
setup make-outdir "$W/repo2"
rm -f default.profdata
ok o-train CC=gcc pgo_train pgo_update
all_have "$W/o-train.out" compile "-dumpbase src/" "compiles below the phase's output folder"
for g in main lexer; do
  [ -f ".pgo/raw/src#$g.o.gcda" ] || fail "the .gcda of build/pgo-instrument/src/$g.o is named after its path below the output folder" "$(ls .pgo/raw | tr '\n' ' ')"
done
ok o-use CC=gcc PGO_GCC_STALE_FLAGS= CFLAGS="-O2 -Wall -Werror -Werror=missing-profile -Werror=coverage-mismatch"
empty "$W/o-use.err" "the output-folder build with its GCC profile, statics included"
all_have "$W/o-use.out" compile "-fprofile-use=$PWD/.pgo/use/" "the output-folder build uses the profile"
grep -q "^static " src/lexer.c || fail "make-outdir has a static function to check" "none in src/lexer.c"
mkdir -p "$W/elsewhere2/a"
cp -R "$W/repo2" "$W/elsewhere2/a/" || fail "copying the checkout" "cp failed"
(
  cd "$W/elsewhere2/a/repo2/examples/make-outdir" || exit 1
  rm -rf .pgo build
  ok o-copy CC=gcc PGO_GCC_STALE_FLAGS= CFLAGS="-O2 -Wall -Werror -Werror=missing-profile -Werror=coverage-mismatch"
  empty "$W/o-copy.err" "the copied output-folder checkout's GCC build"
) || exit 1
# One profile per compiler: with a pgo/ folder each reads only its own
# pgo/<compiler>.profdata, and pgo_update writes it; a trained profile of
# another compiler is trained again rather than installed.
setup minimal-make "$W/repo3"
mkdir pgo
ok pc-none CC=gcc
same_line "$W/pc-none.err" "pgo.mk: warning: PGO=auto: no pgo/gcc-$gv.profdata (the profile of GCC $gv in pgo/); building without PGO (make pgo_update writes it)" "CC=gcc without its profile in pgo/"
none_have "$W/pc-none.out" compile "-fprofile" "default.profdata is not read with a pgo/ folder"
ok pc-clang-train CC="$TCC" pgo_train
[ "$(cat .pgo/train.compiler)" = "${TCC}" ] || fail "pgo_train names its compiler" "$(cat .pgo/train.compiler)"
ok pc-update CC=gcc pgo_update
contains "$W/pc-update.out" "PGO     train:" "a clang-trained profile is trained again for gcc"
"$P" show "pgo/gcc-$gv.profdata" >"$W/pc-show.out" || fail "pgo show pgo/gcc-$gv.profdata" "$(show "$W/pc-show.out")"
contains "$W/pc-show.out" "kind=gcc" "pgo_update writes the GCC profile into pgo/"
[ ! -e default.profdata.new ] && [ -f default.profdata ] || fail "default.profdata is left alone" "changed"
ok pc-use CC=gcc
empty "$W/pc-use.err" "CC=gcc with its profile in pgo/"
all_have "$W/pc-use.out" compile "-fprofile-use=$PWD/.pgo/use/" "CC=gcc reads pgo/gcc-$gv.profdata"
ok pc-other CC="$TCC"
same_line "$W/pc-other.err" "pgo.mk: warning: PGO=auto: no pgo/$TCC.profdata (the profile of clang ${TCC#clang-} in pgo/); building without PGO (make pgo_update writes it)" "clang without its profile in pgo/"
none_have "$W/pc-other.out" compile "-fprofile" "clang never reads GCC's profile"
# Mixed compilers (gcc for C, clang++ for C++): the rule is one compiler
# family and version for all. A phase whose link runs the other stops with
# one line; the ordinary build compiles the other's objects plain.
mkdir -p "$W/mixed" && cd "$W/mixed" || fail "cd $W/mixed" "cd failed"
printf '%s\n' 'CC = gcc' "CXX = $CLANGXX" 'app: main.o lib.o' '	$(CXX) -o $@ main.o lib.o' \
  'main.o: main.cpp' '	$(CXX) -O2 -c -o $@ main.cpp' 'lib.o: lib.c' '	$(CC) -O2 -c -o $@ lib.c' \
  'PGO_TRAIN = ./app' "include $W/repo/make/pgo.mk" >Makefile
printf 'extern "C" int work(int);\nint main() { return work(10) == 55 ? 0 : 1; }\n' >main.cpp
printf 'int work(int n) { int s = 0; for (int i = 1; i <= n; i++) s += i; return s; }\n' >lib.c
mk mixed-instr pgo_instrument
rc_is mixed-instr 2
contains "$W/mixed-instr.err" "*** pgo.mk: app is linked by a command that does not run the compiler variables (CC), so pgo.mk cannot give it -fprofile-generate (make -n: $CLANGXX -o app main.o lib.o); CXX=$CLANGXX is not the compiler of CC (GCC $gv): build C and C++ with one compiler family and version, e.g. make CXX=g++.  Stop." "CC=gcc CXX=clang++ pgo_instrument"
ok mixed-train CXX=g++ pgo_train pgo_update
# With GCC's LTO the C object would be GIMPLE, which clang++ cannot link:
# one warning and a plain build; without LTO the C object uses the profile.
ok mixed-use
same_line "$W/mixed-use.err" "pgo.mk: warning: app is linked by a command that does not run the compiler variables (CC), so pgo.mk cannot give it -flto=auto (make -n: $CLANGXX -o app main.o lib.o); building without PGO: CXX=$CLANGXX is not the compiler of CC (GCC $gv): build C and C++ with one compiler family and version, e.g. make CXX=g++ (PGO_LTO=off uses the profile without LTO)" "CC=gcc CXX=clang++ with a GCC profile"
none_have "$W/mixed-use.out" compile "-fprofile" "the mixed build with LTO is plain"
./app || fail "the mixed app runs" "exit $?"
ok mixed-nolto PGO_LTO=off
empty "$W/mixed-nolto.err" "CC=gcc CXX=clang++ PGO_LTO=off with a GCC profile"
contains "$W/mixed-nolto.out" "gcc -fprofile-use=" "the C object uses the profile"
lacks "$W/mixed-nolto.out" "$CLANGXX -fprofile" "the C++ object and the link get nothing"
./app || fail "the mixed app runs" "exit $?"
pass
