# Only app's objects and the new profile's record: not the plain library
# app links, not tool, not subapp.
pgo_expect_compiled(app/main.c app/lib.c pgo-note CONFIGURED)
# The copy of the old contents is gone: one per profile in use.
file(GLOB copies "${RunCMake_TEST_BINARY_DIR}/pgo/use/*.profdata")
list(LENGTH copies n)
if(NOT n EQUAL 2)
  string(APPEND RunCMake_TEST_FAILED "pgo/use holds ${n} profiles, expected 2: ${copies}\n")
endif()
