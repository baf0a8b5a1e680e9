find_package(PGO REQUIRED)
add_executable(app main.c lib.c)
# Two targets read the same file: it is checked, and reported, once.
add_executable(app2 main.c lib.c)
pgo_target(app app2)
