# Shared by the checks: the last good profiles are untouched, and nothing
# half-written is where a build reads a profile.
pgo_file_hash(hash "${INT_TRAINED}")
if(NOT hash STREQUAL INT_TRAINED_HASH)
  string(APPEND RunCMake_TEST_FAILED "${INT_TRAINED} changed\n")
endif()
pgo_file_hash(hash "${INT_DEFAULT}")
if(NOT hash STREQUAL INT_DEFAULT_HASH)
  string(APPEND RunCMake_TEST_FAILED "${INT_DEFAULT} changed\n")
endif()
file(GLOB copies "${INT_BUILD}/pgo/use/*.profdata")
if(NOT copies STREQUAL INT_COPIES)
  string(APPEND RunCMake_TEST_FAILED "pgo/use holds [${copies}], expected [${INT_COPIES}]\n")
endif()
# No temporary file is left behind either.
file(GLOB_RECURSE leftovers "${INT_BUILD}/pgo/*.tmp.*" "${INT_BUILD}/pgo/.pgo-tmp.*" "${INT_BUILD}/pgo/use/.pgo-tmp.*" "${INT_SRC}/*.tmp.*" "${INT_SRC}/.pgo-tmp.*")
if(leftovers)
  string(APPEND RunCMake_TEST_FAILED "temporary files left: ${leftovers}\n")
endif()
