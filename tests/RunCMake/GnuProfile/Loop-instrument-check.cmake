include("${RunCMake_SOURCE_DIR}/gnu-checks.cmake")
pgo_expect_flags("${dir}/pgo/instrument" "/lib\\.c$" PRESENT "-fprofile-generate" "-fprofile-update=prefer-atomic"
  "-fprofile-dir=${dir}/pgo/raw " "-fprofile-prefix-path=${dir}/pgo/instrument " ABSENT "-fprofile-use" "-mllvm")
