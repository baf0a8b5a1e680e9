set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT "-fprofile-sample-use=${dir}/pgo/use/[0-9a-f]+-[0-9a-f]+\\.profdata"
  " -funique-internal-linkage-names" " -g " " -mllvm -no-discriminators" ABSENT "-fprofile-use=" "-no-pgo-warn-mismatch")
