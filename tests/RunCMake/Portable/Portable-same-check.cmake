# The profile of the instrumented tree (<build>/pgo/instrument) applies in
# full to the ordinary tree (<build>), the generated gen.c included.
pgo_count(missing "no profile data available for function" "${RunCMake_TEST_STDOUT}")
if(NOT missing EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "${missing} functions found no profile data:\n${RunCMake_TEST_STDOUT}\n")
endif()
include("${RunCMake_SOURCE_DIR}/portable-count.cmake")
