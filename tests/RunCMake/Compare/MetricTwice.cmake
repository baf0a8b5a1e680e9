find_package(PGO)
add_executable(app bench.c work.c deep.c)
pgo_add_benchmark(NAME speed COMMAND app METRIC ops "a=([0-9]+)" METRIC ops "b=([0-9]+)")
