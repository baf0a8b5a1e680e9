#!/bin/sh
# SPDX-License-Identifier: MIT
#
# pgo-tool.sh: the profile logic shared by FindPGO.cmake and pgo.mk, so that
# both build systems find, check, train and merge in exactly the same way.
#
#   find-profdata COMPILER [LLVM_PROFDATA]
#       Print the llvm-profdata that matches COMPILER's major version. With
#       LLVM_PROFDATA, only check that one. Tries, in order: the sibling of the
#       compiler's resolved path, llvm-profdata-<major>, llvm-profdata.
#   check [ROOTS] LLVM_PROFDATA PROFILE OUTDIR
#       Check PROFILE and write a re-merged copy named after its contents to
#       OUTDIR; with ROOTS, its static functions get this tree's paths.
#       Prints key=value lines: path, functions, version (the file's
#       format), tool_version (the format this llvm-profdata writes).
#       On a bad profile prints one line with the reason and exits 1.
#   run RAWDIR NAME COMMAND [ARG...]
#       Run one training command with a parallel-safe LLVM_PROFILE_FILE and
#       record its success.
#   clear RAWDIR
#       Remove raw profiles and success records.
#   merge [ROOTS] LLVM_PROFDATA RAWDIR OUT NAME[=WEIGHT]...
#       Merge the raw profiles of the named training runs into OUT. OUT is
#       replaced atomically and only when every run succeeded and wrote data.
#       With ROOTS, static functions are stored with portable names.
#   install SRC DEST
#       Copy SRC to DEST atomically (a temporary file in DEST's folder, then a
#       rename), so that DEST is never seen half-written.
#
# ROOTS is --source-root DIR [--build-root DIR]. IR PGO names a static
# function "<source path as compiled>:<name>" (";" from LLVM 18 on), and
# CMake compiles absolute paths. A profile is stored with those paths made
# relative, "./<path>" below the source root and "@build/<path>" below the
# build root (generated sources), and made absolute again for the tree that
# uses it. Renaming in the text form and merging back also re-hashes the
# indirect-call targets, which ThinLTO needs to promote and inline calls to
# static functions across files (stripping the path at compile time instead
# would break that).
#
# Messages start with "pgo: " except the one-line reason printed by check,
# which the callers wrap in their own message.

set -u

die() {
  printf 'pgo: %s\n' "$*" >&2
  exit 1
}

# The major version of an llvm-profdata, or nothing. 14's top-level --version
# exits 0 with "Unknown command!", so ask the merge subcommand.
profdata_major() {
  "$1" merge --version 2>/dev/null |
    sed -n 's/.*LLVM version \([0-9][0-9]*\)\..*/\1/p' | head -n 1
}

compiler_major() {
  "$1" -dumpversion 2>/dev/null | sed -n '1s/^\([0-9][0-9]*\).*/\1/p'
}

resolve() {
  case $1 in
    */*) p=$1 ;;
    *) p=$(command -v "$1" 2>/dev/null) || return 1 ;;
  esac
  readlink -f "$p" 2>/dev/null || printf '%s\n' "$p"
}

cmd_find_profdata() {
  [ $# -ge 1 ] || die "usage: find-profdata COMPILER [LLVM_PROFDATA]"
  cc=$1
  major=$(compiler_major "$cc")
  [ -n "$major" ] || die "cannot read the version of compiler '$cc' (-dumpversion)"
  if [ $# -ge 2 ] && [ -n "$2" ]; then
    have=$(profdata_major "$2")
    [ -n "$have" ] || die "'$2' is not a working llvm-profdata; set PGO_LLVM_PROFDATA_EXECUTABLE to llvm-profdata-$major"
    [ "$have" = "$major" ] ||
      die "'$2' is llvm-profdata $have but the compiler is clang $major; profiles are tied to one LLVM major version: use llvm-profdata-$major"
    printf '%s\n' "$2"
    return 0
  fi
  real=$(resolve "$cc") || die "compiler '$cc' not found"
  tried=""
  seen=""
  for cand in "$(dirname "$real")/llvm-profdata" "llvm-profdata-$major" llvm-profdata; do
    path=$(command -v "$cand" 2>/dev/null) || continue
    tried="$tried $path"
    have=$(profdata_major "$path")
    if [ "$have" = "$major" ]; then
      printf '%s\n' "$path"
      return 0
    fi
    [ -n "$have" ] && seen="$seen $path (LLVM $have)"
  done
  if [ -n "$seen" ]; then
    die "no llvm-profdata for clang $major; found only${seen}: install llvm-$major or set PGO_LLVM_PROFDATA_EXECUTABLE"
  fi
  die "no llvm-profdata for clang $major found: install llvm-$major (package llvm-$major) or set PGO_LLVM_PROFDATA_EXECUTABLE"
}

# First 16 bytes of a file as lowercase hex without spaces.
head_hex() {
  od -An -tx1 -N16 "$1" 2>/dev/null | tr -d ' \n'
}

# Format version of an indexed profile: byte 8 (little-endian low byte).
# Nothing for a file too short to have one.
indexed_version() {
  h=$(head_hex "$1" | cut -c17-18)
  [ -n "$h" ] && printf '%d\n' "0x$h"
}

# The unsigned 64-bit number at byte offset $2 of file $1 (indexed profiles
# are little-endian, as is every host clang PGO runs on), or nothing.
u64_at() {
  od -An -tu8 -j"$2" -N8 "$1" 2>/dev/null | tr -d ' \n'
}

# The indexed format version this llvm-profdata writes.
tool_version() {
  d=$(mktemp -d) || return 1
  printf ':ir\n' >"$d/e.proftext"
  "$1" merge -o "$d/e.profdata" "$d/e.proftext" >/dev/null 2>&1 && indexed_version "$d/e.profdata"
  rm -rf "$d"
}

bad() {
  printf '%s\n' "$*"
  exit 1
}

# Why a file is not an indexed LLVM profile, from its first bytes.
classify_magic() {
  h=$(head_hex "$1")
  case $h in
    ff6c70726f666981*) return 0 ;;
    8172666f72706cff*) bad "is a raw .profraw file; merge raw profiles with llvm-profdata merge first" ;;
    61646367* | 67636461*) bad "is a GCC .gcda file; this package uses clang IR PGO (.profdata)" ;;
    3a6972* | 3a6665* | 23*) bad "is a text profile; convert it with llvm-profdata merge -o FILE.profdata" ;;
  esac
  bad "is not an LLVM .profdata file (bad magic)"
}

# Parse ROOTS into source_root and build_root; sets nroots to the number of
# words to shift.
parse_roots() {
  source_root="" build_root="" nroots=0
  while :; do
    case ${1:-} in
      --source-root) [ $# -ge 2 ] || die "--source-root needs a folder"; source_root=$2 ;;
      --build-root) [ $# -ge 2 ] || die "--build-root needs a folder"; build_root=$2 ;;
      *) return 0 ;;
    esac
    shift 2
    nroots=$((nroots + 2))
  done
}

# rename_functions LLVM_PROFDATA IN OUT relative|absolute: rewrite the paths
# in static function names (see ROOTS above) through the text form. A
# profile with no such name is copied as it is: the text form names
# indirect-call targets outside the profile "** External Symbol **", so a
# round trip is not free.
rename_functions() {
  PGO_SOURCE_ROOT=$source_root PGO_BUILD_ROOT=$build_root
  export PGO_SOURCE_ROOT PGO_BUILD_ROOT
  "$1" merge --text -o "$3.txt" "$2" || return 1
  awk -v mode="$4" '
    BEGIN {
      src = ENVIRON["PGO_SOURCE_ROOT"] "/"
      bld = ENVIRON["PGO_BUILD_ROOT"] "/"
      renamed = 0
    }
    mode == "relative" {
      # The build root is often inside the source root: it goes first.
      if (bld != "/" && index($0, bld) == 1) { $0 = "@build/" substr($0, length(bld) + 1); renamed = 1 }
      else if (src != "/" && index($0, src) == 1) { $0 = "./" substr($0, length(src) + 1); renamed = 1 }
    }
    mode == "absolute" {
      if (bld != "/" && substr($0, 1, 7) == "@build/") { $0 = bld substr($0, 8); renamed = 1 }
      else if (src != "/" && substr($0, 1, 2) == "./") { $0 = src substr($0, 3); renamed = 1 }
    }
    { print }
    END { exit renamed ? 0 : 3 }' "$3.txt" >"$3.names.txt"
  rc=$?
  if [ $rc -eq 0 ]; then
    "$1" merge -o "$3" "$3.names.txt"
    rc=$?
  elif [ $rc -eq 3 ]; then
    cp "$2" "$3"
    rc=$?
  fi
  rm -f "$3.txt" "$3.names.txt"
  return $rc
}

cmd_check() {
  parse_roots "$@"
  shift $nroots
  [ $# -eq 3 ] || die "usage: check [--source-root DIR] [--build-root DIR] LLVM_PROFDATA PROFILE OUTDIR"
  tool=$1 prof=$2 outdir=$3
  [ -e "$prof" ] || bad "does not exist"
  [ -d "$prof" ] && bad "is a directory, not a .profdata file"
  [ -r "$prof" ] || bad "is not readable"
  [ -s "$prof" ] || bad "is empty"
  (classify_magic "$prof") || exit 1
  # llvm-profdata reads past the end of a truncated file, so what it makes
  # of one depends on memory contents: an error, a crash, or success with
  # fewer functions. The header says where the function table starts
  # (bytes 32-39 in every format version); the table begins with its number
  # of buckets, followed by one 8-byte offset per bucket.
  size=$(wc -c <"$prof" | tr -d ' ')
  table=$(u64_at "$prof" 32)
  buckets=""
  case $table in
    '' | ????????????*) ;;
    *) [ "$table" -lt "$size" ] && buckets=$(u64_at "$prof" "$table") ;;
  esac
  case $buckets in
    '' | ??????????*) bad "is truncated: its header points past its end ($size bytes)" ;;
  esac
  [ $((table + 16 + 8 * buckets)) -le "$size" ] ||
    bad "is truncated: it has $size bytes, its header says $((table + 16 + 8 * buckets))"
  version=$(indexed_version "$prof")
  mkdir -p "$outdir" || die "cannot create $outdir"
  tmp=$outdir/.check.$$
  trap 'rm -f "$tmp" "$tmp".*' EXIT INT TERM
  "$tool" merge -o "$tmp" "$prof" >/dev/null 2>"$tmp.err"
  rc=$?
  if [ $rc -ne 0 ]; then
    if grep -q 'unsupported instrumentation profile format version' "$tmp.err"; then
      bad "has format version $version, newer than llvm-profdata $(profdata_major "$tool") reads (it writes version $(tool_version "$tool")); it was written by a newer LLVM: re-train it with this compiler"
    fi
    # A damaged file with a valid header crashes llvm-profdata (14 and 19
    # segfault in readSummary, as clang would): its stack dump is no reason.
    if [ $rc -gt 128 ] || grep -q '^PLEASE submit a bug report' "$tmp.err"; then
      bad "is corrupt: llvm-profdata $(profdata_major "$tool") crashed reading it"
    fi
    reason=$(sed -n 's/^\(warning\|error\): [^ ]*: //p' "$tmp.err" | head -n 1)
    bad "cannot be read by llvm-profdata: ${reason:-$(head -n 1 "$tmp.err")}"
  fi
  functions=$("$tool" show "$tmp" 2>/dev/null | sed -n 's/^Total functions: *\([0-9][0-9]*\).*/\1/p')
  [ "${functions:-0}" -gt 0 ] || bad "holds no functions (truncated or empty profile)"
  if [ -n "$source_root$build_root" ]; then
    rename_functions "$tool" "$tmp" "$tmp.named" absolute && mv -f "$tmp.named" "$tmp" ||
      die "cannot rename the static functions of $prof"
  fi
  sum=$(cksum <"$tmp" | awk '{ print $1 "-" $2 }')
  path=$outdir/$sum.profdata
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$path" || die "cannot write $path"
  fi
  printf 'path=%s\nfunctions=%s\nversion=%s\ntool_version=%s\n' \
    "$path" "$functions" "$version" "$(indexed_version "$path")"
}

cmd_run() {
  [ $# -ge 3 ] || die "usage: run RAWDIR NAME COMMAND [ARG...]"
  rawdir=$1 name=$2
  shift 2
  mkdir -p "$rawdir" || die "cannot create $rawdir"
  # A re-run replaces the previous data of this training run only.
  rm -f "$rawdir/$name.ok" "$rawdir/$name".*.profraw
  # %p keeps parallel processes apart; %m keeps apart the modules (executable
  # and shared libraries) of one process.
  LLVM_PROFILE_FILE="$rawdir/$name.%p-%m.profraw"
  export LLVM_PROFILE_FILE
  "$@"
  rc=$?
  if [ $rc -eq 0 ]; then
    : >"$rawdir/$name.ok"
  fi
  exit $rc
}

cmd_clear() {
  [ $# -eq 1 ] || die "usage: clear RAWDIR"
  mkdir -p "$1" || die "cannot create $1"
  rm -f "$1"/*.profraw "$1"/*.ok
}

cmd_merge() {
  parse_roots "$@"
  shift $nroots
  [ $# -ge 4 ] || die "usage: merge [--source-root DIR] [--build-root DIR] LLVM_PROFDATA RAWDIR OUT NAME[=WEIGHT]..."
  tool=$1 rawdir=$2 out=$3
  shift 3
  set -- "$@" --
  nfiles=0
  while [ "$1" != -- ]; do
    name=${1%%=*}
    weight=1
    case $1 in *=*) weight=${1#*=} ;; esac
    shift
    [ -f "$rawdir/$name.ok" ] ||
      die "training run '$name' failed or did not run (see its output above); kept the previous profile $out"
    found=0
    for f in "$rawdir/$name".*.profraw; do
      [ -s "$f" ] || continue
      found=1
      nfiles=$((nfiles + 1))
      if [ "$weight" = 1 ]; then set -- "$@" "$f"; else set -- "$@" "--weighted-input=$weight,$f"; fi
    done
    [ $found = 1 ] ||
      die "training run '$name' wrote no raw profile: its command must run an instrumented binary (built by pgo_instrument); kept the previous profile $out"
  done
  shift
  mkdir -p "$(dirname "$out")" || die "cannot create the folder of $out"
  # Not mktemp: its 0600 mode would end up on a profile meant to be shared.
  tmp=$out.tmp.$$
  trap 'rm -f "$tmp" "$tmp".*' EXIT INT TERM
  "$tool" merge -o "$tmp" "$@" ||
    die "llvm-profdata merge failed; kept the previous profile $out"
  functions=$("$tool" show "$tmp" 2>/dev/null | sed -n 's/^Total functions: *\([0-9][0-9]*\).*/\1/p')
  [ "${functions:-0}" -gt 0 ] ||
    die "the merged profile holds no functions; kept the previous profile $out"
  if [ -n "$source_root$build_root" ]; then
    rename_functions "$tool" "$tmp" "$tmp.named" relative && mv -f "$tmp.named" "$tmp" ||
      die "cannot rename the static functions of the merged profile; kept the previous profile $out"
  fi
  mv -f "$tmp" "$out" || die "cannot replace $out"
  trap - EXIT INT TERM
  printf 'pgo: merged %s raw profiles into %s (%s functions)\n' "$nfiles" "$out" "$functions"
}

cmd_install() {
  [ $# -eq 2 ] || die "usage: install SRC DEST"
  src=$1 dest=$2
  [ -f "$src" ] || die "no trained profile at $src: run pgo_train first"
  tmp=$dest.tmp.$$
  trap 'rm -f "$tmp"' EXIT INT TERM
  cp "$src" "$tmp" || die "cannot write next to $dest"
  mv -f "$tmp" "$dest" || die "cannot replace $dest"
  trap - EXIT INT TERM
  printf 'pgo: updated %s\n' "$dest"
}

[ $# -ge 1 ] || die "usage: pgo-tool.sh find-profdata|check|run|clear|merge|install ARGS..."
sub=$1
shift
case $sub in
  find-profdata) cmd_find_profdata "$@" ;;
  check) cmd_check "$@" ;;
  run) cmd_run "$@" ;;
  clear) cmd_clear "$@" ;;
  merge) cmd_merge "$@" ;;
  install) cmd_install "$@" ;;
  *) die "unknown command '$sub'" ;;
esac
