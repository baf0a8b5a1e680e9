#!/bin/sh
# "pgo lock FILE -- COMMAND..." (cmake/engine/cmd_lock.c), which pgo.mk puts
# around every phase make and install: it runs COMMAND while holding an
# exclusive lock on FILE (created, with its folder) and exits with COMMAND's
# status; a second lock on the same file waits (and says so) until the
# first command has ended; a holder killed with kill -9 leaves no lock
# behind; SIGTERM reaches the command; usage errors exit 2.
. "$(dirname "$0")/lib.sh"
P=$(engine)
cd "$W" || fail "cd $W" "failed"

# wait_for FILE: until FILE exists (at most 20 s).
wait_for() {
  _i=0
  while [ ! -s "$1" ]; do
    _i=$((_i + 1))
    [ "$_i" -le 200 ] || fail "$1 to appear" "not there after 20 s"
    sleep 0.1
  done
}

"$P" lock "$W/a/b/x.lock" -- sh -c 'exit 7'
rc=$?
[ "$rc" = 7 ] || fail "the exit status of the command (7)" "$rc"
[ -f "$W/a/b/x.lock" ] || fail "the lock file and its folder are created" "no $W/a/b/x.lock"
"$P" lock "$W/a/b/x.lock" -- true || fail "a lock taken again after it was released" "exit $?"

"$P" lock "$W/x.lock" -- "$W/no-such-program" 2>"$W/notfound.err"
rc=$?
[ "$rc" = 127 ] || fail "exit 127 for a command that does not exist" "$rc"
contains "$W/notfound.err" "pgo: cannot run '$W/no-such-program'" "a command that does not exist"

for args in "" "$W/x.lock" "$W/x.lock --" "$W/x.lock true"; do
  # shellcheck disable=SC2086
  "$P" lock $args 2>"$W/usage.err"
  rc=$?
  [ "$rc" = 2 ] || fail "usage error (exit 2) for: pgo lock $args" "exit $rc"
  same_line "$W/usage.err" "pgo: usage: pgo lock FILE -- COMMAND [ARG...]" "usage of pgo lock"
done

# Two at once: the second starts after the first has ended.
: >"$W/order.log"
"$P" lock "$W/x.lock" -- sh -c 'echo start1 >>"$1"; sleep 1; echo end1 >>"$1"' sh "$W/order.log" &
p1=$!
wait_for "$W/order.log"
"$P" lock "$W/x.lock" -- sh -c 'echo start2 >>"$1"' sh "$W/order.log" 2>"$W/wait.err" ||
  fail "the second lock" "exit $?"
wait "$p1" || fail "the first lock" "exit $?"
[ "$(tr '\n' ' ' <"$W/order.log")" = "start1 end1 start2 " ] || fail "start1 end1 start2" "$(tr '\n' ' ' <"$W/order.log")"
same_line "$W/wait.err" "pgo: waiting for $W/x.lock: another build holds it" "the second lock says it waits"

# A holder killed with kill -9: the system releases the lock at once (its
# command, orphaned, may still run; it does not hold the lock).
"$P" lock "$W/k.lock" -- sh -c 'echo $$ >"$1"; exec sleep 30' sh "$W/k.pid" &
pk=$!
wait_for "$W/k.pid"
kill -9 "$pk"
wait "$pk" 2>/dev/null
start=$(date +%s)
"$P" lock "$W/k.lock" -- true 2>"$W/k.err" || fail "the lock after its holder was killed" "exit $?"
kill "$(cat "$W/k.pid")" 2>/dev/null
[ $(($(date +%s) - start)) -lt 10 ] || fail "the lock is free after kill -9 of its holder" "it waited"

# SIGTERM to pgo lock reaches the command.
"$P" lock "$W/t.lock" -- sh -c 'trap "echo got TERM >\"\$2\"; exit 5" TERM; echo $$ >"$1"; while :; do sleep 0.1; done' sh "$W/t.pid" "$W/t.sig" &
pt=$!
wait_for "$W/t.pid"
kill -TERM "$pt"
wait "$pt"
rc=$?
[ "$rc" = 5 ] || fail "the command's status after SIGTERM (5)" "$rc"
contains "$W/t.sig" "got TERM" "SIGTERM is passed on"
pass
