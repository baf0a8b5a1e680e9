#!/bin/sh
# SPDX-License-Identifier: MIT
#
# sample_vs_instr.sh [ROUNDS] [SECONDS] [TRAIN_SECONDS]: issue 10's proof in one run per
# example. For examples/interp and examples/server, one pgo_compare times
# side by side, in alternating rounds:
#
#   baseline    the plain build (PGO=off)
#   optimized   the instrumentation profile of pgo_train
#   train       a sample profile of the same training (PGO_TRAIN_KIND=sample,
#               each run repeated for TRAIN_SECONDS: PGO_TRAIN_SAMPLE_SECONDS,
#               default 0)
#   serving     (server only) a sample profile of the ordinary server while it
#               serves the bench load, `pgo collect --pid` for SECONDS
#               (default 30) at pgo collect's default rate
#
# Each arm is built with ThinLTO by the package, from a copy of the example
# without its checked-in profile. Not a test: it prints pgo_compare's report.
# Needs clang-14, llvm-14, lld-14, perf (permitted), cmake and ninja.
set -eu
rounds=${1:-11}
seconds=${2:-30}
train_seconds=${3:-0}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
server_pid= load_pid=
trap 'for p in $load_pid $server_pid; do kill "$p" 2>/dev/null || :; done; rm -rf "$work"' EXIT
compilers="-DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14"

mkdir -p "$work/src/examples" "$work/profiles"
cp -R "$root/cmake" "$work/src/cmake"
for example in interp server; do
  cp -R "$root/examples/$example" "$work/src/examples/$example"
  rm -f "$work/src/examples/$example/default.profdata"
done

# sample_train EXAMPLE: a sample profile of the training runs, in
# $work/profiles/EXAMPLE-train.profdata.
sample_train() {
  cmake -S "$work/src/examples/$1" -B "$work/$1-sample" -G Ninja $compilers \
    -DCMAKE_BUILD_TYPE=Release -DPGO_TRAIN_KIND=sample -DPGO_TRAIN_SAMPLE_SECONDS="$train_seconds" >/dev/null
  cmake --build "$work/$1-sample" --target pgo_train >/dev/null
  cp "$work/$1-sample/pgo/train.profdata" "$work/profiles/$1-train.profdata"
}

# serving_sample: the ordinary server (no profile) under the bench load,
# sampled for $seconds, in $work/profiles/server-serving.profdata.
serving_sample() {
  b=$work/server-plain
  cmake -S "$work/src/examples/server" -B "$b" -G Ninja $compilers -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$b" >/dev/null
  "$b/server" --port 0 --idle-exit 60 >"$work/server.out" &
  server_pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$work/server.out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "sample_vs_instr.sh: the server printed no port" >&2; exit 1; }
  # Bounded: at most 40 runs of at most 20 s each, stopped once sampled.
  (
    n=0
    while [ $n -lt 40 ] && [ ! -e "$work/load.stop" ]; do
      "$b/loadgen" --port "$port" --mix bench --requests 2000000 --seconds 20 >/dev/null
      n=$((n + 1))
    done
  ) &
  load_pid=$!
  sleep 1
  "$b/pgo/bin/pgo" collect --pid "$server_pid" --seconds "$seconds" -o "$work/profiles/server-serving.profdata"
  : >"$work/load.stop"
  wait "$load_pid"
  load_pid=
  kill "$server_pid"
  wait "$server_pid" || :
  server_pid=
}

# compare EXAMPLE PROFILES: pgo_compare of the plain, instrumented and the
# given sample-profile builds.
compare() {
  cmake -S "$work/src/examples/$1" -B "$work/$1" -G Ninja $compilers -DCMAKE_BUILD_TYPE=Release \
    -DPGO_COMPARE_ROUNDS="$rounds" "-DPGO_COMPARE_PROFILES=$2" >/dev/null
  cmake --build "$work/$1" --target pgo_compare | sed -n '/ vs baseline/,$p'
}

sample_train interp
compare interp "$work/profiles/interp-train.profdata"
sample_train server
serving_sample
compare server "$work/profiles/server-train.profdata;$work/profiles/server-serving.profdata"
