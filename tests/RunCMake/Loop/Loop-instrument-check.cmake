# The instrumented tree is configured like this one (build type, user
# options) and builds only the opted-in target.
set(tree "${RunCMake_TEST_BINARY_DIR}/pgo/instrument")
pgo_expect_flags("${tree}" "/lib\\.c$"
  PRESENT "-DLOOP_VALUE=7" "-DLOOP_TOOLCHAIN" "-O3" "-flto=thin" "-fprofile-generate=${RunCMake_TEST_BINARY_DIR}/pgo/raw"
  ABSENT "-fprofile-use")
if(NOT EXISTS "${tree}/${LOOP_PHASE_APP}")
  string(APPEND RunCMake_TEST_FAILED "no instrumented ${tree}/${LOOP_PHASE_APP}\n")
endif()
if(EXISTS "${tree}/tool" OR EXISTS "${tree}/${LOOP_CONFIG}/tool")
  string(APPEND RunCMake_TEST_FAILED "tool was built in the instrumented tree, but is not opted in\n")
endif()
# -fprofile-generate on the link line is what links the profile runtime.
execute_process(COMMAND nm "${tree}/${LOOP_PHASE_APP}" OUTPUT_VARIABLE symbols)
if(NOT symbols MATCHES "__llvm_profile_write_file")
  string(APPEND RunCMake_TEST_FAILED "the instrumented app has no profile runtime\n")
endif()
