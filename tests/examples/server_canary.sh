#!/bin/sh
# SPDX-License-Identifier: MIT
#
# examples/server as an instrumented canary: pgo_instrument builds the
# deployable instrumented server (with the window helper), it serves a
# bounded load on 127.0.0.1, `pgo collect --pid` pulls two windows from it
# (two "hosts"), pgo merge weighs them into one profile, the server stops
# on SIGTERM with its exit profile intact, and the rebuilt server uses the
# merged profile.
#
#     sh server_canary.sh REPO WORKDIR [COMPILER]
set -u

[ $# -ge 2 ] || { echo "usage: sh server_canary.sh REPO WORKDIR [COMPILER]" >&2; exit 2; }
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
need "$CC" "$CC (tests/install-deps.sh --test)"
major=$("$CC" -dumpversion | sed 's/\..*//')
need "llvm-profdata-$major" "llvm-$major"
. "$REPO/tests/examples/serve.sh"

mkdir -p "$W/repo/examples" && cp -R "$REPO/cmake" "$W/repo/cmake" && cp -R "$REPO/examples/server" "$W/repo/examples/server" ||
  exit 1
rm -f "$W/repo/examples/server/default.profdata"
cmake -S "$W/repo/examples/server" -B "$W/build" -G Ninja "-DCMAKE_C_COMPILER=$CC" -DCMAKE_BUILD_TYPE=Release \
  >"$W/configure.log" 2>&1 || fail "configure failed" "$(cat "$W/configure.log")"
cmake --build "$W/build" >"$W/build.log" 2>&1 || fail "build failed" "$(cat "$W/build.log")"
cmake --build "$W/build" --target pgo_instrument >"$W/instrument.log" 2>&1 ||
  fail "pgo_instrument failed" "$(cat "$W/instrument.log")"
canary=$W/build/pgo/instrument/server
readelf -S "$canary" | grep -q ' pgo_window ' || fail "the instrumented server has no window helper"
PGO=$W/build/pgo/bin/pgo

# The canary: its exit profile goes where LLVM_PROFILE_FILE says.
serve env LLVM_PROFILE_FILE="$W/exit.%p.profraw" "$canary"
load 50000

for host in a b; do
  "$PGO" collect --pid "$SERVER" --seconds 1 -o "$W/window-$host.profdata" >"$W/collect-$host.out" 2>"$W/collect-$host.err" ||
    fail "pgo collect (window $host) failed" "$(cat "$W/collect-$host.err")"
  grep -qx 'mode=window' "$W/collect-$host.out" || fail "pgo collect did not take a window" "$(cat "$W/collect-$host.out")"
done
: >"$W/load.stop"
wait "$LOAD" || fail "the load generator failed" "$(cat "$W/load.out")"
LOAD=
canary_pid=$SERVER
kill -TERM "$SERVER"
wait "$SERVER" || fail "the canary did not stop cleanly on SIGTERM" "$(cat "$W/server.err")"
SERVER=
ls "$W"/exit.*.profraw >/dev/null 2>&1 || fail "the canary wrote no exit profile after the windows"

# Each window has the hot handlers' counts.
for host in a b; do
  llvm-profdata-$major show --all-functions --counts "$W/window-$host.profdata" >"$W/show-$host.txt" 2>&1
  awk '/^  [^ ].*:$/ { fn = $1 } /Block counts: \[[1-9]/ && fn ~ /handle_[a-z]*:$/ { n++ } END { exit n >= 3 ? 0 : 1 }' "$W/show-$host.txt" ||
    fail "window $host has no counts for the handlers" "$(head -40 "$W/show-$host.txt")"
done
ls /tmp/pgo-window."$canary_pid".* >/dev/null 2>&1 && fail "window files were left in /tmp"

# Two hosts, weighted, into one profile; the rebuild uses it.
"$PGO" merge --profdata "llvm-profdata-$major" -o "$W/repo/examples/server/default.profdata" \
  --inputs "2:$W/window-a.profdata" "$W/window-b.profdata" >"$W/merge.out" 2>&1 ||
  fail "pgo merge of the windows failed" "$(cat "$W/merge.out")"
cmake --build "$W/build" >"$W/rebuild.log" 2>&1 || fail "rebuild failed" "$(cat "$W/rebuild.log")"
grep -Eq 'PGO: server use .*/server/default\.profdata \([1-9][0-9]* functions\)' "$W/rebuild.log" ||
  fail "the rebuild does not use the merged window profile" "$(cat "$W/rebuild.log")"
"$W/build/server" --self-test --requests 20000 --seconds 20 >"$W/selftest.out" 2>&1 ||
  fail "the rebuilt server fails its self-test" "$(cat "$W/selftest.out")"
printf 'PASS: two windows from the instrumented canary, merged 2:1, used by the rebuilt server\n'
