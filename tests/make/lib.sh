# Helpers for the tests/make/<case>.sh scripts (POSIX sh). Each case starts
# with:   . "$(dirname "$0")/lib.sh"   and is run as   sh <case>.sh SCRATCH
#
# A case copies make/, cmake/engine/ and the example it needs below
# SCRATCH/w (never writing into the source tree), runs make there and checks
# what it sees. A failed check prints "FAIL: <expected> / <seen>" on stderr
# and exits 1; the case prints PASS at the end.

set -u

if [ $# -lt 1 ] || [ -z "$1" ]; then
  echo "usage: sh $0 SCRATCH_DIR" >&2
  exit 2
fi
# The repository: PGO_SOURCE_DIR (set by tests.cmake) or two folders up.
ROOT=$(cd "${PGO_SOURCE_DIR:-$(dirname "$0")/../..}" && pwd) || exit 2
mkdir -p "$1" || exit 2
SCRATCH=$(cd "$1" && pwd) || exit 2
W=$SCRATCH/w
rm -rf "$W"
mkdir -p "$W" || exit 2

# The clang the examples are built with (the checked-in profile of
# examples/minimal-make was trained with clang 14).
TCC=${PGO_TEST_CC:-clang-14}

# Keep a calling make (ctest run from make) and the environment out.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEFILES GNUMAKEFLAGS V CC CFLAGS CXXFLAGS \
  CPPFLAGS LDFLAGS LDLIBS __PGO_WARNED 2>/dev/null
for v in $(env | sed -n 's/^\(PGO[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
LC_ALL=C
export LC_ALL

fail() {
  printf 'FAIL: %s / %s\n' "$1" "$2" >&2
  exit 1
}

pass() {
  echo PASS
  exit 0
}

# have CMD: is CMD installed?
have() {
  command -v "$1" >/dev/null 2>&1
}

# missing WHAT HINT [optional]: stop the case because WHAT is not installed.
# Optional tools (another compiler, ccache) make the case skipped (the
# tests' skip pattern "pgo-test: skipped: "), except under CI=true, where
# nothing may be skipped; other tools fail it.
missing() {
  _how="install it with: sh tests/install-deps.sh --test (or $2)"
  if [ "${3:-}" = optional ] && [ "${CI:-}" != true ]; then
    echo "pgo-test: skipped: $1 is not installed; $_how"
    exit 0
  elif [ "${3:-}" = optional ]; then
    fail "$1 installed (under CI=true no test may be skipped)" "$1 is not installed; $_how"
  fi
  fail "$1 installed (this test needs it)" "$1 is not installed; $_how"
}

# need_clang CLANG: CLANG and its profile runtime are installed (clang-14
# is required, other majors are optional).
need_clang() {
  _major=${1##*-}
  _pkgs="apt-get install clang-$_major llvm-$_major$([ "$_major" = 15 ] || echo " libclang-rt-$_major-dev")"
  _opt=optional
  [ "$_major" = 14 ] && _opt=""
  have "$1" || missing "$1" "$_pkgs" $_opt
  have "llvm-profdata-$_major" || missing "llvm-profdata-$_major" "apt-get install llvm-$_major" $_opt
  case $("$1" -print-file-name=libclang_rt.profile-x86_64.a 2>/dev/null) in
    /*) ;;
    *) missing "the profile runtime of $1" "$_pkgs" $_opt ;;
  esac
}
need_clang "$TCC"

# setup EXAMPLE [DIR]: copy the pgo files and examples/EXAMPLE to DIR
# (default $W/repo) and cd into the example.
setup() {
  d=${2:-$W/repo}
  mkdir -p "$d/examples" "$d/cmake" || fail "creating $d" "mkdir failed"
  cp -R "$ROOT/make" "$d/" && cp -R "$ROOT/cmake/engine" "$ROOT/cmake/runtime" "$d/cmake/" &&
    cp -R "$ROOT/examples/$1" "$d/examples/" || fail "copying $1 to $d" "cp failed"
  rm -rf "$d/examples/$1/.pgo"
  cd "$d/examples/$1" || fail "cd $d/examples/$1" "cd failed"
}

# mk NAME [MAKE ARGS...]: run make, keeping stdout in $W/NAME.out, stderr in
# $W/NAME.err and the exit status in $W/NAME.rc. Returns the status.
mk() {
  _n=$1
  shift
  make "$@" >"$W/$_n.out" 2>"$W/$_n.err"
  _rc=$?
  echo "$_rc" >"$W/$_n.rc"
  return $_rc
}

# show FILE: the start of FILE on one line, for failure messages.
show() {
  if [ -s "$1" ]; then head -c 1500 "$1" | tr '\n' '|'; else echo "(empty $1)"; fi
}

# rc_is NAME STATUS: make NAME exited with STATUS.
rc_is() {
  _rc=$(cat "$W/$1.rc")
  [ "$_rc" = "$2" ] || fail "make $1 exits with $2" "exit $_rc; stderr: $(show "$W/$1.err") stdout: $(show "$W/$1.out")"
}

# ok NAME [MAKE ARGS...]: run make and require exit status 0.
ok() {
  mk "$@"
  rc_is "$1" 0
}

# contains FILE STRING WHAT: FILE contains STRING (fixed string).
contains() {
  grep -q -F -e "$2" "$1" || fail "$3: '$2' in $(basename "$1")" "$(show "$1")"
}

# lacks FILE STRING WHAT: FILE does not contain STRING.
lacks() {
  if grep -q -F -e "$2" "$1"; then
    fail "$3: no '$2' in $(basename "$1")" "$(grep -F -e "$2" "$1" | head -n 1)"
  fi
}

# empty FILE WHAT: FILE is empty.
empty() {
  [ ! -s "$1" ] || fail "$2: nothing in $(basename "$1")" "$(show "$1")"
}

# same_line FILE LINE WHAT: FILE holds exactly the one line LINE.
same_line() {
  _got=$(cat "$1")
  [ "$_got" = "$2" ] || fail "$3: exactly '$2'" "'$(show "$1")'"
}

# lines FILE KIND: the compiler command lines of make output FILE that
# compile (KIND=compile: with -c) or link (KIND=link: -o without -c).
lines() {
  grep -E '^[^ ]*(clang|gcc|cc)(-[0-9]+)? ' "$1" |
    if [ "$2" = compile ]; then grep -e ' -c '; else grep -v -e ' -c ' | grep -e ' -o '; fi
}

# all_have FILE KIND STRING WHAT: there are KIND lines and all contain STRING.
all_have() {
  _all=$(lines "$1" "$2" | grep -c .)
  [ "$_all" -gt 0 ] || fail "$4: $2 lines in $(basename "$1")" "none: $(show "$1")"
  _with=$(lines "$1" "$2" | grep -c -F -e "$3")
  [ "$_with" = "$_all" ] ||
    fail "$4: '$3' in all $_all $2 lines" "$(lines "$1" "$2" | grep -v -F -e "$3" | head -n 1)"
}

# none_have FILE KIND STRING WHAT: no KIND line contains STRING.
none_have() {
  _with=$(lines "$1" "$2" | grep -c -F -e "$3")
  [ "$_with" = 0 ] || fail "$4: no '$3' in $2 lines" "$(lines "$1" "$2" | grep -F -e "$3" | head -n 1)"
}

# count_lines FILE KIND: how many KIND lines FILE has.
count_lines() {
  lines "$1" "$2" | grep -c .
}

# instrumented BINARY: BINARY contains the profile runtime.
instrumented() {
  nm "$1" 2>/dev/null | grep -q __llvm_profile_raw_version
}

# engine: the pgo program (cmake/engine), built once per run of a case into
# $W/.engine (pgo.mk builds its own into .pgo/bin; this one is for the
# checks the tests make themselves). Prints its path.
engine() {
  if [ ! -x "$W/.engine/pgo" ]; then
    mkdir -p "$W/.engine" &&
      cc -std=c11 -O2 -o "$W/.engine/pgo" "$ROOT"/cmake/engine/*.c >"$W/.engine/build.log" 2>&1 ||
      fail "building the pgo program for the test" "$(show "$W/.engine/build.log")"
  fi
  printf '%s\n' "$W/.engine/pgo"
}

# The llvm-profdata matching $TCC, found the way pgo.mk finds it.
profdata() {
  "$(engine)" find-profdata --compiler "$TCC" | sed -n 's/^profdata=//p'
}

# fn_count PROFILE FUNCTION: the sum of FUNCTION's block counts in PROFILE
# (empty if FUNCTION is not in it).
fn_count() {
  "$(profdata)" show --all-functions --counts "$1" 2>/dev/null | awk -v f="  $2:" '
    $0 == f { on = 1; next }
    on && /Block counts:/ { gsub(/[^0-9,]/, ""); n = split($0, a, ","); s = 0
                            for (i = 1; i <= n; i++) s += a[i]; print s; exit }
    /^  [^ ]/ { on = 0 }'
}

# trained PROFILE FUNCTION...: each FUNCTION has non-zero counts in PROFILE.
trained() {
  _p=$1
  shift
  for _f in "$@"; do
    _c=$(fn_count "$_p" "$_f")
    [ -n "$_c" ] && [ "$_c" -gt 0 ] ||
      fail "function $_f with non-zero counts in $_p" "count '${_c:-missing}'; functions: $("$(profdata)" show --all-functions "$_p" 2>&1 | sed -n 's/^  \([^ ].*\):$/\1/p' | tr '\n' ' ')"
  done
}
