#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The production loop of examples/server, as the README shows it: build it
# plainly, start it, put a bounded load on it (127.0.0.1, a fixed request
# count and a time limit), sample it with `pgo collect --pid`, save the
# profile as default.profdata, rebuild, and check that the rebuilt server
# uses the sample profile (flags, the configure line, and clang's own
# remarks of samples applied) and still serves correctly.
#
#     sh server_production.sh REPO WORKDIR [COMPILER]
#
# Needs perf (permitted to sample the user's own processes), clang-14 and
# llvm-14; a missing one fails with an install hint.
set -u

[ $# -ge 2 ] || { echo "usage: sh server_production.sh REPO WORKDIR [COMPILER]" >&2; exit 2; }
REPO=$1 W=$2 CC=${3:-clang-14}
case $W in /*) ;; *) W=$(pwd)/$W ;; esac
rm -rf "$W"
mkdir -p "$W" || exit 1
SERVER= LOAD=
trap 'for _p in $LOAD $SERVER; do kill "$_p" 2>/dev/null; done' EXIT

fail() {
  printf 'FAIL: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf '%s\n' "$2" >&2
  exit 1
}
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 not found: install $2"; }
need perf "linux-perf (Debian) or linux-tools-\$(uname -r) (Ubuntu)"
need "$CC" "$CC (tests/install-deps.sh --test)"
need cmake cmake
need ninja ninja-build
. "$REPO/tests/examples/serve.sh"

# A copy of the example without its checked-in profile: the plain build.
mkdir -p "$W/repo/examples" && cp -R "$REPO/cmake" "$W/repo/cmake" && cp -R "$REPO/examples/server" "$W/repo/examples/server" ||
  exit 1
rm -f "$W/repo/examples/server/default.profdata"
cmake -S "$W/repo/examples/server" -B "$W/build" -G Ninja "-DCMAKE_C_COMPILER=$CC" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_C_FLAGS=-Rpass=sample-profile >"$W/configure.log" 2>&1 || fail "configure failed" "$(cat "$W/configure.log")"
grep -q 'PGO: server built without PGO: no default.profdata' "$W/configure.log" ||
  fail "the first build should be plain" "$(cat "$W/configure.log")"
cmake --build "$W/build" >"$W/build.log" 2>&1 || fail "build failed" "$(cat "$W/build.log")"
PGO=$W/build/pgo/bin/pgo

# Serve, and put load on it. One run of 200,000 requests takes about half
# a second: it repeats until the sampling is over.
serve "$W/build/server"
load 200000

# Sample the serving process for 3 s.
"$PGO" collect --pid "$SERVER" --seconds 3 -o "$W/repo/examples/server/default.profdata" >"$W/collect.out" 2>"$W/collect.err" ||
  fail "pgo collect failed" "$(cat "$W/collect.err")"
: >"$W/load.stop"
wait "$LOAD" || fail "the load generator failed" "$(cat "$W/load.out")"
LOAD=
kill -TERM "$SERVER"
wait "$SERVER" || fail "the server did not stop cleanly on SIGTERM" "$(cat "$W/server.err")"
SERVER=
samples=$(sed -n 's/^samples=//p' "$W/collect.out")
[ "${samples:-0}" -gt 100 ] || fail "pgo collect took too few samples (${samples:-none})" "$(cat "$W/collect.out")"
kind=$("$PGO" show "$W/repo/examples/server/default.profdata" | sed -n 's/^kind=//p')
[ "$kind" = sample ] || fail "default.profdata is of kind '$kind', not sample"

# Rebuild: the new default.profdata re-runs the configure step by itself.
cmake --build "$W/build" >"$W/rebuild.log" 2>&1 || fail "rebuild failed" "$(cat "$W/rebuild.log")"
grep -Eq 'PGO: server use .*/server/default\.profdata \([1-9][0-9]* functions\)' "$W/rebuild.log" ||
  fail "the rebuild does not say it uses the sample profile" "$(cat "$W/rebuild.log")"
handlers=$(grep -o '"command": "[^"]*src/handlers\.c[^"]*"' "$W/build/compile_commands.json" | grep -v loadgen | head -n 1)
case $handlers in
  *-fprofile-sample-use=*) ;;
  *) fail "handlers.c is not compiled with -fprofile-sample-use" "$handlers" ;;
esac
grep -o '"command": "[^"]*loadgen_main\.c[^"]*"' "$W/build/compile_commands.json" | grep -q 'profile-sample-use' &&
  fail "loadgen is not opted in, but got the profile"

# clang says where it applied samples (-Rpass=sample-profile, on from the
# start): remarks for the hot files.
remarks=$(grep -c 'remark: .*\[-Rpass=sample-profile\]' "$W/rebuild.log")
grep -q 'src/handlers\.c:[0-9]*:[0-9]*: remark: .*\[-Rpass=sample-profile\]' "$W/rebuild.log" ||
  fail "clang applied no samples in handlers.c" "$(grep -c remark "$W/rebuild.log") remarks"

"$W/build/server" --self-test --requests 20000 --seconds 20 >"$W/selftest.out" 2>&1 ||
  fail "the rebuilt server fails its self-test" "$(cat "$W/selftest.out")"
printf 'PASS: %s samples in 3 s; the rebuilt server uses them (%s sample-profile remarks) and passes its self-test\n' \
  "$samples" "$remarks"
