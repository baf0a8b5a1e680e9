pgo_expect_compiled(app/main.c app/lib.c plain/plain.c tool/tool.c subapp/sub.c)
