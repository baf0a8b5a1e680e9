pgo_expect_compiled()
