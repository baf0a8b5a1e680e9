include("${RunCMake_SOURCE_DIR}/continuous-check.cmake")
