#!/bin/sh
# A linker without LLVM's plugin: GNU ld, minus the plugin clang hands it.
skip=0
for arg do
  shift
  if [ $skip = 1 ]; then skip=0; continue; fi
  case $arg in
    -plugin) skip=1; continue ;;
    -plugin-opt=*) continue ;;
  esac
  set -- "$@" "$arg"
done
exec ld "$@"
