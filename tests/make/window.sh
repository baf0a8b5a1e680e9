#!/bin/sh
# The window helper of instrumented builds (cmake/runtime/pgo_window.c):
# make pgo_instrument links it into the instrumented program (its section
# pgo_window) and the training still works; the ordinary build never has
# it; PGO_WINDOW=off leaves it out; pgo_clean removes its object. A copy of
# the package without cmake/runtime/ instruments without it.
. "$(dirname "$0")/lib.sh"
setup minimal-make

window_in() { readelf -S "$1" 2>/dev/null | grep -q ' pgo_window '; }

ok instr CC="$TCC" pgo_train
window_in app || fail "the instrumented app has the window helper" "$(readelf -S app | head -40 | tr '\n' '|')"
[ -f .pgo/window.o ] || fail "the helper's object is in PGO_DIR" "no .pgo/window.o"
ok ordinary CC="$TCC"
window_in app && fail "the ordinary app has no window helper" "it has"

ok clean CC="$TCC" pgo_clean
[ ! -e .pgo/window.o ] || fail "pgo_clean removes the helper's object" "still there"
ok off CC="$TCC" PGO_WINDOW=off pgo_instrument
window_in app && fail "PGO_WINDOW=off: no window helper" "it has"

# PGO_CONTINUOUS=on: each clang's flag on the instrumented compile lines
# (make -n), none for clang 14.
for v in 14 15 22; do
  have "clang-$v" || missing "clang-$v" "apt-get install clang-$v llvm-$v" optional
  ok "cont$v" -n CC="clang-$v" PGO_CONTINUOUS=on pgo_instrument
  case $v in
    14) none_have "$W/cont$v.out" compile "runtime-counter-relocation" "clang 14: no counter relocation"
        none_have "$W/cont$v.out" compile "profile-continuous" "clang 14: no -fprofile-continuous" ;;
    15) all_have "$W/cont$v.out" compile "-mllvm -runtime-counter-relocation" "clang 15: counter relocation" ;;
    22) all_have "$W/cont$v.out" compile "-fprofile-continuous" "clang 22: -fprofile-continuous" ;;
  esac
done

# Without cmake/runtime/ in the package copy.
rm -rf "$W/repo/cmake/runtime"
ok clean2 CC="$TCC" pgo_clean
ok noruntime CC="$TCC" pgo_instrument
window_in app && fail "without cmake/runtime/, no window helper" "it has"
instrumented app || fail "without cmake/runtime/, still instrumented" "no profile runtime in app"
pass "the window helper is in instrumented builds only, PGO_WINDOW=off and a package without it"
