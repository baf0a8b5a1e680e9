# SPDX-License-Identifier: MIT
# Shared by server_production.sh and server_canary.sh (sourced; they define
# W, fail, SERVER and LOAD).

# serve BINARY: starts BINARY --port 0 in the background (its environment
# as given to serve) and sets SERVER and port from its "listening on" line.
serve() {
  : >"$W/server.out"
  "$@" --port 0 --idle-exit 60 >"$W/server.out" 2>"$W/server.err" &
  SERVER=$!
  port=
  i=0
  while [ $i -lt 100 ]; do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$W/server.out")
    [ -n "$port" ] && break
    sleep 0.1
    i=$((i + 1))
  done
  [ -n "$port" ] || fail "the server printed no port" "$(cat "$W/server.out" "$W/server.err")"
}

# load REQUESTS: runs the load generator against $port in the background,
# REQUESTS per run, again until $W/load.stop exists, at most 40 runs of at
# most 20 s each; sets LOAD.
load() {
  (
    n=0
    while [ $n -lt 40 ] && [ ! -e "$W/load.stop" ]; do
      "$W/build/loadgen" --port "$port" --mix bench --requests "$1" --seconds 20 || exit 1
      n=$((n + 1))
    done
  ) >"$W/load.out" 2>&1 &
  LOAD=$!
}
