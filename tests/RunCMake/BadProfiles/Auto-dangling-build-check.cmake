include("${RunCMake_SOURCE_DIR}/plain-check.cmake")
