# The phase trees never overwrite the ordinary tree's binary.
pgo_file_hash(hash "${out_dir}/app")
if(NOT hash STREQUAL app_hash)
  string(APPEND RunCMake_TEST_FAILED "pgo_train overwrote ${out_dir}/app\n")
endif()
file(GLOB_RECURSE instrumented "${RunCMake_TEST_BINARY_DIR}/pgo/instrument/pgo-outputs/*/app")
if(NOT instrumented)
  string(APPEND RunCMake_TEST_FAILED "no instrumented app under pgo/instrument/pgo-outputs\n")
endif()
