# An instrumented static library brings the profile runtime to what links it.
execute_process(COMMAND nm "${RunCMake_TEST_BINARY_DIR}/pgo/instrument/app" OUTPUT_VARIABLE symbols)
if(NOT symbols MATCHES "__llvm_profile_write_file")
  string(APPEND RunCMake_TEST_FAILED "app links the instrumented archive but has no profile runtime\n")
endif()
if(EXISTS "${RunCMake_TEST_BINARY_DIR}/pgo/instrument/plain")
  string(APPEND RunCMake_TEST_FAILED "plain was built in the instrumented tree\n")
endif()
