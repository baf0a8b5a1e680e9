include("${RunCMake_SOURCE_DIR}/gnu-plain-check.cmake")
