# Touched, not changed: configure runs again, nothing is compiled.
pgo_expect_compiled(CONFIGURED)
