find_package(PGO)
pgo_target()
