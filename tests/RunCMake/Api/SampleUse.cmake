# default.profdata may hold a sample profile: told apart by content, used
# with -fprofile-sample-use; stale entries stay quiet under -Werror.
find_package(PGO)
add_executable(app main.c lib.c)
target_compile_options(app PRIVATE -Wall -Werror)
pgo_target(app)
