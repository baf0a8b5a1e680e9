#!/bin/sh
# SPDX-License-Identifier: MIT
#
# install-deps.sh --demo | --test [--print]
#
# Installs what the README's two commands need, on Debian 12 (the platform
# CI runs on) or Ubuntu 24.04, with apt-get (through sudo when not root):
#
#   --demo   the main job: the whole PGO loop on examples/interp with clang-14
#   --test   the test suite: every compiler it tests (clang 14, 15, 16, 19
#            and 22 on Debian 12; gcc), ccache, perf and the build tools
#   --print  print the package list instead of installing it
#
# The README and .ci/run both call this script, so the lists cannot drift.
# Why the lists are longer than "clang-N": apt's --no-install-recommends
# (and minimal images) leave out libclang-rt-N-dev, which holds clang's
# profile runtime (libclang_rt.profile-*.a); without it every instrumented
# link fails. clang-15 keeps that runtime in libclang-common-15-dev, which
# clang-15 depends on, so it has no libclang-rt-15-dev. llvm-N holds
# llvm-profdata-N, lld-N the ld.lld-N linker.
set -eu

usage() {
  echo "usage: sh tests/install-deps.sh --demo|--test [--print]" >&2
  exit 2
}

mode="" print=0
for arg; do
  case $arg in
    --demo | --test) mode=${arg#--} ;;
    --print) print=1 ;;
    *) usage ;;
  esac
done
[ -n "$mode" ] || usage

# Distribution and the clang majors its archive has.
id="" version=""
if [ -r /etc/os-release ]; then
  id=$(. /etc/os-release && echo "${ID:-}")
  version=$(. /etc/os-release && echo "${VERSION_ID:-}")
fi
case $id-$version in
  debian-12) test_majors="14 15 16 19 22" ;;
  ubuntu-24.04) test_majors="14 15 16 17 18 19" ;;
  *)
    echo "install-deps.sh: this is ${id:-an unknown system} ${version}; the package lists are for Debian 12 and Ubuntu 24.04: install the packages by hand (see --print on one of those)" >&2
    [ "$print" = 1 ] || exit 2
    test_majors="14 15 16 19 22"
    ;;
esac

# The packages of one clang major: compiler, profile runtime, llvm-profdata, lld.
clang_packages() {
  printf 'clang-%s llvm-%s lld-%s' "$1" "$1" "$1"
  [ "$1" = 15 ] || printf ' libclang-rt-%s-dev' "$1"
  printf '\n'
}

packages="cmake ninja-build make binutils $(clang_packages 14)"
if [ "$mode" = test ]; then
  for major in $test_majors; do
    [ "$major" = 14 ] || packages="$packages $(clang_packages "$major")"
  done
  packages="$packages gcc g++ ccache git"
  # perf, for pgo collect (sample profiles of running programs).
  case $id in
    ubuntu) packages="$packages linux-tools-common linux-tools-generic" ;;
    *) packages="$packages linux-perf" ;;
  esac
fi

if [ "$print" = 1 ]; then
  echo "$packages"
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "install-deps.sh: not root and no sudo: run it as root, or install: $packages" >&2
    exit 2
  }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# $packages is our own list of package names: split on spaces on purpose.
# shellcheck disable=SC2086
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null

# The one file a missing recommends loses: check it is there for each clang.
majors=14
[ "$mode" = test ] && majors=$test_majors
for major in $majors; do
  # clang prints the bare name back when it does not find the file.
  runtime=$("clang-$major" -print-file-name=libclang_rt.profile-x86_64.a 2>/dev/null || :)
  case $runtime in
    /*) [ -f "$runtime" ] && continue ;;
  esac
  echo "install-deps.sh: clang-$major has no profile runtime (libclang_rt.profile-x86_64.a): install libclang-rt-$major-dev" >&2
  exit 1
done
echo "install-deps.sh: installed the $mode dependencies: $packages"
