#!/bin/sh
# SPDX-License-Identifier: MIT
#
# What pgo.mk costs a make that has nothing to do (not a CTest test):
#
#     sh tests/make/bench_noop.sh [SCRATCH [OLD_PGO_MK]]
#
# In copies of examples/minimal-make below SCRATCH (default: a new
# temporary folder), after one real build, it times a no-op "make" and
# counts the processes it starts (execve calls, make itself included):
#   - plain:   the Makefile without its two pgo.mk lines;
#   - pgo.mk:  this repository's make/pgo.mk;
#   - old:     OLD_PGO_MK, if given (e.g. git show HEAD~1:make/pgo.mk >old.mk),
#              with this repository's cmake/ beside it (cmake/pgo-tool.sh);
# each with the checked-in default.profdata (1 KB) and with a 200 MB one
# (made from a generated text profile with llvm-profdata merge). It prints
# the figures side by side and the difference to plain.
#
# Timing uses hyperfine if it is installed (BENCH_RUNS runs, default 30,
# after 3 warm-up runs), else a loop of BENCH_RUNS (default 20) runs.
# Process counts need strace. BENCH_CC is the clang (default clang-14),
# BENCH_PROFILE_MB the size of the big profile (default 200).
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
S=${1:-}
[ -n "$S" ] || S=$(mktemp -d "${TMPDIR:-/tmp}/pgo-bench.XXXXXX") || exit 2
mkdir -p "$S" && S=$(cd "$S" && pwd) || exit 2
OLD=${2:-}
CC_=${BENCH_CC:-clang-14}
MB=${BENCH_PROFILE_MB:-200}
major=$("$CC_" -dumpversion | cut -d. -f1)
PROFDATA=llvm-profdata-$major
command -v "$PROFDATA" >/dev/null 2>&1 || { echo "bench_noop: $PROFDATA not found" >&2; exit 2; }
unset MAKEFLAGS MFLAGS MAKELEVEL V CFLAGS LDFLAGS
LC_ALL=C
export LC_ALL

die() { echo "bench_noop: $*" >&2; exit 1; }

# copy NAME PGO_MK: $S/NAME/examples/minimal-make with make/pgo.mk from
# PGO_MK (empty: without the include lines), cmake/ beside make/.
copy() {
  d=$S/$1
  rm -rf "$d" && mkdir -p "$d/examples" "$d/make" || die "mkdir $d"
  cp -R "$ROOT/cmake" "$d/" && cp -R "$ROOT/examples/minimal-make" "$d/examples/" || die "cp to $d"
  rm -rf "$d/examples/minimal-make/.pgo"
  if [ -n "$2" ]; then
    cp "$2" "$d/make/pgo.mk" || die "cp $2"
  else
    grep -v -e '^PGO_TRAIN = ' -e '^include .*pgo\.mk$' "$ROOT/examples/minimal-make/Makefile" \
      >"$d/examples/minimal-make/Makefile" || die "Makefile without pgo.mk"
  fi
}

# The big profile: functions with many counters, as text, merged.
big=$S/big.profdata
if [ ! -f "$big" ] || [ "$(($(wc -c <"$big") / 1048576))" -lt "$((MB * 9 / 10))" ]; then
  echo "making a ${MB} MB profile (once) ..." >&2
  awk -v mb="$MB" 'BEGIN {
    counters = 100000; n = int(mb * 1048576 / (8 * counters)) + 1
    print ":ir"
    for (f = 0; f < n; f++) {
      printf "bench_fn_%d\n# Func Hash:\n%d\n# Num Counters:\n%d\n# Counter Values:\n", f, 1000 + f, counters
      for (c = 0; c < counters; c++) print (c * 7 + f) % 1000 + 1
      print ""
    }
  }' >"$S/big.proftext" || die "awk"
  "$PROFDATA" merge -o "$big" "$S/big.proftext" || die "$PROFDATA merge"
  rm -f "$S/big.proftext"
fi

variants="plain pgo.mk"
copy plain ""
copy pgo.mk "$ROOT/make/pgo.mk"
if [ -n "$OLD" ]; then
  [ -f "$OLD" ] || die "no $OLD"
  [ -f "$ROOT/cmake/pgo-tool.sh" ] || die "the old pgo.mk needs cmake/pgo-tool.sh, which is gone"
  copy old "$OLD"
  variants="$variants old"
fi

have() { command -v "$1" >/dev/null 2>&1; }

# ms DIR: the mean (and spread) of a no-op make in DIR, in ms.
ms() {
  if have hyperfine; then
    hyperfine -N --warmup 3 --runs "${BENCH_RUNS:-30}" --export-csv "$S/h.csv" \
      "make -C $1 --no-print-directory -s CC=$CC_" >/dev/null 2>&1 || { echo "?"; return; }
    awk -F, 'NR == 2 { printf "%.1f ± %.1f (median %.1f)", $2 * 1000, $3 * 1000, $4 * 1000 }' "$S/h.csv"
  else
    runs=${BENCH_RUNS:-20}
    t0=$(date +%s%N)
    i=0
    while [ "$i" -lt "$runs" ]; do make -C "$1" --no-print-directory -s CC="$CC_" >/dev/null 2>&1; i=$((i + 1)); done
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" -v n="$runs" 'BEGIN { printf "%.1f (mean of %d)", (b - a) / n / 1e6, n }'
  fi
}

# procs DIR: how many processes a no-op make in DIR starts.
procs() {
  if have strace; then
    strace -f -qq -e trace=execve -o "$S/strace.log" make -C "$1" --no-print-directory -s CC="$CC_" >/dev/null 2>&1
    grep -c 'execve(.*= 0$' "$S/strace.log"
  else
    echo "?"
  fi
}

# mean_ms TEXT: the leading number of a ms() result.
mean_ms() { printf '%s\n' "$1" | sed 's/^\([0-9.]*\).*/\1/'; }

report() {
  label=$1
  printf '\n%s\n' "$label"
  printf '  %-8s %-34s %-10s %s\n' variant "no-op make, ms" processes "vs plain"
  base=""
  for v in $variants; do
    dir=$S/$v/examples/minimal-make
    make -C "$dir" --no-print-directory -s CC="$CC_" >/dev/null 2>"$S/$v.err" || die "the build in $dir failed: $(cat "$S/$v.err")"
    make -C "$dir" --no-print-directory -s CC="$CC_" >/dev/null 2>&1
    sync
    t=$(ms "$dir")
    p=$(procs "$dir")
    m=$(mean_ms "$t")
    if [ -z "$base" ]; then
      base=$m
      d="-"
    else
      d=$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%+.1f ms (x%.1f)", a - b, (b > 0 ? a / b : 0) }')
    fi
    printf '  %-8s %-34s %-10s %s\n' "$v" "$t" "$p" "$d"
  done
}

echo "pgo.mk no-op cost: examples/minimal-make, CC=$CC_, make $(make --version | sed -n '1s/GNU Make //p'), in $S"
report "with the checked-in default.profdata ($(wc -c <"$ROOT/examples/minimal-make/default.profdata") bytes):"
for v in $variants; do cp "$big" "$S/$v/examples/minimal-make/default.profdata"; done
report "with a $(($(wc -c <"$big") / 1048576)) MB default.profdata:"
