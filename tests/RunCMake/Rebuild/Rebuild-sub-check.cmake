pgo_expect_compiled(subapp/sub.c pgo-note CONFIGURED)
