# A second find_package() (as from another directory) sets the same results.
find_package(PGO QUIET)
unset(PGO_FOUND)
find_package(PGO)
message(STATUS "PGO_FOUND=${PGO_FOUND}")
