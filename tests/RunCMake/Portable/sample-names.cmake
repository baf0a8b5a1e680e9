# The static functions of app with their unique-linkage names, sorted.
execute_process(COMMAND nm "${RunCMake_TEST_BINARY_DIR}/app" OUTPUT_VARIABLE nm_out RESULT_VARIABLE nm_rc)
string(REGEX MATCHALL "[a-z]step[a-z]*\\.__uniq\\.[0-9]+" names "${nm_out}")
list(SORT names)
list(LENGTH names count)
if(NOT nm_rc EQUAL 0 OR NOT count EQUAL 4)
  string(APPEND RunCMake_TEST_FAILED "expected the 4 static functions of app with unique names (mstep, dstep, gstep, kstep), got ${count}: ${names}\n")
endif()
