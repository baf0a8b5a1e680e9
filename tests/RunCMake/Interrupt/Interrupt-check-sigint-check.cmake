include("${RunCMake_SOURCE_DIR}/intact.cmake")
