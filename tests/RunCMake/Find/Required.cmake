find_package(PGO REQUIRED)
message(STATUS "PGO_FOUND=${PGO_FOUND}")
