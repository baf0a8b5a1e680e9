pgo_compiled_objects(objects "${RunCMake_TEST_STDOUT}")
if(objects)
  string(APPEND RunCMake_TEST_FAILED "an unchanged profile compiled [${objects}]\n")
endif()
