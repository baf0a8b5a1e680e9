pgo_expect_compiled(subapp/sub.c CONFIGURED)
