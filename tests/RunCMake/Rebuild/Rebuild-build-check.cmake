# (pgo-note: the records of the two profiles in use.)
pgo_expect_compiled(app/main.c app/lib.c plain/plain.c tool/tool.c subapp/sub.c pgo-note pgo-note)
