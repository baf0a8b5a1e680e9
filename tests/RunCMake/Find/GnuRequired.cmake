find_package(PGO REQUIRED)
