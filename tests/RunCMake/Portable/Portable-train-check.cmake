# Static functions are named after their path below the top-level source
# directory (./main.c:mstep, ./sub/deep.c:dstep; 19 and later write ';'),
# or below the build tree for generated sources (@build/gen.c:gstep):
# nothing in a name depends on where the checkout or the build tree is.
pgo_profile_names(names "${RunCMake_TEST_BINARY_DIR}/pgo/train.profdata")
list(SORT names)
set(expected "./main.c:mstep;./sub/deep.c:dstep;@build/gen.c:gstep;@build/made.c:kstep;deep_work;gen_work;made_work;main")
if(NOT names STREQUAL expected)
  string(APPEND RunCMake_TEST_FAILED "the trained profile names [${names}], expected [${expected}]\n")
endif()
