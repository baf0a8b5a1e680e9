find_package(PGO QUIET)
message(STATUS "PGO_FOUND=${PGO_FOUND}")
