# The new profile is checked and used now: one copy, valid, on the
# compile line.
file(GLOB copies "${INT_BUILD}/pgo/use/*.profdata")
list(LENGTH copies n)
if(NOT n EQUAL 1 OR copies STREQUAL INT_COPIES)
  string(APPEND RunCMake_TEST_FAILED "pgo/use holds [${copies}], expected one new copy\n")
else()
  execute_process(COMMAND "${INT_REAL_PROFDATA}" show "${copies}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    string(APPEND RunCMake_TEST_FAILED "${copies} is not a valid profile\n")
  endif()
  pgo_expect_flags("${INT_BUILD}" "/proj/lib\\.c$" PRESENT "-fprofile-use=${copies}")
endif()
pgo_expect_profiled("${INT_BUILD}" "/proj/lib\\.c$" WITH lib_work lib_step)
