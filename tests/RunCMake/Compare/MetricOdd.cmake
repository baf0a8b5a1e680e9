find_package(PGO)
add_executable(app bench.c work.c deep.c)
pgo_add_benchmark(NAME speed COMMAND app METRIC ops "ops=([0-9]+)" lat)
