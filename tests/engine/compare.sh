#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Behavioural tests of `pgo compare` (cmake/engine/cmd_compare.c), with
# tiny shell programs as the arms:
#
#     sh compare.sh CASE WORKDIR PGO
#
# CASE is one of the functions case_* below; WORKDIR is emptied first; PGO
# is the built program. Exit 0: passed; 1: failed (the first line on stderr
# says what). Times are never asserted (machines are noisy): the run order,
# the kept files, metrics, sizes, messages, exit codes and reports are.
set -u

[ $# -eq 3 ] || { echo "usage: sh compare.sh CASE WORKDIR PGO" >&2; exit 2; }
CASE=$1 W=$2 PGO=$3
case $W in /*) ;; *) W=$(pwd)/$W ;; esac
case $PGO in /*) ;; *) PGO=$(pwd)/$PGO ;; esac
rm -rf "$W"
mkdir -p "$W" && cd "$W" || exit 1

# ---- helpers -----------------------------------------------------------------

fail() {
  printf 'FAIL: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf '%s\n' "$2" >&2
  exit 1
}

pass() { printf 'PASS: %s\n' "$*"; }

# pgo ARG...: runs pgo; sets rc, out and err (stdout/stderr, kept in files).
pgo() {
  "$PGO" "$@" >"$W/.out" 2>"$W/.err"
  rc=$?
  out=$(cat "$W/.out")
  err=$(cat "$W/.err")
}

show() { printf 'exit code: %s\n--- stdout:\n%s\n--- stderr:\n%s' "$rc" "$out" "$err"; }

expect_rc() { [ "$rc" = "$2" ] || fail "$1: exit code $rc, expected $2" "$(show)"; }

# expect_error WHAT RC STDERR: failed with RC, nothing on stdout, exactly
# STDERR on stderr.
expect_error() {
  expect_rc "$1" "$2"
  [ -z "$out" ] || fail "$1: stdout should be empty" "$(show)"
  [ "$err" = "$3" ] || fail "$1: stderr differs; expected:" "$3
$(show)"
}

# has WHAT TEXT LINE: TEXT holds LINE as a whole line.
has() {
  printf '%s\n' "$2" | grep -Fxq -- "$3" || fail "$1: no line '$3'" "$(show)"
}

# has_like WHAT TEXT ERE: some line of TEXT matches ERE (anchored).
has_like() {
  printf '%s\n' "$2" | grep -Eq -- "^$3\$" || fail "$1: no line matching /^$3\$/" "$(show)"
}

# same WHAT FILE TEXT: FILE holds TEXT and a newline (nothing for "").
same() {
  if [ -z "$3" ]; then
    [ -f "$2" ] && [ ! -s "$2" ] || fail "$1: $2 should be empty" "$(cat "$2" 2>&1)"
  else
    printf '%s\n' "$3" | cmp -s - "$2" || fail "$1: $2 differs; expected:" "$3
--- found:
$(cat "$2" 2>&1)"
  fi
}

# arm LABEL PROGRAM-TEXT [SIZE-FILE...]: spec lines of an arm that runs
# `sh -c PROGRAM-TEXT` (one argument, never split: spec lines are verbatim).
arm() {
  printf 'arm %s\n' "$1"
  _text=$2
  shift 2
  for _s in "$@"; do printf 'size %s\n' "$_s"; done
  printf 'arg /bin/sh\narg -c\narg %s\n' "$_text"
}

# A ratio as the summary prints it, and a time in ms.
R='[0-9]+\.[0-9][0-9]'
MS='[0-9]+\.[0-9] ms'

# ---- cases -------------------------------------------------------------------

# Round 1 runs A B C, round 2 C B A, and so on (warm-ups too); every run's
# stdout and stderr are kept; files an earlier run kept are removed first.
case_order() {
  {
    echo "benchmark order"
    echo "cwd $W"
    arm A 'echo "A out"; echo "A err" >&2; printf A >>log'
    arm B 'echo "B out"; printf B >>log'
    arm C 'echo "C err" >&2; printf C >>log'
  } >spec
  mkdir -p runs/order
  echo stale >runs/order/A.9.stdout
  echo stale >runs/order/B.w3.stderr
  echo mine >runs/order/notes.txt
  pgo compare --out runs --warmup 2 --rounds 3 spec
  expect_rc "three arms" 0
  [ "$(cat log)" = ABCCBAABCCBAABC ] || fail "run order (2 warm-ups, 3 rounds)" "$(cat log)"
  expected_files=$(for a in A B C; do for r in 1 2 3 w1 w2; do printf '%s.%s.stderr\n%s.%s.stdout\n' $a $r $a $r; done; done)
  [ "$(ls runs/order | grep -v notes.txt | sort)" = "$(printf '%s\n' "$expected_files" | sort)" ] ||
    fail "kept files" "$(ls runs/order)"
  same "A's stdout" runs/order/A.2.stdout "A out"
  same "A's stderr" runs/order/A.2.stderr "A err"
  same "B's stderr" runs/order/B.w1.stderr ""
  same "C's stdout" runs/order/C.3.stdout ""
  same "C's stderr" runs/order/C.3.stderr "C err"
  same "a file that is not a kept output stays" runs/order/notes.txt mine
  has_like "B's summary" "$out" "order: B vs A: (cpu ${R}x, wall ${R}x \(medians of 3 per-round ratios\)|cpu n/a .*)"
  has_like "C's summary" "$out" "order: C vs A: .*"
  has "min-max line" "$(printf '%s\n' "$out" | sed -n 2p | sed 's/[0-9][0-9.]*-[0-9][0-9.]*/X/g; s/cpu n\/a/cpu X/')" "  min-max of the per-round ratios: cpu X, wall X"
  has_like "medians line" "$out" "  medians of 3 rounds: A cpu $MS, wall $MS; C cpu $MS, wall $MS"
  [ "$(printf '%s\n' "$out" | wc -l)" -eq 6 ] || fail "two blocks of three lines" "$(show)"
  has "progress" "$err" "pgo: order: warm-up 2/2"
  has "progress" "$err" "pgo: order: round 3/3"
  pass "arms alternate A B C, C B A; each run's output is kept"

  : >log
  pgo compare --out runs --quiet --warmup 0 --rounds 1 spec
  expect_rc "one round" 0
  [ "$(cat log)" = ABC ] || fail "one round, no warm-up" "$(cat log)"
  [ -z "$err" ] || fail "--quiet prints nothing on stderr" "$(show)"
  [ ! -e runs/order/A.2.stdout ] && [ ! -e runs/order/A.w1.stdout ] || fail "the last run's files only" "$(ls runs/order)"
  has_like "one round" "$out" "order: B vs A: (cpu ${R}x, wall ${R}x \(medians of 1 per-round ratio\)|cpu n/a .*)"
  pass "one round; --quiet"
}

# Metrics from stdout or stderr: per-round ratios, their median and
# min-max, the medians of the figures; a metric that is not found or not a
# number fails naming the benchmark, arm, metric and kept files.
case_metrics() {
  # b's figure grows by 10 each run: 110 (warm-up), 120, 130, 140.
  {
    echo "benchmark m"
    echo "cwd $W"
    echo 'metric ops ops=([0-9]+)'
    echo 'metric lat \[lat ([0-9.]+) ms\]'
    arm a 'echo ops=100; echo "[lat 2.0 ms]" >&2'
    arm b 'n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n >count; echo "noise ops=x"; echo ops=$((100 + 10 * n)) >&2; echo "[lat 3.0 ms]"'
  } >spec
  pgo compare --out runs --rounds 3 --csv r.csv --json r.json spec
  expect_rc "metrics" 0
  has "ops ratio" "$out" "  ops 1.30x (median of 3 per-round ratios, min-max 1.20-1.40)"
  has "lat ratio" "$out" "  lat 1.50x (median of 3 per-round ratios, min-max 1.50-1.50)"
  has_like "medians of the figures" "$out" "  medians of 3 rounds: a cpu $MS, wall $MS, ops 100, lat 2; b cpu $MS, wall $MS, ops 130, lat 3"
  head -n 1 r.csv | grep -q ',ops_ratio_median,ops_ratio_min,ops_ratio_max,ops_ratio_count,reference_ops_median,ops_median,lat_ratio_median,lat_ratio_min,lat_ratio_max,lat_ratio_count,reference_lat_median,lat_median$' ||
    fail "CSV metric columns" "$(cat r.csv)"
  sed -n 2p r.csv | grep -q ',1\.3000,1\.2000,1\.4000,3,100,130,1\.5000,1\.5000,1\.5000,3,2,3$' ||
    fail "CSV metric figures" "$(cat r.csv)"
  grep -Fq '"metrics":{"ops":{"median":130,"rounds":[120,130,140]},"lat":{"median":3,"rounds":[3,3,3]}}' r.json ||
    fail "JSON: b's figures of every round" "$(cat r.json)"
  grep -Fq '"metrics":{"ops":{"median":1.3,"min":1.2,"max":1.4,"count":3},' r.json || fail "JSON: b's ratios" "$(cat r.json)"
  pass "metrics from stdout and stderr, ratios and medians"

  {
    echo "benchmark m"
    echo 'metric ops ops=([0-9]+)'
    arm a 'echo ops=1'
    arm b 'echo ops: 1'
  } >missing.spec
  pgo compare --out runs --quiet missing.spec
  expect_error "metric not found" 1 "pgo: m: b, warm-up 1: metric 'ops' not found: no match for 'ops=([0-9]+)' in runs/m/b.w1.stdout or runs/m/b.w1.stderr"
  {
    echo "benchmark m"
    echo 'metric ops ops=([^ ]+)'
    arm a 'echo ops=1'
    arm b 'echo ops=12x >&2'
  } >nan.spec
  pgo compare --out runs --quiet --warmup 0 nan.spec
  expect_error "metric not a number" 1 "pgo: m: b, round 1: metric 'ops' matched '12x' in runs/m/b.1.stderr, which is not a number"
  pass "a missing metric, a metric that is no number"
}

# --gate cpu|wall|metric:NAME with --fail-above: exit 3 and one line per
# arm above the limit, after the reports are written.
case_gate() {
  {
    echo "benchmark g"
    echo 'metric lat lat=([0-9]+)'
    arm a 'echo lat=100'
    arm b 'echo lat=150'
    arm c 'echo lat=90'
    echo "benchmark h"
    arm a 'true'
    arm b 'true'
  } >spec
  pgo compare --out runs --quiet --rounds 3 --gate metric:lat --fail-above 1.1 --csv r.csv --json r.json spec
  expect_rc "metric gate" 3
  [ "$err" = "pgo: g: b vs a: lat 1.5000x (median of 3 per-round ratios) is above --fail-above 1.1" ] ||
    fail "metric gate: one line for b (c is below, h has no lat)" "$(show)"
  [ -s r.csv ] && [ -s r.json ] || fail "the reports are written before the gate" "$(ls)"
  pgo compare --out runs --quiet --rounds 3 --gate metric:lat --fail-above 1.5 spec
  expect_rc "metric gate at the limit" 0
  pgo compare --out runs --quiet --rounds 2 --gate wall --fail-above 0.0001 spec
  expect_rc "wall gate" 3
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 3 ] || fail "wall gate: a line per arm" "$(show)"
  has_like "wall gate" "$err" "pgo: g: c vs a: wall [0-9]+\.[0-9]{4}x \(median of 2 per-round ratios\) is above --fail-above 0\.0001"
  has_like "wall gate" "$err" "pgo: h: b vs a: wall [0-9]+\.[0-9]{4}x \(median of 2 per-round ratios\) is above --fail-above 0\.0001"
  pgo compare --out runs --quiet --rounds 2 --fail-above 1000 spec
  expect_rc "cpu gate (the default), far from the limit" 0
  pgo compare --out runs --quiet --rounds 2 --gate wall spec
  expect_rc "a gate without --fail-above checks nothing" 0
  pass "gates on a metric, wall time and CPU time"

  pgo compare --out runs --gate metric:ops --fail-above 1 spec
  expect_error "gate on an unknown metric" 2 "pgo: --gate metric:ops: no benchmark in spec has a metric named 'ops'"
  pgo compare --out runs --gate speed --fail-above 1 spec
  expect_error "unknown gate" 2 "pgo: --gate takes cpu, wall or metric:<name>, not 'speed'"
  pgo compare --out runs --fail-above fast spec
  expect_error "bad limit" 2 "pgo: --fail-above takes a ratio above 0 (say 1.02), not 'fast'"
  pgo compare --out runs --fail-above 0 spec
  expect_error "zero limit" 2 "pgo: --fail-above takes a ratio above 0 (say 1.02), not '0'"
  pass "gate errors"
}

# A failing command: one line with its status and the kept stderr, then
# the end of that stderr; a program that cannot run fails before any run.
case_failure() {
  {
    echo "benchmark f"
    arm a 'true'
    arm b 'i=1; while [ $i -le 14 ]; do echo "line $i" >&2; i=$((i + 1)); done; exit 7'
  } >spec
  pgo compare --out runs spec
  expect_rc "failing command" 1
  expected="pgo: f: warm-up 1/1
pgo: f: b, warm-up 1: exited with status 7; its stderr is kept in runs/f/b.w1.stderr
[...]
line 5
line 6
line 7
line 8
line 9
line 10
line 11
line 12
line 13
line 14"
  [ "$err" = "$expected" ] || fail "failing command: stderr differs; expected:" "$expected
$(show)"
  [ -f runs/f/a.w1.stdout ] && [ -f runs/f/b.w1.stderr ] || fail "kept files of the failed round" "$(ls runs/f)"
  {
    echo "benchmark k"
    arm a 'true'
    arm b 'echo dying >&2; kill -9 $$'
  } >kill.spec
  pgo compare --out runs --quiet --warmup 0 kill.spec
  expect_error "killed command" 1 "pgo: k: b, round 1: killed by signal 9; its stderr is kept in runs/k/b.1.stderr
dying"
  pass "a failing and a killed command"

  printf 'benchmark x\narm a\narg /bin/true\narm b\narg %s/missing/prog\n' "$W" >nofile.spec
  pgo compare --out runs nofile.spec
  expect_error "missing program" 2 "pgo: x: arm 'b': cannot run '$W/missing/prog': No such file or directory"
  printf 'benchmark x\narm a\narg /bin/true\narm b\narg pgo-test-no-such-program\n' >nopath.spec
  pgo compare --out runs nopath.spec
  expect_error "program not in PATH" 2 "pgo: x: arm 'b': cannot run 'pgo-test-no-such-program': there is no such program in PATH"
  printf 'benchmark x\ncwd %s\narm a\narg /bin/true\narm b\narg ./spec\n' "$W" >noexec.spec
  pgo compare --out runs noexec.spec
  expect_error "not executable" 2 "pgo: x: arm 'b': cannot run '$W/./spec': it is not an executable file"
  [ ! -e runs/x ] || fail "nothing runs before the checks pass" "$(ls runs)"
  pass "programs that cannot run fail before any run"
}

# The size change covers every size file of an arm, summed; relative
# files are taken from cwd.
case_sizes() {
  mkdir -p bins/lib
  head -c 1000 /dev/zero >bins/ref
  head -c 600 /dev/zero >bins/exe
  head -c 500 /dev/zero >bins/lib/libx.so
  {
    echo "benchmark s"
    echo "cwd $W/bins"
    arm plain 'true' ref
    arm opt 'true' exe lib/libx.so
  } >spec
  pgo compare --out runs --quiet --rounds 2 --csv r.csv --json r.json spec
  expect_rc "sizes" 0
  has_like "size change" "$out" "s: opt vs plain: .*, size \+10\.0% \(2 files; plain: 1\)"
  sed -n 2p r.csv | grep -q ',1000,1100,2,10\.00$' || fail "CSV sizes" "$(cat r.csv)"
  grep -Fq '"size_files":["exe","lib/libx.so"],"size_bytes":1100,' r.json || fail "JSON sizes" "$(cat r.json)"
  pass "sizes summed over files"

  {
    echo "benchmark s"
    echo "cwd $W/bins"
    arm plain 'true' ref
    arm opt 'true' exe lib/missing.so
  } >missing.spec
  pgo compare --out runs missing.spec
  expect_error "missing size file" 2 "pgo: s: arm 'opt': size file '$W/bins/lib/missing.so': No such file or directory"
  : >bins/empty
  {
    echo "benchmark s"
    arm plain 'true' "$W/bins/empty"
    arm opt 'true' "$W/bins/exe"
  } >empty.spec
  pgo compare --out runs empty.spec
  expect_error "empty reference" 2 "pgo: s: the size files of the reference arm 'plain' are empty"
  {
    echo "benchmark s"
    arm plain 'true'
    arm opt 'true'
  } >none.spec
  pgo compare --out runs --quiet --rounds 1 --csv none.csv none.spec
  expect_rc "no sizes" 0
  printf '%s\n' "$out" | sed -n 1p | grep -q size && fail "no size figure without size files" "$(show)"
  sed -n 2p none.csv | grep -q ',,,0,$' || fail "CSV without sizes" "$(cat none.csv)"
  pass "size errors; no size files, no size figure"
}

# The reports: the CSV header, and JSON that parses.
case_reports() {
  {
    echo "benchmark one"
    echo 'metric ops ops=([0-9]+)'
    arm ref 'echo ops=10'
    arm x 'echo ops=20'
    arm y 'echo ops=5'
    echo "benchmark two"
    echo 'metric lat lat=([0-9]+)'
    arm ref 'echo lat=4'
    arm x 'echo lat=2'
  } >spec
  pgo compare --out runs --quiet --rounds 2 --warmup 0 --csv out/r.csv --json out/r.json spec
  expect_rc "reports" 0
  header="benchmark,arm,reference,rounds,warmup,cpu_ratio_median,cpu_ratio_min,cpu_ratio_max,cpu_ratio_count,wall_ratio_median,wall_ratio_min,wall_ratio_max,wall_ratio_count,reference_cpu_ms_median,cpu_ms_median,reference_wall_ms_median,wall_ms_median,reference_size_bytes,size_bytes,size_files,size_change_pct,ops_ratio_median,ops_ratio_min,ops_ratio_max,ops_ratio_count,reference_ops_median,ops_median,lat_ratio_median,lat_ratio_min,lat_ratio_max,lat_ratio_count,reference_lat_median,lat_median"
  [ "$(head -n 1 out/r.csv)" = "$header" ] || fail "CSV header" "$(cat out/r.csv)"
  [ "$(wc -l <out/r.csv)" -eq 4 ] || fail "a CSV row per arm but the reference" "$(cat out/r.csv)"
  sed -n 2p out/r.csv | grep -q '^one,x,ref,2,0,.*,2\.0000,2\.0000,2\.0000,2,10,20,,,,,,$' || fail "CSV row one/x" "$(cat out/r.csv)"
  sed -n 4p out/r.csv | grep -q '^two,x,ref,2,0,.*,,,,,,,0\.5000,0\.5000,0\.5000,2,4,2$' || fail "CSV row two/x" "$(cat out/r.csv)"
  awk -F, '{ print NF }' out/r.csv | sort -u | grep -qx 33 && [ "$(awk -F, '{ print NF }' out/r.csv | sort -u | wc -l)" -eq 1 ] ||
    fail "every CSV row has 33 columns" "$(cat out/r.csv)"
  cat >check.cmake <<'EOF'
file(READ "${JSON}" json)
string(JSON n ERROR_VARIABLE e LENGTH "${json}" benchmarks)
if(e)
  message(FATAL_ERROR "JSON does not parse: ${e}")
endif()
string(JSON arms LENGTH "${json}" benchmarks 0 arms)
string(JSON label GET "${json}" benchmarks 0 arms 2 label)
string(JSON ratio GET "${json}" benchmarks 0 arms 2 vs_reference metrics ops median)
string(JSON rounds LENGTH "${json}" benchmarks 1 arms 1 wall_ms rounds)
string(JSON ref GET "${json}" benchmarks 1 reference)
message("${n} ${arms} ${label} ${ratio} ${rounds} ${ref}")
EOF
  got=$(cmake -DJSON=out/r.json -P check.cmake 2>&1)
  [ "$got" = "2 3 y 0.5 2 ref" ] || fail "JSON content" "$got
$(cat out/r.json)"
  ls -A out | grep -q '^\.pgo-tmp\.' && fail "temporary files left" "$(ls -A out)"
  pass "CSV and JSON"
}

# Usage and spec errors exit 2 before anything runs.
case_errors() {
  printf 'benchmark x\narm a\narg /bin/true\narm b\narg /bin/true\n' >spec
  usage="usage: pgo compare --out DIR [--rounds N] [--warmup N] [--csv FILE] [--json FILE] [--gate cpu|wall|metric:NAME] [--fail-above RATIO] [--quiet] SPEC"
  pgo compare spec
  expect_error "no --out" 2 "pgo: pgo compare needs --out DIR, the folder that keeps each run's output; $usage"
  pgo compare --out runs
  expect_error "no spec" 2 "pgo: $usage"
  pgo compare --out runs spec other
  expect_error "two specs" 2 "pgo: $usage"
  pgo compare --out runs --frob 1 spec
  expect_error "unknown option" 2 "pgo: unknown option '--frob'; $usage"
  pgo compare --out runs --rounds 0 spec
  expect_error "zero rounds" 2 "pgo: --rounds takes a whole number from 1 to 100000, not '0'"
  pgo compare --out runs --warmup=-1 spec
  expect_error "negative warm-ups" 2 "pgo: --warmup takes a whole number from 0 to 100000, not '-1'"
  pgo compare --out runs missing.spec
  expect_error "missing spec" 2 "pgo: cannot read the spec missing.spec: No such file or directory"
  printf 'benchmark x\narm a\narg /bin/true\n\nsize\n' >bad.spec
  pgo compare --out runs bad.spec
  expect_error "spec error" 2 "pgo: bad.spec:5: 'size' needs a value"
  printf 'benchmark x\ncwd %s/nope\narm a\narg /bin/true\narm b\narg /bin/true\n' "$W" >cwd.spec
  pgo compare --out runs cwd.spec
  expect_error "missing cwd" 2 "pgo: x: cwd '$W/nope' is not a folder"
  [ ! -e runs ] || fail "nothing is made before the checks pass" "$(ls runs)"
  pass "usage and spec errors"
}

command -v "case_$CASE" >/dev/null 2>&1 || { echo "compare.sh: unknown case '$CASE'" >&2; exit 2; }
"case_$CASE"
exit 0
