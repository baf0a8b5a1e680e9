# Ordinary builds of opted-in targets are ready to be sampled: line tables
# and unique static names, nothing for other targets.
find_package(PGO)
add_executable(app main.c lib.c)
add_executable(other main.c lib.c)
pgo_target(app)
