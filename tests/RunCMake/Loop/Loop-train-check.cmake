pgo_counted_functions(counted "${LOOP_PROFILE}")
# Static functions are stored relative to the source directory.
foreach(fn IN ITEMS main lib_work "\\./lib\\.c[:;]lib_step")
  if(NOT counted MATCHES "(^|;)${fn}(;|$)")
    string(APPEND RunCMake_TEST_FAILED "${fn} has no counts in ${LOOP_PROFILE} (counted: ${counted})\n")
  endif()
endforeach()
# Phases never touch the ordinary tree's binaries.
pgo_file_hash(hash "${LOOP_APP}")
if(NOT hash STREQUAL LOOP_APP_HASH)
  string(APPEND RunCMake_TEST_FAILED "the ordinary ${LOOP_APP} changed during pgo_instrument/pgo_train\n")
endif()
