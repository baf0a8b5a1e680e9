# The same as after losing only the checked copy.
include("${CMAKE_CURRENT_LIST_DIR}/Concurrent-no-copy-check.cmake")
