file(STRINGS "${RunCMake_TEST_BINARY_DIR}/pgo/compare.csv" rows)
list(LENGTH rows n)
if(NOT n EQUAL 2 OR NOT rows MATCHES "^benchmark,rounds,baseline_wall_ms,.*;interp,3,")
  string(APPEND RunCMake_TEST_FAILED "unexpected compare.csv: ${rows}\n")
endif()
# The baseline is the same program built without PGO.
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}/pgo/baseline" "/vm\\.c$" ABSENT "-fprofile" "-flto")
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}/pgo/optimize" "/vm\\.c$" PRESENT "-fprofile-use=" "-flto=thin")
