# Every kind of target takes the flags; targets not opted in never do.
find_package(PGO)
add_library(archive STATIC lib.c)
add_library(shared SHARED shlib.c)
add_library(objects OBJECT lib.c)
add_executable(cxxapp main.cpp)
add_executable(app main.c)
target_link_libraries(app PRIVATE archive)
add_executable(plain main.c lib.c)
pgo_target(archive shared objects cxxapp)
# A program that is not opted in, using an opted-in shared library: the
# library writes its own raw profile.
add_executable(usesshared usesshared.c)
target_link_libraries(usesshared PRIVATE shared)
pgo_add_training(NAME run COMMAND app)
pgo_add_training(NAME shared COMMAND usesshared)
