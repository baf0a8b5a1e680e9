find_package(PGO)
pgo_add_benchmark(NAME speed COMMAND true)
