set(dir "${RunCMake_TEST_BINARY_DIR}")
if(SAMPLE_READY_EXPECT STREQUAL "on")
  pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT " -g " " -funique-internal-linkage-names" " -fmacro-prefix-map=[^ ]*/= ")
elseif(SAMPLE_READY_EXPECT STREQUAL "debug")
  # -g from the configuration stays, once.
  pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT " -g " " -funique-internal-linkage-names" ABSENT " -g .* -g ")
else()
  pgo_expect_flags("${dir}" "/lib\\.c$" ABSENT " -g " "-funique-internal-linkage-names" "-fmacro-prefix-map")
endif()
