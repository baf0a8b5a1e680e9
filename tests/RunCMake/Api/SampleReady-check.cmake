set(dir "${RunCMake_TEST_BINARY_DIR}")
if(SAMPLE_READY_EXPECT STREQUAL "on")
  pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT " -gline-tables-only" " -funique-internal-linkage-names")
elseif(SAMPLE_READY_EXPECT STREQUAL "debug")
  # -g from the configuration stays, and is not reduced to line tables.
  pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT " -g " " -funique-internal-linkage-names" ABSENT "-gline-tables-only")
else()
  pgo_expect_flags("${dir}" "/lib\\.c$" ABSENT "-gline-tables-only" "-funique-internal-linkage-names")
endif()
