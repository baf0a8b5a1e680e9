# Static functions are named after their path below the top-level source
# directory (main.c:mstep, sub/deep.c:dstep; 19 and later write ';'), and a
# source generated in the build tree after its file name (gen.c:gstep,
# made.c:kstep):
# nothing in a name depends on where the checkout or the build tree is.
pgo_profile_names(names "${RunCMake_TEST_BINARY_DIR}/pgo/train.profdata")
list(SORT names)
set(expected "deep_work;gen.c:gstep;gen_work;made.c:kstep;made_work;main;main.c:mstep;sub/deep.c:dstep")
if(NOT names STREQUAL expected)
  string(APPEND RunCMake_TEST_FAILED "the trained profile names [${names}], expected [${expected}]\n")
endif()
